import { afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import '../../src/define';
import type { CcChat } from '../../src/element/cc-chat';
import { resetSimulator, sim, startSimulator } from './support/simulator';

beforeAll(() => startSimulator());
beforeEach(() => { resetSimulator(); sessionStorage.clear(); });
afterEach(() => document.body.replaceChildren());

it('connects on open and shows the robot greeting', async () => {
  const el = document.createElement('cc-chat') as CcChat;
  el.channelId = 'ch-1';
  el.userId = 'visitor-1';
  document.body.append(el);
  await el.updateComplete;
  expect(sim.requests).toHaveLength(0);
  el.show();
  await expect.poll(() => el.shadowRoot!.querySelectorAll('[part~="message"][data-source-type="ROBOT"]').length, { timeout: 5000 }).toBeGreaterThan(0);
  expect(sim.requests.map((r) => r.operation).slice(0, 3)).toEqual(['applyToken', 'send', 'poll']);
});
