// One origin per scenario: the bench pages, dist/cc-chat.iife.js (and its parts) and the HTTP simulator (src/simulator/http.ts)
// on the same port, so the widget talks to the simulator same-origin (no CORS preflight in the counts), as it
// would to a site's own proxy. It records when each API request arrived and how many were open at once.
/* global performance */
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { existsSync } from 'node:fs';
import { benchMessages } from './messages.mjs';
import { track } from './deadline.mjs';

/**
 * The parts cc-chat.iife.js adds to the page when first needed (the panel as soon as it opens). The build before
 * issue 11 (bench/old-build.mjs) has no API part: a part missing from `dist` is not served.
 */
const PARTS = ['cc-chat-api.iife.js', 'cc-chat-panel.iife.js', 'cc-chat-call.iife.js', 'cc-chat-zh.iife.js'];

/**
 * Starts a server. `modules` are the built simulator modules (see build-node.mjs); `simulatorOptions` go to
 * createSimulator (e.g. pollHoldMs); `dist` is the folder of the widget's script-tag files (default: this
 * checkout's dist/). Returns { url, sim, pages, log, openMax, close }; the server is closed on the bench's way out
 * (deadline.mjs) if nobody closed it before.
 */
export async function startBenchServer(modules, simulatorOptions = {}, { dist = resolve('dist') } = {}) {
  const { createSimulator } = await import(pathToFileURL(modules.simulator).href);
  const { createSimulatorMiddleware } = await import(pathToFileURL(modules.simulatorHttp).href);
  const sim = createSimulator(simulatorOptions);
  const middleware = createSimulatorMiddleware(sim);
  const iife = readFileSync(resolve(dist, 'cc-chat.iife.js'));
  const parts = new Map(
    PARTS.filter((name) => existsSync(resolve(dist, name))).map((name) => [`/${name}`, readFileSync(resolve(dist, name))]),
  );
  const pages = new Map();
  /** API requests: { t (ms, performance.now of this process), op, token, tab (the page's x-bench-tab, see page.mjs) }. */
  const log = [];
  /** Requests open at once, by `${op} ${token}` (one client's loop), and the most seen. */
  const open = new Map();
  const openMax = new Map();

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname;
    if (path.startsWith('/apiaccess/ccmessaging/')) {
      const op = path.slice('/apiaccess/ccmessaging/'.length).replace(/^v1\//, '');
      const token = String(req.headers['ccmessaging-token'] ?? '');
      log.push({ t: performance.now(), op, token, tab: String(req.headers['x-bench-tab'] ?? '') });
      const key = `${op} ${token}`;
      const now = (open.get(key) ?? 0) + 1;
      open.set(key, now);
      openMax.set(key, Math.max(openMax.get(key) ?? 0, now));
      res.on('close', () => open.set(key, open.get(key) - 1));
    }
    if (path.startsWith('/apiaccess/') || path.startsWith('/__sim/')) {
      middleware(req, res, () => {
        res.statusCode = 404;
        res.end();
      });
      return;
    }
    const headers = { 'Cache-Control': 'no-store' };
    if (path === '/cc-chat.iife.js') {
      res.writeHead(200, { ...headers, 'Content-Type': 'text/javascript' });
      res.end(iife);
    } else if (parts.has(path)) {
      res.writeHead(200, { ...headers, 'Content-Type': 'text/javascript' });
      res.end(parts.get(path));
    } else if (path === '/bench/messages') {
      const body = JSON.stringify(
        benchMessages(url.searchParams.get('tag') ?? 'b', Number(url.searchParams.get('from')), Number(url.searchParams.get('n'))),
      );
      res.writeHead(200, { ...headers, 'Content-Type': 'application/json' });
      res.end(body);
    } else if (path === '/bench/ping') {
      res.writeHead(200, { ...headers, 'Content-Type': 'application/json' });
      res.end('{}');
    } else if (pages.has(path)) {
      res.writeHead(200, { ...headers, 'Content-Type': 'text/html; charset=utf-8' });
      res.end(pages.get(path));
    } else {
      res.writeHead(404, headers);
      res.end();
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${server.address().port}`;
  let pageCounter = 0;
  const close = () =>
    new Promise((ok) => {
      server.close(() => ok());
      server.closeAllConnections();
    });
  const untrack = track(`bench server ${url}`, close);
  return {
    url,
    sim,
    log,
    openMax,
    /** Cuts every open connection (held polls fail at once, as when a server goes away). */
    dropConnections() {
      server.closeAllConnections();
    },
    /** Serves `html` at a new path; returns its full URL. */
    page(html) {
      const path = `/page-${++pageCounter}.html`;
      pages.set(path, html);
      return url + path;
    },
    close: () => {
      untrack();
      return close();
    },
  };
}
