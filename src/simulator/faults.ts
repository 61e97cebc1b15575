// Injected faults: a FIFO of faults, each applying to its next `count` matching API responses.

import { HttpResponse } from 'msw';

export type FaultKind =
  | 'status'
  | 'hang'
  | 'delay'
  | 'malformed'
  | 'html'
  | 'repeat'
  | 'reorder'
  | 'truncate'
  | 'cut'
  | 'lost'
  | 'notpoll';

export interface Fault {
  kind: FaultKind;
  /** How many matching responses it applies to; default 1. */
  count?: number;
  /** Operation name to match; default any API operation (the poll kinds only ever apply to poll). */
  on?: string;
  /** Only the requests of this visitor (the token's user, or applyToken's userId); default anyone's. */
  userId?: string;
  /** For 'status' (default 500) and 'html' (default 502). */
  status?: number;
  /** Seconds, for 'status': adds a Retry-After header. */
  retryAfter?: number;
  /** For 'delay'. */
  ms?: number;
}

export const OPERATIONS = [
  'applyToken',
  'send',
  'poll',
  'queryQueueInfo',
  'queryHistoryChatMessage',
  'checkClickToCallSupport',
  'createClickToCall',
  'getClickToCallEvents',
  'dropClickToCall',
  'getSatisfactionSurveyMode',
  'saveSatisfaction',
  'doLeaveMessage',
  'queryPhraseByKeyword',
  'feedbacksatisfaction',
  'uploadFileStream',
  'downloadFileStream',
] as const;
export type Operation = (typeof OPERATIONS)[number];

const KINDS: readonly FaultKind[] = [
  'status',
  'hang',
  'delay',
  'malformed',
  'html',
  'repeat',
  'reorder',
  'truncate',
  'cut',
  'lost',
  'notpoll',
];
/**
 * Kinds that break a poll answer after the server has handed its messages over (they count as delivered):
 * - `truncate`: a 200 whose JSON body is cut partway (a prefix of the real answer);
 * - `cut`: the answer starts (status, headers, part of the body), then the connection fails mid-body;
 * - `lost`: the answer never arrives: a network error (over HTTP the socket is destroyed with nothing written);
 * - `notpoll`: a 200 JSON that is not a poll answer ({@link NOT_POLL_BODY}).
 */
export const BROKEN_POLL_KINDS: readonly FaultKind[] = ['truncate', 'cut', 'lost', 'notpoll'];
/** Kinds that apply to poll only: those that change what a poll delivers, and the broken poll answers. */
const POLL_KINDS: readonly FaultKind[] = ['repeat', 'reorder', ...BROKEN_POLL_KINDS];

export const MALFORMED_BODY = '{"resultCode":"0",';
export const HTML_BODY = '<html><body><h1>502 Bad Gateway</h1></body></html>';
export const DEFAULT_DELAY_MS = 1000;
/** What a 'notpoll' fault answers: JSON, status 200, but no poll answer (no result code, no messages). */
export const NOT_POLL_BODY = { message: 'ok' };
/** How long a 'cut' answer stays open after its first part before the connection fails. */
export const CUT_AFTER_MS = 50;

interface ActiveFault {
  fault: Fault;
  left: number;
}

/** Throws a TypeError when the fault is not one the simulator can apply. */
export function validateFault(fault: Fault): void {
  if (!fault || typeof fault !== 'object') throw new TypeError('fault must be an object');
  if (!KINDS.includes(fault.kind)) throw new TypeError(`fault.kind must be one of ${KINDS.join(', ')}`);
  if (fault.on !== undefined && !(OPERATIONS as readonly string[]).includes(fault.on)) {
    throw new TypeError(`fault.on must be one of ${OPERATIONS.join(', ')}`);
  }
  if (POLL_KINDS.includes(fault.kind) && fault.on !== undefined && fault.on !== 'poll') {
    throw new TypeError(`a '${fault.kind}' fault only applies to poll`);
  }
  if (fault.userId !== undefined && (typeof fault.userId !== 'string' || fault.userId === '')) {
    throw new TypeError('fault.userId must be a non-empty string');
  }
  for (const key of ['count', 'status', 'retryAfter', 'ms'] as const) {
    const value = fault[key];
    if (value !== undefined && (typeof value !== 'number' || Number.isNaN(value) || value < 0)) {
      throw new TypeError(`fault.${key} must be a non-negative number`);
    }
  }
  if (fault.status !== undefined && (fault.status < 200 || fault.status > 599)) {
    throw new TypeError('fault.status must be an HTTP status (200-599)');
  }
}

export class FaultQueue {
  private active: ActiveFault[] = [];

  add(fault: Fault): void {
    validateFault(fault);
    const left = fault.count ?? 1;
    if (left > 0) this.active.push({ fault: { ...fault }, left });
  }

  clear(): void {
    this.active = [];
  }

  get size(): number {
    return this.active.length;
  }

  /** The first fault matching the operation and the requesting visitor, counted as used; undefined when none. */
  take(operation: string, userId: string | undefined): Fault | undefined {
    const index = this.active.findIndex(({ fault }) => {
      if (fault.userId !== undefined && fault.userId !== userId) return false;
      if (POLL_KINDS.includes(fault.kind)) return operation === 'poll';
      return fault.on === undefined || fault.on === operation;
    });
    if (index < 0) return undefined;
    const entry = this.active[index]!;
    entry.left -= 1;
    if (entry.left <= 0) this.active.splice(index, 1);
    return entry.fault;
  }
}

/** The error response of a 'status' fault. */
export function statusResponse(fault: Fault, headers: Record<string, string>): Response {
  const status = fault.status ?? 500;
  const allHeaders: Record<string, string> = { ...headers };
  if (fault.retryAfter !== undefined) allHeaders['Retry-After'] = String(fault.retryAfter);
  return HttpResponse.json(
    { errorCode: `SIM.${status}`, exceptionInfo: `simulated fault: HTTP ${status}` },
    { status, headers: allHeaders },
  );
}

export function malformedResponse(headers: Record<string, string>): Response {
  return new HttpResponse(MALFORMED_BODY, {
    status: 200,
    headers: { ...headers, 'Content-Type': 'application/json;charset=UTF-8' },
  });
}

export function htmlResponse(fault: Fault, headers: Record<string, string>): Response {
  return new HttpResponse(HTML_BODY, {
    status: fault.status ?? 502,
    headers: { ...headers, 'Content-Type': 'text/html' },
  });
}

/** Where a broken answer cuts its body: halfway, so it is a proper prefix (never valid JSON) and not empty. */
export function cutPoint(length: number): number {
  return Math.max(1, Math.floor(length / 2));
}

/**
 * The answer of a broken-poll fault, given the JSON text of the real answer (whose messages are already taken).
 * `destroy` ends the client's connection when the simulator serves real HTTP (http.ts); in a service worker or
 * in-process there is no connection, and the Response alone breaks the answer.
 */
export function brokenPollResponse(
  kind: FaultKind,
  body: string,
  headers: Record<string, string>,
  destroy: (() => void) | undefined,
): Response {
  const jsonHeaders = { ...headers, 'Content-Type': 'application/json;charset=UTF-8' };
  switch (kind) {
    case 'truncate':
      return new HttpResponse(body.slice(0, cutPoint(body.length)), { status: 200, headers: jsonHeaders });
    case 'notpoll':
      return HttpResponse.json(NOT_POLL_BODY, { status: 200, headers });
    case 'cut':
      return new HttpResponse(cutStream(body, destroy), { status: 200, headers: jsonHeaders });
    default:
      // 'lost'. Over HTTP the socket goes with nothing written, and the Response goes nowhere (a network-error
      // Response, status 0, would make the middleware throw); in a service worker or in-process it is the fault.
      if (!destroy) return HttpResponse.error();
      destroy();
      return new HttpResponse(null, { status: 204 });
  }
}

/** The first half of `body`, then (after CUT_AFTER_MS, so that half reaches the client) a failing stream. */
function cutStream(body: string, destroy: (() => void) | undefined): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(body);
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(bytes.slice(0, cutPoint(bytes.length)));
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, CUT_AFTER_MS));
      if (destroy) {
        // Over HTTP a stream error would leave the response open (and nobody listens to it): the connection goes.
        destroy();
        controller.close();
      } else {
        controller.error(new TypeError('simulated fault: the connection failed mid-body'));
      }
    },
  });
}
