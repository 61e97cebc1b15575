import type axe from 'axe-core';
import { afterEach, beforeAll, beforeEach, expect } from 'vitest';
import '../../../src/define';
import type { CcChat } from '../../../src/core/cc-chat';
import type { CcCallStatusDetail, CcErrorDetail } from '../../../src/core/events';
import type { CallScenario } from '../../../src/simulator';
import { resetSimulator, sim, startSimulator } from '../support/simulator';

// Set-up of the click-to-call browser tests: the simulator behind MSW with short timings, one fresh
// element per test (its own user ID), its call events, and an observer of the page's fetch calls
// (it only watches: the responses still come from the simulator through MSW).

export { sim } from '../support/simulator';

const mounted: CcChat[] = [];
let restoreFetch: (() => void) | null = null;

/** Registers the hooks of a call test file; call once at the top of the file. */
export function useCallFixture(): void {
  beforeAll(() => startSimulator());
  beforeEach(() => {
    resetSimulator();
    sessionStorage.clear();
  });
  afterEach(async () => {
    // A call left active would keep its pagehide listener and drop into the next test.
    for (const el of mounted.splice(0)) await el.endCall().catch(() => undefined);
    document.body.replaceChildren();
    restoreFetch?.();
    restoreFetch = null;
  });
}

let users = 0;
export function uniqueUser(): string {
  users += 1;
  return `call-${users}-${Math.random().toString(36).slice(2, 8)}`;
}

export interface CallFixture {
  el: CcChat;
  userId: string;
  /** Every cc-call-status detail, in order. */
  statuses: CcCallStatusDetail[];
  /** Every cc-error detail, in order. */
  errors: CcErrorDetail[];
  states(): string[];
}

/** A <cc-chat> with a fast event loop, a call scenario, and recorders of its call events (on document). */
export async function mountCall(
  options: {
    scenario?: CallScenario;
    callQueueMs?: number;
    attrs?: Record<string, string>;
    /** Dial the gateway (`gwAddresses`) with the widget's voice; without, the element has `no-voice`. */
    voice?: { gwAddresses: string[] };
  } = {},
): Promise<CallFixture> {
  sim.configure({
    callScenario: options.scenario ?? 'connect',
    callQueueMs: options.callQueueMs ?? 200,
    callGwAddresses: options.voice?.gwAddresses ?? null,
  });
  const userId = uniqueUser();
  const el = document.createElement('cc-chat');
  el.setAttribute('channel-id', 'ch-call');
  el.setAttribute('user-id', userId);
  el.setAttribute('poll-interval', '50');
  // The call tests of the status, the events and the requests leave the voice to the page, as before it existed.
  if (!options.voice) el.setAttribute('no-voice', '');
  for (const [name, value] of Object.entries(options.attrs ?? {})) el.setAttribute(name, value);
  const statuses: CcCallStatusDetail[] = [];
  const errors: CcErrorDetail[] = [];
  document.addEventListener('cc-call-status', (e) => {
    if (e.composedPath()[0] === el) statuses.push((e as CustomEvent<CcCallStatusDetail>).detail);
  });
  document.addEventListener('cc-error', (e) => {
    if (e.composedPath()[0] === el) errors.push((e as CustomEvent<CcErrorDetail>).detail);
  });
  document.body.append(el);
  mounted.push(el);
  await el.updateComplete;
  return { el, userId, statuses, errors, states: () => statuses.map((s) => s.state) };
}

export function part(el: CcChat, name: string): HTMLElement | null {
  return el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
}

export function parts(el: CcChat, name: string): HTMLElement[] {
  return Array.from(el.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`));
}

/** Whether the node is rendered (not hidden by an attribute or by CSS). */
export function isShown(node: HTMLElement | null): boolean {
  return !!node && node.getClientRects().length > 0;
}

/** The sentence of `part="call-status"`, without the retry notice. */
export function statusText(el: CcChat): string {
  return part(el, 'call-status')?.querySelector('.call-sentence')?.textContent?.trim() ?? '';
}

export async function waitForCall(el: CcChat, state: string, timeout = 5000): Promise<void> {
  await expect.poll(() => el.callState, { timeout }).toBe(state);
  await el.updateComplete;
}

export function count(operation: string): number {
  return sim.requests.filter((r) => r.operation === operation).length;
}

export function operationsSeen(): string[] {
  return sim.requests.map((r) => r.operation);
}

/** After a final state: no getClickToCallEvents request for a while (several poll intervals and holds). */
export async function expectNoMorePolling(ms = 600): Promise<void> {
  const before = count('getClickToCallEvents');
  await new Promise((resolve) => setTimeout(resolve, ms));
  expect(count('getClickToCallEvents')).toBe(before);
}

/** The SYSTEM lines the widget wrote for the call (their messageCode starts with `local-call-`). */
export function callLines(el: CcChat): string[] {
  return parts(el, 'message')
    .filter((m) => m.dataset.sourceType === 'SYSTEM' && (m.dataset.key ?? '').startsWith('m:local-call-'))
    .map((m) => {
      const clone = m.cloneNode(true) as HTMLElement;
      clone.querySelectorAll('time, .ccm-vh').forEach((n) => n.remove());
      return (clone.textContent ?? '').trim();
    });
}

export interface FetchCall {
  operation: string;
  start: number;
  end: number | undefined;
  keepalive: boolean;
}

/** Watches the page's API fetches (timing, keepalive) until the end of the test. */
export function watchFetch(): FetchCall[] {
  restoreFetch?.();
  const original = window.fetch;
  const calls: FetchCall[] = [];
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input), location.href);
    const match = /\/apiaccess\/ccmessaging\/(?:v1\/)?([^/?]+)$/.exec(url.pathname);
    if (!match) return original(input, init);
    const call: FetchCall = { operation: match[1], start: performance.now(), end: undefined, keepalive: !!init?.keepalive };
    calls.push(call);
    const settle = () => {
      call.end = performance.now();
    };
    const pending = original(input, init);
    pending.then(settle, settle);
    return pending;
  };
  restoreFetch = () => {
    window.fetch = original;
  };
  return calls;
}

/** The most requests of one operation that were in flight at the same time. */
export function maxConcurrent(calls: FetchCall[], operation: string): number {
  const edges: Array<[number, number]> = [];
  for (const c of calls) {
    if (c.operation !== operation) continue;
    edges.push([c.start, 1], [c.end ?? Infinity, -1]);
  }
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let now = 0;
  let max = 0;
  for (const [, delta] of edges) {
    now += delta;
    max = Math.max(max, now);
  }
  return max;
}

/** Waits for the shadow root's finite animations (axe reads colours mid-fade otherwise). */
export async function animationsDone(el: HTMLElement): Promise<void> {
  const finite = el.shadowRoot!.getAnimations().filter((a) => a.effect?.getComputedTiming().iterations !== Infinity);
  await Promise.all(finite.map((a) => a.finished.catch(() => undefined)));
}

/** axe's violations as `id: targets` lines. */
export function axeViolations(results: axe.AxeResults): string[] {
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
