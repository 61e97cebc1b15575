// Redaction of the app secret and the AccessTokens in the forms an upstream echo or a log line can carry them.

import { Buffer } from 'node:buffer';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { startProxyServer } from '../../../src/server/dev-server.ts';
import { base64Cores, Redactor } from '../../../src/server/redact.ts';
import { APP_KEY, APP_SECRET, leaks, send, startUpstream } from './helpers.ts';
import { useProxyHarness } from './harness.ts';

const harness = useProxyHarness();
const SECRET = 'sk/"live"+a b\\9Zx~é';

const everyCharPercent = (text: string): string =>
  [...Buffer.from(text, 'utf8')].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');
const unicodeEscaped = (text: string): string =>
  [...text].map((char) => `\\u${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`).join('');

/** The forms of `secret` an echo may take, each inside some surrounding text. */
function encodings(secret: string): Record<string, string> {
  const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
  return {
    literal: `token=${secret};`,
    json: JSON.stringify({ debug: `had ${secret}` }),
    'json with \\/': JSON.stringify({ debug: secret }).replace(/\//g, '\\/'),
    'json \\u escapes': `{"debug":"${unicodeEscaped(secret)}"}`,
    'percent (encodeURIComponent)': `https://x.example/?t=${encodeURIComponent(secret)}&a=1`,
    'percent, lower-case hex, every byte': `t=${everyCharPercent(secret)}`,
    'form encoding (space as +)': `t=${encodeURIComponent(secret).replace(/%20/g, '+')}`,
    'base64 alone': b64(secret),
    'base64 url-safe': Buffer.from(secret, 'utf8').toString('base64url'),
    'base64 after 1 byte': b64(`x${secret}y`),
    'base64 after 2 bytes (Basic header)': `Basic ${b64(`k:${secret}`)}`,
    'base64 of JSON': b64(JSON.stringify({ accessToken: secret, n: 1 })),
  };
}

/** Whether `text` still yields `secret` by any decoding the redactor targets. */
function recoverable(text: string, secret: string): boolean {
  const candidates = [text];
  try {
    candidates.push(String((JSON.parse(text) as { debug?: unknown }).debug));
  } catch {
    // not JSON
  }
  try {
    candidates.push(decodeURIComponent(text.replace(/\+/g, ' ')));
  } catch {
    // not percent-encoded
  }
  for (const run of text.match(/[A-Za-z0-9+/_-]{8,}={0,2}/g) ?? []) {
    for (let skip = 0; skip < 4; skip += 1) {
      candidates.push(Buffer.from(run.slice(skip).replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8'));
    }
  }
  const jsonEscaped = JSON.stringify(secret).slice(1, -1);
  return candidates.some((candidate) => candidate.includes(secret) || candidate.includes(jsonEscaped));
}

describe('Redactor', () => {
  const redactor = new Redactor(() => [SECRET, 'AT-42-abcdef123456']);

  it.each(Object.entries(encodings(SECRET)))('removes the secret %s', (_name, text) => {
    expect(recoverable(text, SECRET)).toBe(true);
    const out = redactor.text(text);
    expect(out).toContain('[redacted]');
    expect(recoverable(out, SECRET)).toBe(false);
    expect(redactor.contains(text)).toBe(true);
    // The same on bytes (a body).
    const bytes = redactor.bytes(Buffer.from(text, 'utf8')).toString('utf8');
    expect(recoverable(bytes, SECRET)).toBe(false);
  });

  it.each(Object.entries(encodings('AT-42-abcdef123456')))('removes an AccessToken %s', (_name, text) => {
    expect(recoverable(redactor.text(text), 'AT-42-abcdef123456')).toBe(false);
  });

  it('leaves other text and bytes alone', () => {
    const body = JSON.stringify({ resultCode: '0', downlinkMessages: [{ content: 'sk live a b 9Zx é, QVQtNDIt' }] });
    expect(redactor.text(body)).toBe(body);
    expect(redactor.contains(body)).toBe(false);
    const binary = Buffer.from([0, 255, 128, 10, 0xc3, 0xa9, 0x25]);
    expect(redactor.bytes(binary).equals(binary)).toBe(true);
  });

  it('derives base64 cores at all three alignments, and none too short to be safe', () => {
    // '???' and '>>>' encode to 'Pz8/' and 'Pj4+': the URL-safe cores differ.
    expect(base64Cores('a???>>>b???>>>')).toHaveLength(6);
    expect(base64Cores('abcdefghijkl')).toHaveLength(3);
    expect(base64Cores('short')).toEqual([]);
    expect(new Redactor(() => []).text('nothing to hide')).toBe('nothing to hide');
  });
});

describe('over HTTP', () => {
  it('redacts encoded echoes of the AccessToken and the secret in bodies, and drops headers that carry them', async () => {
    let accessToken = '';
    const upstream = await startUpstream({
      handlers: [
        http.post('*/apiaccess/ccmessaging/queryQueueInfo', ({ request }) => {
          accessToken = (request.headers.get('authorization') ?? '').replace(/^Bearer /, '');
          const b64 = Buffer.from(`Bearer ${accessToken}`).toString('base64');
          // Written by hand: the \u escapes as a JSON encoder that escapes every character would write them.
          const body = `{"resultCode":"0","escaped":"${unicodeEscaped(accessToken)}","percent":"${everyCharPercent(APP_SECRET)}",`
            + `"basic":"${Buffer.from(`${APP_KEY}:${APP_SECRET}`).toString('base64')}","bearer":"${b64}"}`;
          return new HttpResponse(body, {
            headers: {
              'content-type': 'application/json',
              'ccmessaging-token': Buffer.from(accessToken).toString('base64url'),
              'retry-after': encodeURIComponent(APP_SECRET),
            },
          });
        }),
      ],
    });
    harness.cleanups.push(upstream.close);
    const proxy = await startProxyServer({ port: 0, target: upstream.url, appKey: APP_KEY, appSecret: APP_SECRET, ...harness.logOptions() });
    harness.cleanups.push(() => proxy.close(0));

    const answer = await send(`${proxy.url}/apiaccess/ccmessaging/queryQueueInfo`, { body: { userId: 'u' } });
    expect(answer.status).toBe(200);
    expect(accessToken).toBe(upstream.current());
    for (const field of ['escaped', 'percent', 'basic', 'bearer']) expect(answer.json?.[field], field).toContain('[redacted]');
    for (const secret of [accessToken, APP_SECRET]) expect(recoverable(answer.text, secret)).toBe(false);
    expect(answer.headers['ccmessaging-token']).toBeUndefined();
    expect(answer.headers['retry-after']).toBeUndefined();
    expect(leaks([accessToken, APP_SECRET], [answer])).toEqual([]);
  });
});
