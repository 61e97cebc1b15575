import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { SHARED_KEY, SHARED_MODULES } from '../src/embed/shared.ts';

const PREFIX = '\0cc-chat-shared:';

/**
 * Build-only, for the part scripts (cc-chat-panel.iife.js, cc-chat-call.iife.js…): their imports of the modules in
 * src/embed/shared.ts become reads of what cc-chat.iife.js published before adding the script, so a part
 * runs on the widget's own Lit, error class, poll loop and readers instead of copies. A name a part
 * imports that is not shared fails the build ("missing export"). `own`: shared modules this part brings itself
 * (the API part brings the readers it then shares).
 */
export function shareCoreModules(root = process.cwd(), own: readonly string[] = []): Plugin {
  const byPath = new Map<string, string>();
  const bySpecifier = new Map<string, string>();
  for (const [key, { specifier }] of Object.entries(SHARED_MODULES)) {
    if (own.includes(key)) continue;
    if (specifier.startsWith('src/')) byPath.set(resolve(root, specifier), key);
    else bySpecifier.set(specifier, key);
  }
  return {
    name: 'cc-chat-share-core-modules',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      const bare = bySpecifier.get(source);
      if (bare) return PREFIX + bare;
      if (!source.startsWith('.') || !importer) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      const key = resolved && byPath.get(resolved.id.split('?')[0]);
      return key ? PREFIX + key : null;
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const key = id.slice(PREFIX.length) as keyof typeof SHARED_MODULES;
      const names = SHARED_MODULES[key].names;
      return [
        `const shared = globalThis[Symbol.for(${JSON.stringify(SHARED_KEY)})]?.[${JSON.stringify(key)}] ?? {};`,
        `export const { ${names.join(', ')} } = shared;`,
      ].join('\n');
    },
  };
}
