import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulator } from '../../../src/simulator/index.ts';
import { startSimulatorServer, type SimulatorServer } from '../../../src/simulator/http.ts';
import { call, Client, timed } from './helpers.ts';

const sim = createSimulator({ pollHoldMs: 3000 });
let server: SimulatorServer;

beforeAll(async () => {
  server = await startSimulatorServer({ port: 0, simulator: sim });
});
afterAll(async () => {
  await server.close();
});

describe('startSimulatorServer (real HTTP)', () => {
  it('serves the API and the control endpoints over a socket', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const client = new Client('http-user', `${server.url}/apiaccess/ccmessaging`);
    expect((await client.applyToken()).status).toBe(200);
    expect((await client.send('CONNECT')).body).toMatchObject({ resultCode: '0' });
    const [greeting] = await client.poll();
    expect(greeting).toMatchObject({ sourceType: 'ROBOT', to: 'http-user' });

    // A renewed token arrives as a response header.
    expect((await call('POST', `${server.url}/__sim/renew-token`)).body).toEqual({ ok: true });
    const renewedReply = await client.queueInfo();
    const renewed = renewedReply.headers.get('ccmessaging-token');
    expect(renewed).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(renewedReply.headers.get('access-control-expose-headers')).toContain('ccmessaging-token');
    client.token = renewed!;

    // A poll holds, and answers as soon as a control request makes the agent talk.
    setTimeout(() => void call('POST', `${server.url}/__sim/agent-says`, { body: { text: 'over http' } }), 100);
    const held = await timed(client.poll());
    expect(held.value.map((m) => m.content)).toEqual(['over http']);
    expect(held.ms).toBeGreaterThanOrEqual(80);
    expect(held.ms).toBeLessThan(2000);

    const requests = await call<Array<{ operation: string; headers: Record<string, string> }>>(
      'GET',
      `${server.url}/__sim/requests`,
    );
    expect(requests.body.map((r) => r.operation)).toEqual(['applyToken', 'send', 'poll', 'queryQueueInfo', 'poll']);
    expect(requests.body[4]!.headers['ccmessaging-token']).toBe(renewed);
    expect(Object.keys(requests.body[4]!.headers)).not.toContain('x-cc-sim-connection');
  });

  it('ends a hold when the client disconnects, and answers CORS preflights', async () => {
    const client = new Client('quitter', `${server.url}/apiaccess/ccmessaging`);
    await client.applyToken();
    await client.send('CONNECT');
    await client.poll();
    sim.fault({ kind: 'hang', on: 'queryQueueInfo' });
    await expect(
      client.post('queryQueueInfo', { userId: 'quitter', channel: 'WEB' }, AbortSignal.timeout(100)),
    ).rejects.toThrow();
    // The server is fine afterwards.
    expect((await client.queueInfo()).status).toBe(200);

    const preflight = await fetch(`${server.url}/apiaccess/ccmessaging/send`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://localhost:5173',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type,ccmessaging-token',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('ccmessaging-token');
  });

  it('cut and lost break the connection itself; the server is fine afterwards', async () => {
    const client = new Client('breaker', `${server.url}/apiaccess/ccmessaging`);
    await client.applyToken();
    await client.send('CONNECT');
    await client.poll();
    const poll = `${server.url}/apiaccess/ccmessaging/poll?receiverId=breaker&channel=WEB`;

    sim.agentSays('cut off', 'breaker');
    sim.fault({ kind: 'cut' });
    const cut = await fetch(poll, { headers: client.headers() });
    expect(cut.status).toBe(200);
    const reader = cut.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toMatch(/^\{"resultCode":"0"/);
    const rest = await timed(
      (async () => {
        for (;;) if ((await reader.read()).done) return 'ended';
      })().catch(() => 'failed'),
    );
    expect(rest.value).toBe('failed');
    expect(rest.ms).toBeLessThan(2000);

    sim.agentSays('never answered', 'breaker');
    sim.fault({ kind: 'lost' });
    await expect(fetch(poll, { headers: client.headers() })).rejects.toThrow(TypeError);

    // Both batches were handed over.
    expect((await client.history()).body.messageList.map((m) => m.content).slice(-2)).toEqual([
      'cut off',
      'never answered',
    ]);
    expect((await client.queueInfo()).status).toBe(200);
  });

  it('answers 404 outside the simulator paths', async () => {
    const reply = await fetch(`${server.url}/somewhere/else`);
    expect(reply.status).toBe(404);
  });

  it('close() returns even while a poll is held', async () => {
    const other = await startSimulatorServer({ port: 0, simulator: createSimulator({ pollHoldMs: 10_000 }) });
    const client = new Client('late', `${other.url}/apiaccess/ccmessaging`);
    await client.applyToken();
    const pending = client.poll().catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const { ms } = await timed(other.close());
    expect(ms).toBeLessThan(2000);
    expect(await pending).toBeInstanceOf(Error);
  });
});
