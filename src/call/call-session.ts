import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CcMessagingClient } from '../api/client';
import { createClickToCall, dropClickToCall, getClickToCallEvents } from '../api/click-to-call';
import { CcApiError } from '../core/errors';
import type { ClickToCallEvent, MediaAbility } from '../api/types';
import type { CcCallStatusDetail } from '../core/events';
import type { BackoffOptions } from '../core/controllers/backoff';
import {
  classifyCallEvent,
  isActiveCallState,
  nextCallState,
  type CallGateway,
  type CallRejection,
  type CallState,
} from './call-events';
import { browserHasWebRtc } from '../core/controllers/call-support';
import { isFatal, isSameFailure, toApiError } from '../core/controllers/failures';
import { PollLoop } from '../core/controllers/poll-loop';
import type { VoiceFailure } from './voice-host';

export type { CallGateway, CallRejection, CallState } from './call-events';

/**
 * Everything known about the current (or last) call. A new object on every change. What `cc-call-status` tells the
 * page (its fields are documented there), plus what only the widget uses; the gateway is kept until the next call.
 */
export interface CallStatus extends CcCallStatusDetail {
  /** Why the call was refused (`rejected`), or `error` when it could not be started (`failed`). */
  rejection: CallRejection | 'error' | null;
  /** How long the call was connected, in whole seconds: set when a call that connected ends. */
  durationSeconds: number | null;
  /** The visitor ended it (hang-up, or leaving the page), rather than the contact center. */
  endedByVisitor: boolean;
  /** Why the call's voice failed (microphone, gateway, SIP, ICE), when that is what ended it. */
  voiceFailure: VoiceFailure | null;
}

export const IDLE_CALL: CallStatus = Object.freeze({
  state: 'idle',
  resultCode: null,
  resultDesc: null,
  eventId: null,
  causeId: null,
  causeDesc: null,
  gateway: null,
  rejection: null,
  durationSeconds: null,
  endedByVisitor: false,
  voiceFailure: null,
});

/** What the voice of a call tells the session (see {@link CallVoice}). */
export interface VoiceEvents {
  /** Media flows: the call is `connected`, and its timer starts. */
  live(): void;
  /** The voice could not be set up, or broke (the WebSocket dropped, ICE failed). */
  failed(failure: VoiceFailure): void;
  /** The other side hung up (a BYE from the gateway). */
  ended(): void;
}

/**
 * The voice of one call (src/call/call-voice.ts): the microphone before createClickToCall, the SIP call on
 * "Call connected", released by `stop()` whatever ends the call.
 */
export interface CallVoice {
  /** Opens the microphone (camera for video) and loads the voice; rejects with a VoiceError. */
  prepare(media: MediaAbility): Promise<void>;
  /** Dials the gateway; what happens then comes through {@link VoiceEvents}. */
  dial(gateway: CallGateway): void;
  /** BYE or CANCEL, and the microphone stopped. Idempotent. */
  stop(): void;
}

/** What the call reports to its element, which turns it into DOM events, UI and transcript lines. */
export interface CallSessionListener {
  /** After every change of `status.state` (and when new gateway details arrive: then `previous` is the same). */
  statusChange(status: CallStatus, previous: CallState): void;
  /** A failed request; reported once per streak of the same failure, not on every retry. */
  error(error: CcApiError, fatal: boolean): void;
  /** A getClickToCallEvents resultDesc this version does not know; once per value and call. */
  protocol(resultDesc: string): void;
}

export interface CallSessionOptions {
  /** The API client to call with (the chat session's: it applies for its token lazily). */
  client: () => CcMessagingClient | null;
  /**
   * Whether the channel offers calls (the core's {@link CallSupport}, asked once per client): true, false,
   * or null when unknown (the call is tried all the same).
   */
  checkSupport: () => Promise<boolean | null>;
  /** `audio` (mediaAbility 0) or `video` (1), read when a call starts. */
  media: () => MediaAbility;
  /** Shortest time between the starts of two event requests, ms (default 1000); the server holds each one. */
  intervalMs?: () => number;
  backoff?: BackoffOptions;
  /** The voice of a new call, or null when the host page carries it itself (`no-voice`). Asked once per call. */
  voice?: (events: VoiceEvents) => CallVoice | null;
}

/**
 * One visitor's click-to-call: checkClickToCallSupport (once, when first needed), createClickToCall, the
 * getClickToCallEvents long poll (a {@link PollLoop}: one request in flight, backoff, Retry-After) only while a
 * call is active, and dropClickToCall on hang-up or when the page goes away (`pagehide`, with `keepalive`).
 *
 * A call keeps the client it started with, so a change of the chat's identity does not move it to another
 * token. The host's disconnection suspends the event loop and the timer; reconnecting (the element was moved)
 * resumes the same loop. While connected, `elapsedSeconds` counts up, and the host is updated each second.
 */
export class CallSession implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #options: CallSessionOptions;
  readonly #listener: CallSessionListener;
  readonly #loop: PollLoop;

  #status: CallStatus = IDLE_CALL;
  /** The client of the call under way. */
  #client: CcMessagingClient | null = null;
  /** Counts calls, so that the answer of an earlier call's request changes nothing. */
  #callNumber = 0;
  #reportedUnknown = new Set<string>();
  #lastError: CcApiError | null = null;
  #connectedAt = 0;
  #elapsedSeconds = 0;
  #tick: ReturnType<typeof setTimeout> | undefined;
  #hostIsConnected = false;
  #listeningForPageHide = false;
  /** The voice of the call under way (null with `no-voice`, and once the call is over). */
  #voice: CallVoice | null = null;
  #dialed = false;
  #live = false;

  constructor(host: ReactiveControllerHost, listener: CallSessionListener, options: CallSessionOptions) {
    (this.#host = host).addController(this);
    this.#listener = listener;
    this.#options = options;
    this.#loop = new PollLoop(host, {
      run: (signal) => this.#pollEvents(signal),
      intervalMs: () => options.intervalMs?.() ?? 1000,
      onError: (error) => this.#pollFailed(error),
      onRecover: () => this.#recovered(),
      backoff: options.backoff,
      // A call goes on while the visitor looks at another tab; its end must be seen then too.
      pauseWhenHidden: false,
    });
  }

  hostConnected(): void {
    this.#hostIsConnected = true;
    if (this.#status.state === 'connected') this.#scheduleTick();
  }

  hostDisconnected(): void {
    this.#hostIsConnected = false;
    this.#clearTick();
  }

  /** The current call (or the last one, until the next starts). */
  get status(): CallStatus {
    return this.#status;
  }

  get state(): CallState {
    return this.#status.state;
  }

  /** Requesting, queued, dialing or connected. */
  get active(): boolean {
    return isActiveCallState(this.#status.state);
  }

  /** The failure of the last event request while it is being retried; null once one succeeds. */
  get lastError(): CcApiError | null {
    return this.#lastError;
  }

  /** Whole seconds since "Call connected" (0 before). */
  get elapsedSeconds(): number {
    return this.#elapsedSeconds;
  }

  /** The state of the event loop, for tests and diagnostics. */
  get polling(): boolean {
    return this.#loop.running;
  }

  /**
   * Starts a call: checks the browser and (once) the support, then createClickToCall and the event loop.
   * Does nothing while a call is active. Resolves when the call is under way or refused.
   */
  async start(): Promise<void> {
    if (this.active) return;
    const number = ++this.#callNumber;
    const client = this.#options.client();
    this.#client = client;
    this.#reportedUnknown.clear();
    this.#lastError = null;
    this.#elapsedSeconds = 0;
    this.#dialed = false;
    this.#live = false;
    this.#setStatus({ ...IDLE_CALL, state: 'requesting' });
    this.#listenForPageHide();
    const current = () => number === this.#callNumber && this.#status.state === 'requesting';

    if (!client) {
      this.#listener.error(
        new CcApiError({
          kind: 'http',
          operation: 'createClickToCall',
          status: 400,
          message: 'The chat has no channel-id: set the WEB channel configuration ID on <cc-chat>.',
        }),
        true,
      );
      this.#finish({ state: 'failed', rejection: 'error' });
      return;
    }
    if (!browserHasWebRtc()) {
      this.#finish({ state: 'rejected', rejection: 'no-webrtc' });
      return;
    }
    const supported = await this.#options.checkSupport();
    if (!current()) return;
    if (supported === false) {
      this.#finish({ state: 'rejected', rejection: 'unsupported' });
      return;
    }
    // The microphone before the contact center is called: a refusal leaves nobody ringing.
    const voice = this.#options.voice?.(this.#voiceEvents(number)) ?? null;
    this.#voice = voice;
    if (voice) {
      try {
        await voice.prepare(this.#options.media());
      } catch (error) {
        if (!current()) return;
        this.#finish({ state: 'failed', voiceFailure: voiceFailureOf(error) });
        return;
      }
      if (!current()) return;
    }

    try {
      await createClickToCall(client, this.#options.media());
    } catch (error) {
      const apiError = toApiError(error, 'createClickToCall');
      if (!current()) return;
      if (apiError.kind === 'result') {
        // An answer, not a fault: 7 no click-to-call on this channel, 12 outside working hours, 13 no agent.
        this.#finish({
          state: 'rejected',
          rejection: apiError.resultCode ?? null,
          resultCode: apiError.resultCode ?? null,
          resultDesc: apiError.resultDesc ?? null,
        });
        return;
      }
      // No answer: the call may exist all the same, and must not be left ringing.
      dropClickToCall(client).catch(() => undefined);
      this.#listener.error(apiError, isFatal(apiError));
      this.#finish({ state: 'failed', rejection: 'error' });
      return;
    }
    if (!current()) {
      // Hung up while createClickToCall was on its way: the call exists now, so drop it (again).
      if (number === this.#callNumber) dropClickToCall(client).catch(() => undefined);
      return;
    }
    this.#loop.start();
  }

  /** Hangs up: the call is `ended` at once, and dropClickToCall is sent. Does nothing when no call is active. */
  async end(): Promise<void> {
    if (!this.active) return;
    const client = this.#client;
    this.#finish({ state: 'ended', endedByVisitor: true });
    if (!client) return;
    try {
      await dropClickToCall(client);
    } catch (error) {
      const apiError = toApiError(error, 'dropClickToCall');
      if (apiError.kind !== 'aborted') this.#listener.error(apiError, false);
    }
  }

  async #pollEvents(signal: AbortSignal): Promise<void> {
    const client = this.#client;
    if (!client) return;
    const event = await getClickToCallEvents(client, { signal });
    // An answer that raced a stop (hang-up, the page going away) belongs to a call that is over.
    if (signal.aborted || !this.active) return;
    this.#apply(event);
  }

  #apply(event: ClickToCallEvent): void {
    const outcome = classifyCallEvent(event);
    if (outcome.kind === 'unknown') {
      if (!this.#reportedUnknown.has(outcome.resultDesc)) {
        this.#reportedUnknown.add(outcome.resultDesc);
        this.#listener.protocol(outcome.resultDesc);
      }
      return;
    }
    const previous = this.#status.state;
    const next = nextCallState(previous, outcome);
    const fromServer = { resultDesc: event.resultDesc, eventId: event.eventId };
    switch (outcome.kind) {
      case 'continue':
        return;
      case 'queued':
        if (next !== previous) this.#setStatus({ ...this.#status, ...fromServer, state: next });
        return;
      case 'connected': {
        const target = this.#voice ? this.#dial(outcome.gateway) : next;
        if (target === previous && sameGateway(this.#status.gateway, outcome.gateway)) return;
        if (target === 'connected' && previous !== 'connected') {
          this.#connectedAt = performance.now();
          this.#elapsedSeconds = 0;
        }
        this.#setStatus({ ...this.#status, ...fromServer, state: target, gateway: outcome.gateway });
        if (target !== previous) this.#scheduleTick();
        return;
      }
      case 'failed':
        this.#finish({ ...fromServer, state: 'failed', causeId: outcome.causeId, causeDesc: outcome.causeDesc });
        return;
      case 'ended':
      case 'timeout':
        this.#finish({ ...fromServer, state: next });
        return;
    }
  }

  /** "Call connected" with a voice: dials once; `dialing` until media flows, then `connected`. */
  #dial(gateway: CallGateway): CallState {
    if (!this.#dialed) {
      this.#dialed = true;
      this.#voice?.dial(gateway);
    }
    return this.#live ? 'connected' : 'dialing';
  }

  /** The voice's reports, for the call numbered `number` only. */
  #voiceEvents(number: number): VoiceEvents {
    const current = () => number === this.#callNumber && this.active;
    return {
      live: () => {
        if (!current() || this.#live) return;
        this.#live = true;
        if (this.#status.state !== 'dialing') return;
        this.#connectedAt = performance.now();
        this.#elapsedSeconds = 0;
        this.#setStatus({ ...this.#status, state: 'connected' });
        this.#scheduleTick();
      },
      failed: (failure) => {
        if (current()) this.#endOnVoice({ state: 'failed', voiceFailure: failure });
      },
      ended: () => {
        if (current()) this.#endOnVoice({ state: 'ended' });
      },
    };
  }

  /** The voice ended the call: the contact center is told too, so that no side is left in a call. */
  #endOnVoice(patch: Partial<CallStatus> & { state: CallState }): void {
    const client = this.#client;
    this.#finish(patch);
    if (client) dropClickToCall(client).catch(() => undefined);
  }

  #pollFailed(error: unknown): 'retry' | 'stop' {
    const apiError = toApiError(error, 'getClickToCallEvents');
    if (apiError.kind === 'result') {
      // The server answered that it has no such call going on: an answer, not a fault to wait out.
      this.#report(apiError, false);
      this.#finish({ state: 'failed', resultDesc: apiError.resultDesc ?? null, causeDesc: apiError.resultDesc ?? null });
      return 'stop';
    }
    const fatal = isFatal(apiError);
    this.#report(apiError, fatal);
    if (!fatal) return 'retry';
    // Fatal means stopped (a 404, credentials refused): the call cannot be followed, so it ends here.
    const client = this.#options.client();
    if (client) dropClickToCall(client).catch(() => undefined);
    this.#finish({ state: 'failed' });
    return 'stop';
  }

  #report(error: CcApiError, fatal: boolean): void {
    const repeated = isSameFailure(this.#lastError, error);
    this.#lastError = error;
    this.#host.requestUpdate();
    if (!repeated) this.#listener.error(error, fatal);
  }

  #recovered(): void {
    this.#lastError = null;
    this.#host.requestUpdate();
  }

  /** Ends the call in a final state: stops the loop and the timer, keeps the gateway for the record. */
  #finish(patch: Partial<CallStatus> & { state: CallState }): void {
    // BYE (or CANCEL), and the microphone released, whatever ended the call.
    this.#voice?.stop();
    this.#voice = null;
    this.#loop.stop();
    this.#clearTick();
    this.#unlistenForPageHide();
    this.#lastError = null;
    const wasConnected = this.#status.state === 'connected';
    const durationSeconds = wasConnected ? Math.floor((performance.now() - this.#connectedAt) / 1000) : null;
    if (wasConnected) this.#elapsedSeconds = durationSeconds ?? 0;
    this.#setStatus({ ...this.#status, durationSeconds, ...patch });
  }

  #setStatus(status: CallStatus): void {
    const previous = this.#status.state;
    this.#status = Object.freeze(status);
    this.#host.requestUpdate();
    this.#listener.statusChange(this.#status, previous);
  }

  /** Updates `elapsedSeconds` on each whole second after "Call connected". */
  #scheduleTick(): void {
    this.#clearTick();
    if (!this.#hostIsConnected || this.#status.state !== 'connected') return;
    const elapsed = performance.now() - this.#connectedAt;
    // A timer may fire a hair early: round to the nearest ms first, so a second is never counted late.
    this.#elapsedSeconds = Math.floor(Math.round(elapsed) / 1000);
    this.#tick = setTimeout(
      () => {
        this.#tick = undefined;
        this.#scheduleTick();
        this.#host.requestUpdate();
      },
      1000 - (elapsed % 1000),
    );
  }

  #clearTick(): void {
    if (this.#tick !== undefined) {
      clearTimeout(this.#tick);
      this.#tick = undefined;
    }
  }

  /** Leaving the page during a call drops it, so that nobody is left ringing an empty page. */
  readonly #onPageHide = (): void => {
    if (!this.active) return;
    const client = this.#client;
    // keepalive: the request outlives the page.
    if (client) dropClickToCall(client, { keepalive: true }).catch(() => undefined);
    this.#finish({ state: 'ended', endedByVisitor: true });
  };

  // Listened to while a call is active, also while the element is detached (a call outlives a move).
  #listenForPageHide(): void {
    if (this.#listeningForPageHide || typeof window === 'undefined') return;
    this.#listeningForPageHide = true;
    window.addEventListener('pagehide', this.#onPageHide);
  }

  #unlistenForPageHide(): void {
    if (!this.#listeningForPageHide) return;
    this.#listeningForPageHide = false;
    window.removeEventListener('pagehide', this.#onPageHide);
  }
}

function voiceFailureOf(error: unknown): VoiceFailure {
  const failure = (error as { failure?: VoiceFailure } | null)?.failure;
  return failure ?? { kind: 'media' };
}

function sameGateway(a: CallGateway | null, b: CallGateway | null): boolean {
  if (a === null || b === null) return a === b;
  return (
    a.domain === b.domain &&
    a.accessCode === b.accessCode &&
    a.caller === b.caller &&
    a.addresses.length === b.addresses.length &&
    a.addresses.every((address, i) => address === b.addresses[i])
  );
}
