// The script-tag build's click-to-call (dist/cc-chat-call.iife.js): added to the page by cc-chat.iife.js
// when a call is possible (src/embed/parts.ts), never by hand. Its imports of Lit, the error class and the
// poll loop are the widget's own (scripts/share-core-modules.ts).
import { providePart } from '../embed/shared';
import { callPart } from './call-part';

providePart('cc-chat-call.iife.js', callPart);
