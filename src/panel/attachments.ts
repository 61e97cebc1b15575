import { html, nothing, type TemplateResult } from 'lit';
import type { ApiPart } from '../api/api-part';
import type { PanelHost } from '../core/panel-host';

// How the visitor gives a file: the composer's attach button (a file picker), a drop onto the panel, or an image
// pasted into the message box. Each file is checked against what the API takes (type, `max-file-size`, not
// empty): a refused one gets a plain sentence and no request; the others go to the outbox, in the order given.

export class Attachments {
  readonly #host: PanelHost;
  /** Why the last files given were refused ('' when none were). */
  #refusal = '';
  #dragDepth = 0;
  /** The API part's file rules, once loaded: files are then queued at once, in the order given with text. */
  #media: ApiPart['media'] | null = null;

  constructor(host: PanelHost) {
    this.#host = host;
    void host.api().then(
      (api) => (this.#media = api.media),
      () => undefined, // fetched again when a file is given
    );
    const root = host.renderRoot;
    root.addEventListener('dragenter', this.#onDragEnter as EventListener);
    root.addEventListener('dragover', this.#onDragOver as EventListener);
    root.addEventListener('dragleave', this.#onDragLeave as EventListener);
    root.addEventListener('drop', this.#onDrop as EventListener);
  }

  /** Whether files are being dragged over the panel (its drop zone shows). */
  get dragging(): boolean {
    return this.#dragDepth > 0;
  }

  /** The attach button and its (visually hidden) file picker, for the composer. */
  renderButton(): TemplateResult {
    const t = this.#host.strings();
    return html`<button part="attach-button" class="round ghost" type="button" aria-label=${t.attachFile} title=${t.attachFile} @click=${this.#pick}>
        ${attachIcon}
      </button>
      <input
        class="file-input"
        type="file"
        multiple
        hidden
        accept=".jpg,.jpeg,.png,.bmp,.mp3,.aac,.mp4,.txt,.csv,image/jpeg,image/png,image/bmp,audio/mpeg,audio/aac,video/mp4,text/plain,text/csv"
        @change=${this.#onPicked}
      />`;
  }

  /** Why files were refused, under the composer (an alert, so it is read out). */
  renderRefusal(): TemplateResult | typeof nothing {
    return this.#refusal
      ? html`<p part="attach-error" class="attach-error" role="alert">${this.#refusal}</p>`
      : nothing;
  }

  /** The panel's drop zone while files are dragged over it. */
  renderDropZone(): TemplateResult | typeof nothing {
    return this.dragging ? html`<div part="drop-zone" class="drop-zone" aria-hidden="true"><span>${this.#host.strings().dropToSend}</span></div>` : nothing;
  }

  /** Image files pasted into the message box are sent as files (the text of a paste stays text). */
  readonly onPaste = (event: ClipboardEvent): void => {
    const files = [...(event.clipboardData?.files ?? [])];
    if (files.length === 0) return;
    event.preventDefault();
    void this.take(files);
  };

  /** Checks the files and queues those the API takes, in order; says why the others were refused. */
  async take(files: readonly File[]): Promise<void> {
    if (files.length === 0 || this.#host.session.state === 'ended') return;
    const media = this.#media ?? (this.#media = (await this.#host.api()).media);
    const t = this.#host.strings();
    const max = this.#host.maxFileBytes();
    const refusals: string[] = [];
    for (const file of files) {
      const sendable = media.fileToSend(file, max);
      if (typeof sendable !== 'string') {
        this.#host.session.sendFile(file, sendable);
        continue;
      }
      const name = file.name || t.mediaImage;
      refusals.push(sendable === 'size' ? t.fileTooLarge(name, max) : sendable === 'empty' ? t.fileEmpty(name) : t.fileTypeRefused(name));
    }
    this.#refusal = refusals.join(' ');
    this.#host.requestUpdate();
  }

  /** Forgets the last refusal (the visitor typed or sent something since). */
  clearRefusal(): void {
    if (!this.#refusal) return;
    this.#refusal = '';
    this.#host.requestUpdate();
  }

  readonly #pick = (): void => {
    this.#host.renderRoot.querySelector<HTMLInputElement>('.file-input')?.click();
  };

  readonly #onPicked = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    // The same file can be chosen again next time.
    input.value = '';
    void this.take(files);
  };

  /** Only drags that carry files, onto an open panel with a live composer. */
  #accepts(event: DragEvent): boolean {
    return !!event.dataTransfer?.types.includes('Files') && this.#host.isOpen() && this.#host.session.state !== 'ended';
  }

  readonly #onDragEnter = (event: DragEvent): void => {
    if (!this.#accepts(event)) return;
    event.preventDefault();
    this.#dragDepth += 1;
    if (this.#dragDepth === 1) this.#host.requestUpdate();
  };

  readonly #onDragOver = (event: DragEvent): void => {
    if (!this.#accepts(event)) return;
    event.preventDefault();
    event.dataTransfer!.dropEffect = 'copy';
  };

  readonly #onDragLeave = (event: DragEvent): void => {
    if (!this.#accepts(event) || this.#dragDepth === 0) return;
    this.#dragDepth -= 1;
    if (this.#dragDepth === 0) this.#host.requestUpdate();
  };

  readonly #onDrop = (event: DragEvent): void => {
    if (!this.#accepts(event)) return;
    event.preventDefault();
    this.#dragDepth = 0;
    this.#host.requestUpdate();
    void this.take([...(event.dataTransfer?.files ?? [])]);
  };
}

const attachIcon = html`<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
  <path
    fill="currentColor"
    d="M16.5 6v11.5a4 4 0 0 1-8 0V5a2.5 2.5 0 0 1 5 0v10.5a1 1 0 0 1-2 0V6H10v9.5a2.5 2.5 0 0 0 5 0V5a4 4 0 0 0-8 0v12.5a5.5 5.5 0 0 0 11 0V6z"
  />
</svg>`;
