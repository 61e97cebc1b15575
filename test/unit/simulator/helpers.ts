// Shared helpers for the simulator's Node tests: a tiny ccmessaging client over fetch.

import type { WireMessage } from '../../../src/simulator';

export const ORIGIN = 'http://sim.test';
export const API = `${ORIGIN}/apiaccess/ccmessaging`;
export const CHANNEL_ID = 'chan-1';

export interface Reply<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export async function call<T = Record<string, unknown>>(
  method: 'GET' | 'POST',
  url: string,
  options: { body?: unknown; headers?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<Reply<T>> {
  const response = await fetch(url, {
    method,
    headers: { 'Content-Type': 'application/json; charset=UTF-8', ...options.headers },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: options.signal,
  });
  const text = await response.text();
  let body: T;
  try {
    body = JSON.parse(text) as T;
  } catch {
    body = undefined as T;
  }
  return { status: response.status, headers: response.headers, body, text };
}

/**
 * A downlink message as the simulator sends it: in the vendor's looser shapes (src/simulator/vendor-shapes.ts),
 * e.g. a robot's simQuestions as a string, a SYSTEM message's timestamp as a numeric string.
 */
export type Downlink = Omit<WireMessage, 'simQuestions' | 'timestamp'> & {
  simQuestions: string[] | string | null;
  timestamp?: number | string;
  receiveTime?: string;
  isOfflineStatus?: string;
};

/** A message's time in epoch ms, whichever field and shape carries it. */
export function timeOf(m: Downlink): number {
  return Number(m.timestamp ?? m.receiveTime);
}

/** One visitor: applyToken once, then the token goes on every call. */
export class Client {
  token = '';
  extraHeaders: Record<string, string> = {};

  constructor(
    readonly userId = 'user-1',
    readonly base = API,
  ) {}

  headers(): Record<string, string> {
    return { 'ccmessaging-token': this.token, ...this.extraHeaders };
  }

  async applyToken(): Promise<Reply> {
    const reply = await call('POST', `${this.base}/applyToken`, {
      body: { userId: this.userId, userName: 'Visitor', channelId: CHANNEL_ID, locale: 'en' },
      headers: this.extraHeaders,
    });
    if (reply.status === 200) this.token = String(reply.body.token);
    return reply;
  }

  post<T = Record<string, unknown>>(path: string, body: unknown, signal?: AbortSignal): Promise<Reply<T>> {
    return call<T>('POST', `${this.base}/${path}`, { body, headers: this.headers(), signal });
  }

  get<T = Record<string, unknown>>(path: string, signal?: AbortSignal): Promise<Reply<T>> {
    return call<T>('GET', `${this.base}/${path}`, { headers: this.headers(), signal });
  }

  send(controlType: string, content = ''): Promise<Reply> {
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

  async poll(signal?: AbortSignal): Promise<Downlink[]> {
    const reply = await this.get<{ resultCode: string; downlinkMessages: Downlink[] }>(
      `poll?receiverId=${encodeURIComponent(this.userId)}&channel=WEB`,
      signal,
    );
    if (reply.status !== 200) throw new Error(`poll answered ${reply.status}: ${reply.text}`);
    return reply.body.downlinkMessages;
  }

  queueInfo(): Promise<Reply> {
    return this.post('queryQueueInfo', { userId: this.userId, channelConfigId: CHANNEL_ID, channel: 'WEB' });
  }

  history(extra: Record<string, string> = {}): Promise<Reply<{ resultCode: string; messageList: Downlink[] }>> {
    return this.post('queryHistoryChatMessage', {
      channelId: CHANNEL_ID,
      userId: this.userId,
      limit: '100',
      offset: '0',
      channel: 'WEB',
      ...extra,
    });
  }

  events(): Promise<Reply> {
    return this.get('v1/getClickToCallEvents?channel=WEB');
  }
}

/** A hand-driven clock for `now`. */
/** A visitor whose conversation has started: a token, CONNECT, and the robot's greeting taken. */
export async function connectedClient(userId = 'user-1', base = API): Promise<Client> {
  const client = new Client(userId, base);
  await client.applyToken();
  await client.send('CONNECT');
  await client.poll(); // the greeting
  return client;
}

export function fakeClock(start = 1_700_000_000_000) {
  const clock = {
    t: start,
    now: () => clock.t,
    advance(ms: number) {
      clock.t += ms;
    },
  };
  return clock;
}

export async function timed<T>(work: Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await work;
  return { value, ms: performance.now() - start };
}
