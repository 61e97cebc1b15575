import { css } from 'lit';

// What every element of the shadow root starts from, whichever part rendered it: the resets, the focus ring, and
// the two button looks every part uses, defined once: `round` (an icon in a circle, 36px unless a part's sheet
// sizes it) and `pill` (a label in a capsule), outlined on the background; `filled` puts either on the accent,
// `ghost` on nothing (the header's buttons on the accent). The element adopts this sheet itself, before the
// parts' sheets, so a part only writes the class and sets what differs (size, padding, colours); nothing needs
// importing, and a part's sheet wins over these rules (same specificity, adopted later).
export const baseStyles = css`
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  [hidden] {
    display: none !important;
  }
  button {
    font: inherit;
    cursor: pointer;
  }
  button:focus-visible,
  textarea:focus-visible,
  a:focus-visible,
  [part~='transcript']:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }

  .round,
  .pill {
    border: 1px solid var(--_border);
    background: var(--_bg);
    color: var(--_fg);
  }
  .round {
    display: grid;
    flex-shrink: 0;
    place-items: center;
    width: 36px;
    height: 36px;
    padding: 0;
    border-radius: 50%;
  }
  .pill {
    padding: 4px 12px;
    border-radius: 999px;
  }
  .filled {
    border: 0;
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .ghost {
    border-color: transparent;
    background: transparent;
    color: inherit;
  }
`;
