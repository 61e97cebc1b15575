import { html, nothing, type TemplateResult } from 'lit';
import type { DownlinkMessage } from '../api/types';
import type { PanelHost } from '../core/panel-host';
import type { SentEntry, TranscriptEntry } from '../core/controllers/transcript-entry';
import { panelApi } from './api-call';
import { parseFileContent } from '../core/file-content';
import { MediaLoader, mediaIdOf } from './media-loader';
import { mediaKindOf, renderMedia, type MediaInfo } from './media-view';
import { MediaViewer } from './media-viewer';

// The panel's files, between the transcript's templates and the media loader: the render hooks for received and
// sent files, the watch that asks for a file when its message comes into view, what is let go when messages leave
// the transcript, and the full-size viewer.

/** Files are asked for a little before their message scrolls into view. */
const AHEAD = '200px';

export class PanelMedia {
  readonly #host: PanelHost;
  readonly #invalidate: (entries: TranscriptEntry[]) => void;
  readonly #loader: MediaLoader;
  readonly viewer: MediaViewer;
  /** The message and the entries that show each file (filled while rendering). */
  readonly #messages = new Map<string, DownlinkMessage>();
  readonly #entries = new Map<string, Set<TranscriptEntry>>();
  #rendering: TranscriptEntry | null = null;
  #observer: IntersectionObserver | null = null;
  #observerRoot: HTMLElement | null = null;
  #observed = new WeakSet<Element>();
  /** The transcript the files were last let go for. */
  #keptFor: readonly TranscriptEntry[] | null = null;

  /** `invalidate`: the entries whose file changed state, to be rendered again. */
  constructor(host: PanelHost, invalidate: (entries: TranscriptEntry[]) => void) {
    this.#host = host;
    this.#invalidate = invalidate;
    this.#loader = new MediaLoader((message, max, signal) => this.#fetch(message, max, signal), (id) => this.#changed(id), () => host.maxFileBytes());
    this.viewer = new MediaViewer(host);
  }

  /** Downloads in flight (tests read it through the panel's behaviour, not here). */
  get loader(): MediaLoader {
    return this.#loader;
  }

  /** Around rendering an entry's template: the file hooks learn which entry they render for. */
  rendering(entry: TranscriptEntry | null): void {
    this.#rendering = entry;
  }

  /** The render hook for a received file (RenderContext.media). */
  received(message: DownlinkMessage, info: MediaInfo): TemplateResult {
    const id = mediaIdOf(message);
    this.#messages.set(id, message);
    this.#track(id);
    return renderMedia(id, this.#loader.state(id), info, this.#host.strings(), {
      open: (image, opener) => this.viewer.open(image, opener),
      retry: () => this.#loader.retry(id, message),
      maxBytes: this.#host.maxFileBytes(),
    });
  }

  /** The id of a visitor's file in the loader. */
  sentId(entry: SentEntry): string {
    return `s:${entry.key}`;
  }

  /**
   * The render hook for a file the visitor sent (RenderContext.sentFile): from the bytes in memory while the page
   * has them; once uploaded, from the contact center (after a reload); otherwise its name and why it is not sent.
   */
  sent(entry: SentEntry): TemplateResult | null {
    const file = entry.file;
    if (!file) return null;
    const id = this.sentId(entry);
    this.#track(id);
    const bytes = this.#host.session.outbox.file(entry.key);
    if (bytes && !this.#loader.state(id)) this.#loader.adopt(id, bytes);
    const state = this.#loader.state(id);
    const t = this.#host.strings();
    const upload = this.upload(entry);
    const kind = mediaKindOf(file.mediaType) ?? 'file';
    // Only what it was uploaded as can be fetched: a file whose bytes are gone and that has no key shows its name.
    const message = file.objectKey ? this.#asMessage(file.objectKey, file.ext, file.mediaType) : null;
    if (message) this.#messages.set(id, message);
    const info: MediaInfo = { kind, typeName: t.mediaLabel(file.mediaType), name: file.name, size: file.size, ext: file.ext, author: t.you };
    // Indeterminate until the upload tells how far it has gone.
    const overlay = upload
      ? html`<progress class="ccm-upload" part="upload-progress" max="100" value=${upload.percent ?? nothing} aria-label=${t.uploading(null)}></progress>`
      : nothing;
    // Neither in memory nor fetchable: its name only (a gone file shows no line, so its actions are never used).
    const gone = !state && !message;
    return renderMedia(id, state, info, t, {
      open: (image, opener) => this.viewer.open(image, opener),
      retry: () => message && this.#loader.retry(id, message),
      maxBytes: this.#host.maxFileBytes(),
      gone,
    }, gone ? nothing : overlay);
  }

  /** The upload under way of a file the visitor sent, with how far it has gone; null when it is queued or done. */
  upload(entry: SentEntry): { percent: number | undefined } | null {
    const { outbox } = this.#host.session;
    if (entry.status !== 'pending' || !entry.file || entry.file.objectKey || !outbox.inFlight.includes(entry.key)) return null;
    return { percent: outbox.progress(entry.key) };
  }

  /** A downlink-like message naming an uploaded file, so it is fetched by the same rule as a received one. */
  #asMessage(objectKey: string, ext: string, mediaType: string): DownlinkMessage {
    return {
      from: '', to: '', channel: 'WEB', controlType: 'CHAT', mediaType, content: objectKey, timestamp: 0, sourceType: 'USER',
      senderNickname: null, senderAvatar: null, simQuestions: [], messageCode: null, callId: null, contentType: null,
      mediaFileType: ext, robotGender: null, interIdx: null, queueFlag: null, isOfflineStatus: null,
    };
  }

  #track(id: string): void {
    if (!this.#rendering) return;
    let set = this.#entries.get(id);
    if (!set) this.#entries.set(id, (set = new Set()));
    set.add(this.#rendering);
  }

  /** After each update of the open panel: watches the files shown, and lets go of those no message names. */
  updated(transcript: HTMLElement | null): void {
    const entries = this.#host.session.transcript.entries;
    if (entries !== this.#keptFor) {
      this.#keptFor = entries;
      this.#keep(entries);
    }
    if (!transcript || !this.#host.isOpen()) return;
    if (this.#observerRoot !== transcript) {
      this.#observer?.disconnect();
      this.#observerRoot = transcript;
      this.#observer = new IntersectionObserver((records) => this.#inView(records), { root: transcript, rootMargin: AHEAD });
    }
    for (const node of transcript.querySelectorAll('[data-media-state="idle"]')) {
      if (this.#observed.has(node)) continue;
      this.#observed.add(node);
      this.#observer!.observe(node);
    }
  }

  /** The element left the page: every download stops, every URL is revoked; shown again, they are fetched again. */
  disconnected(): void {
    this.viewer.close();
    this.#loader.clear();
    this.#observer?.disconnect();
    this.#observer = this.#observerRoot = null;
    this.#observed = new WeakSet();
    this.#keptFor = null;
    this.#invalidate([...new Set([...this.#entries.values()].flatMap((set) => [...set]))]);
  }

  #inView(records: IntersectionObserverEntry[]): void {
    for (const record of records) {
      if (!record.isIntersecting) continue;
      this.#observer?.unobserve(record.target);
      const id = (record.target as HTMLElement).dataset.mediaId ?? '';
      const message = this.#messages.get(id);
      if (message) this.#loader.want(id, message);
    }
  }

  #changed(id: string): void {
    this.#invalidate([...(this.#entries.get(id) ?? [])]);
  }

  /** The files the transcript still names stay; the others' URLs are revoked. */
  #keep(entries: readonly TranscriptEntry[]): void {
    const live = new Set<string>();
    for (const entry of entries) {
      if (entry.kind === 'sent') {
        if (entry.file) live.add(this.sentId(entry));
      } else if (mediaKindOf(entry.message.mediaType)) {
        live.add(mediaIdOf(entry.message));
      }
    }
    this.#loader.keep(live);
    for (const id of [...this.#messages.keys()]) {
      if (!live.has(id)) this.#messages.delete(id);
    }
    for (const id of [...this.#entries.keys()]) {
      if (!live.has(id)) this.#entries.delete(id);
    }
  }

  async #fetch(message: DownlinkMessage, maxBytes: number, signal: AbortSignal): Promise<Blob | null> {
    // A FILE says its size: one over the limit is not asked for at all.
    const declared = message.mediaType === 'FILE' ? parseFileContent(message.content)?.size : null;
    if (declared != null && declared > maxBytes) return null;
    const [api, client] = await panelApi(this.#host);
    const request = api.media.downloadRequestFor(message);
    if (!request) throw new Error('The message names no file.');
    const { fileStream } = await api.media.downloadFileStream(client, request, { signal });
    if (api.media.base64Bytes(fileStream) > maxBytes) return null;
    return api.media.base64ToBlob(fileStream, request.fileType);
  }
}
