import type { CallGateway } from './call-events';

// The seam between the call part and the voice part (src/voice/), whose SIP stack is some 60 KB gzip and
// so is fetched only when a call starts. Types only: the call part never imports the voice's code itself.

/**
 * What the SIP gateway needs beyond the call's details (the `sipOptions` property of <cc-chat>). The API
 * reference leaves registration and credentials open, so nothing here is guessed: all default to off.
 */
export interface SipOptions {
  /** REGISTER before the INVITE (default false). */
  register?: boolean;
  /** User name for digest authentication (default: the caller). */
  authorizationUser?: string;
  /** Password for digest authentication. Never shown or logged. */
  password?: string;
  /** Display name in From. */
  displayName?: string;
  /** STUN/TURN servers for the call's RTCPeerConnection (default none). */
  iceServers?: RTCIceServer[];
  /** How DTMF tones are sent: `INFO` (SIP INFO, default) or `RFC2833` (in the audio). */
  dtmfTransport?: 'INFO' | 'RFC2833';
  /** Extra SIP headers on the INVITE, e.g. `X-Token: …`. */
  extraHeaders?: string[];
  /** How long one gateway address may take to accept the WebSocket before the next is tried, ms (default 5000). */
  connectTimeoutMs?: number;
}

/** Why the voice of a call failed, told in words by the call's strings. */
export type VoiceFailure =
  /** The visitor (or the browser) refused the microphone or camera. */
  | { kind: 'permission' }
  /** No microphone (or camera for video). */
  | { kind: 'no-device' }
  /** The device exists but could not be opened (in use by another program…). */
  | { kind: 'media' }
  /** The voice's code could not be loaded. */
  | { kind: 'load' }
  /** "Call connected" came without a domain, an address or the number to call. */
  | { kind: 'config' }
  /** No gateway address accepted the WebSocket. */
  | { kind: 'unreachable' }
  /** The gateway refused: a SIP final response (404, 480, 486, 503…), or no answer at all (408). */
  | { kind: 'sip'; status: number }
  /** The call's media path could not be set up (ICE failed), or failed during the call. */
  | { kind: 'ice' }
  /** The WebSocket to the gateway dropped during the call. */
  | { kind: 'lost' };

export interface DialRequest {
  gateway: CallGateway;
  /** The microphone (and camera) the visitor granted; the voice part never stops it (its owner does). */
  stream: MediaStream;
  options: SipOptions;
}

/** What the voice part reports of one call. */
export interface VoiceListener {
  /** Media flows: the peer connection is connected. */
  live(): void;
  /** The remote side's media (audio, and video for video calls). */
  remoteStream(stream: MediaStream): void;
  /** The call could not be made, or broke. */
  failed(failure: VoiceFailure): void;
  /** The other side hung up (BYE). */
  ended(): void;
}

/** One SIP call under way. */
export interface VoiceCall {
  /** The call's peer connection once there is one (for getStats). */
  readonly peerConnection: RTCPeerConnection | null;
  /** Stops (true) or resumes sending the microphone: nothing is sent while muted. */
  setMuted(muted: boolean): void;
  /** Sends one DTMF tone (0-9, *, #, A-D). */
  sendDtmf(tone: string): void;
  /** BYE (CANCEL while ringing), then closes the WebSocket. Idempotent; nothing is reported afterwards. */
  hangUp(): void;
}

/** What the voice part brings. */
export interface VoicePart {
  dial(request: DialRequest, listener: VoiceListener): VoiceCall;
}
