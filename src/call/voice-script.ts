import { VOICE_KEY } from '../voice/voice-key';
import type { VoicePart } from './voice-host';

// The script-tag build's voice (it replaces voice-loader.ts in cc-chat-call.iife.js): the classic script
// cc-chat-voice.iife.js beside this one, added to the page when a call starts, with this script's nonce.
// It hands itself over through a registered symbol (src/voice/embed.ts), as it carries nothing of the
// widget's own and so needs none of what the core shares with its parts.

// Only known while this script runs: document.currentScript is null afterwards.
const thisScript = document.currentScript instanceof HTMLScriptElement ? document.currentScript : null;

let loading: Promise<VoicePart> | null = null;

export function loadVoicePart(): Promise<VoicePart> {
  loading ??= new Promise<VoicePart>((resolve, reject) => {
    (globalThis as Record<symbol, unknown>)[Symbol.for(VOICE_KEY)] = resolve;
    const script = document.createElement('script');
    script.src = new URL('cc-chat-voice.iife.js', thisScript?.src || document.baseURI).href;
    script.async = true;
    if (thisScript?.nonce) script.nonce = thisScript.nonce;
    script.addEventListener('error', () => {
      loading = null; // tried again at the next call
      script.remove();
      reject(new Error(`${script.src} did not load.`));
    });
    document.head.append(script);
  });
  return loading;
}
