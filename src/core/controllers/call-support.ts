import type { ReactiveControllerHost } from 'lit';
import type { CcMessagingClient } from '../../api/client';
import type { CcApiError } from '../errors';
import { isFatal, toApiError } from './failures';

/** Whether click-to-call is offered: unknown until checkClickToCallSupport has answered. */
export type CallSupportState = 'unknown' | 'checking' | 'supported' | 'unsupported';

/** Whether this browser can take part in a WebRTC call at all (it does not ask for the microphone). */
export function browserHasWebRtc(): boolean {
  const g = globalThis as { RTCPeerConnection?: unknown; navigator?: { mediaDevices?: unknown } };
  return typeof g.RTCPeerConnection === 'function' && g.navigator?.mediaDevices != null;
}

/**
 * Whether the channel offers click-to-call, asked once per API client (concurrent callers share the
 * request). It lives in the widget's core, apart from the call itself, so that the call's code is
 * fetched only for channels that offer calls.
 */
export class CallSupport {
  readonly #host: ReactiveControllerHost;
  readonly #client: () => CcMessagingClient | null;
  readonly #onError: (error: CcApiError, fatal: boolean) => void;
  #state: CallSupportState = 'unknown';
  #for: CcMessagingClient | null = null;
  #check: Promise<boolean | null> | null = null;

  constructor(
    host: ReactiveControllerHost,
    client: () => CcMessagingClient | null,
    onError: (error: CcApiError, fatal: boolean) => void,
  ) {
    this.#host = host;
    this.#client = client;
    this.#onError = onError;
  }

  /** What checkClickToCallSupport said for the current client. */
  get state(): CallSupportState {
    return this.#for !== null && this.#for === this.#client() ? this.#state : 'unknown';
  }

  /**
   * Resolves to whether click-to-call is offered (and WebRTC with it: the call is WebRTC only), or null
   * when unknown (no client, or the request failed: asked again next time).
   */
  check(): Promise<boolean | null> {
    const client = this.#client();
    if (!client) return Promise.resolve(null);
    if (this.#for === client && this.#check) return this.#check;
    this.#for = client;
    this.#state = 'checking';
    const check: Promise<boolean | null> = client.checkClickToCallSupport().then(
      (answer) => {
        if (this.#for !== client) return null;
        const supported = answer.clickToCallSupported && answer.webRTCSupported;
        this.#state = supported ? 'supported' : 'unsupported';
        this.#host.requestUpdate();
        return supported;
      },
      (error: unknown) => {
        if (this.#for === client) {
          this.#state = 'unknown';
          if (this.#check === check) this.#check = null;
          this.#host.requestUpdate();
        }
        const apiError = toApiError(error, 'checkClickToCallSupport');
        if (apiError.kind !== 'aborted') this.#onError(apiError, isFatal(apiError));
        return null;
      },
    );
    this.#check = check;
    this.#host.requestUpdate();
    return check;
  }
}
