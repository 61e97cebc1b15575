import { describe, expect, it } from 'vitest';
import { linkify, safeHttpUrl, type LinkPart } from '../../../src/panel/linkify';

const links = (text: string) => linkify(text).filter((p): p is LinkPart => typeof p !== 'string');
const joined = (text: string) => linkify(text).map((p) => (typeof p === 'string' ? p : p.text)).join('');

describe('linkify', () => {
  it('returns plain text untouched as one part', () => {
    expect(linkify('hello, world')).toEqual(['hello, world']);
    expect(linkify('')).toEqual([]);
  });

  it('finds URLs at the start, in the middle and at the end', () => {
    expect(linkify('https://a.example/x is it')).toEqual([{ href: 'https://a.example/x', text: 'https://a.example/x' }, ' is it']);
    expect(linkify('see http://a.example/p?q=1&r=2#h now')).toEqual([
      'see ',
      { href: 'http://a.example/p?q=1&r=2#h', text: 'http://a.example/p?q=1&r=2#h' },
      ' now',
    ]);
    expect(linkify('go to https://a.example')).toEqual(['go to ', { href: 'https://a.example/', text: 'https://a.example' }]);
  });

  it('keeps trailing sentence punctuation out of the URL', () => {
    for (const punct of ['.', ',', ';', ':', '!', '?', '...', '?!', '".']) {
      expect(linkify(`at https://a.example/x${punct}`)).toEqual([
        'at ',
        { href: 'https://a.example/x', text: 'https://a.example/x' },
        punct,
      ]);
    }
    // Inner punctuation stays.
    expect(links('https://a.example/a.b,c;d:e?f=1!')).toEqual([{ href: 'https://a.example/a.b,c;d:e?f=1', text: 'https://a.example/a.b,c;d:e?f=1' }]);
  });

  it('handles parentheses: balanced ones stay, an unmatched closing one does not', () => {
    expect(linkify('(see https://a.example/x)')).toEqual(['(see ', { href: 'https://a.example/x', text: 'https://a.example/x' }, ')']);
    expect(links('https://en.wikipedia.org/wiki/Foo_(bar)')[0].text).toBe('https://en.wikipedia.org/wiki/Foo_(bar)');
    expect(linkify('(https://en.wikipedia.org/wiki/Foo_(bar)).')).toEqual([
      '(',
      { href: 'https://en.wikipedia.org/wiki/Foo_(bar)', text: 'https://en.wikipedia.org/wiki/Foo_(bar)' },
      ').',
    ]);
  });

  it('stops at whitespace, quotes, angle brackets and non-ASCII text', () => {
    expect(links('<https://a.example/x>')[0].text).toBe('https://a.example/x');
    expect(links('"https://a.example/x"')[0].text).toBe('https://a.example/x');
    expect(linkify('请访问https://a.example/help。谢谢')).toEqual([
      '请访问',
      { href: 'https://a.example/help', text: 'https://a.example/help' },
      '。谢谢',
    ]);
    expect(linkify('a\nhttps://a.example\nb')).toEqual(['a\n', { href: 'https://a.example/', text: 'https://a.example' }, '\nb']);
  });

  it('finds many URLs and loses no text', () => {
    const text = Array.from({ length: 50 }, (_, i) => `item ${i}: https://a.example/${i}, `).join('');
    const found = links(text);
    expect(found).toHaveLength(50);
    expect(found[49]).toEqual({ href: 'https://a.example/49', text: 'https://a.example/49' });
    expect(joined(text)).toBe(text);
  });

  it('accepts the scheme in any case and normalizes the href only', () => {
    expect(linkify('HTTPS://A.Example/Path')).toEqual([{ href: 'https://a.example/Path', text: 'HTTPS://A.Example/Path' }]);
  });

  it('never links other schemes, protocol-relative URLs or a bare scheme', () => {
    for (const text of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(document.cookie)',
      'data:text/html,<script>alert(1)</script>',
      'ftp://files.example/x',
      'mailto:a@b.example',
      '//evil.example/x',
      'www.example.com',
      'http:// nothing',
      'https://',
      'xhttp://glued.example',
      'vbscript:msgbox(1)',
    ]) {
      expect(links(text), text).toEqual([]);
      expect(joined(text)).toBe(text);
    }
  });

  it('links only the http URL inside a javascript: string, never the javascript: part', () => {
    const parts = links('javascript:window.location="http://evil.example"');
    expect(parts.map((p) => p.href)).toEqual(['http://evil.example/']);
  });

  it('leaves an unparsable candidate as text', () => {
    expect(linkify('bad http://[oops here')).toEqual(['bad http://[oops here']);
  });

  it('completes on long adversarial input with correct results', () => {
    const manySchemes = 'http://'.repeat(20_000) + ')'.repeat(20_000);
    expect(joined(manySchemes)).toBe(manySchemes);

    const nested = '('.repeat(50_000) + 'http://a.example' + ')'.repeat(50_000);
    const nestedLinks = links(nested);
    expect(nestedLinks).toEqual([{ href: 'http://a.example/', text: 'http://a.example' }]);

    const dots = 'http://a.example' + '.'.repeat(100_000) + 'x';
    expect(links(dots)).toHaveLength(1);
    expect(joined(dots)).toBe(dots);

    const noUrl = 'h'.repeat(100_000) + 'ttp:/';
    expect(linkify(noUrl)).toEqual([noUrl]);

    const many = 'http://a.example/x. '.repeat(10_000);
    expect(links(many)).toHaveLength(10_000);
  });
});

describe('safeHttpUrl', () => {
  it('accepts absolute http and https URLs and normalizes them', () => {
    expect(safeHttpUrl('https://cdn.example/a.png')).toBe('https://cdn.example/a.png');
    expect(safeHttpUrl('  HTTP://CDN.Example:80/a b.png ')).toBe('http://cdn.example/a%20b.png');
    expect(safeHttpUrl('https://cdn.example')).toBe('https://cdn.example/');
  });

  it('rejects everything else', () => {
    for (const value of [
      'javascript:alert(1)',
      ' JaVaScRiPt:alert(1)',
      'java\tscript:alert(1)',
      'data:image/svg+xml,<svg onload=alert(1)>',
      'blob:https://a.example/uuid',
      'ftp://a.example/x',
      '//evil.example/a.png',
      '/relative/a.png',
      'a.png',
      '',
      '   ',
      null,
      undefined,
      42,
      { toString: () => 'https://a.example' },
    ]) {
      expect(safeHttpUrl(value), String(value)).toBeNull();
    }
  });
});
