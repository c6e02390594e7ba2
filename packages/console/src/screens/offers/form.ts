/**
 * `<cercle-console-offer-form>`: creates or edits an offer (`PUT …/host/offers/{id}`). Keeps
 * every typed value on an error and shows the server's field errors next to their fields.
 * A shared offer's code is never sent back by the API, so editing one asks for it again.
 * Fires `offer-saved` (detail: `{ offer, created }`) and `offer-cancel`; neither bubbles.
 */
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { Disclosure, HostOffer, OfferInput, OfferKind } from '@cercle/client/contract';
import { ConsoleScreen, fieldErrors } from '../../screen.js';
import { fromLocalInput, slugify, toLocalInput } from '../live/time.js';
import { offersTerms, type OffersTerms } from './terms.js';

interface Draft {
  id: string;
  title: string;
  benefit: string;
  conditions: string;
  expiresAt: string;
  disclosure: Disclosure;
  kind: OfferKind;
  sharedCode: string;
  paused: boolean;
}

const FIELDS = ['title', 'id', 'benefit', 'conditions', 'expiresAt', 'kind', 'sharedCode'];

export class OfferSavedEvent extends Event {
  constructor(readonly detail: { offer: HostOffer; created: boolean }) {
    super('offer-saved');
  }
}

const inDays = (days: number) => {
  const d = new Date(Date.now() + days * 86_400_000);
  d.setHours(23, 59, 0, 0);
  return toLocalInput(d.toISOString());
};

export class ConsoleOfferForm extends ConsoleScreen {
  static override properties = {
    ...ConsoleScreen.properties,
    offer: { attribute: false },
    takenIds: { attribute: false },
    startPaused: { attribute: false },
    _draft: { state: true },
    _errors: { state: true },
    _formError: { state: true },
    _saving: { state: true },
  };

  /** The offer being edited; `undefined` to create one. */
  declare offer: HostOffer | undefined;
  /** Ids already used (a new offer may not take one: PUT would replace it). */
  declare takenIds: readonly string[];
  /** Start with `paused` set to this (pausing a shared offer goes through the form). */
  declare startPaused: boolean | undefined;
  declare _draft: Draft;
  declare _errors: Record<string, string>;
  declare _formError: string;
  declare _saving: boolean;

  #idTouched = false;

  constructor() {
    super();
    this.offer = undefined;
    this.takenIds = [];
    this.startPaused = undefined;
    this._draft = this.#draftOf(undefined);
    this._errors = {};
    this._formError = '';
    this._saving = false;
  }

  get #t(): OffersTerms {
    return this.t(offersTerms);
  }

  #draftOf(o: HostOffer | undefined): Draft {
    return {
      id: o?.id ?? '',
      title: o?.title ?? '',
      benefit: o?.benefit ?? '',
      conditions: o?.conditions ?? '',
      expiresAt: o ? toLocalInput(o.expiresAt) : inDays(30),
      disclosure: o?.disclosure ?? 'publicite',
      kind: o?.kind ?? 'unique',
      sharedCode: '',
      paused: this.startPaused ?? o?.paused ?? false,
    };
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('offer') || changed.has('startPaused')) {
      this._draft = this.#draftOf(this.offer);
      this.#idTouched = this.offer !== undefined;
      this._errors = {};
      this._formError = '';
    }
  }

  /** Focuses the form's heading (when it opens). */
  async focusForm(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
  }

  #set<K extends keyof Draft>(key: K, value: Draft[K]): void {
    const draft = { ...this._draft, [key]: value };
    if (key === 'title' && !this.offer && !this.#idTouched) draft.id = slugify(String(value));
    if (key === 'id') this.#idTouched = true;
    this._draft = draft;
    if (this._errors[key]) {
      const { [key]: _, ...rest } = this._errors;
      this._errors = rest;
    }
  }

  async #save(event: Event): Promise<void> {
    event.preventDefault();
    const api = this.session?.api;
    if (!api || this._saving) return;
    const t = this.#t;
    const d = this._draft;
    const id = this.offer?.id ?? d.id.trim();
    if (!this.offer && this.takenIds.includes(id)) {
      return this.#showErrors({ id: t.errors['idTaken']! });
    }
    const expiresAt = fromLocalInput(d.expiresAt);
    const sharedCode = d.sharedCode.trim();
    const body = {
      title: d.title,
      benefit: d.benefit,
      conditions: d.conditions,
      expiresAt: expiresAt ?? d.expiresAt,
      disclosure: d.disclosure,
      kind: d.kind,
      paused: d.paused,
      ...(d.kind === 'shared' && sharedCode ? { sharedCode } : {}),
    } satisfies OfferInput;
    this._saving = true;
    this._formError = '';
    try {
      const { data, status } = await api.request('putOffer', {
        params: { community: this.session!.community.slug, offer: id || '-' },
        body,
      });
      this.dispatchEvent(new OfferSavedEvent({ offer: data, created: status === 201 }));
    } catch (error) {
      const server = fieldErrors(error);
      const fields: Record<string, string> = {};
      for (const [path, message] of Object.entries(server)) {
        const field = path === 'offer' ? 'id' : path.split('.')[0]!;
        fields[FIELDS.includes(field) ? field : '_'] = t.errors[field] ?? message;
      }
      if (!Object.keys(fields).length && (error as { code?: string }).code === 'conflict') {
        fields['kind'] = t.errors['kind']!;
      }
      if (Object.keys(fields).length) await this.#showErrors(fields);
      else {
        this._formError = this.errorText(error);
      }
    } finally {
      this._saving = false;
    }
  }

  async #showErrors(errors: Record<string, string>): Promise<void> {
    this._errors = errors;
    this._formError = this.#t.errors['summary']!;
    await this.updateComplete;
    const first = FIELDS.find((f) => errors[f]);
    this.renderRoot.querySelector<HTMLElement>(first ? `#o-${first}` : '#o-form-error')?.focus();
  }

  #described(name: string, hint: boolean): string {
    return [hint ? `o-${name}-hint` : '', this._errors[name] ? `o-${name}-error` : '']
      .filter(Boolean)
      .join(' ');
  }

  #field(name: string, label: string, control: TemplateResult, hint?: string): TemplateResult {
    return html`<div class="field">
      <label for="o-${name}">${label}</label>
      ${control} ${hint ? html`<p class="hint" id="o-${name}-hint">${hint}</p>` : nothing}
      ${
        this._errors[name]
          ? html`<p class="error" id="o-${name}-error">${this._errors[name]}</p>`
          : nothing
      }
    </div>`;
  }

  #input(
    name: 'id' | 'title' | 'benefit' | 'sharedCode' | 'expiresAt',
    options: { max?: number; hint?: boolean; type?: string; code?: boolean },
  ): TemplateResult {
    return html`<input
      id="o-${name}"
      name=${name}
      type=${options.type ?? 'text'}
      class=${options.code ? 'code' : ''}
      autocomplete="off"
      spellcheck=${options.code ? 'false' : 'true'}
      maxlength=${options.max ?? nothing}
      required
      aria-invalid=${this._errors[name] ? 'true' : 'false'}
      aria-describedby=${this.#described(name, options.hint ?? false)}
      .value=${this._draft[name]}
      @input=${(e: Event) => this.#set(name, (e.target as HTMLInputElement).value)}
    />`;
  }

  override render(): TemplateResult {
    const t = this.#t;
    const f = t.fields;
    const d = this._draft;
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const codeHint =
      this.offer?.kind === 'shared' ? `${f.sharedCodeHint} ${f.sharedCodeAgain}` : f.sharedCodeHint;
    return html`<section class="card" aria-labelledby="o-heading">
      <h2 id="o-heading" tabindex="-1">${this.offer ? t.formEdit(this.offer.title) : t.formNew}</h2>
      <form novalidate @submit=${(e: Event) => this.#save(e)}>
        ${
          this._formError
            ? html`<div class="note danger" id="o-form-error" tabindex="-1" role="alert">
                <p>${this._formError}</p>
                ${this._errors['_'] ? html`<p>${this._errors['_']}</p>` : nothing}
              </div>`
            : nothing
        }
        <div class="fields">
          ${this.#field('title', f.title, this.#input('title', { max: 120 }))}
          ${
            this.offer
              ? nothing
              : this.#field(
                  'id',
                  f.id,
                  this.#input('id', { max: 64, hint: true, code: true }),
                  f.idHint,
                )
          }
          ${this.#field(
            'benefit',
            f.benefit,
            this.#input('benefit', { max: 120, hint: true }),
            f.benefitHint,
          )}
          ${this.#field(
            'conditions',
            `${f.conditions} ${this.common.optional}`,
            html`<textarea
              id="o-conditions"
              rows="3"
              maxlength="1000"
              aria-invalid=${this._errors['conditions'] ? 'true' : 'false'}
              aria-describedby=${this.#described('conditions', false)}
              .value=${d.conditions}
              @input=${(e: Event) => this.#set('conditions', (e.target as HTMLTextAreaElement).value)}
            ></textarea>`,
          )}
          <div class="two">
            ${this.#field(
              'expiresAt',
              f.expiresAt,
              this.#input('expiresAt', { type: 'datetime-local', hint: true }),
              f.zone(zone),
            )}
            <div class="field">
              <label for="o-disclosure">${f.disclosure}</label>
              <select
                id="o-disclosure"
                @change=${(e: Event) =>
                  this.#set('disclosure', (e.target as HTMLSelectElement).value as Disclosure)}
              >
                ${(['publicite', 'collaboration-commerciale', 'none'] as const).map(
                  (v) =>
                    html`<option value=${v} ?selected=${d.disclosure === v}>
                      ${t.disclosures[v]}
                    </option>`,
                )}
              </select>
            </div>
          </div>
          <fieldset aria-describedby=${this._errors['kind'] ? 'o-kind-error' : nothing}>
            <legend>${f.kind}</legend>
            <div class="stack">
              ${(['unique', 'shared'] as const).map(
                (k) =>
                  html`<label class="check">
                    <input
                      id=${k === d.kind ? 'o-kind' : nothing}
                      type="radio"
                      name="kind"
                      value=${k}
                      .checked=${d.kind === k}
                      @change=${() => this.#set('kind', k)}
                    />
                    <span>${k === 'unique' ? f.unique : f.shared}</span>
                  </label>`,
              )}
            </div>
            ${
              this._errors['kind']
                ? html`<p class="error" id="o-kind-error">${this._errors['kind']}</p>`
                : nothing
            }
          </fieldset>
          ${
            d.kind === 'shared'
              ? this.#field(
                  'sharedCode',
                  f.sharedCode,
                  this.#input('sharedCode', { max: 64, hint: true, code: true }),
                  codeHint,
                )
              : nothing
          }
          <label class="check">
            <input
              type="checkbox"
              .checked=${d.paused}
              @change=${(e: Event) => this.#set('paused', (e.target as HTMLInputElement).checked)}
            />
            <span>${f.paused}</span>
          </label>
        </div>
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this._saving}>
            ${this._saving ? this.common.saving : t.save}
          </button>
          <button type="button" @click=${() => this.dispatchEvent(new Event('offer-cancel'))}>
            ${this.common.cancel}
          </button>
        </div>
      </form>
    </section>`;
  }
}

if (!customElements.get('cercle-console-offer-form')) {
  customElements.define('cercle-console-offer-form', ConsoleOfferForm);
}

declare global {
  interface HTMLElementTagNameMap {
    'cercle-console-offer-form': ConsoleOfferForm;
  }
}
