import { describe, expect, it } from 'vitest';
import {
  customProperties,
  customPropertyReads,
  documented,
  internalTokens,
  readmeStyling,
  templateParts,
} from '../../package/api-surface.mjs';

// The class JSDoc is the API contract (and the source of custom-elements.json and the editors' data):
// a part or custom property the templates use but the JSDoc does not name is invisible to users, and
// one the JSDoc names but no template uses any more is a promise the element does not keep.
describe('the element documents what its templates expose', () => {
  const docs = documented();

  it('names every part the templates use, and no other', () => {
    const used = templateParts();
    expect([...used].filter((name) => !docs.parts.has(name)), 'undocumented parts (@csspart)').toEqual([]);
    expect([...docs.parts].filter((name) => !used.has(name)), 'documented parts no template uses').toEqual([]);
  });

  it('names every --cc-chat-* custom property the styles read, and no other', () => {
    const used = customProperties();
    expect([...used].filter((name) => !docs.properties.has(name)), 'undocumented (@cssprop)').toEqual([]);
    expect([...docs.properties].filter((name) => !used.has(name)), 'documented, unused').toEqual([]);
  });

  it('finds the templates at all', () => {
    // Guards the scan itself: an empty scan would make the tests above and below pass vacuously.
    expect(templateParts().size).toBeGreaterThan(40);
    expect(customProperties().size).toBeGreaterThan(20);
    expect(customPropertyReads().filter((read) => read.dark).length).toBeGreaterThan(10);
  });
});

// One theme: src/core/theme.ts turns each public property into an internal --_* token, once for the light
// scheme and once for the dark one; every other sheet reads only the tokens. A second read elsewhere could
// carry another fallback, and the same property would look different in two parts of the widget.
describe('each custom property has one reading and one default per scheme', () => {
  const reads = customPropertyReads();
  const docs = documented();

  it('reads --cc-chat-* properties only in src/core/theme.ts', () => {
    const elsewhere = reads.filter((read) => read.file !== 'core/theme.ts');
    expect(elsewhere.map((read) => `${read.file}: ${read.name}`), 'read outside the theme').toEqual([]);
  });

  it('reads each property once with a fallback, and at most once more for the dark scheme', () => {
    const twice: string[] = [];
    for (const name of new Set(reads.map((read) => read.name))) {
      for (const dark of [false, true]) {
        const fallbacks = reads.filter((read) => read.name === name && read.dark === dark).map((read) => read.fallback);
        if (fallbacks.length > 1 || (!dark && fallbacks.length === 0))
          twice.push(`${name}${dark ? ' (dark)' : ''}: ${fallbacks.map(String).join(' | ')}`);
      }
    }
    expect(twice, 'a property read more than once per scheme (with these fallbacks)').toEqual([]);
    expect(reads.filter((read) => read.fallback === null).map((read) => read.name), 'read without a fallback').toEqual(
      [],
    );
  });

  it('documents the defaults the theme falls back to, light and dark', () => {
    // A fallback to another token (`var(--_accent)`) is documented as the property behind it.
    const behind = new Map(reads.filter((read) => read.token).map((read) => [read.token, read.name]));
    const publicName = (fallback: string) =>
      fallback.replace(/var\((--_[a-z0-9-]+)\)/g, (whole, token: string) =>
        behind.has(token) ? `var(${behind.get(token)})` : whole,
      );
    const wrong: string[] = [];
    for (const name of new Set(reads.map((read) => read.name))) {
      const light = reads.find((read) => read.name === name && !read.dark)?.fallback ?? null;
      const dark = reads.find((read) => read.name === name && read.dark)?.fallback ?? null;
      const doc = docs.cssDefaults.get(name);
      const expected = { value: light && publicName(light), dark: dark && publicName(dark) };
      if (doc?.value !== expected.value || doc?.dark !== expected.dark)
        wrong.push(`${name}: documented ${JSON.stringify(doc ?? null)}, the theme has ${JSON.stringify(expected)}`);
    }
    expect(wrong, '@cssprop [--name=default] … (dark: value) disagrees with src/core/theme.ts').toEqual([]);
  });

  it('defines every internal token a sheet reads', () => {
    const { defined, used } = internalTokens();
    expect([...used].filter((name) => !defined.has(name)), 'var(--_…) of a token nothing defines').toEqual([]);
  });
});

describe("the README's styling section", () => {
  const section = readmeStyling();
  const docs = documented();

  it('names every documented part and custom property', () => {
    const missing = [...docs.parts, ...docs.properties].filter((name) => !section.includes(`\`${name}\``));
    expect(missing, 'missing from README.md "### Styling"').toEqual([]);
  });
});
