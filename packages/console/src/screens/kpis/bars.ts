/**
 * Horizontal bars for the funnels and the sessions: a decorative SVG bar stretched to its CSS
 * box (geometry in attributes, colours from classes; no `style=`), and a step's share of the
 * step before.
 */
import { html, nothing, svg, type TemplateResult } from 'lit';
import type { KpiCell } from '@cercle/client/admin';
import type { KpiTerms } from './terms.js';
import { isSuppressed, valueOf, type CellFormat } from './charts.js';

type Cell = KpiCell | null;

/**
 * A horizontal bar as SVG: a track and a bar of `value / max` of its width (geometry in
 * attributes, stretched to the element's CSS box). Decorative: the number is printed beside.
 */
export function hbar(kind: string, value: number | undefined, max: number): TemplateResult {
  const share = value === undefined || max <= 0 ? 0 : Math.min(1, value / max);
  // A non-zero figure always shows a sliver.
  const width = value ? Math.max(0.75, share * 100) : 0;
  return html`<svg
    class="hbar"
    viewBox="0 0 100 10"
    preserveAspectRatio="none"
    aria-hidden="true"
    focusable="false"
  >
    <rect class="track" x="0" y="0" width="100" height="10"></rect>
    ${width ? svg`<rect class="bar ${kind}" x="0" y="0" width=${width.toFixed(2)} height="10"></rect>` : nothing}
  </svg>`;
}

/**
 * A step's share of the step before: a percentage, "hidden" when either figure is
 * suppressed, "—" when the step before is nothing.
 */
export function stepRate(
  cur: Cell | undefined,
  prev: Cell | undefined,
  t: KpiTerms,
  fmt: CellFormat,
): string {
  const a = valueOf(cur);
  const b = valueOf(prev);
  if (a !== undefined && b !== undefined && b > 0) return fmt.percent(a / b);
  return isSuppressed(cur) || isSuppressed(prev) ? t.plots.unknown : t.none;
}
