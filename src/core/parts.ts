import type { ApiPart } from '../api/api-part';
import type { CallPart } from './call-host';
import type { PanelPart } from './panel-host';
import type { CcStrings, LoadableLanguage } from './strings';

// The parts of the widget fetched when first needed, so that a page pays only for what its visitor uses:
// for bundlers, chunks of their own. The script-tag builds replace this module (vite.config.ts): with
// src/embed/parts.ts, which adds the matching script from beside cc-chat.iife.js, and in cc-chat.all.iife.js
// with src/embed/parts-bundled.ts, which has them all inside.

/** The API client, fetched when a conversation starts or resumes (or a call needs the API). */
export function loadApiPart(): Promise<ApiPart> {
  return import('../api/api-part').then((module) => module.apiPart);
}

/** What is inside the panel, fetched when the visitor first opens the chat or shows the intent to. */
export function loadPanelPart(): Promise<PanelPart> {
  return import('../panel/panel-view').then((module) => module.panelPart);
}

/** The click-to-call, fetched the first time a call is possible (the channel offers calls, or `startCall()`). */
export function loadCallPart(): Promise<CallPart> {
  return import('../call/call-part').then((module) => module.callPart);
}

/** The strings of a language other than English, fetched the first time its locale is asked for. */
export function loadStrings(language: LoadableLanguage): Promise<CcStrings> {
  switch (language) {
    case 'zh':
      return import('../locales/zh').then((module) => module.zhCN);
  }
}
