import { html, nothing, type TemplateResult } from 'lit';
import type { ReceivedEntry } from '../core/controllers/transcript-entry';
import type { PanelHost } from '../core/panel-host';
import { panelApi } from './api-call';

// Thumbs up or down on a robot answer that carries an interIdx (feedbacksatisfaction): one vote per answer, shown
// as given; a thumbs down asks what was wrong (required, at most 64 characters). Votes are kept for the tab's
// conversation (sessionStorage), so a reload shows them as given.

const MAX_COMMENT = 64;

interface Vote {
  satisfied: boolean;
  state: 'commenting' | 'sending' | 'sent' | 'failed' | 'empty';
  comment: string;
}

export class RobotFeedback {
  readonly #host: PanelHost;
  /** Called when an answer's controls change: its cached template must be built again. */
  readonly #changed: (entry: ReceivedEntry) => void;
  #votes = new Map<string, Vote>();
  #loadedFor: string | null = null;

  constructor(host: PanelHost, changed: (entry: ReceivedEntry) => void) {
    this.#host = host;
    this.#changed = changed;
  }

  #storageKey(): string {
    return `cc-chat:feedback:${this.#host.session.conversationId}`;
  }

  /** The votes of this conversation, read once per conversation. */
  #votesNow(): Map<string, Vote> {
    const id = this.#host.session.conversationId;
    if (this.#loadedFor !== id) {
      this.#loadedFor = id;
      this.#votes = new Map();
      try {
        const saved = JSON.parse(sessionStorage.getItem(this.#storageKey()) ?? '{}') as Record<string, unknown>;
        for (const [key, satisfied] of Object.entries(saved)) {
          if (typeof satisfied === 'boolean') this.#votes.set(key, { satisfied, state: 'sent', comment: '' });
        }
      } catch {
        // Nothing kept: no votes shown.
      }
    }
    return this.#votes;
  }

  #save(): void {
    const sent: Record<string, boolean> = {};
    for (const [key, vote] of this.#votes) if (vote.state === 'sent') sent[key] = vote.satisfied;
    try {
      sessionStorage.setItem(this.#storageKey(), JSON.stringify(sent));
    } catch {
      // Not kept: the votes still count; after a reload they are just not shown.
    }
  }

  #set(entry: ReceivedEntry, vote: Vote): void {
    this.#votesNow().set(entry.key, vote);
    this.#changed(entry);
  }

  async #send(entry: ReceivedEntry, vote: Vote): Promise<void> {
    this.#set(entry, { ...vote, state: 'sending' });
    try {
      const [api, client] = await panelApi(this.#host);
      await api.feedbackSatisfaction(client, { interIdx: entry.message.interIdx!, satisfied: vote.satisfied, comment: vote.comment });
      this.#set(entry, { ...vote, state: 'sent' });
      this.#save();
    } catch {
      this.#set(entry, { ...vote, state: 'failed' });
    }
  }

  #up(entry: ReceivedEntry): void {
    void this.#send(entry, { satisfied: true, state: 'sending', comment: '' });
  }

  #down(entry: ReceivedEntry): void {
    this.#set(entry, { satisfied: false, state: 'commenting', comment: '' });
    void this.#host.updateComplete.then(() =>
      this.#host.renderRoot.querySelector<HTMLInputElement>(`[data-key="${CSS.escape(entry.key)}"] [part~="feedback-comment"]`)?.focus(),
    );
  }

  #submitComment(event: SubmitEvent, entry: ReceivedEntry): void {
    event.preventDefault();
    const input = (event.target as HTMLFormElement).querySelector('input');
    const comment = (input?.value ?? '').trim().slice(0, MAX_COMMENT);
    if (!comment) return this.#set(entry, { satisfied: false, state: 'empty', comment: '' });
    void this.#send(entry, { satisfied: false, state: 'sending', comment });
  }

  /** The controls under a robot answer (nothing for one without an interIdx). */
  render(entry: ReceivedEntry): TemplateResult | typeof nothing {
    if (!entry.message.interIdx) return nothing;
    const t = this.#host.strings();
    const vote = this.#votesNow().get(entry.key);
    const given = vote?.state === 'sent' || vote?.state === 'sending';
    const asking = vote && !vote.satisfied && (vote.state === 'commenting' || vote.state === 'empty' || vote.state === 'failed');
    const pressed = (satisfied: boolean) => (vote && vote.state !== 'failed' && vote.satisfied === satisfied ? 'true' : 'false');
    return html`<div class="ccm-feedback">
      <button
        type="button"
        part="feedback-up"
        class="round"
        aria-label=${t.feedbackHelpful}
        title=${t.feedbackHelpful}
        aria-pressed=${pressed(true)}
        ?disabled=${given || asking}
        @click=${() => this.#up(entry)}
      >
        ${thumbUp}
      </button>
      <button
        type="button"
        part="feedback-down"
        class="round"
        aria-label=${t.feedbackNotHelpful}
        title=${t.feedbackNotHelpful}
        aria-pressed=${pressed(false)}
        ?disabled=${given || asking}
        @click=${() => this.#down(entry)}
      >
        ${thumbDown}
      </button>
      ${vote?.state === 'sent' ? html`<span class="ccm-feedback-note" role="status">${t.feedbackThanks}</span>` : nothing}
      ${vote?.state === 'failed' && vote.satisfied
        ? html`<span class="ccm-feedback-note" role="alert">${t.feedbackFailed}</span>`
        : nothing}
      ${asking
        ? html`<form class="ccm-feedback-form" @submit=${(e: SubmitEvent) => this.#submitComment(e, entry)}>
            <input part="feedback-comment" class="pill" type="text" maxlength=${MAX_COMMENT} aria-label=${t.feedbackWhy} placeholder=${t.feedbackWhy} />
            <button type="submit" part="feedback-send" class="pill filled">${t.feedbackSend}</button>
            ${vote.state === 'empty' || vote.state === 'failed'
              ? html`<span class="ccm-feedback-note" role="alert">
                  ${vote.state === 'empty' ? t.feedbackNeedComment : t.feedbackFailed}
                </span>`
              : nothing}
          </form>`
        : nothing}
    </div>`;
  }
}

const thumbUp = html`<svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
  <path fill="currentColor" d="M2 21h4V9H2zm20-11a2 2 0 0 0-2-2h-6.3l1-4.6v-.3a1.5 1.5 0 0 0-.4-1L13.2 1 7.6 6.6A2 2 0 0 0 7 8v11a2 2 0 0 0 2 2h9a2 2 0 0 0 1.8-1.2l3-7.1c.1-.2.2-.5.2-.7z" />
</svg>`;
const thumbDown = html`<svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
  <path fill="currentColor" d="M22 3h-4v12h4zM2 14a2 2 0 0 0 2 2h6.3l-1 4.6v.3a1.5 1.5 0 0 0 .4 1l1.1 1.1 5.6-5.6A2 2 0 0 0 17 16V5a2 2 0 0 0-2-2H6a2 2 0 0 0-1.8 1.2l-3 7.1c-.1.2-.2.5-.2.7z" />
</svg>`;
