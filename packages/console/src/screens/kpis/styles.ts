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
  thead th {
    color: var(--c-muted);
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
`;
