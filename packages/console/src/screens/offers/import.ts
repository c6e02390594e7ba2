/**
 * `<cercle-console-offer-import>`: adds unique codes to an offer's pool from a file the host
 * picks. The file is read in the browser (`codes.ts`: one code per line or the first column of
 * a CSV, header and blanks skipped, invalid lines listed), the count shown, then the codes go
 * to `POST …/host/offers/{o}/codes` in chunks of at most 10,000 (the contract's limit), one
 * after the other. Shows what was added and how many duplicates were skipped. Fires
 * `codes-imported` (detail: the last `CodesImportResult`), which does not bubble.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import type { CodesImportResult, HostOffer } from '@cercle/client/contract';
import { ConsoleScreen } from '../../screen.js';
import { chunks, parseCodes, type ParsedCodes } from './codes.js';
import { offersTerms, type OffersTerms } from './terms.js';

export class CodesImportedEvent extends Event {
  constructor(readonly detail: CodesImportResult) {
    super('codes-imported');
  }
}

export class ConsoleOfferImport extends ConsoleScreen {
  static override styles = [
    ...ConsoleScreen.styles,
    css`
      :host {
        display: block;
        margin-block-start: 1rem;
        padding-block-start: 1rem;
        border-block-start: 1px solid var(--c-border);
      }
      input[type='file'] {
        padding: 0.4rem;
      }
      .invalid {
        margin: 0.25rem 0 0;
        padding-inline-start: 1.25rem;
        font-size: 0.875rem;
      }
      .result {
        margin-block-start: 0.75rem;
      }
    `,
  ];

  static override properties = {
    ...ConsoleScreen.properties,
    offer: { attribute: false },
    _parsed: { state: true },
    _progress: { state: true },
    _result: { state: true },
    _error: { state: true },
  };

  declare offer: HostOffer | undefined;
  declare _parsed: ParsedCodes | undefined;
  declare _progress: string;
  declare _result: string;
  declare _error: string;

  constructor() {
    super();
    this.offer = undefined;
    this._parsed = undefined;
    this._progress = '';
    this._result = '';
    this._error = '';
  }

  get #t(): OffersTerms {
    return this.t(offersTerms);
  }

  async #read(event: Event): Promise<void> {
    const file = (event.target as HTMLInputElement).files?.[0];
    this._result = '';
    this._error = '';
    this._parsed = file ? parseCodes(await file.text()) : undefined;
  }

  async #send(): Promise<void> {
    const api = this.session?.api;
    const offer = this.offer;
    const parsed = this._parsed;
    if (!api || !offer || !parsed?.codes.length || this._progress) return;
    const t = this.#t;
    const n = (x: number) => this.fmt.number(x);
    const parts = chunks(parsed.codes);
    let added = 0;
    let duplicates = 0;
    let last: CodesImportResult | undefined;
    this._error = '';
    try {
      for (const [i, codes] of parts.entries()) {
        this._progress = t.sending(i + 1, parts.length);
        const { data } = await api.request('importCodes', {
          params: { community: this.session!.community.slug, offer: offer.id },
          body: { codes },
        });
        added += data.added;
        duplicates += data.duplicates;
        last = data;
      }
      this._result = t.imported(n(added), n(duplicates));
      this._parsed = undefined;
      const input = this.renderRoot.querySelector<HTMLInputElement>('input[type="file"]');
      if (input) input.value = '';
      this.toast(this._result, 'success');
    } catch (error) {
      this._error = `${added ? `${t.importFailed(n(added))} ` : ''}${this.errorText(error)}`;
      this.toast(this._error, 'error');
    } finally {
      this._progress = '';
      if (last) this.dispatchEvent(new CodesImportedEvent(last));
    }
  }

  override render(): TemplateResult {
    const t = this.#t;
    const n = (x: number) => this.fmt.number(x);
    const p = this._parsed;
    const id = `import-${this.offer?.id ?? ''}`;
    return html`<h3>${t.importHeading(this.offer?.title ?? '')}</h3>
      <div class="field">
        <label for="${id}-file">${t.file}</label>
        <input
          id="${id}-file"
          type="file"
          accept=".csv,.txt,text/csv,text/plain"
          aria-describedby="${id}-hint"
          ?disabled=${Boolean(this._progress)}
          @change=${(e: Event) => this.#read(e)}
        />
        <p class="hint" id="${id}-hint">${t.fileHint}</p>
      </div>
      <div class="summary" role="status" aria-live="polite">
        ${
          p
            ? html`<p>
                  <strong
                    >${p.codes.length ? t.read(p.codes.length, n(p.codes.length)) : t.noCode}</strong
                  >
                  ${p.header ? t.headerSkipped : nothing}
                </p>
                ${
                  p.invalidCount
                    ? html`<p class="small">${t.invalid(p.invalidCount, n(p.invalidCount))}</p>
                        <ul class="invalid">
                          ${p.invalid.map((x) => html`<li>${t.line(x.line, x.value)}</li>`)}
                        </ul>`
                    : nothing
                }`
            : nothing
        }
        ${this._progress ? html`<p>${this._progress}</p>` : nothing}
        ${this._result ? html`<p class="note success result">${this._result}</p>` : nothing}
      </div>
      ${this._error ? html`<p class="note danger" role="alert">${this._error}</p>` : nothing}
      ${
        p?.codes.length
          ? html`<div class="actions">
              <button
                type="button"
                class="primary"
                ?disabled=${Boolean(this._progress)}
                @click=${() => this.#send()}
              >
                ${t.send(p.codes.length, n(p.codes.length))}
              </button>
            </div>`
          : nothing
      }`;
  }
}

if (!customElements.get('cercle-console-offer-import')) {
  customElements.define('cercle-console-offer-import', ConsoleOfferImport);
}

declare global {
  interface HTMLElementTagNameMap {
    'cercle-console-offer-import': ConsoleOfferImport;
  }
}
