/**
 * More plots over the series and the cohorts: stickiness and churn (two lines, as %), the
 * retention curve (D30, D60, D90 averaged over the cohorts with a value) and testimonials
 * submitted and approved per period (grouped bars). Same rules as charts.ts: inline SVG sized
 * by attributes, `role="img"` with a summary, and a "Show as a table".
 */
import { html, nothing, svg, type TemplateResult } from 'lit';
import type { Kpis } from '@cercle/client/admin';
import type { KpiTerms } from './terms.js';
import {
  axis,
  cellText,
  dayTicks,
  H,
  PAD,
  plotCaption,
  scaleX,
  segments,
  tableAlternative,
  valueOf,
  W,
  type CellFormat,
} from './charts.js';

const RATES = ['stickiness', 'churn'] as const;
/** Room left of the plot for "100 %" (fr, and the larger ticks of a narrow plot). */
const LEFT = 60;

/** Stickiness and churn per period (ratios as %), and its table. */
export function ratesPlot(data: Kpis, t: KpiTerms, fmt: CellFormat): TemplateResult {
  const p = t.trendPlots;
  const series = data.series;
  const lines = RATES.map((r) => series.map((d) => valueOf(d[r])));
  // 0 to 100 %, or up to the largest ratio when one goes beyond.
  const max = Math.max(1, ...lines.flat().filter((v) => v !== undefined));
  const x = scaleX(series.length, LEFT);
  const bottom = H - PAD.bottom;
  const y = (v: number) => bottom - (v / max) * (bottom - PAD.top);
  const last = series.at(-1);
  const label = p.ratesSummary(
    p.rates,
    fmt.day(data.to),
    cellText(last?.stickiness, t, fmt.percent),
    cellText(last?.churn, t, fmt.percent),
  );
  return html`<figure class="plot" id="plot-rates">
    ${plotCaption(p.rates, html`${p.ratesLede} ${t.plots.gaps}`)}
    <svg viewBox="0 0 ${W} ${H}" role="img" aria-label=${label} preserveAspectRatio="xMidYMid meet">
      ${axis(max, PAD.top, bottom, fmt, fmt.percent, LEFT)}
      ${RATES.map((r, k) =>
        segments(lines[k]!, x, y).map(
          (pts) => svg`<polyline class="line ${r}" points=${pts}></polyline>`,
        ),
      )}
      ${dayTicks(
        series.map((d) => d.day),
        x,
        fmt,
      )}
    </svg>
    <ul class="legend" aria-label=${t.plots.legend}>
      ${RATES.map((r) => html`<li><span class="swatch ${r}" aria-hidden="true"></span>${p[r]}</li>`)}
    </ul>
    ${tableAlternative(
      t,
      p.rates,
      RATES.map((r) => p[r]),
      series.map((d) => [fmt.day(d.day), RATES.map((r) => d[r])]),
      fmt,
      { head: t.plots.period[data.granularity], formats: [fmt.percent, fmt.percent] },
    )}
  </figure>`;
}

const DAYS = ['d30', 'd60', 'd90'] as const;
const DAY_NAMES = { d30: 'D30', d60: 'D60', d90: 'D90' } as const;

/** Day N's average over the cohorts with a value (null and suppressed left out). */
export function curvePoints(cohorts: Kpis['retention']) {
  return DAYS.map((d) => {
    const values = cohorts.map((c) => valueOf(c[d])).filter((v) => v !== undefined);
    const average = values.length ? values.reduce((a, b) => a + b, 0) / values.length : undefined;
    return { day: d, name: DAY_NAMES[d], average, counted: values.length };
  });
}

/** The retention curve: D30, D60, D90 averaged over the cohorts shown, and its table. */
export function retentionCurve(data: Kpis, t: KpiTerms, fmt: CellFormat): TemplateResult {
  const p = t.trendPlots;
  const points = curvePoints(data.retention);
  const averages = points.map((pt) => pt.average);
  const max = Math.max(1, ...averages.filter((v) => v !== undefined));
  const x = scaleX(points.length, LEFT);
  const bottom = H - PAD.bottom;
  const y = (v: number) => bottom - (v / max) * (bottom - PAD.top);
  const anchor = (i: number) => (i === 0 ? 'start' : i === points.length - 1 ? 'end' : 'middle');
  const avgText = (v: number | undefined) => (v === undefined ? t.none : fmt.percent(v));
  const label = p.curveSummary(
    points
      .map((pt) => p.curvePoint(pt.name, avgText(pt.average), fmt.count(pt.counted)))
      .join(', '),
  );
  return html`<figure class="plot" id="plot-curve">
    ${plotCaption(p.curve, p.curveLede)}
    <svg viewBox="0 0 ${W} ${H}" role="img" aria-label=${label} preserveAspectRatio="xMidYMid meet">
      ${axis(max, PAD.top, bottom, fmt, fmt.percent, LEFT)}
      ${segments(averages, x, y).map(
        (pts) => svg`<polyline class="line curve" points=${pts}></polyline>`,
      )}
      ${points.map(
        (pt, i) =>
          svg`${
            pt.average === undefined
              ? nothing
              : svg`<circle class="dot" cx=${x(i)} cy=${y(pt.average)} r="5"></circle>
                  <text class="tick value" x=${x(i)} y=${y(pt.average) - 10} text-anchor=${anchor(i)}>${fmt.percent(pt.average)}</text>`
          }<text class="tick" x=${x(i)} y=${H - 6} text-anchor=${anchor(i)}>${pt.name}</text>`,
      )}
    </svg>
    ${points.some((pt) => pt.counted) ? nothing : html`<p class="empty">${p.curveNone}</p>`}
    ${tableAlternative(
      t,
      p.curve,
      [p.average, p.counted],
      points.map((pt) => [pt.name, [avgText(pt.average), fmt.count(pt.counted)]]),
      fmt,
      { head: p.dayN },
    )}
  </figure>`;
}

const KINDS = ['submitted', 'approved'] as const;

/** Testimonials submitted and approved per period (grouped bars), and its table. */
export function testimonialsPlot(data: Kpis, t: KpiTerms, fmt: CellFormat): TemplateResult {
  const p = t.trendPlots;
  const series = data.series;
  const cells = (k: (typeof KINDS)[number]) =>
    series.map((d) => (k === 'submitted' ? d.testimonials : d.testimonialsApproved));
  const bars = KINDS.map((k) => cells(k).map((c) => valueOf(c)));
  const max = Math.max(1, ...bars.flat().filter((v) => v !== undefined));
  const inner = W - PAD.left - PAD.right;
  const slot = inner / Math.max(1, series.length);
  // A band per period, its two bars side by side in the middle of it.
  const bw = Math.max(1, Math.min(16, slot * 0.36));
  const mid = (i: number) => PAD.left + (i + 0.5) * slot;
  const bottom = H - PAD.bottom;
  const title = p.testimonialsBy[data.granularity];
  const label = p.testimonialsSummary(
    title,
    fmt.day(data.from),
    fmt.day(data.to),
    cellText(data.testimonials.submitted, t, fmt.count),
    cellText(data.testimonials.approved, t, fmt.count),
  );
  return html`<figure class="plot wide" id="plot-testimonials">
    ${plotCaption(title, p.testimonialsLede)}
    <svg viewBox="0 0 ${W} ${H}" role="img" aria-label=${label} preserveAspectRatio="xMidYMid meet">
      ${axis(max, PAD.top, bottom, fmt)}
      ${KINDS.map((k, j) =>
        bars[j]!.map((v, i) => {
          if (!v) return nothing;
          const h = (v / max) * (bottom - PAD.top);
          const bx = mid(i) + (j === 0 ? -bw : 0);
          return svg`<rect class="bar ${k}" x=${bx.toFixed(1)} y=${(bottom - h).toFixed(1)} width=${bw.toFixed(1)} height=${h.toFixed(1)}></rect>`;
        }),
      )}
      ${dayTicks(
        series.map((d) => d.day),
        mid,
        fmt,
      )}
    </svg>
    <ul class="legend" aria-label=${t.plots.legend}>
      ${KINDS.map((k) => html`<li><span class="swatch ${k}" aria-hidden="true"></span>${p[k]}</li>`)}
    </ul>
    ${tableAlternative(
      t,
      title,
      KINDS.map((k) => p[k]),
      series.map((d) => [fmt.day(d.day), [d.testimonials, d.testimonialsApproved]]),
      fmt,
      { head: t.plots.period[data.granularity] },
    )}
  </figure>`;
}
