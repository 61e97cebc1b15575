import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSimulator } from '../../../src/simulator/index.ts';
import { API, call, Client, connectedClient, timed, timeOf } from './helpers.ts';

const sim = createSimulator({ pollHoldMs: 50 });
const server = setupServer(...sim.handlers);
let client: Client;

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(async () => {
  client = await connectedClient();
});
afterEach(() => sim.reset());
afterAll(() => server.close());

describe('faults', () => {
  it('status: the given status, Retry-After and a JSON error body, for `count` responses', async () => {
    sim.fault({ kind: 'status', status: 503, retryAfter: 7, count: 2 });
    const first = await client.get('poll?receiverId=user-1&channel=WEB');
    expect(first.status).toBe(503);
    expect(first.headers.get('retry-after')).toBe('7');
    expect(first.body).toMatchObject({ errorCode: 'SIM.503' });
    expect((await client.send('CHAT', 'x')).status).toBe(503);
    expect((await client.send('CHAT', 'x')).status).toBe(200);
  });

  it('status defaults to 500 without Retry-After; `on` picks the operation', async () => {
    sim.fault({ kind: 'status', on: 'send' });
    expect(await client.poll()).toEqual([]);
    const failed = await client.send('CHAT', 'x');
    expect(failed.status).toBe(500);
    expect(failed.headers.get('retry-after')).toBeNull();
    expect((await client.send('CHAT', 'x')).status).toBe(200);
  });

  it('a 401 does not use up a fault', async () => {
    sim.fault({ kind: 'status', status: 502 });
    expect((await call('GET', `${API}/poll`)).status).toBe(401);
    expect((await client.queueInfo()).status).toBe(502);
  });

  it('hang: no answer until the client gives up; the next request is fine', async () => {
    sim.fault({ kind: 'hang', on: 'queryQueueInfo' });
    const started = performance.now();
    await expect(
      client.post('queryQueueInfo', { userId: 'user-1', channel: 'WEB' }, AbortSignal.timeout(120)),
    ).rejects.toThrow();
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
    expect((await client.queueInfo()).body).toMatchObject({ resultCode: '160004' });
  });

  it('delay: answers normally after `ms`', async () => {
    sim.fault({ kind: 'delay', ms: 120, on: 'send' });
    const { value, ms } = await timed(client.send('CHAT', 'hello'));
    expect(ms).toBeGreaterThanOrEqual(110);
    expect(value.body).toMatchObject({ resultCode: '0' });
  });

  it('malformed: 200 with a truncated JSON body', async () => {
    sim.fault({ kind: 'malformed' });
    const reply = await client.send('CHAT', 'hello');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toContain('application/json');
    expect(reply.text).toBe('{"resultCode":"0",');
    expect(() => JSON.parse(reply.text)).toThrow();
  });

  it('html: an HTML error page with the status (default 502)', async () => {
    sim.fault({ kind: 'html' });
    sim.fault({ kind: 'html', status: 504 });
    const first = await client.queueInfo();
    expect(first.status).toBe(502);
    expect(first.headers.get('content-type')).toContain('text/html');
    expect(first.text).toBe('<html><body><h1>502 Bad Gateway</h1></body></html>');
    expect((await client.queueInfo()).status).toBe(504);
    expect((await client.queueInfo()).status).toBe(200);
  });

  it('repeat: the next poll re-delivers what was delivered before, then the new messages', async () => {
    const delivered = await client.history();
    const greetingCode = delivered.body.messageList[0]!.messageCode;
    sim.fault({ kind: 'repeat' });
    // Not used up by other operations.
    expect((await client.send('CHAT', 'opening hours?')).status).toBe(200);
    const again = await client.poll();
    expect(again.map((m) => m.messageCode)).toHaveLength(2);
    expect(again[0]!.messageCode).toBe(greetingCode);
    expect(again[1]!.content).toContain('Monday');
    const next = await client.poll();
    expect(next).toEqual([]);
  });

  it('reorder: the next poll delivers its batch in reverse timestamp order', async () => {
    sim.agentSays('one');
    sim.agentSays('two');
    sim.agentSays('three');
    sim.fault({ kind: 'reorder' });
    const batch = await client.poll();
    expect(batch.map((m) => m.content)).toEqual(['three', 'two', 'one']);
    expect(timeOf(batch[0]!)).toBeGreaterThan(timeOf(batch[2]!));
    sim.agentSays('four');
    sim.agentSays('five');
    expect((await client.poll()).map((m) => m.content)).toEqual(['four', 'five']);
  });

  describe('broken poll answers: the messages are taken first, then the answer breaks', () => {
    const POLL = 'poll?receiverId=user-1&channel=WEB';

    /** Queues two agent messages for user-1; returns their texts. */
    function twoWaiting(): string[] {
      sim.agentSays('first of the lost batch');
      sim.agentSays('second of the lost batch');
      return ['first of the lost batch', 'second of the lost batch'];
    }

    /** The messages were handed over: the next poll has nothing, the history has them. */
    async function expectDelivered(texts: string[]): Promise<void> {
      expect(await client.poll()).toEqual([]);
      const history = await client.history();
      expect(history.body.messageList.map((m) => m.content).slice(-texts.length)).toEqual(texts);
    }

    it('truncate: a 200 JSON answer cut partway, a prefix of the real answer', async () => {
      const texts = twoWaiting();
      sim.fault({ kind: 'truncate' });
      // Not used up by other operations.
      expect((await client.queueInfo()).status).toBe(200);
      const reply = await client.get(POLL);
      expect(reply.status).toBe(200);
      expect(reply.headers.get('content-type')).toContain('application/json');
      expect(reply.text.startsWith('{"resultCode":"0","resultDesc":"query user messages success.","downlinkMessages":[')).toBe(
        true,
      );
      expect(reply.text).toContain('first of the lost batch');
      expect(() => JSON.parse(reply.text)).toThrow();
      await expectDelivered(texts);
    });

    it('cut: status and headers and part of the body, then the body fails', async () => {
      const texts = twoWaiting();
      sim.fault({ kind: 'cut', on: 'poll' });
      const response = await fetch(`${API}/${POLL}`, { headers: client.headers() });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('application/json');
      const reader = response.body!.getReader();
      const first = await reader.read();
      expect(first.done).toBe(false);
      expect(new TextDecoder().decode(first.value)).toMatch(/^\{"resultCode":"0"/);
      await expect(reader.read()).rejects.toThrow(/mid-body/);
      await expectDelivered(texts);
    });

    it('lost: the answer never arrives (a network error)', async () => {
      const texts = twoWaiting();
      sim.fault({ kind: 'lost' });
      await expect(client.get(POLL)).rejects.toThrow(TypeError);
      await expectDelivered(texts);
    });

    it('notpoll: a 200 JSON that is not a poll answer', async () => {
      const texts = twoWaiting();
      sim.fault({ kind: 'notpoll', count: 1 });
      const reply = await client.get(POLL);
      expect(reply.status).toBe(200);
      expect(reply.headers.get('content-type')).toContain('application/json');
      expect(reply.body).toEqual({ message: 'ok' });
      await expectDelivered(texts);
    });

    it('each applies to poll only, for `count` polls', async () => {
      for (const kind of ['truncate', 'cut', 'lost', 'notpoll'] as const) {
        expect(() => sim.fault({ kind, on: 'send' })).toThrow(/only applies to poll/);
      }
      sim.fault({ kind: 'notpoll', count: 2 });
      expect((await client.send('CHAT', 'x')).status).toBe(200);
      expect((await client.get(POLL)).body).toEqual({ message: 'ok' });
      expect((await client.get(POLL)).body).toEqual({ message: 'ok' });
      expect((await client.get(POLL)).body).toMatchObject({ resultCode: '0' });
    });
  });

  it('faults apply first come first served, and clearFaults drops them', async () => {
    sim.fault({ kind: 'status', status: 503 });
    sim.fault({ kind: 'status', status: 504 });
    expect((await client.queueInfo()).status).toBe(503);
    sim.clearFaults();
    expect((await client.queueInfo()).status).toBe(200);
  });

  it('rejects faults it cannot apply', () => {
    expect(() => sim.fault({ kind: 'explode' as never })).toThrow(/kind/);
    expect(() => sim.fault({ kind: 'status', on: 'nope' })).toThrow(/on/);
    expect(() => sim.fault({ kind: 'repeat', on: 'send' })).toThrow(/poll/);
    expect(() => sim.fault({ kind: 'delay', ms: -1 })).toThrow(/ms/);
    expect(() => sim.fault({ kind: 'status', userId: '' })).toThrow(/userId/);
  });

  it('userId: only that visitor\'s requests meet the fault, applyToken included', async () => {
    const other = new Client('user-2');
    await other.applyToken();
    await other.send('CONNECT');
    sim.fault({ kind: 'status', status: 503, userId: 'user-2', count: 2 });
    expect((await client.queueInfo()).status).toBe(200);
    expect((await client.send('CHAT', 'x')).status).toBe(200);
    expect((await other.queueInfo()).status).toBe(503);
    expect((await new Client('user-2').applyToken()).status).toBe(503);
    expect((await other.queueInfo()).status).toBe(200);
  });

  it('applies to applyToken too (after the gateway checks)', async () => {
    sim.fault({ kind: 'status', on: 'applyToken', status: 500 });
    expect((await new Client('user-2').applyToken()).status).toBe(500);
    expect((await new Client('user-2').applyToken()).status).toBe(200);
  });
});
