// What the templates use (parts, custom properties) and what the element's JSDoc documents, read
// from the source, so a test can say which of them is undocumented (or documented but gone).
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const src = resolve(import.meta.dirname, '../../src');
const element = join(src, 'core/cc-chat.ts');

/** Every .ts file of the browser code (the server and simulator render no templates). */
function sources() {
  return readdirSync(src, { recursive: true })
    .filter((name) => name.endsWith('.ts') && !/^(server|simulator)\//.test(name))
    .map((name) => readFileSync(join(src, name), 'utf8'));
}

/** Part names written in templates: `part="a b"`; a part built from an expression cannot be checked. */
export function templateParts() {
  const names = new Set();
  for (const text of sources()) {
    for (const [, double, single] of text.matchAll(/\spart=(?:"([^"]*)"|'([^']*)'|\$\{)/g)) {
      const value = double ?? single;
      if (value === undefined) throw new Error('a part=${…} expression: write part names literally');
      for (const name of value.split(/\s+/).filter(Boolean)) names.add(name);
    }
  }
  return names;
}

/** Custom properties the styles read: `var(--cc-chat-…)`. */
export function customProperties() {
  const names = new Set();
  for (const text of sources()) for (const [name] of text.matchAll(/--cc-chat-[a-z0-9-]+/g)) names.add(name);
  return names;
}

/** The element's JSDoc: `@csspart name` and `@cssprop --name` / `@cssprop [--name=default]`. */
export function documented() {
  const text = readFileSync(element, 'utf8');
  return {
    parts: new Set([...text.matchAll(/@csspart\s+([a-z0-9-]+)/g)].map((m) => m[1])),
    properties: new Set([...text.matchAll(/@cssprop\s+(?:\{[^}]*\}\s+)?\[?(--[a-z0-9-]+)/g)].map((m) => m[1])),
    events: new Set([...text.matchAll(/@fires\s+(?:\{[^}]*\}\s+)?([a-z0-9-]+)/g)].map((m) => m[1])),
  };
}
