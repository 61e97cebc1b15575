// Finds the proxy's secrets (the app secret, the AccessTokens) in text the proxy passes on or logs, in the forms an
// upstream echo or a log line can take them: literal, JSON-escaped (`\/`, `\"`, `\u00XX`), percent-encoded in any
// letter case (also partly, as encoders differ on which characters they escape) and base64 (standard and URL-safe,
// at any byte alignment inside a longer base64 string, e.g. a Basic header or an encoded JSON blob).

import { Buffer, isUtf8 } from 'node:buffer';

export const REDACTED = '[redacted]';
/** Base64 cores shorter than this are not searched: they could match innocent text. */
const MIN_NEEDLE_LENGTH = 8;

/**
 * The stretch of base64 that encodes `secret` whatever bytes surround it: for each of the three alignments, the
 * characters fully determined by the secret's bytes (the first and last, which mix in neighbouring bytes, dropped).
 */
export function base64Cores(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const cores: string[] = [];
  for (let shift = 0; shift < 3; shift += 1) {
    const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64').replace(/=+$/, '');
    // Characters 0..: each carries 6 bits; bits from the `shift` filler bytes end at bit 8*shift.
    const first = Math.ceil((shift * 8) / 6);
    const last = Math.floor(((shift + bytes.length) * 8) / 6); // exclusive: the last whole-secret character
    const core = encoded.slice(first, last);
    if (core.length >= MIN_NEEDLE_LENGTH) cores.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return [...new Set(cores)];
}

function escapeRegExp(char: string): string {
  return char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `[aA]`-style class for one hex digit, so %2f and %2F both match. */
function hexDigit(digit: string): string {
  return /[a-f]/i.test(digit) ? `[${digit.toLowerCase()}${digit.toUpperCase()}]` : digit;
}

/** One character of a secret, as itself, percent-encoded, or JSON-escaped. */
function charPattern(char: string): string {
  const alternatives = [escapeRegExp(char)];
  const utf8 = Buffer.from(char, 'utf8');
  alternatives.push([...utf8].map((byte) => `%${[...byte.toString(16).toUpperCase().padStart(2, '0')].map(hexDigit).join('')}`).join(''));
  const code = char.codePointAt(0)!;
  if (code < 0x10000) {
    alternatives.push(`\\\\u${[...code.toString(16).toUpperCase().padStart(4, '0')].map(hexDigit).join('')}`);
  }
  if (char === '/' || char === '"' || char === '\\') alternatives.push(`\\\\${escapeRegExp(char)}`);
  if (char === ' ') alternatives.push('\\+');
  return `(?:${alternatives.join('|')})`;
}

/** Matches any of `needles` in any of the encodings above. Works on text and on latin1-decoded bytes alike. */
function buildPattern(needles: readonly string[], latin1: boolean): RegExp {
  const patterns = needles.map((needle) => {
    const chars = latin1 ? [...Buffer.from(needle, 'utf8').toString('latin1')] : [...needle];
    return chars.map((char) => (latin1 && char.charCodeAt(0) > 0x7f ? escapeRegExp(char) : charPattern(char))).join('');
  });
  return new RegExp(patterns.join('|'), 'g');
}

/** Redacts a changing set of secrets; the patterns are rebuilt only when the set changes. */
export class Redactor {
  readonly #secrets: () => readonly string[];
  #key = '';
  #text: RegExp | null = null;
  #bytes: RegExp | null = null;

  constructor(secrets: () => readonly string[]) {
    this.#secrets = secrets;
  }

  #patterns(): { text: RegExp; bytes: RegExp } | null {
    const secrets = this.#secrets().filter((secret) => secret !== '');
    const key = secrets.join('\n');
    if (key !== this.#key || !this.#text) {
      this.#key = key;
      // Longest first, so a secret that contains another is removed whole.
      // The JSON-escaped form too, for base64 of a JSON text that holds the secret.
      const forms = secrets.flatMap((secret) => [secret, JSON.stringify(secret).slice(1, -1)]);
      const needles = [...new Set(forms.flatMap((form) => [form, ...base64Cores(form)]))].sort((a, b) => b.length - a.length);
      this.#text = needles.length > 0 ? buildPattern(needles, false) : null;
      this.#bytes = needles.length > 0 ? buildPattern(needles, true) : null;
    }
    return this.#text && this.#bytes ? { text: this.#text, bytes: this.#bytes } : null;
  }

  /** `text` with every secret, in any form above, replaced by `[redacted]`. */
  text(text: string): string {
    const patterns = this.#patterns();
    return patterns ? text.replace(patterns.text, REDACTED) : text;
  }

  /**
   * The same on bytes: a UTF-8 body as text; any other (binary, a legacy charset) byte for byte, other bytes kept
   * as they are.
   */
  bytes(data: Buffer): Buffer {
    const patterns = this.#patterns();
    if (!patterns) return data;
    if (isUtf8(data)) {
      const text = data.toString('utf8');
      const out = this.text(text);
      return out === text ? data : Buffer.from(out, 'utf8');
    }
    const latin1 = data.toString('latin1');
    patterns.bytes.lastIndex = 0;
    if (!patterns.bytes.test(latin1)) return data;
    return Buffer.from(latin1.replace(patterns.bytes, REDACTED), 'latin1');
  }

  /** Whether `text` carries a secret in any form above. */
  contains(text: string): boolean {
    const patterns = this.#patterns();
    if (!patterns) return false;
    patterns.text.lastIndex = 0;
    return patterns.text.test(text);
  }
}
