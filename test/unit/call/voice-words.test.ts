import { describe, expect, it } from 'vitest';
import { mediaFailure } from '../../../src/call/call-media';
import { enCall as en, voiceFailureText, type CallStatusInfo } from '../../../src/call/call-strings';
import type { VoiceFailure } from '../../../src/call/voice-host';
import { gatewayUrl, gatewayUrls, sipUri } from '../../../src/voice/gateway-urls';
import { zhCN } from '../../../src/locales/zh';

// What the voice makes of the gateway's details, and what it tells the visitor when it fails.

describe('the gateway addresses', () => {
  it('keeps an address with a scheme, and makes host:port a wss:// URL', () => {
    expect(gatewayUrl('wss://gw1.example:8443')).toBe('wss://gw1.example:8443');
    expect(gatewayUrl('ws://127.0.0.1:5062/sip')).toBe('ws://127.0.0.1:5062/sip');
    expect(gatewayUrl('gw2.example:8443')).toBe('wss://gw2.example:8443');
    expect(gatewayUrl(' 10.0.0.1:443 ')).toBe('wss://10.0.0.1:443');
  });

  it('keeps the server\'s order and leaves empty entries out', () => {
    expect(gatewayUrls(['b.example:1', '', 'wss://a.example:2'])).toEqual(['wss://b.example:1', 'wss://a.example:2']);
  });

  it('builds SIP URIs, escaping what a user part cannot hold', () => {
    expect(sipUri('179080000537636', 'webrtc.example')).toBe('sip:179080000537636@webrtc.example');
    expect(sipUri('Anonymous Card', 'd')).toBe('sip:Anonymous%20Card@d');
    expect(sipUri('a@b', 'd')).toBe('sip:a%40b@d');
  });
});

describe('the voice\'s failures in words', () => {
  const failures: VoiceFailure[] = [
    { kind: 'permission' },
    { kind: 'no-device' },
    { kind: 'media' },
    { kind: 'load' },
    { kind: 'config' },
    { kind: 'unreachable' },
    { kind: 'ice' },
    { kind: 'lost' },
    ...[404, 408, 480, 486, 503, 403, 599].map((status) => ({ kind: 'sip', status }) as const),
  ];
  const status = (voiceFailure: VoiceFailure): CallStatusInfo => ({
    state: 'failed',
    rejection: null,
    causeId: null,
    causeDesc: null,
    durationSeconds: null,
    endedByVisitor: false,
    voiceFailure,
  });

  it('has a distinct sentence for each, in both languages, as the failed call\'s status', () => {
    for (const strings of [en, zhCN]) {
      const said = failures.map((f) => strings.callStatus(status(f)));
      for (const text of said) expect(text.length).toBeGreaterThan(0);
      expect(new Set(said.slice(0, 8)).size).toBe(8);
    }
    expect(en.callStatus(status({ kind: 'permission' }))).toBe(voiceFailureText({ kind: 'permission' }));
  });

  it('names the SIP code', () => {
    expect(voiceFailureText({ kind: 'sip', status: 404 })).toBe('The number called does not exist (404).');
    expect(voiceFailureText({ kind: 'sip', status: 486 })).toBe('The line is busy (486). Please try again later.');
    expect(voiceFailureText({ kind: 'sip', status: 480 })).toContain('(480)');
    expect(voiceFailureText({ kind: 'sip', status: 503 })).toContain('(503)');
    expect(voiceFailureText({ kind: 'sip', status: 599 })).toBe('The call failed (SIP 599).');
  });

  it('tells a refused permission from a missing device', () => {
    expect(mediaFailure({ name: 'NotAllowedError' })).toEqual({ kind: 'permission' });
    expect(mediaFailure({ name: 'SecurityError' })).toEqual({ kind: 'permission' });
    expect(mediaFailure({ name: 'NotFoundError' })).toEqual({ kind: 'no-device' });
    expect(mediaFailure({ name: 'NotReadableError' })).toEqual({ kind: 'media' });
    expect(mediaFailure(null)).toEqual({ kind: 'media' });
  });
});
