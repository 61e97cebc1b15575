// 9. Messages lost or shown twice over a scripted run of one visitor with 3 tabs: the simulator's control
// endpoints (over HTTP) push agent messages with known ids ("Probe #n#", messageCode probe-n) between tab closes,
// reloads, hides and each of the simulator's poll faults; at the end every surviving tab's transcript must show
// each probe exactly once. Old build beside new, at the same time, each on its own server (the script is mostly
// waiting). A fault kind the simulator does not know (the broken answers came later) is skipped and listed.
/* global performance, AbortSignal */
import { startBenchServer } from './server.mjs';
import { openVisitor, pollingTab } from './visitor.mjs';
import { waitFor } from './deadline.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const TABS = 3;

/** Faults on the poll, in script order: errors first, then what changes a delivery, the broken answers last. */
const FAULTS = [
  { kind: 'status', status: 503, on: 'poll' },
  { kind: 'malformed', on: 'poll' },
  { kind: 'html', on: 'poll' },
  { kind: 'repeat' },
  { kind: 'reorder', push: 3 },
];
/** After the tab events: the hang (the client's own poll timeout, 20 s, ends it), then the broken answers. */
const LATE_FAULTS = [{ kind: 'hang', on: 'poll' }, { kind: 'truncate' }, { kind: 'cut' }, { kind: 'notpoll' }, { kind: 'lost' }];

async function control(server, action, body) {
  const response = await fetch(`${server.url}/__sim/${action}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(5000),
  });
  return { status: response.status, body: await response.json().catch(() => null) };
}

/** One build's scripted run; returns what each surviving tab shows of the probes. */
async function scriptedRun(browser, modules, dist, { settleMs, log }) {
  const server = await startBenchServer(modules, { pollHoldMs: 5000 }, { dist });
  const visitor = await openVisitor(browser, server, { prefix: 'p' });
  let pushed = 0;
  let lastPushAt = 0;
  const steps = [];
  /** The step each probe was pushed in, by probe number: what a lost probe went through. */
  const pushedIn = {};
  const unsupported = [];
  const push = async (n = 2) => {
    for (let k = 0; k < n; k++) {
      const i = ++pushed;
      const message = { sourceType: 'AGENT', content: `Probe #${i}#`, senderNickname: 'Sam', messageCode: `probe-${i}` };
      const r = await control(server, 'push', { userId: visitor.userId, message });
      if (r.status !== 200) throw new Error(`loss: push ${i} answered ${r.status}`);
      pushedIn[i] = steps[steps.length - 1];
    }
    lastPushAt = performance.now();
  };
  const step = (name) => {
    steps.push(name);
    log(`  ${name}`);
  };
  /** A fault on the visitor's next poll; the probes are pushed once that poll has reached the server. */
  const fault = async ({ push: n = 2, ...spec }) => {
    const t = performance.now();
    const r = await control(server, 'fault', { fault: { ...spec, userId: visitor.userId, count: 1 } });
    if (r.status === 400) {
      unsupported.push(spec.kind);
      return;
    }
    if (r.status !== 200) throw new Error(`loss: fault ${spec.kind} answered ${r.status}`);
    step(`fault ${spec.kind}`);
    // The held poll was not faulted (a fault applies to requests arriving after it); the next one is. A hang holds
    // the poll until the client's own timeout (20 s), so that wait is the longest.
    await waitFor(`the poll that takes the ${spec.kind} fault`, () => server.log.some((x) => x.t > t && x.op === 'poll'), { ms: 30_000 });
    await sleep(300);
    await push(n);
    // The step ends when a poll after the pushes has reached the server: a fault's effect is its own (a hang would
    // otherwise hand its probes to the next step's fault, 20 s later).
    const pushedAt = performance.now();
    await waitFor(`a poll after the ${spec.kind} fault`, () => server.log.some((x) => x.t > pushedAt && x.op === 'poll'), { ms: 30_000 });
    await sleep(1500);
  };

  try {
    for (let i = 0; i < TABS; i++) await visitor.addTab();
    step('open 3 tabs');
    await sleep(1000);
    await push(3);
    await sleep(1500);
    for (const f of FAULTS) await fault(f);

    step('hide the poller'); // the tab whose poll the server saw last
    const hidden = await pollingTab(server, visitor);
    await hidden.page.evaluate(() => window.bench.hide());
    await push(2);
    await sleep(3000);
    await push(1);
    await sleep(1000);
    await hidden.page.evaluate(() => window.bench.show());
    await sleep(1000);

    step('close the poller'); // pushing during the takeover; then another tab opens
    await visitor.closeTab(await pollingTab(server, visitor));
    await push(2);
    await visitor.addTab();
    await push(1);
    await sleep(1500);

    step('reload the poller'); // pushing during the reload
    const reloading = visitor.reloadTab(await pollingTab(server, visitor));
    await push(2);
    await reloading;
    await push(1);
    await sleep(1500);

    step('reload another tab');
    const polling = await pollingTab(server, visitor);
    await visitor.reloadTab(visitor.tabs.find((t) => t !== polling));
    await push(2);
    await sleep(1500);

    for (const f of LATE_FAULTS) await fault(f);
    step('last pushes');
    await push(2);
    log(`  ${pushed} probes pushed; waiting for every tab to show each once`);

    // When each probe first showed in every tab, counted from the last push: a late one names what recovered slowly.
    const lateMs = {};
    const allOnce = async () => {
      const views = await Promise.all(visitor.tabs.map((t) => t.page.evaluate(() => window.bench.probes())));
      for (let id = 1; id <= pushed; id++) {
        if (!(id in lateMs) && views.every((seen) => seen[id] >= 1)) lateMs[id] = Math.max(0, performance.now() - lastPushAt);
      }
      return views.every((seen) => Object.keys(seen).length === pushed && Object.values(seen).every((c) => c === 1)) ? views : null;
    };
    let convergedAfterMs = null;
    const end = lastPushAt + settleMs;
    while (performance.now() < end) {
      if (await allOnce()) {
        convergedAfterMs = performance.now() - lastPushAt;
        break;
      }
      await sleep(1000);
    }
    // Probes that showed everywhere only after the first look (more than 2 s after the last push), with their step.
    const late = Object.entries(lateMs)
      .filter(([, ms]) => ms > 2000)
      .map(([id, ms]) => ({ probe: Number(id), step: pushedIn[id], afterLastPushMs: Math.round(ms) }));
    const views = await Promise.all(visitor.tabs.map((t) => t.page.evaluate(() => window.bench.probes())));
    const ids = Array.from({ length: pushed }, (_, k) => String(k + 1));
    const missing = views.map((seen) => ids.filter((id) => !seen[id]).map(Number));
    const twice = views.map((seen) => ids.filter((id) => seen[id] > 1).map(Number));
    return {
      steps,
      faultsSkipped: unsupported,
      probes: pushed,
      tabs: views.length,
      settleMs,
      convergedAfterMs,
      /** Probes no surviving tab shows. */
      lostEverywhere: ids.filter((id) => views.every((seen) => !seen[id])).map(Number),
      pushedIn,
      late,
      /** (probe, tab) pairs where the tab does not show the probe; per tab. */
      missingPerTab: missing,
      missing: missing.reduce((a, m) => a + m.length, 0),
      /** (probe, tab) pairs shown more than once; per tab. */
      shownTwicePerTab: twice,
      shownTwice: twice.reduce((a, m) => a + m.length, 0),
      requests: server.log.length,
    };
  } finally {
    await visitor.close();
    await server.close();
  }
}

/**
 * The scripted run of each build (`builds`: name → dist folder), at the same time. `settleMs`: how long after the
 * last push the tabs may take to show every probe once (the periodic reconciliation runs every 2 minutes).
 */
export async function benchLoss(browser, modules, builds, { settleMs = 150_000, log = () => {} } = {}) {
  const entries = Object.entries(builds);
  const results = await Promise.all(
    entries.map(([build, dist]) => scriptedRun(browser, modules, dist, { settleMs, log: (text) => log(`${build}: ${text}`) })),
  );
  return Object.fromEntries(entries.map(([build], i) => [build, results[i]]));
}
