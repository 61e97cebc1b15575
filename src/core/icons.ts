import { html } from 'lit';

// The launcher's icons; the close icon also closes the panel from its header (the panel part takes this one).

export const chatIcon = html`<svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true" focusable="false">
  <path fill="currentColor" d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z" />
</svg>`;

export const closeIcon = html`<svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
  <path fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" d="M6 6l12 12M18 6L6 18" />
</svg>`;
