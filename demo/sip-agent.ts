import { UA, WebSocketInterface } from 'jssip';
import type { IncomingDTMFEvent, OutgoingDTMFEvent, RTCSession } from 'jssip/lib/RTCSession';
import type { RTCSessionEvent } from 'jssip/lib/UA';

// The agent's side of a call, for the demo's agent page (/agent.html) and the tests: a JsSIP user agent
// registered at the SIP test gateway as the access code, answering every call automatically with the
// browser's microphone (and camera when the call offers video).

export interface AgentOptions {
  /** The gateway's WebSocket URL, e.g. ws://localhost:5173/sip. */
  url: string;
  /** The number the visitor calls (the simulator's accessCode). */
  user: string;
  domain: string;
  /** Answer each call at once (default true); otherwise `answer()` does. */
  autoAnswer?: boolean;
}

export type AgentState = 'starting' | 'ready' | 'ringing' | 'in-call' | 'ended' | 'failed';

/** What the agent knows, for its page and for the tests (read through `window.agent`). */
export class SipAgent extends EventTarget {
  state: AgentState = 'starting';
  /** The Request-URI user of the last INVITE (the number the visitor dialled). */
  calledUser: string | null = null;
  /** The From user of the last INVITE (the caller the visitor presented). */
  callerUser: string | null = null;
  /** The headers of the last INVITE, by lower-case name (the tests read extra headers from sipOptions). */
  inviteHeaders: Record<string, string> = {};
  /** DTMF tones received in the current call, in order. */
  dtmf: string[] = [];
  /** How the last call ended: `remote` (the visitor hung up) or `local`. */
  endedBy: string | null = null;
  peerConnection: RTCPeerConnection | null = null;
  remoteStream: MediaStream | null = null;
  readonly #ua: UA;
  #session: RTCSession | null = null;
  #local: MediaStream | null = null;
  readonly #autoAnswer: boolean;

  constructor(options: AgentOptions) {
    super();
    this.#autoAnswer = options.autoAnswer ?? true;
    this.#ua = new UA({
      sockets: [new WebSocketInterface(options.url)],
      uri: `sip:${options.user}@${options.domain}`,
      register: true,
      session_timers: false,
    });
    this.#ua.on('registered', () => this.#set('ready'));
    this.#ua.on('registrationFailed', () => this.#set('failed'));
    this.#ua.on('newRTCSession', (e: RTCSessionEvent) => {
      if (e.originator !== 'remote') return;
      const headers = (e.request as unknown as { headers: Record<string, Array<{ raw: string }>> }).headers;
      this.inviteHeaders = Object.fromEntries(
        Object.entries(headers).map(([name, values]) => [name.toLowerCase(), values[0]?.raw ?? '']),
      );
      this.#incoming(e.session, e.request.ruri?.user ?? null, e.request.from?.uri?.user ?? null);
    });
    this.#ua.start();
  }

  /** Answers the ringing call with the microphone (and camera when video is offered). */
  async answer(): Promise<void> {
    const session = this.#session;
    if (!session || this.state !== 'ringing') return;
    const sdp = (session as unknown as { _request?: { body?: string } })._request?.body ?? '';
    const video = /^m=video /m.test(sdp);
    this.#local = await navigator.mediaDevices.getUserMedia({ audio: true, video });
    session.answer({ mediaStream: this.#local, pcConfig: { iceServers: [] } });
  }

  /** Hangs up the call (BYE, or a 486 while ringing). */
  hangUp(): void {
    this.#session?.terminate();
  }

  stop(): void {
    this.hangUp();
    this.#ua.stop();
  }

  /** Bytes of audio received and sent so far in the call (getStats). */
  async audioBytes(): Promise<{ received: number; sent: number }> {
    let received = 0;
    let sent = 0;
    const stats = await this.peerConnection?.getStats();
    stats?.forEach((report: { type: string; kind?: string; bytesReceived?: number; bytesSent?: number }) => {
      if (report.kind !== 'audio') return;
      if (report.type === 'inbound-rtp') received += report.bytesReceived ?? 0;
      if (report.type === 'outbound-rtp') sent += report.bytesSent ?? 0;
    });
    return { received, sent };
  }

  #incoming(session: RTCSession, called: string | null, caller: string | null): void {
    this.#session = session;
    this.calledUser = called;
    this.callerUser = caller;
    this.dtmf = [];
    this.endedBy = null;
    this.peerConnection = null;
    this.remoteStream = null;
    session.on('peerconnection', (e) => this.#watch(e.peerconnection));
    session.on('newDTMF', (e: IncomingDTMFEvent | OutgoingDTMFEvent) => {
      if (e.originator !== 'remote') return;
      this.dtmf.push(e.dtmf.tone);
      this.#changed();
    });
    session.on('confirmed', () => this.#set('in-call'));
    const over = (by: string) => {
      this.endedBy = by;
      for (const track of this.#local?.getTracks() ?? []) track.stop();
      this.#local = null;
      this.#session = null;
      this.#set('ended');
    };
    session.on('ended', (e) => over(e.originator));
    session.on('failed', (e) => over(e.originator));
    this.#set('ringing');
    if (this.#autoAnswer) void this.answer();
  }

  #watch(pc: RTCPeerConnection): void {
    this.peerConnection = pc;
    pc.addEventListener('track', (e) => {
      this.remoteStream = e.streams[0] ?? new MediaStream([e.track]);
      this.#changed();
    });
  }

  #set(state: AgentState): void {
    this.state = state;
    this.#changed();
  }

  #changed(): void {
    this.dispatchEvent(new Event('change'));
  }
}
