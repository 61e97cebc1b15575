/** The global (a registered symbol) where cc-chat-voice.iife.js finds whom to hand itself to. */
export const VOICE_KEY = 'cc-chat.voice';
