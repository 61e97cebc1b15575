// Injected faults: a FIFO of faults, each applying to its next `count` matching API responses.

import { HttpResponse } from 'msw';

export type FaultKind = 'status' | 'hang' | 'delay' | 'malformed' | 'html' | 'repeat' | 'reorder';

export interface Fault {
  kind: FaultKind;
  /** How many matching responses it applies to; default 1. */
  count?: number;
  /** Operation name to match; default any API operation ('repeat' and 'reorder' only ever apply to poll). */
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
] as const;
export type Operation = (typeof OPERATIONS)[number];

const KINDS: readonly FaultKind[] = ['status', 'hang', 'delay', 'malformed', 'html', 'repeat', 'reorder'];
/** Kinds that change what a poll delivers rather than the response itself. */
const POLL_KINDS: readonly FaultKind[] = ['repeat', 'reorder'];

export const MALFORMED_BODY = '{"resultCode":"0",';
export const HTML_BODY = '<html><body><h1>502 Bad Gateway</h1></body></html>';
export const DEFAULT_DELAY_MS = 1000;

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
