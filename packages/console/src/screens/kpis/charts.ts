/**
 * The dashboard's plots: inline SVG in Lit templates (no chart library, no `style=`). Geometry
 * goes in attributes (`points`, `x`, `y`, `width`, `height`), colours come from classes that
 * read the theme's custom properties. Each plot has `role="img"` with a summary in
 * `aria-label`, and a `<details>` with the same numbers in a real table.
 */
import { html, nothing, svg, type TemplateResult } from 'lit';
import type { KpiCell, Kpis } from '@cercle/client/admin';
import type { Locale } from '../../i18n.js';
import type { KpiTerms } from './terms.js';

type Cell = KpiCell | null;

/** The value of a cell, or undefined (suppressed or null). */
export const valueOf = (c: Cell | undefined): number | undefined =>
  c && 'value' in c ? c.value : undefined;

export const isSuppressed = (c: Cell | undefined): boolean => !!c && 'suppressed' in c;

export interface CellFormat {
  count: (n: number) => string;
  percent: (n: number) => string;
  signed: (n: number) => string;
  money: (n: number, currency: string) => string;
  /** A number with up to 2 decimals (an average rating). */
  decimal: (n: number) => string;
  day: (iso: string) => string;
  /** A timestamp as a UTC day and time. */
  time: (iso: string) => string;
}

export function cellFormat(locale: Locale): CellFormat {
  const tag = locale === 'fr' ? 'fr-FR' : 'en-GB';
  const count = new Intl.NumberFormat(tag);
  const percent = new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 1 });
  const signed = new Intl.NumberFormat(tag, { signDisplay: 'exceptZero' });
  const day = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone: 'UTC' });
  const decimal = new Intl.NumberFormat(tag, { maximumFractionDigits: 2 });
  const time = new Intl.DateTimeFormat(tag, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'UTC',
  });
  return {
    count: (n) => count.format(n),
    percent: (n) => percent.format(n),
    signed: (n) => signed.format(n),
    money: (n, currency) => {
      try {
        return new Intl.NumberFormat(tag, { style: 'currency', currency }).format(n);
      } catch {
        return `${count.format(n)} ${currency}`;
      }
    },
    decimal: (n) => decimal.format(n),
    day: (iso) => day.format(new Date(`${iso}T00:00:00Z`)),
    time: (iso) => `${time.format(new Date(iso))} UTC`,
  };
}

/** A cell as text: the number, "< 5" when suppressed, "—" when there is nothing. */
export function cellText(c: Cell | undefined, t: KpiTerms, show: (n: number) => string): string {
  const v = valueOf(c);
  if (v !== undefined) return show(v);
  return isSuppressed(c) ? t.suppressed : t.none;
}

export const W = 640;
export const H = 220;
export const PAD = { top: 12, right: 12, bottom: 24, left: 36 };

/** Splits a series into runs of known values (a hidden day breaks the line). */
export function segments(
  values: (number | undefined)[],
  x: (i: number) => number,
  y: (v: number) => number,
) {
  const runs: string[] = [];
  let run: string[] = [];
  values.forEach((v, i) => {
    if (v === undefined) {
      if (run.length) runs.push(run.join(' '));
      run = [];
    } else run.push(`${x(i).toFixed(1)},${y(v).toFixed(1)}`);
  });
  if (run.length) runs.push(run.join(' '));
  return runs;
}

/** The x of point `i` of `n`, right of a y axis at `left` (wider for "100 %" than a count). */
export function scaleX(n: number, left = PAD.left) {
  const inner = W - left - PAD.right;
  return (i: number) => left + (n <= 1 ? inner / 2 : (i * inner) / (n - 1));
}

/** The x axis, and the y axis's 0 and `max` (a count unless `show` says otherwise). */
export function axis(
  max: number,
  top: number,
  bottom: number,
  fmt: CellFormat,
  show: (n: number) => string = fmt.count,
  left = PAD.left,
) {
  return svg`<line class="axis" x1=${left} x2=${W - PAD.right} y1=${bottom} y2=${bottom}></line>
    <text class="tick" x=${left - 6} y=${bottom} text-anchor="end" dominant-baseline="middle">0</text>
    <text class="tick" x=${left - 6} y=${top} text-anchor="end" dominant-baseline="middle">${show(max)}</text>`;
}

export function dayTicks(days: string[], x: (i: number) => number, fmt: CellFormat) {
  if (!days.length) return nothing;
  const last = days.length - 1;
  const picks = last === 0 ? [0] : [0, last];
  return picks.map(
    (i) =>
      svg`<text class="tick" x=${x(i)} y=${H - 6} text-anchor=${i === 0 ? 'start' : 'end'}>${fmt.day(days[i]!)}</text>`,
  );
}

const sum = (cells: Cell[]): number | undefined => {
  let total = 0;
  for (const c of cells) {
    const v = valueOf(c);
    if (v === undefined) return undefined;
    total += v;
  }
  return total;
};

/**
 * A plot's caption: its title and lede; with `action` (the CSV download), the title and the
 * action side by side.
 */
export function plotCaption(title: unknown, lede: unknown, action?: unknown): TemplateResult {
  const head =
    action === undefined
      ? html`<h3>${title}</h3>`
      : html`<div class="section-head">
          <h3>${title}</h3>
          ${action}
        </div>`;
  return html`<figcaption>
    ${head}
    <p class="hint">${lede}</p>
  </figcaption>`;
}

/** Members per day (line) with joins and leaves (bars), and its table. */
export function membersPlot(data: Kpis, t: KpiTerms, fmt: CellFormat): TemplateResult {
  const p = t.plots;
  const series = data.series;
  const members = series.map((d) => valueOf(d.members));
  const joins = series.map((d) => valueOf(d.joins));
  const leaves = series.map((d) => valueOf(d.leaves));
  const max = Math.max(1, ...members.filter((v) => v !== undefined));
  const flows = Math.max(1, ...[...joins, ...leaves].filter((v) => v !== undefined));
  const x = scaleX(series.length);
  // Top 60 %: the members line; bottom: joins above, leaves below a middle axis.
  const lineBottom = PAD.top + (H - PAD.top - PAD.bottom) * 0.6;
  const barMid = lineBottom + (H - PAD.bottom - lineBottom) / 2 + 4;
  const barHalf = (H - PAD.bottom - lineBottom) / 2 - 6;
  const y = (v: number) => lineBottom - (v / max) * (lineBottom - PAD.top);
  const inner = W - PAD.left - PAD.right;
  const bw = Math.max(1, Math.min(14, (inner / Math.max(1, series.length)) * 0.7));
  const first = series[0];
  const last = series.at(-1);
  const title = p.membersBy[data.granularity];
  const label = p.membersSummary(
    title,
    fmt.day(data.from),
    fmt.day(data.to),
    cellText(first?.members, t, fmt.count),
    cellText(last?.members, t, fmt.count),
    sumText(
      series.map((d) => d.joins),
      t,
      fmt,
    ),
    sumText(
      series.map((d) => d.leaves),
      t,
      fmt,
    ),
  );
  return html`<figure class="plot" id="plot-members">
    ${plotCaption(title, html`${p.membersLede} ${p.gaps}`)}
    <svg viewBox="0 0 ${W} ${H}" role="img" aria-label=${label} preserveAspectRatio="xMidYMid meet">
      ${axis(max, PAD.top, lineBottom, fmt)}
      <line class="axis" x1=${PAD.left} x2=${W - PAD.right} y1=${barMid} y2=${barMid}></line>
      ${series.map((_, i) => {
        const j = joins[i];
        const l = leaves[i];
        const cx = x(i) - bw / 2;
        return svg`${
          j
            ? svg`<rect class="bar join" x=${cx} y=${barMid - (j / flows) * barHalf} width=${bw} height=${(j / flows) * barHalf}></rect>`
            : nothing
        }${
          l
            ? svg`<rect class="bar leave" x=${cx} y=${barMid} width=${bw} height=${(l / flows) * barHalf}></rect>`
            : nothing
        }`;
      })}
      ${segments(members, x, y).map(
        (pts) => svg`<polyline class="line members" points=${pts}></polyline>`,
      )}
      ${dayTicks(
        series.map((d) => d.day),
        x,
        fmt,
      )}
    </svg>
    <ul class="legend" aria-label=${p.legend}>
      <li><span class="swatch members" aria-hidden="true"></span>${p.members_}</li>
      <li><span class="swatch join" aria-hidden="true"></span>${p.joins}</li>
      <li><span class="swatch leave" aria-hidden="true"></span>${p.leaves}</li>
    </ul>
    ${tableAlternative(
      t,
      title,
      [p.members_, p.joins, p.leaves],
      series.map((d) => [fmt.day(d.day), [d.members, d.joins, d.leaves]]),
      fmt,
      { head: p.period[data.granularity] },
    )}
  </figure>`;
}

/** A table cell: a KPI cell (shown as the tiles show it) or text already formatted. */
export type TableCell = Cell | undefined | string;

export interface TableOptions {
  /** The first column's header (default "Day"). */
  head?: string;
  /** How each column's numbers read (default a count). */
  formats?: readonly (((n: number) => string) | undefined)[];
}

/**
 * A plot's text alternative: "Show as a table", one row per day (or per step, session,
 * offer), its cells as the tiles show them.
 */
export function tableAlternative(
  t: KpiTerms,
  caption: string,
  columns: readonly string[],
  rows: readonly [string, readonly TableCell[]][],
  fmt: CellFormat,
  options: TableOptions = {},
): TemplateResult {
  const p = t.plots;
  const show = (c: TableCell, i: number) =>
    typeof c === 'string' ? c : cellText(c, t, options.formats?.[i] ?? fmt.count);
  return html`<details>
    <summary>${p.table}</summary>
    <p class="hint">${t.suppressedHint}</p>
    <div class="scroll" tabindex="0" role="group" aria-label=${caption}>
      <table>
        <caption class="sr-only">
          ${caption}
        </caption>
        <thead>
          <tr>
            <th scope="col">${options.head ?? p.day}</th>
            ${columns.map((c) => html`<th scope="col">${c}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            ([day, cells]) =>
              html`<tr>
                <th scope="row">${day}</th>
                ${cells.map((c, i) => html`<td>${show(c, i)}</td>`)}
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
  </details>`;
}

function sumText(cells: Cell[], t: KpiTerms, fmt: CellFormat): string {
  const total = sum(cells);
  return total === undefined ? t.plots.unknown : fmt.count(total);
}

const WINDOWS = ['d1', 'd7', 'd28'] as const;

/** Active members over 1, 7 and 28 days (three lines), and its table. */
export function activePlot(data: Kpis, t: KpiTerms, fmt: CellFormat): TemplateResult {
  const p = t.plots;
  const series = data.series;
  const lines = WINDOWS.map((w) => series.map((d) => valueOf(d.active[w])));
  const max = Math.max(1, ...lines.flat().filter((v) => v !== undefined));
  const x = scaleX(series.length);
  const bottom = H - PAD.bottom;
  const y = (v: number) => bottom - (v / max) * (bottom - PAD.top);
  const title = p.activeBy[data.granularity];
  const label = p.activeSummary(
    title,
    fmt.day(data.to),
    cellText(data.active.d1, t, fmt.count),
    cellText(data.active.d7, t, fmt.count),
    cellText(data.active.d28, t, fmt.count),
  );
  return html`<figure class="plot" id="plot-active">
    ${plotCaption(title, html`${p.activeLede} ${p.gaps}`)}
    <svg viewBox="0 0 ${W} ${H}" role="img" aria-label=${label} preserveAspectRatio="xMidYMid meet">
      ${axis(max, PAD.top, bottom, fmt)}
      ${WINDOWS.map((w, k) =>
        segments(lines[k]!, x, y).map(
          (pts) => svg`<polyline class="line ${w}" points=${pts}></polyline>`,
        ),
      )}
      ${dayTicks(
        series.map((d) => d.day),
        x,
        fmt,
      )}
    </svg>
    <ul class="legend" aria-label=${p.legend}>
      ${WINDOWS.map((w) => html`<li><span class="swatch ${w}" aria-hidden="true"></span>${p[w]}</li>`)}
    </ul>
    ${tableAlternative(
      t,
      title,
      WINDOWS.map((w) => p[w]),
      series.map((d) => [fmt.day(d.day), WINDOWS.map((w) => d.active[w])]),
      fmt,
      { head: p.period[data.granularity] },
    )}
  </figure>`;
}

/** A heat level for a retention share: 0 (< 25 %), 1 (< 50 %), 2 (≥ 50 %). */
function heat(c: Cell): string {
  const v = valueOf(c);
  if (v === undefined) return isSuppressed(c) ? 'heat hidden' : 'heat none';
  return `heat l${v >= 0.5 ? 2 : v >= 0.25 ? 1 : 0}`;
}

/**
 * Activation in 7 days and retention D30/D60/D90 per join-week cohort: a heatmap that is a
 * real table. `action` is put beside the title (the CSV download).
 */
export function retentionTable(
  data: Kpis,
  t: KpiTerms,
  fmt: CellFormat,
  action: unknown = nothing,
): TemplateResult {
  const p = t.plots;
  const cohorts = data.retention;
  return html`<section class="plot" id="plot-retention" aria-labelledby="retention-title">
    <div class="section-head">
      <h3 id="retention-title">${p.retention}</h3>
      ${action}
    </div>
    <p class="hint">${p.retentionLede}</p>
    ${
      cohorts.length === 0
        ? html`<p class="empty">${p.noRetention}</p>`
        : html`<div class="scroll" tabindex="0" role="group" aria-labelledby="retention-title">
            <table class="heatmap">
              <caption class="sr-only">
                ${p.retention}
              </caption>
              <thead>
                <tr>
                  <th scope="col">${p.week}</th>
                  <th scope="col">${p.size}</th>
                  <th scope="col">${p.activated7}</th>
                  <th scope="col">D30</th>
                  <th scope="col">D60</th>
                  <th scope="col">D90</th>
                </tr>
              </thead>
              <tbody>
                ${cohorts.map(
                  (c) =>
                    html`<tr>
                      <th scope="row">${fmt.day(c.week)}</th>
                      <td>${cellText(c.size, t, fmt.count)}</td>
                      ${[c.activated7, c.d30, c.d60, c.d90].map(
                        (r) => html`<td class=${heat(r)}>${cellText(r, t, fmt.percent)}</td>`,
                      )}
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`
    }
  </section>`;
}
