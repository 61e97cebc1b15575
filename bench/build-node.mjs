// Bundles the TypeScript the Node-side benchmarks need (the real PollLoop, the HTTP simulator) into plain
// ESM under test/bench-results/.build/, with rolldown (Vite's bundler). npm packages stay external.
import { rolldown } from 'rolldown';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

export const BUILD_DIR = resolve('test/bench-results/.build');

/** Builds poll-loop.mjs, simulator.mjs and simulator-http.mjs; returns their absolute paths. */
export async function buildNodeModules() {
  mkdirSync(BUILD_DIR, { recursive: true });
  const bundle = await rolldown({
    input: {
      'poll-loop': 'src/core/controllers/poll-loop.ts',
      simulator: 'src/simulator/index.ts',
      'simulator-http': 'src/simulator/http.ts',
    },
    platform: 'node',
    // Bare imports (lit, msw, @mswjs/http-middleware, node:*) resolve from node_modules at run time.
    external: (id) => !id.startsWith('.') && !id.startsWith('/') && !/^[A-Za-z]:/.test(id),
    logLevel: 'silent',
  });
  await bundle.write({ dir: BUILD_DIR, format: 'esm', entryFileNames: '[name].mjs', chunkFileNames: '[name].mjs' });
  await bundle.close();
  return {
    pollLoop: resolve(BUILD_DIR, 'poll-loop.mjs'),
    simulator: resolve(BUILD_DIR, 'simulator.mjs'),
    simulatorHttp: resolve(BUILD_DIR, 'simulator-http.mjs'),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await buildNodeModules());
