import { describe, expect, it } from 'vitest';
import type { ClickToCallEvent } from '../../../src/api/types';
import {
  CALL_STATES,
  classifyCallEvent,
  isActiveCallState,
  isFinalCallState,
  nextCallState,
  type CallEventOutcome,
} from '../../../src/call/call-events';
import { enCall as en, formatCallDuration, type CallStatusInfo } from '../../../src/call/call-strings';
import { zhCN } from '../../../src/locales/zh';

function event(resultDesc: string, extra: Partial<ClickToCallEvent> = {}): ClickToCallEvent {
  return { resultCode: '0', resultDesc, eventId: null, content: null, ...extra };
}

const content = {
  domain: 'gw.example',
  gwAddresses: ['wss://a:1', 'wss://b:2'],
  accessCode: '179080000537636',
  clickToCallCaller: 'AnonymousCard',
  causeId: null,
  causeDesc: null,
};

describe('classifyCallEvent', () => {
  it('knows the five documented events', () => {
    expect(classifyCallEvent(event('Call in queue'))).toEqual({ kind: 'queued' });
    expect(classifyCallEvent(event('Call connected', { eventId: '168101', content }))).toEqual({
      kind: 'connected',
      gateway: {
        domain: 'gw.example',
        addresses: ['wss://a:1', 'wss://b:2'],
        accessCode: '179080000537636',
        caller: 'AnonymousCard',
      },
    });
    expect(classifyCallEvent(event('Call disconnected'))).toEqual({ kind: 'ended' });
    expect(classifyCallEvent(event('Call queued timeout'))).toEqual({ kind: 'timeout' });
    expect(
      classifyCallEvent(event('Call failed', { content: { ...content, causeId: '17', causeDesc: 'User busy' } })),
    ).toEqual({ kind: 'failed', causeId: '17', causeDesc: 'User busy' });
  });

  it('tolerates case, spacing and a full stop', () => {
    expect(classifyCallEvent(event('  call IN  queue. '))).toEqual({ kind: 'queued' });
    expect(classifyCallEvent(event('CALL DISCONNECTED')).kind).toBe('ended');
  });

  it('takes eventId 168101 as connected whatever the words, and copes without content', () => {
    expect(classifyCallEvent(event('Call setup ok', { eventId: '168101' }))).toEqual({
      kind: 'connected',
      gateway: { domain: null, addresses: [], accessCode: null, caller: null },
    });
    expect(classifyCallEvent(event('Call failed')).kind).toBe('failed');
  });

  it('"no events" and an empty answer continue; unknown ones (the server\'s or ours) are unknown', () => {
    expect(classifyCallEvent(event('ClickToCall polled without any events'))).toEqual({ kind: 'continue' });
    expect(classifyCallEvent(event(''))).toEqual({ kind: 'continue' });
    expect(classifyCallEvent(event('Call continue to poll events with unknown events'))).toEqual({
      kind: 'unknown',
      resultDesc: 'Call continue to poll events with unknown events',
    });
    expect(classifyCallEvent(event('Call ringing'))).toEqual({ kind: 'unknown', resultDesc: 'Call ringing' });
  });
});

describe('nextCallState', () => {
  const outcomes: CallEventOutcome[] = [
    { kind: 'queued' },
    { kind: 'connected', gateway: { domain: null, addresses: [], accessCode: null, caller: null } },
    { kind: 'ended' },
    { kind: 'timeout' },
    { kind: 'failed', causeId: null, causeDesc: null },
    { kind: 'continue' },
    { kind: 'unknown', resultDesc: 'x' },
  ];

  it('a final state never changes, nor does idle', () => {
    for (const state of CALL_STATES.filter((s) => !isActiveCallState(s))) {
      for (const outcome of outcomes) expect(nextCallState(state, outcome), `${state} ${outcome.kind}`).toBe(state);
    }
  });

  it('an active call follows the events', () => {
    expect(nextCallState('requesting', { kind: 'queued' })).toBe('queued');
    expect(nextCallState('queued', outcomes[1])).toBe('connected');
    expect(nextCallState('requesting', outcomes[1])).toBe('connected');
    expect(nextCallState('connected', { kind: 'ended' })).toBe('ended');
    expect(nextCallState('queued', { kind: 'timeout' })).toBe('timeout');
    expect(nextCallState('queued', outcomes[4])).toBe('failed');
    expect(nextCallState('connected', { kind: 'queued' })).toBe('queued'); // a transfer
    expect(nextCallState('dialing', { kind: 'ended' })).toBe('ended');
    expect(nextCallState('dialing', outcomes[4])).toBe('failed');
    expect(isActiveCallState('dialing')).toBe(true);
    for (const state of ['requesting', 'queued', 'dialing', 'connected'] as const) {
      expect(nextCallState(state, { kind: 'continue' })).toBe(state);
      expect(nextCallState(state, { kind: 'unknown', resultDesc: 'x' })).toBe(state);
    }
  });

  it('every state is either active, final or idle', () => {
    for (const state of CALL_STATES) {
      const kinds = [isActiveCallState(state), isFinalCallState(state), state === 'idle'].filter(Boolean);
      expect(kinds, state).toHaveLength(1);
    }
  });
});

describe('the call in words', () => {
  const base: CallStatusInfo = {
    state: 'idle',
    rejection: null,
    causeId: null,
    causeDesc: null,
    durationSeconds: null,
    endedByVisitor: false,
  };

  it('formats a duration as m:ss or h:mm:ss', () => {
    expect(formatCallDuration(0)).toBe('0:00');
    expect(formatCallDuration(9.9)).toBe('0:09');
    expect(formatCallDuration(75)).toBe('1:15');
    expect(formatCallDuration(3600 + 62)).toBe('1:01:02');
    expect(formatCallDuration(-5)).toBe('0:00');
    expect(formatCallDuration(Number.NaN)).toBe('0:00');
  });

  it('has a sentence for every state but idle, in both languages', () => {
    for (const state of CALL_STATES) {
      for (const strings of [en, zhCN]) {
        const text = strings.callStatus({ ...base, state });
        if (state === 'idle') expect(text).toBe('');
        else expect(text.length, state).toBeGreaterThan(0);
      }
    }
  });

  it('says what a rejection code means', () => {
    const said = (rejection: string) => en.callStatus({ ...base, state: 'rejected', rejection });
    expect(said('7')).toBe('Calls are not available on this channel.');
    expect(said('unsupported')).toBe(said('7'));
    expect(said('12')).toMatch(/working hours/);
    expect(said('13')).toMatch(/No agent is available/);
    expect(said('no-webrtc')).toBe('This browser cannot make calls.');
    expect(said('99')).toBe('The call could not be started.');
    expect(zhCN.callStatus({ ...base, state: 'rejected', rejection: '12' })).toContain('工作时间');
  });

  it('names the cause of a failure and the length of an ended call', () => {
    expect(en.callStatus({ ...base, state: 'failed', causeId: '17', causeDesc: 'User busy' })).toBe(
      'The call failed: User busy (cause 17)',
    );
    expect(en.callStatus({ ...base, state: 'failed' })).toBe('The call failed.');
    expect(en.callStatus({ ...base, state: 'failed', rejection: 'error' })).toMatch(/could not be started/);
    expect(en.callStatus({ ...base, state: 'ended', durationSeconds: 65, endedByVisitor: true })).toBe(
      'You ended the call (1:05)',
    );
    expect(en.callStatus({ ...base, state: 'ended' })).toBe('The call has ended');
    expect(zhCN.callStatus({ ...base, state: 'failed', causeId: '17', causeDesc: '用户忙' })).toBe(
      '通话失败：用户忙（原因码 17）',
    );
  });
});
