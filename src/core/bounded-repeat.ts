import { directive, type ChildPart } from 'lit/directive.js';
import { getCommittedValue, getDirectiveClass } from 'lit/directive-helpers.js';
import { repeat as litRepeat } from 'lit/directives/repeat.js';

// Lit's `repeat`, minus a leak: lit-html 3.3.1 to 3.3.3 remove an item's start marker and content but leave its
// end marker (a comment) behind (lit/lit#5298), so a long conversation's capped transcript would keep growing
// in the DOM. This subclass removes the end markers of the items the update dropped. On a Lit that removes them
// itself (3.3.0, or once the fix is released) they are already detached and `remove()` does nothing, so the
// package can depend on any Lit 3 instead of pinning one.

// Only Lit's public helpers: its `_$` fields are renamed in production builds. The script-tag build puts this
// module in the core and shares it with the panel's script (src/embed/shared.ts), so the helpers' lit-html is the
// core's one copy.
type Repeat = new (...args: never[]) => { update(part: ChildPart, args: unknown[]): unknown };
const RepeatDirective = getDirectiveClass((litRepeat as unknown as () => unknown)()) as unknown as Repeat;

class BoundedRepeat extends RepeatDirective {
  override update(part: ChildPart, args: unknown[]): unknown {
    const committed = getCommittedValue(part);
    // The first render (nothing committed yet) removes nothing: repeat hands its values to the part then.
    if (!Array.isArray(committed)) return super.update(part, args);
    // A copy: repeat nulls out the old list's entries as it moves them.
    const before = committed.slice() as Array<ChildPart | null>;
    const result = super.update(part, args);
    const after = new Set(getCommittedValue(part) as ChildPart[]);
    for (const item of before) if (item && !after.has(item)) (item.endNode as ChildNode | null)?.remove();
    return result;
  }
}

/** `repeat(items, key, template)`, as Lit's, leaving no marker behind for a removed item. */
export const repeat = directive(BoundedRepeat as never) as unknown as typeof litRepeat;
