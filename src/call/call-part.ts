import type { CallPart } from '../core/call-host';
import { createCall } from './call-feature';
import { enCall } from './call-strings';

/** The click-to-call as the widget fetches it (see src/core/parts.ts). */
export const callPart: CallPart = { create: createCall, strings: enCall };
