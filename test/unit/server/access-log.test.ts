// One structured line per request: method, operation, status, duration and a hash of the visitor, never a token.

import { describe, expect, it, vi } from 'vitest';
import { writeAccessLog } from '../../../src/server/access-log.ts';
import { send, Visitor } from './helpers.ts';
import { useProxyHarness } from './harness.ts';

const harness = useProxyHarness();

describe('the access log', () => {
  it('writes one entry per request, naming the visitor by a hash that is stable and holds no token', async () => {
    const { proxy, api } = await harness.setup();
    const visitor = new Visitor(api, 'logged');
    await visitor.applyToken();
    harness.logSecrets.push(visitor.token, 'logged');
    await visitor.send('CONNECT');
    await visitor.poll();
    await send(`${api}/nothing-here`, { body: {} });
    await send(`${proxy.url}/healthz`);
    await new Promise((resolve) => setTimeout(resolve, 20));

    expect(harness.access.map(({ method, operation, status }) => [method, operation, status])).toEqual([
      ['POST', 'applyToken', 200],
      ['POST', 'send', 200],
      ['GET', 'poll', 200],
      ['POST', '-', 404],
      ['GET', 'healthz', 200],
    ]);
    for (const entry of harness.access) {
      expect(entry.visitor).toMatch(/^[A-Za-z0-9_-]{16}$/);
      expect(Number.isNaN(Date.parse(entry.time))).toBe(false);
      expect(entry.durationMs).toBeGreaterThanOrEqual(0);
    }
    const [applied, sent, polled] = harness.access;
    // Before it has a token the visitor is its address; then its token, the same on every request.
    expect(sent!.visitor).toBe(polled!.visitor);
    expect(applied!.visitor).not.toBe(sent!.visitor);
    expect(harness.access[3]!.reason).toBe('not-found');
  });

  it('prints JSON lines on stdout by default', () => {
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    let calls: unknown[][];
    try {
      writeAccessLog({ time: '2026-01-01T00:00:00.000Z', method: 'GET', operation: 'poll', status: 200, durationMs: 5, visitor: 'abc' });
    } finally {
      calls = [...write.mock.calls];
      write.mockRestore();
    }
    expect(calls).toEqual([[
      '{"time":"2026-01-01T00:00:00.000Z","method":"GET","operation":"poll","status":200,"durationMs":5,"visitor":"abc"}\n',
    ]]);
  });
});
