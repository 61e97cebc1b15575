import { css, html, nothing } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { repeat } from '../core/bounded-repeat';
import { CcApiError, isCcApiError } from '../core/errors';
import { browserHasWebRtc } from '../core/controllers/call-support';
import { isFatal, isSameFailure, toApiError } from '../core/controllers/failures';
import { characterBudget, MAX_MESSAGE_BYTES, messageBytes } from '../core/controllers/message-limits';
import { PollLoop } from '../core/controllers/poll-loop';
import { ccEvent } from '../core/events';
import { parseFileContent } from '../core/file-content';
import { closeIcon } from '../core/icons';
import { clip, MAX_JSON, messageSummary, nonEmpty } from '../core/message-content';
import { senderLabel } from '../core/sender';
import { mediaName } from '../core/strings';
import type { ApiPart } from '../api/api-part';
import type { CallPart } from '../core/call-host';
import type { PanelPart } from '../core/panel-host';
import type { CcStrings, LoadableLanguage } from '../core/strings';
import { SHARED_KEY, type PartScript, type SharedWithParts } from './shared';

// The script-tag build's way to the parts fetched on demand (it replaces core/parts.ts there): each part
// is a classic script beside this one (cc-chat-panel.iife.js, cc-chat-call.iife.js, cc-chat-zh.iife.js), added to the page the
// first time it is needed. It gets the nonce of this script, so a nonce-based Content-Security-Policy
// allows it as it allowed this one, and it takes Lit and the rest from this script (shared.ts) instead of
// carrying copies; it hands itself over through `provide`.

// Only known while this script runs: document.currentScript is null afterwards.
const thisScript = document.currentScript instanceof HTMLScriptElement ? document.currentScript : null;

const loading = new Map<PartScript, Promise<unknown>>();
const waiting = new Map<PartScript, (part: unknown) => void>();

const shared: SharedWithParts = {
  lit: { css, html, nothing },
  repeat: { repeat },
  guard: { guard },
  errors: { CcApiError, isCcApiError },
  events: { ccEvent },
  pollLoop: { PollLoop },
  failures: { isFatal, isSameFailure, toApiError },
  callSupport: { browserHasWebRtc },
  messageLimits: { MAX_MESSAGE_BYTES, characterBudget, messageBytes },
  validate: { ObjectReader: undefined },
  icons: { closeIcon },
  messageContent: { clip, MAX_JSON, nonEmpty, messageSummary },
  fileContent: { parseFileContent },
  sender: { senderLabel },
  strings: { mediaName },
  provide: (file, part) => waiting.get(file)?.(part),
};

function loadScript<T>(file: PartScript): Promise<T> {
  let load = loading.get(file);
  if (!load) {
    load = new Promise((resolve, reject) => {
      (globalThis as Record<symbol, unknown>)[Symbol.for(SHARED_KEY)] ??= shared;
      waiting.set(file, resolve);
      const script = document.createElement('script');
      script.src = new URL(file, thisScript?.src || document.baseURI).href;
      script.async = true;
      if (thisScript?.nonce) script.nonce = thisScript.nonce;
      script.addEventListener('error', () => {
        loading.delete(file); // tried again the next time it is needed
        script.remove();
        reject(new Error(`${script.src} did not load.`));
      });
      document.head.append(script);
    });
    loading.set(file, load);
  }
  return load as Promise<T>;
}

export function loadApiPart(): Promise<ApiPart> {
  return loadScript<ApiPart>('cc-chat-api.iife.js').then((api) => {
    shared.validate.ObjectReader = api.ObjectReader;
    return api;
  });
}

export function loadPanelPart(): Promise<PanelPart> {
  return loadScript('cc-chat-panel.iife.js');
}

export function loadCallPart(): Promise<CallPart> {
  return loadScript('cc-chat-call.iife.js');
}

export function loadStrings(language: LoadableLanguage): Promise<CcStrings> {
  return loadScript(`cc-chat-${language}.iife.js`);
}
