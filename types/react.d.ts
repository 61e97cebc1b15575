// `<cc-chat>` in React 19 TSX: `import type {} from 'cc-chat/react'` once in the app (or list it in
// tsconfig's `types`). The props and `oncc-*` handlers come from the manifest (dist/types/jsx.d.ts).
import type { CustomElements } from '../dist/types/jsx.js';

declare module 'react' {
  namespace JSX {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface IntrinsicElements extends CustomElements {}
  }
}
