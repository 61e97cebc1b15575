// 1. Size, after `npm run build`: gzip bytes of the script-tag file and of the ES build (Lit external), and the
// largest contributors. The same measures as scripts/size.mjs (`npm run size`, which stays as it is), as a
// function returning numbers.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { Buffer } from 'node:buffer';
import { join, resolve } from 'node:path';
import { minifySync } from 'rolldown/experimental';
import { rolldown } from 'rolldown';
import { BUILD_DIR } from './build-node.mjs';

const DIST = 'dist';
const gzip = (text) => gzipSync(text, { level: 9 }).length;

/** The ES files a bundler pulls in for `import 'cc-chat/define'` (define.js and the chunks it imports). */
function esGraph(entry) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file) || !existsSync(join(DIST, file))) return;
    seen.add(file);
    const code = readFileSync(join(DIST, file), 'utf8');
    for (const [, spec] of code.matchAll(/(?:\bfrom|\bimport)\s*["'](\.{1,2}\/[^"']+)["']/g)) visit(join(file, '..', spec));
  };
  visit(entry);
  return [...seen];
}

/** Lit as the widget uses it (lit, its decorators and the repeat directive), minified and gzipped alone. */
async function litAlone() {
  const entry = resolve(BUILD_DIR, 'lit-entry.mjs');
  writeFileSync(
    entry,
    "export { LitElement, html, css, nothing } from 'lit';\n" +
      "export { property, query, state } from 'lit/decorators.js';\n" +
      "export { repeat } from 'lit/directives/repeat.js';\n",
  );
  const bundle = await rolldown({ input: entry, logLevel: 'silent' });
  const { output } = await bundle.generate({ format: 'esm', minify: true });
  await bundle.close();
  return gzip(output[0].code);
}

export async function measureSize() {
  const iifePath = join(DIST, 'cc-chat.iife.js');
  if (!existsSync(iifePath)) throw new Error('dist/cc-chat.iife.js is missing: run `npm run build` first.');
  const iife = readFileSync(iifePath, 'utf8');

  const esFiles = esGraph('define.js');
  const esCode = esFiles.map((f) => readFileSync(join(DIST, f), 'utf8')).join('\n');
  // What a consumer's bundler would ship of it once minified (Lit still external).
  const esMinified = minifySync('cc-chat.js', esCode.replace(/^export .*$/gm, ''), { compress: true, mangle: true }).code;

  // Contributors: each source module of the unminified ES chunk, minified and gzipped on its own (an estimate:
  // gzip shares a dictionary across modules in the real file), as scripts/size.mjs does.
  const chunk = readdirSync(DIST, { recursive: true }).find((name) => /^chunks\/cc-chat.*\.js$/.test(name)) ?? esFiles[1];
  const contributors = [];
  if (chunk) {
    const code = readFileSync(join(DIST, chunk), 'utf8');
    for (const part of code.split(/^\/\/ (?=src\/)/m).slice(1)) {
      const name = part.slice(0, part.indexOf('\n'));
      const min = minifySync(name.replace(/\.ts$/, '.js'), part, { compress: true, mangle: false }).code;
      contributors.push({ name, gzipBytes: gzip(min) });
    }
  }
  contributors.push({ name: 'lit (LitElement, decorators, repeat; alone)', gzipBytes: await litAlone() });
  contributors.sort((a, b) => b.gzipBytes - a.gzipBytes);

  return {
    iifeRawBytes: Buffer.byteLength(iife),
    iifeGzipBytes: gzip(iife),
    esFiles,
    esRawBytes: Buffer.byteLength(esCode),
    esGzipBytes: gzip(esCode),
    esMinifiedGzipBytes: gzip(esMinified),
    contributors: contributors.slice(0, 10),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) console.dir(await measureSize(), { depth: 4 });
