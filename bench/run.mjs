// `npm run bench`: builds, then measures size, start-up, transcript, network, the thundering herd and latency;
// prints one table and writes every figure to test/bench-results/latest.json (git-ignored).
// Timings are reported, never asserted: this exits non-zero only when a measurement could not be made.
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
import { benchProxy, renderProxyTable } from './proxy.mjs';

const QUICK = process.env.BENCH_QUICK === '1';
const OUT = resolve('test/bench-results/latest.json');
const began = Date.now();
const elapsed = () => `${((Date.now() - began) / 1000).toFixed(0)} s`;
const step = (text) => console.log(`[bench ${elapsed().padStart(5)}] ${text}`);

step('npm run build');
if (process.env.BENCH_SKIP_BUILD !== '1') {
  const build = spawnSync('npm', ['run', 'build'], { encoding: 'utf8' });
  if (build.status !== 0) {
    process.stdout.write(build.stdout);
    process.stderr.write(build.stderr);
    console.error('bench: the build failed.');
    process.exit(1);
  }
}
const buildSeconds = (Date.now() - began) / 1000;

step('bundling PollLoop and the simulator for Node');
const modules = await buildNodeModules();

step('1. size');
const size = await measureSize();

/** The herd runs in its own process (one core), while the browser's network window (mostly idle) runs. */
function startHerd() {
  const child = spawn(process.execPath, ['bench/herd.mjs', modules.pollLoop, '--json'], {
    env: { ...process.env, HERD_REPEATS: QUICK ? '1' : '3', ...(QUICK ? { HERD_CLIENTS: '2000' } : {}) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  return new Promise((ok, fail) =>
    child.on('close', (code) => (code === 0 ? ok(JSON.parse(out)) : fail(new Error(`herd exited with ${code}`)))),
  );
}

const browser = await launchBrowser();
let startup, transcript, network, herd, latency;
try {
  const server = await startBenchServer(modules, { pollHoldMs: 5000 });
  step('2. start-up');
  startup = await benchStartup(browser, server, { loads: QUICK ? 5 : 12 });
  step('3. transcript');
  const log = (text) => step(`   ${text}`);
  transcript = await benchTranscript(browser, server, QUICK ? { renderRepeats: 2, appendSamples: 8, log } : { log });
  await server.close();

  step(`4. network (real time, ${QUICK ? 20 : 60} s window) and 5. herd (Node, fake clock, in parallel)`);
  const herdPromise = startHerd();
  network = await benchNetwork(browser, modules, { windowMs: QUICK ? 20_000 : 60_000 });
  herd = await herdPromise;

  step('6. latency');
  latency = await benchLatency(browser, modules, { samples: QUICK ? 6 : 20 });
} finally {
  await browser.close();
}
step('7. proxy: one process holding 1,000 long polls (bench/proxy.mjs)');
const proxy = await benchProxy({ samples: QUICK ? 100 : 300, log: (text) => step(`   ${text}`) });

const results = {
  date: new Date().toISOString(),
  quick: QUICK,
  machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, node: process.version },
  buildSeconds,
  size,
  startup,
  transcript,
  network,
  herd,
  latency,
  proxy,
};
results.notes = [
  'Size: gzip level 9; contributors are each module of the unminified ES chunk minified and gzipped alone (an estimate, as in scripts/size.mjs); Lit measured alone from a bundle of what the widget imports.',
  'Start-up: a fresh browser context per load, script served no-store (no HTTP or code cache); the first 2 loads are discarded; "script loaded" is the resource timing responseEnd of cc-chat.iife.js.',
  'Transcript: messages pushed to the HTTP simulator and delivered by the held poll (poll-interval 1 ms so samples do not wait for the interval); render time is from the poll response arriving in fetch to updateComplete (which includes the forced layout of scrollToEnd). Baseline: the same messages fetched from the same server and appended with innerHTML += (one per poll answer; per message for single appends). The baseline DOM at the 10,000-message checkpoints is set in one assignment (same DOM as appending, without the quadratic wait).',
  'Network: real time, all scenarios side by side on their own servers, counted in the page (fetch wrapper) and at the server; hidden = document.visibilityState overridden to "hidden" plus a visibilitychange event (not CDP page freezing, which would stop all timers and test nothing); outage = connections cut, then 503 for every request.',
  'Herd and the naive network baseline: Node, the real PollLoop bundled from src/controllers/poll-loop.ts, on a heap-based fake clock (bench/fake-clock.mjs); the server holds a poll 5 s, and during the outage every request fails at once; the outage start cuts every held poll.',
  'Latency: the page pushes the message through the simulator control endpoint while its poll is held; the round trip is a trivial POST to the same endpoint family measured just before.',
];
results.benchSeconds = (Date.now() - began) / 1000;
const table = renderTable(results);
results.table = table.rows;
mkdirSync('test/bench-results', { recursive: true });
writeFileSync(OUT, JSON.stringify(results, null, 2));
console.log(`\n${table.text}\n`);
console.log(`${renderProxyTable(proxy)}\n`);
console.log(`Figures written to ${OUT} (${results.benchSeconds.toFixed(0)} s in all, build included).`);
