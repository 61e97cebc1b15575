import { css } from 'lit';

// The one place a --cc-chat-* custom property is read: each becomes an internal --_* token here, with its one
// fallback, once for the light scheme and once for the dark one. Every sheet (the frame's, the panel's, the
// call's) uses only the internal tokens, so a property cannot have two defaults, and a part's sheet carries no
// fallbacks of its own. The element's JSDoc (@cssprop, src/core/cc-chat.ts) documents each with these defaults;
// test/unit/core/documented-api.test.ts holds the two together. Text colours meet WCAG AA on their backgrounds.
// The `theme` attribute picks the scheme: `light` or `dark` fixed, `auto` (or none) the system's; color-scheme goes
// with it, so the native controls (scrollbars, the file picker's button, players) match.

/** The dark scheme's tokens: for `theme="dark"`, and for `auto` on a system set to dark. */
const dark = css`
  --_accent: var(--cc-chat-accent, #a8c7fa);
  --_on-accent: var(--cc-chat-accent-contrast, #062e6f);
  --_bg: var(--cc-chat-bg, #1f1f1f);
  --_fg: var(--cc-chat-fg, #e3e3e3);
  --_muted: var(--cc-chat-muted, #a8abaf);
  --_border: var(--cc-chat-border, #444746);
  --_surface: var(--cc-chat-surface, #2a2a2a);
  --_error: var(--cc-chat-error, #f2b8b5);
  --_bubble-bg: var(--cc-chat-bubble-bg, #303134);
  --_bubble-fg: var(--cc-chat-bubble-fg, #e8eaed);
  --_robot-bg: var(--cc-chat-robot-bubble-bg, #24304a);
  --_link: var(--cc-chat-link, #a8c7fa);
  --_avatar-bg: var(--cc-chat-avatar-bg, #0842a0);
  --_avatar-fg: var(--cc-chat-avatar-fg, #d3e3fd);
  --_call-live: var(--cc-chat-call-live, #81c995);
  
  color-scheme: dark;
`;

export const themeStyles = css`
  :host {
    --_accent: var(--cc-chat-accent, #0b57d0);
    --_on-accent: var(--cc-chat-accent-contrast, #fff);
    --_bg: var(--cc-chat-bg, #fff);
    --_fg: var(--cc-chat-fg, #1f1f1f);
    --_muted: var(--cc-chat-muted, #5f6368);
    --_border: var(--cc-chat-border, #c4c7c5);
    --_surface: var(--cc-chat-surface, #f6f8fc);
    --_error: var(--cc-chat-error, #b3261e);
    --_bubble-bg: var(--cc-chat-bubble-bg, #f1f3f4);
    --_bubble-fg: var(--cc-chat-bubble-fg, #1f1f1f);
    --_robot-bg: var(--cc-chat-robot-bubble-bg, #e8f0fe);
    --_link: var(--cc-chat-link, #0b57d0);
    --_avatar-bg: var(--cc-chat-avatar-bg, #d3e3fd);
    --_avatar-fg: var(--cc-chat-avatar-fg, #041e49);
    /* Follows the accent (this element's, light or dark) unless set. */
    --_focus: var(--cc-chat-focus, var(--_accent));
    --_call-live: var(--cc-chat-call-live, #137333);
    --_hangup: var(--cc-chat-hangup, #c5221f);
    --_on-hangup: var(--cc-chat-hangup-contrast, #fff);
    --_font: var(--cc-chat-font, system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif);
    --_radius: var(--cc-chat-radius, 16px);
    --_z: var(--cc-chat-z-index, 2147483000);
    --_x: var(--cc-chat-offset-x, 20px);
    --_y: var(--cc-chat-offset-y, 20px);
    color-scheme: light;
  }
  :host([theme='dark']) {
    ${dark}
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${dark}
    }
  }
`;
