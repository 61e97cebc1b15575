import { describe, expect, it } from 'vitest';
import { API_PATH, OPERATIONS } from '../../../src/api/operations';
import { API_PATH as PROXY_API_PATH, CC_ROUTES } from '../../../src/server/routes';
import { createSimulator } from '../../../src/simulator';
import { startSimulatorServer } from '../../../src/simulator/http';

// One table of operations (src/api/operations.ts) read by the client, the proxy and the simulator.
describe('the operations table', () => {
  it('is the proxy allow-list: every path with its method, nothing else', () => {
    expect(PROXY_API_PATH).toBe(`${API_PATH}/`);
    expect([...CC_ROUTES.keys()].sort()).toEqual(Object.values(OPERATIONS).map((o) => o.path).sort());
    for (const [name, operation] of Object.entries(OPERATIONS)) {
      expect(CC_ROUTES.get(operation.path)?.method, name).toBe(operation.method);
    }
  });

  it('gives each long poll the answer the proxy sends when it lets go of a held poll early', () => {
    for (const operation of Object.values(OPERATIONS)) {
      const longPoll = CC_ROUTES.get(operation.path)?.longPoll;
      if ('longPoll' in operation) expect(longPoll, operation.path).toMatchObject({ resultCode: '0' });
      else expect(longPoll, operation.path).toBeNull();
    }
  });

  it('is what the simulator serves: each operation answered at its path and method by its own handler', async () => {
    const server = await startSimulatorServer({ port: 0, simulator: createSimulator({ pollHoldMs: 0 }) });
    try {
      for (const { path, method } of Object.values(OPERATIONS)) {
        await fetch(`${server.url}${API_PATH}/${path}`, {
          method,
          ...(method === 'POST' ? { body: '{}', headers: { 'Content-Type': 'application/json' } } : {}),
        });
      }
      // The catch-all records an unknown path as 'unknown'; each handler records its operation's name.
      expect(server.simulator.requests.map((r) => r.operation)).toEqual(Object.keys(OPERATIONS));
    } finally {
      await server.close();
    }
  });

  it('spells paths as the vendor does, without a leading or trailing slash', () => {
    for (const { path } of Object.values(OPERATIONS)) expect(path).toMatch(/^[A-Za-z0-9]+(\/[A-Za-z0-9]+)*$/);
  });
});
