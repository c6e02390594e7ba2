/** The KPI dashboard's styles: tiles, plots (SVG classes read the theme tokens), heatmap. */
import { css } from 'lit';

export const kpiStyles = css`
  .range {
    margin-block-end: 1rem;
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: 0.75rem 1rem;
  }
  .range .field {
    flex: 1 1 10rem;
    max-width: 14rem;
  }
  .range .field:has(select) {
    flex: 0 1 9rem;
  }
  .range .presets {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4rem;
    flex: 1 1 100%;
  }
  .tiles {
    list-style: none;
    margin: 0 0 1rem;
    padding: 0;
    display: grid;
    gap: 0.75rem;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 14rem), 1fr));
  }
  .tile {
    background: var(--c-surface);
    border: 1px solid var(--c-border);
    border-radius: var(--c-radius);
    padding: 0.75rem 1rem;
    display: grid;
    gap: 0.25rem;
    align-content: start;
    min-width: 0;
  }
  .tile h3 {
    margin: 0;
    font-size: 0.95rem;
    color: var(--c-muted);
    font-weight: 600;
  }
  .tile .value {
    margin: 0;
    font-size: 1.6rem;
    font-weight: 700;
    line-height: 1.2;
    font-variant-numeric: tabular-nums;
  }
  .tile .sub {
    margin: 0;
    font-size: 0.875rem;
  }
  .tile .hint.flag {
    color: var(--c-warn);
    font-weight: 600;
  }
  .plots {
    display: grid;
    gap: 1rem;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 26rem), 1fr));
  }
  .plots {
    margin-block-end: 1rem;
  }
  .plots > .card + .card {
    margin-block-start: 0;
  }
  .plot {
    margin: 0;
    min-width: 0;
    container-type: inline-size;
  }
  /* A plot alone in its card keeps its drawn size (ticks at 12px) rather than grow tall. */
  .plot.wide svg {
    max-width: 40rem;
  }
  .plot + .plot {
    margin-block-start: 1.25rem;
  }
  .plot h3 {
    margin: 0 0 0.25rem;
  }
  .plot svg {
    display: block;
    width: 100%;
    height: auto;
    margin-block: 0.5rem;
  }
  .axis {
    stroke: var(--c-border-strong);
    stroke-width: 1;
  }
  .tick {
    fill: var(--c-muted);
    font-size: 12px;
    font-family: var(--c-font);
  }
  .line {
    fill: none;
    stroke-width: 2.5;
    stroke-linejoin: round;
    stroke-linecap: round;
  }
  .line.members,
  .line.d28 {
    stroke: var(--c-accent);
  }
  .line.d7 {
    stroke: var(--c-warn);
  }
  .line.d1 {
    stroke: var(--c-focus);
  }
  /* Joins in blue: the member line is the accent green, and the two must read apart. */
  .bar.join {
    fill: var(--c-focus);
  }
  .bar.leave {
    fill: var(--c-danger);
  }
  .legend {
    list-style: none;
    margin: 0 0 0.5rem;
    padding: 0;
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
    font-size: 0.875rem;
  }
  .legend li {
    display: inline-flex;
    align-items: center;
    gap: 0.35rem;
  }
  .swatch {
    display: inline-block;
    width: 0.9rem;
    height: 0.9rem;
    border-radius: 3px;
    background: var(--c-accent);
  }
  .swatch.join {
    background: var(--c-focus);
  }
  .swatch.leave {
    background: var(--c-danger);
  }
  /* Stickiness and churn: churn dashed, so the two lines read apart without colour too. */
  .line.stickiness,
  .line.curve {
    stroke: var(--c-accent);
  }
  .line.churn {
    stroke: var(--c-danger);
    stroke-dasharray: 7 5;
  }
  .dot {
    fill: var(--c-accent);
  }
  .tick.value {
    fill: var(--c-text);
    font-weight: 600;
  }
  .bar.submitted,
  .swatch.submitted {
    fill: var(--c-focus);
    background: var(--c-focus);
  }
  .bar.approved {
    fill: var(--c-accent);
  }
  .swatch.churn {
    background: var(--c-danger);
  }
  .swatch.d7 {
    background: var(--c-warn);
  }
  .swatch.d1 {
    background: var(--c-focus);
  }
  details summary {
    cursor: pointer;
    font-weight: 600;
    color: var(--c-accent);
  }
  .scroll {
    overflow-x: auto;
    max-width: 100%;
  }
  table {
    border-collapse: collapse;
    width: 100%;
    font-size: 0.875rem;
    font-variant-numeric: tabular-nums;
    margin-block-start: 0.5rem;
  }
  th,
  td {
    text-align: end;
    padding: 0.3rem 0.5rem;
    border-block-end: 1px solid var(--c-border);
    white-space: nowrap;
  }
  th:first-child {
    text-align: start;
  }
  /* Row headers (a session's or an offer's title) wrap rather than widen the table. */
  tbody th {
    white-space: normal;
    min-width: 11rem;
  }
  thead th {
    color: var(--c-muted);
    white-space: normal;
    vertical-align: bottom;
  }
  .heatmap td.heat {
    text-align: center;
    font-weight: 600;
  }
  .heat.none,
  .heat.hidden {
    color: var(--c-muted);
    font-weight: 400;
  }
  .heat.l0 {
    background: var(--c-surface-2);
    color: var(--c-text);
  }
  .heat.l1 {
    background: var(--c-accent-soft);
    color: var(--c-text);
  }
  .heat.l2 {
    background: var(--c-accent);
    color: var(--c-accent-text);
  }
  .section-head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem 1rem;
  }
  .section-head > h2 {
    margin-block: 1.25rem 0.75rem;
  }
  .section-head > h3 {
    margin: 0 0 0.25rem;
  }
  .csv {
    flex: none;
  }
  /* Horizontal bars (funnels, sessions): text in HTML, the bar a stretched SVG. */
  .steps,
  .offers,
  .sessions {
    list-style: none;
    margin: 0.75rem 0;
    padding: 0;
    display: grid;
    gap: 0.6rem;
  }
  .offers,
  .sessions {
    gap: 1rem;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 18rem), 1fr));
  }
  .offer,
  .session {
    min-width: 0;
    border: 1px solid var(--c-border);
    border-radius: var(--c-radius-sm);
    padding: 0.6rem 0.75rem;
  }
  .offer h4,
  .session h4 {
    margin: 0;
    font-size: 1rem;
    overflow-wrap: anywhere;
  }
  .offer .steps {
    margin-block-end: 0.5rem;
  }
  .step {
    display: grid;
    gap: 0.2rem;
    min-width: 0;
  }
  .step-head {
    display: flex;
    justify-content: space-between;
    gap: 0.5rem;
    font-size: 0.9rem;
  }
  .step-name {
    font-weight: 600;
    min-width: 0;
    overflow-wrap: anywhere;
  }
  .step-value {
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }
  .step-rate,
  .session .sub,
  .offer .sub {
    margin: 0;
    font-size: 0.85rem;
    color: var(--c-muted);
  }
  .session .hint {
    margin: 0 0 0.35rem;
  }
  .group {
    display: grid;
    gap: 2px;
    margin-block-end: 0.35rem;
  }
  svg.hbar {
    display: block;
    width: 100%;
    height: 0.85rem;
    margin: 0;
  }
  .group svg.hbar {
    height: 0.6rem;
  }
  .hbar .track {
    fill: var(--c-surface-2);
  }
  .bar.s0,
  .bar.viewers {
    fill: var(--c-accent);
  }
  .bar.s1,
  .bar.askers {
    fill: var(--c-focus);
  }
  .bar.s2,
  .bar.voters {
    fill: var(--c-warn);
  }
  .bar.s3 {
    fill: var(--c-danger);
  }
  .swatch.viewers {
    background: var(--c-accent);
  }
  .swatch.askers {
    background: var(--c-focus);
  }
  .swatch.voters {
    background: var(--c-warn);
  }
  /* The plots scale with their box: on a narrow one, larger ticks keep them readable (last,
  to win over .tick), and tighter cells keep tables within a phone's width. */
  @container (max-width: 32rem) {
    .tick {
      font-size: 17px;
    }
    th,
    td {
      padding-inline: 0.3rem;
    }
    tbody th {
      min-width: 4.5rem;
    }
  }
`;
