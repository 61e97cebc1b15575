import { describe, expect, it } from 'vitest';
import { CONNECTED_CONTENT, FAILED_CONTENT } from '../../../src/simulator/click-to-call';
import {
  callLines,
  count,
  expectNoMorePolling,
  isShown,
  mountCall,
  part,
  parts,
  sim,
  statusText,
  useCallFixture,
  waitForCall,
} from './helpers';

// Every path of a click-to-call against the simulator's scenarios: what the visitor sees (call-status,
// timer, gateway, transcript lines), what the host page hears (cc-call-status) and what goes over the wire.

useCallFixture();

const expectedGateway = {
  domain: CONNECTED_CONTENT.domain,
  addresses: [...CONNECTED_CONTENT.gwAddresses],
  accessCode: CONNECTED_CONTENT.accessCode,
  caller: CONNECTED_CONTENT.clickToCallCaller,
};

describe('queued → connected → hang-up', () => {
  it('goes through every state, shows the gateway and the timer, and drops the call on hang-up', async () => {
    const { el, statuses, states } = await mountCall({ callQueueMs: 300 });
    el.show();
    await expect.poll(() => part(el, 'call-button'), { timeout: 5000 }).toBeTruthy();
    expect(part(el, 'call-button')!.getAttribute('aria-label')).toBe('Call us');
    part(el, 'call-button')!.click();

    await waitForCall(el, 'queued');
    expect(part(el, 'call-status')!.dataset.state).toBe('queued');
    expect(statusText(el)).toBe('Waiting for an agent to answer…');
    expect(part(el, 'call-button')).toBeNull(); // one call at a time
    await expect.poll(() => el.shadowRoot!.activeElement?.getAttribute('part')).toBe('hangup-button');

    await waitForCall(el, 'connected');
    expect(statusText(el)).toBe('Call connected');
    expect(states()).toEqual(['requesting', 'queued', 'connected']);
    const connected = statuses[2];
    expect(connected).toMatchObject({ state: 'connected', resultDesc: 'Call connected', eventId: '168101' });
    expect(connected.gateway).toEqual(expectedGateway);

    // The timer counts whole seconds from "Call connected".
    expect(part(el, 'call-timer')!.textContent!.trim()).toBe('0:00');
    await expect.poll(() => part(el, 'call-timer')!.textContent!.trim(), { timeout: 2500 }).toBe('0:01');

    const requestsBefore = count('dropClickToCall');
    expect(requestsBefore).toBe(0);
    part(el, 'hangup-button')!.click();
    await waitForCall(el, 'ended');
    expect(states()).toEqual(['requesting', 'queued', 'connected', 'ended']);
    expect(statuses[3].gateway).toEqual(expectedGateway); // still known at the end
    await expect.poll(() => count('dropClickToCall')).toBe(1);
    const drop = sim.requests.find((r) => r.operation === 'dropClickToCall')!;
    expect(drop.body).toEqual({ channel: 'WEB' });
    expect(statusText(el)).toMatch(/^You ended the call \(0:0[12]\)$/);
    expect(part(el, 'hangup-button')).toBeNull();
    expect(part(el, 'call-timer')).toBeNull();
    expect(part(el, 'call-gateway')).toBeNull();
    // The focus stays in the call bar: on its dismiss button.
    await expect.poll(() => el.shadowRoot!.activeElement?.getAttribute('part')).toBe('call-dismiss-button');
    await expectNoMorePolling();

    // Each state change is a SYSTEM line of the transcript, kept with it in sessionStorage.
    expect(callLines(el)).toEqual([
      'Calling…',
      'Waiting for an agent to answer…',
      'Call connected',
      expect.stringMatching(/^You ended the call \(0:0[12]\)$/),
    ]);
    expect(JSON.stringify(Object.values(sessionStorage))).toContain('local-call-');

    // The call button is back; dismissing hides the bar and gives the focus to it.
    part(el, 'call-dismiss-button')!.click();
    await el.updateComplete;
    expect(isShown(part(el, 'call'))).toBe(false);
    expect(part(el, 'call-status')!.dataset.state).toBe('ended');
    await expect.poll(() => el.shadowRoot!.activeElement?.getAttribute('part')).toBe('call-button');
  });

  it('sends the create with mediaAbility 1 for call-media="video", and 0 by default', async () => {
    const video = await mountCall({ attrs: { 'call-media': 'video' } });
    await video.el.startCall();
    const create = sim.requests.find((r) => r.operation === 'createClickToCall')!;
    expect(create.body).toEqual({ channel: 'WEB', mediaAbility: '1' });
    await video.el.endCall();

    sim.clearRequests();
    const audio = await mountCall();
    await audio.el.startCall();
    expect(sim.requests.find((r) => r.operation === 'createClickToCall')!.body).toEqual({
      channel: 'WEB',
      mediaAbility: '0',
    });
  });
});

describe('the contact center ends the call', () => {
  it('connected, then disconnected by the far end: ended, no drop sent, polling stops', async () => {
    const { el, states, statuses } = await mountCall({ scenario: 'far-end-hangup', callQueueMs: 300 });
    el.show();
    await el.startCall();
    await waitForCall(el, 'connected');
    await waitForCall(el, 'ended');
    expect(states()).toEqual(['requesting', 'queued', 'connected', 'ended']);
    expect(statuses[3]).toMatchObject({ resultDesc: 'Call disconnected', gateway: expectedGateway });
    expect(statusText(el)).toMatch(/^The call has ended \(0:0\d\)$/);
    expect(count('dropClickToCall')).toBe(0);
    await expectNoMorePolling();
  });

  it('queue timeout', async () => {
    const { el, states, statuses } = await mountCall({ scenario: 'timeout' });
    el.show();
    await el.startCall();
    await waitForCall(el, 'timeout');
    expect(states()).toEqual(['requesting', 'queued', 'timeout']);
    expect(statuses[2]).toMatchObject({ state: 'timeout', resultDesc: 'Call queued timeout', gateway: null });
    expect(part(el, 'call-status')!.dataset.state).toBe('timeout');
    expect(statusText(el)).toBe('No agent answered in time. Please try again later.');
    expect(callLines(el).at(-1)).toBe('No agent answered in time. Please try again later.');
    await expectNoMorePolling();
  });

  it('failed with a cause: causeId and causeDesc shown and in the event', async () => {
    const { el, states, statuses } = await mountCall({ scenario: 'failed' });
    el.show();
    await el.startCall();
    await waitForCall(el, 'failed');
    expect(states()).toEqual(['requesting', 'queued', 'failed']);
    expect(statuses[2]).toMatchObject({
      state: 'failed',
      resultDesc: 'Call failed',
      causeId: FAILED_CONTENT.causeId,
      causeDesc: FAILED_CONTENT.causeDesc,
    });
    expect(statusText(el)).toBe(`The call failed: ${FAILED_CONTENT.causeDesc} (cause ${FAILED_CONTENT.causeId})`);
    await expectNoMorePolling();
  });
});

describe('createClickToCall refuses', () => {
  // [scenario, resultCode, the simulator's resultDesc, what the widget says]
  const cases = [
    ['reject-7', '7', 'The channel does not support click-to-call.', 'Calls are not available on this channel.'],
    [
      'reject-12',
      '12',
      'The current time is not within the working time of the service agents',
      'Our agents are not available right now. Please call during working hours.',
    ],
    ['reject-13', '13', 'No agents available currently', 'No agent is available right now. Please try again later.'],
  ] as const;
  it.each(cases)('%s: rejected with code %s, said in words, no event request', async (scenario, code, resultDesc, words) => {
    const { el, states, statuses, errors } = await mountCall({ scenario });
    el.show();
    await el.startCall();
    await waitForCall(el, 'rejected');
    expect(states()).toEqual(['requesting', 'rejected']);
    // The server's own words reach cc-call-status as given.
    expect(statuses[1]).toMatchObject({ state: 'rejected', resultCode: code, resultDesc, gateway: null });
    expect(part(el, 'call-status')!.dataset.state).toBe('rejected');
    expect(statusText(el)).toBe(words);
    expect(callLines(el)).toEqual(['Calling…', words]);
    expect(errors).toEqual([]); // an answer, not a fault
    await expectNoMorePolling(300);
    expect(count('getClickToCallEvents')).toBe(0);
  });

  it('unsupported: no call button, and startCall is refused without a create', async () => {
    const { el, statuses } = await mountCall({ scenario: 'unsupported' });
    el.show();
    await expect.poll(() => count('checkClickToCallSupport')).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await el.updateComplete;
    expect(part(el, 'call-button')).toBeNull();
    await el.startCall();
    expect(el.callState).toBe('rejected');
    expect(statuses.at(-1)).toMatchObject({ state: 'rejected', resultCode: null });
    expect(statusText(el)).toBe('Calls are not available on this channel.');
    expect(count('createClickToCall')).toBe(0);
    expect(count('checkClickToCallSupport')).toBe(1);
  });
});

describe('events that change nothing', () => {
  it('empty events keep polling, then connect; nothing reported', async () => {
    const { el, states, errors } = await mountCall({ scenario: 'empty-events' });
    await el.startCall();
    await waitForCall(el, 'connected');
    expect(states()).toEqual(['requesting', 'queued', 'connected']);
    // "Call in queue", three empty answers, "Call connected".
    expect(count('getClickToCallEvents')).toBeGreaterThanOrEqual(5);
    expect(errors).toEqual([]);
  });

  it('"… with unknown events" keeps polling, and is reported once through cc-error (protocol)', async () => {
    const { el, states, errors } = await mountCall({ scenario: 'unknown-events' });
    await el.startCall();
    await waitForCall(el, 'connected');
    expect(states()).toEqual(['requesting', 'queued', 'connected']);
    expect(count('getClickToCallEvents')).toBeGreaterThanOrEqual(5);
    // Three such answers, one report.
    expect(errors).toEqual([
      {
        kind: 'protocol',
        operation: 'getClickToCallEvents',
        message: expect.stringContaining('Call continue to poll events with unknown events'),
        fatal: false,
      },
    ]);
  });
});

describe('the call bar', () => {
  it('shows each gateway detail as the server sent it', async () => {
    const { el } = await mountCall();
    el.show();
    await el.startCall();
    await waitForCall(el, 'connected');
    const gateway = part(el, 'call-gateway')!;
    expect(isShown(gateway)).toBe(true);
    expect(gateway.getAttribute('role')).toBe('group');
    const field = (name: string) =>
      Array.from(gateway.querySelectorAll(`[data-field="${name}"]`)).map((n) => n.textContent!.trim());
    expect(field('domain')).toEqual([CONNECTED_CONTENT.domain]);
    expect(field('address')).toEqual([...CONNECTED_CONTENT.gwAddresses]);
    expect(field('access-code')).toEqual([CONNECTED_CONTENT.accessCode]);
    expect(field('caller')).toEqual([CONNECTED_CONTENT.clickToCallCaller]);
  });

  it('has at most one call-status, role=status, in the page (idle) before it speaks, and speaks Chinese for zh-CN', async () => {
    const { el } = await mountCall({ attrs: { locale: 'zh-CN' } });
    // No call yet: its code is not even loaded.
    expect(parts(el, 'call-status')).toHaveLength(0);
    const firstStates: string[] = [];
    const observer = new MutationObserver(() => {
      const status = part(el, 'call-status');
      if (status && firstStates.length === 0) firstStates.push(status.dataset.state ?? '');
    });
    observer.observe(el.shadowRoot!, { childList: true, subtree: true });
    await el.startCall();
    observer.disconnect();
    expect(firstStates).toEqual(['idle']);
    expect(parts(el, 'call-status')).toHaveLength(1);
    expect(part(el, 'call-status')!.getAttribute('role')).toBe('status');
    await waitForCall(el, 'connected');
    expect(statusText(el)).toBe('通话已接通');
    el.show();
    await el.updateComplete;
    expect(parts(el, 'call-status')).toHaveLength(1);
    expect(part(el, 'hangup-button')!.textContent!.trim()).toBe('挂断');
  });

  it('the strings property overrides the call\'s strings too, which come with the call\'s code', async () => {
    const { el } = await mountCall();
    el.strings = { hangUp: 'End the call', callStatus: (status) => `state ${status.state}` };
    await el.startCall();
    await waitForCall(el, 'connected');
    expect(statusText(el)).toBe('state connected');
    el.show();
    await el.updateComplete;
    expect(part(el, 'hangup-button')!.textContent!.trim()).toBe('End the call');
  });

  it('no-call-button hides the button; startCall still works', async () => {
    const { el } = await mountCall({ attrs: { 'no-call-button': '' } });
    el.show();
    await expect.poll(() => count('checkClickToCallSupport')).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(part(el, 'call-button')).toBeNull();
    el.noCallButton = false;
    await el.updateComplete;
    expect(part(el, 'call-button')).not.toBeNull();
    el.noCallButton = true;
    await el.updateComplete;
    await el.startCall();
    await waitForCall(el, 'connected');
  });
});
