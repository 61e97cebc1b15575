// How one transcript entry looks: pure functions from an entry to a Lit template. Every string
// from the server is bound as text or as an attribute value Lit escapes; links and image sources
// only ever come from safeHttpUrl. Classes are prefixed `ccm-` because these templates share the
// element's shadow root with its own markup.

import { html, nothing, type TemplateResult } from 'lit';
import type { DownlinkMessage } from '../api/types';
import type { ReceivedEntry, SentEntry, TranscriptEntry } from '../core/controllers/transcript-entry';
import { linkify, safeHttpUrl } from './linkify';
import { clip, MAX_JSON, nonEmpty } from '../core/message-content';
import { parseFileContent } from '../core/file-content';
import { parseJsonObject, parseLocation } from './message-detail';
import type { ChatStrings } from '../core/strings';
import { mediaKindOf, type MediaInfo, type MediaKind } from './media-view';

export interface RenderContext {
  strings: ChatStrings;
  /** Display name for a robot message without senderNickname; default `strings.robot`. */
  robotName?: string;
  /** BCP 47 locale for times; default the browser's. */
  locale?: string;
  /** A simQuestions suggestion was clicked; the host sends it. */
  onQuestion: (question: string) => void;
  /** The visitor asked to resend the failed sent entry with this key. */
  onRetry: (key: string) => void;
  /**
   * Where the file of a media message can be fetched, if the host knows. Only http(s) URLs are
   * used (anything else, `blob:` included, is ignored); without it media cards show no action.
   */
  mediaUrl?: (message: DownlinkMessage) => string | null;
  /**
   * The panel's own view of a received file (media-view.ts): the image, the players, the download chip. Without it
   * (or when it gives null) the card shows the file's type and detail.
   */
  media?: (message: DownlinkMessage, info: MediaInfo) => TemplateResult | null;
  /** The view of a file the visitor sent (its preview, upload progress); null: shown as its name. */
  sentFile?: (entry: SentEntry) => TemplateResult | null;
  /**
   * A sent file's upload under way: how much has gone out, in whole percent (undefined when not known yet); null
   * when it is not uploading now (queued behind another message, or uploaded).
   */
  upload?: (entry: SentEntry) => { percent: number | undefined } | null;
  /** Whether a failed message can be sent again (a file whose bytes are gone cannot); default yes. */
  canRetry?: (entry: SentEntry) => boolean;
  /** The visitor takes a failed message that cannot be sent any more out of the transcript. */
  onRemove?: (key: string) => void;
  /** The visitor's vote on a robot answer (thumbs up or down), for answers that carry an interIdx. */
  feedback?: (entry: ReceivedEntry) => TemplateResult | typeof nothing;
}

// Server strings can be long; these bound how much of a message is worked on per render.
const MAX_TEXT = 8_000;
const MAX_NAME = 80;
const MAX_SUGGESTIONS = 10;

type Side = 'start' | 'end';

/** Renders one transcript entry as a single element with `part="message"`. */
export function renderEntry(entry: TranscriptEntry, ctx: RenderContext): TemplateResult {
  return entry.kind === 'sent' ? renderSent(entry, ctx) : renderReceived(entry, ctx);
}

function renderSent(entry: SentEntry, ctx: RenderContext): TemplateResult {
  const { strings } = ctx;
  const lost = entry.status === 'failed' && ctx.canRetry?.(entry) === false;
  const status =
    entry.status === 'pending'
      ? html`<span class="ccm-status" part="status">${uploadStatus(entry, ctx) ?? strings.sending}</span>`
      : lost
        ? html`<span class="ccm-status ccm-status--failed" part="status"><span class="ccm-status-icon" aria-hidden="true">!</span>${strings.fileGone}</span><button type="button" class="ccm-retry pill" part="remove-button" @click=${() => ctx.onRemove?.(entry.key)}>${strings.removeFile}</button>`
      : entry.status === 'read'
        ? html`<span class="ccm-status" part="status"><span class="ccm-status-icon" aria-hidden="true">✓✓</span>${strings.read}</span>`
        : entry.status === 'failed'
        ? html`<span class="ccm-status ccm-status--failed" part="status"><span class="ccm-status-icon" aria-hidden="true">!</span>${strings.failedToSend}</span><button type="button" class="ccm-retry pill" part="retry-button" @click=${() => ctx.onRetry(entry.key)}>${strings.retry}</button>`
        : html`<span class="ccm-status" part="status"><span class="ccm-status-icon" aria-hidden="true">✓</span>${strings.sent}</span>`;
  const file = entry.file ? (ctx.sentFile?.(entry) ?? null) : null;
  return html`<div part="message" class="ccm ccm--end ccm--customer ccm--${entry.status}" data-source-type="CUSTOMER" data-key=${entry.key} data-status=${entry.status}><div class="ccm-body"><span class="ccm-vh">${strings.speakerPrefix(strings.you)}</span><div class="ccm-bubble" part="bubble">${file ?? renderText(entry.text)}</div><div class="ccm-meta">${renderTime(entry.timestamp, ctx.locale)}${status}</div></div></div>`;
}

/** "Uploading… 40%" while a file is on its way up; null otherwise (a queued file is "Sending…" as text is). */
function uploadStatus(entry: SentEntry, ctx: RenderContext): string | null {
  const upload = ctx.upload?.(entry);
  return upload ? ctx.strings.uploading(upload.percent ?? null) : null;
}

function renderReceived(entry: ReceivedEntry, ctx: RenderContext): TemplateResult {
  const message = entry.message;
  const sourceType = typeof message.sourceType === 'string' ? message.sourceType : String(message.sourceType);
  const { strings } = ctx;

  // READ receipts carry message IDs, not words: nothing for the visitor to see.
  if (message.controlType === 'READ') {
    return html`<div part="message" class="ccm" hidden data-source-type=${sourceType} data-key=${entry.key}></div>`;
  }

  if (message.controlType === 'DISCONNECT') {
    const text = sourceType === 'AGENT' ? strings.agentEndedChat : strings.chatEnded;
    return renderNotice(entry.key, sourceType, sourceType === 'SYSTEM', html`${text}`, message.timestamp, ctx);
  }

  if (sourceType === 'SYSTEM') {
    return renderNotice(entry.key, sourceType, true, renderContent(message, ctx, strings.system), message.timestamp, ctx);
  }

  const nickname = clip(nonEmpty(message.senderNickname), MAX_NAME);
  let author: string;
  let side: Side = 'start';
  let kindClass: string;
  let avatar: TemplateResult | typeof nothing = nothing;
  switch (sourceType) {
    case 'ROBOT':
      author = nickname ?? nonEmpty(ctx.robotName) ?? strings.robot;
      kindClass = 'ccm--robot';
      avatar = renderAvatar(message.senderAvatar, robotGlyph);
      break;
    case 'AGENT':
      author = nickname ?? strings.agent;
      kindClass = 'ccm--agent';
      avatar = renderAvatar(message.senderAvatar, html`${initials(author)}`);
      break;
    case 'USER':
    case 'CUSTOMER':
      author = strings.you;
      kindClass = 'ccm--customer';
      side = 'end';
      break;
    default:
      author = nickname ?? clip(nonEmpty(sourceType), MAX_NAME) ?? strings.agent;
      kindClass = 'ccm--other';
      avatar = renderAvatar(message.senderAvatar, html`${initials(author)}`);
  }

  const content = renderContent(message, ctx, author);
  const suggestions = sourceType === 'ROBOT' ? renderSuggestions(message.simQuestions, ctx) : nothing;
  const feedback = sourceType === 'ROBOT' && entry.kind === 'received' && ctx.feedback ? ctx.feedback(entry) : nothing;
  const hasContent = content !== nothing;
  // A CONNECT/CHAT echo with no text and nothing to pick: keep the keyed slot, show nothing.
  if (!hasContent && suggestions === nothing) {
    return html`<div part="message" class="ccm" hidden data-source-type=${sourceType} data-key=${entry.key}></div>`;
  }
  const authorLine =
    side === 'end'
      ? html`<span class="ccm-vh">${strings.speakerPrefix(author)}</span>`
      : html`<div class="ccm-author" part="author" dir="auto">${author}</div>`;
  return html`<div part="message" class="ccm ccm--${side} ${kindClass}" data-source-type=${sourceType} data-key=${entry.key}>${avatar}<div class="ccm-body">${authorLine}${hasContent ? html`<div class="ccm-bubble" part="bubble">${content}</div>` : nothing}${suggestions}${feedback}<div class="ccm-meta">${renderTime(message.timestamp, ctx.locale)}</div></div></div>`;
}

function renderNotice(
  key: string,
  sourceType: string,
  systemPrefix: boolean,
  content: TemplateResult | typeof nothing,
  timestamp: number,
  ctx: RenderContext,
): TemplateResult {
  if (content === nothing) {
    return html`<div part="message" class="ccm" hidden data-source-type=${sourceType} data-key=${key}></div>`;
  }
  return html`<div part="message" class="ccm ccm--notice" data-source-type=${sourceType} data-key=${key}><div class="ccm-notice" part="system-line">${systemPrefix ? html`<span class="ccm-vh">${ctx.strings.speakerPrefix(ctx.strings.system)}</span>` : nothing}${content} ${renderTime(timestamp, ctx.locale)}</div></div>`;
}

// ---------------------------------------------------------------------------------------------
// Content by mediaType

/** The name of each kind of file, as the card's type line says it. */
const TYPE_NAMES = {
  image: 'mediaImage',
  video: 'mediaVideo',
  audio: 'mediaAudio',
  file: 'mediaFile',
  document: 'mediaDocument',
} as const satisfies Record<MediaKind, keyof ChatStrings>;

function renderContent(message: DownlinkMessage, ctx: RenderContext, author: string): TemplateResult | typeof nothing {
  const content = typeof message.content === 'string' ? message.content : '';
  const kind = mediaKindOf(message.mediaType);
  if (kind) return renderFileCard(kind, ctx.strings[TYPE_NAMES[kind]], message, ctx, author);
  switch (message.mediaType) {
    case 'LOCATE':
      return renderLocation(content, ctx);
    case 'WEBCARD':
      return renderWebCard(message, content, ctx);
    default:
      // TEXT, null (no media), and types this version does not know: show what was said.
      return content.trim() === '' ? nothing : renderText(content);
  }
}

function renderText(text: string): TemplateResult {
  const parts = linkify(clip(text, MAX_TEXT) ?? '');
  // One line on purpose: the element keeps whitespace (pre-wrap), so template indentation would show.
  return html`<div class="ccm-text" part="text" dir="auto">${parts.map((part) =>
    typeof part === 'string' ? part : html`<a href=${part.href} target="_blank" rel="noopener noreferrer">${part.text}</a>`,
  )}</div>`;
}

function renderFileCard(kind: MediaKind, typeName: string, message: DownlinkMessage, ctx: RenderContext, author: string): TemplateResult {
  const { strings } = ctx;
  const content = clip(typeof message.content === 'string' ? message.content : '', MAX_NAME * 4) ?? '';
  const file = message.mediaType === 'FILE' ? parseFileContent(content) : null;
  const extension = nonEmpty(message.mediaFileType) ?? (file ? null : extensionOf(content));
  const mediaExt = nonEmpty(message.mediaFileType) ?? extensionOf(content) ?? /\.([A-Za-z0-9]{1,8})$/.exec(content)?.[1] ?? null;
  const own = ctx.media?.(message, {
    kind,
    typeName,
    name: file?.name ?? fileNameOf(content),
    size: file?.size ?? null,
    ext: mediaExt ? clip(mediaExt.toLowerCase(), 8) : null,
    author,
  });
  if (own) return own;
  const url = mediaUrlOf(message, ctx);
  const preview =
    url && kind === 'image'
      ? html`<img class="ccm-card-image" part="card-image" src=${url} alt=${file?.name ?? typeName} loading="lazy" />`
      : nothing;
  const action = url
    ? html`<a class="ccm-card-action" part="card-action" href=${url} target="_blank" rel="noopener noreferrer" download>${kind === 'image' ? strings.openLink : strings.download}</a>`
    : nothing;
  const details = [file?.name, file && file.size !== null ? strings.fileSize(file.size) : null, extension ? clip(extension.toUpperCase(), 16) : null]
    .filter((d): d is string => typeof d === 'string' && d !== '')
    .join(' · ');
  return html`<div class="ccm-card ccm-card--${kind}" part="card">${preview}<div class="ccm-card-type">${typeName}</div>${details ? html`<div class="ccm-card-detail" dir="auto">${details}</div>` : nothing}${action}</div>`;
}

/** A local file's content may be its path (`docs/label.pdf`): its last segment is the name the visitor sees. */
function fileNameOf(content: string): string | null {
  const last = content.trim().split(/[/\\]/).pop() ?? '';
  return /^[^,]{1,80}\.[A-Za-z0-9]{1,8}$/.test(last) ? last : null;
}

/** `objectKey,jpg` (FILE_IMAGE / older IMAGE content) names its extension after the last comma. */
function extensionOf(content: string): string | null {
  const comma = content.lastIndexOf(',');
  if (comma < 0) return null;
  const ext = content.slice(comma + 1).trim();
  return /^[A-Za-z0-9]{1,8}$/.test(ext) ? ext : null;
}

function mediaUrlOf(message: DownlinkMessage, ctx: RenderContext): string | null {
  if (!ctx.mediaUrl) return null;
  try {
    return safeHttpUrl(ctx.mediaUrl(message));
  } catch {
    return null;
  }
}

function renderLocation(content: string, ctx: RenderContext): TemplateResult {
  const { strings } = ctx;
  const { lat, lng, description } = parseLocation(clip(content, MAX_JSON) ?? '');
  const hasPoint = lat !== null && lng !== null;
  const mapUrl = hasPoint ? `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lng}#map=16/${lat}/${lng}` : null;
  return html`<div class="ccm-card ccm-card--location" part="card"><div class="ccm-card-type">${strings.mediaLocation}</div>${description ? html`<div class="ccm-card-title" dir="auto">${description}</div>` : nothing}${hasPoint ? html`<div class="ccm-card-detail">${lat}, ${lng}</div>` : nothing}${mapUrl ? html`<a class="ccm-card-action" part="card-action" href=${mapUrl} target="_blank" rel="noopener noreferrer">${strings.viewLocation}</a>` : nothing}</div>`;
}

function renderWebCard(message: DownlinkMessage, content: string, ctx: RenderContext): TemplateResult {
  const { strings } = ctx;
  const data = content.length <= MAX_JSON ? parseJsonObject(content) : null;
  const title = data && typeof data.title === 'string' ? nonEmpty(data.title) : null;
  const description = data && typeof data.description === 'string' ? nonEmpty(data.description) : null;
  const link = data ? safeHttpUrl(data.redirectUrl) : null;
  const image = data ? mediaUrlOf(message, ctx) : null;
  if (!title && !description && !link) {
    // Not the documented JSON: show what arrived, as text.
    return html`<div class="ccm-card ccm-card--webcard" part="card"><div class="ccm-card-type">${strings.mediaCard}</div>${content.trim() ? renderText(content) : nothing}</div>`;
  }
  return html`<div class="ccm-card ccm-card--webcard" part="card">${image ? html`<img class="ccm-card-image" part="card-image" src=${image} alt="" loading="lazy" />` : nothing}<div class="ccm-card-type">${strings.mediaCard}</div>${title ? html`<div class="ccm-card-title" dir="auto">${clip(title, MAX_TEXT)}</div>` : nothing}${description ? html`<div class="ccm-card-detail ccm-text" dir="auto">${clip(description, MAX_TEXT)}</div>` : nothing}${link ? html`<a class="ccm-card-action" part="card-action" href=${link} target="_blank" rel="noopener noreferrer">${strings.openCard}</a>` : nothing}</div>`;
}

// ---------------------------------------------------------------------------------------------
// Pieces

function renderSuggestions(questions: unknown, ctx: RenderContext): TemplateResult | typeof nothing {
  if (!Array.isArray(questions)) return nothing;
  const list: string[] = [];
  for (const q of questions) {
    if (list.length >= MAX_SUGGESTIONS) break;
    if (typeof q === 'string' && q.trim() !== '' && !list.includes(q)) list.push(q);
  }
  if (list.length === 0) return nothing;
  return html`<div class="ccm-suggestions" role="group" aria-label=${ctx.strings.suggestedQuestions}>${list.map(
    (q) => html`<button type="button" class="ccm-suggestion pill" part="suggestion" dir="auto" @click=${() => ctx.onQuestion(q)}>${clip(q, MAX_TEXT)}</button>`,
  )}</div>`;
}

function renderAvatar(url: string | null, fallback: TemplateResult): TemplateResult {
  const safe = safeHttpUrl(url);
  return html`<div class="ccm-avatar" part="avatar" aria-hidden="true">${safe ? html`<img src=${safe} alt="" referrerpolicy="no-referrer" />` : fallback}</div>`;
}

const robotGlyph = html`<svg class="ccm-glyph" viewBox="0 0 24 24" width="18" height="18" focusable="false" aria-hidden="true"><path fill="currentColor" d="M11 2h2v2.07A7 7 0 0 1 19 11v6a3 3 0 0 1-3 3H8a3 3 0 0 1-3-3v-6a7 7 0 0 1 6-6.93zM9 11.5a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3m6 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3M2 12h2v4H2zm18 0h2v4h-2z" /></svg>`;

/** Up to two initials (first letters of the first two words), whole code points, uppercased. */
function initials(name: string): string {
  const words = name.trim().split(/\s+/, 3).filter(Boolean);
  const letters = words.slice(0, 2).map((w) => Array.from(w)[0] ?? '');
  return letters.join('').toUpperCase() || '?';
}

const timeFormats = new Map<string, { time: Intl.DateTimeFormat; dated: Intl.DateTimeFormat }>();

function formatsFor(locale: string | undefined) {
  const key = locale ?? '';
  let formats = timeFormats.get(key);
  if (!formats) {
    let tag: string | undefined = locale;
    try {
      new Intl.DateTimeFormat(tag);
    } catch {
      tag = undefined; // not a valid BCP 47 tag: the browser's locale
    }
    formats = {
      time: new Intl.DateTimeFormat(tag, { hour: 'numeric', minute: '2-digit' }),
      dated: new Intl.DateTimeFormat(tag, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }),
    };
    timeFormats.set(key, formats);
  }
  return formats;
}

function renderTime(timestamp: number, locale: string | undefined): TemplateResult | typeof nothing {
  if (!Number.isFinite(timestamp) || timestamp <= 0) return nothing;
  const date = new Date(timestamp);
  if (Number.isNaN(date.getTime())) return nothing;
  const { time, dated } = formatsFor(locale);
  // Today's messages show the time only; older ones (history) add the date.
  const text = date.toDateString() === new Date().toDateString() ? time.format(date) : dated.format(date);
  return html`<time class="ccm-time" part="time" dir="auto" datetime=${date.toISOString()}>${text}</time>`;
}
