import { css } from 'lit';

/**
 * `<cercle-qa>`: level two of the theming contract (public `--cercle-qa-*` hooks that
 * default to the global tokens) resolved into private `--_cercle-qa-*` values, which are the
 * only ones the rules below read.
 */
export const styles = css`
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

  /* ------------------------------------------------------------------------ the form */

  .ask {
    display: flex;
    flex-direction: column;
    gap: var(--_cercle-space-s);
  }

  .textarea,
  .select {
    transition:
      border-color var(--_cercle-duration) ease,
      box-shadow var(--_cercle-duration) ease;
  }

  .select {
    min-block-size: 2.5rem;
  }

  .textarea:hover,
  .select:hover {
    border-color: var(--_cercle-qa-color);
  }

  .textarea:focus-visible,
  .select:focus-visible {
    outline: none;
    border-color: var(--_cercle-qa-accent);
    box-shadow: 0 0 0 3px color-mix(in srgb, var(--_cercle-qa-accent) 30%, transparent);
  }

  .textarea[aria-invalid='true'] {
    border-color: var(--_cercle-color-danger);
  }

  .ask-meta {
    display: flex;
    justify-content: space-between;
    align-items: baseline;
    gap: var(--_cercle-space-m);
  }

  .counter-near {
    color: var(--_cercle-color-danger);
    font-weight: var(--_cercle-font-weight-strong);
  }

  .ask-row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--_cercle-space-s) var(--_cercle-space-m);
  }

  .check {
    align-items: center;
  }

  .checkbox {
    margin: 0;
  }

  .check-label {
    font-weight: var(--_cercle-font-weight-strong);
  }

  .check-hint {
    grid-column: 2;
  }

  .item-error {
    display: flex;
    align-items: flex-start;
    gap: var(--_cercle-space-xs);
    padding: var(--_cercle-space-s) var(--_cercle-space-m);
    font-size: var(--_cercle-font-size-small);
    font-weight: var(--_cercle-font-weight-strong);
    color: var(--_cercle-color-danger);
    background: var(--_cercle-color-danger-subtle);
    border-radius: var(--_cercle-radius-medium);
  }

  .item-error .icon {
    margin-block-start: 0.15em;
  }

  /* ---------------------------------------------------------------------- join call */

  .join {
    --cercle-join-max-width: none;
    --cercle-join-shadow: none;
  }

  /* --------------------------------------------------------------------------- tabs */

  .tabs {
    display: inline-flex;
    align-self: flex-start;
    gap: 2px;
    padding: 3px;
    background: var(--_cercle-color-surface-alt);
    border: 1px solid var(--_cercle-color-border);
    border-radius: var(--_cercle-radius-pill);
  }

  .tab {
    min-block-size: 2.25rem;
    padding: 0 var(--_cercle-space-l);
    font: inherit;
    font-size: var(--_cercle-font-size-small);
    font-weight: var(--_cercle-font-weight-strong);
    color: var(--_cercle-color-text-muted);
    background: transparent;
    border: 0;
    border-radius: var(--_cercle-radius-pill);
    cursor: pointer;
    transition:
      background-color var(--_cercle-duration) ease,
      color var(--_cercle-duration) ease;
  }

  .tab:hover {
    color: var(--_cercle-qa-color);
  }

  .tab[aria-selected='true'] {
    color: var(--_cercle-qa-color);
    background: var(--_cercle-qa-background);
    box-shadow: 0 1px 2px rgb(16 24 40 / 0.12);
  }

  /* --------------------------------------------------------------------------- list */

  .panel {
    margin-block-start: calc(-1 * var(--_cercle-space-s));
  }

  .scroller {
    position: relative;
    max-block-size: var(--_cercle-qa-list-max-height);
    overflow-y: auto;
    margin-inline: calc(-1 * var(--_cercle-space-s));
    padding-inline: var(--_cercle-space-s);
  }

  .pending {
    position: sticky;
    inset-block-start: 0;
    z-index: 1;
    display: flex;
    justify-content: center;
    block-size: 0;
    overflow: visible;
  }

  .show {
    display: inline-flex;
    align-items: center;
    gap: var(--_cercle-space-xs);
    margin-block-start: var(--_cercle-space-s);
    min-block-size: 2.25rem;
    padding: 0 var(--_cercle-space-m);
    font: inherit;
    font-size: var(--_cercle-font-size-small);
    font-weight: var(--_cercle-font-weight-strong);
    color: var(--_cercle-qa-on-accent);
    background: var(--_cercle-qa-accent);
    border: 0;
    border-radius: var(--_cercle-radius-pill);
    box-shadow: var(--_cercle-qa-shadow);
    cursor: pointer;
    animation: drop-in calc(var(--_cercle-duration) * 2) ease-out;
  }

  .show:hover {
    background: var(--_cercle-qa-accent-hover);
  }

  @keyframes drop-in {
    from {
      opacity: 0;
      transform: translateY(-6px);
    }
  }

  .list {
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .item {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: var(--_cercle-space-m);
    padding-block: var(--_cercle-space-m);
    border-block-start: 1px solid var(--_cercle-color-border);
    /* 1,000 questions: only those on screen are laid out and painted. */
    content-visibility: auto;
    contain-intrinsic-size: auto 6.5rem;
  }

  .item:first-child {
    border-block-start: 0;
  }

  .vote {
    align-self: start;
    display: inline-flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: 0.1rem;
    inline-size: 3.25rem;
    min-block-size: 3.5rem;
    padding: var(--_cercle-space-xs);
    font: inherit;
    font-weight: var(--_cercle-font-weight-strong);
    color: var(--_cercle-qa-color);
    background: var(--_cercle-qa-background);
    border: 1px solid var(--_cercle-color-field-border);
    border-radius: var(--_cercle-radius-medium);
    cursor: pointer;
    transition:
      background-color var(--_cercle-duration) ease,
      border-color var(--_cercle-duration) ease,
      color var(--_cercle-duration) ease;
  }

  .vote:hover:not(:disabled) {
    border-color: var(--_cercle-qa-accent);
    color: var(--_cercle-qa-accent);
  }

  .vote[aria-pressed='true'] {
    color: var(--_cercle-qa-on-accent);
    background: var(--_cercle-qa-accent);
    border-color: var(--_cercle-qa-accent);
  }

  .vote[aria-pressed='true']:hover:not(:disabled) {
    color: var(--_cercle-qa-on-accent);
    background: var(--_cercle-qa-accent-hover);
  }

  .vote[aria-disabled='true'] {
    cursor: progress;
  }

  .vote:disabled {
    cursor: default;
    color: var(--_cercle-color-text-muted);
    background: var(--_cercle-color-surface-alt);
    border-color: var(--_cercle-color-border);
  }

  .vote:disabled[aria-pressed='true'] {
    color: var(--_cercle-qa-accent);
    background: var(--_cercle-color-accent-subtle);
    border-color: color-mix(in srgb, var(--_cercle-qa-accent) 40%, transparent);
  }

  .vote-count {
    font-size: var(--_cercle-font-size-small);
    font-variant-numeric: tabular-nums;
    line-height: 1.2;
  }

  .item-body {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: var(--_cercle-space-xs);
    min-inline-size: 0;
  }

  .badges {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_cercle-space-xs);
  }

  .item-badge {
    display: inline-flex;
    align-items: center;
    gap: 0.3em;
    padding: 0 0.5rem;
    font-size: var(--_cercle-font-size-small);
    font-weight: var(--_cercle-font-weight-strong);
    border-radius: var(--_cercle-radius-pill);
    color: var(--_cercle-qa-accent);
    background: var(--_cercle-color-accent-subtle);
  }

  .item-badge .icon {
    inline-size: 0.95em;
    block-size: 0.95em;
  }

  .badge-pinned {
    color: var(--_cercle-qa-color);
    background: var(--_cercle-color-surface-alt);
    border: 1px solid var(--_cercle-color-border);
  }

  .text {
    overflow-wrap: anywhere;
    white-space: pre-line;
    text-wrap: pretty;
  }

  .byline {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_cercle-space-xs);
    font-size: var(--_cercle-font-size-small);
    color: var(--_cercle-color-text-muted);
  }

  .author {
    font-weight: var(--_cercle-font-weight-strong);
  }

  .answer {
    align-self: stretch;
    display: flex;
    flex-direction: column;
    gap: 0.125rem;
    margin-block: var(--_cercle-space-xs);
    padding: var(--_cercle-space-s) var(--_cercle-space-m);
    background: var(--_cercle-color-surface-alt);
    border-inline-start: 3px solid var(--_cercle-qa-accent);
    border-radius: var(--_cercle-radius-small);
  }

  .answer-label {
    font-size: var(--_cercle-font-size-small);
    font-weight: var(--_cercle-font-weight-strong);
    color: var(--_cercle-qa-accent);
  }

  .answer-text {
    overflow-wrap: anywhere;
    white-space: pre-line;
  }

  .more {
    display: flex;
    justify-content: center;
    padding-block: var(--_cercle-space-m) var(--_cercle-space-xs);
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
