import { nothing, type TemplateResult } from 'lit';
import { isActiveCallState, isFinalCallState } from '../controllers/call-events';
import { CallSession, type CallState, type CallStatus } from '../controllers/call-session';
import type { CallFeature, CallFeatureHost } from '../element/call-host';
import { callStyles } from '../element/call-styles';
import { renderCallBar, renderCallButton } from '../element/call-view';
import { ccEvent } from '../element/events';

// The click-to-call of <cc-chat>, as a part fetched only when a call is possible: the call session, its
// button and bar, its transcript lines and `cc-call-status`, and where the keyboard focus goes.

/** Creates the call of one element (its styles are adopted into the element's shadow root). */
export function createCallFeature(host: CallFeatureHost): CallFeature {
  return new ElementCall(host);
}

class ElementCall implements CallFeature {
  readonly #host: CallFeatureHost;
  readonly #session: CallSession;
  /** The visitor hid the bar of a finished call (until the next call). */
  #dismissed = false;

  constructor(host: CallFeatureHost) {
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
    return renderCallBar({
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
