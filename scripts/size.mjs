// `npm run size`: raw and gzip bytes of each built file, the largest contributors to the
// script-tag build, and a budget that fails the run (`npm test` runs it too). Run after `npm run build`.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, relative } from 'node:path';
import { minifySync } from 'rolldown/experimental';
import { build } from 'vite';

const DIST = 'dist';
/** Gzip bytes the script-tag file may weigh (issue "Ship it"); the project's goal is 20,000. */
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

// Contributors: the script-tag build once more, in memory, for what each module puts into it (its code as
// bundled: tree-shaken, templates minified), minified and mangled on its own and gzipped. An estimate: in the
// real file gzip shares one dictionary, so the parts add up to more than the whole.
const bundle = await build({ configFile: 'vite.config.ts', mode: 'iife', logLevel: 'silent', build: { write: false } });
const chunk = [bundle]
  .flat()
  .flatMap((result) => result.output)
  .find((output) => output.type === 'chunk' && output.fileName === 'cc-chat.iife.js');
if (chunk) {
  const sizeOf = (name, code) => gzip(minifySync(name, code, { compress: true, mangle: true }).code);
  const entries = Object.entries(chunk.modules).filter(([, module]) => module.code);
  const lit = entries.filter(([id]) => id.includes('/node_modules/'));
  const modules = entries
    .filter(([id]) => !id.includes('/node_modules/'))
    .map(([id, module]) => ({ name: relative(process.cwd(), id), gzip: sizeOf('module.js', module.code) }));
  modules.push({ name: `Lit (${lit.length} modules, together)`, gzip: sizeOf('lit.js', lit.map(([, m]) => m.code).join('\n')) });
  modules.sort((a, b) => b.gzip - a.gzip);
  console.log('\nlargest contributors to cc-chat.iife.js (each minified + gzipped alone):');
  for (const m of modules.slice(0, 16)) console.log('  ', m.name.padEnd(40), kb(m.gzip));
}

const iife = files.find((f) => f.name === 'cc-chat.iife.js');
if (!iife) {
  console.error('\ndist/cc-chat.iife.js is missing: run `npm run build` first.');
  process.exit(1);
}
// What a visitor downloads: the script at page load, the API client and the panel when the chat is first opened
// (or hovered; the API client alone when a conversation resumes closed), the call and the Chinese strings only
// when needed, the voice (the SIP stack) when a call starts.
const gzipOf = (name) => files.find((f) => f.name === name)?.gzip ?? 0;
const opened = iife.gzip + gzipOf('cc-chat-api.iife.js') + gzipOf('cc-chat-panel.iife.js');
const calling = opened + gzipOf('cc-chat-call.iife.js');
console.log(`\nat page load: ${iife.gzip} B; with the chat opened: ${opened} B; with a call too: ${calling} B; with its voice: ${calling + gzipOf('cc-chat-voice.iife.js')} B (gzip).`);
if (iife.gzip > IIFE_BUDGET) {
  console.error(`\ncc-chat.iife.js is ${iife.gzip} gzip bytes, over the budget of ${IIFE_BUDGET}.`);
  process.exit(1);
}
console.log(`\ncc-chat.iife.js: ${iife.gzip} gzip bytes, within the budget of ${IIFE_BUDGET}.`);
