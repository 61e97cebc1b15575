import { html, nothing, type TemplateResult } from 'lit';
import type { CcStrings } from '../core/strings';

// How the voice of a call looks: the mute and keypad buttons beside the hang-up button, the microphone's
// level, the DTMF keypad, and the videos of a video call. Pure functions of what the call part knows.

/** The twelve keys of a phone's keypad, in its order. */
export const DTMF_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;

export interface VoiceView {
  strings: CcStrings;
  muted: boolean;
  keypadOpen: boolean;
  /** The tones sent so far in this call. */
  sent: string;
  /** The microphone's level when last drawn, 0 to 1. */
  level: number;
  video: boolean;
  onMute: () => void;
  onKeypad: () => void;
  onTone: (key: string) => void;
}

/** The voice's buttons: mute, and the keypad's toggle in the panel (beside the hang-up button when compact). */
export function renderVoiceButtons(view: VoiceView, compact: boolean): TemplateResult {
  const t = view.strings;
  const muteLabel = view.muted ? t.unmute : t.mute;
  return html`<button
      part="mute-button"
      type="button"
      class="round"
      aria-label=${t.mute}
      aria-pressed=${view.muted ? 'true' : 'false'}
      title=${muteLabel}
      @click=${view.onMute}
    >
      ${view.muted ? micOffIcon : micIcon}
    </button>
    ${compact
      ? nothing
      : html`<button
          part="keypad-button"
          type="button"
          class="round"
          aria-label=${t.keypad}
          aria-expanded=${view.keypadOpen ? 'true' : 'false'}
          aria-controls="cc-call-keypad"
          title=${t.keypad}
          @click=${view.onKeypad}
        >
          ${keypadIcon}
        </button>`}`;
}

/** Under the call's row (panel open): the level meter, the videos, the keypad. */
export function renderVoiceBody(view: VoiceView): TemplateResult {
  const t = view.strings;
  return html`<div class="call-voice">
    <div class="call-voice-row">
      <label class="call-level">
        ${view.muted ? micOffIcon : micIcon}
        <span>${t.micLevel}</span>
        <meter part="call-level" min="0" max="1" .value=${view.level}></meter>
      </label>
      ${renderVoiceButtons(view, false)}
    </div>
    ${view.video ? renderVideos(view) : nothing}
    <div
      part="call-keypad"
      id="cc-call-keypad"
      role="group"
      aria-label=${t.keypad}
      ?hidden=${!view.keypadOpen}
      @keydown=${(e: KeyboardEvent) => onKeypadKey(e, view)}
    >
      <div class="keys">
        ${DTMF_KEYS.map(
          (key) =>
            html`<button
              part="dtmf-key"
              type="button"
              data-key=${key}
              aria-label=${t.dtmfKey(key)}
              @click=${() => view.onTone(key)}
            >
              ${key}
            </button>`,
        )}
      </div>
      <p part="dtmf-sent" aria-live="polite">
        <span>${t.dtmfSent}</span> <output>${view.sent}</output>
      </p>
    </div>
  </div>`;
}

// The streams are attached after each render (attachVideos), not bound in the template: a media element that
// is re-created or moved is paused by the browser, and only an explicit play() starts it again.
function renderVideos(view: VoiceView): TemplateResult {
  return html`<div part="call-video">
    <video part="call-remote-video" aria-label=${view.strings.remoteVideo} muted playsinline></video>
    <video part="call-local-video" aria-label=${view.strings.localVideo} muted playsinline></video>
  </div>`;
}

/** Gives the rendered videos their streams and keeps them playing (muted: the sound plays elsewhere). */
export function attachVideos(root: ParentNode, remote: MediaStream | null, local: MediaStream | null): void {
  const pairs: Array<[string, MediaStream | null]> = [
    ['call-remote-video', remote],
    ['call-local-video', local],
  ];
  for (const [name, stream] of pairs) {
    const video = root.querySelector(`[part~="${name}"]`);
    if (!(video instanceof HTMLVideoElement)) continue;
    video.muted = true;
    if (video.srcObject !== stream) video.srcObject = stream;
    if (stream && video.paused) void video.play().catch(() => undefined);
  }
}

/** Typing a digit, * or # anywhere in the keypad sends it, as on a phone (the keys' own Enter/Space click). */
function onKeypadKey(event: KeyboardEvent, view: VoiceView): void {
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  if ((DTMF_KEYS as readonly string[]).includes(event.key)) {
    event.preventDefault();
    view.onTone(event.key);
  } else if (event.key === 'Escape') {
    event.preventDefault();
    event.stopPropagation();
    view.onKeypad();
  }
}

const micIcon = html`<svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
  <path
    fill="currentColor"
    d="M12 14a3 3 0 0 0 3-3V5a3 3 0 0 0-6 0v6a3 3 0 0 0 3 3zm5-3a5 5 0 0 1-10 0H5a7 7 0 0 0 6 6.92V21h2v-3.08A7 7 0 0 0 19 11z"
  />
</svg>`;
const micOffIcon = html`<svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
  <path
    fill="currentColor"
    d="M12 14a3 3 0 0 0 3-3V5a3 3 0 0 0-6 0v6a3 3 0 0 0 3 3zm5-3a5 5 0 0 1-10 0H5a7 7 0 0 0 6 6.92V21h2v-3.08A7 7 0 0 0 19 11z"
    opacity="0.45"
  />
  <path fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" d="M4 4l16 16" />
</svg>`;
const keypadIcon = html`<svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
  <g fill="currentColor">
    <circle cx="6" cy="5" r="1.8" /><circle cx="12" cy="5" r="1.8" /><circle cx="18" cy="5" r="1.8" />
    <circle cx="6" cy="11" r="1.8" /><circle cx="12" cy="11" r="1.8" /><circle cx="18" cy="11" r="1.8" />
    <circle cx="6" cy="17" r="1.8" /><circle cx="12" cy="17" r="1.8" /><circle cx="18" cy="17" r="1.8" />
    <circle cx="12" cy="22" r="1.6" />
  </g>
</svg>`;
