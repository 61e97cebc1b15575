import { html, nothing, type TemplateResult } from 'lit';
import type { ChatStrings } from '../core/strings';
import type { MediaState } from './media-loader';

// How a file looks in a message, by its state (media-loader.ts): an image inline (a button that opens it full
// size), audio and video in the browser's own players, any other file as a chip that downloads it with its name and
// size. While it loads, when it failed (with a retry) or is over the limit, a plain line says so.

export type MediaKind = 'image' | 'video' | 'audio' | 'file' | 'document';

/**
 * The mediaTypes that name a file, and how each is shown: the transcript renders these through the file hooks, and
 * the panel keeps a file while a message of one of these types names it (one list, so the two cannot disagree).
 */
const MEDIA_KINDS: Readonly<Record<string, MediaKind>> = {
  IMAGE: 'image',
  FILE_IMAGE: 'image',
  VIDEO: 'video',
  FILE_VIDEO: 'video',
  AUDIO: 'audio',
  FILE: 'file',
  DOCUMENT: 'document',
};

/** How a message of this mediaType shows its file; null when the type names no file. */
export function mediaKindOf(mediaType: string | null): MediaKind | null {
  return mediaType !== null && Object.hasOwn(MEDIA_KINDS, mediaType) ? MEDIA_KINDS[mediaType] : null;
}

/** What the message says of its file. */
export interface MediaInfo {
  kind: MediaKind;
  /** "Image", "Document"…: the type's name. */
  typeName: string;
  /** The file's name, when the message gives one. */
  name: string | null;
  /** Its size in bytes, when the message gives it. */
  size: number | null;
  /** Its extension, when known. */
  ext: string | null;
  /** Who sent it (for an image's alt text). */
  author: string;
}

export interface MediaActions {
  /** Opens an image full size; `opener` gets the focus back when the viewer closes. */
  open(view: { url: string; alt: string; name: string }, opener: HTMLElement): void;
  retry(): void;
  /** The size limit, for the line of a file over it. */
  maxBytes: number;
  /** The visitor's file whose bytes are gone (not sent before a reload): its name only, the message says the rest. */
  gone?: boolean;
}

/** The file of a message as its state allows (undefined: not asked for yet, it waits to come into view). */
export function renderMedia(
  id: string,
  state: MediaState | undefined,
  info: MediaInfo,
  strings: ChatStrings,
  actions: MediaActions,
  overlay: TemplateResult | typeof nothing = nothing,
): TemplateResult {
  const status = actions.gone ? 'gone' : (state?.status ?? 'idle');
  const name = info.name ?? (info.ext ? `${info.typeName.toLowerCase()}.${info.ext}` : info.typeName);
  const body = state?.status === 'ready' ? renderReady(state.url, state.bytes, name, info, strings, actions) : renderPending(status, name, info, strings, actions);
  return html`<div class="ccm-media ccm-media--${info.kind} ccm-media--${status}" part="media" data-media-id=${id} data-media-state=${status}>${body}${overlay}</div>`;
}

function renderReady(url: string, bytes: number, name: string, info: MediaInfo, strings: ChatStrings, actions: MediaActions): TemplateResult {
  switch (info.kind) {
    case 'image': {
      const alt = info.name ?? strings.imageFrom(info.author);
      return html`<button type="button" class="ccm-media-open" part="media-open" @click=${(event: Event) => actions.open({ url, alt, name }, event.currentTarget as HTMLElement)}><img class="ccm-media-image" part="media-image" src=${url} alt=${alt} /><span class="ccm-vh">, ${strings.openFullSize}</span></button>`;
    }
    case 'audio':
      return html`<audio class="ccm-media-player" part="media-audio" controls preload="metadata" src=${url} aria-label=${strings.playerLabel(name)}></audio>`;
    case 'video':
      return html`<video class="ccm-media-player" part="media-video" controls preload="metadata" playsinline src=${url} aria-label=${strings.playerLabel(name)}></video>`;
    default:
      return html`<a class="ccm-file" part="media-download" href=${url} download=${name}><span class="ccm-vh">${strings.download}: </span>${fileChip(name, info.size ?? bytes, info.ext, strings)}</a>`;
  }
}

function renderPending(status: string, name: string, info: MediaInfo, strings: ChatStrings, actions: MediaActions): TemplateResult {
  const line =
    status === 'gone'
      ? nothing
      : status === 'failed'
      ? html`<span class="ccm-media-note ccm-media-note--error" part="media-status">${strings.mediaFailed}</span><button type="button" class="ccm-retry pill" part="media-retry" @click=${() => actions.retry()}>${strings.retry}</button>`
      : status === 'too-large'
        ? html`<span class="ccm-media-note" part="media-status">${strings.mediaTooLarge(actions.maxBytes)}</span>`
        : html`<span class="ccm-media-note" part="media-status" role="status">${strings.mediaLoading}</span>`;
  // An image on its way keeps its place; one that will not come says so in its line alone.
  const waiting = status === 'idle' || status === 'loading';
  const head =
    info.kind === 'image' && waiting
      ? html`<div class="ccm-media-frame" aria-hidden="true"></div>`
      : info.kind === 'image' && status !== 'gone'
        ? nothing
        : html`<div class="ccm-file">${fileChip(name, info.size, info.ext, strings)}</div>`;
  return html`${head}${line === nothing ? nothing : html`<div class="ccm-media-line">${line}</div>`}`;
}

function fileChip(name: string, size: number | null, ext: string | null, strings: ChatStrings): TemplateResult {
  const meta = [ext ? ext.toUpperCase() : null, size !== null && size > 0 ? strings.fileSize(size) : null].filter(Boolean).join(' · ');
  return html`<span class="ccm-file-icon" aria-hidden="true">${fileIcon}</span><span class="ccm-file-text"><span class="ccm-file-name" dir="auto">${name}</span>${meta ? html`<span class="ccm-file-meta">${meta}</span>` : nothing}</span>`;
}

const fileIcon = html`<svg viewBox="0 0 24 24" width="22" height="22" focusable="false" aria-hidden="true"><path fill="currentColor" d="M6 2h8l6 6v12a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2m7 1.5V9h5.5zM8 13v2h8v-2zm0 4v2h5v-2z" /></svg>`;
