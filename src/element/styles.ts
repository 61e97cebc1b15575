import { css } from 'lit';

// The widget's frame: launcher, panel, header, notices, composer. Message bubbles are styled in
// message-styles.ts. Everything is themable through --cc-chat-* custom properties (fallbacks inline)
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
  @keyframes cc-rise {
    from {
      opacity: 0;
      transform: translateY(12px);
    }
  }

  /* Title and close on the first row; the conversation's actions on a second row when there are any. */
  [part~='header'] {
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
    align-items: center;
    gap: 0 8px;
    padding: 12px 10px 12px var(--_gap);
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .title {
    min-width: 0;
  }
  h2 {
    margin: 0;
    font-size: 16px;
    font-weight: 650;
    line-height: 1.3;
  }
  .status {
    display: block;
    font-size: 12.5px;
    opacity: 0.92;
  }
  .actions {
    grid-column: 1 / -1;
    grid-row: 2;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 6px;
    margin-top: 8px;
  }
  .actions button {
    min-height: 32px;
    padding: 4px 12px;
    border: 1px solid currentColor;
    border-radius: 999px;
    background: transparent;
    color: inherit;
    font-size: 13px;
    white-space: nowrap;
  }
  [part~='close-button'] {
    grid-column: 2;
    grid-row: 1;
    display: grid;
    place-items: center;
    width: 36px;
    height: 36px;
    padding: 0;
    border: none;
    border-radius: 50%;
    background: transparent;
    color: inherit;
  }
  .actions button:hover,
  [part~='close-button']:hover {
    background: rgb(255 255 255 / 0.16);
  }
  [part~='header'] button:focus-visible {
    outline-color: var(--_on-accent);
  }

  [part~='notice'],
  [part~='queue'] {
    display: flex;
    flex-wrap: wrap;
    gap: 4px 12px;
    padding: 8px var(--_gap);
    border-bottom: 1px solid var(--_border);
    background: var(--_surface);
    color: var(--_fg);
    font-size: 13.5px;
  }
  [part~='notice'][data-tone='error'] {
    color: var(--_error);
    font-weight: 600;
  }

  [part~='transcript'] {
    flex: 1;
    display: flex;
    flex-direction: column;
    gap: 10px;
    padding: var(--_gap);
    overflow-y: auto;
    overscroll-behavior: contain;
  }

  .footer {
    display: grid;
    grid-template-columns: 1fr auto;
    align-items: end;
    gap: 4px 8px;
    padding: 10px 12px 12px var(--_gap);
    border-top: 1px solid var(--_border);
    background: var(--_bg);
  }
  .footer.ended {
    display: flex;
    justify-content: center;
  }
  [part~='input'] {
    width: 100%;
    min-height: 40px;
    max-height: 140px;
    field-sizing: content;
    resize: none;
    padding: 9px 12px;
    border: 1px solid var(--_border);
    border-radius: 20px;
    background: var(--_bg);
    color: var(--_fg);
    font: inherit;
  }
  [part~='input'][aria-invalid='true'] {
    border-color: var(--_error);
  }
  [part~='input']::placeholder {
    color: var(--_muted);
    opacity: 1;
  }
  [part~='counter'] {
    grid-column: 1 / -1;
    grid-row: 2;
    font-size: 12px;
    color: var(--_muted);
  }
  [part~='counter'].over {
    color: var(--_error);
    font-weight: 600;
  }
  [part~='send-button'] {
    display: grid;
    place-items: center;
    width: 40px;
    height: 40px;
    border: none;
    border-radius: 50%;
    background: var(--_accent);
    color: var(--_on-accent);
  }
  [part~='send-button']:disabled {
    opacity: 0.45;
    cursor: default;
  }
  [part~='new-button'] {
    padding: 10px 18px;
    border: none;
    border-radius: 999px;
    background: var(--_accent);
    color: var(--_on-accent);
    font-weight: 600;
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
