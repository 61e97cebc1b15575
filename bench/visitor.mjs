// One visitor with several tabs: pages of one browser context (they share localStorage, BroadcastChannel and
// navigator.locks, as a real browser's tabs do), each showing the widget with the same user-id. Used by the
// live-conversation phases (tabs.mjs, takeover.mjs, loss.mjs). Every wait is bounded.
import { INIT_SCRIPT, widgetPage } from './page.mjs';
import { track, waitFor } from './deadline.mjs';

let counter = 0;
/** A user ID unique to this run (the API takes at most 32 characters). */
export const visitorId = (prefix) => `${prefix}-${process.pid.toString(36)}-${(++counter).toString(36)}`.slice(0, 30);

/** How long a tab may take to show the widget connected (a CONNECT, or joining another tab's conversation). */
const CONNECT_MS = 20_000;

/**
 * A browser context on `server` for one visitor (`attrs` go on the element; the chat is open, so the conversation
 * starts as soon as the first tab loads). Returns { userId, context, tabs, addTab, tab, close }.
 */
export async function openVisitor(browser, server, { prefix = 'v', attrs = {} } = {}) {
  const userId = visitorId(prefix);
  const url = server.page(widgetPage({ 'channel-id': 'bench', 'user-id': userId, open: true, ...attrs }));
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const untrack = track(`browser context of ${userId}`, () => context.close());
  await context.addInitScript(INIT_SCRIPT);
  /** Open tabs: { page, id } (id: the document's x-bench-tab, new after a reload). */
  const tabs = [];

  const ready = async (tab) => {
    await tab.page.evaluate(
      (ms) =>
        Promise.race([
          window.bench.connected,
          new Promise((_, reject) => setTimeout(() => reject(new Error(`the widget was not connected within ${ms} ms`)), ms)),
        ]),
      CONNECT_MS,
    );
    tab.id = await tab.page.evaluate(() => window.__bench.tab);
    return tab;
  };

  const visitor = {
    userId,
    context,
    tabs,
    /** Opens one more tab and waits until its widget is connected (or has joined the live conversation). */
    async addTab() {
      const page = await context.newPage();
      page.on('pageerror', (error) => console.error(`  [page error] ${error.message}`));
      const tab = { page, id: '' };
      tabs.push(tab);
      await page.goto(url);
      return ready(tab);
    },
    /** The open tab whose document has this x-bench-tab id. */
    tab: (id) => tabs.find((t) => t.id === id),
    /** Closes a tab as a visitor does (page.close() releases its Web Locks). */
    async closeTab(tab) {
      tabs.splice(tabs.indexOf(tab), 1);
      await tab.page.close();
    },
    /** Reloads a tab and waits until its widget is back in the conversation. */
    async reloadTab(tab) {
      await tab.page.reload();
      return ready(tab);
    },
    close: async () => {
      untrack();
      await context.close();
    },
  };
  return visitor;
}

/**
 * The tab that polls for `visitor`: the one whose poll the server saw last (after `since`, performance.now() of
 * this process), among its open tabs; waits for one (bounded).
 */
export function pollingTab(server, visitor, { since = 0, ms = 15_000 } = {}) {
  return waitFor(
    'a poll from one of the visitor’s tabs',
    () => {
      for (let i = server.log.length - 1; i >= 0 && server.log[i].t > since; i--) {
        const entry = server.log[i];
        if (entry.op === 'poll') return visitor.tab(entry.tab);
      }
      return undefined;
    },
    { ms },
  );
}
