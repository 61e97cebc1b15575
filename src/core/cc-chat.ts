import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { CcApiError } from './errors';
import type { AccessTokenProvider } from '../api/types';
import { ChatSession, type ConnectionState } from './controllers/chat-session';
import { rememberedUserId, MAX_USER_ID_LENGTH } from './controllers/persistence';
import type { ReceivedEntry } from './controllers/transcript-entry';
import type { CallState } from '../call/call-events';
import { browserHasWebRtc, CallSupport } from './controllers/call-support';
import type { Call, CallHost } from './call-host';
import type { SipOptions } from '../call/voice-host';
import type { PanelHost, Panel } from './panel-host';
import { loadApiPart, loadCallPart, loadPanelPart, loadStrings } from './parts';
import { ccEvent } from './events';
import { chatIcon, closeIcon } from './icons';
import { baseStyles } from './base-styles';
import { chromeStyles } from './styles';
import { themeStyles } from './theme';
import { messageSummary } from './message-content';
import { addEnglish, hasStrings, loadableLanguage, registerStrings, stringsFor, type CcStrings, type LoadableLanguage } from './strings';
import { senderLabel } from './sender';

/** The properties whose change configures the session again (checked on every update: one array, made once). */
const SESSION_CONFIG_KEYS = [
  'baseUrl', 'channelId', 'userId', 'userName', 'locale', 'pollInterval', 'transcriptLimit',
  'appKey', 'tokenUrl', 'accessTokenProvider', 'readReceipts',
] as const;

/**
 * An embeddable contact-center chat: a launcher button that opens a chat panel talking to the
 * CC-Messaging web-channel API (robot, queue, human agent). Connects only when the visitor first
 * opens the panel (or `connect()` is called), resumes after a reload of the tab, and never loses or
 * repeats a message.
 *
 * Theme it with the custom properties below, set on `cc-chat` or any ancestor (src/core/theme.ts reads them): their
 * defaults are the light scheme's; the dark scheme (`theme="dark"`, or `auto` on a system set to dark) gets the `dark:` ones.
 *
 * @tagname cc-chat
 *
 * @fires {CcMessageDetail} cc-message - once per new message from the contact center; `detail: {key, message}`
 * @fires {CcMessageSentDetail} cc-message-sent - a message the visitor typed (or a file they sent) was accepted by
 *   the server; `detail: {key, text, timestamp, file?}` (`file: {name, size, type}`; `text` is then its name)
 * @fires {Record<string, never>} cc-open - the panel opened
 * @fires {Record<string, never>} cc-close - the panel closed
 * @fires {CcConnectionChangeDetail} cc-connection-change - `detail.state`: idle, connecting, connected,
 *   reconnecting, offline, ended, error
 * @fires {CcUnreadChangeDetail} cc-unread-change - `detail.count`: messages received while the panel was
 *   closed or the page hidden
 * @fires {CcErrorDetail} cc-error - `detail: {kind, operation, status, resultCode, message, fatal}`; kind
 *   `protocol` once per click-to-call event this version does not know
 * @fires {CcCallStatusDetail} cc-call-status - on every change of the click-to-call's state; `detail:
 *   {state, resultCode, resultDesc, eventId, causeId, causeDesc, gateway}` (`gateway: {domain, addresses, accessCode,
 *   caller}` once connected)
 * @fires {CcSurveyDetail} cc-survey - the visitor answered the satisfaction survey; `detail: {evaluation, comment,
 *   npsScore?, fcrValue?}` as sent with saveSatisfaction
 *
 * @csspart launcher - the round button that opens and closes the panel
 * @csspart badge - the unread count on the launcher
 * @csspart panel - the chat panel
 * @csspart header - the panel's title bar
 * @csspart transcript - the message list (role="log")
 * @csspart message - one message; `data-source-type` is ROBOT, AGENT, SYSTEM, CUSTOMER or the value received
 * @csspart bubble - a message's speech bubble (the visitor's, an agent's or the robot's)
 * @csspart author - the name above a message from the contact center
 * @csspart avatar - the sender's picture, or their initials (the robot's glyph) when there is none
 * @csspart text - a message's text (links included)
 * @csspart time - when a message was sent (a `<time>`)
 * @csspart status - under the visitor's message: sending, sent, or failed to send
 * @csspart retry-button - sends a message that failed again
 * @csspart system-line - a SYSTEM message, shown as a line across the transcript rather than a bubble
 * @csspart card - a message that is not text: an image, a file, a location or a web card
 * @csspart card-image - the picture of an image message or a web card
 * @csspart card-action - opens or downloads a card's file or link
 * @csspart media - a file in a message (`data-media-state`: idle, loading, ready, failed, too-large)
 * @csspart media-open - a received image: the button that opens it full size
 * @csspart media-image - a received image, shown inline (at most 240px high)
 * @csspart media-audio - a received audio clip's player
 * @csspart media-video - a received video's player
 * @csspart media-download - a received file: the link that saves it, with its name and size
 * @csspart media-status - a file's state in words: loading, could not be loaded, too large
 * @csspart media-retry - fetches a file that could not be loaded again
 * @csspart media-dialog - the dialog that shows an image full size
 * @csspart media-dialog-image - the image in that dialog
 * @csspart media-dialog-download - saves the image shown full size
 * @csspart media-dialog-close - closes the full-size image
 * @csspart attach-button - in the composer: opens the file picker (images, audio, video, text files)
 * @csspart attach-error - why files were not sent (a type the API does not take, over `max-file-size`, empty)
 * @csspart drop-zone - over the panel while files are dragged onto it
 * @csspart upload-progress - under the visitor's file while it uploads
 * @csspart remove-button - takes a file that can no longer be sent (the page was reloaded) out of the transcript
 * @csspart suggestion - one suggested question (a button that asks it)
 * @csspart notice - status and error messages
 * @csspart queue - the queue position while waiting for an agent
 * @csspart composer - the form at the bottom of the panel (input and send button)
 * @csspart input - the composer's textarea
 * @csspart counter - characters left, shown near the message's size limit
 * @csspart send-button - sends the typed message
 * @csspart agent-button - asks for a human agent
 * @csspart end-button - ends the chat
 * @csspart close-button - closes the panel
 * @csspart new-button - starts a new conversation after one ended
 * @csspart earlier-button - above a long transcript, shows the page of messages before the first one shown
 * @csspart call-button - starts a click-to-call (shown when the channel offers calls and the browser has WebRTC)
 * @csspart call - the call bar: under the header, or beside the launcher while the panel is closed
 * @csspart call-status - the call's state as a sentence (role="status"); `data-state` is idle, requesting,
 *   queued, dialing, connected, ended, timeout, failed or rejected
 * @csspart call-notice - a connection problem while the call's events are retried
 * @csspart call-timer - how long the call has been connected (from when media flows)
 * @csspart call-gateway - with `no-voice`, the WebRTC gateway details while connected (domain, addresses, access
 *   code, caller)
 * @csspart hangup-button - ends the call
 * @csspart call-dismiss-button - hides the status of a finished call
 * @csspart mute-button - stops and resumes sending the microphone (`aria-pressed`)
 * @csspart keypad-button - shows and hides the DTMF keypad (`aria-expanded`)
 * @csspart call-level - the microphone's level (a `<meter>`; 0 while muted)
 * @csspart call-keypad - the DTMF keypad; typing 0-9, * or # in it sends the tone
 * @csspart dtmf-key - one key of the keypad (`data-key`)
 * @csspart dtmf-sent - the tones sent in this call
 * @csspart call-video - a video call's videos
 * @csspart call-remote-video - the agent's video in a video call
 * @csspart call-local-video - the visitor's own video in a video call
 * @csspart survey - the satisfaction survey after a conversation with an agent (a form), then its thanks
 * @csspart survey-submit - sends the survey's answer
 * @csspart survey-skip - skips the survey
 * @csspart leave-message - the form to leave a message when no agent can answer, then its confirmation
 * @csspart leave-message-submit - sends the message left
 * @csspart leave-message-button - after a conversation, opens the form to leave a message
 * @csspart download-button - in the header: saves the conversation as a text file
 * @csspart faq - the robot's FAQ questions matching what the visitor types, above the message box
 * @csspart faq-suggestion - one FAQ question; picking it sends it
 * @csspart feedback-up - under a robot answer: "helpful" (`aria-pressed` once given)
 * @csspart feedback-down - under a robot answer: "not helpful", which asks what was wrong
 * @csspart feedback-comment - what was wrong with a robot answer (required with a thumbs down)
 * @csspart feedback-send - sends the thumbs down with its comment
 *
 * @cssprop [--cc-chat-accent=#0b57d0] - brand colour of the launcher, header, the visitor's bubbles, buttons and
 *   suggestions (dark: #a8c7fa)
 * @cssprop [--cc-chat-accent-contrast=#fff] - text and icons on the accent colour (dark: #062e6f)
 * @cssprop [--cc-chat-bg=#fff] - panel background, also of cards and outlined buttons (dark: #1f1f1f)
 * @cssprop [--cc-chat-fg=#1f1f1f] - panel text colour (dark: #e3e3e3)
 * @cssprop [--cc-chat-muted=#5f6368] - author names, times, system lines and other secondary text (dark: #a8abaf)
 * @cssprop [--cc-chat-border=#c4c7c5] - outlines of the panel, cards, buttons and the input, and dividers
 *   (dark: #444746)
 * @cssprop [--cc-chat-surface=#f6f8fc] - background of the notices, the queue position and the call bar
 *   (dark: #2a2a2a)
 * @cssprop [--cc-chat-error=#b3261e] - failed messages, retry, error notices and the unread badge (dark: #f2b8b5)
 * @cssprop [--cc-chat-bubble-bg=#f1f3f4] - agents' and others' bubbles (dark: #303134)
 * @cssprop [--cc-chat-bubble-fg=#1f1f1f] - text in those bubbles and the robot's (dark: #e8eaed)
 * @cssprop [--cc-chat-robot-bubble-bg=#e8f0fe] - the robot's bubbles (dark: #24304a)
 * @cssprop [--cc-chat-link=#0b57d0] - links and suggested questions in others' bubbles (dark: #a8c7fa)
 * @cssprop [--cc-chat-avatar-bg=#d3e3fd] - background of avatar initials and the robot's glyph (dark: #0842a0)
 * @cssprop [--cc-chat-avatar-fg=#041e49] - avatar initials and the robot's glyph (dark: #d3e3fd)
 * @cssprop [--cc-chat-focus=var(--cc-chat-accent)] - focus rings (the header's are in the accent's contrast)
 * @cssprop [--cc-chat-call-live=#137333] - colour of a connected call's icon, timer and microphone level
 *   (dark: #81c995)
 * @cssprop [--cc-chat-hangup=#c5221f] - background of the hang-up button
 * @cssprop [--cc-chat-hangup-contrast=#fff] - text and icon on the hang-up button
 * @cssprop [--cc-chat-font=system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif]
 *   - font family
 * @cssprop [--cc-chat-radius=16px] - corner radius of the panel and bubbles (cards scale with it)
 * @cssprop [--cc-chat-z-index=2147483000] - stacking of the floating widget
 * @cssprop [--cc-chat-offset-x=20px] - distance of the launcher and panel from the page's side edge
 * @cssprop [--cc-chat-offset-y=20px] - distance of the launcher and panel from the page's bottom edge
 */
export class CcChat extends LitElement {
  // The tokens first, then what every part's elements start from (resets, button looks), then the frame's own
  // rules (which size the launcher); the parts' sheets are added after these.
  static override styles = [themeStyles, baseStyles, chromeStyles];

  /** Where `/apiaccess/ccmessaging/...` is served: the site's proxy, or the contact center in direct mode. Default: this page's origin. */
  @property({ attribute: 'base-url' }) baseUrl = '';
  /** The WEB channel configuration ID (the API's `to` / `channelId`). Required to connect. */
  @property({ attribute: 'channel-id' }) channelId = '';
  /** The customer ID (at most 24 characters). When absent, one is generated and kept in localStorage. */
  @property({ attribute: 'user-id' }) userId = '';
  /** The visitor's display name, sent as senderNickname. */
  @property({ attribute: 'user-name' }) userName = '';
  /** UI and API language (`en`, `zh-CN`…). Default: the browser's language. */
  @property() locale = '';
  /** Shortest time between the starts of two polls, in ms. */
  @property({ attribute: 'poll-interval', type: Number }) pollInterval = 1000;
  /** How many messages the transcript keeps (the oldest go first). */
  @property({ attribute: 'transcript-limit', type: Number }) transcriptLimit = 500;
  /** Whether the panel is open. */
  @property({ type: Boolean, reflect: true }) open = false;
  /** Which bottom corner the widget sits in: `right` or `left`. */
  @property({ reflect: true }) position: 'right' | 'left' = 'right';
  /**
   * Light or dark: `auto` follows the visitor's system setting (`prefers-color-scheme`); `light` or `dark` fixes it,
   * for a site that has only the one.
   */
  @property({ reflect: true }) theme: 'auto' | 'light' | 'dark' = 'auto';
  /** Direct mode: the API Fabric app key, sent as x-app-key. */
  @property({ attribute: 'app-key' }) appKey = '';
  /** Direct mode: a URL on the site's backend returning `{accessToken, expiresIn?}`. */
  @property({ attribute: 'token-url' }) tokenUrl = '';
  /**
   * Direct mode: a function returning `{accessToken, expiresIn?}` (takes precedence over token-url). Another
   * function in its place (as a framework passes on each render) keeps the conversation; the next token is its.
   */
  @property({ attribute: false }) accessTokenProvider: AccessTokenProvider | undefined = undefined;
  /** Replaces any of the UI strings (see `CcStrings`). */
  @property({ attribute: false }) strings: Partial<CcStrings> | undefined = undefined;
  /**
   * The largest file, in bytes, that the visitor may send and that is fetched to be shown when received (the API's
   * limit is 2 MB unless the tenant set another).
   */
  @property({ attribute: 'max-file-size', type: Number }) maxFileSize = 2 * 1024 * 1024;
  /** Hides the header's call button; `startCall()` still works (e.g. from the host page's own button). */
  @property({ type: Boolean, attribute: 'no-call-button' }) noCallButton = false;
  /** What a call asks for: `audio` (default; mediaAbility 0) or `video` (1). */
  @property({ attribute: 'call-media' }) callMedia: 'audio' | 'video' = 'audio';
  /**
   * Desktop notifications for agent messages while the page is hidden. Permission is asked when the visitor
   * opens the chat (never at page load); clicking a notification brings the tab forward with the chat open.
   */
  @property({ type: Boolean }) notify = false;
  /**
   * Read receipts, where the tenant enables them: polls ask for READ downlinks (the visitor's messages then show as
   * read), and agent messages the visitor has seen (panel open, page visible, message in view) are sent as READ.
   */
  @property({ type: Boolean, attribute: 'read-receipts' }) readReceipts = false;
  /** Keeps the tab's title as the page sets it (by default a hidden page's title starts with the unread count). */
  @property({ type: Boolean, attribute: 'no-title-alert' }) noTitleAlert = false;
  /**
   * Leaves the call's voice to the host page: no microphone, no SIP; the gateway details are shown and sent in
   * `cc-call-status` (the behaviour before the widget carried the voice).
   */
  @property({ type: Boolean, attribute: 'no-voice' }) noVoice = false;
  /** What the SIP gateway needs beyond the call's details (registration, credentials, ICE servers); read at each call. */
  @property({ attribute: false }) sipOptions: SipOptions | undefined = undefined;

  @state() private announcement = '';
  @state() private unread = 0;

  @query('[part~="launcher"]') private launcher!: HTMLButtonElement | null;

  private readonly session = new ChatSession(this, {
    messages: (entries) => this.onMessages(entries),
    sent: ({ key, text, timestamp, file }) =>
      this.dispatchEvent(
        ccEvent('cc-message-sent', { key, text, timestamp, ...(file ? { file: { name: file.name, size: file.size, type: file.type } } : {}) }),
      ),
    stateChange: (state) => this.dispatchEvent(ccEvent('cc-connection-change', { state })),
    error: (error, fatal) => this.reportError(error, fatal),
    // Another tab's count; a tab where the visitor is reading the chat answers that nothing is unread.
    unread: (count) => (count > 0 && this.seen ? this.setUnread(0) : this.setUnread(count, false)),
  }, loadApiPart);

  private readonly callSupport = new CallSupport(
    this,
    () => this.session.apiClient,
    (error, fatal) => this.reportError(error, fatal),
  );
  /** The click-to-call, once its code is loaded (see parts.ts). */
  private call: Call | null = null;
  private callLoad: Promise<Call | null> | null = null;
  private pendingCallStart: Promise<void> | null = null;

  private text: CcStrings = stringsFor(undefined);
  private generatedUserId = '';
  /** The panel's content (header, transcript, composer), once its code is loaded (see parts.ts). */
  private panel: Panel | null = null;
  private panelLoad: Promise<Panel | null> | null = null;
  /** The panel's code could not be loaded: the open panel says so (opening again retries). */
  private panelFailed = false;
  private focusInputAfterOpen = false;
  private callSupportWanted = false;
  /**
   * The session's access-token function while `accessTokenProvider` is set: always this one, calling the
   * property's latest value. Frameworks hand a new function on every render; that is no new conversation.
   */
  private readonly providedAccessToken: AccessTokenProvider = (signal) => this.accessTokenProvider!(signal);
  /** The title this element gave the tab ('' when none), and the page's own title under it. */
  private alertTitle = '';
  private pageTitle = '';

  /** The connection state (same as the last `cc-connection-change`). */
  get connectionState(): ConnectionState {
    return this.session.state;
  }

  /** Opens the panel and starts (or resumes) the conversation. */
  show(): void {
    this.focusInputAfterOpen = true;
    this.open = true;
  }

  /** Closes the panel; the conversation goes on, and new messages count as unread. */
  close(): void {
    this.open = false;
  }

  /** Starts a conversation without opening the panel. */
  connect(): void {
    this.configureBeforeFirstUpdate();
    this.session.connect();
  }

  /** Ends the conversation (DISCONNECT). */
  disconnect(): Promise<void> {
    this.configureBeforeFirstUpdate();
    return this.session.disconnect();
  }

  /**
   * Sends a text message as the visitor, connecting first when needed. Returns the message's
   * client-side key, or null when the text is empty or longer than the API's 1 KB.
   */
  send(text: string): string | null {
    this.configureBeforeFirstUpdate();
    return this.session.send(text)?.key ?? null;
  }

  /**
   * Sends a file as the visitor, as the attach button does (uploaded, then sent; shown at once with its
   * preview). Resolves to the message's client-side key, or null when the API does not take the file (its type,
   * over `max-file-size`, or empty).
   */
  async sendFile(file: File): Promise<string | null> {
    this.configureBeforeFirstUpdate();
    const { media } = await loadApiPart();
    const sendable = media.fileToSend(file, this.maxFileBytes());
    return typeof sendable === 'string' ? null : this.session.sendFile(file, sendable).key;
  }

  private maxFileBytes(): number {
    return this.maxFileSize > 0 ? Math.floor(this.maxFileSize) : 2 * 1024 * 1024;
  }

  /** The click-to-call's state (the same as the last `cc-call-status`). */
  get callState(): CallState {
    return this.call?.state ?? 'idle';
  }

  /**
   * Starts a click-to-call (`call-media`), with or without a chat, the panel open or closed. Does nothing
   * while a call is going on. Resolves when the call is on its way (events followed) or was refused.
   */
  startCall(): Promise<void> {
    this.configureBeforeFirstUpdate();
    const start: Promise<void> = this.loadCall().then(async (call) => {
      if (!call) return;
      // The call's status region is rendered (idle) before it first speaks, so screen readers announce it.
      await this.updateComplete;
      if (this.pendingCallStart !== start) return; // endCall() (or another startCall) came meanwhile
      this.pendingCallStart = null;
      await call.start();
    });
    this.pendingCallStart = start;
    return start;
  }

  /** Hangs up: dropClickToCall is sent, and the call is `ended` at once. */
  endCall(): Promise<void> {
    this.pendingCallStart = null; // a call still waiting for its code never starts
    return this.call?.end() ?? Promise.resolve();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.onVisibilityChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.onVisibilityChange);
    this.updateTitle(true);
    this.panel?.disconnected();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('locale') || changed.has('strings')) {
      const language = loadableLanguage(this.locale || navigator.language);
      if (language && !hasStrings(language)) void this.loadLanguage(language);
      this.applyStrings();
    }
    if (SESSION_CONFIG_KEYS.some((key) => changed.has(key)) || !this.hasUpdated) this.configureSession();
    if (changed.has('noTitleAlert')) this.updateTitle();
    // Notifications are shown by the panel's code: fetched for a live conversation that wants them.
    if (this.notify && this.session.live) void this.loadPanel();
    if (changed.has('open') && this.open) {
      void this.loadPanel();
      this.clearUnread();
      // An ended conversation stays on screen when the panel opens again (its end, the survey, "Start a new
      // conversation"); a new one starts from that button or when the visitor writes.
      if (this.channelId && this.session.state !== 'ended') this.session.connect();
      this.callSupportWanted = true;
    }
    // Click-to-call support is asked when first needed: here, once the chat opened with the panel has
    // connected (never at page load, never racing the CONNECT), or by startCall().
    if (this.callSupportWanted && this.open && this.session.state === 'connected' && this.session.apiClient) {
      this.callSupportWanted = false;
      if (this.callSupport.state === 'unknown') {
        void this.callSupport.check().then((supported) => {
          if (supported && browserHasWebRtc()) void this.loadCall();
        });
      }
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    const opened = changed.has('open') && this.open;
    if (changed.has('open') && (changed.get('open') !== undefined || this.open)) {
      if (this.open) this.dispatchEvent(ccEvent('cc-open', {}));
      else if (changed.get('open') === true) this.dispatchEvent(ccEvent('cc-close', {}));
    }
    if (!this.open) this.focusInputAfterOpen = false;
    if (this.open && this.panel) {
      this.panel.updated(opened);
      // show() focuses the message box, also when the panel's code arrived after the panel opened.
      if (this.focusInputAfterOpen) {
        this.panel.focusInput();
        this.focusInputAfterOpen = false;
      }
    }
  }

  /** While the panel's code is on its way to an open panel, an update is complete once the panel is rendered. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const done = await super.getUpdateComplete();
    if (!this.open || this.panel || !this.panelLoad) return done;
    await this.panelLoad;
    return super.getUpdateComplete();
  }

  protected override render(): TemplateResult {
    const t = this.text;
    const launcherLabel =
      (this.unread > 0 ? `${t.openChat}, ${t.unreadLabel(this.unread)}` : t.openChat) +
      (this.call?.active ? `, ${t.callInProgress}` : '');
    return html`
      <button
        part="launcher"
        class="round filled"
        type="button"
        aria-label=${this.open ? t.closeChat : launcherLabel}
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-controls="panel"
        @click=${this.toggleFromLauncher}
        @pointerenter=${this.prefetchPanel}
        @focus=${this.prefetchPanel}
      >
        ${this.open ? closeIcon : chatIcon}
        ${this.unread > 0 && !this.open
          ? html`<span part="badge" aria-hidden="true">${this.unread > 99 ? '99+' : this.unread}</span>`
          : nothing}
      </button>
      ${this.open ? nothing : (this.call?.renderBar(true) ?? nothing)}
      <section
        id="panel"
        part="panel"
        role="dialog"
        aria-label=${t.panelTitle}
        ?hidden=${!this.open}
        @keydown=${this.onPanelKeydown}
      >
        ${this.panel
          ? this.panel.render()
          : this.open
            ? html`<p class="panel-loading" role=${this.panelFailed ? 'alert' : 'status'}>
                ${this.panelFailed ? t.genericError : t.connecting}
              </p>`
            : nothing}
      </section>
      <div class="visually-hidden" aria-live="polite" aria-atomic="true">${this.announcement}</div>
    `;
  }

  /** Hands the session the configuration the attributes and properties make now. */
  private configureSession(): void {
    this.session.configure({
      baseUrl: this.baseUrl,
      channelId: this.channelId,
      userId: this.effectiveUserId(),
      userName: this.userName || undefined,
      // applyToken takes a language (`zh`, `en`), not a BCP 47 tag such as `zh-CN`.
      locale: (this.locale || navigator.language || 'en').split(/[-_]/)[0].toLowerCase(),
      appKey: this.appKey || undefined,
      accessToken: this.accessTokenProvider ? this.providedAccessToken : this.tokenUrl || undefined,
      pollIntervalMs: Math.max(0, Number(this.pollInterval) || 1000),
      transcriptLimit: Math.max(1, Math.floor(Number(this.transcriptLimit) || 500)),
      readReceipts: this.readReceipts,
    });
    this.unread = this.session.unread;
  }

  /**
   * A method called before the first update (right after the element was made or added, as frameworks' mount
   * hooks and effects do) works on the attributes and properties set so far, not on none.
   */
  private configureBeforeFirstUpdate(): void {
    if (!this.hasUpdated) this.configureSession();
  }

  private get callButtonShown(): boolean {
    return !this.noCallButton && this.callSupport.state === 'supported' && browserHasWebRtc();
  }

  private effectiveUserId(): string {
    if (this.userId) return this.userId.slice(0, MAX_USER_ID_LENGTH);
    return (this.generatedUserId ||= rememberedUserId());
  }

  /** `cc-error` for a failure of the conversation or of a call: the same shape for both. */
  private reportError(error: CcApiError, fatal: boolean): void {
    const { kind, operation, status, resultCode, message } = error;
    this.dispatchEvent(ccEvent('cc-error', { kind, operation, status, resultCode, message, fatal }));
  }

  /** `cc-error` for code or strings that could not be fetched: a network failure, not fatal (a later try may work). */
  private reportLoadFailure(operation: string, what: string, error: unknown): void {
    const reason = error instanceof Error ? error.message : String(error);
    this.dispatchEvent(ccEvent('cc-error', { kind: 'network', operation, message: `${what} could not be loaded: ${reason}`, fatal: false }));
  }

  private onMessages(entries: ReceivedEntry[]): void {
    for (const entry of entries) {
      this.dispatchEvent(ccEvent('cc-message', { key: entry.key, message: entry.message }));
    }
    const announced = entries.flatMap(({ message }) => {
      const summary = messageSummary(message, this.text, this.panel?.detail);
      return summary ? [this.text.senderSays(senderLabel(message, this.text), summary)] : [];
    });
    if (announced.length > 0) this.announcement = announced.slice(-3).join('\n');
    // Seen here: the other tabs, which counted them as unread, are told otherwise.
    // Read receipts are not messages to read.
    const count = entries.filter(({ message }) => message.controlType !== 'READ').length;
    if (count > 0) this.setUnread(this.seen ? 0 : this.unread + count);
    if (this.notify) this.panel?.notify(entries);
  }

  /** Whether the visitor is looking at the conversation: the panel is open on a visible page. */
  private get seen(): boolean {
    return this.open && !document.hidden;
  }

  /** `share`: tell the other tabs of this visitor (not when the count came from one of them). */
  private setUnread(count: number, share = true): void {
    if (count !== this.unread) {
      this.unread = count;
      this.dispatchEvent(ccEvent('cc-unread-change', { count }));
    }
    this.session.setUnread(count, share);
    this.updateTitle();
  }

  private clearUnread(): void {
    if (!document.hidden) this.setUnread(0);
  }

  /**
   * While the page is hidden and messages are unread, the tab's title reads `(N) <the page's title>`; it is
   * restored when the page is visible again (or the element goes), unless the page set a title meanwhile.
   */
  private updateTitle(restore = false): void {
    const ours = this.alertTitle !== '' && document.title === this.alertTitle;
    if (!ours) this.pageTitle = document.title;
    if (!restore && !this.noTitleAlert && this.unread > 0 && document.hidden) {
      document.title = this.alertTitle = `(${this.unread > 99 ? '99+' : this.unread}) ${this.pageTitle}`;
      return;
    }
    if (ours) document.title = this.pageTitle;
    this.alertTitle = '';
  }

  private readonly onVisibilityChange = () => {
    if (this.open) this.clearUnread();
    this.updateTitle();
  };

  private toggleFromLauncher(): void {
    if (this.open) return this.close();
    // The visitor's click: the only moment a notification permission may be asked for.
    if (this.notify && window.Notification?.permission === 'default') void Notification.requestPermission();
    this.show();
  }

  private closeAndReturnFocus(): void {
    this.close();
    void this.updateComplete.then(() => this.launcher?.focus());
  }

  private onPanelKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      event.stopPropagation();
      this.closeAndReturnFocus();
    }
  }

  private applyStrings(): void {
    this.text = stringsFor(this.locale || navigator.language, this.strings);
  }

  /** A part brought its English: the strings are built again, so overrides of its keys apply too. */
  private addPartStrings(strings: Partial<CcStrings>): void {
    addEnglish(strings);
    this.applyStrings();
  }

  /** Fetches a language's strings (English meanwhile, and if they cannot be loaded). */
  private async loadLanguage(language: LoadableLanguage): Promise<void> {
    try {
      registerStrings(language, await loadStrings(language));
    } catch (error) {
      this.reportLoadFailure('strings', `The ${language} strings`, error);
      return;
    }
    this.applyStrings();
    this.requestUpdate();
  }

  /** Fetches the panel's and the API client's code when the visitor shows the intent to open the chat (pointer or focus on the launcher). */
  private prefetchPanel(): void {
    void this.loadPanel();
    void this.session.api().catch(() => undefined); // tried again when the conversation needs it
  }

  /** Loads the panel's code once (again after a failure); null when it could not be loaded. */
  private loadPanel(): Promise<Panel | null> {
    this.panelLoad ??= loadPanelPart().then(
      (part) => {
        this.panelFailed = false;
        this.addPartStrings(part.strings);
        this.panel = part.create(this.panelHost());
        this.requestUpdate();
        return this.panel;
      },
      (error: unknown) => {
        this.panelLoad = null;
        this.panelFailed = true;
        this.requestUpdate();
        this.reportLoadFailure('panel', 'The chat panel', error);
        return null;
      },
    );
    return this.panelLoad;
  }

  /** What the panel may use of this element (kept off the element's public API). */
  private panelHost(): PanelHost {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the host object's getters read the element
    const el = this;
    return {
      get renderRoot() {
        return el.renderRoot;
      },
      get updateComplete() {
        return el.updateComplete;
      },
      requestUpdate: () => el.requestUpdate(),
      session: el.session,
      strings: () => el.text,
      locale: () => el.locale || undefined,
      isOpen: () => el.open,
      send: (text) => el.send(text),
      show: () => el.show(),
      dispatch: (event) => void el.dispatchEvent(event),
      api: loadApiPart,
      maxFileBytes: () => el.maxFileBytes(),
      closeAndReturnFocus: () => el.closeAndReturnFocus(),
      callBar: () => (el.open ? (el.call?.renderBar(false) ?? nothing) : nothing),
      callButton: () => (el.call && el.callButtonShown ? el.call.renderButton() : nothing),
    };
  }

  /** Loads the call's code once (again after a failure); null when it could not be loaded. */
  private loadCall(): Promise<Call | null> {
    // The call's code uses the API client's: that part comes first.
    this.callLoad ??= this.session.api().then(loadCallPart).then(
      (part) => {
        this.addPartStrings(part.strings);
        this.call = part.create(this.callHost());
        this.requestUpdate();
        return this.call;
      },
      (error: unknown) => {
        this.callLoad = null;
        this.reportLoadFailure('createClickToCall', 'The call', error);
        return null;
      },
    );
    return this.callLoad;
  }

  /** What the call may use of this element (kept off the element's public API). */
  private callHost(): CallHost {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the host object's getters read the element
    const el = this;
    return {
      addController: (controller) => el.addController(controller),
      removeController: (controller) => el.removeController(controller),
      requestUpdate: () => el.requestUpdate(),
      get updateComplete() {
        return el.updateComplete;
      },
      get renderRoot() {
        return el.renderRoot;
      },
      get open() {
        return el.open;
      },
      client: () => el.session.apiClient,
      media: () => (el.callMedia === 'video' ? 'video' : 'audio'),
      sipOptions: () => (el.noVoice ? null : (el.sipOptions ?? {})),
      intervalMs: () => Math.max(0, Number(el.pollInterval) || 1000),
      checkSupport: () => el.callSupport.check(),
      strings: () => el.text,
      addSystemLine: (text) => el.session.addLocalSystemLine(text, 'local-call'),
      dispatch: (event) => void el.dispatchEvent(event),
      reportError: (error, fatal) => el.reportError(error, fatal),
    };
  }

}
