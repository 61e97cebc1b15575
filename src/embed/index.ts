// The script-tag build (dist/cc-chat.iife.js): everything bundled, registers <cc-chat> on load. The
// click-to-call is fetched from beside it when a call is possible (dist/cc-chat-call.iife.js, see
// call-loader.ts).
import '../define';
