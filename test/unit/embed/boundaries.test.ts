import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { SHARED_MODULES } from '../../../src/embed/shared';
import { SHARED_CORE_MODULES } from '../../../scripts/boundaries.mjs';

// The lint rule (eslint.config.js) lets a part import exactly the core modules the script-tag build shares;
// the two lists are written in two places, so they are compared here.
describe('load-unit boundaries', () => {
  it('allow parts exactly the core modules that src/embed/shared.ts shares', () => {
    const shared = Object.values(SHARED_MODULES)
      .map(({ specifier }) => specifier)
      .filter((specifier) => specifier.startsWith('src/core/'))
      .map((specifier) => specifier.slice('src/core/'.length).replace(/\.ts$/, ''));
    expect([...SHARED_CORE_MODULES].sort()).toEqual(shared.sort());
  });

  it('name shared modules that exist', () => {
    for (const { specifier } of Object.values(SHARED_MODULES)) {
      if (specifier.startsWith('src/')) expect(existsSync(specifier), specifier).toBe(true);
    }
  });
});
