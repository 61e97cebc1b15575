import type { ReactiveControllerHost, TemplateResult, nothing } from 'lit';
import type { CcMessagingClient } from '../api/client';
import type { CcApiError } from './errors';
import type { MediaAbility } from '../api/types';
import type { CallState } from '../call/call-events';
import type { SipOptions } from '../call/voice-host';
import type { CallStrings, CcStrings } from './strings';

// The seam between <cc-chat> and its click-to-call, whose code is fetched only when a call is possible
// (see parts.ts). Types only: the element never imports the call's code itself.

/** What the call may use of the element. */
export interface CallHost extends ReactiveControllerHost {
  /** The element's shadow root: the call adopts its styles there and finds its own buttons. */
  readonly renderRoot: HTMLElement | DocumentFragment;
  /** Whether the panel is open. */
  readonly open: boolean;
  /** The chat's API client (it applies for its token lazily), or null without a channel-id. */
  client(): CcMessagingClient | null;
  media(): MediaAbility;
  /** What the gateway needs (`sipOptions`), or null when the host page carries the voice itself (`no-voice`). */
  sipOptions(): SipOptions | null;
  /** Shortest time between the starts of two event requests, ms. */
  intervalMs(): number;
  /** Whether the channel offers calls (asked once per client by the element). */
  checkSupport(): Promise<boolean | null>;
  strings(): CcStrings;
  /** Writes a line of the call's progress into the transcript. */
  addSystemLine(text: string): void;
  /** Fires an event on the element. */
  dispatch(event: Event): void;
  /** `cc-error` for a failed request. */
  reportError(error: CcApiError, fatal: boolean): void;
}

/** The click-to-call as the element sees it. */
export interface Call {
  readonly state: CallState;
  /** Requesting, queued or connected. */
  readonly active: boolean;
  start(): Promise<void>;
  end(): Promise<void>;
  /** The header's call button; nothing while a call is active. */
  renderButton(): TemplateResult | typeof nothing;
  /** The call bar: in the panel, or beside the launcher (`compact`) while the panel is closed. */
  renderBar(compact: boolean): TemplateResult | typeof nothing;
}

/** What the call's code brings: the call, and the English of its strings. */
export interface CallPart {
  create(host: CallHost): Call;
  strings: CallStrings;
}
