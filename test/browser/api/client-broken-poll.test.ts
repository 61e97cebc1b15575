import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CcApiError } from '../../../src/api';
import { newClient, rejection, resetApiSim, sim, startApiSim } from './sim-worker';

// The simulator's broken poll answers, through this page's fetch and the MSW service worker: each reaches the
// client as the CcApiError kind a caller acts on, after the server has handed the batch over (only the history
// still has it).

beforeAll(async () => {
  await startApiSim();
});
beforeEach(() => resetApiSim());
afterEach(() => resetApiSim());

const CASES = [
  { kind: 'truncate', error: 'parse' },
  { kind: 'cut', error: 'network' },
  { kind: 'lost', error: 'network' },
  { kind: 'notpoll', error: 'parse' },
] as const;

describe('broken poll answers', () => {
  for (const { kind, error } of CASES) {
    it(`${kind}: a ${error} error, and the batch was handed over`, async () => {
      const client = newClient();
      await client.send('CONNECT');
      await client.poll(); // the greeting
      sim.agentSays(`said before the ${kind}`);
      sim.fault({ kind, on: 'poll' });

      const failure = await rejection(client.poll());
      expect(failure).toBeInstanceOf(CcApiError);
      expect(failure).toMatchObject({ kind: error, operation: 'poll' });

      const next = await client.poll();
      expect(next.messages).toEqual([]);
      const history = await client.queryHistoryChatMessage();
      expect(history.messages.map((m) => m.content)).toContain(`said before the ${kind}`);
    });
  }
});
