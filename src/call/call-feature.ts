import { nothing, type TemplateResult } from 'lit';
import { isActiveCallState, isFinalCallState } from './call-events';
import { CallSession, type CallState, type CallStatus } from './call-session';
import type { Call, CallHost } from '../core/call-host';
import { callStyles } from './call-styles';
import { renderCallBar, renderCallButton } from './call-view';
import { ccEvent } from '../core/events';
import { voiceFailureText } from './call-strings';
import { CallVoiceLink } from './call-voice';
import { attachVideos, renderVoiceBody, renderVoiceButtons } from './voice-view';

/** How often the microphone's level is drawn, ms. */
const LEVEL_INTERVAL_MS = 100;

// The click-to-call of <cc-chat>, as a part fetched only when a call is possible: the call session, its
// button and bar, its transcript lines and `cc-call-status`, and where the keyboard focus goes.

/** Creates the call of one element (its styles are adopted into the element's shadow root). */
export function createCall(host: CallHost): Call {
  return new ElementCall(host);
}

class ElementCall implements Call {
  readonly #host: CallHost;
  readonly #session: CallSession;
  /** The visitor hid the bar of a finished call (until the next call). */
  #dismissed = false;
  /** The voice of the current call (null with `no-voice`, and before the first call). */
  #voice: CallVoiceLink | null = null;
  #keypadOpen = false;
  #sent = '';
  #level = 0;
  #levelTimer: ReturnType<typeof setInterval> | undefined;

  constructor(host: CallHost) {
    this.#host = host;
    adoptStyles(host.renderRoot);
    this.#session = new CallSession(
      host,
      {
        statusChange: (status, previous) => this.#onStatus(status, previous),
        error: (error, fatal) => host.reportError(error, fatal),
        protocol: (resultDesc) =>
          host.dispatch(
            ccEvent('cc-error', {
              kind: 'protocol',
              operation: 'getClickToCallEvents',
              message: `Unknown click-to-call event "${resultDesc.slice(0, 200)}"; still polling.`,
              fatal: false,
            }),
          ),
      },
      {
        client: () => host.client(),
        checkSupport: () => host.checkSupport(),
        media: () => host.media(),
        intervalMs: () => host.intervalMs(),
        voice: (events) => {
          const options = host.sipOptions();
          this.#voice = options && new CallVoiceLink(events, options, () => host.requestUpdate());
          this.#keypadOpen = false;
          this.#sent = '';
          return this.#voice;
        },
      },
    );
  }

  get state(): CallState {
    return this.#session.state;
  }

  get active(): boolean {
    return this.#session.active;
  }

  start(): Promise<void> {
    return this.#session.start();
  }

  end(): Promise<void> {
    return this.#session.end();
  }

  renderButton(): TemplateResult | typeof nothing {
    if (this.#session.active) return nothing;
    return renderCallButton(this.#host.media(), this.#host.strings(), () => this.#onButton());
  }

  renderBar(compact: boolean): TemplateResult | typeof nothing {
    const voice = this.#voice;
    const voiceView = voice && {
      strings: this.#host.strings(),
      muted: voice.muted,
      keypadOpen: this.#keypadOpen,
      sent: this.#sent,
      level: voice.muted ? 0 : this.#level,
      video: this.#host.media() === 'video',
      onMute: () => voice.setMuted(!voice.muted),
      onKeypad: () => this.#toggleKeypad(),
      onTone: (key: string) => this.#tone(key),
    };
    if (voiceView?.video) {
      void this.#host.updateComplete.then(() =>
        attachVideos(this.#host.renderRoot, voice!.remoteStream, voice!.localStream),
      );
    }
    return renderCallBar({
      // In the panel the voice's buttons sit beside its level meter; beside the launcher, beside hang-up.
      voiceButtons: voiceView && compact ? renderVoiceButtons(voiceView, true) : nothing,
      voiceBody: voiceView ? renderVoiceBody(voiceView) : undefined,
      strings: this.#host.strings(),
      status: this.#session.status,
      elapsedSeconds: this.#session.elapsedSeconds,
      error: this.#session.lastError,
      dismissed: this.#dismissed,
      compact,
      onHangUp: () => void this.end(),
      onDismiss: () => this.#dismiss(),
    });
  }

  #part(name: string): HTMLElement | null {
    return this.#host.renderRoot.querySelector<HTMLElement>(`[part~="${name}"]`);
  }

  /** Focuses a part once the update under way has rendered it. */
  #focusAfterUpdate(...names: string[]): void {
    void this.#host.updateComplete.then(() => {
      for (const name of names) {
        const target = this.#part(name);
        if (target) return target.focus();
      }
    });
  }

  #onStatus(status: CallStatus, previous: CallState): void {
    const host = this.#host;
    if (status.state === 'requesting') this.#dismissed = false;
    this.#drawLevel(isActiveCallState(status.state) && this.#voice !== null);
    if (status.state !== previous && status.voiceFailure) {
      host.dispatch(
        ccEvent('cc-error', {
          kind: 'call',
          operation: status.voiceFailure.kind === 'sip' ? 'sip' : status.voiceFailure.kind,
          ...(status.voiceFailure.kind === 'sip' ? { status: status.voiceFailure.status } : {}),
          message: voiceFailureText(status.voiceFailure),
          fatal: false,
        }),
      );
    }
    if (status.state !== previous) {
      const line = host.strings().callStatus(status);
      if (line) host.addSystemLine(line);
      // The hang-up button goes away with the call: keep the keyboard focus in the call bar.
      const hangup = this.#part('hangup-button');
      if (isFinalCallState(status.state) && hangup && (host.renderRoot as ShadowRoot).activeElement === hangup) {
        this.#focusAfterUpdate('call-dismiss-button');
      }
    }
    const { state, resultCode, resultDesc, eventId, causeId, causeDesc, gateway } = status;
    host.dispatch(
      ccEvent('cc-call-status', {
        state,
        resultCode,
        resultDesc,
        eventId,
        causeId,
        causeDesc,
        gateway: gateway && { ...gateway, addresses: [...gateway.addresses] },
      }),
    );
  }

  #onButton(): void {
    void this.start();
    if (isActiveCallState(this.#session.state)) this.#focusAfterUpdate('hangup-button');
  }

  #toggleKeypad(): void {
    this.#keypadOpen = !this.#keypadOpen;
    this.#host.requestUpdate();
    // Opened: the first key takes the focus; closed (Escape): the toggle gets it back.
    this.#focusAfterUpdate(this.#keypadOpen ? 'dtmf-key' : 'keypad-button');
  }

  #tone(key: string): void {
    this.#voice?.sendDtmf(key);
    // The last 24 tones: enough to check a number, never a growing line.
    this.#sent = (this.#sent + key).slice(-24);
    this.#host.requestUpdate();
  }

  /** Draws the microphone's level into the meter while a call with a voice is active (not through a render). */
  #drawLevel(on: boolean): void {
    if (!on) {
      clearInterval(this.#levelTimer);
      this.#levelTimer = undefined;
      this.#level = 0;
      return;
    }
    this.#levelTimer ??= setInterval(() => {
      this.#level = this.#voice?.level() ?? 0;
      const meter = this.#part('call-level');
      if (meter instanceof HTMLMeterElement) meter.value = this.#level;
    }, LEVEL_INTERVAL_MS);
  }

  #dismiss(): void {
    this.#dismissed = true;
    this.#host.requestUpdate();
    if (this.#host.open) this.#focusAfterUpdate('call-button', 'input');
    else this.#focusAfterUpdate('launcher');
  }
}

/** Adds the call's styles to the element's shadow root, after the element's own. */
function adoptStyles(root: HTMLElement | DocumentFragment): void {
  const sheet = callStyles.styleSheet;
  if (!(root instanceof ShadowRoot) || !sheet || root.adoptedStyleSheets.includes(sheet)) return;
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}
