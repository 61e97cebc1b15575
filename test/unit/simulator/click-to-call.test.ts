import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSimulator, type CallScenario } from '../../../src/simulator/index.ts';
import { Client, fakeClock, timed } from './helpers.ts';

const clock = fakeClock(Date.now());
const sim = createSimulator({ pollHoldMs: 30, callQueueMs: 1000, now: clock.now });
const server = setupServer(...sim.handlers);
let client: Client;

interface EventReply {
  resultCode: string;
  resultDesc: string;
  eventId: number | null;
  content: Record<string, unknown> | null;
}

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(async () => {
  client = new Client('caller');
  await client.applyToken();
});
afterEach(() => {
  sim.reset();
  sim.configure({ callScenario: 'connect', now: clock.now, pollHoldMs: 30 });
});
afterAll(() => server.close());

async function create(mediaAbility = '1') {
  return client.post('v1/createClickToCall', { channel: 'WEB', mediaAbility });
}
async function nextEvent(): Promise<EventReply> {
  const reply = await client.events();
  expect(reply.status).toBe(200);
  return reply.body as unknown as EventReply;
}
async function descs(n: number): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push((await nextEvent()).resultDesc);
  return out;
}

describe('click-to-call', () => {
  it('checkClickToCallSupport says whether the scenario supports it', async () => {
    const supported = await client.get('v1/checkClickToCallSupport?channel=WEB');
    expect(supported.body).toMatchObject({ resultCode: '0', webRTCSupported: true, clickToCallSupported: true });
    sim.configure({ callScenario: 'unsupported' });
    const unsupported = await client.get('v1/checkClickToCallSupport?channel=WEB');
    expect(unsupported.body).toMatchObject({ resultCode: '0', webRTCSupported: true, clickToCallSupported: false });
    expect((await create()).body).toMatchObject({ resultCode: '7' });
  });

  it('connect: in queue → connected (168101, gateway data) → nothing → disconnected after drop', async () => {
    expect((await nextEvent()).resultDesc).toBe('ClickToCall polled without any events'); // no call yet
    expect((await create()).body).toMatchObject({ resultCode: '0' });
    expect(await nextEvent()).toMatchObject({ resultCode: '0', resultDesc: 'Call in queue' });
    expect((await nextEvent()).resultDesc).toBe('ClickToCall polled without any events'); // not yet
    clock.advance(1000);
    const connected = await nextEvent();
    expect(connected).toMatchObject({ resultCode: '0', resultDesc: 'Call connected', eventId: 168101 });
    const content = connected.content as { domain: string; gwAddresses: string[]; accessCode: string; clickToCallCaller: string };
    expect(content.domain).toMatch(/\S/);
    expect(content.gwAddresses).toHaveLength(2);
    for (const address of content.gwAddresses) expect(address).toMatch(/^wss:\/\/[^:/]+:\d+$/);
    expect(content.accessCode).toMatch(/^\d+$/);
    expect(content.clickToCallCaller).toMatch(/\S/);
    expect((await nextEvent()).resultDesc).toBe('ClickToCall polled without any events');

    expect((await client.post('v1/dropClickToCall', { channel: 'WEB' })).body).toMatchObject({ resultCode: '0' });
    expect((await nextEvent()).resultDesc).toBe('Call disconnected');
    expect((await nextEvent()).resultDesc).toBe('ClickToCall polled without any events');
    // Dropping again changes nothing.
    expect((await client.post('v1/dropClickToCall', { channel: 'WEB' })).body).toMatchObject({ resultCode: '0' });
    expect((await nextEvent()).resultDesc).toBe('ClickToCall polled without any events');
  });

  it('dropping while in queue disconnects instead of connecting', async () => {
    await create('0');
    expect((await nextEvent()).resultDesc).toBe('Call in queue');
    await client.post('v1/dropClickToCall', { channel: 'WEB' });
    clock.advance(5000);
    expect(await descs(2)).toEqual(['Call disconnected', 'ClickToCall polled without any events']);
  });

  it('far-end-hangup: disconnected one callQueueMs after connected', async () => {
    sim.configure({ callScenario: 'far-end-hangup' });
    await create();
    expect(await descs(1)).toEqual(['Call in queue']);
    clock.advance(1000);
    expect(await descs(2)).toEqual(['Call connected', 'ClickToCall polled without any events']);
    clock.advance(1000);
    expect(await descs(2)).toEqual(['Call disconnected', 'ClickToCall polled without any events']);
  });

  it('failed: "Call failed" with a cause', async () => {
    sim.configure({ callScenario: 'failed' });
    await create();
    clock.advance(1000);
    expect(await descs(1)).toEqual(['Call in queue']);
    const failed = await nextEvent();
    expect(failed.resultDesc).toBe('Call failed');
    expect(failed.content).toEqual({ causeId: expect.stringMatching(/\S/), causeDesc: expect.stringMatching(/\S/) });
  });

  it('timeout: "Call queued timeout"', async () => {
    sim.configure({ callScenario: 'timeout' });
    await create();
    clock.advance(1000);
    expect(await descs(3)).toEqual(['Call in queue', 'Call queued timeout', 'ClickToCall polled without any events']);
  });

  it.each([
    ['unknown-events', 'Call continue to poll events with unknown events'],
    ['empty-events', 'ClickToCall polled without any events'],
  ] as const)('%s: a few filler answers, then connected', async (scenario, filler) => {
    sim.configure({ callScenario: scenario });
    await create();
    clock.advance(1000);
    expect(await descs(5)).toEqual(['Call in queue', filler, filler, filler, 'Call connected']);
  });

  it.each([
    ['reject-7', '7'],
    ['reject-12', '12'],
    ['reject-13', '13'],
  ] as const)('%s: createClickToCall answers resultCode %s', async (scenario, code) => {
    sim.configure({ callScenario: scenario as CallScenario });
    const reply = await create();
    expect(reply.status).toBe(200);
    expect(reply.body.resultCode).toBe(code);
    expect(String(reply.body.resultDesc)).toMatch(/\S/);
    expect((await nextEvent()).resultDesc).toBe('ClickToCall polled without any events');
  });

  it('reject-12 and reject-13 use the documented descriptions', async () => {
    sim.configure({ callScenario: 'reject-12' });
    expect((await create()).body.resultDesc).toBe('The current time is not within the working time of the service agents');
    sim.configure({ callScenario: 'reject-13' });
    expect((await create()).body.resultDesc).toBe('No agents available currently');
  });

  it('validates createClickToCall', async () => {
    expect((await client.post('v1/createClickToCall', { channel: 'WEB', mediaAbility: 'x' })).status).toBe(400);
    expect((await client.post('v1/createClickToCall', { mediaAbility: '0' })).status).toBe(400);
  });

  it('getClickToCallEvents holds and answers as soon as the call connects (real time)', async () => {
    sim.configure({ now: () => Date.now(), pollHoldMs: 3000, callQueueMs: 80 });
    await client.applyToken();
    await create();
    expect((await nextEvent()).resultDesc).toBe('Call in queue');
    const polls = () => sim.requests.filter((r) => r.operation === 'getClickToCallEvents').length;
    const before = polls();
    // One held poll brings the connection (not an empty answer and a second poll): the hold ended on the event,
    // well before its 3 s were up. Counted, not timed: a loaded machine stretches any time.
    const { value, ms } = await timed(nextEvent());
    expect(value.resultDesc).toBe('Call connected');
    expect(polls()).toBe(before + 1);
    expect(ms).toBeLessThan(3000);
    sim.configure({ callQueueMs: 1000 });
  });
});
