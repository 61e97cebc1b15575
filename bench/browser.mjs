// The measurements that need a browser: start-up, transcript rendering and memory, network behaviour and
// latency, in headless Chromium (Debian's, via scripts/chromium.mjs) against the HTTP simulator.
/* global performance */
import { chromium } from 'playwright';
import { findChromium, chromiumArgs } from '../scripts/chromium.mjs';
import { startBenchServer } from './server.mjs';
import { benchMessages } from './messages.mjs';
import { INIT_SCRIPT, widgetPage, BASELINE_PAGE } from './page.mjs';
import { summarize } from './stats.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let userCounter = 0;
const newUserId = (prefix) => `${prefix}-${process.pid.toString(36)}-${(++userCounter).toString(36)}`.slice(0, 24);

export async function launchBrowser() {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium found: install chromium or set CHROMIUM_PATH.');
  return chromium.launch({ executablePath, args: chromiumArgs, headless: true });
}

async function newPage(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(INIT_SCRIPT);
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`  [page error] ${error.message}`));
  if (url) await page.goto(url);
  return { context, page };
}

/** An open widget connected to the server's simulator; resolves once connected and settled. */
async function openWidget(browser, server, attrs = {}) {
  const userId = newUserId(attrs.prefix ?? 'u');
  const { prefix: _prefix, ...rest } = attrs;
  const { context, page } = await newPage(
    browser,
    server.page(widgetPage({ 'channel-id': 'bench', 'user-id': userId, open: true, ...rest })),
  );
  // Connected, and the panel's code (fetched as the panel opens) rendered.
  await page.evaluate(async () => {
    await window.bench.connected;
    await window.bench.el.updateComplete;
  });
  return { context, page, userId };
}

/**
 * Waits until the widget's first poll answered (the greeting) and the next one is held; against a server that
 * holds nothing (`held: false`), until two more polls have answered.
 */
async function settle(page, { held = true } = {}) {
  await page.evaluate(async (held) => {
    await new Promise((r) => setTimeout(r, 150));
    if (held) await window.bench.heldFor(50);
    else await window.bench.pollsAnswered(2);
    await window.bench.el.updateComplete;
  }, held);
}

/** Pushes `messages` to the user's session and resolves with the page's timing once all are rendered. */
async function deliver(page, server, userId, messages) {
  await page.evaluate((n) => {
    window.__armed = window.bench.armMessages(n);
  }, messages.length);
  for (const message of messages) server.sim.push(message, userId);
  return page.evaluate(() => window.__armed);
}

// ---------------------------------------------------------------------------------------------------------
// 2. Start-up

export async function benchStartup(browser, server, { loads = 15 } = {}) {
  const samples = [];
  for (let i = 0; i < loads; i++) {
    // A new context each time: no HTTP or code cache, as a first visit (the script is served no-store).
    const { context, page } = await newPage(browser);
    await page.goto(server.page(widgetPage({ 'channel-id': 'bench', 'user-id': newUserId('s') })));
    const s = await page.evaluate(async () => {
      const r = await window.bench.startup;
      await new Promise((resolve) => setTimeout(resolve, 200)); // let late long tasks and the first paint report
      const fcp = window.__bench.paints.find((p) => p.name === 'first-contentful-paint');
      return { ...r, longTasks: window.__bench.longTasks, fcp: fcp ? fcp.start : NaN };
    });
    await context.close();
    if (!s.launcherRendered) throw new Error('start-up: the launcher was not rendered');
    samples.push(s);
  }
  const measured = samples.slice(2); // the first loads warm the browser process itself up
  const longTasks = measured.flatMap((s) => s.longTasks);
  return {
    loads: measured.length,
    warmupLoadsDiscarded: samples.length - measured.length,
    scriptToLauncherMs: summarize(measured.map((s) => s.rendered - s.scriptResponseEnd)),
    scriptTagToLauncherMs: summarize(measured.map((s) => s.rendered - s.scriptTagStart)),
    firstContentfulPaintMs: summarize(measured.map((s) => s.fcp).filter(Number.isFinite)),
    longTasksPerLoad: summarize(measured.map((s) => s.longTasks.length)),
    longestTaskMs: longTasks.length ? Math.max(...longTasks.map((t) => t.duration)) : 0,
    scriptBytes: samples[0].scriptBytes,
  };
}

// ---------------------------------------------------------------------------------------------------------
// 3. Transcript

export async function benchTranscript(browser, server, opts = {}) {
  const { renderRepeats = 5, appendSamples = 12, warmup = 2, log = () => {} } = opts;
  const result = {};
  log(`1,000 messages rendered ×${renderRepeats}`);

  // 1,000 messages arriving in one poll answer, into an open panel; the baseline appends the same answer's
  // messages with one innerHTML += (per answer, as the widget gets them; per message would be quadratic).
  const render1000 = [];
  const baseline1000 = [];
  for (let r = 0; r < renderRepeats; r++) {
    const w = await openWidget(browser, server, { prefix: 'r', 'poll-interval': 1, 'transcript-limit': 6000 });
    await settle(w.page);
    const t = await deliver(w.page, server, w.userId, benchMessages(`r${r}`, 0, 1000));
    render1000.push(t.render);
    await w.context.close();
    const b = await newPage(browser, server.page(BASELINE_PAGE));
    baseline1000.push(await b.page.evaluate((tag) => window.baseline.append(tag, 0, 1000, false), `r${r}`));
    await b.context.close();
  }
  result.render1000Ms = summarize(render1000);
  result.baselineRender1000Ms = summarize(baseline1000);

  // One message appended to transcripts of 500 and 5,000 received messages (transcript-limit 6000).
  log(`appends at 500 and 5,000 ×${appendSamples}`);
  const w = await openWidget(browser, server, { prefix: 'a', 'poll-interval': 1, 'transcript-limit': 6000 });
  await settle(w.page);
  const b = await newPage(browser, server.page(BASELINE_PAGE));
  let received = 0;
  const fillTo = async (n) => {
    while (received < n) {
      const batch = Math.min(2500, n - received);
      await deliver(w.page, server, w.userId, benchMessages('a', received, batch));
      received += batch;
    }
    await b.page.evaluate((count) => window.baseline.fill('a', count), n);
  };
  for (const size of [500, 5000]) {
    await fillTo(size);
    const widget = [];
    const parts = { toEvents: [], eventsToRendered: [] };
    const base = [];
    for (let k = 0; k < warmup + appendSamples; k++) {
      const t = await deliver(w.page, server, w.userId, benchMessages('a', received, 1));
      const baseMs = await b.page.evaluate((from) => window.baseline.append('a', from, 1, true), received);
      received += 1;
      if (k < warmup) continue;
      widget.push(t.render);
      parts.toEvents.push(t.events - t.arrival);
      parts.eventsToRendered.push(t.done - t.events);
      base.push(baseMs);
    }
    result[`append${size}Ms`] = summarize(widget);
    result[`append${size}BreakdownMs`] = {
      arrivalToMessageEvents: summarize(parts.toEvents),
      messageEventsToRendered: summarize(parts.eventsToRendered),
    };
    result[`baselineAppend${size}Ms`] = summarize(base);
    result[`append${size}MessagesInDom`] = await w.page.evaluate(() => window.bench.messagesInDom());
  }
  await w.context.close();
  await b.context.close();

  // 10,000 messages received with the default cap (500), in poll answers of 500: DOM and heap at checkpoints.
  log('10,000 messages with the default cap');
  // The baseline holds the same messages; its DOM is set at each checkpoint in one assignment (the same DOM as
  // appending them one answer at a time, without the quadratic wait).
  const cap = await openWidget(browser, server, { prefix: 'c', 'poll-interval': 1 });
  await settle(cap.page);
  const capCdp = await cap.context.newCDPSession(cap.page);
  const base = await newPage(browser, server.page(BASELINE_PAGE));
  const baseCdp = await base.context.newCDPSession(base.page);
  const measure = async (cdp) => {
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    const dom = await cdp.send('Memory.getDOMCounters');
    return { heapUsedBytes: heap.usedSize, domNodes: dom.nodes, jsEventListeners: dom.jsEventListeners };
  };
  const BATCH = 500;
  const capSeries = [];
  const baseSeries = [];
  let sent = 0;
  for (const checkpoint of [1000, 2000, 5000, 10000]) {
    while (sent < checkpoint) {
      await deliver(cap.page, server, cap.userId, benchMessages('c', sent, BATCH));
      sent += BATCH;
    }
    const widget = await measure(capCdp);
    const counts = await cap.page.evaluate(() => ({
      messagesInDom: window.bench.messagesInDom(),
      shadowNodes: window.bench.shadowNodes(),
      shadowComments: window.bench.shadowComments(),
    }));
    capSeries.push({ received: sent, ...widget, ...counts });
    await base.page.evaluate((n) => window.baseline.fill('c', n), sent);
    const b2 = await measure(baseCdp);
    baseSeries.push({ received: sent, ...b2, messagesInDom: await base.page.evaluate(() => window.baseline.count()) });
  }
  await cap.context.close();
  await base.context.close();
  result.cap = { limit: 500, batch: BATCH, widget: capSeries, baseline: baseSeries };
  return result;
}

// ---------------------------------------------------------------------------------------------------------
// 4. Network (real time): several scenarios side by side, each on its own server

export async function benchNetwork(browser, modules, { windowMs = 60_000, pagesPerScenario = 2 } = {}) {
  const scenarios = {
    held: { hold: 5000 },
    instant: { hold: 0 },
    hidden: { hold: 5000 },
    outage: { hold: 5000 },
  };
  for (const s of Object.values(scenarios)) s.server = await startBenchServer(modules, { pollHoldMs: s.hold });
  await Promise.all(
    Object.values(scenarios).map(async (s) => {
      s.clients = await Promise.all(
        Array.from({ length: pagesPerScenario }, () => openWidget(browser, s.server, { prefix: 'n' })),
      );
      await Promise.all(s.clients.map((c) => settle(c.page, { held: s.hold > 0 })));
    }),
  );
  await sleep(1500);

  // The window starts: hide (c), then begin the outage (d).
  const pageNow = (c) => c.page.evaluate(() => performance.now());
  await Promise.all(scenarios.hidden.clients.map((c) => c.page.evaluate(() => window.bench.hide())));
  await Promise.all(Object.values(scenarios).flatMap((s) => s.clients.map(async (c) => (c.windowStart = await pageNow(c)))));
  const started = Date.now();
  const outage = scenarios.outage;
  outage.server.sim.fault({ kind: 'status', status: 503, count: 1_000_000 });
  // The server went away: every held poll is cut at once (then every request answers 503).
  outage.server.dropConnections();
  await sleep(windowMs - (Date.now() - started));
  await Promise.all(Object.values(scenarios).flatMap((s) => s.clients.map(async (c) => (c.windowEnd = await pageNow(c)))));
  outage.server.sim.clearFaults();

  const collect = async (c) => c.page.evaluate(() => window.__bench);
  const out = { windowMs, pagesPerScenario, maxPollsInFlightPerLoop: 0, maxPollsOpenAtServerPerLoop: 0 };
  for (const [name, s] of Object.entries(scenarios)) {
    const perMinute = [];
    const intervals = [];
    const requestsInWindow = [];
    const operationsInWindow = {};
    for (const c of s.clients) {
      const b = await collect(c);
      const inWindow = b.calls.filter((x) => x.t >= c.windowStart && x.t < c.windowEnd);
      const polls = inWindow.filter((x) => x.op === 'poll');
      const minutes = (c.windowEnd - c.windowStart) / 60_000;
      perMinute.push(polls.length / minutes);
      requestsInWindow.push(inWindow.length);
      for (const x of inWindow) operationsInWindow[x.op] = (operationsInWindow[x.op] ?? 0) + 1;
      for (let k = 1; k < polls.length; k++) intervals.push(polls[k].t - polls[k - 1].t);
      out.maxPollsInFlightPerLoop = Math.max(out.maxPollsInFlightPerLoop, b.maxInFlight.poll ?? 0);
    }
    for (const [key, max] of s.server.openMax) if (key.startsWith('poll ')) out.maxPollsOpenAtServerPerLoop = Math.max(out.maxPollsOpenAtServerPerLoop, max);
    out[name] = {
      pollHoldMs: s.hold,
      pollsPerMinute: summarize(perMinute),
      requestsInWindow: summarize(requestsInWindow),
      operationsInWindow,
      secondsBetweenPolls: summarize(intervals.map((x) => x / 1000)),
    };
  }
  out.hidden.note = 'document.visibilityState overridden to "hidden" and visibilitychange dispatched at the window start';
  out.outage.note = 'held polls cut at the window start, then every request answered 503 for the whole window';
  await Promise.all(
    Object.values(scenarios).map(async (s) => {
      await Promise.all(s.clients.map((c) => c.context.close()));
      await s.server.close();
    }),
  );
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// 6. Latency: message made available while a poll is held → rendered, beyond the round trip

export async function benchLatency(browser, modules, { samples = 20 } = {}) {
  const server = await startBenchServer(modules, { pollHoldMs: 5000 });
  const w = await openWidget(browser, server, { prefix: 'l' });
  await settle(w.page);
  const list = [];
  for (let i = 0; i < samples + 2; i++) {
    const s = await w.page.evaluate(
      ([userId, k, jitter]) => window.bench.latencySample(userId, k, jitter),
      [w.userId, i, Math.round(Math.random() * 300)],
    );
    if (i >= 2) list.push(s); // two warm-up samples
  }
  await w.context.close();
  await server.close();
  return {
    samples: list.length,
    roundTripMs: summarize(list.map((s) => s.rtt)),
    pushToRenderedMs: summarize(list.map((s) => s.total)),
    beyondRoundTripMs: summarize(list.map((s) => s.total - s.rtt)),
    pushToPollAnswerMs: summarize(list.map((s) => s.toArrival)),
    answerToRenderedMs: summarize(list.map((s) => s.render)),
  };
}
