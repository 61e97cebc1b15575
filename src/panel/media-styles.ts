import { css } from 'lit';

/**
 * Files in messages (media-view.ts), the full-size viewer (media-viewer.ts) and the composer's attach button, in
 * the internal `--_*` tokens of src/core/theme.ts and the round and pill buttons of src/core/base-styles.ts.
 */
export const mediaStyles = css`
  .ccm-bubble:has(> .ccm-media) {
    padding: 4px;
  }

  /* A picture speaks for itself: no bubble around it, only its rounded corners. */
  .ccm-bubble:has(> .ccm-media--image.ccm-media--ready) {
    padding: 0;
    background: none;
  }

  .ccm-media {
    position: relative;
    display: flex;
    flex-direction: column;
    gap: 6px;
    max-inline-size: 100%;
  }

  .ccm-media--audio,
  .ccm-media--file,
  .ccm-media--document {
    min-inline-size: min(15rem, 100%);
  }

  .ccm-media-open {
    display: block;
    padding: 0;
    border: 0;
    border-radius: calc(var(--_radius) * 0.75);
    background: none;
    line-height: 0;
    overflow: hidden;
  }

  .ccm-media-image,
  .ccm-media-frame {
    display: block;
    max-inline-size: 100%;
    max-block-size: 240px;
    border-radius: calc(var(--_radius) * 0.75);
    object-fit: cover;
  }

  /* Where an image will be while it loads: a quiet box the size of a typical photo. */
  .ccm-media-frame {
    inline-size: 13rem;
    aspect-ratio: 4 / 3;
    background: linear-gradient(100deg, transparent 30%, color-mix(in srgb, var(--_fg) 8%, transparent) 50%, transparent 70%) var(--_bg);
    background-size: 250% 100%;
    animation: ccm-shimmer 1.4s linear infinite;
  }

  @media (prefers-reduced-motion: reduce) {
    .ccm-media-frame {
      animation: none;
    }
  }

  @keyframes ccm-shimmer {
    from {
      background-position: 100% 0;
    }
    to {
      background-position: -150% 0;
    }
  }

  .ccm-media-player {
    display: block;
    inline-size: 100%;
    max-inline-size: 17rem;
    border-radius: calc(var(--_radius) * 0.5);
  }

  video.ccm-media-player {
    max-block-size: 240px;
    background: #000;
  }

  audio.ccm-media-player {
    min-inline-size: 14rem;
    block-size: 40px;
  }

  .ccm-media-line {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 6px;
    padding-inline: 6px;
    font-size: 0.8125rem;
  }

  .ccm-media--image .ccm-media-line,
  .ccm-media--video .ccm-media-line {
    padding-block-end: 2px;
  }

  .ccm-media-note--error {
    color: var(--_error);
  }

  /* A file: an icon, its name and what it is, the whole chip a download link once loaded. Its own colours, also
     inside the visitor's accent bubble (whose links inherit the bubble's text colour). */
  .ccm .ccm-bubble .ccm-file {
    display: flex;
    align-items: center;
    gap: 10px;
    padding: 8px 10px;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.75);
    background: var(--_bg);
    color: var(--_fg);
    text-decoration: none;
    overflow-wrap: anywhere;
  }

  .ccm a.ccm-file:hover .ccm-file-name {
    text-decoration: underline;
  }

  .ccm-file-icon {
    display: grid;
    place-items: center;
    flex: none;
    inline-size: 36px;
    block-size: 36px;
    border-radius: 8px;
    background: var(--_avatar-bg);
    color: var(--_avatar-fg);
  }

  .ccm-file-text {
    display: flex;
    flex-direction: column;
    min-inline-size: 0;
  }

  .ccm-file-name {
    font-weight: 600;
    font-size: 0.875rem;
  }

  .ccm .ccm-file-meta {
    font-size: 0.75rem;
    color: var(--_muted);
  }

  /* The visitor's own file while it uploads: a bar under its preview, in the bubble's text colour on a faint track
     (the native bar's grey track hid a white fill). Without a figure yet, a stripe runs along it. */
  .ccm-upload {
    display: block;
    inline-size: 100%;
    block-size: 4px;
    margin-block-start: 4px;
    border: 0;
    border-radius: 2px;
    overflow: hidden;
    appearance: none;
    background: color-mix(in srgb, currentColor 30%, transparent);
    color: var(--_on-accent);
  }

  /* Under a picture there is no bubble, only the panel: the accent shows there, its text colour would not. */
  .ccm-media--image.ccm-media--ready .ccm-upload {
    color: var(--_accent);
  }

  .ccm-upload::-webkit-progress-bar {
    background: transparent;
  }

  .ccm-upload::-webkit-progress-value {
    background: currentColor;
    transition: inline-size 0.2s;
  }

  .ccm-upload::-moz-progress-bar {
    background: currentColor;
  }

  .ccm-upload:indeterminate {
    background:
      linear-gradient(90deg, transparent 35%, currentColor 35% 65%, transparent 65%) 0 0 / 300% 100%,
      color-mix(in srgb, currentColor 30%, transparent);
    animation: ccm-upload-run 1.4s linear infinite;
  }

  @keyframes ccm-upload-run {
    from {
      background-position: 100% 0, 0 0;
    }
    to {
      background-position: 0 0, 0 0;
    }
  }

  @media (prefers-reduced-motion: reduce) {
    .ccm-upload:indeterminate {
      animation: none;
    }
  }

  .ccm--end .ccm-media-line {
    color: inherit;
  }

  /* The full-size viewer: the image as large as the window allows, on a dark backdrop. */
  .ccm-viewer {
    box-sizing: border-box;
    max-inline-size: 96vw;
    max-block-size: 96vh;
    padding: 0;
    border: 0;
    border-radius: 12px;
    background: #111;
    color: #fff;
    overflow: hidden;
  }

  .ccm-viewer::backdrop {
    background: rgb(0 0 0 / 0.72);
  }

  .ccm-viewer-bar {
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 6px 6px 6px 14px;
    font-size: 0.875rem;
  }

  .ccm-viewer-name {
    flex: 1;
    min-inline-size: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }

  /* Ghost pills on the viewer's dark bar. */
  .ccm-viewer-action {
    display: inline-grid;
    place-items: center;
    min-inline-size: 40px;
    min-block-size: 40px;
    padding: 0 9px;
    font-weight: 600;
    text-decoration: none;
  }

  .ccm-viewer-action:hover {
    background: rgb(255 255 255 / 0.14);
  }

  .ccm-viewer-action:focus-visible {
    outline: 2px solid #a8c7fa;
    outline-offset: 1px;
  }

  .ccm-viewer-image {
    display: block;
    max-inline-size: 96vw;
    max-block-size: calc(96vh - 52px);
    margin-inline: auto;
    object-fit: contain;
  }

  /* The composer with its attach button: [attach] [message] [send]. */
  [part~='composer'] {
    grid-template-columns: auto 1fr auto;
  }

  /* A round ghost button. */
  [part~='attach-button'] {
    width: 40px;
    height: 40px;
    color: var(--_muted);
  }

  [part~='attach-button']:hover {
    background: var(--_surface);
    color: var(--_fg);
  }

  .attach-error {
    margin: 0;
    padding: 8px 14px;
    border-top: 1px solid var(--_border);
    background: var(--_bg);
    color: var(--_error);
    font-size: 13px;
  }

  /* While files are dragged over the panel: the whole panel is where they go. */
  .drop-zone {
    position: absolute;
    inset: 8px;
    z-index: 2;
    display: grid;
    place-items: center;
    border: 2px dashed var(--_accent);
    border-radius: calc(var(--_radius) * 0.75);
    background: color-mix(in srgb, var(--_bg) 90%, transparent);
    color: var(--_fg);
    font-weight: 600;
    pointer-events: none;
  }
`;
