// How a click-to-call looks: pure functions from the call's status to Lit templates. The call bar sits
// under the panel's header while the panel is open, and floats beside the launcher while it is closed
// (`compact`: no gateway details); either way `part="call-status"` exists exactly once.

import { html, nothing, type TemplateResult } from 'lit';
import type { CcApiError } from '../core/errors';
import type { CallGateway, CallStatus } from './call-session';
import { isActiveCallState, isFinalCallState } from './call-events';
import { formatCallDuration } from './call-strings';
import type { CcStrings } from '../core/strings';

export interface CallView {
  strings: CcStrings;
  status: CallStatus;
  /** Seconds since "Call connected". */
  elapsedSeconds: number;
  /** An event request failing and being retried. */
  error: CcApiError | null;
  /** The visitor closed the status of a finished call. */
  dismissed: boolean;
  /** Beside the launcher (panel closed) rather than in the panel. */
  compact: boolean;
  onHangUp: () => void;
  onDismiss: () => void;
  /** The voice's buttons beside the hang-up button, and what goes under the row (nothing without a voice). */
  voiceButtons?: TemplateResult | typeof nothing;
  voiceBody?: TemplateResult | typeof nothing;
}

/** The header's call button (`part="call-button"`). */
export function renderCallButton(media: 'audio' | 'video', strings: CcStrings, onClick: () => void): TemplateResult {
  const label = strings.startCall(media);
  return html`<button part="call-button" class="round ghost" type="button" aria-label=${label} title=${label} @click=${onClick}>
    ${media === 'video' ? videoIcon : phoneIcon}
  </button>`;
}

/** The call bar (`part="call"`): status sentence, timer, gateway details, hang-up / dismiss. */
export function renderCallBar(view: CallView): TemplateResult {
  const { strings: t, status, compact } = view;
  const { state } = status;
  const active = isActiveCallState(state);
  const hidden = state === 'idle' || (isFinalCallState(state) && view.dismissed);
  return html`<div part="call" class=${compact ? 'call compact' : 'call'} data-state=${state} ?hidden=${hidden}>
    <div class="call-row">
      <span class="round call-icon" aria-hidden="true">${phoneIcon}</span>
      <p part="call-status" role="status" data-state=${state}>
        <span class="call-sentence">${t.callStatus(status)}</span>
        ${active && view.error ? html`<span part="call-notice">${t.callRetrying}</span>` : nothing}
      </p>
      ${state === 'connected'
        ? html`<span part="call-timer" role="timer" aria-label=${t.callDuration}
            >${formatCallDuration(view.elapsedSeconds)}</span
          >`
        : nothing}
      ${active ? (view.voiceButtons ?? nothing) : nothing}
      ${active
        ? html`<button part="hangup-button" class="pill" type="button" @click=${view.onHangUp}>
            ${hangUpIcon}<span>${t.hangUp}</span>
          </button>`
        : nothing}
      ${isFinalCallState(state)
        ? html`<button
            part="call-dismiss-button"
            class="round ghost"
            type="button"
            aria-label=${t.dismissCall}
            title=${t.dismissCall}
            @click=${view.onDismiss}
          >
            ${dismissIcon}
          </button>`
        : nothing}
    </div>
    ${active && !compact ? (view.voiceBody ?? nothing) : nothing}
    ${state === 'connected' && !compact && status.gateway && !view.voiceBody ? renderGateway(status.gateway, t) : nothing}
  </div>`;
}

/** `part="call-gateway"`: what a host page's WebRTC/SIP stack needs, as the server gave it. */
function renderGateway(gateway: CallGateway, t: CcStrings): TemplateResult {
  return html`<div part="call-gateway" role="group" aria-label=${t.callDetails}>
    <dl>
      ${gateway.domain !== null
        ? html`<div><dt>${t.callGatewayDomain}</dt><dd data-field="domain">${gateway.domain}</dd></div>`
        : nothing}
      ${gateway.addresses.length > 0
        ? html`<div>
            <dt>${t.callGatewayAddresses}</dt>
            ${gateway.addresses.map((address) => html`<dd data-field="address">${address}</dd>`)}
          </div>`
        : nothing}
      ${gateway.accessCode !== null
        ? html`<div><dt>${t.callAccessCode}</dt><dd data-field="access-code">${gateway.accessCode}</dd></div>`
        : nothing}
      ${gateway.caller !== null
        ? html`<div><dt>${t.callCaller}</dt><dd data-field="caller">${gateway.caller}</dd></div>`
        : nothing}
    </dl>
  </div>`;
}

const phoneIcon = html`<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
  <path
    fill="currentColor"
    d="M6.6 10.8a15.1 15.1 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.57 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.46.57 3.6a1 1 0 0 1-.25 1z"
  />
</svg>`;
const videoIcon = html`<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
  <path fill="currentColor" d="M4 6h11a1 1 0 0 1 1 1v3.5l4-3v9l-4-3V17a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1z" />
</svg>`;
const hangUpIcon = html`<svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
  <path
    fill="currentColor"
    d="M12 9c-1.6 0-3.15.25-4.6.72v3.1a1 1 0 0 1-.56.9 11.5 11.5 0 0 0-2.66 1.85 1 1 0 0 1-1.4-.02L.29 13.08a1 1 0 0 1 0-1.41A16.9 16.9 0 0 1 12 7c4.5 0 8.6 1.76 11.7 4.67a1 1 0 0 1 0 1.41l-2.48 2.48a1 1 0 0 1-1.4.02 11.3 11.3 0 0 0-2.67-1.85 1 1 0 0 1-.56-.9v-3.1A15 15 0 0 0 12 9z"
  />
</svg>`;
const dismissIcon = html`<svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
  <path fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" d="M6 6l12 12M18 6L6 18" />
</svg>`;
