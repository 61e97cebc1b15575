// What the templates use (parts, custom properties) and what the element's JSDoc documents, read
// from the source, so a test can say which of them is undocumented (or documented but gone).
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const src = resolve(import.meta.dirname, '../../src');
const element = join(src, 'core/cc-chat.ts');

/** Every .ts file of the browser code (the server and simulator render no templates), by path under src/. */
function sources() {
  return readdirSync(src, { recursive: true })
    .filter((name) => name.endsWith('.ts') && !/^(server|simulator)\//.test(name))
    .map((name) => ({ file: name, text: readFileSync(join(src, name), 'utf8') }));
}

/** Part names written in templates: `part="a b"`; a part built from an expression cannot be checked. */
export function templateParts() {
  const names = new Set();
  for (const { text } of sources()) {
    for (const [, double, single] of text.matchAll(/\spart=(?:"([^"]*)"|'([^']*)'|\$\{)/g)) {
      const value = double ?? single;
      if (value === undefined) throw new Error('a part=${…} expression: write part names literally');
      for (const name of value.split(/\s+/).filter(Boolean)) names.add(name);
    }
  }
  return names;
}

/** Where the dark-scheme blocks start and end in a text: `@media (prefers-color-scheme: dark) { … }`, and the theme's `dark` tokens. */
function darkBlocks(text) {
  const blocks = [];
  for (const match of text.matchAll(/@media\s*\(\s*prefers-color-scheme:\s*dark\s*\)\s*\{/g)) {
    let depth = 1;
    let end = match.index + match[0].length;
    while (depth > 0 && end < text.length) {
      if (text[end] === '{') depth++;
      else if (text[end] === '}') depth--;
      end++;
    }
    blocks.push([match.index, end]);
  }
  // The theme's dark tokens, written once for both ways to the dark scheme (`theme="dark"`, and the system's).
  for (const match of text.matchAll(/const\s+dark\s*=\s*css`/g)) {
    blocks.push([match.index, text.indexOf('`', match.index + match[0].length)]);
  }
  return blocks;
}

/** The text from `from` up to the parenthesis that closes the one already open (nested ones skipped). */
function untilClosingParen(text, from) {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return text.slice(from, i);
  }
  throw new Error(`unclosed var( at ${from}`);
}

/**
 * Every read of a custom property in the styles: `var(--cc-chat-…[, fallback])`, with its file, its fallback
 * (whitespace collapsed; null without one), whether it is inside a dark-scheme block, and the internal token it
 * defines (`--_accent: var(--cc-chat-accent, …)`; null when it is read by a property of its own).
 */
export function customPropertyReads() {
  const reads = [];
  for (const source of sources()) {
    // Without block comments (JSDoc and CSS): a property named there, as in `@cssprop [--a=var(--b)]`, is not read.
    const text = source.text.replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ' '));
    const { file } = source;
    const dark = darkBlocks(text);
    for (const match of text.matchAll(/var\(\s*(--cc-chat-[a-z0-9-]+)\s*(,|\))/g)) {
      const after = match.index + match[0].length;
      const fallback = match[2] === ',' ? untilClosingParen(text, after).replace(/\s+/g, ' ').trim() : null;
      const inDark = dark.some(([start, end]) => match.index > start && match.index < end);
      const token = /(--_[a-z0-9-]+)\s*:\s*$/.exec(text.slice(Math.max(0, match.index - 80), match.index))?.[1] ?? null;
      reads.push({ name: match[1], file, fallback, dark: inDark, token });
    }
  }
  return reads;
}

/** Custom properties the styles read: `var(--cc-chat-…)`. */
export function customProperties() {
  return new Set(customPropertyReads().map((read) => read.name));
}

/** The internal tokens (`--_name`) the styles define (`--_name:`) and those they read (`var(--_name…`). */
export function internalTokens() {
  const defined = new Set();
  const used = new Set();
  for (const { text } of sources()) {
    for (const [, name] of text.matchAll(/(--_[a-z0-9-]+)\s*:/g)) defined.add(name);
    for (const [, name] of text.matchAll(/var\(\s*(--_[a-z0-9-]+)/g)) used.add(name);
  }
  return { defined, used };
}

/**
 * The element's JSDoc: `@csspart name` and `@cssprop --name` / `@cssprop [--name=default] - what (dark: value)`;
 * `cssDefaults` maps each documented property to its default and its dark default (null when not given).
 */
export function documented() {
  const text = readFileSync(element, 'utf8');
  const cssDefaults = new Map();
  for (const [, name, value, description] of text.matchAll(
    /@cssprop\s+(?:\{[^}]*\}\s+)?\[(--[a-z0-9-]+)=([^\]]*)\]([\s\S]*?)(?=\n\s*\*\s*@|\n\s*\*\/)/g,
  )) {
    cssDefaults.set(name, { value: value.trim(), dark: /\(dark: ([^)]+)\)/.exec(description)?.[1].trim() ?? null });
  }
  return {
    parts: new Set([...text.matchAll(/@csspart\s+([a-z0-9-]+)/g)].map((m) => m[1])),
    properties: new Set([...text.matchAll(/@cssprop\s+(?:\{[^}]*\}\s+)?\[?(--[a-z0-9-]+)/g)].map((m) => m[1])),
    cssDefaults,
    events: new Set([...text.matchAll(/@fires\s+(?:\{[^}]*\}\s+)?([a-z0-9-]+)/g)].map((m) => m[1])),
  };
}

/** The README's styling section (`### Styling` up to the next heading), where users read parts and properties. */
export function readmeStyling() {
  const readme = readFileSync(resolve(src, '../README.md'), 'utf8');
  const start = readme.indexOf('\n### Styling\n');
  if (start < 0) throw new Error('README.md has no "### Styling" section');
  const end = readme.slice(start + 1).search(/\n#{1,3} /);
  return end < 0 ? readme.slice(start) : readme.slice(start, start + 1 + end);
}
