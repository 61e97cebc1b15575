import { css } from 'lit';

// Styles for the transcript entries of render-entry.ts (classes `ccm-*`), adopted with the panel's code. Colours
// are the internal --_* tokens that src/core/theme.ts resolves from the --cc-chat-* custom properties (light and
// dark); the round and pill buttons are src/core/base-styles.ts's.
export const messageStyles = css`
  .ccm {
    display: flex;
    align-items: flex-end;
    gap: 8px;
    margin-block: 4px 10px;
    /* No content-visibility: its estimated heights made "scroll to the end" land short of the end. The
       transcript shows a bounded page of messages instead (src/panel/transcript-window.ts). */
    padding: 4px;
    font-size: 0.9375rem;
    line-height: 1.4;
    color: var(--_fg);
  }

  .ccm--end {
    justify-content: flex-end;
  }

  .ccm-body {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: 2px;
    min-width: 0;
    max-width: min(80%, 36rem);
  }

  .ccm--end .ccm-body {
    align-items: flex-end;
  }

  .ccm-author {
    padding-inline: 4px;
    font-size: 0.75rem;
    font-weight: 600;
    color: var(--_muted);
    overflow-wrap: anywhere;
  }

  /* Avatars: 28px circles, bottom-aligned with the bubble (above the time line). */
  .ccm-avatar {
    flex: none;
    display: grid;
    place-items: center;
    inline-size: 28px;
    block-size: 28px;
    margin-block-end: 20px;
    border-radius: 50%;
    overflow: hidden;
    background: var(--_avatar-bg);
    color: var(--_avatar-fg);
    font-size: 0.6875rem;
    font-weight: 700;
    line-height: 1;
    user-select: none;
  }

  .ccm-avatar img {
    inline-size: 100%;
    block-size: 100%;
    object-fit: cover;
  }

  .ccm-glyph {
    display: block;
  }

  /* Bubbles. The transparent border turns into a visible outline in forced-colors mode. */
  .ccm-bubble {
    max-inline-size: 100%;
    padding: 8px 12px;
    border: 1px solid transparent;
    border-radius: var(--_radius);
    border-end-start-radius: 4px;
    background: var(--_bubble-bg);
    color: var(--_bubble-fg);
    overflow-wrap: anywhere;
  }

  .ccm--robot .ccm-bubble {
    background: var(--_robot-bg);
  }

  .ccm--end .ccm-bubble {
    border-end-start-radius: var(--_radius);
    border-end-end-radius: 4px;
    background: var(--_accent);
    color: var(--_on-accent);
  }

  .ccm-text {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }

  .ccm a {
    color: var(--_link);
    text-decoration: underline;
    text-underline-offset: 2px;
  }

  .ccm--end .ccm-bubble a {
    color: inherit;
  }

  .ccm--end .ccm-bubble a:focus-visible {
    outline-color: currentColor;
  }

  .ccm-vh {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }

  /* Time and delivery status under a bubble. */
  .ccm-feedback {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 4px;
    margin-top: 4px;
  }
  [part~='feedback-up'],
  [part~='feedback-down'] {
    width: 28px;
    height: 28px;
    color: var(--_muted);
  }
  [part~='feedback-up'][aria-pressed='true'],
  [part~='feedback-down'][aria-pressed='true'] {
    border-color: var(--_accent);
    background: var(--_accent);
    color: var(--_on-accent);
  }
  [part~='feedback-up']:disabled,
  [part~='feedback-down']:disabled {
    cursor: default;
  }
  .ccm-feedback-note {
    color: var(--_muted);
    font-size: 0.8125rem;
  }
  .ccm-feedback-form {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 4px;
    width: 100%;
  }
  [part~='feedback-comment'] {
    flex: 1 1 10em;
    min-width: 0;
    padding: 4px 10px;
    font: inherit;
    font-size: 0.875rem;
  }
  .ccm-meta {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 2px 8px;
    padding-inline: 4px;
    font-size: 0.75rem;
    color: var(--_muted);
  }

  .ccm-meta:empty {
    display: none;
  }

  .ccm-status {
    display: inline-flex;
    align-items: center;
    gap: 4px;
  }

  .ccm-status-icon {
    font-weight: 700;
  }

  .ccm--pending .ccm-bubble {
    opacity: 0.85;
  }

  /* Failed: an error colour, a dashed outline and a "!" icon, so it never depends on colour alone. */
  .ccm--failed .ccm-bubble {
    border: 2px dashed var(--_error);
  }

  .ccm-status--failed {
    color: var(--_error);
    font-weight: 600;
  }

  .ccm-status--failed .ccm-status-icon {
    display: inline-grid;
    place-items: center;
    inline-size: 1.1em;
    block-size: 1.1em;
    border-radius: 50%;
    background: var(--_error);
    color: var(--_bg);
    font-size: 0.75rem;
  }

  .ccm-retry {
    min-block-size: 24px;
    padding: 2px 10px;
    border-color: var(--_error);
    color: var(--_error);
  }

  .ccm-retry:hover {
    background: var(--_bubble-bg);
  }

  /* Robot suggestions: wrapping pill buttons. */
  .ccm-suggestions {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
    margin-block: 4px 2px;
  }

  .ccm-suggestion {
    max-inline-size: 100%;
    min-block-size: 32px;
    border-color: var(--_accent);
    color: var(--_link);
    text-align: start;
    overflow-wrap: anywhere;
  }

  .ccm-suggestion:hover {
    background: var(--_bubble-bg);
  }

  /* Media cards: a self-contained panel, so their text contrast does not depend on the bubble. */
  .ccm-card {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: 4px;
    min-inline-size: 10rem;
    max-inline-size: 100%;
    padding: 10px 12px;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.75);
    background: var(--_bg);
    color: var(--_fg);
    overflow-wrap: anywhere;
  }

  .ccm-bubble:has(> .ccm-card) {
    padding: 4px;
  }

  .ccm-card-type {
    font-size: 0.75rem;
    font-weight: 700;
    letter-spacing: 0.02em;
    text-transform: uppercase;
    color: var(--_muted);
  }

  .ccm-card-title {
    font-weight: 600;
  }

  .ccm-card-detail {
    font-size: 0.875rem;
  }

  .ccm-card-image {
    display: block;
    max-inline-size: 100%;
    max-block-size: 200px;
    border-radius: calc(var(--_radius) * 0.5);
    object-fit: contain;
  }

  .ccm .ccm-card-action {
    font-size: 0.875rem;
    font-weight: 600;
    color: var(--_link);
  }

  /* SYSTEM lines and DISCONNECT: centred, muted, no bubble. */
  .ccm--notice {
    justify-content: center;
    margin-block: 8px;
  }

  .ccm-notice {
    max-inline-size: 90%;
    font-size: 0.8125rem;
    text-align: center;
    color: var(--_muted);
    overflow-wrap: anywhere;
  }

  .ccm-notice .ccm-text {
    display: inline;
  }

  .ccm-notice .ccm-card {
    margin-inline: auto;
    text-align: start;
  }

  .ccm-notice .ccm-time {
    white-space: nowrap;
  }

  .ccm-notice .ccm-time::before {
    content: '· ';
  }

  @media (prefers-reduced-motion: no-preference) {
    /* The newest message only: a backlog of a hundred arriving at once would start a hundred animations
       (about half of the time it takes to show them). */
    .ccm:not(.ccm--notice):last-child {
      animation: ccm-enter 160ms ease-out;
    }

    .ccm button {
      transition: background-color 120ms;
    }
  }

  /* Only movement: animating opacity would briefly drop text contrast. */
  @keyframes ccm-enter {
    from {
      transform: translateY(6px);
    }
  }

  @media (forced-colors: active) {
    .ccm-bubble,
    .ccm-avatar {
      border: 1px solid CanvasText;
    }

    .ccm--failed .ccm-bubble {
      border: 2px dashed Mark;
    }
  }
`;
