// Shared helpers for the proxy's tests: an upstream "contact center" (the simulator plus a tokenByAkSk
// endpoint) on a real port, and a raw HTTP client that records every answer so a test can scan them.

import { createServer as createHttpServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer as createMswServer } from '@mswjs/http-middleware';
import type { HttpHandler } from 'msw';
import { createSimulatorMiddleware } from '../../../src/simulator/http.ts';
import type { Simulator } from '../../../src/simulator/index.ts';
import { createOAuthHandlers, type OAuthRequest } from '../../../src/simulator/oauth.ts';

export const APP_KEY = 'app-key-7f3a9c21';
export const APP_SECRET = 'app-secret-S3cr3t-9d8e7f6a5b4c';
export const CHANNEL_ID = 'chan-1';

export interface Upstream {
  url: string;
  /** Every tokenByAkSk request, in order. */
  tokenRequests: OAuthRequest[];
  /** When each tokenByAkSk request reached the endpoint (Date.now()). */
  tokenTimes: number[];
  /** Every AccessToken handed out (and the current one), for leak scans. */
  issued: string[];
  /** The AccessToken the endpoint hands out now. */
  current(): string;
  /** The gateway revokes the current AccessToken: a new one is handed out, and the simulator accepts only it. */
  rotate(): string;
  close(): Promise<void>;
}

export interface UpstreamOptions {
  /** Serves the ccmessaging API; its access-token check follows `rotate()` when it has one. */
  simulator?: Simulator;
  /** Extra MSW handlers, next to tokenByAkSk: for paths the simulator does not serve, or as the whole API without one. */
  handlers?: HttpHandler[];
  /** A new AccessToken for every tokenByAkSk request. */
  tokenPerRequest?: boolean;
  expiresSeconds?: number;
  expiresAsNumber?: boolean;
}

let tokenCounter = 0;
function newAccessToken(): string {
  tokenCounter += 1;
  return `AT-${tokenCounter}-${Math.random().toString(36).slice(2, 12)}`;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function closer(server: Server): () => Promise<void> {
  return () =>
    new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections();
    });
}

/** The simulator (when given) for /apiaccess/ccmessaging/..., tokenByAkSk and `handlers` for the rest. */
export async function startUpstream(options: UpstreamOptions = {}): Promise<Upstream> {
  const tokenRequests: OAuthRequest[] = [];
  const tokenTimes: number[] = [];
  const issued: string[] = [];
  let current = newAccessToken();
  issued.push(current);
  const sim = options.simulator;
  const rotate = (): string => {
    current = newAccessToken();
    issued.push(current);
    if (sim && sim.options.accessToken !== null) sim.setAccessToken(current);
    return current;
  };
  if (sim && sim.options.accessToken !== null) sim.setAccessToken(current);

  const oauth = createOAuthHandlers({
    appKey: APP_KEY,
    appSecret: APP_SECRET,
    // onRequest runs first, so the first request gets the initial token and later ones new tokens.
    accessToken: () => (options.tokenPerRequest && tokenRequests.length > 1 ? rotate() : current),
    expiresSeconds: options.expiresSeconds,
    expiresAsNumber: options.expiresAsNumber,
    onRequest: (request) => {
      tokenRequests.push(request);
      tokenTimes.push(Date.now());
    },
  });
  const mswApp = createMswServer(...oauth, ...(options.handlers ?? []));
  const simMiddleware = sim ? createSimulatorMiddleware(sim) : null;
  const server = createHttpServer((req, res) => {
    if (simMiddleware) simMiddleware(req, res, () => mswApp(req, res));
    else mswApp(req, res);
  });
  const url = await listen(server);
  return { url, tokenRequests, tokenTimes, issued, current: () => current, rotate, close: closer(server) };
}

/** A port nothing listens on (a server opened and closed again). */
export async function deadUrl(): Promise<string> {
  const server = createHttpServer();
  const url = await listen(server);
  await closer(server)();
  return url;
}

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  /** Header names and values as received. */
  rawHeaders: string[];
  text: string;
  json: Record<string, unknown> | null;
}

/** Every answer any test received, for the leak scan. */
export const received: Answer[] = [];

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  /** An object is sent as JSON; a string or Buffer as is. */
  body?: unknown;
  /** Sent with chunked transfer encoding (no Content-Length). */
  chunked?: boolean;
  signal?: AbortSignal;
}

/** One request over node:http, so any header (Cookie, Connection, Origin…) can be sent as is. */
export function send(url: string, options: RequestOptions = {}): Promise<Answer> {
  const { method = options.body === undefined ? 'GET' : 'POST', headers = {}, body, chunked = false, signal } = options;
  let payload: Buffer | undefined;
  if (body !== undefined) {
    payload = Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body), 'utf8');
  }
  const allHeaders: Record<string, string> = { ...headers };
  if (payload && !Object.keys(allHeaders).some((name) => name.toLowerCase() === 'content-type')) {
    allHeaders['Content-Type'] = 'application/json; charset=UTF-8';
  }
  if (payload && !chunked) allHeaders['Content-Length'] = String(payload.length);
  return new Promise((resolve, reject) => {
    // The path goes out as written (no URL normalization of `..` or `//`).
    const { hostname, port, origin } = new URL(url);
    const path = url.slice(origin.length) || '/';
    const req = httpRequest({ hostname, port, path, method, headers: allHeaders, signal, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: Record<string, unknown> | null = null;
        try {
          json = JSON.parse(text) as Record<string, unknown>;
        } catch {
          json = null;
        }
        const answer: Answer = { status: res.statusCode ?? 0, headers: res.headers, rawHeaders: res.rawHeaders, text, json };
        received.push(answer);
        resolve(answer);
      });
    });
    req.on('error', reject);
    if (payload && chunked) {
      // Several chunks, so the size is only known while reading.
      const step = 1024;
      for (let at = 0; at < payload.length; at += step) req.write(payload.subarray(at, at + step));
    } else if (payload) {
      req.write(payload);
    }
    req.end();
  });
}

/** A visitor of the widget as the browser would talk to the proxy: no gateway credentials. */
export class Visitor {
  token = '';
  constructor(
    readonly api: string,
    readonly userId = 'visitor-1',
    readonly extraHeaders: Record<string, string> = {},
  ) {}

  headers(): Record<string, string> {
    return { ...(this.token ? { 'ccmessaging-token': this.token } : {}), ...this.extraHeaders };
  }

  async applyToken(): Promise<Answer> {
    const answer = await send(`${this.api}/applyToken`, {
      body: { userId: this.userId, userName: 'Visitor', channelId: CHANNEL_ID, locale: 'en' },
      headers: this.extraHeaders,
    });
    if (answer.status === 200 && typeof answer.json?.token === 'string') this.token = answer.json.token;
    return answer;
  }

  post(path: string, body: unknown, signal?: AbortSignal): Promise<Answer> {
    return send(`${this.api}/${path}`, { body, headers: this.headers(), signal });
  }

  get(path: string, signal?: AbortSignal): Promise<Answer> {
    return send(`${this.api}/${path}`, { headers: this.headers(), signal });
  }

  send(controlType: string, content = ''): Promise<Answer> {
    return this.post('send', {
      channel: 'WEB',
      from: this.userId,
      to: CHANNEL_ID,
      controlType,
      mediaType: 'TEXT',
      content,
      sourceType: 'CUSTOMER',
      senderNickname: 'Visitor',
      timestamp: String(Date.now()),
    });
  }

  poll(signal?: AbortSignal): Promise<Answer> {
    return this.get(`poll?receiverId=${encodeURIComponent(this.userId)}&channel=WEB`, signal);
  }

  queueInfo(): Promise<Answer> {
    return this.post('queryQueueInfo', { userId: this.userId, channelConfigId: CHANNEL_ID, channel: 'WEB' });
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Waits until `check` is true (polling every 10 ms), failing after `ms`. */
export async function until(check: () => boolean, ms = 2000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(10);
  }
}

/** What of `secrets` occurs in any received answer (headers or body) or log line. */
export function leaks(secrets: readonly string[], answers: readonly Answer[], logLines: readonly string[] = []): string[] {
  const found = new Set<string>();
  for (const answer of answers) {
    const haystack = `${answer.rawHeaders.join('\n')}\n${answer.text}`;
    for (const secret of secrets) if (secret && haystack.includes(secret)) found.add(secret);
  }
  for (const line of logLines) for (const secret of secrets) if (secret && line.includes(secret)) found.add(secret);
  return [...found];
}
