/**
 * The console's shared styles, as Lit `css` (adopted stylesheets: no inline style, CSP-clean).
 *
 * - `themeTokens` goes on the shell's `:host`: the colour tokens (`--c-*`) for light and dark.
 *   Dark follows `prefers-color-scheme` unless the shell has `data-theme="light"`, and
 *   `data-theme="dark"` forces it; the shell mirrors the attribute on `<html>`. Custom
 *   properties inherit into every screen's shadow root.
 * - `screenStyles` goes on every screen (and the shell): layout, headings, buttons, fields,
 *   cards, lists, badges, toolbar, dialogs, notes, code. Everything reflows down to a 390 px
 *   phone: rows wrap, lists are cards rather than wide tables.
 */
import { css, unsafeCSS } from 'lit';

const light = `
  --c-bg: #f4f6f4;
  --c-surface: #ffffff;
  --c-surface-2: #eef1ee;
  --c-text: #18201c;
  --c-muted: #505a55;
  --c-border: #c9d1cc;
  --c-border-strong: #8a958f;
  --c-accent: #246b4c;
  --c-accent-hover: #1b563c;
  --c-accent-text: #ffffff;
  --c-accent-soft: #dcefe4;
  --c-danger: #a8261d;
  --c-danger-soft: #fbe4e1;
  --c-warn: #7a5200;
  --c-warn-soft: #fdf0d3;
  --c-success: #1f6a43;
  --c-success-soft: #dcf2e4;
  --c-info-soft: #e3ecfa;
  --c-focus: #1a5fd1;
  --c-shadow: 0 1px 2px rgb(0 0 0 / 0.06), 0 2px 8px rgb(0 0 0 / 0.05);
  color-scheme: light;
`;

const dark = `
  --c-bg: #101412;
  --c-surface: #1a1f1c;
  --c-surface-2: #232a26;
  --c-text: #e7ece9;
  --c-muted: #a7b1ab;
  --c-border: #36403b;
  --c-border-strong: #6b7770;
  --c-accent: #72d3a3;
  --c-accent-hover: #93e0b9;
  --c-accent-text: #0a1f14;
  --c-accent-soft: #1f3a2d;
  --c-danger: #ff9489;
  --c-danger-soft: #3d1d1a;
  --c-warn: #f2c46b;
  --c-warn-soft: #3a2e14;
  --c-success: #7ad6a4;
  --c-success-soft: #183427;
  --c-info-soft: #1d2a3f;
  --c-focus: #8ab4ff;
  --c-shadow: 0 1px 2px rgb(0 0 0 / 0.4);
  color-scheme: dark;
`;

export const themeTokens = css`
  :host {
    ${unsafeCSS(light)}
    --c-radius: 10px;
    --c-radius-sm: 6px;
    --c-font: system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif;
    --c-mono: ui-monospace, 'SFMono-Regular', Menlo, Consolas, 'Liberation Mono', monospace;
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([data-theme='light'])) {
      ${unsafeCSS(dark)}
    }
  }
  :host([data-theme='dark']) {
    ${unsafeCSS(dark)}
  }
`;

export const screenStyles = css`
  :host {
    display: block;
    color: var(--c-text);
    font-family: var(--c-font);
    line-height: 1.5;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  [hidden] {
    display: none !important;
  }

  h1,
  h2,
  h3 {
    line-height: 1.25;
    margin: 0 0 0.5rem;
  }
  h1 {
    font-size: 1.6rem;
  }
  h1:focus {
    outline: none;
  }
  h1:focus-visible {
    outline: 3px solid var(--c-focus);
    outline-offset: 4px;
    border-radius: 2px;
  }
  h2 {
    font-size: 1.15rem;
  }
  h3 {
    font-size: 1rem;
  }
  p {
    margin: 0 0 0.75rem;
  }
  a {
    color: var(--c-accent);
    text-underline-offset: 2px;
  }
  a:hover {
    color: var(--c-accent-hover);
  }
  :focus-visible {
    outline: 3px solid var(--c-focus);
    outline-offset: 2px;
  }

  .lede {
    color: var(--c-muted);
    margin-block-end: 1.25rem;
  }
  .muted {
    color: var(--c-muted);
  }
  .small {
    font-size: 0.875rem;
  }
  .mono {
    font-family: var(--c-mono);
    font-size: 0.9em;
    overflow-wrap: anywhere;
  }
  .block {
    display: block;
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  .stack {
    display: grid;
    gap: 1rem;
  }
  .narrow {
    max-width: 38rem;
    margin-inline: auto;
  }

  /* Page header: heading and its actions. */
  .page-head {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-start;
    justify-content: space-between;
    gap: 0.5rem 1rem;
    margin-block-end: 1rem;
  }
  .page-head > div {
    flex: 1 1 20rem;
  }
  .page-head p {
    margin: 0;
  }

  /* Cards */
  .card {
    background: var(--c-surface);
    border: 1px solid var(--c-border);
    border-radius: var(--c-radius);
    padding: 1rem 1.25rem;
    box-shadow: var(--c-shadow);
    min-width: 0;
  }
  .card > h2:first-child,
  .card > header:first-child {
    margin-block-start: 0;
  }
  .card + .card {
    margin-block-start: 1rem;
  }
  .card header {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: 0.25rem 1rem;
    margin-block-end: 0.75rem;
  }
  .card header h2 {
    margin: 0;
  }
  .card header p {
    margin: 0;
  }
  @media (max-width: 480px) {
    .card {
      padding: 0.875rem;
    }
  }

  /* Buttons */
  button,
  .button {
    font: inherit;
    font-weight: 600;
    font-size: 0.95rem;
    line-height: 1.2;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.4rem;
    min-height: 2.5rem;
    padding: 0.5rem 0.95rem;
    border-radius: var(--c-radius-sm);
    border: 1px solid var(--c-border-strong);
    background: var(--c-surface);
    color: var(--c-text);
    cursor: pointer;
    text-decoration: none;
    text-align: center;
    max-width: 100%;
  }
  button:hover:not(:disabled),
  .button:hover {
    background: var(--c-surface-2);
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }
  button.primary {
    background: var(--c-accent);
    border-color: var(--c-accent);
    color: var(--c-accent-text);
  }
  button.primary:hover:not(:disabled) {
    background: var(--c-accent-hover);
    border-color: var(--c-accent-hover);
  }
  button.danger {
    color: var(--c-danger);
    border-color: var(--c-danger);
  }
  button.danger:hover:not(:disabled) {
    background: var(--c-danger-soft);
  }
  button.ghost {
    border-color: transparent;
    background: transparent;
  }
  button.small {
    min-height: 2rem;
    padding: 0.3rem 0.65rem;
    font-size: 0.875rem;
  }
  .actions,
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }
  .actions {
    margin-block-start: 1rem;
  }
  .toolbar {
    margin-block-end: 1rem;
  }
  .toolbar .grow {
    flex: 1 1 12rem;
  }
  .toolbar select {
    width: auto;
    max-width: 100%;
  }

  /* Fields */
  form {
    margin: 0;
  }
  fieldset {
    border: 1px solid var(--c-border);
    border-radius: var(--c-radius-sm);
    margin: 0;
    padding: 0.75rem 1rem 1rem;
    min-width: 0;
  }
  legend {
    font-weight: 600;
    padding: 0 0.25rem;
  }
  .fields {
    display: grid;
    gap: 1rem;
  }
  .two {
    display: grid;
    gap: 1rem;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 16rem), 1fr));
  }
  .field {
    display: grid;
    gap: 0.3rem;
    min-width: 0;
    align-content: start;
  }
  .field > label,
  .label {
    font-weight: 600;
  }
  .hint {
    color: var(--c-muted);
    font-size: 0.875rem;
    margin: 0;
  }
  .error {
    color: var(--c-danger);
    font-size: 0.875rem;
    font-weight: 600;
    margin: 0;
  }
  input:not([type='checkbox'], [type='radio']),
  select,
  textarea {
    font: inherit;
    color: var(--c-text);
    background: var(--c-surface);
    border: 1px solid var(--c-border-strong);
    border-radius: var(--c-radius-sm);
    padding: 0.5rem 0.65rem;
    min-height: 2.5rem;
    width: 100%;
    min-width: 0;
  }
  textarea {
    resize: vertical;
    min-height: 5rem;
  }
  textarea.code,
  input.code {
    font-family: var(--c-mono);
    font-size: 0.875rem;
  }
  input[aria-invalid='true'],
  textarea[aria-invalid='true'],
  select[aria-invalid='true'] {
    border-color: var(--c-danger);
    border-width: 2px;
  }
  input[readonly],
  textarea[readonly] {
    background: var(--c-surface-2);
  }
  input[type='checkbox'],
  input[type='radio'] {
    width: 1.1rem;
    height: 1.1rem;
    margin: 0.15rem 0 0;
    accent-color: var(--c-accent);
    flex: none;
  }
  .check {
    display: flex;
    gap: 0.5rem;
    align-items: flex-start;
  }
  .checks {
    display: grid;
    gap: 0.4rem;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 13rem), 1fr));
  }
  .radios {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4rem 1.25rem;
  }

  /* Lists: rows that are cards on a phone. */
  .list {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0;
  }
  .list > li {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1rem;
    padding: 0.75rem 0;
    border-block-start: 1px solid var(--c-border);
    min-width: 0;
  }
  .list > li:first-child {
    border-block-start: 0;
  }
  .list .main {
    flex: 1 1 14rem;
    min-width: 0;
  }
  .list .main > * {
    margin: 0;
  }
  .list .toolbar {
    margin: 0;
  }
  .list .meta {
    color: var(--c-muted);
    font-size: 0.875rem;
    overflow-wrap: anywhere;
  }
  .list > li > .sub {
    flex: 1 1 100%;
    margin: 0;
  }
  .card.sub {
    box-shadow: none;
  }
  .empty {
    color: var(--c-muted);
    padding: 1rem 0;
    margin: 0;
  }

  /* Key/value table for narrow screens too */
  dl.facts {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.25rem 1rem;
    margin: 0;
  }
  dl.facts dt {
    color: var(--c-muted);
  }
  dl.facts dd {
    margin: 0;
    overflow-wrap: anywhere;
  }

  /* Badges */
  .badge {
    display: inline-flex;
    align-items: center;
    gap: 0.25rem;
    font-size: 0.8rem;
    font-weight: 600;
    line-height: 1.2;
    padding: 0.15rem 0.5rem;
    border-radius: 999px;
    background: var(--c-surface-2);
    color: var(--c-text);
    border: 1px solid var(--c-border);
    white-space: nowrap;
  }
  .badge.success {
    background: var(--c-success-soft);
    color: var(--c-success);
    border-color: transparent;
  }
  .badge.danger {
    background: var(--c-danger-soft);
    color: var(--c-danger);
    border-color: transparent;
  }
  .badge.warn {
    background: var(--c-warn-soft);
    color: var(--c-warn);
    border-color: transparent;
  }
  .badge.accent {
    background: var(--c-accent-soft);
    color: var(--c-text);
    border-color: transparent;
  }

  /* Notes and banners */
  .note {
    border-radius: var(--c-radius-sm);
    padding: 0.75rem 1rem;
    background: var(--c-info-soft);
    margin: 0 0 1rem;
  }
  .note.warn {
    background: var(--c-warn-soft);
  }
  .note.danger {
    background: var(--c-danger-soft);
  }
  .note.success {
    background: var(--c-success-soft);
  }
  .note > :last-child {
    margin-block-end: 0;
  }

  pre,
  code {
    font-family: var(--c-mono);
    font-size: 0.875rem;
  }
  pre {
    background: var(--c-surface-2);
    border: 1px solid var(--c-border);
    border-radius: var(--c-radius-sm);
    padding: 0.75rem;
    overflow-x: auto;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    margin: 0;
  }

  /* Dialogs (native <dialog>, opened with showModal: focus trapped, Escape closes). */
  dialog {
    color: var(--c-text);
    background: var(--c-surface);
    border: 1px solid var(--c-border);
    border-radius: var(--c-radius);
    padding: 1.25rem;
    width: min(32rem, calc(100vw - 2rem));
    box-shadow: 0 10px 40px rgb(0 0 0 / 0.3);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.45);
  }
`;
