// The script-tag build (dist/cc-chat.iife.js): everything bundled, registers <cc-chat> on load. The
// click-to-call and languages other than English are fetched from beside it when first needed
// (dist/cc-chat-call.iife.js, dist/cc-chat-zh.iife.js; see parts.ts).
import '../define';
