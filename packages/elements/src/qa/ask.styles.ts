import { css } from 'lit';

/** `<cercle-qa>`'s ask form, the vote error under a question and the join call. */
export const askStyles = css`
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
`;
