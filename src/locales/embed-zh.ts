// The script-tag build's Simplified Chinese strings (dist/cc-chat-zh.iife.js): added to the page by
// cc-chat.iife.js the first time a Chinese locale is asked for (src/embed/parts.ts), never by hand.
import { providePart } from '../embed/shared';
import { zhCN } from './zh';

providePart('cc-chat-zh.iife.js', zhCN);
