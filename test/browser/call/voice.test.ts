import axe from 'axe-core';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { SipAgent } from '../../../demo/sip-agent';
import { CONNECTED_CONTENT } from '../../../src/simulator/click-to-call';
import {
  animationsDone,
  axeViolations,
  callLines,
  count,
  isShown,
  mountCall,
  part,
  parts,
  statusText,
  useCallFixture,
  waitForCall,
} from './helpers';

// The call's voice in the element: the states it goes through, its buttons, the keypad by keyboard, and
// `no-voice`. The agent is a JsSIP user agent in the same page, registered at the SIP test gateway that
// the browser project's global set-up runs in Node (test/support/sip-gateway-setup.ts); Chromium's fake
// microphone is granted without a prompt (vitest.config.ts). The end-to-end tests cover the media itself.

useCallFixture();

const gateway = inject('sipGateway');
const agents: SipAgent[] = [];

afterEach(() => {
  for (const agent of agents.splice(0)) agent.stop();
});

/** The agent at the access code, registered; `autoAnswer: false` leaves the call ringing. */
async function startAgent(autoAnswer = true): Promise<SipAgent> {
  const agent = new SipAgent({
    url: gateway,
    user: CONNECTED_CONTENT.accessCode,
    domain: CONNECTED_CONTENT.domain,
    autoAnswer,
  });
  agents.push(agent);
  await expect.poll(() => agent.state, { timeout: 5000 }).toBe('ready');
  return agent;
}

async function connectedCall(attrs: Record<string, string> = {}) {
  const agent = await startAgent();
  const fixture = await mountCall({ voice: { gwAddresses: [gateway] }, attrs });
  fixture.el.show();
  await fixture.el.startCall();
  await waitForCall(fixture.el, 'connected', 10_000);
  return { ...fixture, agent };
}

describe('a call with a voice', () => {
  it('goes through dialing to connected, written into the transcript, without the gateway details', async () => {
    const { el, states, agent } = await connectedCall();
    expect(states()).toEqual(['requesting', 'queued', 'dialing', 'connected']);
    expect(callLines(el)).toEqual(['Calling…', 'Waiting for an agent to answer…', 'Connecting your call…', 'Call connected']);
    expect(agent.calledUser).toBe(CONNECTED_CONTENT.accessCode);
    expect(part(el, 'call-gateway')).toBeNull();
    // Chromium's fake microphone beeps: the meter moves.
    const meter = part(el, 'call-level') as HTMLMeterElement;
    expect(isShown(meter)).toBe(true);
    await expect.poll(() => meter.value, { timeout: 5000 }).toBeGreaterThan(0.05);
    expect(isShown(part(el, 'call-keypad'))).toBe(false);
  });

  it('mutes and unmutes, saying so on the button', async () => {
    const { el } = await connectedCall();
    const mute = part(el, 'mute-button')!;
    expect(mute.getAttribute('aria-label')).toBe('Mute');
    expect(mute.getAttribute('aria-pressed')).toBe('false');
    mute.click();
    await el.updateComplete;
    expect(mute.getAttribute('aria-pressed')).toBe('true');
    expect(mute.getAttribute('title')).toBe('Unmute');
    expect((part(el, 'call-level') as HTMLMeterElement).value).toBe(0);
    mute.click();
    await el.updateComplete;
    expect(mute.getAttribute('aria-pressed')).toBe('false');
  });

  it('hung up while the agent\'s phone rings: CANCEL, and the call is over on both sides', async () => {
    const agent = await startAgent(false);
    const { el, states } = await mountCall({ voice: { gwAddresses: [gateway] } });
    el.show();
    await el.startCall();
    await waitForCall(el, 'dialing', 5000);
    await expect.poll(() => agent.state, { timeout: 5000 }).toBe('ringing');
    await el.endCall();
    await expect.poll(() => agent.state, { timeout: 5000 }).toBe('ended');
    expect(agent.endedBy).toBe('remote');
    expect(states()).toEqual(['requesting', 'queued', 'dialing', 'ended']);
    expect(statusText(el)).toBe('You ended the call');
    expect(count('dropClickToCall')).toBe(1);
  });

  // An unreachable gateway is an end-to-end test: MSW's WebSocket interception in this page opens any socket.
  it('"Call connected" without a gateway fails the call in words, with a cc-error of kind call', async () => {
    const { el, errors } = await mountCall({ voice: { gwAddresses: [] } });
    el.show();
    await el.startCall();
    await waitForCall(el, 'failed', 10_000);
    expect(statusText(el)).toBe('The call could not be connected: the contact center sent no gateway to call.');
    expect(errors).toContainEqual(expect.objectContaining({ kind: 'call', operation: 'config', fatal: false }));
    await expect.poll(() => count('dropClickToCall')).toBe(1);
  });
});

describe('sipOptions', () => {
  it('with registration on, the call goes through; extra headers and the display name reach the agent', async () => {
    const agent = await startAgent();
    const { el } = await mountCall({ voice: { gwAddresses: [gateway] } });
    el.sipOptions = { register: true, extraHeaders: ['X-Channel: web-test'], displayName: 'Web visitor' };
    el.show();
    await el.startCall();
    await waitForCall(el, 'connected', 10_000);
    expect(agent.inviteHeaders['x-channel']).toBe('web-test');
    expect(agent.inviteHeaders['from']).toContain('"Web visitor"');
    expect(agent.inviteHeaders['from']).toContain(`sip:${CONNECTED_CONTENT.clickToCallCaller}@${CONNECTED_CONTENT.domain}`);
  });
});

describe('the keypad', () => {
  it('opens from the keyboard, sends the digits typed, and closes with Escape', async () => {
    const { el, agent } = await connectedCall();
    const toggle = part(el, 'keypad-button')!;
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    toggle.focus();
    await userEvent.keyboard('{Enter}');
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(isShown(part(el, 'call-keypad'))).toBe(true);
    // The first key has the focus: Enter presses it; typed digits, * and # are sent as they are.
    await expect.poll(() => el.shadowRoot!.activeElement?.getAttribute('data-key')).toBe('1');
    await userEvent.keyboard('{Enter}');
    await userEvent.keyboard('9*#');
    await expect.poll(() => agent.dtmf, { timeout: 5000 }).toEqual(['1', '9', '*', '#']);
    expect(part(el, 'dtmf-sent')!.querySelector('output')!.textContent).toBe('19*#');
    await userEvent.keyboard('{Escape}');
    await el.updateComplete;
    expect(isShown(part(el, 'call-keypad'))).toBe(false);
    await expect.poll(() => el.shadowRoot!.activeElement).toBe(toggle);
  });

  it('names its keys for screen readers, and axe finds no violation with it open', async () => {
    const { el } = await connectedCall();
    part(el, 'keypad-button')!.click();
    await el.updateComplete;
    const keys = parts(el, 'dtmf-key');
    expect(keys.map((k) => k.textContent!.trim())).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#']);
    expect(keys[9]!.getAttribute('aria-label')).toBe('Dial *');
    expect(part(el, 'call-keypad')!.getAttribute('role')).toBe('group');
    await animationsDone(el);
    expect(axeViolations(await axe.run(el))).toEqual([]);
  });
});

describe('no-voice', () => {
  it('keeps the status and the gateway details, asks for no microphone and dials nothing', async () => {
    const asked: unknown[] = [];
    const original = navigator.mediaDevices.getUserMedia;
    navigator.mediaDevices.getUserMedia = (constraints) => {
      asked.push(constraints);
      return original.call(navigator.mediaDevices, constraints);
    };
    try {
      const agent = await startAgent();
      const { el, states } = await mountCall({ voice: undefined, attrs: { 'no-voice': '' } });
      el.show();
      await el.startCall();
      await waitForCall(el, 'connected');
      expect(states()).toEqual(['requesting', 'queued', 'connected']);
      expect(isShown(part(el, 'call-gateway'))).toBe(true);
      expect(part(el, 'mute-button')).toBeNull();
      expect(asked).toEqual([]);
      expect(agent.state).toBe('ready');
    } finally {
      navigator.mediaDevices.getUserMedia = original;
    }
  });
});
