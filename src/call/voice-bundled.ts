import { voicePart } from '../voice/voice-part';
import type { VoicePart } from './voice-host';

// The one-file build's voice (it replaces voice-loader.ts there): inside the file, like every other part,
// so a site serving one file needs nothing beside it.

export function loadVoicePart(): Promise<VoicePart> {
  return Promise.resolve(voicePart);
}
