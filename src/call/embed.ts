// The script-tag build's click-to-call (dist/cc-chat-call.iife.js): added to the page by cc-chat.iife.js
// when a call is possible (src/embed/call-loader.ts), never by hand. Its imports of Lit, the error class
// and the poll loop are the widget's own (scripts/share-core-modules.ts).
import { SHARED_KEY, type SharedWithCall } from '../embed/shared';
import { createCallFeature } from './call-feature';

const shared = (globalThis as Record<symbol, SharedWithCall | undefined>)[Symbol.for(SHARED_KEY)];
shared?.provide(createCallFeature);
