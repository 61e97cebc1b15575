import { dts } from 'rollup-plugin-dts';

// One declaration file per package entry, bundled from tsc's per-module output (.tmp/types). Bundling
// is what makes them resolve everywhere: tsc keeps the source's extensionless relative imports, which
// moduleResolution node16/nodenext cannot follow; the bundles only import each other with `.js`.
// Types shared by several entries land once in dist/types/chunks/, so `CcChat` is one type everywhere.
export default {
  input: {
    index: '.tmp/types/index.d.ts',
    define: '.tmp/types/define.d.ts',
    'simulator/index': '.tmp/types/simulator/index.d.ts',
    'server/index': '.tmp/types/server/index.d.ts',
  },
  output: { dir: 'dist/types', format: 'es', entryFileNames: '[name].d.ts', chunkFileNames: 'chunks/[name].ts' },
  external: [/^node:/],
  plugins: [dts()],
};
