import { parseSync, type Plugin } from 'vite';

/**
 * Build-only: shrinks the source-formatting whitespace of Lit `html` and `svg` tagged templates,
 * which the JS minifier leaves untouched (about 0.17 kB gzip of the widget). Each run of whitespace
 * that contains a line break becomes one space, which renders the same: between tags and in text
 * the browser collapses it to one space anyway, and inside a tag it only separates attributes.
 * Whitespace that is not a line break is left alone, and so is the content of `<pre>` and
 * `<textarea>` (the only elements where a template's whitespace is the content).
 *
 * Not for templates whose text is shown with `white-space: pre*`; keep those on one line (as
 * render-entry.ts does).
 */
export function minifyLitHtml(): Plugin {
  return {
    name: 'cc-chat-minify-lit-html',
    transform(code, id) {
      if (!id.includes('/src/') || !/\b(html|svg)`/.test(code)) return null;
      const edits = templateEdits(id, code);
      if (edits.length === 0) return null;
      let out = code;
      for (const { start, end, text } of edits.sort((a, b) => b.start - a.start)) {
        out = out.slice(0, start) + text + out.slice(end);
      }
      return { code: out, map: null };
    },
  };
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

interface Quasi {
  start: number;
  end: number;
  value: { raw: string };
}

/** Where in `code` the static text of each `html`/`svg` template changes, and to what. */
function templateEdits(id: string, code: string): Edit[] {
  const edits: Edit[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const child of node) visit(child);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const n = node as Record<string, unknown>;
    if (n.type === 'TaggedTemplateExpression') {
      const tag = n.tag as { type: string; name?: string };
      if (tag.type === 'Identifier' && (tag.name === 'html' || tag.name === 'svg')) {
        edits.push(...quasiEdits(code, (n.quasi as { quasis: Quasi[] }).quasis));
      }
    }
    for (const key in n) if (key !== 'parent') visit(n[key]);
  };
  visit(parseSync(id.replace(/[?#].*$/, ''), code).program);
  return edits;
}

/** A character that never occurs in template text, standing for each `${…}` while the text is worked on. */
const HOLE = '\u0000';

function quasiEdits(code: string, quasis: Quasi[]): Edit[] {
  const raws = quasis.map((q) => q.value.raw);
  if (raws.some((raw) => raw.includes(HOLE))) return [];
  const parts = minifyHtml(raws.join(HOLE)).split(HOLE);
  if (parts.length !== quasis.length) return [];
  const edits: Edit[] = [];
  quasis.forEach((q, i) => {
    const raw = raws[i];
    if (parts[i] === raw) return;
    // The raw text sits inside the element's span, after its opening delimiter (` or }).
    const start = code.indexOf(raw, q.start);
    if (start < 0 || start + raw.length > q.end) throw new Error(`minify-lit-html: template text not found at ${q.start}`);
    edits.push({ start, end: start + raw.length, text: parts[i] });
  });
  return edits;
}

/** Collapses each whitespace run holding a line break to one space, except inside `<pre>` and `<textarea>`. */
export function minifyHtml(html: string): string {
  const kept = /(<(pre|textarea)\b[^>]*>)([\s\S]*?)(<\/\2)/gi;
  let out = '';
  let last = 0;
  for (let match = kept.exec(html); match !== null; match = kept.exec(html)) {
    const contentStart = match.index + match[1].length;
    out += collapse(html.slice(last, contentStart)) + match[3];
    last = contentStart + match[3].length;
  }
  return out + collapse(html.slice(last));
}

function collapse(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}
