import { UA, WebSocketInterface } from 'jssip';
import type { RTCSession } from 'jssip/lib/RTCSession';
import type { DialRequest, VoiceCall, VoiceFailure, VoiceListener } from '../call/voice-host';
import { gatewayUrls, sipUri } from './gateway-urls';

// One SIP call over WebSocket with JsSIP: the gateway's addresses tried in order until one accepts the
// WebSocket (and the registration, when asked for), then the INVITE with the visitor's microphone (and
// camera). Everything that ends the call ends it once: the first report wins, and hangUp() silences it.

const DEFAULT_CONNECT_TIMEOUT_MS = 5000;

/** Dials the gateway; the listener hears of media, the remote stream and the end. */
export function dialSip(request: DialRequest, listener: VoiceListener): VoiceCall {
  return new SipCall(request, listener);
}

class SipCall implements VoiceCall {
  readonly #request: DialRequest;
  readonly #listener: VoiceListener;
  #ua: UA | null = null;
  #session: RTCSession | null = null;
  #pc: RTCPeerConnection | null = null;
  #over = false;
  #live = false;
  #muted = false;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(request: DialRequest, listener: VoiceListener) {
    this.#request = request;
    this.#listener = listener;
    const { domain, accessCode, caller, addresses } = request.gateway;
    const urls = gatewayUrls(addresses);
    if (!domain || !accessCode || urls.length === 0) {
      // Reported after the caller has its VoiceCall, like every other outcome.
      queueMicrotask(() => this.#fail({ kind: 'config' }));
      return;
    }
    this.#connect(urls, 0, sipUri(caller || 'anonymous', domain), sipUri(accessCode, domain));
  }

  get peerConnection(): RTCPeerConnection | null {
    return this.#pc;
  }

  setMuted(muted: boolean): void {
    this.#muted = muted;
    this.#applyMute();
  }

  sendDtmf(tone: string): void {
    const session = this.#session;
    if (!session || this.#over || !session.isEstablished()) return;
    const transportType = this.#request.options.dtmfTransport === 'RFC2833' ? 'RFC2833' : 'INFO';
    try {
      session.sendDTMF(tone, { transportType } as never);
    } catch {
      // An invalid tone or a session ending meanwhile: nothing to tell the visitor.
    }
  }

  hangUp(): void {
    if (this.#over) return;
    this.#over = true;
    this.#close();
  }

  /** Tries addresses[index]; on failure before the WebSocket opens, the next. */
  #connect(urls: string[], index: number, uri: string, target: string): void {
    const url = urls[index];
    if (this.#over) return;
    if (url === undefined) return this.#fail({ kind: 'unreachable' });
    const options = this.#request.options;
    let ua: UA;
    try {
      ua = new UA({
        sockets: [new WebSocketInterface(url)],
        uri,
        register: options.register === true,
        authorization_user: options.authorizationUser,
        password: options.password,
        display_name: options.displayName,
        session_timers: false,
        // One try per address: failing over is ours to do, in the server's order.
        connection_recovery_min_interval: 2,
        connection_recovery_max_interval: 30,
      });
    } catch {
      // A malformed URL or URI (JsSIP throws ConfigurationError): try the next address.
      return this.#connect(urls, index + 1, uri, target);
    }
    this.#ua = ua;
    let opened = false;
    const next = () => {
      if (this.#ua !== ua || this.#over) return;
      clearTimeout(this.#timer);
      this.#stopUa();
      this.#connect(urls, index + 1, uri, target);
    };
    this.#timer = setTimeout(next, options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS);
    ua.on('connected', () => {
      if (this.#ua !== ua || opened) return;
      opened = true;
      clearTimeout(this.#timer);
      if (!options.register) this.#invite(ua, target);
    });
    ua.on('disconnected', () => {
      if (!opened) return next();
      if (this.#ua !== ua) return;
      // The WebSocket dropped during the call: the call cannot be ended or changed any more.
      this.#fail({ kind: 'lost' });
    });
    ua.on('registered', () => {
      if (this.#ua === ua && !this.#session) this.#invite(ua, target);
    });
    ua.on('registrationFailed', (e) => {
      if (this.#ua !== ua || this.#session) return;
      const status = e.response?.status_code;
      this.#fail(status ? { kind: 'sip', status } : { kind: 'unreachable' });
    });
    ua.start();
  }

  #invite(ua: UA, target: string): void {
    const { stream, options } = this.#request;
    const session = ua.call(target, {
      mediaStream: stream,
      pcConfig: { iceServers: options.iceServers ?? [] },
      extraHeaders: options.extraHeaders,
      rtcOfferConstraints: {
        offerToReceiveAudio: true,
        offerToReceiveVideo: stream.getVideoTracks().length > 0,
      },
    });
    this.#session = session;
    this.#watch(session.connection);
    session.on('peerconnection', (e) => this.#watch(e.peerconnection));
    session.on('failed', (e) => {
      const status = (e.message as { status_code?: number } | undefined)?.status_code;
      if (status && status >= 300) return this.#fail({ kind: 'sip', status });
      if (e.cause === 'Request Timeout' || e.cause === 'No Answer') return this.#fail({ kind: 'sip', status: 408 });
      if (e.cause === 'Connection Error') return this.#fail({ kind: 'lost' });
      this.#fail({ kind: 'ice' });
    });
    session.on('ended', (e) => {
      if (e.originator === 'remote') this.#end();
      else if (!this.#over) this.#fail({ kind: 'lost' });
    });
  }

  /** Follows the peer connection: media flowing, the remote stream, an ICE failure. */
  #watch(pc: RTCPeerConnection | undefined): void {
    if (!pc || pc === this.#pc) return;
    this.#pc = pc;
    pc.addEventListener('track', (e) => {
      const stream = e.streams[0] ?? new MediaStream([e.track]);
      if (!this.#over) this.#listener.remoteStream(stream);
    });
    pc.addEventListener('connectionstatechange', () => {
      if (this.#over) return;
      if (pc.connectionState === 'connected' && !this.#live) {
        this.#live = true;
        this.#applyMute();
        this.#listener.live();
      } else if (pc.connectionState === 'failed') {
        this.#fail({ kind: 'ice' });
      }
    });
  }

  /**
   * Muted: the audio sender carries no track, so not a byte of the microphone goes out (a disabled track would
   * still send silence). Found by its transceiver's kind, as a muted sender has no track to tell it by.
   */
  #applyMute(): void {
    const pc = this.#pc;
    const track = this.#request.stream.getAudioTracks()[0];
    if (!pc || !track) return;
    for (const transceiver of pc.getTransceivers()) {
      if (transceiver.receiver.track.kind !== 'audio') continue;
      void transceiver.sender.replaceTrack(this.#muted ? null : track).catch(() => undefined);
    }
  }

  #fail(failure: VoiceFailure): void {
    if (this.#over) return;
    this.#over = true;
    this.#close();
    this.#listener.failed(failure);
  }

  #end(): void {
    if (this.#over) return;
    this.#over = true;
    this.#close();
    this.#listener.ended();
  }

  /** BYE or CANCEL (JsSIP picks by the session's state), then the WebSocket closes once they are sent. */
  #close(): void {
    clearTimeout(this.#timer);
    const session = this.#session;
    this.#session = null;
    if (session && !session.isEnded()) {
      try {
        session.terminate();
      } catch {
        // Already terminating.
      }
    }
    this.#stopUa();
  }

  #stopUa(): void {
    const ua = this.#ua;
    this.#ua = null;
    ua?.removeAllListeners();
    ua?.stop();
  }
}
