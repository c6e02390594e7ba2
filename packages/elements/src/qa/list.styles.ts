import { css } from 'lit';

/** `<cercle-qa>`'s tabs, list, "N new — show", questions and "Show more questions". */
export const listStyles = css`
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

  /* On a phone (or any widget 600 px wide or less) the page scrolls, not a box inside it. */
  @container cercle-qa (max-width: 600px) {
    .scroller {
      max-block-size: none;
      overflow-y: visible;
    }
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
`;
