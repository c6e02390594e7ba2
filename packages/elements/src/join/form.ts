/**
 * The join form of `<cercle-join>`: its fields (display name, optional email, consent linked
 * to the privacy policy), the checks made before anything is sent, and the mapping of the
 * backend's validation issues to the fields. Rendered by the element, which owns the state.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { DISPLAY_NAME_MAX, type Community } from '@cercle/client/browser';
import { errorMessage } from '../internal/errors.js';
import { alertIcon, checkIcon, externalIcon } from '../internal/icons.js';
import { busyLabel } from '../internal/problem.js';
import { safeUrl } from '../internal/url.js';
import type { Terms } from './terms.js';

export type Field = 'displayName' | 'email' | 'consent';
export type FieldErrors = Partial<Record<Field, string>>;

export const FIELDS: readonly Field[] = ['displayName', 'email', 'consent'];
/** Each field's control id (`#name`, `#email`, `#consent`). */
export const FIELD_IDS: Record<Field, string> = {
  displayName: 'name',
  email: 'email',
  consent: 'consent',
};

/** What the form shows; the element passes its state and handlers. */
export interface JoinFormView {
  community: Community;
  t: Terms;
  errors: FieldErrors;
  submitError: unknown;
  busy: boolean;
  /** The visitor just left: say their data was erased. */
  left: boolean;
  onSubmit: (e: SubmitEvent) => void;
  onInput: (e: Event) => void;
}

/** The values typed in `form`, and what to fix before sending them. */
export function readForm(
  form: HTMLFormElement,
  t: Terms,
): { displayName: string; email: string; errors: FieldErrors } {
  const nameInput = form.querySelector<HTMLInputElement>('#name')!;
  const emailInput = form.querySelector<HTMLInputElement>('#email')!;
  const consentInput = form.querySelector<HTMLInputElement>('#consent')!;
  const displayName = nameInput.value.trim();
  const email = emailInput.value.trim();
  const errors: FieldErrors = {};
  if (!displayName) errors.displayName = t.nameRequired;
  else if (displayName.length > DISPLAY_NAME_MAX)
    errors.displayName = t.nameTooLong(DISPLAY_NAME_MAX);
  if (email && emailInput.validity.typeMismatch) errors.email = t.emailInvalid;
  if (!consentInput.checked) errors.consent = t.consentRequired;
  return { displayName, email, errors };
}

/**
 * The backend's validation issues as field errors; `unmatched` is true when an issue names
 * no field of the form (then the form says the join failed).
 */
export function fieldErrorsFrom(
  issues: { path: string; message: string }[],
  t: Terms,
): { errors: FieldErrors; unmatched: boolean } {
  const errors: FieldErrors = {};
  let unmatched = false;
  for (const { path, message } of issues) {
    const field = FIELDS.find((f) => path === f || path.startsWith(`${f}.`));
    if (!field) {
      unmatched = true;
      continue;
    }
    errors[field] ??=
      field === 'consent' ? t.consentRequired : field === 'email' ? t.emailInvalid : message;
  }
  return { errors, unmatched };
}

/** The field whose control `input` is. */
export const fieldOf = (input: EventTarget | null): Field | undefined =>
  FIELDS.find((f) => FIELD_IDS[f] === (input as HTMLElement | null)?.id);

const fieldError = (id: string, error: string | undefined): TemplateResult | typeof nothing =>
  error
    ? html`<p part="field-error" class="field-error" id="${id}-error">
        ${alertIcon()}<span>${error}</span>
      </p>`
    : nothing;

function renderField(
  field: 'displayName' | 'email',
  error: string | undefined,
  label: TemplateResult | string,
  hint: string,
  input: (describedBy: string) => TemplateResult,
): TemplateResult {
  const id = FIELD_IDS[field];
  const describedBy = error ? `${id}-hint ${id}-error` : `${id}-hint`;
  return html`
    <div part="field" class="field ${error ? 'field-invalid' : ''}">
      <label part="label" class="label" for=${id}>${label}</label>
      ${input(describedBy)} ${fieldError(id, error)}
      <p part="hint" class="hint" id="${id}-hint">${hint}</p>
    </div>
  `;
}

export function renderForm(v: JoinFormView): TemplateResult {
  const { community: c, t, errors, submitError, busy } = v;
  const privacy = safeUrl(c.privacyPolicyUrl);
  return html`
    ${
      v.left
        ? html`<p part="notice" class="form-status left-notice" id="left-notice">
            ${checkIcon()}<span>${t.leftCircle}</span>
          </p>`
        : nothing
    }
    <form part="form" class="form" novalidate @submit=${v.onSubmit} @input=${v.onInput}>
      ${renderField(
        'displayName',
        errors.displayName,
        t.displayName,
        t.displayNameHint,
        (describedBy) =>
          html`<input
            part="input"
            class="input"
            id="name"
            name="displayName"
            type="text"
            autocomplete="nickname"
            required
            maxlength=${DISPLAY_NAME_MAX}
            data-autofocus
            aria-invalid=${errors.displayName ? 'true' : 'false'}
            aria-describedby=${describedBy}
          />`,
      )}
      ${renderField(
        'email',
        errors.email,
        html`${t.email} <span class="optional">(${t.optional})</span>`,
        t.emailHint(c.name),
        (describedBy) =>
          html`<input
            part="input"
            class="input"
            id="email"
            name="email"
            type="email"
            autocomplete="email"
            maxlength="254"
            aria-invalid=${errors.email ? 'true' : 'false'}
            aria-describedby=${describedBy}
          />`,
      )}
      <div part="field" class="field field-consent ${errors.consent ? 'field-invalid' : ''}">
        <div class="check consent">
          <input
            part="checkbox"
            class="checkbox"
            id="consent"
            name="consent"
            type="checkbox"
            required
            aria-invalid=${errors.consent ? 'true' : 'false'}
            aria-describedby=${errors.consent ? 'consent-error' : nothing}
          />
          <label part="label" class="check-label consent-label" for="consent"
            >${c.consentText ?? t.consent(c.name)}</label
          >
          ${
            privacy
              ? html`<a
                  part="privacy-link"
                  class="privacy-link"
                  href=${privacy}
                  target="_blank"
                  rel="noopener noreferrer"
                  >${t.privacyPolicy}<span class="sr-only"> ${t.opensInNewTab}</span
                  >${externalIcon()}</a
                >`
              : nothing
          }
        </div>
        ${fieldError('consent', errors.consent)}
      </div>
      ${
        submitError
          ? html`<p part="form-error" class="form-error" id="form-error">
              ${alertIcon()}<span>${errorMessage(submitError, t)}</span>
            </p>`
          : nothing
      }
      <button
        part="button submit-button"
        class="button button-primary submit"
        type="submit"
        aria-disabled=${busy ? 'true' : 'false'}
        aria-describedby=${submitError ? 'form-error' : nothing}
      >
        ${busyLabel(busy, c.joinState === 'waitlist' ? t.joinWaitlist : t.join, t.joining)}
      </button>
    </form>
  `;
}
