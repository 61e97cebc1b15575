import { css } from 'lit';

// The widget's frame: launcher, badge, the panel's box. What is inside the panel is styled by the panel's
// part (src/panel/panel-styles.ts, message bubbles in message-styles.ts), which comes with its code. Everything is themable through --cc-chat-* custom properties (fallbacks inline)
// and ::part(); all styles are constructed stylesheets, so a strict CSP needs no 'unsafe-inline'.
export const chromeStyles = css`
  :host {
    --_accent: var(--cc-chat-accent, #0b57d0);
    --_on-accent: var(--cc-chat-accent-contrast, #fff);
    --_bg: var(--cc-chat-bg, #fff);
    --_fg: var(--cc-chat-fg, #1f1f1f);
    --_muted: var(--cc-chat-muted, #5f6368);
    --_border: var(--cc-chat-border, #dadce0);
    --_surface: var(--cc-chat-surface, #f6f8fc);
    --_error: var(--cc-chat-error, #b3261e);
    --_radius: var(--cc-chat-radius, 16px);
    --_gap: 16px;
    position: fixed;
    bottom: var(--cc-chat-offset-y, 20px);
    right: var(--cc-chat-offset-x, 20px);
    z-index: var(--cc-chat-z-index, 2147483000);
    display: block;
    font-family: var(--cc-chat-font, system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans CJK SC', sans-serif);
    font-size: 15px;
    line-height: 1.45;
    color: var(--_fg);
    color-scheme: light dark;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_accent: var(--cc-chat-accent, #a8c7fa);
      --_on-accent: var(--cc-chat-accent-contrast, #062e6f);
      --_bg: var(--cc-chat-bg, #1f1f1f);
      --_fg: var(--cc-chat-fg, #e3e3e3);
      --_muted: var(--cc-chat-muted, #b4b8bd);
      --_border: var(--cc-chat-border, #444746);
      --_surface: var(--cc-chat-surface, #2a2a2a);
      --_error: var(--cc-chat-error, #f2b8b5);
    }
  }
  :host([hidden]) {
    display: none;
  }
  :host([position='left']) {
    right: auto;
    left: var(--cc-chat-offset-x, 20px);
  }
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
  [part~='transcript']:focus-visible {
    outline: 3px solid var(--_accent);
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

  [part~='launcher'] {
    position: relative;
    display: grid;
    place-items: center;
    width: 60px;
    height: 60px;
    margin-left: auto;
    border: none;
    border-radius: 50%;
    background: var(--_accent);
    color: var(--_on-accent);
    box-shadow: 0 4px 14px rgb(0 0 0 / 0.25);
    transition: transform 0.15s ease;
  }
  :host([position='left']) [part~='launcher'] {
    margin-left: 0;
  }
  [part~='launcher']:hover {
    transform: scale(1.05);
  }
  [part~='badge'] {
    position: absolute;
    top: -4px;
    right: -4px;
    min-width: 22px;
    height: 22px;
    padding: 0 6px;
    border-radius: 11px;
    border: 2px solid var(--_bg);
    background: var(--_error);
    color: var(--_bg);
    font-size: 12px;
    font-weight: 700;
    line-height: 18px;
    text-align: center;
  }

  [part~='panel'] {
    position: absolute;
    bottom: 76px;
    right: 0;
    display: flex;
    flex-direction: column;
    width: min(384px, calc(100vw - 40px));
    height: min(640px, calc(100vh - 120px));
    height: min(640px, calc(100dvh - 120px));
    overflow: hidden;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    box-shadow: 0 12px 40px rgb(0 0 0 / 0.22);
    animation: cc-rise 0.18s ease-out;
  }
  :host([position='left']) [part~='panel'] {
    right: auto;
    left: 0;
  }
  .panel-loading {
    margin: auto;
    padding: var(--_gap);
    color: var(--_muted);
  }
  @keyframes cc-rise {
    from {
      opacity: 0;
      transform: translateY(12px);
    }
  }

  /* Narrow screens: the open panel takes the whole viewport (dvh follows the mobile keyboard). */
  @media (max-width: 480px) {
    :host([open]) [part~='panel'] {
      position: fixed;
      inset: 0;
      width: 100vw;
      height: 100vh;
      height: 100dvh;
      border: none;
      border-radius: 0;
      padding-bottom: env(safe-area-inset-bottom);
    }
    :host([open]) [part~='launcher'] {
      display: none;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    [part~='panel'] {
      animation: none;
    }
    [part~='launcher'] {
      transition: none;
    }
  }
`;
