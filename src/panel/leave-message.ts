import { html, nothing, type TemplateResult } from 'lit';
import { isCcApiError } from '../core/errors';
import type { PanelHost } from '../core/panel-host';
import { panelApi } from './api-call';

// Leaving a message when no agent can take the chat (shared/api/ccmessaging.md §3 row 9, §6 step 4): a phone
// number and a message for a call back, checked in the browser before doLeaveMessage, and the server's refusal in
// words (2 empty, 3 not accepted, 13 not saved).

/** Digits, spaces, + ( ) . - and at least five digits: what a person types as a phone number. */
const PHONE = /^\+?[\d\s().-]{5,24}$/;
const MAX_MESSAGE = 500;

type Problem = 'phone' | 'text' | 'refused' | 'failed' | null;

export class LeaveMessage {
  readonly #host: PanelHost;
  #phone = '';
  #text = '';
  #problem: Problem = null;
  #sending = false;
  #sent = false;
  /** The visitor asked for the form (a button), or it was offered and not yet dismissed by a new conversation. */
  #chosen = false;

  constructor(host: PanelHost) {
    this.#host = host;
  }

  /** Whether the form (or its thanks) takes the composer's place. */
  get shown(): boolean {
    const { session } = this.#host;
    return this.#sent || this.#chosen || session.agentUnavailable || session.endReason === 'offline';
  }

  /** The visitor chose to leave a message (the button beside "Start a new conversation"). */
  choose(): void {
    this.#chosen = true;
    this.#host.requestUpdate();
    void this.#host.updateComplete.then(() =>
      this.#host.renderRoot.querySelector<HTMLInputElement>('[part~="leave-message"] input')?.focus(),
    );
  }

  /** A new conversation: the form is put away. */
  reset(): void {
    this.#chosen = this.#sent = false;
    this.#problem = null;
    this.#text = '';
  }

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.#sending) return;
    const caller = this.#phone.trim();
    const message = this.#text.trim();
    const digits = caller.replace(/\D/g, '').length;
    this.#problem = !PHONE.test(caller) || digits < 5 ? 'phone' : !message ? 'text' : null;
    if (this.#problem) return this.#host.requestUpdate();
    this.#sending = true;
    this.#host.requestUpdate();
    try {
      const [api, client] = await panelApi(this.#host);
      await api.doLeaveMessage(client, { caller, message: message.slice(0, MAX_MESSAGE) });
      this.#sent = true;
    } catch (error) {
      const code = isCcApiError(error) && error.kind === 'result' ? error.resultCode : null;
      this.#problem = code === '2' || code === '3' ? 'refused' : 'failed';
    } finally {
      this.#sending = false;
      this.#host.requestUpdate();
    }
  }

  render(): TemplateResult | typeof nothing {
    if (!this.shown) return nothing;
    const t = this.#host.strings();
    if (this.#sent) return html`<p part="leave-message" class="panel-form" role="status">${t.leaveMessageThanks}</p>`;
    const problem = this.#problem;
    const text =
      problem === 'phone'
        ? t.leaveMessageNeedPhone
        : problem === 'text'
          ? t.leaveMessageNeedText
          : problem === 'refused'
            ? t.leaveMessageRefused
            : problem === 'failed'
              ? t.leaveMessageFailed
              : '';
    return html`<form
      part="leave-message"
      class="panel-form"
      aria-labelledby="leave-title"
      aria-describedby="leave-intro"
      novalidate
      @submit=${(e: SubmitEvent) => this.#submit(e)}
    >
      <h3 id="leave-title">${t.leaveMessageTitle}</h3>
      <p id="leave-intro" class="intro">${t.leaveMessageIntro}</p>
      <label>
        <span>${t.leaveMessagePhone}</span>
        <input
          type="tel"
          autocomplete="tel"
          inputmode="tel"
          maxlength="24"
          required
          aria-invalid=${problem === 'phone' ? 'true' : 'false'}
          .value=${this.#phone}
          ?disabled=${this.#sending}
          @input=${(e: Event) => (this.#phone = (e.target as HTMLInputElement).value)}
        />
      </label>
      <label>
        <span>${t.leaveMessageText}</span>
        <textarea
          rows="3"
          dir="auto"
          maxlength=${MAX_MESSAGE}
          required
          aria-invalid=${problem === 'text' ? 'true' : 'false'}
          .value=${this.#text}
          ?disabled=${this.#sending}
          @input=${(e: Event) => (this.#text = (e.target as HTMLTextAreaElement).value)}
        ></textarea>
      </label>
      <p class="form-message" role="alert">${text}</p>
      <div class="form-actions">
        <button type="submit" part="leave-message-submit" class="pill filled" ?disabled=${this.#sending}>${t.leaveMessageSubmit}</button>
      </div>
    </form>`;
  }
}
