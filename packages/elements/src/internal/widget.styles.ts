import { css } from 'lit';

/**
 * What every widget's shadow root shares: icons, focus rings, the header (eyebrow, title),
 * buttons, the spinner, the error block and the loading skeleton. The rules read the
 * widget-level private values `--_cercle-widget-background`, `--_cercle-widget-color`, `--_cercle-widget-accent`,
 * `--_cercle-widget-accent-hover` and `--_cercle-widget-on-accent`, which each widget's
 * `:host` points at its own resolved hooks (`--_cercle-join-accent`, `--_cercle-qa-accent`…),
 * so `--cercle-join-accent` still themes the join widget's buttons alone.
 * Adopted after `tokens` and before the widget's own sheet, which may refine any rule.
 */
export const widgetStyles = css`
  .icon {
    inline-size: 1.1em;
    block-size: 1.1em;
    flex: none;
    fill: none;
    stroke: currentColor;
    stroke-width: 2;
    stroke-linecap: round;
    stroke-linejoin: round;
  }

  :focus-visible {
    outline: var(--_cercle-focus-ring);
    outline-offset: 2px;
  }

  [tabindex='-1']:focus {
    outline: none;
  }

  /* ------------------------------------------------------------------------- header */

  .header {
    display: flex;
    flex-direction: column;
    gap: var(--_cercle-space-xs);
  }

  .eyebrow {
    display: inline-flex;
    align-items: center;
    gap: var(--_cercle-space-xs);
    margin: 0;
    color: var(--_cercle-widget-accent);
    font-size: var(--_cercle-font-size-small);
    font-weight: var(--_cercle-font-weight-strong);
    letter-spacing: 0.06em;
    text-transform: uppercase;
  }

  .title {
    margin: 0;
    font-size: var(--_cercle-font-size-large);
    font-weight: var(--_cercle-font-weight-strong);
    line-height: 1.25;
    letter-spacing: -0.01em;
    text-wrap: balance;
  }

  /* ------------------------------------------------------------------------ buttons */

  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: var(--_cercle-space-s);
    min-block-size: 2.75rem;
    padding: 0 var(--_cercle-space-l);
    font: inherit;
    font-weight: var(--_cercle-font-weight-strong);
    border: 1px solid transparent;
    border-radius: var(--_cercle-radius-medium);
    cursor: pointer;
    transition:
      background-color var(--_cercle-duration) ease,
      border-color var(--_cercle-duration) ease,
      transform var(--_cercle-duration) ease;
  }

  .button:active:not([aria-disabled='true']) {
    transform: translateY(1px);
  }

  .button[aria-disabled='true'] {
    cursor: progress;
    opacity: 0.85;
  }

  .button-primary {
    background: var(--_cercle-widget-accent);
    color: var(--_cercle-widget-on-accent);
  }

  .button-primary:hover:not([aria-disabled='true']) {
    background: var(--_cercle-widget-accent-hover);
  }

  .button-secondary {
    background: transparent;
    color: var(--_cercle-widget-color);
    border-color: var(--_cercle-color-field-border);
  }

  .button-secondary:hover:not([aria-disabled='true']) {
    background: var(--_cercle-color-surface-alt);
  }

  .button-danger {
    background: var(--_cercle-color-danger);
    color: var(--_cercle-widget-background);
  }

  .spinner {
    inline-size: 1em;
    block-size: 1em;
    flex: none;
    border: 2px solid currentColor;
    border-inline-end-color: transparent;
    border-radius: 50%;
    animation: spin 0.8s linear infinite;
  }

  @keyframes spin {
    to {
      transform: rotate(1turn);
    }
  }

  /* ------------------------------------------------------------------ error, loading */

  .problem {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: var(--_cercle-space-m);
  }

  .problem-icon {
    display: inline-grid;
    place-items: center;
    inline-size: 2.25rem;
    block-size: 2.25rem;
    border-radius: 50%;
    color: var(--_cercle-color-danger);
    background: var(--_cercle-color-danger-subtle);
  }

  .problem-message {
    margin: 0;
    font-weight: var(--_cercle-font-weight-strong);
  }

  .skeleton {
    display: flex;
    flex-direction: column;
    gap: var(--_cercle-space-s);
  }

  .bone {
    block-size: 0.875rem;
    border-radius: var(--_cercle-radius-small);
    background: linear-gradient(
        90deg,
        transparent 0%,
        color-mix(in srgb, var(--_cercle-widget-background) 55%, transparent) 50%,
        transparent 100%
      )
      var(--_cercle-color-skeleton);
    background-size: 200% 100%;
    animation: shimmer 1.4s ease-in-out infinite;
  }

  .bone-eyebrow {
    inline-size: 6rem;
    block-size: 0.75rem;
  }

  .bone-title {
    inline-size: 60%;
    block-size: 1.5rem;
  }

  @keyframes shimmer {
    from {
      background-position: 100% 0;
    }
    to {
      background-position: -100% 0;
    }
  }

  @media (prefers-reduced-motion: reduce) {
    .bone,
    .spinner {
      animation-duration: 0s;
      animation-iteration-count: 1;
    }
    .spinner {
      border-inline-end-color: currentColor;
      opacity: 0.6;
    }
  }
`;
