import { css } from 'lit';

/**
 * `<cercle-promo>`: level two of the theming contract (public `--cercle-promo-*` hooks that
 * default to the global tokens) resolved into private `--_cercle-promo-*` values, which are
 * the only ones the rules below read — except the disclosure label, which reads no hook at
 * all: the page cannot theme it away.
 */
export const styles = css`
  :host {
    --_cercle-promo-background: var(--cercle-promo-background, var(--_cercle-color-surface));
    --_cercle-promo-color: var(--cercle-promo-color, var(--_cercle-color-text));
    --_cercle-promo-accent: var(--cercle-promo-accent, var(--_cercle-color-accent));
    --_cercle-promo-accent-hover: var(
      --cercle-promo-accent-hover,
      var(--_cercle-color-accent-hover)
    );
    --_cercle-promo-on-accent: var(--cercle-promo-on-accent, var(--_cercle-color-on-accent));
    --_cercle-promo-border: var(--cercle-promo-border, 1px solid var(--_cercle-color-border));
    --_cercle-promo-radius: var(--cercle-promo-radius, var(--_cercle-radius-large));
    --_cercle-promo-padding: var(--cercle-promo-padding, var(--_cercle-space-l));
    --_cercle-promo-shadow: var(--cercle-promo-shadow, var(--_cercle-shadow));
    --_cercle-promo-max-width: var(--cercle-promo-max-width, 28rem);
    --_cercle-promo-code-font: var(
      --cercle-promo-code-font,
      ui-monospace,
      SFMono-Regular,
      Menlo,
      Consolas,
      monospace
    );

    /* what the shared widget styles read (internal/widget.styles.ts) */
    --_cercle-widget-background: var(--_cercle-promo-background);
    --_cercle-widget-color: var(--_cercle-promo-color);
    --_cercle-widget-accent: var(--_cercle-promo-accent);
    --_cercle-widget-accent-hover: var(--_cercle-promo-accent-hover);
    --_cercle-widget-on-accent: var(--_cercle-promo-on-accent);

    max-inline-size: var(--_cercle-promo-max-width);
  }

  /* ---------------------------------------------------------------- surface (the card) */

  .base {
    position: relative;
    display: flex;
    flex-direction: column;
    gap: var(--_cercle-space-m);
    background: var(--_cercle-promo-background);
    color: var(--_cercle-promo-color);
    border: var(--_cercle-promo-border);
    border-radius: var(--_cercle-promo-radius);
    box-shadow: var(--_cercle-promo-shadow);
    padding: var(--_cercle-promo-padding);
  }

  p {
    margin: 0;
  }

  /*
   * The commercial disclosure (French law 2023-451). Not a part, and every property it could
   * inherit from a hostile page (color, size, font, visibility, text fill…) is reset, then set
   * here with fixed values: page CSS cannot hide it while the offer shows.
   */
  .disclosure {
    all: initial;
    display: inline-flex;
    align-self: flex-start;
    position: relative;
    z-index: 1;
    padding: 0.125rem 0.5rem;
    font-family:
      system-ui,
      -apple-system,
      'Segoe UI',
      Roboto,
      Arial,
      sans-serif;
    font-size: max(12px, 0.75rem);
    font-weight: 600;
    line-height: 1.5;
    letter-spacing: 0.04em;
    text-transform: uppercase;
    color: #17191f;
    background: #e8ebef;
    border: 1px solid #868d9a;
    border-radius: 4px;
    visibility: visible;
    opacity: 1;
  }

  :host([theme='dark']) .disclosure {
    color: #eceef2;
    background: #2d313a;
    border-color: #737b89;
  }

  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) .disclosure {
      color: #eceef2;
      background: #2d313a;
      border-color: #737b89;
    }
  }

  /* --------------------------------------------------------------------- the teaser */

  .eyebrow .icon {
    inline-size: 1em;
    block-size: 1em;
  }

  .benefit {
    font-size: 1.5rem;
    font-weight: 700;
    line-height: 1.2;
    letter-spacing: -0.01em;
    color: var(--_cercle-promo-accent);
    text-wrap: balance;
  }

  .conditions {
    font-size: var(--_cercle-font-size-small);
    color: var(--_cercle-color-text-muted);
  }

  .countdown {
    display: inline-flex;
    align-items: center;
    gap: var(--_cercle-space-xs);
    font-size: var(--_cercle-font-size-small);
    font-weight: var(--_cercle-font-weight-strong);
    color: var(--_cercle-color-text-muted);
    font-variant-numeric: tabular-nums;
  }

  .action {
    display: flex;
    flex-direction: column;
    gap: var(--_cercle-space-m);
    margin-block-start: var(--_cercle-space-xs);
  }

  .reveal {
    align-self: stretch;
  }

  /* ------------------------------------------------------------ locked, waitlisted */

  .placeholder {
    display: flex;
    align-items: center;
    justify-content: center;
    gap: var(--_cercle-space-s);
    padding: var(--_cercle-space-s) var(--_cercle-space-m);
    color: var(--_cercle-color-text-muted);
    border: 2px dashed var(--_cercle-color-field-border);
    border-radius: var(--_cercle-radius-medium);
  }

  .placeholder .icon {
    color: var(--_cercle-promo-accent);
  }

  .placeholder-dots {
    font-family: var(--_cercle-promo-code-font);
    font-size: 1.25rem;
    letter-spacing: 0.2em;
  }

  .lock-text {
    flex: 1 1 12rem;
    font-weight: var(--_cercle-font-weight-strong);
  }

  .join {
    --cercle-join-max-width: none;
    --cercle-join-shadow: none;
  }

  /* ----------------------------------------------------------------------- the code */

  .revealed {
    display: flex;
    flex-direction: column;
    gap: var(--_cercle-space-s);
  }

  .enter {
    animation: reveal 240ms cubic-bezier(0.2, 0, 0, 1);
  }

  @keyframes reveal {
    from {
      opacity: 0;
      transform: scale(0.96);
    }
  }

  .code-label {
    font-size: var(--_cercle-font-size-small);
    font-weight: var(--_cercle-font-weight-strong);
    color: var(--_cercle-color-text-muted);
  }

  .code-row {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_cercle-space-s);
  }

  .code {
    flex: 1 1 10rem;
    display: flex;
    align-items: center;
    justify-content: center;
    min-block-size: 2.75rem;
    padding: var(--_cercle-space-xs) var(--_cercle-space-m);
    font-family: var(--_cercle-promo-code-font);
    font-size: 1.25rem;
    font-weight: var(--_cercle-font-weight-strong);
    letter-spacing: 0.08em;
    overflow-wrap: anywhere;
    color: var(--_cercle-promo-color);
    background: var(--_cercle-color-accent-subtle);
    border: 2px dashed var(--_cercle-promo-accent);
    border-radius: var(--_cercle-radius-medium);
    user-select: all;
    -webkit-user-select: all;
    cursor: text;
  }

  .copy {
    min-inline-size: 7.5rem;
  }

  :host(:state(copied)) .copy {
    color: var(--_cercle-promo-accent);
    border-color: var(--_cercle-promo-accent);
  }

  .hint {
    font-size: var(--_cercle-font-size-small);
    color: var(--_cercle-color-text-muted);
  }

  .hint-manual {
    color: var(--_cercle-promo-color);
    font-weight: var(--_cercle-font-weight-strong);
  }

  /* ----------------------------------------------------- ended, exhausted, slow down */

  .notice {
    display: flex;
    align-items: flex-start;
    gap: var(--_cercle-space-s);
    padding: var(--_cercle-space-m);
    background: var(--_cercle-color-surface-alt);
    border: 1px solid var(--_cercle-color-border);
    border-radius: var(--_cercle-radius-medium);
  }

  .notice .icon {
    margin-block-start: 0.2em;
    color: var(--_cercle-color-text-muted);
  }

  .notice-text {
    display: flex;
    flex-direction: column;
    gap: var(--_cercle-space-xs);
  }

  .notice-message {
    font-weight: var(--_cercle-font-weight-strong);
  }

  .notice-hint {
    font-size: var(--_cercle-font-size-small);
    color: var(--_cercle-color-text-muted);
  }

  /* ------------------------------------------------------------------------ loading */

  /*
   * The skeleton has the card's layout, with the teaser's classes: a text bone is one line
   * box tall, its bar drawn in the middle; the lock and the buttons are the real ones with
   * their text hidden under the bones. The benefit and the conditions keep two lines at
   * least once loaded, so their height does not depend on the offer's text (up to two lines).
   */
  .skeleton {
    display: flex;
    flex-direction: column;
    gap: var(--_cercle-space-m);
  }

  .benefit,
  .conditions {
    min-block-size: 2lh;
  }

  .bone-text {
    inline-size: auto;
    block-size: 1lh;
    padding-block: 0.3lh;
    background-clip: content-box;
  }

  .bone-eyebrow {
    inline-size: 8rem;
  }

  .bone-title {
    inline-size: 70%;
  }

  .bone-short {
    inline-size: 55%;
  }

  .bone-countdown {
    inline-size: 7.5rem;
  }

  .skeleton .disclosure,
  .bone-button,
  .bone-inline {
    color: transparent;
    border-color: transparent;
    background-color: var(--_cercle-color-skeleton);
  }

  .bone-button {
    block-size: auto;
    cursor: auto;
  }

  .bone-inline {
    block-size: auto;
    box-decoration-break: clone;
    -webkit-box-decoration-break: clone;
  }

  @media (prefers-reduced-motion: reduce) {
    .enter {
      animation: none;
    }
  }
`;
