import { html, nothing, type TemplateResult } from 'lit';
import type { PanelHost } from '../core/panel-host';
import { closeIcon } from '../core/icons';

// An image full size, in a modal <dialog>: the browser keeps the focus inside it and the rest of the page inert;
// Escape, the close button or a click beside the image closes it, and the focus goes back to the image that opened
// it. Escape closes only the viewer, not the chat panel around it.

export interface ViewedImage {
  url: string;
  alt: string;
  name: string;
}

export class MediaViewer {
  readonly #host: PanelHost;
  #shown: ViewedImage | null = null;
  #opener: HTMLElement | null = null;

  constructor(host: PanelHost) {
    this.#host = host;
  }

  get shown(): ViewedImage | null {
    return this.#shown;
  }

  open(image: ViewedImage, opener: HTMLElement): void {
    this.#shown = image;
    this.#opener = opener;
    this.#host.requestUpdate();
    void this.#host.updateComplete.then(() => {
      const dialog = this.#dialog();
      if (!dialog || !this.#shown) return;
      if (!dialog.open) dialog.showModal();
      dialog.querySelector<HTMLElement>('[part~="media-dialog-close"]')?.focus();
    });
  }

  /** Closes the viewer (also when its image goes: the message left the transcript). */
  close(): void {
    const dialog = this.#dialog();
    if (dialog?.open) dialog.close();
    else this.#closed();
  }

  render(): TemplateResult {
    const t = this.#host.strings();
    const image = this.#shown;
    return html`<dialog
      class="ccm-viewer"
      part="media-dialog"
      aria-label=${image ? image.alt : t.imageViewer}
      @close=${this.#closed}
      @keydown=${this.#onKeydown}
      @click=${this.#onClick}
    >
      ${image
        ? html`<div class="ccm-viewer-bar">
              <span class="ccm-viewer-name" dir="auto">${image.name}</span>
              <a class="ccm-viewer-action pill ghost" part="media-dialog-download" href=${image.url} download=${image.name}>${t.download}</a>
              <button type="button" class="ccm-viewer-action pill ghost" part="media-dialog-close" aria-label=${t.closeImage} @click=${() => this.close()}>
                ${closeIcon}
              </button>
            </div>
            <img class="ccm-viewer-image" part="media-dialog-image" src=${image.url} alt=${image.alt} />`
        : nothing}
    </dialog>`;
  }

  #dialog(): HTMLDialogElement | null {
    return this.#host.renderRoot.querySelector<HTMLDialogElement>('dialog[part~="media-dialog"]');
  }

  readonly #closed = (): void => {
    if (!this.#shown) return;
    this.#shown = null;
    const opener = this.#opener;
    this.#opener = null;
    this.#host.requestUpdate();
    // The image's button, or (re-rendered meanwhile) the one showing the same file.
    void this.#host.updateComplete.then(() => {
      if (opener?.isConnected) opener.focus();
    });
  };

  readonly #onKeydown = (event: KeyboardEvent): void => {
    // The dialog closes itself on Escape; the panel around it must not close too.
    if (event.key === 'Escape') event.stopPropagation();
    if (event.key !== 'Tab') return;
    // The page around is inert, but Tab would leave the page for the browser's own controls: it goes round instead.
    const dialog = event.currentTarget as HTMLDialogElement;
    const stops = [...dialog.querySelectorAll<HTMLElement>('a[href], button')];
    const root = this.#host.renderRoot as ShadowRoot;
    const at = stops.indexOf(root.activeElement as HTMLElement);
    const next = event.shiftKey ? (at <= 0 ? stops.length - 1 : at - 1) : at === stops.length - 1 ? 0 : at + 1;
    if (stops[next]) {
      event.preventDefault();
      stops[next].focus();
    }
  };

  /** A click on the backdrop (the dialog itself, outside its content) closes it. */
  readonly #onClick = (event: MouseEvent): void => {
    if (event.target === event.currentTarget) this.close();
  };
}
