import { css } from 'lit';

// The widget's frame: launcher, badge, the panel's box. What is inside the panel is styled by the panel's
// part (src/panel/panel-styles.ts, message bubbles in message-styles.ts), which comes with its code. Colours and
// sizes are the internal --_* tokens of theme.ts (themable through --cc-chat-* custom properties) and ::part(),
// the resets and shared button looks are base-styles.ts's; all styles are constructed stylesheets, so a strict
// CSP needs no 'unsafe-inline'.
export const chromeStyles = css`
  :host {
    --_gap: 16px;
    position: fixed;
    bottom: var(--_y);
    right: var(--_x);
    z-index: var(--_z);
    display: block;
    font-family: var(--_font);
    font-size: 15px;
    line-height: 1.45;
    color: var(--_fg);
  }
  :host([hidden]) {
    display: none;
  }
  :host([position='left']) {
    right: auto;
    left: var(--_x);
  }

  /* A round, filled button (base-styles.ts). */
  [part~='launcher'] {
    position: relative;
    width: 60px;
    height: 60px;
    margin-left: auto;
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
