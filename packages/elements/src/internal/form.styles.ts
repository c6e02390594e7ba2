import { css } from 'lit';

/**
 * What the widgets with a form share (the join form, the Q&A ask form, the testimonial form
 * and the report dialog inside Q&A and the wall): `.field`, `.label`, `.optional`, the
 * resting look of `.textarea`, `.select`, `.input` and `.file`, `.hint`, `.counter`, the
 * `.check` rows, `.field-error`, `.form-error`, `.form-status` and `.actions`. Reads the
 * widget-level private values (`--_cercle-widget-color`, `--_cercle-widget-background`,
 * `--_cercle-widget-accent`) that each widget's `:host` points at its own hooks.
 * Adopted last before the widget's own sheet, which keeps what differs: sizes, margins,
 * and the hover, focus and invalid states of its fields (in that order, since they share
 * one specificity).
 */
export const formStyles = css`
  .field {
    display: flex;
    flex-direction: column;
    gap: var(--_cercle-space-xs);
  }

  .label {
    font-size: var(--_cercle-font-size-small);
    font-weight: var(--_cercle-font-weight-strong);
  }

  .optional {
    font-weight: var(--_cercle-font-weight-normal);
    color: var(--_cercle-color-text-muted);
  }

  .textarea,
  .select,
  .input,
  .file {
    inline-size: 100%;
    padding: var(--_cercle-space-s) var(--_cercle-space-m);
    font: inherit;
    color: var(--_cercle-widget-color);
    background: var(--_cercle-widget-background);
    border: 1px solid var(--_cercle-color-field-border);
    border-radius: var(--_cercle-radius-medium);
  }

  .textarea {
    resize: vertical;
    min-block-size: 4.5rem;
  }

  .hint,
  .counter {
    font-size: var(--_cercle-font-size-small);
    color: var(--_cercle-color-text-muted);
  }

  .counter {
    flex: none;
    font-variant-numeric: tabular-nums;
  }

  .check {
    display: grid;
    grid-template-columns: auto 1fr;
    column-gap: var(--_cercle-space-s);
  }

  .checkbox {
    inline-size: 1.125rem;
    block-size: 1.125rem;
    accent-color: var(--_cercle-widget-accent);
    cursor: pointer;
  }

  .check-label {
    font-size: var(--_cercle-font-size-small);
    cursor: pointer;
  }

  .field-error,
  .form-error,
  .form-status {
    display: flex;
    align-items: flex-start;
    gap: var(--_cercle-space-xs);
    font-size: var(--_cercle-font-size-small);
    font-weight: var(--_cercle-font-weight-strong);
  }

  .field-error,
  .form-error {
    color: var(--_cercle-color-danger);
  }

  .form-error,
  .form-status {
    padding: var(--_cercle-space-s) var(--_cercle-space-m);
    border-radius: var(--_cercle-radius-medium);
  }

  .form-error {
    background: var(--_cercle-color-danger-subtle);
  }

  .form-status {
    color: var(--_cercle-widget-accent);
    background: var(--_cercle-color-accent-subtle);
  }

  .field-error .icon,
  .form-error .icon,
  .form-status .icon {
    margin-block-start: 0.15em;
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_cercle-space-s);
  }
`;
