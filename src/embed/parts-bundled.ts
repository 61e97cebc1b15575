import { apiPart, type ApiPart } from '../api/api-part';
import { callPart } from '../call/call-part';
import type { CallPart } from '../core/call-host';
import type { PanelPart } from '../core/panel-host';
import type { CcStrings, LoadableLanguage } from '../core/strings';
import { zhCN } from '../locales/zh';
import { panelPart } from '../panel/panel-view';

// The one-file script-tag build's parts module (it replaces core/parts.ts there): every part is inside
// the file already. Static imports rather than inlined dynamic ones, so the bundler can hoist every module
// into one scope (inlined dynamic imports are wrapped in lazy initialisers, some 4 KB more gzip).

export function loadApiPart(): Promise<ApiPart> {
  return Promise.resolve(apiPart);
}

export function loadPanelPart(): Promise<PanelPart> {
  return Promise.resolve(panelPart);
}

export function loadCallPart(): Promise<CallPart> {
  return Promise.resolve(callPart);
}

export function loadStrings(language: LoadableLanguage): Promise<CcStrings> {
  switch (language) {
    case 'zh':
      return Promise.resolve(zhCN);
  }
}
