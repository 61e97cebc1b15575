// The script-tag build (dist/cc-chat.iife.js): everything bundled, registers <cc-chat> on load.
import './define';
