import { css } from 'lit';

/**
 * `<cercle-join>`: level two of the theming contract (public `--cercle-join-*` hooks that
 * default to the global tokens) resolved into private `--_cercle-join-*` values, which are
 * the only ones the rules below read.
 */
export const styles = css`
  :host {
    --_cercle-join-background: var(--cercle-join-background, var(--_cercle-color-surface));
    --_cercle-join-color: var(--cercle-join-color, var(--_cercle-color-text));
    --_cercle-join-accent: var(--cercle-join-accent, var(--_cercle-color-accent));
    --_cercle-join-accent-hover: var(--cercle-join-accent-hover, var(--_cercle-color-accent-hover));
    --_cercle-join-on-accent: var(--cercle-join-on-accent, var(--_cercle-color-on-accent));
    --_cercle-join-border: var(--cercle-join-border, 1px solid var(--_cercle-color-border));
    --_cercle-join-radius: var(--cercle-join-radius, var(--_cercle-radius-large));
    --_cercle-join-padding: var(--cercle-join-padding, var(--_cercle-space-l));
    --_cercle-join-shadow: var(--cercle-join-shadow, var(--_cercle-shadow));
    --_cercle-join-max-width: var(--cercle-join-max-width, 28rem);
    --_cercle-join-popover-width: var(--cercle-join-popover-width, 24rem);

    /* what the shared widget styles read (internal/widget.styles.ts) */
    --_cercle-widget-background: var(--_cercle-join-background);
    --_cercle-widget-color: var(--_cercle-join-color);
    --_cercle-widget-accent: var(--_cercle-join-accent);
    --_cercle-widget-accent-hover: var(--_cercle-join-accent-hover);
    --_cercle-widget-on-accent: var(--_cercle-join-on-accent);

    max-inline-size: var(--_cercle-join-max-width);
  }

  :host([variant='banner']) {
    max-inline-size: none;
  }

  :host([variant='button']) {
    display: inline-block;
    max-inline-size: 100%;
  }

  /* ---------------------------------------------------------------- surface (the card) */

  .base {
    position: relative;
    container-type: inline-size;
  }

  :host([variant='button']) .base {
    container-type: normal;
  }

  .surface {
    background: var(--_cercle-join-background);
    color: var(--_cercle-join-color);
    border: var(--_cercle-join-border);
    border-radius: var(--_cercle-join-radius);
    box-shadow: var(--_cercle-join-shadow);
    padding: var(--_cercle-join-padding);
  }

  p {
    margin: 0;
  }

  .content {
    display: flex;
    flex-direction: column;
    gap: var(--_cercle-space-l);
  }

  /* ------------------------------------------------------------------------- header */

  .tagline {
    color: var(--_cercle-color-text-muted);
    text-wrap: pretty;
  }

  .stats {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_cercle-space-xs) var(--_cercle-space-m);
    margin: var(--_cercle-space-s) 0 0;
    font-size: var(--_cercle-font-size-small);
    color: var(--_cercle-color-text-muted);
  }

  .stat {
    display: inline-flex;
    align-items: center;
    gap: var(--_cercle-space-xs);
  }

  .stat:first-child {
    color: var(--_cercle-join-color);
    font-weight: var(--_cercle-font-weight-strong);
  }

  .meter {
    block-size: 6px;
    margin-block-start: var(--_cercle-space-xs);
    border-radius: var(--_cercle-radius-pill);
    background: var(--_cercle-color-surface-alt);
    box-shadow: inset 0 0 0 1px var(--_cercle-color-border);
    overflow: hidden;
  }

  .meter-fill {
    --_cercle-join-fill: 0;
    block-size: 100%;
    background: var(--_cercle-join-accent);
    border-radius: inherit;
    transform: scaleX(var(--_cercle-join-fill));
    transform-origin: left;
    transition: transform calc(var(--_cercle-duration) * 4) ease-out;
  }

  /* --------------------------------------------------------------------------- form */

  .form {
    display: grid;
    gap: var(--_cercle-space-m);
  }

  .field {
    min-inline-size: 0;
  }

  .input {
    min-block-size: 2.625rem;
    padding: 0 var(--_cercle-space-m);
    transition:
      border-color var(--_cercle-duration) ease,
      box-shadow var(--_cercle-duration) ease;
  }

  .input:hover {
    border-color: var(--_cercle-join-color);
  }

  .input:focus-visible {
    outline: none;
    border-color: var(--_cercle-join-accent);
    box-shadow: 0 0 0 3px color-mix(in srgb, var(--_cercle-join-accent) 30%, transparent);
  }

  .field-invalid .input,
  .input[aria-invalid='true'] {
    border-color: var(--_cercle-color-danger);
  }

  .consent {
    row-gap: var(--_cercle-space-s);
    align-items: start;
  }

  .checkbox {
    margin: 0.125rem 0 0;
  }

  .consent-label {
    color: var(--_cercle-color-text-muted);
    text-wrap: pretty;
  }

  .field-invalid .consent {
    padding: var(--_cercle-space-s);
    margin-inline: calc(-1 * var(--_cercle-space-s));
    border-radius: var(--_cercle-radius-medium);
    background: var(--_cercle-color-danger-subtle);
  }

  .privacy-link {
    grid-column: 2;
    justify-self: start;
    display: inline-flex;
    align-items: center;
    gap: var(--_cercle-space-xs);
    font-size: var(--_cercle-font-size-small);
    font-weight: var(--_cercle-font-weight-strong);
    color: var(--_cercle-join-accent);
    text-underline-offset: 0.2em;
    border-radius: var(--_cercle-radius-small);
  }

  .privacy-link .icon {
    inline-size: 0.95em;
    block-size: 0.95em;
  }

  /* ------------------------------------------------------------------------ buttons */

  /* The label stays one phrase: it wraps as a whole (balanced), never word by word. */
  .submit {
    inline-size: 100%;
    text-wrap: balance;
  }

  .leave {
    align-self: flex-start;
    padding: var(--_cercle-space-xs) 0;
    font: inherit;
    font-size: var(--_cercle-font-size-small);
    color: var(--_cercle-color-text-muted);
    background: none;
    border: 0;
    border-radius: var(--_cercle-radius-small);
    text-decoration: underline;
    text-underline-offset: 0.2em;
    cursor: pointer;
  }

  .leave:hover {
    color: var(--_cercle-join-color);
  }

  /* ------------------------------------------------------------------------- status */

  .status {
    display: flex;
    flex-direction: column;
    gap: var(--_cercle-space-m);
  }

  .status-title {
    display: flex;
    align-items: center;
    gap: var(--_cercle-space-s);
    font-weight: var(--_cercle-font-weight-strong);
    font-size: 1rem;
    text-wrap: pretty;
  }

  .status-icon {
    display: inline-grid;
    place-items: center;
    inline-size: 2rem;
    block-size: 2rem;
    flex: none;
    border-radius: 50%;
    color: var(--_cercle-join-accent);
    background: var(--_cercle-color-accent-subtle);
  }

  .status-icon-muted {
    color: var(--_cercle-color-text-muted);
    background: var(--_cercle-color-surface-alt);
  }

  .status-text {
    color: var(--_cercle-color-text-muted);
  }

  .invites {
    display: grid;
    gap: var(--_cercle-space-s);
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .invite {
    display: flex;
    align-items: center;
    gap: var(--_cercle-space-m);
    padding: var(--_cercle-space-s) var(--_cercle-space-m);
    color: var(--_cercle-join-color);
    text-decoration: none;
    background: var(--_cercle-color-surface-alt);
    border: 1px solid var(--_cercle-color-border);
    border-radius: var(--_cercle-radius-medium);
    transition: border-color var(--_cercle-duration) ease;
  }

  .invite:hover {
    border-color: var(--_cercle-join-accent);
  }

  .invite-text {
    display: flex;
    flex: 1;
    flex-direction: column;
    min-inline-size: 0;
  }

  .invite-label {
    font-weight: var(--_cercle-font-weight-strong);
  }

  .invite-kind {
    font-size: var(--_cercle-font-size-small);
    color: var(--_cercle-color-text-muted);
  }

  .invite .icon {
    color: var(--_cercle-color-text-muted);
  }

  .confirm {
    display: flex;
    flex-direction: column;
    gap: var(--_cercle-space-m);
    padding: var(--_cercle-space-m);
    border: 1px solid var(--_cercle-color-border);
    border-radius: var(--_cercle-radius-medium);
    background: var(--_cercle-color-surface-alt);
  }

  /* ------------------------------------------------------------------ error, loading */

  .invites-loading {
    display: flex;
    flex-direction: column;
    gap: var(--_cercle-space-s);
  }

  /*
   * The skeleton has the card's shape, line box for line box (a text bone is one line tall,
   * its bar drawn in the middle), so the card takes its place without moving anything.
   */
  .skeleton {
    gap: var(--_cercle-space-l);
  }

  .bone-head,
  .bone-form,
  .bone-field-group {
    display: flex;
    flex-direction: column;
    gap: var(--_cercle-space-xs);
  }

  .bone-form {
    gap: var(--_cercle-space-m);
  }

  .bone-text {
    block-size: 1lh;
    padding-block: 0.3lh;
    background-clip: content-box;
  }

  .bone-small {
    font-size: var(--_cercle-font-size-small);
  }

  .bone-head .bone-title {
    font-size: var(--_cercle-font-size-large);
    line-height: 1.25;
    padding-block: 0.15lh;
  }

  /* The tagline's second line: no gap inside one paragraph. */
  .bone-short {
    inline-size: 70%;
    margin-block-start: calc(-1 * var(--_cercle-space-xs));
  }

  .bone-stats {
    inline-size: 45%;
    margin-block-start: var(--_cercle-space-s);
  }

  .bone-meter {
    block-size: 6px;
    margin-block-start: var(--_cercle-space-xs);
  }

  .bone-label {
    inline-size: 7rem;
  }

  .bone-hint {
    inline-size: 65%;
  }

  /*
   * The consent: its label's lines and the privacy link. The label is the locale's wording,
   * known before the community is: 3 lines in English in a 20–26rem card, fewer wider, more
   * narrower; French wraps one line more. The tagline takes a third line in a narrow card.
   */
  .bone-consent {
    --_cercle-join-consent-lines: 4;
    block-size: calc(var(--_cercle-join-consent-lines) * 1lh + var(--_cercle-space-s));
  }

  :host(:lang(fr)) .bone-consent {
    --_cercle-join-consent-lines: 5;
  }

  @container (min-width: 26rem) {
    .bone-consent {
      --_cercle-join-consent-lines: 3;
    }
  }

  @container (max-width: 20rem) {
    .bone-consent {
      --_cercle-join-consent-lines: 5;
    }

    :host(:lang(fr)) .bone-consent {
      --_cercle-join-consent-lines: 6;
    }
  }

  @container (max-width: 17.5rem) {
    .bone-consent {
      --_cercle-join-consent-lines: 6;
    }

    :host(:lang(fr)) .bone-consent {
      --_cercle-join-consent-lines: 7;
    }

    .bone-short {
      block-size: 2lh;
      padding-block: 0.3lh 1.3lh;
    }
  }

  .bone-field,
  .bone-button,
  .bone-invite {
    block-size: 2.625rem;
    border-radius: var(--_cercle-radius-medium);
  }

  .bone-button {
    block-size: 2.75rem;
  }

  .bone-invite {
    block-size: 3rem;
  }

  /* ------------------------------------------------------------------------- banner */

  /* The skeleton has the banner's layout too: the header beside a two-column form. */
  @container (min-width: 44rem) {
    :host([variant='banner']) :is(.content, .skeleton) {
      flex-direction: row;
      align-items: flex-start;
      gap: var(--_cercle-space-xl);
    }

    :host([variant='banner']) :is(.header, .bone-head) {
      flex: 1 1 16rem;
    }

    :host([variant='banner']) :is(.body, .bone-form) {
      flex: 1.4 1 22rem;
    }

    :host([variant='banner']) :is(.form, .bone-form) {
      display: grid;
      grid-template-columns: 1fr 1fr;
      column-gap: var(--_cercle-space-m);
    }

    :host([variant='banner']) :is(.field-consent, .form-error, .submit, .bone-consent) {
      grid-column: 1 / -1;
    }

    :host([variant='banner']) .submit {
      inline-size: auto;
      justify-self: start;
    }

    /* Stable whatever the text: two lines for each hint, three for the consent. */
    :host([variant='banner']) :is(.hint, .consent-label) {
      min-block-size: 2lh;
    }

    :host([variant='banner']) .bone-hint {
      block-size: 2lh;
      padding-block: 0.3lh 1.3lh;
    }

    :host([variant='banner']) .bone-consent {
      --_cercle-join-consent-lines: 3;
    }

    :host([variant='banner']) .bone-button {
      grid-column: 1;
      inline-size: 12rem;
    }
  }
`;
