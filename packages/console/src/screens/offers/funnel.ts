/**
 * An offer's funnel (`GET …/host/offers/{o}/funnel`): teaser views → reveals → copies →
 * orders, each with its share of the step before, the attributable revenue per currency,
 * the flagged orders and the latest ones. Aggregates only: never a code, never a name.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { OfferFunnel } from '@cercle/client/contract';
import type { Formats, Locale } from '../../i18n.js';
import type { OffersTerms } from './terms.js';

const STEPS = ['teaserViews', 'reveals', 'copies', 'redemptions'] as const;

export function money(locale: Locale, amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
      style: 'currency',
      currency,
    }).format(amount);
  } catch {
    return `${amount} ${currency}`;
  }
}

export function renderFunnel(
  f: OfferFunnel,
  t: OffersTerms,
  fmt: Formats,
  locale: Locale,
): TemplateResult {
  const pct = (part: number, whole: number) =>
    whole === 0 ? '' : t.ofPrevious(`${fmt.number(Math.round((part / whole) * 100))} %`);
  const id = `funnel-${f.offer.id}`;
  return html`<section class="funnel" aria-labelledby="${id}-title">
    <h3 id="${id}-title">${t.funnel(f.offer.title)}</h3>
    <ol class="steps">
      ${STEPS.map((step, i) => {
        const n = f[step];
        // Orders count codes nobody revealed and flagged ones too: no rate against copies.
        const rate = i === 0 || step === 'redemptions' ? '' : pct(n, f[STEPS[i - 1]!]);
        return html`<li>
          <span class="n">${fmt.number(n)}</span>
          <span class="step">${t.steps[step]}</span>
          ${rate ? html`<span class="rate">${rate}</span>` : nothing}
        </li>`;
      })}
    </ol>
    <dl class="facts">
      <dt>${t.revenue}</dt>
      <dd>
        ${
          f.revenue.length
            ? f.revenue.map((r) => money(locale, r.amount, r.currency)).join(' + ')
            : t.noRevenue
        }
      </dd>
      <dt>${t.flagged}</dt>
      <dd>${fmt.number(f.flagged)}</dd>
    </dl>
    <h4>${t.recent}</h4>
    ${
      f.recent.length
        ? html`<ul class="orders">
            ${f.recent.map(
              (r) =>
                html`<li>
                  <span class="mono">${r.orderId}</span>
                  <span>${money(locale, r.amount, r.currency)}</span>
                  <time datetime=${r.orderedAt}>${fmt.dateTime(r.orderedAt)}</time>
                  ${r.flags.map((flag) => html`<span class="badge warn">${t.flags[flag]}</span>`)}
                </li>`,
            )}
          </ul>`
        : html`<p class="muted">${t.noOrder}</p>`
    }
  </section>`;
}
