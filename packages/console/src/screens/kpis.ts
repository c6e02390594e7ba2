/**
 * `<cercle-console-kpis>` (`insights`: owner and analyst): the KPI dashboard over a range of
 * UTC days, by day, week or month (`GET …/host/kpis?from&to&granularity`, docs/kpis.md).
 * Tiles (members and their change, active 28 days, activation, stickiness, churn,
 * testimonials submitted, approved, with a photo and their average rating, reveals,
 * redemptions, revenue per currency), each with what it measures and why it matters; the
 * visitor → member → contributor funnel; plots of members, joins and leaves, active 1/7/28
 * days, stickiness and churn (inline SVG, each with a table alternative); activation and
 * retention per join-week cohort with its average curve; testimonials submitted and approved
 * per period; participation per live session; a funnel per offer. Suppressed cells read
 * "< 5" with a visible hint. Each table downloads as CSV (`…/host/kpis.csv?table=`).
 */
import { html, nothing } from 'lit';
import type { KpiCell, KpiGranularity, Kpis, KpiTable } from '@cercle/client/admin';
import { ConsoleScreen, defineScreen, fieldErrors, serverMessage } from '../screen.js';
import { screenStyles } from '../ui/styles.js';
import { terms, type TileKey } from './kpis/terms.js';
import { kpiStyles } from './kpis/styles.js';
import {
  activePlot,
  cellFormat,
  cellText,
  isSuppressed,
  membersPlot,
  retentionTable,
  valueOf,
  type CellFormat,
} from './kpis/charts.js';
import { funnelPlot, offersPlot } from './kpis/funnels.js';
import { sessionsPlot } from './kpis/sessions.js';
import { ratesPlot, retentionCurve, testimonialsPlot } from './kpis/trends.js';
import { rangeOf } from './kpis/range.js';
import { CercleError } from '@cercle/client';

export { rangeOf };

const PRESETS = [7, 28, 90] as const;
const GRANULARITIES = ['day', 'week', 'month'] as const satisfies readonly KpiGranularity[];

type Cell = KpiCell | null;

export class ConsoleKpisScreen extends ConsoleScreen {
  static override styles = [screenStyles, kpiStyles];

  static override properties = {
    ...ConsoleScreen.properties,
    _from: { state: true },
    _to: { state: true },
    _granularity: { state: true },
    _downloading: { state: true },
    _data: { state: true },
    _loading: { state: true },
    _error: { state: true },
    _fields: { state: true },
  };

  declare _from: string;
  declare _to: string;
  declare _granularity: KpiGranularity;
  /** The table whose CSV is being downloaded. */
  declare _downloading: KpiTable | undefined;
  declare _data: Kpis | undefined;
  declare _loading: boolean;
  /** A failure that is not about the range (network, server): shown with a retry. */
  declare _error: string;
  /** The server's field errors about the range (`from`, `to`, `_`). */
  declare _fields: Record<string, string>;

  #turn = 0;

  constructor() {
    super();
    const { from, to } = rangeOf(28);
    this._from = from;
    this._to = to;
    this._granularity = 'day';
    this._loading = false;
    this._error = '';
    this._fields = {};
  }

  protected override load(): Promise<void> {
    return this.#fetch();
  }

  async #fetch(): Promise<void> {
    const turn = ++this.#turn;
    this._loading = true;
    this._error = '';
    this._fields = {};
    try {
      const { data } = await this.session!.api.request('kpis', {
        params: { community: this.session!.community.slug },
        query: { from: this._from, to: this._to, granularity: this._granularity },
      });
      if (turn !== this.#turn) return;
      this._data = data;
    } catch (error) {
      if (turn !== this.#turn) return;
      if (error instanceof CercleError && error.code === 'validation_failed') {
        const general = serverMessage(error);
        const fields = { ...fieldErrors(error), ...(general ? { _: general } : {}) };
        this._fields = Object.keys(fields).length ? fields : { _: this.errorText(error) };
      } else this._error = this.errorText(error);
    } finally {
      if (turn === this.#turn) this._loading = false;
    }
  }

  #preset(n: number) {
    const { from, to } = rangeOf(n);
    this._from = from;
    this._to = to;
    void this.#fetch();
  }

  /**
   * One table of the figures shown (their range and granularity) as CSV, through `download`
   * (the key in a header), saved by an `<a download>` on a blob URL. The name is the one the
   * server gives in its Content-Disposition.
   */
  async #download(table: KpiTable) {
    const data = this._data;
    if (!data) return;
    const t = this.t(terms);
    const slug = this.session!.community.slug;
    const query = new URLSearchParams({
      table,
      from: data.from,
      to: data.to,
      granularity: data.granularity,
    });
    const file = `${slug}-kpis-${table}-${data.from}-${data.to}.csv`;
    this._downloading = table;
    try {
      const blob = await this.session!.api.download(
        `/v1/communities/${encodeURIComponent(slug)}/host/kpis.csv?${query}`,
      );
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = file;
      a.hidden = true;
      this.renderRoot.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      this.toast(t.downloaded(file), 'success');
    } catch (error) {
      this.toast(this.errorText(error), 'error');
    } finally {
      this._downloading = undefined;
    }
  }

  /** The "Download CSV" button of one table, its accessible name naming the table. */
  #csv(table: KpiTable) {
    const t = this.t(terms);
    return html`<button
      type="button"
      class="small csv"
      data-csv=${table}
      aria-label=${t.csvName[table]}
      ?disabled=${this._downloading !== undefined}
      @click=${() => void this.#download(table)}
    >
      ${t.csv}
    </button>`;
  }

  #submit(e: Event) {
    e.preventDefault();
    void this.#fetch();
  }

  #field(name: 'from' | 'to') {
    const t = this.t(terms);
    const error = this._fields[name];
    return html`<div class="field">
      <label for="f-${name}">${t[name]}</label>
      <input
        id="f-${name}"
        name=${name}
        type="date"
        required
        .value=${name === 'from' ? this._from : this._to}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${error ? `e-${name}` : nothing}
        @input=${(e: Event) => {
          const value = (e.target as HTMLInputElement).value;
          if (name === 'from') this._from = value;
          else this._to = value;
        }}
      />
      ${error ? html`<p class="error" id="e-${name}">${error}</p>` : nothing}
    </div>`;
  }

  #range() {
    const t = this.t(terms);
    const general = this._fields['_'];
    const invalid = Object.keys(this._fields).length > 0;
    return html`<form class="card range" id="range" @submit=${this.#submit} aria-label=${t.range}>
      ${this.#field('from')} ${this.#field('to')}
      <div class="field">
        <label for="f-granularity">${t.granularity}</label>
        <select
          id="f-granularity"
          name="granularity"
          .value=${this._granularity}
          ?disabled=${this._loading}
          @change=${(e: Event) => {
            this._granularity = (e.target as HTMLSelectElement).value as KpiGranularity;
            void this.#fetch();
          }}
        >
          ${GRANULARITIES.map(
            (g) =>
              html`<option value=${g} ?selected=${g === this._granularity}>
                ${t.granularities[g]}
              </option>`,
          )}
        </select>
      </div>
      <button type="submit" class="primary" ?disabled=${this._loading}>${t.show}</button>
      <div class="presets" role="group" aria-label=${t.presets}>
        ${PRESETS.map(
          (n) =>
            html`<button
              type="button"
              class="small"
              data-days=${n}
              ?disabled=${this._loading}
              @click=${() => this.#preset(n)}
            >
              ${t.preset(n)}
            </button>`,
        )}
      </div>
      ${
        invalid
          ? html`<p class="note danger" id="range-error">
              ${t.rangeInvalid}${general ? html` ${general}` : nothing}
            </p>`
          : nothing
      }
    </form>`;
  }

  /** One tile: name, value, an optional line under it, what it means, and why it is hidden. */
  #tile(
    key: string,
    name: string,
    cell: Cell,
    show: (n: number) => string,
    explain: string,
    sub?: unknown,
  ) {
    const t = this.t(terms);
    return html`<li class="tile" data-tile=${key}>
      <h3>${name}</h3>
      <p class="value">${cellText(cell, t, show)}</p>
      ${sub ?? nothing}
      <p class="hint">${explain}</p>
      ${
        isSuppressed(cell)
          ? html`<p class="hint flag">${t.suppressedHint}</p>`
          : valueOf(cell) === undefined
            ? html`<p class="hint flag">${t.noneHint}</p>`
            : nothing
      }
    </li>`;
  }

  #tiles(data: Kpis, fmt: CellFormat) {
    const t = this.t(terms);
    const x = t.explain;
    const last = data.series.at(-1);
    const first = data.series[0];
    // The change across the range: members at the end of `to` − at the end of `from`.
    const ends = [last?.members, first?.members];
    const [atTo, atFrom] = ends.map((c) => valueOf(c));
    const change: Cell =
      atTo !== undefined && atFrom !== undefined
        ? { value: atTo - atFrom }
        : ends.some((c) => isSuppressed(c))
          ? { suppressed: true }
          : null;
    const since = fmt.day(data.from);
    const changeLine =
      valueOf(change) !== undefined
        ? html`<p class="sub" id="members-change">
            ${t.change(fmt.signed(valueOf(change)!), since)}
          </p>`
        : isSuppressed(change)
          ? html`<p class="sub" id="members-change">${t.changeHidden(since)}</p>`
          : nothing;
    const tiles: [TileKey, string, Cell, (n: number) => string, unknown?][] = [
      ['members', t.tiles.members, last?.members ?? null, fmt.count, changeLine],
      ['active28', t.tiles.active28, data.active.d28, fmt.count],
      ['activation', t.tiles.activation, data.activation, fmt.percent],
      ['stickiness', t.tiles.stickiness, data.stickiness, fmt.percent],
      ['churn', t.tiles.churn, data.churn, fmt.percent],
      ['submitted', t.tiles.submitted, data.testimonials.submitted, fmt.count],
      ['approval', t.tiles.approval, data.testimonials.approvalRate, fmt.percent],
      ['withPhoto', t.tiles.withPhoto, data.testimonials.withPhoto, fmt.count],
      [
        'rating',
        t.tiles.rating,
        data.testimonials.averageRating,
        (n) => t.ratingOf(fmt.decimal(n)),
      ],
      ['reveals', t.tiles.reveals, data.promo.reveals, fmt.count],
      ['redemptions', t.tiles.redemptions, data.promo.redemptions, fmt.count],
    ];
    return html`<ul class="tiles" id="tiles">
      ${tiles.map(([key, name, cell, show, sub]) => this.#tile(key, name, cell, show, x[key], sub))}
      ${data.promo.revenue.map((r) =>
        this.#tile(
          `revenue-${r.currency}`,
          t.tiles.revenue(r.currency),
          r.amount,
          (n) => fmt.money(n, r.currency),
          x.revenue,
          html`<p class="sub">${t.ofRedemptions(cellText(r.redemptions, t, fmt.count))}</p>`,
        ),
      )}
      ${
        data.promo.revenue.length === 0
          ? html`<li class="tile" data-tile="revenue">
              <h3>${t.tiles.revenue('—')}</h3>
              <p class="value">${t.none}</p>
              <p class="hint">${x.revenue}</p>
              <p class="hint flag">${t.noRevenue}</p>
            </li>`
          : nothing
      }
    </ul>`;
  }

  #body() {
    const t = this.t(terms);
    const data = this._data;
    if (this._error) {
      return html`<section class="card" id="failed">
        <p class="note danger">${t.failed} ${this._error}</p>
        <button type="button" id="retry" class="primary" @click=${() => void this.#fetch()}>
          ${this.common.retry}
        </button>
      </section>`;
    }
    if (!data) return html`<p class="muted" id="loading">${t.loading}</p>`;
    const fmt = cellFormat(this.locale);
    return html`<p class="muted small" id="showing">
        ${t.showing(fmt.day(data.from), fmt.day(data.to))}
        ${this._loading ? html`<span> · ${t.loading}</span>` : nothing}
      </p>
      <p class="note" id="privacy">${t.privacy(data.minMembers)}</p>
      <div class="section-head">
        <h2>${t.figures}</h2>
        ${this.#csv('summary')}
      </div>
      ${this.#tiles(data, fmt)}
      <section class="card">${funnelPlot(data, t, fmt)}</section>
      <div class="section-head">
        <h2>${t.trends}</h2>
        ${this.#csv('series')}
      </div>
      <div class="plots">
        <section class="card">${membersPlot(data, t, fmt)}</section>
        <section class="card">${activePlot(data, t, fmt)}</section>
        <section class="card">${ratesPlot(data, t, fmt)}</section>
        <section class="card">
          ${retentionTable(data, t, fmt, this.#csv('cohorts'))} ${retentionCurve(data, t, fmt)}
        </section>
      </div>
      <div class="section-head"><h2>${t.trendPlots.heading}</h2></div>
      <section class="card">${testimonialsPlot(data, t, fmt)}</section>
      <div class="section-head"><h2>${t.sessions.heading}</h2></div>
      <section class="card">${sessionsPlot(data, t, fmt, this.#csv('sessions'))}</section>
      <div class="section-head"><h2>${t.offers.heading}</h2></div>
      <section class="card">${offersPlot(data, t, fmt, this.#csv('offers'))}</section>`;
  }

  override render() {
    const t = this.t(terms);
    return html`<div class="page-head">
        <div>
          <h1>${t.title}</h1>
          <p class="muted">${t.lede}</p>
        </div>
      </div>
      ${this.#range()}
      <div aria-busy=${this._loading ? 'true' : 'false'}>${this.#body()}</div>`;
  }
}

defineScreen('cercle-console-kpis', ConsoleKpisScreen);

declare global {
  interface HTMLElementTagNameMap {
    'cercle-console-kpis': ConsoleKpisScreen;
  }
}
