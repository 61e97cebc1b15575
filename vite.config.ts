import { resolve } from 'node:path';
import { defineConfig, type BuildOptions } from 'vite';
import { simulatorPlugin } from './demo/simulator-plugin.ts';
import { minifyLitCss } from './scripts/minify-lit-css.ts';
import { minifyLitHtml } from './scripts/minify-lit-html.ts';
import { shareCoreModules } from './scripts/share-core-modules.ts';

// `npm start`: the demo page (index.html) with the ccmessaging simulator served over real HTTP
// from the same dev server, so the widget talks to it exactly as it would to a backend.
// `npm run build`: the library. Default mode: ES modules for bundlers, Lit (and msw) left as
// dependencies; `--mode iife`: the script-tag file (`iife-all`: the same in one file, parts included); `--mode panel-iife`, `call-iife`, `voice-iife` and `zh-iife`: the parts
// that the script-tag file adds to the page when first needed (src/embed/parts.ts).
// `npm run build:demo` (`--mode demo`): the demo as static files in dist-demo/, its simulator in the page
// (demo/browser-simulator.ts).
export default defineConfig(({ mode }) => ({
  // The static demo may be served from any folder of a host.
  base: mode === 'demo' ? './' : '/',
  // The static demo's build output is not the dev server's business.
  server: { port: 5173, strictPort: true, host: 'localhost', watch: { ignored: ['**/dist-demo/**'] } },
  // Lit's modules pre-bundled up front: otherwise the dev server finds the panel's (fetched on first open) only
  // then, re-optimizes and reloads the page under the visitor.
  optimizeDeps: { include: ['lit', 'lit/decorators.js', 'lit/directives/repeat.js', 'lit/directives/guard.js', 'lit/directive.js', 'lit/directive-helpers.js', 'jssip'] },
  preview: { port: 4173, strictPort: true, host: 'localhost' },
  plugins: [
    simulatorPlugin(),
    minifyLitCss(),
    ...(mode.endsWith('-iife') ? [shareCoreModules(process.cwd(), mode === 'api-iife' ? ['validate'] : [])] : []),
  ],
  // The script-tag builds replace the parts module: cc-chat.iife.js adds the part scripts beside it to the page,
  // cc-chat.all.iife.js has them inside.
  // The call part's way to the voice is replaced the same way: cc-chat-call.iife.js adds cc-chat-voice.iife.js,
  // cc-chat.all.iife.js has the voice inside.
  resolve: { alias: aliases(mode) },
  build:
    {
      iife: iifeBuild,
      'iife-all': iifeAllBuild,
      'api-iife': partBuild('src/api/embed.ts', 'cc-chat-api.iife.js'),
      'panel-iife': partBuild('src/panel/embed.ts', 'cc-chat-panel.iife.js'),
      'call-iife': partBuild('src/call/embed.ts', 'cc-chat-call.iife.js'),
      'voice-iife': partBuild('src/voice/embed.ts', 'cc-chat-voice.iife.js'),
      'zh-iife': partBuild('src/locales/embed-zh.ts', 'cc-chat-zh.iife.js'),
      server: serverBuild,
      demo: demoBuild,
    }[mode] ?? moduleBuild,
}));

const partsModule: Record<string, string> = { iife: 'src/embed/parts.ts', 'iife-all': 'src/embed/parts-bundled.ts' };
const voiceModule: Record<string, string> = { 'call-iife': 'src/call/voice-script.ts', 'iife-all': 'src/call/voice-bundled.ts' };

function aliases(mode: string): Array<{ find: RegExp; replacement: string }> {
  return [
    ...(partsModule[mode] ? [{ find: /^\.\/parts$/, replacement: resolve(partsModule[mode]) }] : []),
    ...(voiceModule[mode] ? [{ find: /^\.\/voice-loader$/, replacement: resolve(voiceModule[mode]) }] : []),
  ];
}

/**
 * The script-tag file: everything bundled (Lit included), registers <cc-chat> when loaded. Its
 * parts module is the one that adds the part scripts to the page (the alias above).
 */
const iifeBuild: BuildOptions = {
  outDir: 'dist',
  emptyOutDir: false,
  copyPublicDir: false,
  target: 'es2022',
  lib: { entry: 'src/embed/index.ts', formats: ['iife'], name: 'CcChatEmbed', fileName: () => 'cc-chat.iife.js' },
  rolldownOptions: { plugins: [minifyLitHtml()] },
};

/**
 * The whole widget in one script-tag file (panel, call and Chinese included), for sites that would rather
 * serve one file than a file and its parts (src/embed/parts-bundled.ts, the alias above).
 */
const iifeAllBuild: BuildOptions = {
  ...iifeBuild,
  lib: { entry: 'src/embed/all.ts', formats: ['iife'], name: 'CcChatEmbed', fileName: () => 'cc-chat.all.iife.js' },
};

/** A part of the script-tag build (the call, a language), on the widget's own Lit (shareCoreModules, above). */
function partBuild(entry: string, fileName: string): BuildOptions {
  return {
    outDir: 'dist',
    emptyOutDir: false,
    copyPublicDir: false,
    target: 'es2022',
    lib: { entry, formats: ['iife'], name: 'CcChatPart', fileName: () => fileName },
    rolldownOptions: { plugins: [minifyLitHtml()] },
  };
}

/** ES modules for bundlers: Lit and msw stay dependencies; the class entry has no side effects. */
const moduleBuild: BuildOptions = {
  outDir: 'dist',
  emptyOutDir: true,
  copyPublicDir: false,
  target: 'es2022',
  minify: false,
  lib: {
    entry: { index: 'src/index.ts', define: 'src/define.ts', simulator: 'src/simulator/index.ts' },
    formats: ['es'],
  },
  rolldownOptions: {
    external: [/^lit(\/|$)/, /^msw(\/|$)/, /^@lit\//, /^jssip(\/|$)/],
    output: { chunkFileNames: 'chunks/[name].js' },
    plugins: [minifyLitHtml()],
  },
};

/**
 * The demo page as a static site: the page, its widget (parts as chunks) and the simulator behind MSW's
 * service worker, with public/mockServiceWorker.js copied beside it. Only index.html: the agent's phone and
 * embed.html need the dev server.
 */
const demoBuild: BuildOptions = {
  outDir: 'dist-demo',
  emptyOutDir: true,
  copyPublicDir: true,
  target: 'es2022',
  rolldownOptions: { input: { index: resolve('index.html') } },
};

/** The Node-only proxy (`cc-chat/server`), for the site's backend. */
const serverBuild: BuildOptions = {
  outDir: 'dist/server',
  emptyOutDir: false,
  copyPublicDir: false,
  target: 'node20',
  minify: false,
  ssr: 'src/server/index.ts',
  rolldownOptions: { output: { entryFileNames: 'index.js' } },
};
