import { resolve } from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import react from '@vitejs/plugin-react';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

// The framework apps of test/e2e/frameworks.spec.ts, built as a site's own build would: one page per
// framework. They import `cc-chat` and `cc-chat/define` by the package's name, which resolves through
// package.json `exports` to the built dist/ (the package referring to itself), so they get the files users get.
const here = import.meta.dirname;

export default defineConfig({
  root: here,
  // This project's public/ holds the MSW worker: not part of these sites.
  publicDir: false,
  logLevel: 'warn',
  plugins: [
    react(),
    // What every Vue app with <cc-chat> needs: the template compiler leaves the tag to the browser.
    vue({ template: { compilerOptions: { isCustomElement: (tag) => tag === 'cc-chat' } } }),
    svelte(),
  ],
  build: {
    outDir: resolve(here, '../../.tmp/frameworks'),
    emptyOutDir: true,
    target: 'es2022',
    rolldownOptions: {
      input: Object.fromEntries(['react', 'vue', 'svelte'].map((app) => [app, resolve(here, app, 'index.html')])),
    },
  },
});
