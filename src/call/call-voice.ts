import type { MediaAbility } from '../api/types';
import type { CallGateway } from './call-events';
import type { CallVoice, VoiceEvents } from './call-session';
import { openMedia, stopMedia, VoiceError } from './call-media';
import { LevelMeter } from './level-meter';
import { loadVoicePart } from './voice-loader';
import type { SipOptions, VoiceCall, VoicePart } from './voice-host';

// The voice of one call, on the call part's side: the microphone (and camera) before the contact center is
// called, the voice part fetched meanwhile, the SIP call on "Call connected", the remote sound, mute, DTMF,
// the input level; and, whatever ends the call, the microphone released.

export class CallVoiceLink implements CallVoice {
  readonly #events: VoiceEvents;
  readonly #options: SipOptions;
  readonly #onChange: () => void;
  #part: VoicePart | null = null;
  #call: VoiceCall | null = null;
  #meter: LevelMeter | null = null;
  #audio: HTMLAudioElement | null = null;
  #stopped = false;
  #muted = false;
  #local: MediaStream | null = null;
  #remote: MediaStream | null = null;

  constructor(events: VoiceEvents, options: SipOptions, onChange: () => void) {
    this.#events = events;
    // A copy: the page changing its sipOptions mid-call does not change this call.
    this.#options = { ...options };
    this.#onChange = onChange;
  }

  /** The visitor's camera for a video call (muted preview), once granted. */
  get localStream(): MediaStream | null {
    return this.#local;
  }

  /** The agent's side: its video is shown for video calls; its sound plays through an element of its own. */
  get remoteStream(): MediaStream | null {
    return this.#remote;
  }

  get muted(): boolean {
    return this.#muted;
  }

  /** The microphone's level, 0 to 1 (0 while muted). */
  level(): number {
    return this.#muted || !this.#meter ? 0 : this.#meter.level();
  }

  async prepare(media: MediaAbility): Promise<void> {
    // The voice's code comes while the visitor answers the permission prompt.
    const part = loadVoicePart().catch((): never => {
      throw new VoiceError({ kind: 'load' });
    });
    part.catch(() => undefined);
    const stream = await openMedia(media);
    if (this.#stopped) return stopMedia(stream); // hung up while the prompt was open
    this.#local = stream;
    try {
      this.#meter = new LevelMeter(stream);
    } catch {
      // No Web Audio: the call works, the meter stays empty.
    }
    this.#part = await part;
    this.#onChange();
  }

  dial(gateway: CallGateway): void {
    if (this.#stopped || !this.#part || !this.#local || this.#call) return;
    this.#call = this.#part.dial(
      { gateway, stream: this.#local, options: this.#options },
      {
        live: () => this.#events.live(),
        remoteStream: (stream) => this.#play(stream),
        failed: (failure) => this.#events.failed(failure),
        ended: () => this.#events.ended(),
      },
    );
    this.#call.setMuted(this.#muted);
  }

  setMuted(muted: boolean): void {
    this.#muted = muted;
    this.#call?.setMuted(muted);
    this.#onChange();
  }

  sendDtmf(tone: string): void {
    this.#call?.sendDtmf(tone);
  }

  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#call?.hangUp();
    this.#meter?.close();
    this.#meter = null;
    stopMedia(this.#local);
    if (this.#audio) {
      this.#audio.pause();
      this.#audio.srcObject = null;
    }
    this.#onChange();
  }

  #play(stream: MediaStream): void {
    if (this.#stopped) return;
    this.#remote = stream;
    // Not in the DOM: the sound goes on whether the panel is open or closed. The visitor's click started
    // the call, so the page may play it.
    this.#audio ??= new Audio();
    if (this.#audio.srcObject !== stream) {
      this.#audio.srcObject = stream;
      void this.#audio.play().catch(() => undefined);
    }
    this.#onChange();
  }
}
