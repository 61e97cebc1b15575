// The load units' boundaries, as the lint rule (eslint.config.js) enforces them. The page-load core
// (src/core, what cc-chat.iife.js holds) never imports a part statically; a part (api, panel, call, voice,
// locales) imports from the core only the modules the script-tag build shares with it (src/embed/shared.ts,
// where a unit test checks that this list agrees), since anything else would be a second copy in the part.

/** The parts, each a folder of src/ and a script fetched when first needed. */
export const PART_FOLDERS = ['api', 'panel', 'call', 'voice', 'locales'];

/** The core's modules that parts may import (src/embed/shared.ts), as paths under src/core without extension. */
export const SHARED_CORE_MODULES = [
  'bounded-repeat',
  'errors',
  'events',
  'file-content',
  'icons',
  'message-content',
  'sender',
  'strings',
  'controllers/poll-loop',
  'controllers/failures',
  'controllers/call-support',
  'controllers/message-limits',
];

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** no-restricted-imports options for a part's files: value imports from the core only of shared modules. */
export function partImportRule() {
  const shared = SHARED_CORE_MODULES.map(escape).join('|');
  return [
    'error',
    {
      patterns: [
        {
          regex: `(^|/)core/(?!(${shared})$)`,
          allowTypeImports: true,
          message:
            'A part imports from the core only the modules the script-tag build shares (src/embed/shared.ts); anything else would be a second copy in the part. Share it there (and in scripts/boundaries.mjs), or import only its types.',
        },
      ],
    },
  ];
}

/** no-restricted-imports options for the core's files: no part imported statically (types are fine). */
export function coreImportRule() {
  return [
    'error',
    {
      patterns: [
        {
          regex: `^(\\.\\./)+(${PART_FOLDERS.join('|')})/`,
          allowTypeImports: true,
          message:
            'The page-load core never imports a part statically: parts are fetched when first needed (src/core/parts.ts). Import only its types, or move the code into the core.',
        },
      ],
    },
  ];
}
