import { css } from 'lit';

/**
 * The `button` variant of `<cercle-join>`: the trigger and the floating panel. Reads the
 * private values the card's sheet (`join.styles.ts`) resolves on `:host`.
 */
export const popoverStyles = css`
  /* A .button: a pill, on one line (the label shortens with an ellipsis, never wraps). */
  .trigger {
    /* fills the host's width when the page reserves one (reserve.css) */
    inline-size: 100%;
    justify-content: center;
    max-inline-size: 100%;
    white-space: nowrap;
    border-radius: var(--_cercle-radius-pill);
    box-shadow: var(--_cercle-join-shadow);
  }

  .trigger-label {
    min-inline-size: 0;
    overflow: hidden;
    text-overflow: ellipsis;
  }

  .trigger-count {
    flex: none;
    min-inline-size: 9em;
    text-align: center;
    padding: 0 var(--_cercle-space-s);
    font-size: var(--_cercle-font-size-small);
    border-inline-start: 1px solid color-mix(in srgb, currentColor 40%, transparent);
  }

  .trigger-member {
    color: var(--_cercle-join-accent);
    background: var(--_cercle-color-accent-subtle);
    border-color: color-mix(in srgb, var(--_cercle-join-accent) 35%, transparent);
    box-shadow: none;
  }

  .trigger-member:hover {
    background: var(--_cercle-color-accent-subtle);
    border-color: var(--_cercle-join-accent);
  }

  .popover {
    position: fixed;
    inset: auto;
    margin: 0;
    inline-size: min(
      var(--_cercle-join-popover-width),
      var(--cercle-popover-available-width, 100vw)
    );
    max-block-size: var(--cercle-popover-available-height, 100vh);
    overflow: auto;
    z-index: 1000;
    padding-block-start: calc(var(--_cercle-join-padding) + var(--_cercle-space-s));
  }

  .popover:popover-open {
    animation: pop-in var(--_cercle-duration) ease-out;
  }

  .popover[hidden] {
    display: none;
  }

  @keyframes pop-in {
    from {
      opacity: 0;
      transform: translateY(-4px) scale(0.98);
    }
  }

  .close {
    position: absolute;
    inset-block-start: var(--_cercle-space-s);
    inset-inline-end: var(--_cercle-space-s);
    display: inline-grid;
    place-items: center;
    inline-size: 2rem;
    block-size: 2rem;
    padding: 0;
    color: var(--_cercle-color-text-muted);
    background: none;
    border: 0;
    border-radius: var(--_cercle-radius-small);
    cursor: pointer;
  }

  .close:hover {
    color: var(--_cercle-join-color);
    background: var(--_cercle-color-surface-alt);
  }
`;
