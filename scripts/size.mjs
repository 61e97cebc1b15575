// `npm run size`: raw and gzip bytes of each built file, the largest contributors to the
// script-tag build, and a budget that fails the run. Run after `npm run build`.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { minifySync } from 'rolldown/experimental';

const DIST = 'dist';
/** Gzip bytes the script-tag build may weigh (issue "Ship it"); the project's goal is 20,000. */
const IIFE_BUDGET = Number(process.env.CC_CHAT_IIFE_BUDGET ?? 25_000);

const gzip = (text) => gzipSync(text, { level: 9 }).length;
const kb = (bytes) => `${(bytes / 1000).toFixed(1)} kB`.padStart(9);

const files = readdirSync(DIST, { recursive: true })
  .filter((name) => name.endsWith('.js'))
  .map((name) => {
    const text = readFileSync(join(DIST, name), 'utf8');
    return { name, raw: statSync(join(DIST, name)).size, gzip: gzip(text) };
  })
  .sort((a, b) => b.gzip - a.gzip);

console.log('file'.padEnd(34), 'raw'.padStart(9), 'gzip'.padStart(9));
for (const file of files) console.log(file.name.padEnd(34), kb(file.raw), kb(file.gzip));

// Contributors: each source module of the unminified ES chunk, minified and gzipped on its own
// (an estimate: gzip shares a dictionary across modules in the real file).
const esChunk = files.find((f) => /^chunks\/cc-chat.*\.js$/.test(f.name));
if (esChunk) {
  const code = readFileSync(join(DIST, esChunk.name), 'utf8');
  const modules = code
    .split(/^\/\/ (?=src\/)/m)
    .slice(1)
    .map((part) => {
      const name = part.slice(0, part.indexOf('\n'));
      const min = minifySync(name.replace(/\.ts$/, '.js'), part, { compress: true, mangle: false }).code;
      return { name, gzip: gzip(min) };
    })
    .sort((a, b) => b.gzip - a.gzip);
  console.log('\nlargest contributors (each minified + gzipped alone; Lit itself is about 6 kB):');
  for (const m of modules.slice(0, 12)) console.log('  ', m.name.padEnd(40), kb(m.gzip));
}

const iife = files.find((f) => f.name === 'cc-chat.iife.js');
if (!iife) {
  console.error('\ndist/cc-chat.iife.js is missing: run `npm run build` first.');
  process.exit(1);
}
if (iife.gzip > IIFE_BUDGET) {
  console.error(`\ncc-chat.iife.js is ${iife.gzip} gzip bytes, over the budget of ${IIFE_BUDGET}.`);
  process.exit(1);
}
console.log(`\ncc-chat.iife.js: ${iife.gzip} gzip bytes, within the budget of ${IIFE_BUDGET}.`);
