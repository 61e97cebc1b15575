import { messageDetail } from './message-detail';
import { PanelMedia } from './panel-media';
import { Attachments } from './attachments';
import { Notifier } from './notifier';
import { FaqSuggestions } from './faq';
import { ReadTracker } from './read-tracker';
import { RobotFeedback } from './robot-feedback';
import { LeaveMessage } from './leave-message';
import { Survey } from './survey';
import { saveTextFile, transcriptText } from './transcript-text';
import { html, nothing, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { repeat } from '../core/bounded-repeat';
import { MAX_MESSAGE_BYTES, characterBudget, messageBytes } from '../core/controllers/message-limits';
import type { ReceivedEntry, TranscriptEntry } from '../core/controllers/transcript-entry';
import { closeIcon } from '../core/icons';
import { messageStyles } from './message-styles';
import { noticeFor } from './notice';
import type { PanelHost, PanelPart, Panel } from '../core/panel-host';
import { renderEntry, type RenderContext } from './render-entry';
import type { ChatStrings } from '../core/strings';
import { enPanel } from './panel-strings';
import { panelStyles } from './panel-styles';
import { mediaStyles } from './media-styles';
import { chunksOf } from './transcript-chunks';
import { initialWindow, showEarlier, windowStart } from './transcript-window';

// Inside the panel of <cc-chat>: header, call bar, notices, queue position, the transcript and the composer,
// fetched when the visitor first opens the chat (see src/core/parts.ts). It renders what the chat session
// exposes and forwards the visitor's actions to it.

export const panelPart: PanelPart = { create: (host) => new ChatPanel(host), strings: enPanel };

class ChatPanel implements Panel {
  readonly #host: PanelHost;
  #draft = '';
  #stickToBottom = true;
  /** The transcript the view was last scrolled to the end for. */
  #scrolledFor: readonly TranscriptEntry[] | null = null;
  /** Where the widget last scrolled the transcript to itself (see #onTranscriptScroll). */
  #scrolledTo = -1;
  /** Which messages are shown (transcript-window.ts), and the index of the first one in the last render. */
  #window = initialWindow();
  #windowStart = 0;
  /** After "show earlier": the message that was first, and where its bottom was, so the view does not jump. */
  #keepInPlace: { message: HTMLElement; bottom: number } | null = null;
  #entryTemplates = new WeakMap<TranscriptEntry, TemplateResult>();
  /** The strings and locale the cached templates were built with. */
  #templatesFor: [ChatStrings, string | undefined] | null = null;

  readonly #survey: Survey;
  readonly #leave: LeaveMessage;
  readonly #faq: FaqSuggestions;
  readonly #feedback: RobotFeedback;
  readonly #reads: ReadTracker;
  readonly #media: PanelMedia;
  readonly #attachments: Attachments;
  /** Counts changes of the robot answers' votes and of the files' states: the chunks' guard lets them through. */
  #feedbackVersion = 0;

  constructor(host: PanelHost) {
    this.#host = host;
    this.#survey = new Survey(host);
    this.#leave = new LeaveMessage(host);
    this.#faq = new FaqSuggestions(host, (question) => this.#pickFaq(question));
    this.#reads = new ReadTracker(host);
    this.#feedback = new RobotFeedback(host, (entry) => {
      this.#entryTemplates.delete(entry);
      this.#feedbackVersion += 1;
      this.#host.requestUpdate();
    });
    this.#media = new PanelMedia(host, (entries) => {
      for (const entry of entries) this.#entryTemplates.delete(entry);
      this.#feedbackVersion += 1;
      // A file that turned from loading into an image or a player changes the transcript's height: the next
      // update keeps the end in view, as it does for new entries.
      this.#scrolledFor = null;
      this.#host.requestUpdate();
    });
    this.#attachments = new Attachments(host);
    adoptStyles(host.renderRoot, [panelStyles.styleSheet, messageStyles.styleSheet, mediaStyles.styleSheet]);
  }

  render(): TemplateResult {
    const host = this.#host;
    return html`${this.#renderHeader()} ${host.callBar()} ${this.#renderNotice()} ${this.#renderQueue()}
      <div
        part="transcript"
        role="log"
        aria-label=${host.strings().transcriptLabel}
        tabindex="0"
        @scroll=${this.#onTranscriptScroll}
        @load=${this.#onMediaSized}
        @loadedmetadata=${this.#onMediaSized}
      >
        ${this.#renderTranscript()}
      </div>
      ${this.#renderFooter()} ${this.#media.viewer.render()} ${this.#attachments.renderDropZone()}`;
  }

  updated(opened: boolean): void {
    if (this.#keepInPlace) {
      const { message, bottom } = this.#keepInPlace;
      const el = this.#part('transcript');
      if (el) el.scrollTop += bottomOf(message) - bottom;
      this.#keepInPlace = null;
    }
    if (opened) this.#scrollToEnd();
    this.#reads.updated(this.#part('transcript'));
    this.#media.updated(this.#part('transcript'));
    // A conversation with an agent that ended (the agent's or the system's DISCONNECT): its survey, once.
    const { session } = this.#host;
    if (session.state === 'ended' && session.mode === 'agent' && !this.#survey.startedFor(session.conversationId)) {
      this.#survey.start(session.conversationId, false);
    }
    // Only when the transcript changed: reading scrollHeight forces a layout.
    const entries = this.#host.session.transcript.entries;
    if (this.#stickToBottom && entries !== this.#scrolledFor) {
      this.#scrolledFor = entries;
      this.#scrollToEnd();
    }
  }

  readonly detail = messageDetail;
  readonly #notifier = new Notifier(() => this.#host.show());

  notify(entries: ReceivedEntry[]): void {
    this.#notifier.notify(entries, this.#host.strings());
  }

  disconnected(): void {
    this.#media.disconnected();
  }

  focusInput(): boolean {
    const input = this.#part('input');
    input?.focus();
    return input !== null;
  }

  #part(name: string): HTMLElement | null {
    return this.#host.renderRoot.querySelector<HTMLElement>(`[part~="${name}"]`);
  }

  #renderHeader() {
    const { session } = this.#host;
    const t = this.#host.strings();
    const { state, mode } = session;
    const live = state === 'connected' || state === 'reconnecting' || state === 'offline';
    return html`
      <header part="header">
        <div class="title">
          <h2>${t.panelTitle}</h2>
          <span class="status" data-state=${state}>${t.connectionStatus(state)}</span>
        </div>
        ${live
          ? html`<div class="actions">
              ${mode === 'robot'
                ? html`<button part="agent-button" class="pill ghost" type="button" @click=${() => session.requestAgent()}>
                    ${t.askForAgent}
                  </button>`
                : nothing}
              <button part="end-button" class="pill ghost" type="button" @click=${() => this.#endChat()}>${t.endChat}</button>
            </div>`
          : nothing}
        <div class="tools">
          ${session.transcript.entries.length > 0
            ? html`<button
                part="download-button"
                class="round ghost"
                type="button"
                aria-label=${t.downloadTranscript}
                title=${t.downloadTranscript}
                @click=${() => this.#download()}
              >
                ${downloadIcon}
              </button>`
            : nothing}
          ${this.#host.callButton()}
          <button part="close-button" class="round ghost" type="button" aria-label=${t.closeChat} @click=${() => this.#host.closeAndReturnFocus()}>
            ${closeIcon}
          </button>
        </div>
      </header>
    `;
  }

  #renderNotice() {
    const { session } = this.#host;
    const t = this.#host.strings();
    // Nobody can take the chat (13): said as such, above the form to leave a message.
    const notice =
      session.agentUnavailable && session.lastError?.resultCode === '13'
        ? { tone: 'error' as const, text: t.errorNoAgent }
        : noticeFor(session.state, session.lastError, t, session.endReason);
    // The region exists from the start so that screen readers announce what appears in it.
    return html`<div
      part="notice"
      role=${notice?.tone === 'error' ? 'alert' : 'status'}
      data-tone=${notice?.tone ?? 'none'}
      ?hidden=${!notice}
    >
      ${notice?.text ?? ''}
    </div>`;
  }

  #renderQueue() {
    const { mode, queue, state } = this.#host.session;
    if (mode !== 'queued' || state === 'ended') return nothing;
    const t = this.#host.strings();
    return html`<div part="queue" role="status">
      <span>${queue?.position != null ? t.queuePosition(queue.position) : t.waitingForAgent}</span>
      ${queue?.estimateWaitTime != null && queue.estimateWaitTime > 0
        ? html`<span>${t.estimatedWait(queue.estimateWaitTime)}</span>`
        : nothing}
    </div>`;
  }

  #renderFooter() {
    const t = this.#host.strings();
    const survey = this.#survey.render();
    const leave = this.#survey.asking ? nothing : this.#leave.render();
    const open = this.#survey.shown || this.#leave.shown;
    if (this.#host.session.state === 'ended') {
      return html`<div class="footer ended ${open ? 'form-open' : ''}">
        ${survey} ${leave}
        ${this.#survey.asking
          ? nothing
          : html`<div class="footer-actions">
              ${this.#leave.shown
                ? nothing
                : html`<button part="leave-message-button" class="pill" type="button" @click=${() => this.#leave.choose()}>
                    ${t.leaveMessageOffer}
                  </button>`}
              <button part="new-button" class="pill filled" type="button" @click=${() => this.#startNewConversation()}>${t.newConversation}</button>
            </div>`}
      </div>`;
    }
    if (this.#survey.shown) return html`<div class="footer form-open">${survey}</div>`;
    // No agent can answer (12, 13): the form to leave a message comes above the message box (the robot stays).
    const leaveForm = this.#leave.shown ? html`<div class="footer form-open">${leave}</div>` : nothing;
    const budget = characterBudget(this.#draft);
    const tooLong = budget.bytes > MAX_MESSAGE_BYTES;
    const nearLimit = budget.bytes > MAX_MESSAGE_BYTES * 0.8;
    return html`${leaveForm}${this.#faq.render()}${this.#attachments.renderRefusal()}<form class="footer" part="composer" @submit=${this.#onSubmit}>
      ${this.#attachments.renderButton()}
      <textarea
        part="input"
        dir="auto"
        rows="1"
        aria-label=${t.messagePlaceholder}
        placeholder=${t.messagePlaceholder}
        aria-invalid=${tooLong ? 'true' : 'false'}
        aria-describedby="counter"
        .value=${this.#draft}
        @input=${this.#onInput}
        @keydown=${this.#onComposerKeydown}
        @paste=${this.#attachments.onPaste}
      ></textarea>
      <span id="counter" part="counter" class=${tooLong ? 'over' : ''} ?hidden=${!nearLimit}>
        ${tooLong ? t.messageTooLong(budget.max) : t.charactersLeft(budget.left)}
      </span>
      <button part="send-button" class="round filled" type="submit" aria-label=${t.send} ?disabled=${!this.#draft.trim() || tooLong}>
        ${sendIcon}
      </button>
    </form>`;
  }

  /**
   * The messages, chunk by chunk (transcript-chunks.ts): a chunk whose entries, strings and locale are the
   * ones it was rendered with is skipped by guard, so an update walks the chunks, not every message.
   */
  #renderTranscript() {
    const strings = this.#host.strings();
    const locale = this.#host.locale();
    if (strings !== this.#templatesFor?.[0] || locale !== this.#templatesFor[1]) {
      this.#templatesFor = [strings, locale];
      this.#entryTemplates = new WeakMap();
    }
    const context = this.#renderContext(strings, locale);
    const { entries } = this.#host.session.transcript;
    // An upload's progress is not in its entry (it is never saved): while a file uploads, its figure lets the
    // chunks through, and that entry is rendered afresh (#renderCachedEntry, by PanelMedia.upload).
    const { outbox } = this.#host.session;
    const uploads = outbox.inFlight.map((key) => `${key}:${outbox.progress(key)}`).join();
    const start = windowStart(entries, this.#window, this.#stickToBottom);
    this.#windowStart = start;
    this.#window.firstKey = entries[start]?.key ?? null;
    // Earlier messages: the transcript's own first, then the history's (a visitor who comes back).
    const earlier = start > 0 || (entries.length > 0 && this.#host.session.canLoadEarlier);
    return html`${earlier
      ? html`<button part="earlier-button" class="pill" type="button" @click=${this.#showEarlier}>${strings.showEarlier}</button>`
      : nothing}${repeat(
      chunksOf(start > 0 ? entries.slice(start) : entries),
      (chunk) => chunk.key,
      (chunk) =>
        guard([strings, locale, this.#feedbackVersion, uploads, ...chunk.entries], () =>
          repeat(chunk.entries, (entry) => entry.key, (entry) => this.#renderCachedEntry(entry, context)),
        ),
    )}`;
  }

  /** Shows a page of earlier messages above the first one shown, where the visitor is reading. */
  readonly #showEarlier = async (): Promise<void> => {
    const transcript = this.#part('transcript');
    if (!transcript) return;
    const root = this.#host.renderRoot;
    const hadFocus = root instanceof ShadowRoot && root.activeElement === this.#part('earlier-button');
    const { session } = this.#host;
    if (this.#windowStart === 0) {
      // Every message kept is shown: a page of the history comes above them.
      const message = transcript.querySelector<HTMLElement>('[part~="message"]');
      const bottom = message ? bottomOf(message) : 0;
      await session.loadEarlier();
      this.#stickToBottom = false;
      const entries = session.transcript.entries;
      this.#window = { limit: entries.length, firstKey: entries[0]?.key ?? null };
      if (message) this.#keepInPlace = { message, bottom };
      this.#host.requestUpdate();
      if (hadFocus) void this.#host.updateComplete.then(() => (this.#part('earlier-button') ?? transcript).focus());
      return;
    }
    this.#window = showEarlier(session.transcript.entries, this.#windowStart);
    // Its bottom, not its top: its sender's name goes when the same sender's earlier messages come above it.
    const message = transcript.querySelector<HTMLElement>('[part~="message"]');
    if (message) this.#keepInPlace = { message, bottom: bottomOf(message) };
    this.#host.requestUpdate();
    // With every message shown the button goes: keep the keyboard focus in the transcript, not on the page.
    if (hadFocus) {
      void this.#host.updateComplete.then(() => {
        if (!this.#part('earlier-button')) transcript.focus();
      });
    }
  };

  /**
   * Stored entries never change (a status change replaces the entry object), so each one's
   * template is built once, not on every update: an append then costs O(1) template work, not
   * O(transcript). The cache is dropped when the strings or the locale change (#renderTranscript).
   */
  #renderCachedEntry(entry: TranscriptEntry, context: RenderContext): TemplateResult {
    let template = this.#entryTemplates.get(entry);
    if (!template || (entry.kind === 'sent' && this.#media.upload(entry))) {
      this.#media.rendering(entry);
      template = renderEntry(entry, context);
      this.#media.rendering(null);
      this.#entryTemplates.set(entry, template);
    }
    return template;
  }

  #renderContext(strings: ChatStrings, locale: string | undefined): RenderContext {
    return {
      strings,
      locale,
      onQuestion: (question) => this.#host.send(question),
      feedback: (entry) => this.#feedback.render(entry),
      onRetry: (key) => this.#host.session.retry(key),
      media: (message, info) => this.#media.received(message, info),
      sentFile: (entry) => this.#media.sent(entry),
      upload: (entry) => this.#media.upload(entry),
      canRetry: (entry) => this.#host.session.outbox.canRetry(entry),
      onRemove: (key) => this.#host.session.outbox.discard(key),
    };
  }

  readonly #onInput = (event: Event): void => {
    this.#draft = (event.target as HTMLTextAreaElement).value;
    this.#host.requestUpdate();
    if (this.#draft.trim()) this.#host.session.typing();
    this.#faq.typed(this.#draft);
  };

  readonly #onComposerKeydown = (event: KeyboardEvent): void => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.#submitDraft();
    } else if (event.key === 'ArrowDown' && !this.#draft.includes('\n') && this.#faq.focusFirst()) {
      // One line typed: Arrow Down goes to the FAQ questions under the visitor's eyes.
      event.preventDefault();
    }
  };

  readonly #onSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    this.#submitDraft();
  };

  #submitDraft(): void {
    if (messageBytes(this.#draft.trim()) > MAX_MESSAGE_BYTES) return;
    if (this.#host.send(this.#draft) !== null) {
      this.#faq.clear();
      this.#attachments.clearRefusal();
      this.#draft = '';
      this.#stickToBottom = true;
      this.#host.requestUpdate();
    }
  }

  /** A FAQ question picked: sent as the visitor's message, as the robot's own suggestions are. */
  #pickFaq(question: string): void {
    if (this.#host.send(question) === null) return;
    this.#faq.clear();
    this.#draft = '';
    this.#stickToBottom = true;
    this.#host.requestUpdate();
    this.focusInput();
  }

  /** The conversation as a text file, made here: no request. */
  #download(): void {
    const { session } = this.#host;
    const text = transcriptText(session.transcript.entries, this.#host.strings(), this.#host.locale());
    const day = new Date().toISOString().slice(0, 10);
    saveTextFile(this.#host.renderRoot, `chat-${day}.txt`, text);
  }

  /** With an agent, the survey comes first and DISCONNECT after it (the vendor's flow); otherwise at once. */
  #endChat(): void {
    const { session } = this.#host;
    if (session.mode === 'agent' && session.conversationId) this.#survey.start(session.conversationId, true);
    else void session.disconnect();
    this.#host.requestUpdate();
  }

  #startNewConversation(): void {
    const { session } = this.#host;
    this.#leave.reset();
    session.startOver();
    session.connect();
    void this.#host.updateComplete.then(() => this.focusInput());
  }

  /**
   * An image or a player takes its height only once its file has loaded, after the transcript scrolled to the
   * end: it stays at the end if the visitor was there. (Neither event bubbles: listened to in the capture phase.)
   */
  readonly #onMediaSized = {
    handleEvent: (): void => {
      if (this.#stickToBottom) this.#scrollToEnd();
    },
    capture: true,
  };

  readonly #onTranscriptScroll = (): void => {
    const el = this.#part('transcript');
    // The scroll event of the widget's own scroll to the end comes a frame later, when the transcript may have
    // grown meanwhile (a file shown): it says nothing about where the visitor wants to be.
    if (el && el.scrollTop !== this.#scrolledTo) this.#stickToBottom = el.scrollHeight - el.scrollTop - el.clientHeight < 48;
  };

  #scrollToEnd(): void {
    const el = this.#part('transcript');
    if (!el || !this.#host.isOpen()) return;
    el.scrollTop = el.scrollHeight;
    this.#scrolledTo = el.scrollTop;
  }
}

/** Where an element's box ends in the layout (its entrance animation's transform left out). */
function bottomOf(element: HTMLElement): number {
  return element.offsetTop + element.offsetHeight;
}

/** Adds the panel's styles to the element's shadow root, after the element's own. */
function adoptStyles(root: HTMLElement | DocumentFragment, sheets: Array<CSSStyleSheet | undefined>): void {
  if (!(root instanceof ShadowRoot)) return;
  const added = sheets.filter((sheet): sheet is CSSStyleSheet => !!sheet && !root.adoptedStyleSheets.includes(sheet));
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, ...added];
}

const downloadIcon = html`<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
  <path fill="currentColor" d="M11 4h2v8.17l3.59-3.58L18 10l-6 6-6-6 1.41-1.41L11 12.17zM5 18h14v2H5z" />
</svg>`;

const sendIcon = html`<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
  <path fill="currentColor" d="M3 20.5V14l9-2-9-2V3.5L22 12z" />
</svg>`;
