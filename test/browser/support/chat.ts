import { afterEach, beforeAll, beforeEach, expect, vi } from 'vitest';
import '../../../src/define';
import type { CcChat } from '../../../src/core/cc-chat';
import type { CcChatEventMap } from '../../../src/core/events';
import type { RecordedRequest } from '../../../src/simulator';
import { resetSimulator, sim, startSimulator } from './simulator';

// Shared set-up of the <cc-chat> browser tests: the simulator behind MSW, a fresh element per test
// (a user ID of its own, so nothing a test leaves behind reaches the next), readers of the shadow
// DOM by part, a recorder of the element's events and a recorder of what goes over the wire.

export { sim } from './simulator';

/** The localStorage key of the generated customer ID (part of the contract with returning visitors). */
export const USER_ID_KEY = 'cc-chat:user-id';

/** Registers the hooks every cc-chat test file needs; call once at the top of the file. */
export function useChatFixture(): void {
  beforeAll(() => startSimulator());
  beforeEach(() => {
    resetSimulator();
    sessionStorage.clear();
    localStorage.removeItem(USER_ID_KEY);
  });
  afterEach(() => {
    document.body.replaceChildren();
    restoreWire();
    vi.restoreAllMocks();
    vi.useRealTimers();
  });
}

let users = 0;
/** A customer ID no other test uses (at most 24 characters, as the API requires). */
export function uniqueUser(prefix = 'v'): string {
  users += 1;
  return `${prefix}-${users}-${Math.random().toString(36).slice(2, 8)}`.slice(0, 24);
}

export interface MountOptions {
  channelId?: string;
  /** null: no user-id attribute (the element generates one). Default: a new unique ID. */
  userId?: string | null;
  /** Other attributes, e.g. `{ locale: 'zh-CN' }`. */
  attrs?: Record<string, string>;
  parent?: ParentNode;
}

/** Creates a <cc-chat> with short timings and waits for its first render. */
export async function mountChat(options: MountOptions = {}): Promise<CcChat> {
  const el = document.createElement('cc-chat');
  el.setAttribute('channel-id', options.channelId ?? 'ch-1');
  if (options.userId !== null) el.setAttribute('user-id', options.userId ?? uniqueUser());
  el.setAttribute('poll-interval', '20');
  for (const [name, value] of Object.entries(options.attrs ?? {})) el.setAttribute(name, value);
  (options.parent ?? document.body).append(el);
  await el.updateComplete;
  return el;
}

/**
 * What a reload of the tab does to the widget: the element goes away with the page, a new one is
 * created with the same configuration, and sessionStorage is kept. The panel is closed after a reload, and
 * its content is only built when it opens: `open` opens it, to look at the restored transcript.
 */
export async function reload(el: CcChat, options: { open?: boolean } = {}): Promise<CcChat> {
  const attrs: Record<string, string> = {};
  for (const { name, value } of Array.from(el.attributes)) if (name !== 'open') attrs[name] = value;
  if (options.open) attrs.open = '';
  el.remove();
  const next = document.createElement('cc-chat');
  for (const [name, value] of Object.entries(attrs)) next.setAttribute(name, value);
  document.body.append(next);
  await next.updateComplete;
  return next;
}

// ---------------------------------------------------------------------------------------------
// Reading the shadow DOM

export function part(el: CcChat, name: string): HTMLElement | null {
  return el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
}

export function parts(el: CcChat, name: string): HTMLElement[] {
  return Array.from(el.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`));
}

/** Like part(), but fails the test when the part is missing. */
export function requirePart(el: CcChat, name: string): HTMLElement {
  const found = part(el, name);
  if (!found) throw new Error(`<cc-chat> has no part "${name}"`);
  return found;
}

/** Whether the part exists and is rendered (not hidden by an attribute or by CSS). */
export function isShown(node: HTMLElement | null): boolean {
  return !!node && !node.hidden && node.getClientRects().length > 0;
}

/** The visible messages of the transcript, optionally of one data-source-type. */
export function messages(el: CcChat, sourceType?: string): HTMLElement[] {
  return parts(el, 'message').filter(
    (m) => !m.hidden && (sourceType === undefined || m.dataset.sourceType === sourceType),
  );
}

/** The words of a message: its bubble or its system line, without the time and status. */
export function messageText(message: HTMLElement): string {
  const body = message.querySelector('[part~="bubble"], [part~="system-line"]');
  if (!body) return '';
  const clone = body.cloneNode(true) as HTMLElement;
  clone.querySelectorAll('time, .ccm-vh').forEach((n) => n.remove());
  return (clone.textContent ?? '').trim();
}

/** `SOURCE: text` for every visible message, in transcript order. */
export function transcript(el: CcChat): string[] {
  return messages(el).map((m) => `${m.dataset.sourceType}: ${messageText(m)}`);
}

export function noticeText(el: CcChat): string {
  const notice = part(el, 'notice');
  return notice && !notice.hidden ? (notice.textContent ?? '').trim() : '';
}

/** Waits until the element reports this connection state (the `cc-connection-change` state). */
export async function waitForState(el: CcChat, state: string, timeout = 5000): Promise<void> {
  await expect.poll(() => el.connectionState, { timeout }).toBe(state);
}

/** Opens the panel and waits for the robot's greeting. */
export async function openAndGreet(el: CcChat): Promise<void> {
  el.show();
  await expect.poll(() => messages(el, 'ROBOT').length, { timeout: 5000 }).toBeGreaterThan(0);
  await waitForState(el, 'connected');
}

/** Puts text in the composer as typing would (an input event), without the keyboard. */
export async function typeDraft(el: CcChat, text: string): Promise<HTMLTextAreaElement> {
  const input = requirePart(el, 'input') as HTMLTextAreaElement;
  input.value = text;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await el.updateComplete;
  return input;
}

// ---------------------------------------------------------------------------------------------
// Events

export type CcEventType = keyof CcChatEventMap;
export const EVENT_TYPES: readonly CcEventType[] = [
  'cc-message',
  'cc-message-sent',
  'cc-open',
  'cc-close',
  'cc-connection-change',
  'cc-unread-change',
  'cc-error',
  'cc-survey',
];

export interface RecordedEvent {
  type: CcEventType;
  detail: unknown;
  event: CustomEvent;
}

/** Records every cc-* event reaching `target` (listen on document to check bubbling and composition). */
export function recordEvents(target: EventTarget = document) {
  const list: RecordedEvent[] = [];
  for (const type of EVENT_TYPES) {
    target.addEventListener(type, (event) => list.push({ type, detail: (event as CustomEvent).detail, event: event as CustomEvent }));
  }
  return {
    list,
    of<K extends CcEventType>(type: K): Array<CcChatEventMap[K]['detail']> {
      return list.filter((e) => e.type === type).map((e) => e.detail as CcChatEventMap[K]['detail']);
    },
    types(): CcEventType[] {
      return list.map((e) => e.type);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The wire, as the simulator saw it

interface SendBody {
  controlType?: string;
  content?: string;
  from?: string;
  to?: string;
  senderNickname?: string;
}

export function sendBody(request: RecordedRequest): SendBody {
  return (request.body ?? {}) as SendBody;
}

/** Whose request it is: the customer ID in the body (applyToken, send, queue) or in the query (poll). */
export function requestUser(request: RecordedRequest): string | undefined {
  const body = (request.body ?? {}) as { userId?: string; from?: string };
  return body.userId ?? body.from ?? request.query.receiverId;
}

/** The API requests of one customer (all when `userId` is undefined). */
export function requestsOf(userId?: string): RecordedRequest[] {
  return sim.requests.filter((r) => userId === undefined || requestUser(r) === userId);
}

/** The click-to-call requests, which another part of the element makes on its own schedule. */
const CALL_OPERATIONS = ['checkClickToCallSupport', 'createClickToCall', 'getClickToCallEvents', 'dropClickToCall'];

/** The chat's operation names, with the controlType of sends: `applyToken`, `send:CONNECT`, `poll`… */
export function operations(userId?: string): string[] {
  return requestsOf(userId)
    .filter((r) => !CALL_OPERATIONS.includes(r.operation))
    .map((r) => (r.operation === 'send' ? `send:${sendBody(r).controlType}` : r.operation));
}

/** The send requests of a controlType (and of a text, for CHAT). */
export function sends(controlType: string, content?: string, userId?: string): RecordedRequest[] {
  return requestsOf(userId).filter((r) => {
    const body = sendBody(r);
    return r.operation === 'send' && body.controlType === controlType && (content === undefined || body.content === content);
  });
}

// ---------------------------------------------------------------------------------------------
// The wire, as the page saw it: a wrapper around window.fetch that times every API call and
// counts how many of each kind are in flight at once.

export interface WireCall {
  operation: string;
  userId: string | undefined;
  controlType: string | undefined;
  content: string | undefined;
  start: number;
  end: number | undefined;
  status: number | undefined;
  /** For a poll: the content of each message it delivered, in the order received. */
  delivered: string[] | undefined;
}

let restoreFetch: (() => void) | null = null;

export function restoreWire(): void {
  restoreFetch?.();
  restoreFetch = null;
}

export function recordWire() {
  restoreWire();
  const original = window.fetch;
  const calls: WireCall[] = [];
  const inFlight = new Map<string, number>();
  const maxInFlight = new Map<string, number>();
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input), location.href);
    const match = /\/apiaccess\/ccmessaging\/(?:v1\/)?([^/?]+)$/.exec(url.pathname);
    if (!match) return original(input, init);
    let body: Record<string, string> = {};
    try {
      body = typeof init?.body === 'string' ? (JSON.parse(init.body) as Record<string, string>) : {};
    } catch {
      // not JSON: nothing to read
    }
    const call: WireCall = {
      operation: match[1],
      userId: body.userId ?? body.from ?? url.searchParams.get('receiverId') ?? undefined,
      controlType: body.controlType,
      content: body.content,
      start: performance.now(),
      end: undefined,
      status: undefined,
      delivered: undefined,
    };
    calls.push(call);
    const key = `${call.operation}:${call.userId ?? ''}`;
    inFlight.set(key, (inFlight.get(key) ?? 0) + 1);
    maxInFlight.set(key, Math.max(maxInFlight.get(key) ?? 0, inFlight.get(key)!));
    try {
      const response = await original(input, init);
      call.status = response.status;
      if (call.operation === 'poll' && response.ok) {
        const body = (await response.clone().json()) as { downlinkMessages?: Array<{ content?: string }> };
        call.delivered = (body.downlinkMessages ?? []).map((m) => m.content ?? '');
      }
      return response;
    } finally {
      call.end = performance.now();
      inFlight.set(key, inFlight.get(key)! - 1);
    }
  };
  restoreFetch = () => {
    window.fetch = original;
  };
  return {
    calls,
    /** The most requests of `operation` for `userId` that were ever in flight together. */
    maxInFlight(operation: string, userId?: string): number {
      return maxInFlight.get(`${operation}:${userId ?? ''}`) ?? 0;
    },
    inFlight(operation: string, userId?: string): number {
      return inFlight.get(`${operation}:${userId ?? ''}`) ?? 0;
    },
    /** CHAT sends of this text that the server answered with 200. */
    deliveredChats(content: string, userId?: string): WireCall[] {
      return calls.filter(
        (c) =>
          c.operation === 'send' &&
          c.controlType === 'CHAT' &&
          c.content === content &&
          c.status === 200 &&
          (userId === undefined || c.userId === userId),
      );
    },
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
