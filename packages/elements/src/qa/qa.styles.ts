import { css } from 'lit';
import { askStyles } from './ask.styles.js';
import { listStyles } from './list.styles.js';

/**
 * `<cercle-qa>`: level two of the theming contract (public `--cercle-qa-*` hooks that
 * default to the global tokens) resolved into private `--_cercle-qa-*` values, which are the
 * only ones the rules below read.
 */
const boardStyles = css`
  :host {
    --_cercle-qa-background: var(--cercle-qa-background, var(--_cercle-color-surface));
    --_cercle-qa-color: var(--cercle-qa-color, var(--_cercle-color-text));
    --_cercle-qa-accent: var(--cercle-qa-accent, var(--_cercle-color-accent));
    --_cercle-qa-accent-hover: var(--cercle-qa-accent-hover, var(--_cercle-color-accent-hover));
    --_cercle-qa-on-accent: var(--cercle-qa-on-accent, var(--_cercle-color-on-accent));
    --_cercle-qa-live: var(--cercle-qa-live, var(--_cercle-color-danger));
    --_cercle-qa-border: var(--cercle-qa-border, 1px solid var(--_cercle-color-border));
    --_cercle-qa-radius: var(--cercle-qa-radius, var(--_cercle-radius-large));
    --_cercle-qa-padding: var(--cercle-qa-padding, var(--_cercle-space-l));
    --_cercle-qa-shadow: var(--cercle-qa-shadow, var(--_cercle-shadow));
    --_cercle-qa-max-width: var(--cercle-qa-max-width, 40rem);
    --_cercle-qa-list-max-height: var(--cercle-qa-list-max-height, 36rem);

    /* what the shared widget styles read (internal/widget.styles.ts) */
    --_cercle-widget-background: var(--_cercle-qa-background);
    --_cercle-widget-color: var(--_cercle-qa-color);
    --_cercle-widget-accent: var(--_cercle-qa-accent);
    --_cercle-widget-accent-hover: var(--_cercle-qa-accent-hover);
    --_cercle-widget-on-accent: var(--_cercle-qa-on-accent);

    max-inline-size: var(--_cercle-qa-max-width);
    /* the list's phone layout (list.styles.ts) follows the widget's width */
    container: cercle-qa / inline-size;
  }

  /* ---------------------------------------------------------------- surface (the card) */

  .base {
    position: relative;
    display: flex;
    flex-direction: column;
    gap: var(--_cercle-space-l);
    background: var(--_cercle-qa-background);
    color: var(--_cercle-qa-color);
    border: var(--_cercle-qa-border);
    border-radius: var(--_cercle-qa-radius);
    box-shadow: var(--_cercle-qa-shadow);
    padding: var(--_cercle-qa-padding);
  }

  p {
    margin: 0;
  }

  /* ------------------------------------------------------------------------- header */

  .meta {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_cercle-space-xs) var(--_cercle-space-m);
    margin-block-start: var(--_cercle-space-xs);
    font-size: var(--_cercle-font-size-small);
    color: var(--_cercle-color-text-muted);
  }

  .badge {
    display: inline-flex;
    align-items: center;
    gap: 0.4em;
    padding: 0.1rem 0.6rem;
    font-weight: var(--_cercle-font-weight-strong);
    border-radius: var(--_cercle-radius-pill);
    color: var(--_cercle-color-text-muted);
    background: var(--_cercle-color-surface-alt);
    border: 1px solid var(--_cercle-color-border);
  }

  .badge-live {
    color: var(--_cercle-qa-live);
    background: var(--_cercle-color-danger-subtle);
    border-color: color-mix(in srgb, var(--_cercle-qa-live) 30%, transparent);
  }

  .badge-scheduled {
    color: var(--_cercle-qa-accent);
    background: var(--_cercle-color-accent-subtle);
    border-color: color-mix(in srgb, var(--_cercle-qa-accent) 30%, transparent);
  }

  .live-dot {
    inline-size: 0.5rem;
    block-size: 0.5rem;
    border-radius: 50%;
    background: currentColor;
    animation: pulse 1.6s ease-in-out infinite;
  }

  @keyframes pulse {
    50% {
      opacity: 0.35;
    }
  }

  .countdown {
    display: inline-flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_cercle-space-xs);
    color: var(--_cercle-qa-color);
    font-variant-numeric: tabular-nums;
  }

  .starts-at {
    color: var(--_cercle-color-text-muted);
  }

  .starts-at::before {
    content: '·';
    margin-inline-end: var(--_cercle-space-xs);
  }

  /* ------------------------------------------------------------------------ notices */

  .notices:empty {
    display: none;
  }

  .notice {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_cercle-space-s);
    padding: var(--_cercle-space-s) var(--_cercle-space-m);
    font-size: var(--_cercle-font-size-small);
    color: var(--_cercle-color-text-muted);
    background: var(--_cercle-color-surface-alt);
    border: 1px solid var(--_cercle-color-border);
    border-radius: var(--_cercle-radius-medium);
  }

  .link-button {
    padding: 0;
    font: inherit;
    font-weight: var(--_cercle-font-weight-strong);
    color: var(--_cercle-qa-accent);
    background: none;
    border: 0;
    border-radius: var(--_cercle-radius-small);
    text-decoration: underline;
    text-underline-offset: 0.2em;
    cursor: pointer;
  }

  .ended {
    display: flex;
    align-items: flex-start;
    gap: var(--_cercle-space-s);
    padding: var(--_cercle-space-m);
    color: var(--_cercle-color-text-muted);
    background: var(--_cercle-color-surface-alt);
    border-radius: var(--_cercle-radius-medium);
  }

  .ended .icon {
    margin-block-start: 0.2em;
  }

  /* ---------------------------------------------------------- empty, error, loading */

  .empty {
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: var(--_cercle-space-s);
    padding: var(--_cercle-space-xl) var(--_cercle-space-m);
    text-align: center;
    color: var(--_cercle-color-text-muted);
    border: 1px dashed var(--_cercle-color-border);
    border-radius: var(--_cercle-radius-medium);
  }

  .empty-icon {
    display: inline-grid;
    place-items: center;
    inline-size: 2.25rem;
    block-size: 2.25rem;
    border-radius: 50%;
  }

  .empty-icon {
    color: var(--_cercle-qa-accent);
    background: var(--_cercle-color-accent-subtle);
  }

  .bone-short {
    inline-size: 55%;
  }

  .bone-field {
    block-size: 4.5rem;
    margin-block: var(--_cercle-space-m);
    border-radius: var(--_cercle-radius-medium);
  }

  .bone-item {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: var(--_cercle-space-m);
    padding-block: var(--_cercle-space-s);
  }

  .bone-vote {
    inline-size: 3.25rem;
    block-size: 3.5rem;
    border-radius: var(--_cercle-radius-medium);
  }

  .bone-lines {
    display: flex;
    flex-direction: column;
    gap: var(--_cercle-space-s);
    padding-block-start: var(--_cercle-space-xs);
  }

  @media (prefers-reduced-motion: reduce) {
    .live-dot,
    .show {
      animation-duration: 0s;
      animation-iteration-count: 1;
    }
  }
`;

/** All of `<cercle-qa>`'s own rules: the board, the ask form, the list. */
export const styles = css`
  ${boardStyles}
  ${askStyles}
  ${listStyles}
`;
