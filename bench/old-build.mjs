// The widget before issue 11 (the parent of the commit that made live conversations poll while hidden and one
// tab poll for all), built once into a temporary folder so the live-conversation phases measure it beside today's
// build in the same run, on the same simulator. Only the script-tag files are built (cc-chat.iife.js and its
// parts), from `git archive` of that commit with this checkout's node_modules (the dependencies did not change).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** b505d42: main just before f42f4e0 ("Live conversations poll while hidden, one tab polls, gaps are caught up"). */
export const OLD_COMMIT = 'b505d42';
const MODES = ['iife', 'panel-iife', 'call-iife', 'zh-iife'];

function run(command, args, options) {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 180_000, ...options });
  if (result.status !== 0) {
    throw new Error(`old build: ${command} ${args.join(' ')} failed (${result.error?.message ?? `exit ${result.status}`})\n${result.stderr ?? ''}`);
  }
  return result.stdout;
}

/** Builds (or reuses) the old commit's dist; returns its absolute path. Outside the checkout, so no tool sees it. */
export function buildOldWidget(commit = OLD_COMMIT) {
  const full = run('git', ['rev-parse', '--verify', `${commit}^{commit}`]).trim();
  const dir = join(tmpdir(), `cc-chat-bench-old-${full.slice(0, 12)}`);
  const dist = join(dir, 'dist');
  const stamp = join(dir, '.built');
  if (existsSync(stamp)) return dist;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const archive = spawnSync('git', ['archive', full], { maxBuffer: 256 * 1024 * 1024, timeout: 60_000 });
  if (archive.status !== 0) throw new Error(`old build: git archive ${full} failed`);
  run('tar', ['-x', '-C', dir], { input: archive.stdout, encoding: 'buffer' });
  symlinkSync(resolve('node_modules'), join(dir, 'node_modules'), 'dir');
  for (const mode of MODES) run(process.execPath, [resolve('node_modules/vite/bin/vite.js'), 'build', '--mode', mode, '--logLevel', 'warn'], { cwd: dir });
  writeFileSync(stamp, `${full}\n`);
  return dist;
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(buildOldWidget());
