// 8. The takeover gap: one visitor with 3 tabs and a live conversation; the tab that polls is closed
// (page.close(), which releases its Web Lock) and the time is taken from the close until the next poll from another
// tab reaches the server. Repeated, a fresh tab opened after each close so 3 stay open; the close falls at a random
// point of the poll's hold or of the wait between polls. Old build beside new, one after the other (not at once, so
// neither's timing waits on the other's work).
/* global performance */
import { startBenchServer } from './server.mjs';
import { openVisitor, pollingTab } from './visitor.mjs';
import { waitFor } from './deadline.mjs';
import { summarize } from './stats.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const TABS = 3;

async function takeovers(browser, modules, dist, closes) {
  const server = await startBenchServer(modules, { pollHoldMs: 5000 }, { dist });
  const visitor = await openVisitor(browser, server, { prefix: 'k' });
  const gaps = [];
  const toCatchUp = [];
  let opened = Infinity;
  try {
    for (let i = 0; i < TABS; i++) await visitor.addTab();
    await sleep(1500);
    opened = performance.now();
    for (let k = 0; k < closes; k++) {
      await pollingTab(server, visitor);
      await sleep(Math.random() * 3000);
      // The tab may have changed meanwhile (old build: each tab polls in turn): the last to poll is closed.
      const closing = await pollingTab(server, visitor);
      const t0 = performance.now();
      await visitor.closeTab(closing);
      const next = await waitFor(
        'a poll from another tab after the polling tab closed',
        () => server.log.find((x) => x.t > t0 && x.op === 'poll' && x.tab !== closing.id),
        { ms: 20_000, everyMs: 5 },
      );
      gaps.push(next.t - t0);
      await sleep(1500);
      // The new poller's catch-up (the closed tab's poll may have been answered as it went), before the next tab.
      const history = server.log.find((x) => x.t > t0 && x.op === 'queryHistoryChatMessage');
      if (history) toCatchUp.push(history.t - t0);
      await visitor.addTab();
      await sleep(1500);
    }
  } finally {
    await visitor.close();
    await server.close();
  }
  // A tab that takes over should poll with the conversation's token (told by the tab before): a new applyToken
  // after a close means it did not have it.
  const applyTokens = server.log.filter((x) => x.t > opened && x.op === 'applyToken').length;
  return {
    closes,
    applyTokens,
    gapMs: summarize(gaps),
    gapsMs: gaps.map((g) => Math.round(g)),
    catchUps: toCatchUp.length,
    catchUpAfterMs: toCatchUp.length ? summarize(toCatchUp) : null,
  };
}

/** The takeover gap of each build (`builds`: name → dist folder), `closes` times each. */
export async function benchTakeover(browser, modules, builds, { closes = 8, log = () => {} } = {}) {
  const out = { tabs: TABS, pollHoldMs: 5000 };
  for (const [build, dist] of Object.entries(builds)) {
    log(`${build}: ${closes} closes`);
    out[build] = await takeovers(browser, modules, dist, closes);
  }
  return out;
}
