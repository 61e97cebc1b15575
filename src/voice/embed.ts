// The script-tag build's voice (dist/cc-chat-voice.iife.js): JsSIP and the SIP call, added to the page by
// cc-chat-call.iife.js when a call starts (src/call/voice-script.ts), never by hand.
import { VOICE_KEY } from './voice-key';
import { voicePart } from './voice-part';

(globalThis as Record<symbol, ((part: unknown) => void) | undefined>)[Symbol.for(VOICE_KEY)]?.(voicePart);
