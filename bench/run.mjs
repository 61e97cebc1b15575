// `npm run bench`: builds, then measures size, start-up, transcript, network, the thundering herd, latency, and a
// live conversation in several tabs (requests, messages lost or shown twice, the takeover gap; the build before
// issue 11 beside today's); prints one table and writes every figure to test/bench-results/latest.json
// (git-ignored). Method and history: bench/README.md.
// Timings are reported, never asserted: this exits non-zero only when a measurement could not be made, and every
// phase has a deadline (deadline.mjs), so the bench finishes or fails, never hangs.
// BENCH_QUICK=1 runs fewer repeats and shorter windows (to try the harness; its figures are not the report's).
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { buildNodeModules } from './build-node.mjs';
import { measureSize } from './size.mjs';
import { launchBrowser, benchStartup, benchTranscript, benchNetwork, benchLatency } from './browser.mjs';
import { startBenchServer } from './server.mjs';
import { renderTable } from './table.mjs';
import { buildOldWidget, OLD_COMMIT } from './old-build.mjs';
import { benchTabs } from './tabs.mjs';
import { benchLoss } from './loss.mjs';
import { benchTakeover } from './takeover.mjs';
import { closeAll, track, withDeadline } from './deadline.mjs';
import { benchProxy, renderProxyTable } from './proxy.mjs';

const QUICK = process.env.BENCH_QUICK === '1';
const OUT = resolve('test/bench-results/latest.json');
const began = Date.now();
const elapsed = () => `${((Date.now() - began) / 1000).toFixed(0)} s`;
const step = (text) => console.log(`[bench ${elapsed().padStart(5)}] ${text}`);

/** Each phase's deadline: far above its usual time on a busy 2-core machine, so only a stuck phase misses it. */
const DEADLINE = {
  build: 5 * 60_000,
  start: 3 * 60_000,
  transcript: 8 * 60_000,
  network: (QUICK ? 20_000 : 60_000) + 3 * 60_000,
  latency: 3 * 60_000,
  live: (QUICK ? 60_000 : 150_000) + 6 * 60_000,
  takeover: 5 * 60_000,
  proxy: 5 * 60_000,
};

/** The herd runs in its own process (one core), while the browser's network window (mostly idle) runs. */
function startHerd(modules) {
  const child = spawn(process.execPath, ['bench/herd.mjs', modules.pollLoop, '--json'], {
    env: { ...process.env, HERD_REPEATS: QUICK ? '1' : '3', ...(QUICK ? { HERD_CLIENTS: '2000' } : {}) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // Killed on the way out if it is still running (a missed deadline, a failure elsewhere).
  const untrack = track('the herd process', async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  return new Promise((ok, fail) =>
    child.on('close', (code) => {
      untrack();
      if (code === 0) ok(JSON.parse(out));
      else fail(new Error(`herd exited with ${code}`));
    }),
  );
}

const results = {
  date: new Date().toISOString(),
  quick: QUICK,
  machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, node: process.version },
};

async function measure() {
  step('npm run build');
  if (process.env.BENCH_SKIP_BUILD !== '1') {
    const build = spawnSync('npm', ['run', 'build'], { encoding: 'utf8', timeout: DEADLINE.build });
    if (build.status !== 0) {
      process.stdout.write(build.stdout ?? '');
      process.stderr.write(build.stderr ?? '');
      throw new Error(`the build failed${build.error ? ` (${build.error.message})` : ''}`);
    }
  }
  results.buildSeconds = (Date.now() - began) / 1000;

  step(`building the widget before issue 11 (${OLD_COMMIT}) for the side-by-side phases`);
  const builds = { old: buildOldWidget(), new: resolve('dist') };

  step('bundling PollLoop and the simulator for Node');
  const modules = await buildNodeModules();

  step('1. size');
  results.size = await measureSize();

  const browser = await launchBrowser();
  track('the browser', () => browser.close());
  const log = (text) => step(`   ${text}`);

  const server = await startBenchServer(modules, { pollHoldMs: 5000 });
  step('2. start-up');
  results.startup = await withDeadline('2. start-up', DEADLINE.start, () => benchStartup(browser, server, { loads: QUICK ? 5 : 12 }));
  step('3. transcript');
  results.transcript = await withDeadline('3. transcript', DEADLINE.transcript, () =>
    benchTranscript(browser, server, QUICK ? { renderRepeats: 2, appendSamples: 8, log } : { log }),
  );
  await server.close();

  step(`4. network (real time, ${QUICK ? 20 : 60} s window) and 5. herd (Node, fake clock, in parallel)`);
  [results.network, results.herd] = await withDeadline('4. network and 5. herd', DEADLINE.network, () =>
    Promise.all([benchNetwork(browser, modules, { windowMs: QUICK ? 20_000 : 60_000 }), startHerd(modules)]),
  );

  step('6. latency');
  results.latency = await withDeadline('6. latency', DEADLINE.latency, () => benchLatency(browser, modules, { samples: QUICK ? 6 : 20 }));

  // Both mostly wait (a real-time window; a script of pushes and waits), on servers of their own: run together.
  step(`7. tabs (old and new build, ${QUICK ? 20 : 60} s window) and 8. lost or shown twice (scripted run, in parallel)`);
  [results.tabs, results.loss] = await withDeadline('7. tabs and 8. lost or shown twice', DEADLINE.live, () =>
    Promise.all([
      benchTabs(browser, modules, builds, { windowMs: QUICK ? 20_000 : 60_000, log: (text) => log(`tabs ${text}`) }),
      benchLoss(browser, modules, builds, { settleMs: QUICK ? 60_000 : 150_000, log: (text) => log(`loss ${text}`) }),
    ]),
  );

  step('9. takeover');
  results.takeover = await withDeadline('9. takeover', DEADLINE.takeover, () =>
    benchTakeover(browser, modules, builds, { closes: QUICK ? 4 : 10, log }),
  );

  step('10. proxy: one process holding 1,000 long polls (bench/proxy.mjs)');
  results.proxy = await withDeadline('10. proxy', DEADLINE.proxy, () => benchProxy({ samples: QUICK ? 100 : 300, log }));
}

let failed = null;
try {
  await measure();
} catch (error) {
  failed = error;
} finally {
  const left = await closeAll();
  for (const problem of left) console.error(`bench: could not close ${problem}`);
}
if (failed) {
  console.error(`bench: ${failed.stack ?? failed.message}`);
  console.error('bench: no figures written (a measurement could not be made).');
  process.exit(1);
}

results.notes = [
  'Size: gzip level 9; contributors are each module of the unminified ES chunk minified and gzipped alone (an estimate, as in scripts/size.mjs); Lit measured alone from a bundle of what the widget imports.',
  'Start-up: a fresh browser context per load, script served no-store (no HTTP or code cache); the first 2 loads are discarded; "script loaded" is the resource timing responseEnd of cc-chat.iife.js.',
  'Transcript: messages pushed to the HTTP simulator and delivered by the held poll (poll-interval 1 ms so samples do not wait for the interval); render time is from the poll response arriving in fetch to updateComplete (which includes the forced layout of scrollToEnd). Baseline: the same messages fetched from the same server and appended with innerHTML += (one per poll answer; per message for single appends). The baseline DOM at the 10,000-message checkpoints is set in one assignment (same DOM as appending, without the quadratic wait).',
  'Network: real time, all scenarios side by side on their own servers, counted in the page (fetch wrapper) and at the server; hidden = document.visibilityState overridden to "hidden" plus a visibilitychange event (not CDP page freezing, which would stop all timers and test nothing); outage = connections cut, then 503 for every request.',
  'Herd and the naive network baseline: Node, the real PollLoop bundled from src/core/controllers/poll-loop.ts, on a heap-based fake clock (bench/fake-clock.mjs); the server holds a poll 5 s, and during the outage every request fails at once; the outage start cuts every held poll.',
  'Latency: the page pushes the message through the simulator control endpoint while its poll is held; the round trip is a trivial POST to the same endpoint family measured just before.',
  `Live conversation (7-9): "old" is the widget before issue 11 (${OLD_COMMIT}, its script-tag files built by bench/old-build.mjs), "new" this checkout, each against the same simulator; a visitor's tabs are pages of one browser context with one user-id; hidden is emulated as in 4; each scenario has its own server, so a server's requests are one visitor's.`,
  'Tabs (7): API requests counted at the server over the window, after every tab has opened and connected (or joined); idle = the chat never opened; ended = the agent ended the conversation before the window.',
  'Lost or shown twice (8): 3 tabs; agent messages with known ids pushed through the control endpoints between poll faults, a hide, a close, reloads; at the end every open tab\'s rendered transcript is read; settle = how long the tabs may take after the last push.',
  'Takeover (9): 3 tabs; the tab whose poll the server saw last is closed (page.close()) at a random point; gap = from the close until a poll of another tab reaches the server; a new tab is opened after each close.',
];
results.benchSeconds = (Date.now() - began) / 1000;
const table = renderTable(results);
results.table = table.rows;
mkdirSync('test/bench-results', { recursive: true });
writeFileSync(OUT, JSON.stringify(results, null, 2));
console.log(`\n${table.text}\n`);
console.log(`${renderProxyTable(results.proxy)}\n`);
console.log(`Figures written to ${OUT} (${results.benchSeconds.toFixed(0)} s in all, build included).`);
// Everything was closed above; a handle left open somewhere (a keep-alive socket) must not keep the bench alive.
process.exit(0);
