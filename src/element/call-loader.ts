import type { CreateCallFeature } from './call-host';

/**
 * The click-to-call's code, fetched the first time a call is possible (the channel offers calls, or
 * `startCall()`): for bundlers, a chunk of its own. The script-tag build replaces this module with one that
 * loads `cc-chat-call.iife.js` from beside `cc-chat.iife.js` (see `src/embed/call-loader.ts`).
 */
export function loadCallFeature(): Promise<CreateCallFeature> {
  return import('../call/call-feature').then((module) => module.createCallFeature);
}
