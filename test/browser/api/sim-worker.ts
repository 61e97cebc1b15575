import { setupWorker } from 'msw/browser';
import { expect } from 'vitest';
import { CcMessagingClient, type CcClientOptions } from '../../../src/api';
import { createSimulator, type RecordedRequest, type SimulatorOptions } from '../../../src/simulator';

// The API client tests' own simulator behind its own MSW service worker (one per test page), so a
// test can add handlers with `worker.use(...)` and switch the simulator to direct mode; `resetApiSim`
// puts everything back between tests.

export const USER_ID = 'visitor-17';
export const CHANNEL_ID = 'web-channel-42';
export const USER_NAME = 'Ada Lovelace';
export const API = '/apiaccess/ccmessaging';
export const JSON_TYPE = 'application/json; charset=UTF-8';

const fastOptions: Partial<SimulatorOptions> = {
  pollHoldMs: 150,
  replyDelayMs: 0,
  queueStepMs: 300,
  queueLength: 3,
  callQueueMs: 200,
  agentAutoReply: true,
  callScenario: 'connect',
  appKey: null,
  accessToken: null,
  tokenTtlMs: 3_600_000,
  renewTokenWithinMs: 60_000,
};

export const sim = createSimulator(fastOptions);
export const worker = setupWorker(...sim.handlers);
let started: Promise<unknown> | null = null;

export function startApiSim(): Promise<unknown> {
  started ??= worker.start({ quiet: true, onUnhandledRequest: 'bypass' });
  return started;
}

export function resetApiSim(): void {
  worker.resetHandlers();
  sim.reset();
  sim.configure(fastOptions);
  sim.setAccessToken(null);
}

export function newClient(extra: Partial<CcClientOptions> = {}): CcMessagingClient {
  return new CcMessagingClient({ channelId: CHANNEL_ID, userId: USER_ID, userName: USER_NAME, ...extra });
}

/** The requests of one operation, in order. */
export function requestsOf(operation: string): RecordedRequest[] {
  return sim.requests.filter((r) => r.operation === operation);
}

/** The one and only request of an operation. */
export function onlyRequest(operation: string): RecordedRequest {
  const list = requestsOf(operation);
  expect(list, `requests of ${operation}`).toHaveLength(1);
  return list[0]!;
}

/** Headers every API request (except applyToken) carries in proxy mode. */
export function expectProxyHeaders(r: RecordedRequest, token: string, withBody: boolean): void {
  expect(r.headers['ccmessaging-token']).toBe(token);
  expect(r.headers.accept).toBe('application/json');
  expect(r.headers).not.toHaveProperty('authorization');
  expect(r.headers).not.toHaveProperty('x-app-key');
  if (withBody) expect(r.headers['content-type']).toBe(JSON_TYPE);
  else expect(r.headers).not.toHaveProperty('content-type');
}

/** Runs `run` and returns what it rejected with (fails when it resolves). */
export async function rejection(run: Promise<unknown>): Promise<unknown> {
  try {
    await run;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
