// Turning server text into text + link parts, without ever producing a link to anything but http(s).

/** A link part of linkified text: `href` is the normalized URL, `text` what the message said. */
export interface LinkPart {
  href: string;
  text: string;
}

/**
 * The absolute http(s) URL `value` names, normalized by `new URL` (`https://a.example/x`), or null
 * for anything else: non-strings, relative and protocol-relative URLs, and every other scheme
 * (`javascript:`, `data:`, `blob:`, `ftp:`…). Surrounding whitespace is ignored.
 */
export function safeHttpUrl(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  if (trimmed === '') return null;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return null;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
}

// A URL candidate: the scheme, not glued to a preceding scheme character (so `xhttp://` and
// `javascript:http://` style tricks do not start a link mid-word), then RFC 3986 characters only.
// Stopping at non-ASCII keeps Chinese text written right after a URL ("见https://a.cn。谢谢") out of
// it. No nested quantifiers: matching is linear in the input.
const CANDIDATE = /(?<![A-Za-z0-9+.-])https?:\/\/[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+/gi;

// Characters that end a sentence rather than a URL.
const TRAILING = new Set(['.', ',', ';', ':', '!', '?', "'", '"', '*']);

/** Drops trailing punctuation and closing brackets that have no opening partner inside the URL. */
function trimTrailing(candidate: string): string {
  let open = 0;
  let close = 0;
  let openSquare = 0;
  let closeSquare = 0;
  for (const ch of candidate) {
    if (ch === '(') open++;
    else if (ch === ')') close++;
    else if (ch === '[') openSquare++;
    else if (ch === ']') closeSquare++;
  }
  let end = candidate.length;
  while (end > 0) {
    const ch = candidate[end - 1];
    if (TRAILING.has(ch)) {
      end--;
    } else if (ch === ')' && close > open) {
      close--;
      end--;
    } else if (ch === ']' && closeSquare > openSquare) {
      closeSquare--;
      end--;
    } else {
      break;
    }
  }
  return candidate.slice(0, end);
}

/**
 * Splits plain text into text and http(s) link parts, in order; adjacent text is kept together
 * and nothing is lost (joining every part's text gives back the input). Only `http://` and
 * `https://` URLs become links; sentence punctuation after a URL (`.,;:!?`) and an unmatched `)`
 * stay text.
 */
export function linkify(text: string): Array<string | LinkPart> {
  const parts: Array<string | LinkPart> = [];
  let last = 0;
  CANDIDATE.lastIndex = 0;
  for (let match = CANDIDATE.exec(text); match !== null; match = CANDIDATE.exec(text)) {
    const raw = trimTrailing(match[0]);
    const start = match.index;
    const schemeLength = raw.indexOf('//') + 2;
    const href = raw.length > schemeLength ? safeHttpUrl(raw) : null;
    if (href !== null) {
      if (start > last) parts.push(text.slice(last, start));
      parts.push({ href, text: raw });
      last = start + raw.length;
    }
    // Rescan what was trimmed off (it is punctuation, no URL can start in it); always move forward.
    CANDIDATE.lastIndex = start + Math.max(raw.length, schemeLength);
  }
  if (last < text.length) parts.push(text.slice(last));
  return mergeText(parts);
}

function mergeText(parts: Array<string | LinkPart>): Array<string | LinkPart> {
  const merged: Array<string | LinkPart> = [];
  for (const part of parts) {
    const previous = merged[merged.length - 1];
    if (typeof part === 'string' && typeof previous === 'string') merged[merged.length - 1] = previous + part;
    else merged.push(part);
  }
  return merged;
}
