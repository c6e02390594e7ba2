/**
 * The dashboard's funnels as horizontal bars: visitor → member → contributor over the range,
 * and one funnel per offer (teaser views → reveals → copies → redemptions) with its revenue.
 * Names and numbers are text (readable at any width); the bars are decorative SVG scaled by
 * attributes, each funnel with its "Show as a table".
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { KpiCell, KpiOffer, Kpis } from '@cercle/client/admin';
import type { KpiTerms } from './terms.js';
import { cellText, plotCaption, tableAlternative, valueOf, type CellFormat } from './charts.js';
import { hbar, stepRate } from './bars.js';

interface Step {
  key: string;
  name: string;
  cell: KpiCell | null;
}

/** A step's share of the step before, as a line under its bar. */
const rateLine = (rate: string, t: KpiTerms) =>
  rate === t.plots.unknown ? t.funnel.rateHidden : t.funnel.rateOf(rate);

/** Steps as bars, each scaled to the largest known step, with its share of the step before. */
function steps(steps: readonly Step[], t: KpiTerms, fmt: CellFormat): TemplateResult {
  const max = Math.max(1, ...steps.map((s) => valueOf(s.cell) ?? 0));
  return html`<ol class="steps">
    ${steps.map(
      (s, i) =>
        html`<li class="step" data-step=${s.key}>
          <div class="step-head">
            <span class="step-name">${s.name}</span>
            <span class="step-value">${cellText(s.cell, t, fmt.count)}</span>
          </div>
          ${hbar(`s${i}`, valueOf(s.cell), max)}
          ${
            i
              ? html`<p class="step-rate">
                  ${rateLine(stepRate(s.cell, steps[i - 1]!.cell, t, fmt), t)}
                </p>`
              : nothing
          }
        </li>`,
    )}
  </ol>`;
}

/** Visitors → joined → joined and contributed, over the range. */
export function funnelPlot(
  data: Kpis,
  t: KpiTerms,
  fmt: CellFormat,
  action: unknown = nothing,
): TemplateResult {
  const f = t.funnel;
  const rows: Step[] = [
    { key: 'visitors', name: f.visitors, cell: data.funnel.visitors },
    { key: 'joined', name: f.joined, cell: data.funnel.joined },
    { key: 'contributed', name: f.contributed, cell: data.funnel.contributed },
  ];
  return html`<figure class="plot" id="plot-funnel">
    ${plotCaption(f.title, f.lede, action)} ${steps(rows, t, fmt)}
    ${tableAlternative(
      t,
      f.title,
      [f.count, f.rate],
      rows.map((r, i) => [
        r.name,
        [r.cell, i ? stepRate(r.cell, rows[i - 1]!.cell, t, fmt) : t.none],
      ]),
      fmt,
      { head: f.step },
    )}
  </figure>`;
}

function revenueText(offer: KpiOffer, t: KpiTerms, fmt: CellFormat): string {
  if (offer.revenue.length === 0) return t.offers.noRevenue;
  return offer.revenue
    .map((r) =>
      t.offers.revenueOf(
        cellText(r.amount, t, (n) => fmt.money(n, r.currency)),
        cellText(r.redemptions, t, fmt.count),
      ),
    )
    .join(' · ');
}

/** One funnel per offer, and their revenue per currency. */
export function offersPlot(
  data: Kpis,
  t: KpiTerms,
  fmt: CellFormat,
  action: unknown = nothing,
): TemplateResult {
  const o = t.offers;
  const offers = data.promo.offers;
  const stepsOf = (offer: KpiOffer): Step[] => [
    { key: 'teaserViews', name: o.teaserViews, cell: offer.teaserViews },
    { key: 'reveals', name: o.reveals, cell: offer.reveals },
    { key: 'copies', name: o.copies, cell: offer.copies },
    { key: 'redemptions', name: o.redemptions, cell: offer.redemptions },
  ];
  return html`<figure class="plot" id="plot-offers">
    ${plotCaption(o.title, o.lede, action)}
    ${
      offers.length === 0
        ? html`<p class="empty">${o.none}</p>`
        : html`<ul class="offers">
              ${offers.map(
                (offer) =>
                  html`<li class="offer" data-offer=${offer.id}>
                    <h4>${offer.title}</h4>
                    ${steps(stepsOf(offer), t, fmt)}
                    <p class="sub revenue">${o.revenueLine(revenueText(offer, t, fmt))}</p>
                  </li>`,
              )}
            </ul>
            ${tableAlternative(
              t,
              o.title,
              [o.teaserViews, o.reveals, o.copies, o.redemptions, o.revenue],
              offers.map((offer) => [
                offer.title,
                [
                  offer.teaserViews,
                  offer.reveals,
                  offer.copies,
                  offer.redemptions,
                  revenueText(offer, t, fmt),
                ],
              ]),
              fmt,
              { head: o.offer },
            )}`
    }
  </figure>`;
}
