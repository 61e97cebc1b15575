// 7. Requests of one visitor with a live conversation, old build beside new, in one real-time window:
// 1, 3 and 10 tabs (pages of one browser context, one user-id), a hidden tab with a live conversation, and hidden
// tabs with none (never started; ended by the agent). Each scenario has its own simulator server, so every API
// request that server sees is that one visitor's: counted at the server, by operation.
/* global performance */
import { startBenchServer } from './server.mjs';
import { openVisitor } from './visitor.mjs';
import { widgetPage } from './page.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The scenarios, for each build: name → how its visitor is set up before the window starts. */
const SCENARIOS = {
  tabs1: { tabs: 1 },
  tabs3: { tabs: 3 },
  tabs10: { tabs: 10 },
  hiddenLive: { tabs: 1, hide: true },
  hiddenIdle: { tabs: 1, hide: true, idle: true },
  hiddenEnded: { tabs: 1, hide: true, end: true },
};

async function prepare(browser, modules, dist, setup) {
  const server = await startBenchServer(modules, { pollHoldMs: 5000 }, { dist });
  const visitor = await openVisitor(browser, server, { prefix: 't' });
  if (setup.idle) {
    // No conversation: the chat is not opened, and the page is left alone.
    const page = await visitor.context.newPage();
    await page.goto(server.page(widgetPage({ 'channel-id': 'bench', 'user-id': visitor.userId })));
    visitor.tabs.push({ page, id: await page.evaluate(() => window.__bench.tab) });
  } else {
    // The first tab starts the conversation; the others open while it is live (one after another, as a visitor does).
    for (let i = 0; i < setup.tabs; i++) await visitor.addTab();
  }
  if (setup.end) {
    server.sim.agentDisconnects(visitor.userId);
    await visitor.tabs[0].page.evaluate(
      () =>
        new Promise((resolve, reject) => {
          const el = window.bench.el;
          if (el.connectionState === 'ended') return resolve();
          el.addEventListener('cc-connection-change', (e) => e.detail.state === 'ended' && resolve());
          setTimeout(() => reject(new Error('the conversation did not end within 15 s')), 15_000);
        }),
    );
  }
  return { server, visitor, setup };
}

/**
 * Runs every scenario for the old and the new build side by side for `windowMs`; returns, per build and scenario,
 * requests and polls per minute (server-side) and the operations counted.
 */
export async function benchTabs(browser, modules, builds, { windowMs = 60_000, log = () => {} } = {}) {
  const runs = [];
  for (const [build, dist] of Object.entries(builds)) {
    for (const [name, setup] of Object.entries(SCENARIOS)) {
      log(`${build}: ${name}`);
      runs.push({ build, name, ...(await prepare(browser, modules, dist, setup)) });
    }
  }
  // Let the last tabs' start-up requests (hello, history, CONNECT) pass before the window opens.
  await sleep(3000);
  await Promise.all(runs.filter((r) => r.setup.hide).map((r) => r.visitor.tabs[0].page.evaluate(() => window.bench.hide())));
  const start = performance.now();
  await sleep(windowMs);
  const end = performance.now();
  const out = { windowMs, pollHoldMs: 5000 };
  for (const r of runs) {
    const inWindow = r.server.log.filter((x) => x.t >= start && x.t < end);
    // What opening the tabs cost (a second CONNECT for a live conversation is what issue 11 removes).
    const setupOperations = {};
    for (const x of r.server.log.filter((e) => e.t < start)) setupOperations[x.op] = (setupOperations[x.op] ?? 0) + 1;
    const operations = {};
    for (const x of inWindow) operations[x.op] = (operations[x.op] ?? 0) + 1;
    const minutes = (end - start) / 60_000;
    (out[r.build] ??= {})[r.name] = {
      tabs: r.visitor.tabs.length,
      requestsPerMinute: inWindow.length / minutes,
      pollsPerMinute: (operations.poll ?? 0) / minutes,
      tabsThatPolled: new Set(inWindow.filter((x) => x.op === 'poll').map((x) => x.tab)).size,
      operations,
      setupOperations,
    };
  }
  await Promise.all(runs.map(async (r) => {
    await r.visitor.close();
    await r.server.close();
  }));
  return out;
}
