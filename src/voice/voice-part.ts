import type { VoicePart } from '../call/voice-host';
import { dialSip } from './sip-call';

/** The voice of a call as the call part fetches it (src/call/voice-loader.ts). */
export const voicePart: VoicePart = { dial: dialSip };
