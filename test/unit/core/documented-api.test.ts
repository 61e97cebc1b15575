import { describe, expect, it } from 'vitest';
import { customProperties, documented, templateParts } from '../../package/api-surface.mjs';

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
    // Guards the scan itself: an empty scan would make the two tests above pass vacuously.
    expect(templateParts().size).toBeGreaterThan(40);
    expect(customProperties().size).toBeGreaterThan(20);
  });
});
