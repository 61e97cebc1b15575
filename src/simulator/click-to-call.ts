// Click-to-call: support check, create (or reject, per scenario), the per-call event queue that
// getClickToCallEvents hands out one event at a time, and drop.

import type { CallScenario } from './options';
import type { CallEvent, CallRecord, SimState, UserRecord } from './state';

export const CALL_CONNECTED_EVENT_ID = 168101;
export const NO_EVENTS_DESC = 'ClickToCall polled without any events';
export const UNKNOWN_EVENTS_DESC = 'Call continue to poll events with unknown events';
/** How many "unknown" / "no events" answers the 'unknown-events' / 'empty-events' scenarios give first. */
export const FILLER_EVENTS = 3;

export const CONNECTED_CONTENT = Object.freeze({
  domain: 'webrtc.sim.test',
  gwAddresses: ['wss://gw1.webrtc.sim.test:8443', 'wss://gw2.webrtc.sim.test:8443'],
  accessCode: '179080000537636',
  clickToCallCaller: 'AnonymousCard',
});

export const FAILED_CONTENT = Object.freeze({ causeId: '17', causeDesc: 'User busy' });

const REJECTIONS: Partial<Record<CallScenario, { resultCode: string; resultDesc: string }>> = {
  unsupported: { resultCode: '7', resultDesc: 'The channel does not support click-to-call.' },
  'reject-7': { resultCode: '7', resultDesc: 'The channel does not support click-to-call.' },
  'reject-12': {
    resultCode: '12',
    resultDesc: 'The current time is not within the working time of the service agents',
  },
  'reject-13': { resultCode: '13', resultDesc: 'No agents available currently' },
};

export function clickToCallSupport(scenario: CallScenario): Record<string, unknown> {
  return {
    resultCode: '0',
    resultDesc: 'check click to call support success.',
    webRTCSupported: true,
    clickToCallSupported: scenario !== 'unsupported',
  };
}

function event(at: number, resultDesc: string, eventId: number | null = null, content: CallEvent['content'] = null) {
  return { at, resultDesc, eventId, content };
}

function connectedEvent(at: number, gwAddresses: readonly string[]): CallEvent {
  return event(at, 'Call connected', CALL_CONNECTED_EVENT_ID, { ...CONNECTED_CONTENT, gwAddresses: [...gwAddresses] });
}

/** The events a new call will produce under the scenario, timed from `now`. */
export function scriptedEvents(
  scenario: CallScenario,
  now: number,
  queueMs: number,
  gwAddresses: readonly string[] = CONNECTED_CONTENT.gwAddresses,
): CallEvent[] {
  const connected = (at: number) => connectedEvent(at, gwAddresses);
  const events = [event(now, 'Call in queue')];
  switch (scenario) {
    case 'far-end-hangup':
      events.push(connected(now + queueMs), event(now + 2 * queueMs, 'Call disconnected'));
      break;
    case 'failed':
      events.push(event(now + queueMs, 'Call failed', null, { ...FAILED_CONTENT }));
      break;
    case 'timeout':
      events.push(event(now + queueMs, 'Call queued timeout'));
      break;
    case 'unknown-events':
    case 'empty-events': {
      const desc = scenario === 'unknown-events' ? UNKNOWN_EVENTS_DESC : NO_EVENTS_DESC;
      for (let i = 0; i < FILLER_EVENTS; i++) events.push(event(now, desc));
      events.push(connected(now + queueMs));
      break;
    }
    default:
      events.push(connected(now + queueMs));
  }
  return events;
}

const FINAL_EVENTS = ['Call disconnected', 'Call failed', 'Call queued timeout'];

export function createCall(
  state: SimState,
  user: UserRecord,
  mediaAbility: string,
): { resultCode: string; resultDesc: string } {
  const scenario = state.options.callScenario;
  const rejection = REJECTIONS[scenario];
  if (rejection) return { ...rejection };
  const call: CallRecord = {
    mediaAbility,
    events: scriptedEvents(
      scenario,
      state.now(),
      state.options.callQueueMs,
      state.options.callGwAddresses ?? CONNECTED_CONTENT.gwAddresses,
    ),
    over: false,
  };
  call.over = call.events.some((e) => FINAL_EVENTS.includes(e.resultDesc));
  user.call = call;
  state.notify(user);
  return { resultCode: '0', resultDesc: 'connect successfully.' };
}

export function dropCall(state: SimState, user: UserRecord): { resultCode: string; resultDesc: string } {
  const call = user.call;
  if (call) {
    const now = state.now();
    // Events already due stay (the client may not have polled them yet); the future is replaced.
    const due = call.events.filter((e) => e.at <= now && !FINAL_EVENTS.includes(e.resultDesc));
    const alreadyOver = call.events.length === 0 && call.over;
    call.events = alreadyOver ? [] : [...due, event(now, 'Call disconnected')];
    call.over = true;
    state.notify(user);
  }
  return { resultCode: '0', resultDesc: 'disconnect successfully.' };
}

/** The next due event of the user's call, removed from its queue; null when none is due. */
export function takeCallEvent(state: SimState, user: UserRecord): CallEvent | null {
  const call = user.call;
  if (!call || call.events.length === 0) return null;
  const first = call.events[0];
  if (!first || first.at > state.now()) return null;
  call.events.shift();
  return first;
}

export function nextCallEventAt(user: UserRecord): number | null {
  return user.call?.events[0]?.at ?? null;
}

export function eventBody(e: CallEvent | null): Record<string, unknown> {
  if (!e) return { resultCode: '0', resultDesc: NO_EVENTS_DESC, eventId: null, content: null };
  return { resultCode: '0', resultDesc: e.resultDesc, eventId: e.eventId, content: e.content };
}
