import { css } from 'lit';

// Inside the panel: header, notices, queue, transcript, composer (the frame is in src/core/styles.ts, the colour
// tokens in src/core/theme.ts, the round and pill buttons in src/core/base-styles.ts; message bubbles in
// src/panel/message-styles.ts). Adopted with the panel's code.
export const panelStyles = css`
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
  /* Ghost pills outlined in the header's text colour. */
  .actions .pill {
    min-height: 32px;
    border-color: currentColor;
    font-size: 13px;
    white-space: nowrap;
  }
  /* The header's round ghost buttons, side by side in the title's row (the call part's call button among them). */
  .tools {
    grid-column: 2;
    grid-row: 1;
    display: flex;
    align-items: center;
    gap: 6px;
  }
  [part~='header'] button:hover {
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
    /* The panel keeps the view in place itself (the end while chatting, the message read on "show earlier"). */
    overflow-anchor: none;
  }
  /* Inside its edges: the panel clips what is drawn outside them. */
  [part~='transcript']:focus-visible {
    outline-offset: -3px;
  }
  [part~='earlier-button'] {
    align-self: center;
    padding: 6px 14px;
    font-size: 13px;
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
    width: 40px;
    height: 40px;
  }
  /* The arrow points the way the text runs. */
  [part~='send-button']:dir(rtl) svg {
    transform: scaleX(-1);
  }
  [part~='send-button']:disabled {
    opacity: 0.45;
    cursor: default;
  }
  [part~='new-button'],
  [part~='survey-submit'],
  [part~='leave-message-submit'] {
    padding: 10px 18px;
    font-weight: 600;
  }
  /* A form in place of the message box: the survey, leaving a message. Not centred: a form taller than its room
     must scroll from its top, not overflow on both sides. */
  .footer.form-open {
    display: flex;
    flex-direction: column;
    justify-content: flex-start;
    align-items: stretch;
    gap: 10px;
    max-height: 75%;
    overflow-y: auto;
  }
  .footer.form-open [part~='new-button'] {
    align-self: center;
  }
  .faq {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: 4px;
    padding: 8px var(--_gap) 0;
    border-top: 1px solid var(--_border);
    background: var(--_bg);
  }
  [part~='faq-suggestion'] {
    max-width: 100%;
    padding: 5px 12px;
    border-color: var(--_accent);
    color: var(--_accent);
    font-size: 0.875rem;
    text-align: start;
  }
  [part~='faq-suggestion']:hover {
    background: var(--_surface);
  }
  .footer-actions {
    display: flex;
    flex-wrap: wrap;
    justify-content: center;
    gap: 8px;
  }
  [part~='leave-message-button'],
  [part~='survey-skip'] {
    padding: 10px 14px;
  }
  .panel-form {
    display: grid;
    gap: 8px;
    margin: 0;
  }
  .panel-form h3 {
    margin: 0;
    font-size: 1rem;
  }
  .panel-form .intro {
    margin: 0;
    color: var(--_muted);
    font-size: 0.875rem;
  }
  .panel-form label:not(.choice) {
    display: grid;
    gap: 4px;
    font-size: 0.875rem;
  }
  .panel-form input:not([type='radio']),
  .panel-form textarea {
    padding: 8px 12px;
    border: 1px solid var(--_border);
    border-radius: 12px;
    background: var(--_bg);
    color: var(--_fg);
    font: inherit;
  }
  .panel-form textarea {
    resize: vertical;
  }
  .panel-form [aria-invalid='true'] {
    border-color: var(--_error);
  }
  .form-message {
    margin: 0;
    color: var(--_error);
    font-size: 0.875rem;
  }
  .form-message:empty {
    display: none;
  }
  .form-actions {
    display: flex;
    justify-content: flex-end;
    gap: 8px;
  }
  .panel-form fieldset {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
    margin: 0;
    padding: 0;
    border: none;
  }
  .panel-form legend {
    margin-bottom: 4px;
    padding: 0;
    color: var(--_muted);
    font-size: 0.875rem;
  }
  .choice {
    position: relative;
  }
  .choice input {
    position: absolute;
    opacity: 0;
    inset: 0;
    margin: 0;
  }
  .choice span {
    display: inline-block;
    padding: 6px 12px;
    cursor: pointer;
  }
  .choice input:checked + span {
    border-color: var(--_accent);
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .choice input:focus-visible + span {
    outline: 3px solid var(--_accent);
    outline-offset: 2px;
  }
  .panel-form .nps {
    gap: 4px;
  }
  .nps .choice span {
    min-width: 2.1em;
    padding: 5px 0;
    text-align: center;
  }
  .panel-form .comment {
    color: var(--_muted);
  }
`;
