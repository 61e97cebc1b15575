import axe from 'axe-core';
import { describe, expect, it } from 'vitest';
import {
  animationsDone,
  axeViolations,
  count,
  expectNoMorePolling,
  isShown,
  maxConcurrent,
  mountCall,
  operationsSeen,
  part,
  sim,
  statusText,
  useCallFixture,
  waitForCall,
  watchFetch,
} from './helpers';

// A call's life around the page: when the support is asked, a call without a chat, leaving the page,
// the element being moved, failing requests, the closed panel, accessibility.

useCallFixture();

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the support check', () => {
  it('is not made at page load, but once when the panel first opens', async () => {
    const { el } = await mountCall();
    await pause(200);
    expect(sim.requests).toHaveLength(0);
    el.show();
    await expect.poll(() => count('checkClickToCallSupport')).toBe(1);
    await expect.poll(() => part(el, 'call-button')).toBeTruthy();
    el.close();
    await el.updateComplete;
    el.show();
    await el.updateComplete;
    await pause(100);
    expect(count('checkClickToCallSupport')).toBe(1);
  });

  it('is made by startCall when the panel never opened', async () => {
    const { el } = await mountCall();
    await el.startCall();
    expect(operationsSeen().slice(0, 3)).toEqual(['applyToken', 'checkClickToCallSupport', 'createClickToCall']);
  });
});

describe('the call\'s code', () => {
  it('is loaded by startCall; an endCall before it arrives means no call at all', async () => {
    const { el } = await mountCall();
    const starting = el.startCall();
    await el.endCall();
    await starting;
    expect(el.callState).toBe('idle');
    expect(count('createClickToCall')).toBe(0);
    await el.startCall();
    await waitForCall(el, 'connected');
  });
});

describe('a call without a chat', () => {
  it('works with the chat never connected: no CONNECT, no chat poll', async () => {
    const { el } = await mountCall();
    await el.startCall();
    await waitForCall(el, 'connected');
    expect(el.connectionState).toBe('idle');
    expect(count('send')).toBe(0);
    expect(count('poll')).toBe(0);
    await el.endCall();
    expect(el.callState).toBe('ended');
    await expect.poll(() => count('dropClickToCall')).toBe(1);
  });

  it('works beside a connected chat, sharing its token', async () => {
    const { el } = await mountCall();
    el.show();
    await expect.poll(() => el.connectionState, { timeout: 5000 }).toBe('connected');
    await el.startCall();
    await waitForCall(el, 'connected');
    expect(count('applyToken')).toBe(1);
    const tokens = new Set(sim.requests.map((r) => r.headers['ccmessaging-token']).filter(Boolean));
    expect(tokens.size).toBe(1);
  });
});

describe('leaving the page', () => {
  it('a pagehide during a call sends dropClickToCall with keepalive, and polling stops', async () => {
    const calls = watchFetch();
    const { el, states } = await mountCall({ callQueueMs: 2000 });
    await el.startCall();
    await waitForCall(el, 'queued');
    window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false }));
    expect(el.callState).toBe('ended');
    expect(states()).toEqual(['requesting', 'queued', 'ended']);
    await expect.poll(() => count('dropClickToCall')).toBe(1);
    expect(calls.filter((c) => c.operation === 'dropClickToCall').map((c) => c.keepalive)).toEqual([true]);
    await expectNoMorePolling();
  });

  it('a pagehide when no call is going on sends nothing', async () => {
    const { el } = await mountCall({ scenario: 'timeout' });
    await el.startCall();
    await waitForCall(el, 'timeout');
    window.dispatchEvent(new PageTransitionEvent('pagehide'));
    await pause(100);
    expect(count('dropClickToCall')).toBe(0);
  });
});

describe('the element is moved during a call', () => {
  it('keeps one event loop, and the call goes on', async () => {
    const calls = watchFetch();
    const { el } = await mountCall({ callQueueMs: 400 });
    el.show();
    await el.startCall();
    await waitForCall(el, 'queued');
    const other = document.createElement('div');
    document.body.append(other);
    // Moved twice, once with a pause in between (detached for a while).
    other.append(el);
    el.remove();
    await pause(100);
    document.body.append(el);
    await waitForCall(el, 'connected');
    expect(isShown(part(el, 'call-gateway'))).toBe(true);
    const before = count('getClickToCallEvents');
    await pause(1000);
    // One loop: requests one after the other (simulator hold 150 ms, interval 50 ms): at most ~7 in 1 s.
    expect(count('getClickToCallEvents') - before).toBeLessThanOrEqual(8);
    expect(maxConcurrent(calls, 'getClickToCallEvents')).toBe(1);
    await el.endCall();
    await expectNoMorePolling();
  });
});

describe('failing event requests', () => {
  it('HTTP 500: a notice under the status and one cc-error, then recovery by itself', async () => {
    const { el, errors } = await mountCall({ callQueueMs: 300 });
    el.show();
    await el.startCall();
    await waitForCall(el, 'queued');
    sim.fault({ kind: 'status', status: 500, on: 'getClickToCallEvents', count: 2 });
    await expect.poll(() => part(el, 'call-notice')?.textContent?.trim(), { timeout: 4000 }).toBe(
      'Connection problem. Retrying…',
    );
    expect(part(el, 'call-status')!.contains(part(el, 'call-notice'))).toBe(true);
    await waitForCall(el, 'connected', 8000);
    // The two failures need not be back to back; the notice clears after the next success.
    await expect.poll(() => part(el, 'call-notice'), { timeout: 6000 }).toBeNull();
    expect(errors).toEqual([
      expect.objectContaining({ kind: 'http', operation: 'getClickToCallEvents', status: 500, fatal: false }),
    ]);
  });

  it('HTTP 404 on the events is fatal: the call ends, its events are no longer asked, a drop is sent', async () => {
    const { el, errors } = await mountCall({ callQueueMs: 300 });
    el.show();
    await el.startCall();
    await waitForCall(el, 'queued');
    sim.fault({ kind: 'status', status: 404, on: 'getClickToCallEvents', count: 100 });
    await waitForCall(el, 'failed', 4000);
    expect(errors).toEqual([expect.objectContaining({ kind: 'http', operation: 'getClickToCallEvents', status: 404, fatal: true })]);
    await expect.poll(() => count('dropClickToCall')).toBe(1);
    await expectNoMorePolling();
  });

  it('a network failure of the create: failed, said plainly, reported, and a drop sent in case', async () => {
    const { el, errors } = await mountCall();
    el.show();
    await expect.poll(() => count('checkClickToCallSupport')).toBe(1);
    sim.fault({ kind: 'status', status: 503, on: 'createClickToCall' });
    await el.startCall();
    expect(el.callState).toBe('failed');
    expect(statusText(el)).toBe('The call could not be started. Please try again.');
    expect(errors.map((e) => [e.kind, e.operation, e.status])).toContainEqual(['http', 'createClickToCall', 503]);
    await expect.poll(() => count('dropClickToCall')).toBe(1);
    expect(count('getClickToCallEvents')).toBe(0);
  });
});

describe('the panel closed', () => {
  it('shows the call beside the launcher, with hang-up, and the launcher says a call is on', async () => {
    const { el } = await mountCall();
    await el.startCall();
    await waitForCall(el, 'connected');
    const bar = part(el, 'call')!;
    expect(bar.classList.contains('compact')).toBe(true);
    expect(isShown(bar)).toBe(true);
    expect(isShown(part(el, 'panel'))).toBe(false);
    expect(part(el, 'call-gateway')).toBeNull(); // details only in the panel
    expect(part(el, 'launcher')!.getAttribute('aria-label')).toBe('Open chat, call in progress');
    await animationsDone(el);
    expect(axeViolations(await axe.run(el))).toEqual([]);
    part(el, 'hangup-button')!.click();
    await waitForCall(el, 'ended');
    expect(part(el, 'launcher')!.getAttribute('aria-label')).toBe('Open chat');
  });
});

describe('accessibility', () => {
  it('axe finds no violation with the call connected in the open panel', async () => {
    const { el } = await mountCall();
    el.show();
    await el.startCall();
    await waitForCall(el, 'connected');
    expect(isShown(part(el, 'call-gateway'))).toBe(true);
    await animationsDone(el);
    expect(axeViolations(await axe.run(el))).toEqual([]);
    expect(part(el, 'hangup-button')!.textContent!.trim()).toBe('Hang up');
    expect(part(el, 'call-timer')!.getAttribute('role')).toBe('timer');
  });

  it('axe finds no violation with the call button and a finished call', async () => {
    const { el } = await mountCall({ scenario: 'failed' });
    el.show();
    await expect.poll(() => part(el, 'call-button')).toBeTruthy();
    await animationsDone(el);
    expect(axeViolations(await axe.run(el))).toEqual([]);
    await el.startCall();
    await waitForCall(el, 'failed');
    await animationsDone(el);
    expect(axeViolations(await axe.run(el))).toEqual([]);
  });
});

/** The panel and the call bar rise in (opacity): axe must see them at rest. Endless ones are left alone. */
