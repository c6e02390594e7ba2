import { css } from 'lit';

/**
 * `<cercle-wall>`: level two of the theming contract (public `--cercle-wall-*` hooks that
 * default to the global tokens) resolved into private `--_cercle-wall-*` values, which are
 * the only ones the rules below read — except the legal labels (`.legal`), which read none:
 * their every property is set here, so no token, inherited value or part can hide them.
 */
export const styles = css`
  :host {
    --_cercle-wall-surface: var(--cercle-wall-surface, var(--_cercle-color-surface-alt));
    --_cercle-wall-background: var(--cercle-wall-background, var(--_cercle-color-surface));
    --_cercle-wall-color: var(--cercle-wall-color, var(--_cercle-color-text));
    --_cercle-wall-accent: var(--cercle-wall-accent, var(--_cercle-color-accent));
    --_cercle-wall-accent-hover: var(--cercle-wall-accent-hover, var(--_cercle-color-accent-hover));
    --_cercle-wall-on-accent: var(--cercle-wall-on-accent, var(--_cercle-color-on-accent));
    --_cercle-wall-star: var(--cercle-wall-star, #b26b00);
    --_cercle-wall-border: var(--cercle-wall-border, 1px solid var(--_cercle-color-border));
    --_cercle-wall-radius: var(--cercle-wall-radius, var(--_cercle-radius-large));
    --_cercle-wall-padding: var(--cercle-wall-padding, var(--_cercle-space-l));
    --_cercle-wall-shadow: var(--cercle-wall-shadow, var(--_cercle-shadow));
    --_cercle-wall-gap: var(--cercle-wall-gap, var(--_cercle-space-l));
    --_cercle-wall-card-width: var(--cercle-wall-card-width, 17rem);
    --_cercle-wall-card-height: var(--cercle-wall-card-height, 30rem);

    /* what the shared widget styles read (internal/widget.styles.ts) */
    --_cercle-widget-background: var(--_cercle-wall-background);
    --_cercle-widget-color: var(--_cercle-wall-color);
    --_cercle-widget-accent: var(--_cercle-wall-accent);
    --_cercle-widget-accent-hover: var(--_cercle-wall-accent-hover);
    --_cercle-widget-on-accent: var(--_cercle-wall-on-accent);
  }

  :host([theme='dark']) {
    --_cercle-wall-star: var(--cercle-wall-star, #f2b640);
  }

  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      --_cercle-wall-star: var(--cercle-wall-star, #f2b640);
    }
  }

  p,
  h2,
  h3,
  ul {
    margin: 0;
  }

  .base {
    display: flex;
    flex-direction: column;
    gap: var(--_cercle-wall-gap);
    padding: var(--_cercle-wall-padding);
    color: var(--_cercle-wall-color);
    background: var(--_cercle-wall-surface);
    border-radius: var(--_cercle-wall-radius);
  }

  .link,
  .link-button {
    display: inline-flex;
    align-items: center;
    gap: var(--_cercle-space-xs);
    padding: 0;
    font: inherit;
    font-weight: var(--_cercle-font-weight-strong);
    color: var(--_cercle-wall-accent);
    background: none;
    border: 0;
    border-radius: var(--_cercle-radius-small);
    text-decoration: underline;
    text-underline-offset: 0.2em;
    cursor: pointer;
  }

  .link-button {
    align-self: flex-start;
  }

  /* ------------------------------------------------------------------------- header */

  .header {
    flex-direction: row;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: var(--_cercle-space-s) var(--_cercle-space-l);
  }

  .summary {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: var(--_cercle-space-xs) var(--_cercle-space-m);
  }

  .average {
    display: inline-flex;
    align-items: center;
    gap: var(--_cercle-space-s);
  }

  .average-value {
    font-size: var(--_cercle-font-size-large);
    font-weight: var(--_cercle-font-weight-strong);
    font-variant-numeric: tabular-nums;
  }

  .count {
    color: var(--_cercle-color-text-muted);
  }

  .stars {
    display: inline-flex;
    line-height: 1;
  }

  .stars-svg {
    inline-size: auto;
    block-size: 1.05em;
    aspect-ratio: 128 / 24;
    flex: none;
    overflow: visible;
  }

  .star {
    inline-size: 1.05em;
    block-size: 1.05em;
    flex: none;
  }

  .star-back {
    fill: var(--_cercle-color-skeleton);
  }

  .star-back,
  .star-fill path {
    stroke: var(--_cercle-wall-star);
    stroke-width: 1.2;
    stroke-linejoin: round;
  }

  .star-fill path {
    fill: var(--_cercle-wall-star);
  }

  /* ---------------------------------------------------------------- share and form */

  .share {
    display: flex;
    flex-direction: column;
    gap: var(--_cercle-space-m);
  }

  .form-panel[hidden] {
    display: none;
  }

  .join {
    --cercle-join-max-width: 32rem;
  }

  .form,
  .mine {
    display: flex;
    flex-direction: column;
    gap: var(--_cercle-space-m);
    padding: var(--_cercle-wall-padding);
    background: var(--_cercle-wall-background);
    border: var(--_cercle-wall-border);
    border-radius: var(--_cercle-wall-radius);
  }

  .form {
    max-inline-size: 40rem;
  }

  .form-title,
  .mine-title {
    font-size: var(--_cercle-font-size-medium);
    font-weight: var(--_cercle-font-weight-strong);
  }

  .textarea:focus-visible,
  .select:focus-visible,
  .input:focus-visible,
  .file:focus-visible {
    outline: none;
    border-color: var(--_cercle-wall-accent);
    box-shadow: 0 0 0 3px color-mix(in srgb, var(--_cercle-wall-accent) 30%, transparent);
  }

  [aria-invalid='true'].textarea,
  [aria-invalid='true'].input,
  [aria-invalid='true'].file {
    border-color: var(--_cercle-color-danger);
  }

  .prose {
    white-space: pre-line;
    overflow-wrap: anywhere;
  }

  /* -------------------------------------------------------------------- layouts */

  .list {
    display: grid;
    grid-template-columns: repeat(
      auto-fill,
      minmax(min(100%, var(--_cercle-wall-card-width)), 1fr)
    );
    gap: var(--_cercle-wall-gap);
    /* Cards of a row are as tall as its tallest: no hole under a short one. */
    align-items: stretch;
  }

  .layout-list .list {
    grid-template-columns: minmax(0, 1fr);
  }

  .layout-masonry .list {
    display: block;
    columns: var(--_cercle-wall-card-width);
    column-gap: var(--_cercle-wall-gap);
  }

  .layout-masonry .card {
    break-inside: avoid;
    margin-block-end: var(--_cercle-wall-gap);
  }

  /* ----------------------------------------------------------------------- cards */

  .card {
    content-visibility: auto;
    contain-intrinsic-block-size: auto var(--_cercle-wall-card-height);
    background: var(--_cercle-wall-background);
    color: var(--_cercle-wall-color);
    border: var(--_cercle-wall-border);
    border-radius: var(--_cercle-wall-radius);
    box-shadow: var(--_cercle-wall-shadow);
    padding: var(--_cercle-wall-padding);
  }

  /* The card's only child: what a page does to the card's own layout cannot reorder it. */
  .inner {
    display: flex;
    flex-direction: column;
    gap: var(--_cercle-space-m);
  }

  /*
   * The legal labels (French law 2023-451): first in the card, every property set here and
   * none inherited or read from a token; not a part. Whatever the page does to the card's
   * parts, they stay as legible as this, or the whole card goes.
   */
  .legal {
    all: initial;
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
    margin: 0;
    padding: 0;
    font-family:
      system-ui,
      -apple-system,
      'Segoe UI',
      Roboto,
      Arial,
      sans-serif;
    font-size: max(12px, 0.8125rem);
    font-weight: 700;
    line-height: 1.4;
    color: #3d2800;
    visibility: visible;
    opacity: 1;
  }

  .legal-item {
    display: inline-block;
    padding: 2px 10px;
    border: 1px solid #8a5a00;
    border-radius: 999px;
    background: #fff0c7;
    color: #3d2800;
  }

  :host([theme='dark']) .legal,
  :host([theme='dark']) .legal-item {
    color: #ffe6a6;
  }

  :host([theme='dark']) .legal-item {
    background: #3a2a00;
    border-color: #c99a3c;
  }

  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) .legal,
    :host([theme='auto']) .legal-item {
      color: #ffe6a6;
    }

    :host([theme='auto']) .legal-item {
      background: #3a2a00;
      border-color: #c99a3c;
    }
  }

  /*
   * Everything else of the card: its parts are painted inside this box, so none of them can
   * be moved or drawn over the labels above.
   */
  .body {
    contain: paint;
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: var(--_cercle-space-s);
    margin: -4px;
    padding: 4px;
  }

  .byline {
    display: flex;
    align-items: center;
    gap: var(--_cercle-space-s);
  }

  .avatar {
    display: inline-grid;
    place-items: center;
    inline-size: 2.5rem;
    block-size: 2.5rem;
    flex: none;
    border-radius: 50%;
    font-weight: var(--_cercle-font-weight-strong);
    color: var(--_cercle-wall-accent);
    background: var(--_cercle-color-accent-subtle);
  }

  .avatar .icon {
    inline-size: 1.4rem;
    block-size: 1.4rem;
  }

  .author {
    font-weight: var(--_cercle-font-weight-strong);
  }

  .since,
  .dates {
    font-size: var(--_cercle-font-size-small);
    color: var(--_cercle-color-text-muted);
  }

  .verified {
    display: inline-flex;
    align-items: flex-start;
    gap: var(--_cercle-space-xs);
    font-size: var(--_cercle-font-size-small);
    color: var(--_cercle-color-text-muted);
  }

  .verified strong {
    color: var(--_cercle-wall-accent);
  }

  .unverified .icon {
    display: none;
  }

  .unverified strong {
    font-weight: inherit;
    color: inherit;
  }

  .verified .icon {
    margin-block-start: 0.15em;
    color: var(--_cercle-wall-accent);
  }

  /*
   * Grid and carousel cards are all as tall as the skeleton's (--cercle-wall-card-height): the
   * text takes what is left, clamped, and the photo sits in a box of fixed height. Whatever
   * the texts and photos, the first page is as tall as its skeleton (CLS 0). A card whose
   * long text is opened ("Read more") grows.
   */
  .layout-grid .card:not(.open),
  .layout-carousel .card:not(.open) {
    box-sizing: border-box;
    block-size: var(--_cercle-wall-card-height);
    overflow: hidden;
  }

  .layout-grid .card:not(.open) > .inner,
  .layout-carousel .card:not(.open) > .inner,
  .layout-grid .card:not(.open) .body,
  .layout-carousel .card:not(.open) .body {
    block-size: 100%;
    min-block-size: 0;
  }

  .layout-grid .card:not(.open) .body,
  .layout-carousel .card:not(.open) .body {
    flex: 1 1 0;
    flex-wrap: nowrap;
  }

  .layout-grid .card:not(.open) .body > *,
  .layout-carousel .card:not(.open) .body > * {
    flex: none;
  }

  .layout-grid .card:not(.open) .text,
  .layout-carousel .card:not(.open) .text {
    flex: 0 1 auto;
    min-block-size: 1.5em;
    overflow: hidden;
  }

  .layout-grid .card:not(.open) .photo,
  .layout-carousel .card:not(.open) .photo {
    block-size: 7rem;
    flex: none;
  }

  .text.clamped {
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 6;
    overflow: hidden;
  }

  .photo {
    display: block;
    inline-size: 100%;
    block-size: auto;
    max-block-size: 22rem;
    object-fit: cover;
    border-radius: var(--_cercle-radius-medium);
    background: var(--_cercle-color-skeleton);
  }

  .tags {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_cercle-space-xs);
    padding: 0;
    list-style: none;
  }

  .tag {
    padding: 0 0.55rem;
    font-size: var(--_cercle-font-size-small);
    color: var(--_cercle-color-text-muted);
    background: var(--_cercle-color-surface-alt);
    border: 1px solid var(--_cercle-color-border);
    border-radius: var(--_cercle-radius-pill);
  }

  .dates {
    display: flex;
    flex-wrap: wrap;
    column-gap: var(--_cercle-space-s);
  }

  .dates:empty {
    display: none;
  }

  .tags[hidden],
  .dates [hidden] {
    display: none;
  }

  /* ------------------------------------------------------------ more, policy, empty */

  .more {
    display: flex;
    justify-content: center;
  }

  .policy {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_cercle-space-xs) var(--_cercle-space-s);
    font-size: var(--_cercle-font-size-small);
    color: var(--_cercle-color-text-muted);
    max-inline-size: 60rem;
  }

  .empty {
    padding: var(--_cercle-space-xl) var(--_cercle-space-l);
    text-align: center;
    color: var(--_cercle-color-text-muted);
    background: var(--_cercle-wall-background);
    border: 1px dashed var(--_cercle-color-border);
    border-radius: var(--_cercle-wall-radius);
  }

  /* The skeleton lays out as the wall: its header, share row and grid are the wall's own. */
  .base > .skeleton {
    display: contents;
  }

  .ghost {
    visibility: hidden;
  }

  .bone-card {
    box-sizing: border-box;
    block-size: var(--_cercle-wall-card-height);
    display: flex;
    flex-direction: column;
    gap: var(--_cercle-space-s);
    padding: var(--_cercle-wall-padding);
    border: var(--_cercle-wall-border);
    border-radius: var(--_cercle-wall-radius);
    background: var(--_cercle-wall-background);
  }

  /* The carousel's first frame (carousel.styles.ts), before its module is loaded. */
  .bone-carousel {
    display: flex;
    flex-direction: column;
    gap: var(--_cercle-space-s);
  }

  .bone-controls {
    block-size: 2.75rem;
  }

  .bone-track {
    display: flex;
    overflow: hidden;
    gap: var(--_cercle-space-m);
    padding: 2px 2px var(--_cercle-space-s);
  }

  .bone-track > .bone-card {
    flex: 0 0 min(var(--_cercle-wall-card-width), 85%);
  }

  .bone-avatar {
    inline-size: 2.5rem;
    block-size: 2.5rem;
    border-radius: 50%;
  }

  .bone-short {
    inline-size: 55%;
  }
`;
