// `npm run test:package` (in `npm test`, after the build): the package as users get it. Packs the
// tarball, lints it (publint, Are the Types Wrong?), then installs it into a consumer project and
// type-checks that under moduleResolution node16 and bundler: events, the class, the server and
// simulator entries, React 19, Preact and Vue. Offline: the consumer sits inside this project, so its
// other imports (lit, @types/react, vue…) resolve from the project's own node_modules.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkManifest } from './manifest.mjs';

const root = resolve(import.meta.dirname, '../..');
const work = join(root, '.tmp/package');
const bin = (name) => join(root, 'node_modules/.bin', name);
const run = (command, args, cwd = root) => {
  console.log(`\n$ ${[command, ...args].join(' ')}`);
  execFileSync(command, args, { cwd, stdio: 'inherit' });
};

rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });

// dist/ is fresh (npm test builds first), so skip prepack's second build.
run('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', work]);
const tarball = join(work, readdirSync(work).find((name) => name.endsWith('.tgz')));

run(bin('publint'), ['run', tarball, '--strict']);
// esm-only: the package has no CommonJS build, by design. The script-tag files are for <script src>,
// not for import, so they carry no types.
const scriptFiles = Object.keys((await import('../../package.json', { with: { type: 'json' } })).default.exports)
  .filter((entry) => entry.endsWith('.iife.js'));
run(bin('attw'), [tarball, '--profile', 'esm-only', '--format', 'table-flipped', '--exclude-entrypoints', ...scriptFiles]);

const consumer = join(work, 'consumer');
cpSync(join(import.meta.dirname, 'consumer'), consumer, { recursive: true });
const installed = join(consumer, 'node_modules/cc-chat');
mkdirSync(installed, { recursive: true });
run('tar', ['-xzf', tarball, '-C', installed, '--strip-components=1']);

checkManifest(installed);
for (const resolution of ['node16', 'bundler']) run(bin('tsc'), ['-p', `tsconfig.${resolution}.json`], consumer);
console.log('\nThe package checks passed.');
