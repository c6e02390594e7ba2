/**
 * `<cercle-console-embed>`: the snippet a brand pastes into its page — the SDK script from
 * this API (`<api>/sdk/cercle.js`) and the four widgets with their real attributes
 * (`community`, `session="next"`, `offer`, `api`; see packages/elements/src/*). The promo
 * widget's offer is picked from `GET …/host/offers`.
 */
import { html, LitElement, nothing } from 'lit';
import type { HostOffer } from '@cercle/client/contract';
import type { Session } from '../../screen.js';
import { screenStyles } from '../../ui/styles.js';
import '../../ui/copy.js';
import { terms, type SettingsTerms } from './terms.js';

/** The snippet, for a community on an API (attribute values are slugs and a URL). */
export function embedSnippet(api: string, community: string, offer: string | undefined): string {
  const attr = (v: string) => v.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  const a = attr(api);
  const c = attr(community);
  const lines = [
    `<script type="module" src="${a}/sdk/cercle.js"></script>`,
    '',
    `<cercle-join community="${c}" api="${a}"></cercle-join>`,
    `<cercle-qa community="${c}" session="next" api="${a}"></cercle-qa>`,
    `<cercle-wall community="${c}" api="${a}"></cercle-wall>`,
  ];
  if (offer) {
    lines.push(`<cercle-promo community="${c}" offer="${attr(offer)}" api="${a}"></cercle-promo>`);
  }
  return lines.join('\n');
}

export class ConsoleEmbed extends LitElement {
  static override styles = [screenStyles];

  static override properties = {
    session: { attribute: false },
    _offers: { state: true },
    _offer: { state: true },
  };

  declare session: Session | undefined;
  declare _offers: HostOffer[] | undefined;
  declare _offer: string;

  #loadedFor: unknown;

  constructor() {
    super();
    this._offer = '';
  }

  /** Shown again (the shell keeps its screens): offers may have been created meanwhile. */
  override connectedCallback(): void {
    super.connectedCallback();
    this.#loadedFor = undefined;
    this.requestUpdate();
  }

  protected override willUpdate(): void {
    const api = this.session?.api;
    if (api && this.#loadedFor !== api) {
      this.#loadedFor = api;
      void this.#load();
    }
  }

  async #load() {
    try {
      const { data } = await this.session!.api.request('hostOffers', {
        params: { community: this.session!.community.slug },
      });
      this._offers = data.offers;
      const usable = data.offers.find((o) => o.status === 'active') ?? data.offers[0];
      this._offer = usable?.id ?? '';
    } catch {
      this._offers = [];
    }
  }

  override render() {
    const session = this.session;
    if (!session) return nothing;
    const t: SettingsTerms = terms[session.locale];
    const offers = this._offers ?? [];
    return html`<p class="muted">${t.embedLede}</p>
      <div class="fields">
        ${
          offers.length
            ? html`<div class="field">
                <label for="offer">${t.embedOffer}</label>
                <select
                  id="offer"
                  @change=${(e: Event) => (this._offer = (e.target as HTMLSelectElement).value)}
                >
                  ${offers.map(
                    (o) =>
                      html`<option value=${o.id} ?selected=${o.id === this._offer}>
                        ${o.title} (${o.id})
                      </option>`,
                  )}
                </select>
              </div>`
            : this._offers
              ? html`<p class="hint">${t.embedNoOffer}</p>`
              : nothing
        }
        <cercle-console-copy
          multiline
          .locale=${session.locale}
          .label=${t.embedSnippet}
          .value=${embedSnippet(session.api.base, session.community.slug, this._offer || undefined)}
        ></cercle-console-copy>
      </div>`;
  }
}

if (!customElements.get('cercle-console-embed')) {
  customElements.define('cercle-console-embed', ConsoleEmbed);
}

declare global {
  interface HTMLElementTagNameMap {
    'cercle-console-embed': ConsoleEmbed;
  }
}
