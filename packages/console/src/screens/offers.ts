/**
 * `<cercle-console-offers>`: the community's member-only offers (`GET …/host/offers`): title,
 * kind, status (active, paused, expired, no code left), codes left, expiry. An owner
 * (`offers`) creates and edits them (`offers/form.ts`, `PUT …/host/offers/{id}`), pauses and
 * resumes them, and imports unique codes from a file (`offers/import.ts`). Whoever has
 * `insights` opens each offer's funnel (`offers/funnel.ts`); an analyst sees the list and the
 * funnels read-only, a moderator the list only.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { allRoutes } from '@cercle/client/admin';
import type { HostOffer, OfferFunnel } from '@cercle/client/contract';
import { ConsoleScreen, defineScreen } from '../screen.js';
import { renderFunnel } from './offers/funnel.js';
import './offers/form.js';
import type { ConsoleOfferForm, OfferSavedEvent } from './offers/form.js';
import './offers/import.js';
import { offersStyles } from './offers/styles.js';
import { offersTerms, type OffersTerms } from './offers/terms.js';

type FunnelState = OfferFunnel | 'loading' | { error: string };

export class ConsoleOffers extends ConsoleScreen {
  static override styles = [...ConsoleScreen.styles, offersStyles];

  static override properties = {
    ...ConsoleScreen.properties,
    _offers: { state: true },
    _status: { state: true },
    _loadError: { state: true },
    _form: { state: true },
    _formPaused: { state: true },
    _import: { state: true },
    _funnels: { state: true },
    _busy: { state: true },
  };

  declare _offers: HostOffer[];
  declare _status: 'loading' | 'ready' | 'error';
  declare _loadError: string;
  /** `null`: no form; `''`: a new offer; else the id being edited. */
  declare _form: string | null;
  declare _formPaused: boolean | undefined;
  /** The offer whose import panel is open. */
  declare _import: string | undefined;
  /** Open funnels, by offer. */
  declare _funnels: ReadonlyMap<string, FunnelState>;
  declare _busy: ReadonlySet<string>;

  constructor() {
    super();
    this._offers = [];
    this._status = 'loading';
    this._loadError = '';
    this._form = null;
    this._formPaused = undefined;
    this._import = undefined;
    this._funnels = new Map();
    this._busy = new Set();
  }

  get #t(): OffersTerms {
    return this.t(offersTerms);
  }

  get #community(): string {
    return this.session?.community.slug ?? '';
  }

  protected override async load(): Promise<void> {
    const api = this.session?.api;
    if (!api) return;
    if (!this._offers.length) this._status = 'loading';
    try {
      const { data } = await api.request('hostOffers', { params: { community: this.#community } });
      this._offers = data.offers;
      this._status = 'ready';
    } catch (error) {
      this._loadError = this.errorText(error);
      this._status = 'error';
    }
  }

  async #focus(selector: string): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  #card = (id: string) => `[data-offer="${CSS.escape(id)}"] h2`;

  async #openForm(offer?: HostOffer, paused?: boolean): Promise<void> {
    this._form = offer?.id ?? '';
    this._formPaused = paused;
    await this.updateComplete;
    await this.renderRoot.querySelector<ConsoleOfferForm>('cercle-console-offer-form')?.focusForm();
  }

  async #closeForm(focusId?: string): Promise<void> {
    const editing = this._form;
    this._form = null;
    this._formPaused = undefined;
    const id = focusId ?? editing;
    await this.#focus(id ? this.#card(id) : '#create');
  }

  async #saved(event: OfferSavedEvent): Promise<void> {
    const { offer, created } = event.detail;
    this.toast(created ? this.#t.created(offer.title) : this.#t.saved(offer.title), 'success');
    await this.load();
    await this.#closeForm(offer.id);
  }

  async #togglePause(o: HostOffer): Promise<void> {
    const api = this.session?.api;
    if (!api || this._busy.has(o.id)) return;
    // The API never sends a shared code back: pausing a shared offer needs it typed again.
    if (o.kind === 'shared') return this.#openForm(o, !o.paused);
    this._busy = new Set([...this._busy, o.id]);
    try {
      const { data } = await api.request('putOffer', {
        params: { community: this.#community, offer: o.id },
        body: {
          title: o.title,
          benefit: o.benefit,
          conditions: o.conditions,
          expiresAt: o.expiresAt,
          disclosure: o.disclosure,
          kind: o.kind,
          paused: !o.paused,
        },
      });
      this._offers = this._offers.map((x) => (x.id === data.id ? data : x));
      this.toast(data.paused ? this.#t.paused(data.title) : this.#t.resumed(data.title), 'success');
      await this.#focus(`${this.#card(o.id)}`);
    } catch (error) {
      this.toast(this.errorText(error), 'error');
    } finally {
      const busy = new Set(this._busy);
      busy.delete(o.id);
      this._busy = busy;
    }
  }

  async #toggleFunnel(o: HostOffer): Promise<void> {
    const api = this.session?.api;
    if (!api) return;
    const funnels = new Map(this._funnels);
    if (funnels.has(o.id)) {
      funnels.delete(o.id);
      this._funnels = funnels;
      return;
    }
    this._funnels = funnels.set(o.id, 'loading');
    let state: FunnelState;
    try {
      const { data } = await api.request('offerFunnel', {
        params: { community: this.#community, offer: o.id },
      });
      state = data;
    } catch (error) {
      state = { error: this.errorText(error) };
    }
    if (this._funnels.has(o.id)) this._funnels = new Map(this._funnels).set(o.id, state);
  }

  override render(): TemplateResult {
    const t = this.#t;
    const mayEdit = this.can(allRoutes.putOffer.permission);
    const editing = this._offers.find((o) => o.id === this._form);
    return html`<div class="page-head">
        <div>
          <h1>${t.heading}</h1>
          <p class="lede">${t.lede}</p>
        </div>
        ${
          mayEdit && this._form === null
            ? html`<button
                id="create"
                type="button"
                class="primary"
                @click=${() => this.#openForm()}
              >
                ${t.create}
              </button>`
            : nothing
        }
      </div>
      ${mayEdit ? nothing : html`<p class="note">${t.readOnly}</p>`}
      ${
        mayEdit && this._form !== null
          ? html`<cercle-console-offer-form
              class="form"
              .session=${this.session}
              .offer=${editing}
              .takenIds=${this._offers.map((o) => o.id)}
              .startPaused=${this._formPaused}
              @offer-saved=${(e: OfferSavedEvent) => this.#saved(e)}
              @offer-cancel=${() => this.#closeForm()}
            ></cercle-console-offer-form>`
          : nothing
      }
      ${this.#renderList()}`;
  }

  #renderList(): TemplateResult {
    const t = this.#t;
    if (this._status === 'loading') {
      return html`<p class="muted" role="status">${this.common.loading}</p>`;
    }
    if (this._status === 'error') {
      return html`<div class="note danger" role="alert">
        <p>${t.loadFailed} ${this._loadError}</p>
        <button type="button" @click=${() => this.load()}>${this.common.retry}</button>
      </div>`;
    }
    if (!this._offers.length) return html`<p class="empty">${t.empty}</p>`;
    return html`<ul class="offers">
      ${this._offers.map((o) => html`<li>${this.#renderOffer(o)}</li>`)}
    </ul>`;
  }

  #renderOffer(o: HostOffer): TemplateResult {
    const t = this.#t;
    const f = this.fmt;
    const mayEdit = this.can(allRoutes.putOffer.permission);
    const mayImport = this.can(allRoutes.importCodes.permission) && o.kind === 'unique';
    const mayFunnel = this.can(allRoutes.offerFunnel.permission);
    const busy = this._busy.has(o.id);
    const funnel = this._funnels.get(o.id);
    const tone = { active: 'success', paused: 'warn', expired: 'danger', exhausted: 'danger' };
    const named = (action: string) => t.named(action, o.title);
    return html`<article class="card offer" data-offer=${o.id} aria-labelledby="offer-${o.id}">
      <header>
        <h2 id="offer-${o.id}" tabindex="-1">${o.title}</h2>
        <p class="badges">
          <span class="badge ${tone[o.status]}">${t.status[o.status]}</span>
          <span class="badge">${t.kinds[o.kind]}</span>
          ${
            o.disclosure !== 'none'
              ? html`<span class="badge">${t.disclosures[o.disclosure]}</span>`
              : nothing
          }
        </p>
      </header>
      <dl class="facts">
        <dt>${t.benefit}</dt>
        <dd>${o.benefit}</dd>
        ${
          o.conditions
            ? html`<dt>${t.conditions}</dt>
                <dd>${o.conditions}</dd>`
            : nothing
        }
        <dt>${t.expires}</dt>
        <dd><time datetime=${o.expiresAt}>${f.dateTime(o.expiresAt)}</time></dd>
        <dt>${t.codes}</dt>
        <dd>
          ${
            o.codesTotal === null
              ? t.sharedCode
              : t.codesLeft(f.number(o.codesRemaining ?? 0), f.number(o.codesTotal))
          }
        </dd>
        <dt>${t.id}</dt>
        <dd class="mono">${o.id}</dd>
      </dl>
      <div class="actions">
        ${
          mayEdit
            ? html`<button
                  type="button"
                  aria-label=${named(t.edit)}
                  ?disabled=${busy}
                  @click=${() => this.#openForm(o)}
                >
                  ${t.edit}
                </button>
                <button
                  type="button"
                  aria-label=${named(o.paused ? t.resume : t.pause)}
                  ?disabled=${busy}
                  @click=${() => this.#togglePause(o)}
                >
                  ${o.paused ? t.resume : t.pause}
                </button>`
            : nothing
        }
        ${
          mayImport
            ? html`<button
                type="button"
                aria-label=${named(t.importCodes)}
                aria-expanded=${String(this._import === o.id)}
                @click=${() => (this._import = this._import === o.id ? undefined : o.id)}
              >
                ${t.importCodes}
              </button>`
            : nothing
        }
        ${
          mayFunnel
            ? html`<button
                type="button"
                aria-label=${named(funnel ? t.hideFunnel : t.showFunnel)}
                aria-expanded=${String(Boolean(funnel))}
                @click=${() => this.#toggleFunnel(o)}
              >
                ${funnel ? t.hideFunnel : t.showFunnel}
              </button>`
            : nothing
        }
      </div>
      ${
        mayImport && this._import === o.id
          ? html`<cercle-console-offer-import
              .session=${this.session}
              .offer=${o}
              @codes-imported=${() => this.load()}
            ></cercle-console-offer-import>`
          : nothing
      }
      ${
        funnel === 'loading'
          ? html`<p class="muted" role="status">${this.common.loading}</p>`
          : funnel && 'error' in funnel
            ? html`<p class="note danger" role="alert">${t.funnelFailed} ${funnel.error}</p>`
            : funnel
              ? renderFunnel(funnel, t, this.fmt, this.locale)
              : nothing
      }
    </article>`;
  }
}

defineScreen('cercle-console-offers', ConsoleOffers);

declare global {
  interface HTMLElementTagNameMap {
    'cercle-console-offers': ConsoleOffers;
  }
}
