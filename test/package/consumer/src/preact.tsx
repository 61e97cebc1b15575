/** @jsxImportSource preact */
// Preact TSX: the same JSX types, through Preact's JSX namespace.
import type {} from 'cc-chat/preact';

export const support = <cc-chat channel-id="WEB-123" oncc-open={() => console.log('opened')} />;
// @ts-expect-error: position is left or right
export const wrong = <cc-chat position="top" />;
