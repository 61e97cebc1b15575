// The script-tag build (dist/cc-chat.iife.js): Lit and the element bundled, registers <cc-chat> on load. The
// panel, the click-to-call and languages other than English are fetched from beside it when first needed
// (dist/cc-chat-panel.iife.js, cc-chat-call.iife.js, cc-chat-zh.iife.js; see parts.ts).
import '../define';
