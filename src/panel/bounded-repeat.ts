import { directive, type ChildPart } from 'lit/directive.js';
import { getCommittedValue } from 'lit/directive-helpers.js';
import { repeat as litRepeat } from 'lit/directives/repeat.js';

// Lit's `repeat`, minus a leak: lit-html 3.3.1 to 3.3.3 remove an item's start marker and content but leave its
// end marker (a comment) behind (lit/lit#5298), so a long conversation's capped transcript would keep growing
// in the DOM. This subclass removes the end markers of the items the update dropped. On a Lit that removes them
// itself (3.3.0, or once the fix is released) they are already detached and `remove()` does nothing, so the
// package can depend on any Lit 3 instead of pinning one.

type ItemPart = ChildPart & { _$endNode: ChildNode | null };
type Repeat = new (...args: never[]) => { update(part: ChildPart, args: unknown[]): unknown };

// The directive's class, as every result of `repeat(…)` carries it (DirectiveResult's `_$litDirective$`). The
// script-tag parts share the core's `repeat`, so this extends the very class the core's Lit renders with.
const RepeatDirective = (litRepeat as unknown as () => { _$litDirective$: Repeat })()._$litDirective$;

class BoundedRepeat extends RepeatDirective {
  override update(part: ChildPart, args: unknown[]): unknown {
    const committed: unknown = getCommittedValue(part);
    // The first render (nothing committed yet) removes nothing: repeat hands its values to the part then.
    if (!Array.isArray(committed)) return super.update(part, args);
    // A copy: repeat nulls out the old list's entries as it moves them.
    const before = committed.slice() as Array<ItemPart | null>;
    const result = super.update(part, args);
    const after = new Set(getCommittedValue(part) as ItemPart[]);
    for (const item of before) if (item && !after.has(item)) item._$endNode?.remove();
    return result;
  }
}

/** `repeat(items, key, template)`, as Lit's, leaving no marker behind for a removed item. */
export const repeat = directive(BoundedRepeat as never) as unknown as typeof litRepeat;
