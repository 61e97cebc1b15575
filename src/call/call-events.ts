import type { ClickToCallEvent } from '../api/types';

// The click-to-call state machine as pure functions: what an event of getClickToCallEvents means,
// and where a call goes from a state. No timers, no requests: CallSession drives them.

/**
 * Where a click-to-call stands:
 * - `idle`: no call yet;
 * - `requesting`: createClickToCall sent (support and browser checked first), no event yet;
 * - `queued`: "Call in queue";
 * - `dialing`: "Call connected" (eventId 168101) came, and the widget's voice is dialing the gateway (SIP);
 * - `connected`: media flows (or, with `no-voice`, "Call connected" came), with the WebRTC gateway details;
 * - `ended`: "Call disconnected", or the visitor hung up;
 * - `timeout`: "Call queued timeout";
 * - `failed`: "Call failed" (causeId/causeDesc), or the call could not be started or followed;
 * - `rejected`: createClickToCall answered a non-zero resultCode (7, 12, 13…), or calls are not available here.
 */
export type CallState =
  | 'idle'
  | 'requesting'
  | 'queued'
  | 'dialing'
  | 'connected'
  | 'ended'
  | 'timeout'
  | 'failed'
  | 'rejected';

export const CALL_STATES: readonly CallState[] = [
  'idle',
  'requesting',
  'queued',
  'dialing',
  'connected',
  'ended',
  'timeout',
  'failed',
  'rejected',
];

/** The only documented eventId: the call is set up and `content` carries the gateway details. */
export const CALL_CONNECTED_EVENT_ID = '168101';

/** The WebRTC gateway a host page hands to its SIP/WebRTC stack (e.g. AudioCodes: callTo = accessCode). */
export interface CallGateway {
  /** The WebRTC gateway (SIP) domain. */
  domain: string | null;
  /** The gateway's signalling addresses with port, in the server's order. */
  addresses: string[];
  /** The number to call: the click-to-call called party. */
  accessCode: string | null;
  /** The calling party to present (clickToCallCaller). */
  caller: string | null;
}

/** What one answer of getClickToCallEvents asks of the call. */
export type CallEventOutcome =
  | { kind: 'queued' }
  | { kind: 'connected'; gateway: CallGateway }
  | { kind: 'ended' }
  | { kind: 'timeout' }
  | { kind: 'failed'; causeId: string | null; causeDesc: string | null }
  /** Nothing new ("ClickToCall polled without any events", or no resultDesc): keep polling. */
  | { kind: 'continue' }
  /**
   * Something nobody here understands: "Call continue to poll events with unknown events" (the server got an
   * event it does not know) or a resultDesc this version does not know. Keep polling, and tell the host page once.
   */
  | { kind: 'unknown'; resultDesc: string };

/** Lower case, single spaces, no trailing full stop: servers differ in such details. */
function normalize(text: string): string {
  return text.trim().replace(/\s+/g, ' ').replace(/\.+$/, '').toLowerCase();
}

const CONTINUE = new Set(['', 'clicktocall polled without any events']);

export function classifyCallEvent(event: ClickToCallEvent): CallEventOutcome {
  const desc = normalize(event.resultDesc ?? '');
  const content = event.content;
  if (desc === 'call connected' || (event.eventId === CALL_CONNECTED_EVENT_ID && desc !== 'call disconnected')) {
    return {
      kind: 'connected',
      gateway: {
        domain: content?.domain ?? null,
        addresses: content?.gwAddresses ? [...content.gwAddresses] : [],
        accessCode: content?.accessCode ?? null,
        caller: content?.clickToCallCaller ?? null,
      },
    };
  }
  switch (desc) {
    case 'call in queue':
      return { kind: 'queued' };
    case 'call disconnected':
      return { kind: 'ended' };
    case 'call queued timeout':
      return { kind: 'timeout' };
    case 'call failed':
      return { kind: 'failed', causeId: content?.causeId ?? null, causeDesc: content?.causeDesc ?? null };
    default:
      return CONTINUE.has(desc) ? { kind: 'continue' } : { kind: 'unknown', resultDesc: event.resultDesc };
  }
}

/** A call in one of these states is over: no event request is made any more. */
export function isFinalCallState(state: CallState): boolean {
  return state === 'ended' || state === 'timeout' || state === 'failed' || state === 'rejected';
}

/** A call in one of these states is going on: it can be hung up, and leaving the page drops it. */
export function isActiveCallState(state: CallState): boolean {
  return state === 'requesting' || state === 'queued' || state === 'dialing' || state === 'connected';
}

/**
 * The state a call goes to from `current` on an event outcome; `current` when nothing changes.
 * A final state never changes (a late event of a finished call means nothing); "Call in queue" after
 * "Call connected" is honoured (a transfer puts the call back in a queue).
 */
export function nextCallState(current: CallState, outcome: CallEventOutcome): CallState {
  if (!isActiveCallState(current)) return current;
  switch (outcome.kind) {
    case 'queued':
      return 'queued';
    case 'connected':
      return 'connected';
    case 'ended':
      return 'ended';
    case 'timeout':
      return 'timeout';
    case 'failed':
      return 'failed';
    case 'continue':
    case 'unknown':
      return current;
    default: {
      const unknown: never = outcome;
      return unknown;
    }
  }
}

/**
 * Why a call was refused, for the sentence shown: a createClickToCall resultCode (`7` the channel has no
 * click-to-call, `12` outside working hours, `13` no agent / request failed, or another code), or
 * `unsupported` (checkClickToCallSupport said no) and `no-webrtc` (this browser cannot make calls).
 */
export type CallRejection = '7' | '12' | '13' | 'unsupported' | 'no-webrtc' | (string & {});
