/**
 * `<cercle-console-webhook-form>`: the fields of an endpoint (URL, events, description,
 * personal-data opt-in), for creating one or editing one. It owns the draft, so a refused
 * save never loses what was typed; the screen calls the API and hands back field errors.
 * Fires `webhook-submit` (not bubbling past the screen) with the body.
 */
import { html, LitElement, nothing } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { WEBHOOK_EVENTS, type Webhook, type WebhookInput } from '@cercle/client/admin';
import { common, type Locale } from '../../i18n.js';
import { screenStyles } from '../../ui/styles.js';
import { terms, type WebhookTerms } from './terms.js';

export class WebhookSubmitEvent extends Event {
  constructor(readonly body: WebhookInput) {
    super('webhook-submit');
  }
}

let forms = 0;

export class ConsoleWebhookForm extends LitElement {
  static override styles = [screenStyles];

  static override properties = {
    locale: {},
    webhook: { attribute: false },
    errors: { attribute: false },
    busy: { type: Boolean },
    submitLabel: { attribute: false },
    _url: { state: true },
    _events: { state: true },
    _description: { state: true },
    _personal: { state: true },
  };

  declare locale: Locale;
  /** The endpoint being edited (absent: a new one). */
  declare webhook: Webhook | undefined;
  /** Field errors by field (`url`, `events`, `description`). */
  declare errors: Record<string, string>;
  declare busy: boolean;
  declare submitLabel: string;
  declare _url: string;
  declare _events: string[];
  declare _description: string;
  declare _personal: boolean;

  readonly #id = `wh${++forms}`;
  #from: Webhook | undefined | null = null;

  constructor() {
    super();
    this.locale = 'en';
    this.errors = {};
    this.busy = false;
    this.submitLabel = '';
    this.reset();
  }

  /** Empties the form (after a create), or back to the endpoint's values. */
  reset(): void {
    const w = this.webhook;
    this._url = w?.url ?? '';
    this._events = w ? [...w.events] : [];
    this._description = w?.description ?? '';
    this._personal = w?.includePersonalData ?? false;
  }

  protected override willUpdate(): void {
    if (this.#from !== this.webhook) {
      this.#from = this.webhook;
      this.reset();
    }
  }

  /** Focuses the first field in error. */
  async focusError(): Promise<void> {
    await this.updateComplete;
    const field =
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      (this.errors['events']
        ? this.renderRoot.querySelector<HTMLElement>('input[name="events"]')
        : null);
    field?.focus();
  }

  #submit(e: Event) {
    e.preventDefault();
    this.dispatchEvent(
      new WebhookSubmitEvent({
        url: this._url.trim(),
        events: this._events as WebhookInput['events'],
        description: this._description.trim(),
        includePersonalData: this._personal,
      }),
    );
  }

  #toggle(event: string, on: boolean) {
    this._events = on
      ? WEBHOOK_EVENTS.filter((e) => e === event || this._events.includes(e))
      : this._events.filter((e) => e !== event);
  }

  override render() {
    const t: WebhookTerms = terms[this.locale];
    const id = (f: string) => `${this.#id}-${f}`;
    const err = (f: string) =>
      this.errors[f]
        ? html`<p class="error" id=${id(`${f}-error`)}>${this.errors[f]}</p>`
        : nothing;
    const described = (f: string, hint: boolean) =>
      [this.errors[f] ? id(`${f}-error`) : '', hint ? id(`${f}-hint`) : '']
        .filter(Boolean)
        .join(' ') || undefined;
    return html`<form novalidate @submit=${this.#submit}>
      <div class="fields">
        <div class="field">
          <label for=${id('url')}>${t.url}</label>
          <input
            id=${id('url')}
            name="url"
            type="url"
            class="code"
            autocomplete="off"
            spellcheck="false"
            aria-invalid=${this.errors['url'] ? 'true' : 'false'}
            aria-describedby=${ifDefined(described('url', true))}
            .value=${this._url}
            @input=${(e: Event) => (this._url = (e.target as HTMLInputElement).value)}
          />
          <p class="hint" id=${id('url-hint')}>${t.urlHint}</p>
          ${err('url')}
        </div>
        <fieldset aria-describedby=${ifDefined(described('events', true))}>
          <legend>${t.events}</legend>
          <p class="hint" id=${id('events-hint')}>${t.eventsHint}</p>
          <div class="checks">
            ${WEBHOOK_EVENTS.map(
              (event) =>
                html`<label class="check">
                  <input
                    type="checkbox"
                    name="events"
                    value=${event}
                    .checked=${this._events.includes(event)}
                    @change=${(e: Event) => this.#toggle(event, (e.target as HTMLInputElement).checked)}
                  />
                  <span
                    >${t.eventNames[event] ?? event} <code class="muted block">${event}</code></span
                  >
                </label>`,
            )}
          </div>
          ${err('events')}
        </fieldset>
        <div class="field">
          <label for=${id('description')}>${t.description}</label>
          <input
            id=${id('description')}
            name="description"
            autocomplete="off"
            aria-invalid=${this.errors['description'] ? 'true' : 'false'}
            aria-describedby=${ifDefined(described('description', false))}
            .value=${this._description}
            @input=${(e: Event) => (this._description = (e.target as HTMLInputElement).value)}
          />
          ${err('description')}
        </div>
        <div class="field">
          <label class="check">
            <input
              type="checkbox"
              name="includePersonalData"
              aria-describedby=${id('personal-hint')}
              .checked=${this._personal}
              @change=${(e: Event) => (this._personal = (e.target as HTMLInputElement).checked)}
            />
            <span>${t.personal}</span>
          </label>
          <p class="hint" id=${id('personal-hint')}>${t.personalHint}</p>
        </div>
      </div>
      <div class="actions">
        <button class="primary" type="submit" ?disabled=${this.busy}>
          ${
            this.busy
              ? this.webhook
                ? common[this.locale].saving
                : t.creating
              : this.submitLabel || t.create
          }
        </button>
        <slot name="actions"></slot>
      </div>
    </form>`;
  }
}

if (!customElements.get('cercle-console-webhook-form')) {
  customElements.define('cercle-console-webhook-form', ConsoleWebhookForm);
}

declare global {
  interface HTMLElementTagNameMap {
    'cercle-console-webhook-form': ConsoleWebhookForm;
  }
}
