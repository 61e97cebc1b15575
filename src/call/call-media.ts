import type { MediaAbility } from '../api/types';
import type { VoiceFailure } from './voice-host';

// The visitor's microphone (and camera for video calls), asked for before the contact center is called,
// so a refusal or a missing device is told at once and no call is left ringing.

/** A failure of the voice, as an Error (so it can be thrown) that carries what to tell the visitor. */
export class VoiceError extends Error {
  readonly failure: VoiceFailure;
  constructor(failure: VoiceFailure) {
    super(`voice: ${failure.kind}`);
    this.failure = failure;
  }
}

/** Opens the microphone (and camera); rejects with a {@link VoiceFailure} the visitor can be told. */
export async function openMedia(media: MediaAbility): Promise<MediaStream> {
  try {
    return await navigator.mediaDevices.getUserMedia({ audio: true, video: media === 'video' });
  } catch (error) {
    throw new VoiceError(mediaFailure(error));
  }
}

/** What a getUserMedia error means for the visitor. */
export function mediaFailure(error: unknown): VoiceFailure {
  const name = (error as { name?: string } | null)?.name;
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return { kind: 'permission' };
    case 'NotFoundError':
    case 'OverconstrainedError':
      return { kind: 'no-device' };
    default:
      return { kind: 'media' };
  }
}

/** Stops every track, so the browser's recording indicator goes off. */
export function stopMedia(stream: MediaStream | null): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}
