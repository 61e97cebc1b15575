import type { Plugin } from 'vite';

/**
 * Build-only: collapses the whitespace and comments inside Lit `css` tagged templates, which
 * the JS minifier leaves untouched (about 0.75 kB gzip of the widget). Quoted strings are kept
 * as written. Templates with `${…}` interpolations are left as they are.
 */
export function minifyLitCss(): Plugin {
  return {
    name: 'cc-chat-minify-lit-css',
    apply: 'build',
    transform(code, id) {
      if (!id.includes('/src/') || !code.includes('css`')) return null;
      const out = code.replace(/\bcss`([^`$]*)`/g, (_match, body: string) => `css\`${minifyCss(body)}\``);
      return out === code ? null : { code: out, map: null };
    },
  };
}

/** Comments and quoted strings, which are set aside before the whitespace is worked on. */
const COMMENT_OR_STRING = /\/\*[\s\S]*?\*\/|'(?:[^'\\]|\\[\s\S])*'|"(?:[^"\\]|\\[\s\S])*"/g;
/** Stands for the string with this index while the rest is minified (private-use characters, never in CSS). */
const STRING_MARK = /\uE000(\d+)\uE001/g;

/**
 * Drops comments and collapses whitespace: none around `{};,>` or after `:`, no `;` before `}`.
 * Quoted strings (`content: '· '`) are kept exactly as written.
 */
export function minifyCss(css: string): string {
  const strings: string[] = [];
  return css
    .replace(COMMENT_OR_STRING, (token) => {
      if (token.startsWith('/*')) return ' ';
      strings.push(token);
      return `\uE000${strings.length - 1}\uE001`;
    })
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}')
    .trim()
    .replace(STRING_MARK, (_mark, index: string) => strings[Number(index)]);
}
