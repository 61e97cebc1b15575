import { css, html, nothing } from 'lit';
import { CcApiError, isCcApiError } from '../api/errors';
import { PollLoop } from '../controllers/poll-loop';
import type { CreateCallFeature } from '../element/call-host';
import { SHARED_KEY, type SharedWithCall } from './shared';

// The script-tag build's way to the click-to-call (it replaces element/call-loader.ts there): a second
// classic script, cc-chat-call.iife.js, next to this one, added to the page the first time a call is
// possible. It gets the nonce of this script, so a nonce-based Content-Security-Policy allows it as it
// allowed this one, and it takes Lit and the rest from this script (shared.ts) instead of carrying copies.

// Only known while this script runs: document.currentScript is null afterwards.
const thisScript = document.currentScript instanceof HTMLScriptElement ? document.currentScript : null;
const CALL_SCRIPT = 'cc-chat-call.iife.js';

let loading: Promise<CreateCallFeature> | null = null;

export function loadCallFeature(): Promise<CreateCallFeature> {
  loading ??= new Promise<CreateCallFeature>((resolve, reject) => {
    const shared: SharedWithCall = {
      lit: { css, html, nothing },
      errors: { CcApiError, isCcApiError },
      pollLoop: { PollLoop },
      provide: (create) => resolve(create as CreateCallFeature),
    };
    (globalThis as Record<symbol, unknown>)[Symbol.for(SHARED_KEY)] = shared;
    const script = document.createElement('script');
    script.src = new URL(CALL_SCRIPT, thisScript?.src || document.baseURI).href;
    script.async = true;
    if (thisScript?.nonce) script.nonce = thisScript.nonce;
    script.addEventListener('error', () => {
      loading = null; // tried again on the next call
      script.remove();
      reject(new Error(`${script.src} did not load.`));
    });
    document.head.append(script);
  });
  return loading;
}
