import { css } from 'lit';

// Click-to-call: the header's call button, the call bar under the header (panel open) and the same bar
// floating beside the launcher (panel closed). Uses the --_* tokens of src/core/theme.ts and the round and pill
// buttons of src/core/base-styles.ts, which the element adopts itself (the bar may show before the panel's code).
export const callStyles = css`
  /* The call button sits between the title and the close button: a round ghost button like theirs (its hover is
     the panel's header rule), outlined. */
  [part~='call-button'] {
    border-color: currentColor;
  }

  [part~='call'] {
    display: flex;
    flex-direction: column;
    gap: 8px;
    padding: 10px 12px 10px var(--_gap);
    border-bottom: 1px solid var(--_border);
    background: var(--_surface);
    color: var(--_fg);
    font-size: 13.5px;
  }
  .call-row {
    display: flex;
    align-items: center;
    gap: 10px;
    min-width: 0;
  }
  .call-icon {
    width: 32px;
    height: 32px;
    color: var(--_muted);
  }
  [part~='call'][data-state='requesting'] .call-icon,
  [part~='call'][data-state='queued'] .call-icon,
  [part~='call'][data-state='dialing'] .call-icon {
    color: var(--_accent);
    border-color: var(--_accent);
    animation: cc-ring 1.6s ease-in-out infinite;
  }
  [part~='call'][data-state='connected'] .call-icon {
    background: var(--_call-live);
    border-color: var(--_call-live);
    color: var(--_bg);
  }
  [part~='call'][data-state='failed'] .call-icon,
  [part~='call'][data-state='rejected'] .call-icon,
  [part~='call'][data-state='timeout'] .call-icon {
    color: var(--_error);
    border-color: var(--_error);
  }
  @keyframes cc-ring {
    50% {
      box-shadow: 0 0 0 5px color-mix(in srgb, var(--_accent) 22%, transparent);
    }
  }
  [part~='call-status'] {
    flex: 1;
    min-width: 0;
    margin: 0;
    display: flex;
    flex-direction: column;
    font-weight: 600;
  }
  [part~='call-notice'] {
    color: var(--_error);
    font-size: 12.5px;
    font-weight: 500;
  }
  [part~='call-timer'] {
    flex-shrink: 0;
    font-variant-numeric: tabular-nums;
    font-weight: 600;
    color: var(--_call-live);
  }
  [part~='hangup-button'] {
    display: inline-flex;
    flex-shrink: 0;
    align-items: center;
    gap: 6px;
    min-height: 36px;
    padding: 6px 14px 6px 12px;
    border: 0;
    background: var(--_hangup);
    color: var(--_on-hangup);
    font-size: 13.5px;
    font-weight: 600;
    white-space: nowrap;
  }
  [part~='hangup-button']:hover {
    filter: brightness(1.1);
  }
  /* The voice's round buttons (mute, keypad) beside the hang-up button. */
  [part~='mute-button']:hover,
  [part~='keypad-button']:hover {
    border-color: var(--_muted);
  }
  [part~='mute-button'][aria-pressed='true'] {
    background: var(--_fg);
    border-color: var(--_fg);
    color: var(--_bg);
  }
  [part~='keypad-button'][aria-expanded='true'] {
    border-color: var(--_accent);
    color: var(--_accent);
  }
  .call-voice {
    display: flex;
    flex-direction: column;
    gap: 8px;
  }
  .call-voice-row {
    display: flex;
    align-items: center;
    gap: 8px;
  }
  .call-level {
    flex: 1;
    min-width: 0;
    display: flex;
    align-items: center;
    gap: 8px;
    color: var(--_muted);
    font-size: 12.5px;
    white-space: nowrap;
  }
  [part~='call-level'] {
    flex: 1;
    min-width: 0;
    height: 8px;
    border-radius: 4px;
    background: var(--_border);
  }
  [part~='call-level']::-webkit-meter-bar {
    height: 8px;
    border: none;
    border-radius: 4px;
    background: var(--_border);
  }
  [part~='call-level']::-webkit-meter-optimum-value {
    border-radius: 4px;
    background: var(--_call-live);
    transition: inline-size 0.1s linear;
  }
  [part~='call-level']::-moz-meter-bar {
    border-radius: 4px;
    background: var(--_call-live);
  }
  [part~='call-keypad'] .keys {
    display: grid;
    grid-template-columns: repeat(3, minmax(0, 1fr));
    gap: 6px;
    max-width: 240px;
    margin: 0 auto;
  }
  [part~='dtmf-key'] {
    min-height: 40px;
    border: 1px solid var(--_border);
    border-radius: 10px;
    background: var(--_bg);
    color: var(--_fg);
    font-size: 17px;
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }
  [part~='dtmf-key']:hover {
    border-color: var(--_muted);
  }
  [part~='dtmf-key']:active {
    background: var(--_border);
  }
  [part~='dtmf-sent'] {
    min-height: 1.4em;
    margin: 6px 0 0;
    text-align: center;
    color: var(--_muted);
    font-size: 12.5px;
  }
  [part~='dtmf-sent'] output {
    color: var(--_fg);
    font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
    letter-spacing: 0.1em;
  }
  [part~='call-video'] {
    position: relative;
    border-radius: 10px;
    overflow: hidden;
    background: #000;
    aspect-ratio: 4 / 3;
  }
  [part~='call-remote-video'] {
    display: block;
    width: 100%;
    height: 100%;
    object-fit: cover;
  }
  [part~='call-local-video'] {
    position: absolute;
    right: 8px;
    bottom: 8px;
    width: 28%;
    border: 2px solid #fff;
    border-radius: 6px;
    object-fit: cover;
  }

  [part~='call-dismiss-button'] {
    width: 32px;
    height: 32px;
    color: var(--_muted);
  }
  [part~='call-dismiss-button']:hover {
    background: var(--_border);
  }

  [part~='call-gateway'] dl {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr);
    gap: 2px 12px;
    margin: 0;
    font-size: 12.5px;
  }
  [part~='call-gateway'] dl > div {
    display: contents;
  }
  [part~='call-gateway'] dt {
    grid-column: 1;
    color: var(--_muted);
  }
  [part~='call-gateway'] dd {
    grid-column: 2;
    margin: 0;
    overflow-wrap: anywhere;
    font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
    font-size: 12px;
  }

  /* Panel closed: the bar floats beside the launcher, one line. */
  [part~='call'].compact {
    position: absolute;
    right: 72px;
    bottom: 6px;
    width: max-content;
    max-width: min(440px, calc(100vw - 112px));
    padding: 6px 6px 6px 8px;
    border: 1px solid var(--_border);
    border-radius: 999px;
    background: var(--_bg);
    box-shadow: 0 4px 14px rgb(0 0 0 / 0.2);
    animation: cc-rise 0.18s ease-out;
  }
  :host([position='left']) [part~='call'].compact {
    right: auto;
    left: 72px;
  }
  [part~='call'].compact .call-row {
    gap: 8px;
  }
  [part~='call'].compact [part~='call-status'] {
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  [part~='call'].compact [part~='call-status'] > span {
    overflow: hidden;
    text-overflow: ellipsis;
  }

  /* Narrow screens: the floating bar keeps its words; the hang-up button keeps only its icon (and its name). */
  @media (max-width: 480px) {
    [part~='call'].compact [part~='hangup-button'] {
      padding: 6px 10px;
    }
    /* With the mute button beside it, the sentence needs the icon's room more than the icon. */
    [part~='call'].compact:has([part~='mute-button']) .call-icon {
      display: none;
    }
    [part~='call'].compact [part~='hangup-button'] span {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
  }

  @media (prefers-reduced-motion: reduce) {
    [part~='call'] .call-icon,
    [part~='call'].compact {
      animation: none;
    }
  }
`;
