// The one-file script-tag build (dist/cc-chat.all.iife.js): the widget with its parts (panel, click-to-call,
// Chinese) inside, for sites that would rather serve one file. Registers <cc-chat> on load, like
// cc-chat.iife.js; whichever of the two a page loads first defines the tag.
import '../define';
