export interface CustomPropertyRead {
  name: string;
  /** Under src/. */
  file: string;
  fallback: string | null;
  dark: boolean;
  /** The internal token the read defines (`--_accent`), or null. */
  token: string | null;
}
export function templateParts(): Set<string>;
export function customPropertyReads(): CustomPropertyRead[];
export function customProperties(): Set<string>;
export function internalTokens(): { defined: Set<string>; used: Set<string> };
export function documented(): {
  parts: Set<string>;
  properties: Set<string>;
  cssDefaults: Map<string, { value: string; dark: string | null }>;
  events: Set<string>;
};
export function readmeStyling(): string;
