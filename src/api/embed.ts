// The script-tag build's API client (dist/cc-chat-api.iife.js): added to the page by cc-chat.iife.js when a
// conversation starts or resumes (src/embed/parts.ts), never by hand. Its error class is the widget's own
// (scripts/share-core-modules.ts), so `instanceof CcApiError` holds across the two scripts.
import { providePart } from '../embed/shared';
import { apiPart } from './api-part';

providePart('cc-chat-api.iife.js', apiPart);
