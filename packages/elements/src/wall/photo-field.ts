/**
 * The photo field of the testimonial form: a drop zone (drag a file onto it, or click it, or
 * press Enter or Space on the visually hidden but focusable native file input inside it),
 * then a thumbnail preview with a remove button. A render function and a check; the form
 * (`wall-form.ts`) keeps the state.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { PHOTO_MAX_BYTES, PHOTO_TYPES } from '@cercle/client/browser';
import type { Terms } from './card.js';

export const PHOTO_MAX_MB = PHOTO_MAX_BYTES / (1024 * 1024);

/** Why a file cannot be the photo; stable codes, shown as `data-code` on the field's error. */
export type PhotoProblem = 'photo_type' | 'photo_too_large';

export const photoProblem = (file: File): PhotoProblem | undefined =>
  !(PHOTO_TYPES as readonly string[]).includes(file.type)
    ? 'photo_type'
    : file.size > PHOTO_MAX_BYTES
      ? 'photo_too_large'
      : undefined;

export const photoMessage = (problem: PhotoProblem, t: Terms): string =>
  problem === 'photo_type' ? t.wallPhotoType : t.wallPhotoTooLarge(PHOTO_MAX_MB);

export interface PhotoFieldOptions {
  t: Terms;
  /** The chosen photo's object URL, once there is one. */
  preview: string | undefined;
  invalid: boolean;
  dragging: boolean;
  describedBy: string;
  onChange: (e: Event) => void;
  onDrag: (e: DragEvent) => void;
  onDrop: (e: DragEvent) => void;
  onRemove: () => void;
}

export function renderPhotoField(o: PhotoFieldOptions): TemplateResult {
  const t = o.t;
  return html`<label part="label" class="label" for="photo" id="photo-label"
      >${t.wallPhoto} <span class="optional">(${t.optional})</span></label
    >
    ${
      o.preview
        ? html`<div class="photo-chosen">
            <img part="preview" class="preview" src=${o.preview} alt=${t.wallPhotoPreview} />
            <button
              part="button remove-button"
              class="button button-secondary"
              id="photo-remove"
              type="button"
              @click=${o.onRemove}
            >
              ${t.wallPhotoRemove}
            </button>
          </div>`
        : nothing
    }
    <div
      part="dropzone"
      class="dropzone ${o.dragging ? 'dragging' : ''}"
      ?hidden=${!!o.preview}
      @dragenter=${o.onDrag}
      @dragover=${o.onDrag}
      @dragleave=${o.onDrag}
      @drop=${o.onDrop}
    >
      <input
        part="input"
        class="file"
        id="photo"
        name="photo"
        type="file"
        accept=${PHOTO_TYPES.join(',')}
        aria-invalid=${o.invalid ? 'true' : 'false'}
        aria-describedby=${o.describedBy}
        @change=${o.onChange}
      />
      <svg class="icon drop-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <rect x="3" y="5" width="18" height="14" rx="2"></rect>
        <circle cx="9" cy="10" r="1.5"></circle>
        <path d="M21 16l-5-5-8 8"></path>
      </svg>
      <span class="drop-text" aria-hidden="true"
        >${t.wallPhotoDrop} <span class="drop-choose">${t.wallPhotoChoose}</span></span
      >
    </div>`;
}
