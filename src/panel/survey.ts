import { html, nothing, type TemplateResult } from 'lit';
import type { SatisfactionSurveyMode } from '../api/types';
import { ccEvent, type CcSurveyDetail } from '../core/events';
import type { PanelHost } from '../core/panel-host';
import { panelApi } from './api-call';

// The satisfaction survey at the end of a conversation with an agent (shared/api/ccmessaging.md §6 step 8): the
// tenant says whether to ask (getSatisfactionSurveyMode, surveyType WEB) and with which levels and questions; the
// answer goes once with saveSatisfaction. Asked once per conversation, also across reloads and tabs.

/** getSatisfactionSurveyMode's `language` for the UI's locale (the tenant's default for others). */
const SURVEY_LANGUAGES: Record<string, string> = {
  zh: 'zh_CN',
  en: 'en_US',
  pt: 'pt_BR',
  ar: 'ar_SA',
  fr: 'fr_FR',
  es: 'es_ES',
};
const MAX_COMMENT = 511;

type Phase = 'idle' | 'loading' | 'open' | 'sending' | 'done';

function askedKey(conversationId: string): string {
  return `cc-chat:survey:${conversationId}`;
}

/** Whether this conversation's survey was asked already (localStorage: every tab of the visitor knows). */
function wasAsked(conversationId: string): boolean {
  try {
    return localStorage.getItem(askedKey(conversationId)) !== null;
  } catch {
    return false;
  }
}

function markAsked(conversationId: string): void {
  try {
    localStorage.setItem(askedKey(conversationId), '1');
  } catch {
    // Storage refused: at worst the survey is offered again after a reload.
  }
}

export class Survey {
  readonly #host: PanelHost;
  #phase: Phase = 'idle';
  /** The conversation it was started for ('' before). */
  #for = '';
  /** The visitor pressed "End chat": DISCONNECT goes after the survey, as in the vendor's flow. */
  #endAfter = false;
  #mode: SatisfactionSurveyMode | null = null;
  #rating = '';
  #nps: number | undefined;
  #fcr: 1 | 2 | undefined;
  #comment = '';
  #message: 'choose' | 'failed' | null = null;

  constructor(host: PanelHost) {
    this.#host = host;
  }

  /** Whether the survey takes the composer's place (asking, or thanking). */
  get shown(): boolean {
    return this.#phase === 'open' || this.#phase === 'sending' || (this.#phase === 'done' && this.#mode !== null);
  }

  /** True while it asks: "End chat" waits for it. */
  get asking(): boolean {
    return this.#phase === 'loading' || this.#phase === 'open' || this.#phase === 'sending';
  }

  /**
   * Starts the survey for a conversation (at most once each). `endAfter`: the visitor ended the chat, and
   * DISCONNECT is sent when the survey is answered or skipped (or at once when there is none).
   */
  start(conversationId: string, endAfter: boolean): void {
    if (this.#for === conversationId && this.#phase !== 'idle') return;
    this.#for = conversationId;
    this.#endAfter = endAfter;
    this.#mode = null;
    this.#rating = '';
    this.#nps = this.#fcr = undefined;
    this.#comment = '';
    this.#message = null;
    if (!conversationId || wasAsked(conversationId)) return this.#finish(false);
    this.#phase = 'loading';
    void this.#load(conversationId);
  }

  /** Whether it was started (or settled) for this conversation. */
  startedFor(conversationId: string): boolean {
    return this.#for === conversationId;
  }

  async #load(conversationId: string): Promise<void> {
    try {
      const [api, client] = await panelApi(this.#host);
      const locale = this.#host.session.language;
      const language = Object.hasOwn(SURVEY_LANGUAGES, locale) ? SURVEY_LANGUAGES[locale] : undefined;
      const mode = await api.getSatisfactionSurveyMode(client, { language });
      if (this.#for !== conversationId) return;
      if (mode.surveyType !== 'WEB' || mode.levels.length === 0) return this.#finish(false);
      this.#mode = mode;
      this.#phase = 'open';
      markAsked(conversationId);
      this.#host.requestUpdate();
    } catch {
      // No survey settings, no survey: the conversation's end goes on.
      if (this.#for === conversationId) this.#finish(false);
    }
  }

  #finish(thanked: boolean): void {
    this.#phase = 'done';
    if (!thanked) this.#mode = null;
    if (this.#endAfter) {
      this.#endAfter = false;
      void this.#host.session.disconnect();
    }
    this.#host.requestUpdate();
  }

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.#phase !== 'open') return;
    if (!this.#rating) {
      this.#message = 'choose';
      this.#host.requestUpdate();
      return;
    }
    const answer: CcSurveyDetail = { evaluation: this.#rating, comment: this.#comment.trim().slice(0, MAX_COMMENT) };
    if (this.#nps !== undefined) answer.npsScore = this.#nps;
    if (this.#fcr !== undefined) answer.fcrValue = this.#fcr;
    this.#phase = 'sending';
    this.#message = null;
    this.#host.requestUpdate();
    try {
      const [api, client] = await panelApi(this.#host);
      await api.saveSatisfaction(client, answer);
    } catch {
      this.#phase = 'open';
      this.#message = 'failed';
      this.#host.requestUpdate();
      return;
    }
    this.#host.dispatch(ccEvent('cc-survey', answer));
    this.#finish(true);
  }

  render(): TemplateResult | typeof nothing {
    if (!this.shown) return nothing;
    const t = this.#host.strings();
    if (this.#phase === 'done') {
      return html`<p part="survey" class="panel-form" role="status">${t.surveyThanks}</p>`;
    }
    const mode = this.#mode!;
    const sending = this.#phase === 'sending';
    const choice = (name: string, value: string, label: string, checked: boolean, pick: () => void) =>
      html`<label class="choice">
        <input type="radio" name=${name} .value=${value} .checked=${checked} ?disabled=${sending} @change=${pick} />
        <span class="pill">${label}</span>
      </label>`;
    const pick = (apply: () => void) => () => {
      apply();
      this.#message = null;
      this.#host.requestUpdate();
    };
    return html`<form part="survey" class="panel-form" aria-labelledby="survey-title" @submit=${(e: SubmitEvent) => this.#submit(e)}>
      <h3 id="survey-title">${t.surveyTitle}</h3>
      <fieldset>
        <legend>${t.surveyRating}</legend>
        ${mode.levels.map((level) =>
          choice('rating', level.key, level.description || level.key, this.#rating === level.key, pick(() => (this.#rating = level.key))),
        )}
      </fieldset>
      ${mode.questions.includes('NPS')
        ? html`<fieldset class="nps">
            <legend>${t.surveyNps}</legend>
            ${[0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) =>
              choice('nps', String(n), String(n), this.#nps === n, pick(() => (this.#nps = n))),
            )}
          </fieldset>`
        : nothing}
      ${mode.questions.includes('FCR')
        ? html`<fieldset>
            <legend>${t.surveyFcr}</legend>
            ${choice('fcr', '1', t.surveyYes, this.#fcr === 1, pick(() => (this.#fcr = 1)))}
            ${choice('fcr', '2', t.surveyNo, this.#fcr === 2, pick(() => (this.#fcr = 2)))}
          </fieldset>`
        : nothing}
      <label class="comment">
        <span>${t.surveyComment}</span>
        <textarea
          rows="2"
          dir="auto"
          maxlength=${MAX_COMMENT}
          .value=${this.#comment}
          ?disabled=${sending}
          @input=${(e: Event) => (this.#comment = (e.target as HTMLTextAreaElement).value)}
        ></textarea>
      </label>
      <p class="form-message" role="alert">
        ${this.#message === 'choose' ? t.surveyChooseRating : this.#message === 'failed' ? t.surveyFailed : ''}
      </p>
      <div class="form-actions">
        <button type="button" part="survey-skip" class="pill" ?disabled=${sending} @click=${() => this.#finish(false)}>${t.surveySkip}</button>
        <button type="submit" part="survey-submit" class="pill filled" ?disabled=${sending}>${t.surveySubmit}</button>
      </div>
    </form>`;
  }
}
