// Phase "proxy" of `npm run bench`: one proxy process (dist/server, the built `cc-chat/server`, default limits)
// holding 1,000 concurrent long polls. Reports the proxy process's memory per held poll, and the latency the proxy
// adds over calling the same upstream directly, side by side in the same run: for ordinary requests (idle and
// while the 1,000 polls are held) and for the delivery of a message to every held poll at once.
//
// The proxy runs in a child process (`node --expose-gc bench/proxy.mjs --serve`), so its memory is its own; the
// upstream (a minimal stand-in for the contact center: tokenByAkSk, a held poll, an immediate queryQueueInfo) and
// the clients run here. Only loopback addresses; every phase has a deadline and is named when it misses it;
// every server and the child are closed on the way out, also after a failure.
/* global performance, Buffer */
import { fork } from 'node:child_process';
import { loadavg } from 'node:os';
import { createServer, request, Agent } from 'node:http';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { summarize, quantile } from './stats.mjs';

const HERE = fileURLToPath(import.meta.url);
const API = '/apiaccess/ccmessaging';
const APP_KEY = 'bench-app-key';
const APP_SECRET = 'bench-app-secret-0123456789';

// ---------------------------------------------------------------------------------------------------------------
// The child: the proxy alone in its process.

async function serve() {
  const { startProxyServer } = await import(pathToFileURL(resolve('dist/server/index.js')).href);
  const target = process.argv[3];
  // One trusted hop: the bench gives each visitor its own X-Forwarded-For address, as a balancer would.
  const proxy = await startProxyServer({ port: 0, target, appKey: APP_KEY, appSecret: APP_SECRET, trustProxyHops: 1, log: () => undefined });
  process.on('message', async (message) => {
    if (message === 'memory') {
      for (let i = 0; i < 3; i += 1) globalThis.gc?.();
      process.send({ memory: process.memoryUsage() });
    } else if (message === 'close') {
      await proxy.close(0);
      process.send({ closed: true });
      process.disconnect();
    }
  });
  process.send({ url: proxy.url });
}

if (process.argv[2] === '--serve') {
  await serve();
}

// ---------------------------------------------------------------------------------------------------------------
// The parent.

function withDeadline(phase, ms, promise) {
  let timer;
  const deadline = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`bench proxy: the phase "${phase}" missed its deadline of ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** The contact center's stand-in: holds polls until released (or 60 s), answers everything else at once. */
async function startUpstream() {
  const held = new Set();
  const server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    req.resume();
    if (path === '/apigovernance/api/oauth/tokenByAkSk') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ AccessToken: 'bench-access-token-abcdef0123', Expires: '3600' }));
    } else if (path === `${API}/poll`) {
      const entry = { res, timer: setTimeout(() => answer(entry, []), 60_000) };
      held.add(entry);
      res.on('close', () => {
        clearTimeout(entry.timer);
        held.delete(entry);
      });
    } else if (path === `${API}/queryQueueInfo`) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"resultCode":"0","position":1}');
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  function answer(entry, messages) {
    clearTimeout(entry.timer);
    held.delete(entry);
    entry.res.writeHead(200, { 'content-type': 'application/json' });
    entry.res.end(JSON.stringify({ resultCode: '0', resultDesc: 'query user messages success.', downlinkMessages: messages }));
  }
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    get held() {
      return held.size;
    },
    /** Answers every held poll with one message; returns when it started (performance.now()). */
    releaseAll() {
      const at = performance.now();
      const message = { content: 'hello', sourceType: 'AGENT', controlType: 'CHAT', mediaType: 'TEXT', timestamp: Date.now() };
      for (const entry of [...held]) answer(entry, [message]);
      return at;
    },
    close: () =>
      new Promise((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      }),
  };
}

/** One request; resolves { status, body, at } (at: performance.now() when the whole answer arrived). */
function call(base, path, { agent, headers = {}, method = 'GET', body } = {}) {
  return new Promise((ok, fail) => {
    const url = new URL(base + path);
    const req = request({ hostname: url.hostname, port: url.port, path: url.pathname + url.search, method, headers, agent }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => ok({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8'), at: performance.now() }));
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end(body);
  });
}

function visitorHeaders(i) {
  return {
    'ccmessaging-token': `bench-visitor-token-${i}-${'x'.repeat(40)}`,
    'x-forwarded-for': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
    'content-type': 'application/json',
  };
}

/** `samples` queryQueueInfo calls, direct and through the proxy in turn, one at a time each. */
async function requestLatency(upstream, proxyUrl, samples, agents) {
  const direct = [];
  const proxied = [];
  const body = '{"userId":"bench","channel":"WEB"}';
  for (let i = 0; i < samples; i += 1) {
    // The same visitor throughout: its per-token limit (300 a minute + 150) is far above what the run spends.
    const headers = visitorHeaders(1_000_000 + (i % 50));
    let started = performance.now();
    let answer = await call(upstream.url, `${API}/queryQueueInfo`, { agent: agents.direct, headers, method: 'POST', body });
    if (answer.status !== 200) throw new Error(`bench proxy: direct queryQueueInfo answered ${answer.status}`);
    direct.push(answer.at - started);
    started = performance.now();
    answer = await call(proxyUrl, `${API}/queryQueueInfo`, { agent: agents.proxied, headers, method: 'POST', body });
    if (answer.status !== 200) throw new Error(`bench proxy: queryQueueInfo through the proxy answered ${answer.status}`);
    proxied.push(answer.at - started);
  }
  return { direct: summarize(direct), proxied: summarize(proxied), p99: { direct: quantile(direct, 0.99), proxied: quantile(proxied, 0.99) } };
}

/** Opens `count` polls at `base`, waits until the upstream holds them all (and `ready()` agrees). */
async function holdPolls(base, count, upstream, agent, ready = async () => true) {
  const polls = [];
  for (let i = 0; i < count; i += 1) {
    polls.push(call(base, `${API}/poll?receiverId=v${i}&channel=WEB`, { agent, headers: visitorHeaders(i) }));
    // In small waves, so the accept queue never overflows.
    if (i % 100 === 99) await new Promise((ok) => setTimeout(ok, 10));
  }
  while (upstream.held < count || !(await ready())) await new Promise((ok) => setTimeout(ok, 20));
  return polls;
}

/** Releases every held poll with a message; the time from the release to each answer's arrival. */
async function deliver(upstream, polls) {
  const releasedAt = upstream.releaseAll();
  const answers = await Promise.all(polls);
  for (const answer of answers) {
    if (answer.status !== 200 || !answer.body.includes('hello')) throw new Error(`bench proxy: a held poll answered ${answer.status}`);
  }
  const delays = answers.map((answer) => answer.at - releasedAt);
  return { summary: summarize(delays), p99: quantile(delays, 0.99) };
}

/**
 * Runs the phase; resolves the figures. `held` is the number of concurrent polls (1,000), `samples` the
 * request-latency pairs per condition.
 */
export async function benchProxy({ held = 1000, samples = 300, log = () => undefined } = {}) {
  const closers = [];
  const agents = {
    polls: new Agent({ keepAlive: true, maxSockets: Infinity }),
    direct: new Agent({ keepAlive: true, maxSockets: 1 }),
    proxied: new Agent({ keepAlive: true, maxSockets: 1 }),
  };
  closers.push(async () => Object.values(agents).forEach((agent) => agent.destroy()));
  try {
    const upstream = await startUpstream();
    closers.push(upstream.close);

    const child = fork(HERE, ['--serve', upstream.url], { execArgv: ['--expose-gc'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    const exited = new Promise((ok) => child.once('exit', ok));
    closers.push(async () => {
      if (child.connected) child.send('close');
      await Promise.race([exited, new Promise((ok) => setTimeout(ok, 3000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    });
    const nextMessage = (key) =>
      new Promise((ok, fail) => {
        const onMessage = (message) => {
          if (message && key in message) {
            child.off('message', onMessage);
            ok(message[key]);
          }
        };
        child.on('message', onMessage);
        child.once('exit', (code) => fail(new Error(`bench proxy: the proxy process exited (${code})`)));
      });
    const proxyUrl = await withDeadline('start the proxy process', 15_000, nextMessage('url'));
    const memory = async () => {
      const reply = nextMessage('memory');
      child.send('memory');
      return reply;
    };
    const heldByProxy = async () => JSON.parse((await call(proxyUrl, '/healthz')).body).heldPolls;

    log(`warm-up, then ${samples} request pairs with nothing held`);
    await withDeadline('warm-up', 30_000, requestLatency(upstream, proxyUrl, 30, agents));
    const idle = await withDeadline('request latency, idle', 60_000, requestLatency(upstream, proxyUrl, samples, agents));

    const before = await withDeadline('memory before', 10_000, memory());
    log(`${held} polls held through the proxy`);
    const proxiedPolls = await withDeadline(`hold ${held} polls through the proxy`, 60_000, holdPolls(proxyUrl, held, upstream, agents.polls, async () => (await heldByProxy()) === held));
    const during = await withDeadline('memory while held', 10_000, memory());
    const loaded = await withDeadline(`request latency, ${held} polls held`, 60_000, requestLatency(upstream, proxyUrl, samples, agents));
    const proxiedDelivery = await withDeadline(`deliver to ${held} polls through the proxy`, 30_000, deliver(upstream, proxiedPolls));

    log(`${held} polls held directly (the baseline)`);
    const directPolls = await withDeadline(`hold ${held} polls directly`, 60_000, holdPolls(upstream.url, held, upstream, agents.polls));
    const directDelivery = await withDeadline(`deliver to ${held} polls directly`, 30_000, deliver(upstream, directPolls));

    const perPoll = (key) => (during[key] - before[key]) / held;
    return {
      method:
        'One proxy process (dist/server, default limits, one trusted hop) in front of a minimal upstream; the clients and the upstream share the parent process. ' +
        'Memory: the proxy process after gc, before and while the polls are held, difference / polls. Requests: queryQueueInfo, direct and proxied in turn over kept-alive connections. ' +
        'Delivery: the upstream answers every held poll at once; time from that moment to each answer arriving, direct polls measured separately with the same count.',
      heldPolls: held,
      samples,
      // The machine's 1-minute load average at the end: latencies on a busy machine are the machine's as much as the proxy's.
      loadAverage1m: loadavg()[0],
      memory: {
        before: { rss: before.rss, heapUsed: before.heapUsed, external: before.external },
        whileHeld: { rss: during.rss, heapUsed: during.heapUsed, external: during.external },
        perHeldPollBytes: { rss: perPoll('rss'), heapUsed: perPoll('heapUsed'), external: perPoll('external') },
      },
      requestLatencyIdleMs: { direct: idle.direct, proxied: idle.proxied, addedP99: idle.p99.proxied - idle.p99.direct },
      requestLatencyHeldMs: { direct: loaded.direct, proxied: loaded.proxied, addedP99: loaded.p99.proxied - loaded.p99.direct },
      deliveryMs: {
        direct: directDelivery.summary,
        proxied: proxiedDelivery.summary,
        p99: { direct: directDelivery.p99, proxied: proxiedDelivery.p99 },
        addedP99: proxiedDelivery.p99 - directDelivery.p99,
      },
    };
  } finally {
    for (const close of closers.reverse()) await close().catch(() => undefined);
  }
}

/** The phase's rows, printed below the main table. */
export function renderProxyTable(r) {
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
  const ms = (s) => `${s.median.toFixed(2)} ms (p95 ${s.p95.toFixed(2)}; max ${s.max.toFixed(1)})`;
  const q = (x) => `${x.toFixed(2)} ms`;
  const rows = [
    ['figure', 'through the proxy', 'direct, same run', 'p99 added'],
    [`memory per held poll (${r.heldPolls} held), RSS / heap`, `${kb(r.memory.perHeldPollBytes.rss)} / ${kb(r.memory.perHeldPollBytes.heapUsed)}`, '', ''],
    [`request, nothing held (n=${r.samples})`, ms(r.requestLatencyIdleMs.proxied), ms(r.requestLatencyIdleMs.direct), q(r.requestLatencyIdleMs.addedP99)],
    [`request, ${r.heldPolls} polls held (n=${r.samples})`, ms(r.requestLatencyHeldMs.proxied), ms(r.requestLatencyHeldMs.direct), q(r.requestLatencyHeldMs.addedP99)],
    [`message to all ${r.heldPolls} held polls at once`, ms(r.deliveryMs.proxied), ms(r.deliveryMs.direct), q(r.deliveryMs.addedP99)],
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  const line = (row) => `| ${row.map((v, i) => v.padEnd(widths[i])).join(' | ')} |`;
  return [`7 proxy: one process holding long polls (load average ${r.loadAverage1m.toFixed(1)})`, line(rows[0]), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}

if (process.argv[2] !== '--serve' && process.argv[1] === HERE) {
  const result = await benchProxy({ log: (text) => console.error(`[bench proxy] ${text}`) });
  console.log(process.argv.includes('--json') ? JSON.stringify(result, null, 2) : renderProxyTable(result));
}
