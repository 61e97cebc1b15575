import { html, nothing, type TemplateResult } from 'lit';
import type { PanelHost } from '../core/panel-host';
import { panelApi } from './api-call';

// The robot's FAQ questions while the visitor types to it (queryPhraseByKeyword): asked once the typing pauses,
// one request at a time (the latest words win), shown above the message box, picked with the pointer or the
// keyboard (Arrow Down from the message box, arrows between them, Escape back). Only while the robot has the chat.

/** The typing pause after which the FAQ is asked, ms. */
export const FAQ_DEBOUNCE_MS = 300;
const MIN_CHARACTERS = 2;
const MAX_SHOWN = 5;

export class FaqSuggestions {
  readonly #host: PanelHost;
  readonly #pick: (question: string) => void;
  #questions: string[] = [];
  /** The words the shown questions are for. */
  #for = '';
  #timer: ReturnType<typeof setTimeout> | undefined;
  #inFlight = false;
  /** Words typed while a request was on its way: asked when it is back. */
  #next: string | null = null;
  /** Counts clear(): an answer that comes back after one is dropped. */
  #cleared = 0;

  constructor(host: PanelHost, pick: (question: string) => void) {
    this.#host = host;
    this.#pick = pick;
  }

  get shown(): boolean {
    return this.#questions.length > 0;
  }

  /** The visitor typed: asks after a pause, while the robot has the conversation. */
  typed(text: string): void {
    clearTimeout(this.#timer);
    const words = text.trim();
    const { session } = this.#host;
    if (words.length < MIN_CHARACTERS || session.mode !== 'robot' || session.state !== 'connected') {
      this.clear();
      return;
    }
    this.#timer = setTimeout(() => void this.#ask(words), FAQ_DEBOUNCE_MS);
  }

  clear(): void {
    clearTimeout(this.#timer);
    this.#next = null;
    this.#for = '';
    this.#cleared += 1;
    if (this.#questions.length === 0) return;
    this.#questions = [];
    this.#host.requestUpdate();
  }

  async #ask(words: string): Promise<void> {
    if (this.#inFlight) {
      this.#next = words;
      return;
    }
    this.#inFlight = true;
    const cleared = this.#cleared;
    try {
      const [api, client] = await panelApi(this.#host);
      const { questions } = await api.queryPhraseByKeyword(client, words, { locale: this.#host.session.language });
      // Dropped when the visitor cleared the box, sent, or the robot no longer has the chat meanwhile.
      if (cleared === this.#cleared && this.#host.session.mode === 'robot' && this.#next === null) {
        this.#questions = questions.slice(0, MAX_SHOWN);
        this.#for = words;
        this.#host.requestUpdate();
      }
    } catch {
      // No FAQ (no robot, no FAQ group, a failure): the visitor simply types on.
    } finally {
      this.#inFlight = false;
      const next = this.#next;
      this.#next = null;
      if (next !== null && next !== this.#for) void this.#ask(next);
    }
  }

  /** Arrow Down in the message box: to the first question. Returns whether it moved the focus. */
  focusFirst(): boolean {
    const first = this.#buttons()[0];
    first?.focus();
    return !!first;
  }

  #buttons(): HTMLButtonElement[] {
    return [...this.#host.renderRoot.querySelectorAll<HTMLButtonElement>('[part~="faq-suggestion"]')];
  }

  #onKeydown(event: KeyboardEvent): void {
    const buttons = this.#buttons();
    const index = buttons.indexOf(event.target as HTMLButtonElement);
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const next = index + (event.key === 'ArrowDown' ? 1 : -1);
      if (next < 0) this.#focusInput();
      else buttons[Math.min(next, buttons.length - 1)]?.focus();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation(); // the panel stays open
      this.clear();
      this.#focusInput();
    }
  }

  #focusInput(): void {
    this.#host.renderRoot.querySelector<HTMLTextAreaElement>('[part~="input"]')?.focus();
  }

  render(): TemplateResult | typeof nothing {
    if (!this.shown) return nothing;
    const t = this.#host.strings();
    return html`<div part="faq" class="faq" role="group" aria-label=${t.suggestedQuestions}>
      ${this.#questions.map(
        (question) =>
          html`<button
            part="faq-suggestion"
            class="pill"
            type="button"
            dir="auto"
            @click=${() => this.#pick(question)}
            @keydown=${(e: KeyboardEvent) => this.#onKeydown(e)}
          >
            ${question}
          </button>`,
      )}
    </div>`;
  }
}
