/**
 * `<cercle-wall-form>`: the testimonial form of `<cercle-wall>` (rating, text, optional photo
 * with its description and consent, and the required choice of publishing with the name or
 * anonymously). Loaded with `import()` the first time a member opens the form. It renders in
 * the wall's shadow root (no shadow root of its own), so its ids, parts and focus are the
 * wall's; it adopts its own stylesheet there.
 */
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import {
  TESTIMONIAL_MAX,
  type OwnTestimonial,
  type PhotoUpload,
  type TestimonialRequest,
} from '@cercle/client/browser';
import type { ResolvedApi } from '../internal/config.js';
import { asCercleError, errorMessage, fieldIssues, isUnauthorized } from '../internal/errors.js';
import { alertIcon } from '../internal/icons.js';
import { busyLabel } from '../internal/problem.js';
import { communityStore } from '../internal/stores.js';
import { randomKey } from '../internal/url.js';
import { STAR, type Terms } from './card.js';
import { adopt } from './adopt.js';
import { PHOTO_MAX_MB, photoMessage, photoProblem, renderPhotoField } from './photo-field.js';
import { formSheet } from './wall-form.styles.js';

type Field = 'rating' | 'text' | 'photo' | 'alt' | 'publish' | 'consentPhoto';
const FIELDS: Record<Field, string> = {
  rating: '#rating-1',
  text: '#text',
  photo: '#photo',
  alt: '#alt',
  consentPhoto: '#consent-photo',
  publish: '#publish-name',
};

/** What the wall gives its form. */
export interface FormContext {
  backend: ResolvedApi;
  community: string;
  token: string;
  announce(message: string): void;
  forgetToken(token: string): void;
  focus(selector: string): void;
  busy(on: boolean): void;
  /** The backend accepted the testimonial. */
  submitted(testimonial: OwnTestimonial): void;
}

/**
 * The wall's testimonial form, an internal part of `<cercle-wall>` (not a widget of its own).
 *
 * @internal
 */
export class CercleWallForm extends LitElement {
  static override properties = {
    t: { attribute: false },
    ctx: { attribute: false },
    _busy: { state: true },
    _errors: { state: true },
    _error: { state: true },
    _rating: { state: true },
    _textLength: { state: true },
    _photo: { state: true },
    _dragging: { state: true },
  };

  declare t: Terms;
  declare ctx: FormContext | undefined;
  declare _busy: boolean;
  declare _errors: Partial<Record<Field, string>>;
  declare _error: string | undefined;
  declare _rating: number;
  declare _textLength: number;
  declare _photo: { file: File; url: string } | undefined;
  declare _dragging: boolean;

  /** Kept across retries, so the backend records one upload and one testimonial. */
  #upload: { file: File; result: PhotoUpload } | undefined;
  #uploadKey: string | undefined;
  #submitKey: string | undefined;

  constructor() {
    super();
    this._busy = false;
    this._errors = {};
    this._error = undefined;
    this._rating = 0;
    this._textLength = 0;
    this._photo = undefined;
    this._dragging = false;
  }

  protected override createRenderRoot(): HTMLElement {
    adopt(this, formSheet);
    return this;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#clearPhoto();
  }

  /** Whether it is sending (Escape does not close it then). */
  get busy(): boolean {
    return this._busy;
  }

  #q<E extends Element>(selector: string): E | null {
    return this.querySelector<E>(selector);
  }

  #clear(...fields: Field[]): void {
    if (!this._error && !fields.some((f) => this._errors[f])) return;
    const rest = { ...this._errors };
    for (const f of fields) delete rest[f];
    this._errors = rest;
    this._error = undefined;
  }

  #onRating = (e: Event): void => {
    this._rating = Number((e.target as HTMLInputElement).value);
    this.#clear('rating');
  };

  #onText = (e: Event): void => {
    this._textLength = (e.target as HTMLTextAreaElement).value.length;
    this.#submitKey = undefined; // a changed testimonial is a new one
    this.#clear('text');
  };

  #choose(file: File | undefined): void {
    this.#clearPhoto();
    this.#clear('photo');
    if (!file) return;
    const problem = photoProblem(file);
    if (problem) {
      const message = photoMessage(problem, this.t);
      this._errors = { ...this._errors, photo: message };
      const input = this.#q<HTMLInputElement>('#photo');
      if (input) input.value = '';
      this.ctx?.announce(message);
      return;
    }
    this._photo = { file, url: URL.createObjectURL(file) };
    this.#submitKey = undefined;
    this.ctx?.focus('#photo-remove');
  }

  #onPhoto = (e: Event): void => this.#choose((e.target as HTMLInputElement).files?.[0]);

  #onDrag = (e: DragEvent): void => {
    e.preventDefault();
    this._dragging = e.type !== 'dragleave';
  };

  #onDrop = (e: DragEvent): void => {
    e.preventDefault();
    this._dragging = false;
    this.#choose(e.dataTransfer?.files[0]);
  };

  #clearPhoto(): void {
    if (this._photo) URL.revokeObjectURL(this._photo.url);
    this._photo = undefined;
  }

  #onRemovePhoto = (): void => {
    this.#clearPhoto();
    this.#submitKey = undefined;
    const input = this.#q<HTMLInputElement>('#photo');
    if (input) input.value = '';
    this.#clear('alt', 'consentPhoto');
    this.ctx?.focus('#photo');
  };

  #validate(): Partial<Record<Field, string>> {
    const t = this.t;
    const errors: Partial<Record<Field, string>> = {};
    const text = this.#q<HTMLTextAreaElement>('#text')!.value.trim();
    if (!(this._rating >= 1 && this._rating <= 5)) errors.rating = t.wallRatingRequired;
    if (!text) errors.text = t.wallTextRequired;
    else if (text.length > TESTIMONIAL_MAX) errors.text = t.wallTextTooLong(TESTIMONIAL_MAX);
    if (this._photo) {
      if (!this.#q<HTMLInputElement>('#alt')?.value.trim()) errors.alt = t.wallAltRequired;
      if (!this.#q<HTMLInputElement>('#consent-photo')?.checked) {
        errors.consentPhoto = t.wallPhotoConsentRequired;
      }
    }
    if (!this.#q<HTMLInputElement>('input[name="publish"]:checked')) {
      errors.publish = t.wallPublishRequired;
    }
    return errors;
  }

  async #consentVersion(backend: ResolvedApi, community: string): Promise<string> {
    const store = communityStore(backend.key, community);
    const known = store.get();
    if (known) return known.consentVersion;
    const info = await backend.api.getCommunity(community);
    store.set(info);
    return info.consentVersion;
  }

  #onSubmit = async (e: SubmitEvent): Promise<void> => {
    e.preventDefault();
    const ctx = this.ctx;
    if (this._busy || !ctx) return;
    const errors = this.#validate();
    this._errors = errors;
    this._error = undefined;
    const first = (Object.keys(FIELDS) as Field[]).find((f) => errors[f]);
    if (first) {
      ctx.announce(errors[first]!);
      ctx.focus(FIELDS[first]);
      return;
    }
    this._busy = true;
    ctx.busy(true);
    const { backend, community, token } = ctx;
    const form = e.currentTarget as HTMLFormElement;
    const text = this.#q<HTMLTextAreaElement>('#text')!.value.trim();
    const alt = this.#q<HTMLInputElement>('#alt')?.value.trim() ?? '';
    const publishName = !!this.#q<HTMLInputElement>('#publish-name')?.checked;
    const publishPhoto = !!this.#q<HTMLInputElement>('#consent-photo')?.checked;
    const photo = this._photo;
    try {
      const version = await this.#consentVersion(backend, community);
      let upload: PhotoUpload | undefined;
      if (photo) {
        if (this.#upload?.file !== photo.file) {
          this.#uploadKey ??= randomKey();
          const result = await backend.api.uploadPhoto(community, photo.file, {
            token,
            idempotencyKey: this.#uploadKey,
          });
          this.#upload = { file: photo.file, result };
          this.#uploadKey = undefined;
        }
        upload = this.#upload.result;
      }
      const body: TestimonialRequest = {
        rating: this._rating,
        text,
        consent: { version, publishName, publishPhoto: !!upload && publishPhoto },
        ...(upload ? { photo: { id: upload.id, alt } } : {}),
      };
      this.#submitKey ??= randomKey();
      const testimonial = await backend.api.submitTestimonial(community, body, {
        token,
        idempotencyKey: this.#submitKey,
      });
      this.#submitKey = undefined;
      this.#upload = undefined;
      this.#clearPhoto();
      form.reset();
      this._rating = 0;
      this._textLength = 0;
      ctx.submitted(testimonial);
    } catch (error) {
      this.#errorFrom(error, token);
    } finally {
      this._busy = false;
      ctx.busy(false);
    }
  };

  /** Says why sending failed, next to the field when it is about one; keeps everything typed. */
  #errorFrom(error: unknown, token: string): void {
    const t = this.t;
    const e = asCercleError(error);
    let errors: Partial<Record<Field, string>> = {};
    let formError: string | undefined;
    if (e?.code === 'payload_too_large') {
      errors = { photo: photoMessage('photo_too_large', t) };
    } else if (e?.code === 'unsupported_media_type') {
      errors = { photo: photoMessage('photo_type', t) };
    } else if (e?.code === 'validation_failed') {
      for (const issue of fieldIssues(error)) {
        const p = issue.path;
        const field: Field | undefined = p.startsWith('rating')
          ? 'rating'
          : p.startsWith('text')
            ? 'text'
            : p === 'photo.alt'
              ? 'alt'
              : p.startsWith('photo')
                ? 'photo'
                : p === 'consent.publishPhoto'
                  ? 'consentPhoto'
                  : undefined;
        if (field) errors[field] ??= issue.message;
      }
      if (Object.keys(errors).length === 0) formError = `${t.errorUnknown} ${t.wallSubmitError}`;
    } else if (isUnauthorized(error) || e?.code === 'forbidden') {
      formError = t.membersOnly;
      if (isUnauthorized(error)) this.ctx?.forgetToken(token);
    } else {
      formError = `${errorMessage(error, t)} ${t.wallSubmitError}`;
    }
    this._errors = errors;
    this._error = formError;
    this.ctx?.announce(formError ?? Object.values(errors)[0] ?? t.wallSubmitError);
  }

  #onRetry = (): void => {
    this.#q<HTMLFormElement>('form.form')?.requestSubmit();
  };

  #fieldError(field: Field, id: string, code?: string): TemplateResult | typeof nothing {
    const message = this._errors[field];
    return message
      ? html`<p part="field-error" class="field-error" id=${id} data-code=${code ?? field}>
          ${alertIcon()}<span>${message}</span>
        </p>`
      : nothing;
  }

  #renderRating(t: Terms): TemplateResult {
    const invalid = !!this._errors.rating;
    return html`<fieldset
      part="rating"
      class="rating"
      aria-invalid=${invalid ? 'true' : 'false'}
      aria-describedby=${invalid ? 'rating-error' : nothing}
    >
      <legend part="label" class="label">${t.wallRating}</legend>
      <div class="rating-stars">
        ${[1, 2, 3, 4, 5].map(
          (n) =>
            html`<input
                class="rating-input"
                type="radio"
                name="rating"
                id="rating-${n}"
                value=${n}
                @change=${this.#onRating}
              /><label
                class="rating-star ${n <= this._rating ? 'on' : ''}"
                for="rating-${n}"
                title=${t.wallStars(n)}
                ><svg class="star" viewBox="0 0 24 24" aria-hidden="true">
                  <polygon class="star-back" points=${STAR}></polygon></svg
                ><span class="sr-only">${t.wallStars(n)}</span></label
              >`,
        )}
      </div>
      ${this.#fieldError('rating', 'rating-error')}
    </fieldset>`;
  }

  #renderPublish(t: Terms): TemplateResult {
    const invalid = !!this._errors.publish;
    const radio = (id: string, value: string, label: string) =>
      html`<div class="check">
        <input
          part="radio"
          class="checkbox"
          type="radio"
          name="publish"
          id=${id}
          value=${value}
          required
          aria-invalid=${invalid ? 'true' : 'false'}
          @change=${() => this.#clear('publish')}
        />
        <label class="check-label" for=${id}>${label}</label>
      </div>`;
    return html`<fieldset
      part="publish"
      class="publish"
      aria-describedby=${invalid ? 'publish-error' : nothing}
    >
      <legend part="label" class="label">${t.wallPublishAs}</legend>
      ${radio('publish-name', 'name', t.wallPublishName)}
      ${radio('publish-anonymous', 'anonymous', t.wallPublishAnonymous)}
      ${this.#fieldError('publish', 'publish-error')}
    </fieldset>`;
  }

  override render(): TemplateResult {
    const t = this.t;
    const e = this._errors;
    const describe = (...ids: (string | false)[]) => ids.filter(Boolean).join(' ') || nothing;
    const photo = this._photo;
    const photoCode = e.photo === t.wallPhotoType ? 'photo_type' : 'photo_too_large';
    return html`<form
      part="form"
      class="form"
      novalidate
      aria-labelledby="form-title"
      @submit=${(ev: SubmitEvent) => void this.#onSubmit(ev)}
    >
      <p class="form-title" id="form-title">${t.wallFormTitle}</p>
      ${this.#renderRating(t)}
      <div class="field">
        <label part="label" class="label" for="text">${t.wallText}</label>
        <textarea
          part="textarea"
          class="textarea"
          id="text"
          name="text"
          rows="5"
          maxlength=${TESTIMONIAL_MAX}
          aria-invalid=${e.text ? 'true' : 'false'}
          aria-describedby=${describe('text-hint', 'text-counter', !!e.text && 'text-error')}
          @input=${this.#onText}
        ></textarea>
        <div class="field-meta">
          <p part="hint" class="hint" id="text-hint">${t.wallTextHint}</p>
          <p part="counter" class="counter" id="text-counter">
            ${t.counter(this._textLength, TESTIMONIAL_MAX)}
          </p>
        </div>
        ${this.#fieldError('text', 'text-error')}
      </div>

      <div class="field">
        ${renderPhotoField({
          t,
          preview: photo?.url,
          invalid: !!e.photo,
          dragging: this._dragging,
          describedBy: ['photo-hint', e.photo ? 'photo-error' : ''].filter(Boolean).join(' '),
          onChange: this.#onPhoto,
          onDrag: this.#onDrag,
          onDrop: this.#onDrop,
          onRemove: this.#onRemovePhoto,
        })}
        <p part="hint" class="hint" id="photo-hint">${t.wallPhotoHint(PHOTO_MAX_MB)}</p>
        ${this.#fieldError('photo', 'photo-error', photoCode)}
        ${
          photo
            ? html`<div class="field">
                  <label part="label" class="label" for="alt">${t.wallPhotoAlt}</label>
                  <input
                    part="input"
                    class="input"
                    id="alt"
                    name="alt"
                    type="text"
                    maxlength="300"
                    required
                    aria-invalid=${e.alt ? 'true' : 'false'}
                    aria-describedby=${describe('alt-hint', !!e.alt && 'alt-error')}
                    @input=${() => this.#clear('alt')}
                  />
                  <p part="hint" class="hint" id="alt-hint">${t.wallPhotoAltHint}</p>
                  ${this.#fieldError('alt', 'alt-error')}
                </div>
                <div class="check">
                  <input
                    part="checkbox"
                    class="checkbox"
                    id="consent-photo"
                    name="publishPhoto"
                    type="checkbox"
                    aria-invalid=${e.consentPhoto ? 'true' : 'false'}
                    aria-describedby=${describe(!!e.consentPhoto && 'consent-photo-error')}
                    @change=${() => this.#clear('consentPhoto')}
                  />
                  <label class="check-label" for="consent-photo">${t.wallConsentPhoto}</label>
                </div>
                ${this.#fieldError('consentPhoto', 'consent-photo-error')}`
            : nothing
        }
      </div>

      ${this.#renderPublish(t)}
      ${
        this._error
          ? html`<div part="form-error" class="form-error" role="alert">
              <p>${alertIcon()}<span>${this._error}</span></p>
              <button
                part="button retry-button"
                class="button button-secondary"
                type="button"
                @click=${this.#onRetry}
              >
                ${t.retry}
              </button>
            </div>`
          : nothing
      }
      <div class="actions">
        <button
          part="button submit-button"
          class="button button-primary"
          type="submit"
          aria-disabled=${this._busy ? 'true' : 'false'}
        >
          ${busyLabel(this._busy, t.wallSubmit, t.wallSubmitting)}
        </button>
      </div>
    </form>`;
  }
}

if (typeof customElements !== 'undefined' && !customElements.get('cercle-wall-form')) {
  customElements.define('cercle-wall-form', CercleWallForm);
}
