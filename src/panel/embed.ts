// The script-tag build's panel (dist/cc-chat-panel.iife.js): added to the page by cc-chat.iife.js when the
// visitor first opens the chat or shows the intent to (src/embed/parts.ts), never by hand. Its imports of Lit
// are the widget's own (scripts/share-core-modules.ts).
import { providePart } from '../embed/shared';
import { panelPart } from './panel-view';

providePart('cc-chat-panel.iife.js', panelPart);
