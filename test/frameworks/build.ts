import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

// Type-checks and builds the framework apps (test/frameworks/react, vue and svelte) into .tmp/frameworks,
// as a site's own CI would: against the package's built files (dist/, from `npm run build`, which
// `npm test` runs first). The Svelte app is plain JavaScript: nothing to type-check.

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
const bin = (name: string) => resolve(root, 'node_modules/.bin', name);

export const FRAMEWORKS_OUT = resolve(root, '.tmp/frameworks');

export async function buildFrameworkApps(): Promise<void> {
  for (const file of ['dist/define.js', 'dist/types/jsx.d.ts', 'dist/types/vue.d.ts']) {
    if (!existsSync(resolve(root, file))) throw new Error(`${file} is missing: run \`npm run build\` first`);
  }
  const steps: Array<[string, string[]]> = [
    [bin('tsc'), ['-p', 'test/frameworks/react/tsconfig.json']],
    [bin('vue-tsc'), ['-p', 'test/frameworks/vue/tsconfig.json']],
    [bin('vite'), ['build', '--config', 'test/frameworks/vite.config.ts']],
  ];
  // Side by side: the checks and the build do not depend on each other.
  await Promise.all(
    steps.map(([command, args]) =>
      run(command, args, { cwd: root }).catch((error: { stdout?: string; stderr?: string; message: string }) => {
        throw new Error(`${[command, ...args].join(' ')} failed:\n${error.stdout ?? ''}${error.stderr ?? error.message}`);
      }),
    ),
  );
}
