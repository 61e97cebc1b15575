// `<cc-chat>` in Preact TSX: `import type {} from 'cc-chat/preact'` once in the app. The props and
// `oncc-*` handlers come from the manifest (dist/types/jsx.d.ts).
import type { CustomElements } from '../dist/types/jsx.js';

declare module 'preact' {
  namespace JSX {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface IntrinsicElements extends CustomElements {}
  }
}
