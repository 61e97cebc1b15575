// The thundering herd, in Node on a fake clock: N poll loops (the real PollLoop, each with a tiny host) against a
// server that holds each poll (long poll), goes down for a while, then comes back; and, in the same run, a
// fixed-interval retry baseline (each client retries every second while the server is down).
// Usage: node bench/herd.mjs <poll-loop.mjs> [--json]   (prints JSON when --json)
/* global performance */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { installFakeClock } from './fake-clock.mjs';
import { summarize } from './stats.mjs';

export const HERD_DEFAULTS = {
  clients: 10_000,
  /** The server holds a poll this long when it has nothing to say. */
  holdMs: 5_000,
  /** The loops' interval (the widget's default poll-interval). */
  intervalMs: 1_000,
  /** Clients start at random times within this window, so steady state has its phases spread. */
  startSpreadMs: 5_000,
  steadyFromMs: 10_000,
  outageStartMs: 40_000,
  outageMs: 60_000,
  /** How long after recovery the rates are followed. */
  afterMs: 60_000,
  /** The baseline's fixed retry interval while the server is down. */
  fixedRetryMs: 1_000,
};

/**
 * The server: while up, a request is held `holdMs` then answered (no messages); while down, a request fails
 * at once (connection refused), and the outage's start resets every held request (the server went away).
 */
// One error object each (creating 600,000 Errors with stack traces would dominate the run time).
const REFUSED = Object.assign(new Error('connection refused'), { kind: 'network' });
const RESET = Object.assign(new Error('connection reset'), { kind: 'network' });

function createServer(clock, o) {
  const outageEnd = o.outageStartMs + o.outageMs;
  const held = new Set();
  const starts = [];
  let killed = false;
  const down = () => clock.now() >= o.outageStartMs && clock.now() < outageEnd;
  return {
    starts,
    /** Call when the outage starts: every held request fails. */
    crash() {
      killed = true;
      for (const h of held) {
        clearTimeout(h.timer);
        h.reject(RESET);
      }
      held.clear();
    },
    get crashed() {
      return killed;
    },
    /** One request from client `i`; resolves (held) or rejects (down). */
    request(i) {
      starts.push(clock.now(), i);
      if (down()) return Promise.reject(REFUSED);
      return new Promise((resolve, reject) => {
        const h = { reject, timer: 0 };
        h.timer = setTimeout(() => {
          held.delete(h);
          resolve();
        }, o.holdMs);
        held.add(h);
      });
    },
  };
}

/** Requests per bin of `binMs` from the flat [time, client, time, client...] log. */
function histogram(starts, binMs, endMs) {
  const bins = new Array(Math.ceil(endMs / binMs)).fill(0);
  for (let k = 0; k < starts.length; k += 2) {
    const bin = Math.floor(starts[k] / binMs);
    if (bin < bins.length) bins[bin] += 1;
  }
  return bins;
}

function analyse(server, o, perClientMaxInFlight, label) {
  const end = o.outageStartMs + o.outageMs + o.afterMs;
  const outageEnd = o.outageStartMs + o.outageMs;
  const perSecond = histogram(server.starts, 1000, end);
  const perTenth = histogram(server.starts, 100, end);
  const steadyBins = perSecond.slice(o.steadyFromMs / 1000, o.outageStartMs / 1000);
  const steadyRate = steadyBins.reduce((a, b) => a + b, 0) / steadyBins.length;
  const after = perSecond.slice(outageEnd / 1000, end / 1000);
  const afterTenth = perTenth.slice(outageEnd / 100, end / 100);
  const during = perSecond.slice(o.outageStartMs / 1000, outageEnd / 1000);
  // Requests each client made during the outage, and when each first came back after it.
  const duringPerClient = new Array(o.clients).fill(0);
  const backAt = new Array(o.clients).fill(Infinity);
  for (let k = 0; k < server.starts.length; k += 2) {
    const t = server.starts[k];
    const i = server.starts[k + 1];
    if (t >= o.outageStartMs && t < outageEnd) duringPerClient[i] += 1;
    else if (t >= outageEnd && t < backAt[i]) backAt[i] = t;
  }
  const recovery = backAt.map((t) => (t - outageEnd) / 1000);
  return {
    label,
    steadyPerSecond: steadyRate,
    peakAfterPerSecond: Math.max(...after),
    peakAfterRatio: Math.max(...after) / steadyRate,
    peakAfterPer100msAsPerSecond: Math.max(...afterTenth) * 10,
    peakAfterRatio100ms: (Math.max(...afterTenth) * 10) / steadyRate,
    peakDuringOutagePerSecond: Math.max(...during),
    requestsDuringOutage: during.reduce((a, b) => a + b, 0),
    requestsPerClientDuringOutage: summarize(duringPerClient),
    secondsToFirstRequestAfterRecovery: summarize(recovery.filter(Number.isFinite)),
    clientsNotBack: recovery.filter((x) => !Number.isFinite(x)).length,
    maxInFlightPerClient: perClientMaxInFlight,
    perSecond,
  };
}

/** A fresh fake clock, server and N clients made by `makeClient(i, request, tracker)`; runs the timeline. */
async function simulate(o, makeClient, label) {
  const clock = installFakeClock(0);
  try {
    const server = createServer(clock, o);
    const inFlight = new Int32Array(o.clients);
    let maxInFlight = 0;
    const request = (i) => {
      inFlight[i] += 1;
      if (inFlight[i] > maxInFlight) maxInFlight = inFlight[i];
      const settle = () => {
        inFlight[i] -= 1;
      };
      const p = server.request(i);
      p.then(settle, settle);
      return p;
    };
    for (let i = 0; i < o.clients; i++) {
      const startAt = Math.floor(Math.random() * o.startSpreadMs);
      setTimeout(() => makeClient(i, request), startAt);
    }
    await clock.runUntil(o.outageStartMs);
    server.crash();
    await clock.runUntil(o.outageStartMs + o.outageMs + o.afterMs);
    return analyse(server, o, maxInFlight, label);
  } finally {
    clock.uninstall();
  }
}

/** The real controller: one PollLoop per client with a tiny host (no DOM), as ChatSession configures it. */
function pollLoopClient(PollLoop, o) {
  const loops = [];
  const make = (i, request) => {
    const host = {
      addController() {},
      removeController() {},
      requestUpdate() {},
      updateComplete: Promise.resolve(true),
    };
    const loop = new PollLoop(host, {
      run: () => request(i),
      intervalMs: () => o.intervalMs,
      onError: () => 'retry',
    });
    loops.push(loop);
    loop.start();
  };
  return { make, loops };
}

/** The naive baseline: the same polling, but a failure is retried after a fixed `fixedRetryMs`. */
function fixedIntervalClient(o) {
  return (i, request) => {
    const tick = () => {
      const started = performance.now();
      request(i).then(
        () => setTimeout(tick, Math.max(0, started + o.intervalMs - performance.now())),
        () => setTimeout(tick, o.fixedRetryMs),
      );
    };
    tick();
  };
}

export async function runHerd(pollLoopPath, { repeats = 3, ...overrides } = {}) {
  const o = { ...HERD_DEFAULTS, ...overrides };
  const { PollLoop } = await import(pathToFileURL(resolve(pollLoopPath)).href);
  const runs = { pollLoop: [], fixedInterval: [] };
  const wall = [];
  for (let r = 0; r < repeats; r++) {
    const t0 = Date.now();
    const real = pollLoopClient(PollLoop, o);
    runs.pollLoop.push(await simulate(o, real.make, 'PollLoop'));
    for (const loop of real.loops) loop.stop();
    runs.fixedInterval.push(await simulate(o, fixedIntervalClient(o), 'fixed 1 s retry'));
    wall.push((Date.now() - t0) / 1000);
  }
  const pick = (list, key) => summarize(list.map((x) => x[key]));
  const summary = (list) => ({
    steadyPerSecond: pick(list, 'steadyPerSecond'),
    peakAfterPerSecond: pick(list, 'peakAfterPerSecond'),
    peakAfterRatio: pick(list, 'peakAfterRatio'),
    peakAfterRatio100ms: pick(list, 'peakAfterRatio100ms'),
    peakDuringOutagePerSecond: pick(list, 'peakDuringOutagePerSecond'),
    requestsDuringOutage: pick(list, 'requestsDuringOutage'),
    requestsPerClientDuringOutageMedian: pick(
      list.map((x) => ({ v: x.requestsPerClientDuringOutage.median })),
      'v',
    ),
    requestsPerClientDuringOutageMax: Math.max(...list.map((x) => x.requestsPerClientDuringOutage.max)),
    secondsToFirstRequestAfterRecoveryP95: pick(
      list.map((x) => ({ v: x.secondsToFirstRequestAfterRecovery.p95 })),
      'v',
    ),
    secondsToFirstRequestAfterRecoveryMax: Math.max(...list.map((x) => x.secondsToFirstRequestAfterRecovery.max)),
    clientsNotBack: Math.max(...list.map((x) => x.clientsNotBack)),
    maxInFlightPerClient: Math.max(...list.map((x) => x.maxInFlightPerClient)),
  });
  return {
    options: o,
    repeats,
    wallSecondsPerRepeat: summarize(wall),
    pollLoop: summary(runs.pollLoop),
    fixedInterval: summary(runs.fixedInterval),
    // One run's per-second request counts of each, for plotting.
    perSecondSample: { pollLoop: runs.pollLoop[0].perSecond, fixedInterval: runs.fixedInterval[0].perSecond },
  };
}

/**
 * The naive network baseline on the fake clock: one client polling with setInterval(1 s), whatever is in
 * flight, hidden or failing. Requests per minute and most in flight at once, for a held (5 s) and an instant
 * server, a hidden page (it does not notice) and a 60 s outage (every request fails at once).
 */
export async function naiveNetwork() {
  const out = {};
  for (const [name, holdMs, failing] of [
    ['held', 5000, false],
    ['instant', 0, false],
    ['hidden', 5000, false],
    ['outage', 5000, true],
  ]) {
    const clock = installFakeClock(0);
    try {
      let requests = 0;
      let inFlight = 0;
      let maxInFlight = 0;
      const windowStart = 10_000;
      const windowEnd = 70_000;
      const tick = () => {
        setTimeout(tick, 1000);
        const now = clock.now();
        if (now >= windowStart && now < windowEnd) requests += 1;
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        const fails = failing && now >= windowStart;
        setTimeout(() => (inFlight -= 1), fails ? 0 : holdMs);
      };
      tick();
      await clock.runUntil(windowEnd);
      out[name] = { requestsPerMinute: requests, maxInFlight };
    } finally {
      clock.uninstall();
    }
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const path = process.argv[2];
  const repeats = Number(process.env.HERD_REPEATS ?? 3);
  const clients = Number(process.env.HERD_CLIENTS ?? HERD_DEFAULTS.clients);
  const result = await runHerd(path, { repeats, clients });
  result.naiveNetwork = await naiveNetwork();
  if (process.argv.includes('--json')) process.stdout.write(JSON.stringify(result));
  else console.dir({ ...result, perSecondSample: undefined }, { depth: 5 });
}
