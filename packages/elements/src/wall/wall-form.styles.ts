import { css } from 'lit';

/** The testimonial form of `<cercle-wall>` (wall-form.ts), adopted when it loads. */
export const formSheet = css`
  .rating {
    margin: 0;
    padding: 0;
    border: 0;
    min-inline-size: 0;
  }

  .rating > legend {
    padding: 0;
  }

  .rating-stars {
    display: flex;
    gap: var(--_cercle-space-xs);
    margin-block-start: var(--_cercle-space-xs);
  }

  .rating-input {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    margin: 0;
    opacity: 0;
  }

  .rating-star {
    display: inline-grid;
    place-items: center;
    inline-size: 2.75rem;
    block-size: 2.75rem;
    border-radius: var(--_cercle-radius-medium);
    cursor: pointer;
    font-size: 1.6rem;
  }

  .rating-star:hover .star-back {
    fill: color-mix(in srgb, var(--_cercle-wall-star) 45%, transparent);
  }

  .rating-star.on .star-back {
    fill: var(--_cercle-wall-star);
  }

  .rating-input:focus-visible + .rating-star {
    outline: var(--_cercle-focus-ring);
    outline-offset: 1px;
  }

  .field-meta {
    display: flex;
    justify-content: space-between;
    align-items: baseline;
    gap: var(--_cercle-space-m);
  }

  .photo-chosen {
    display: flex;
    align-items: flex-end;
    gap: var(--_cercle-space-m);
  }

  /* The photo's description, under its preview: a field of its own. */
  .photo-chosen + .field {
    margin-block-start: var(--_cercle-space-s);
  }

  .preview {
    display: block;
    inline-size: 8rem;
    block-size: 6rem;
    object-fit: cover;
    border-radius: var(--_cercle-radius-medium);
    border: 1px solid var(--_cercle-color-border);
  }

  .checks {
    display: flex;
    flex-direction: column;
    gap: var(--_cercle-space-s);
  }

  .check {
    align-items: start;
  }

  .checkbox {
    margin: 0.15em 0 0;
  }

  .form-error {
    flex-direction: column;
  }

  .form-error p {
    display: flex;
    gap: var(--_cercle-space-xs);
  }
  .publish {
    display: flex;
    flex-direction: column;
    gap: var(--_cercle-space-xs);
    margin: 0;
    padding: 0;
    border: 0;
    min-inline-size: 0;
  }

  .publish > legend {
    padding: 0;
    margin-block-end: var(--_cercle-space-xs);
  }

  /* The photo's drop zone: the native file input covers it, transparent, so a click, a
     tap, a drop or Enter/Space on it chooses a file; the zone shows its focus. */
  .dropzone {
    position: relative;
    display: flex;
    align-items: center;
    justify-content: center;
    flex-wrap: wrap;
    gap: var(--_cercle-space-s);
    min-block-size: 6rem;
    padding: var(--_cercle-space-m);
    text-align: center;
    color: var(--_cercle-color-text-muted);
    background: var(--_cercle-wall-surface);
    border: 2px dashed var(--_cercle-color-field-border);
    border-radius: var(--_cercle-radius-medium);
  }

  .dropzone[hidden] {
    display: none;
  }

  .dropzone:hover,
  .dropzone.dragging {
    border-color: var(--_cercle-wall-accent);
    color: var(--_cercle-wall-color);
  }

  .dropzone:focus-within {
    outline: var(--_cercle-focus-ring);
    outline-offset: 2px;
  }

  .dropzone .file {
    position: absolute;
    inset: 0;
    inline-size: 100%;
    block-size: 100%;
    opacity: 0;
    cursor: pointer;
  }

  .drop-icon {
    inline-size: 1.5rem;
    block-size: 1.5rem;
  }

  .drop-choose {
    color: var(--_cercle-wall-accent);
    text-decoration: underline;
    text-underline-offset: 0.2em;
  }

  .photo-chosen {
    flex-wrap: wrap;
  }
`;
