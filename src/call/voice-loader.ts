import type { VoicePart } from './voice-host';

// The voice part (JsSIP and the SIP call), fetched when a call starts: for bundlers, a chunk of its own.
// The script-tag builds replace this module (vite.config.ts): cc-chat-call.iife.js with voice-script.ts,
// which adds cc-chat-voice.iife.js from beside it, and cc-chat.all.iife.js with voice-bundled.ts.

export function loadVoicePart(): Promise<VoicePart> {
  return import('../voice/voice-part').then((module) => module.voicePart);
}
