/** The live queue's own styles (on top of the console's `screenStyles`). Phone first. */
import { css } from 'lit';

export const liveStyles = css`
  .back {
    margin: 0 0 0.5rem;
    font-size: 0.9rem;
  }
  .live-head h1 {
    overflow-wrap: anywhere;
  }
  .session-bar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 0.75rem;
    margin-block-end: 1rem;
  }
  .session-bar .grow {
    flex: 1 1 0;
  }
  .stream {
    display: inline-flex;
    align-items: center;
    gap: 0.4rem;
    font-size: 0.875rem;
    color: var(--c-muted);
  }
  .stream::before {
    content: '';
    inline-size: 0.6rem;
    block-size: 0.6rem;
    border-radius: 50%;
    background: var(--c-border-strong);
  }
  .stream-open::before {
    background: var(--c-success);
  }
  .stream-reconnecting::before,
  .stream-connecting::before {
    background: var(--c-warn);
  }

  .controls {
    display: grid;
    gap: 0.75rem;
    margin-block-end: 1rem;
    grid-template-columns: minmax(0, 1fr) auto;
    align-items: end;
  }
  .controls .search {
    grid-column: 1;
  }
  .controls .help {
    grid-column: 2;
    grid-row: 1;
    align-self: start;
  }
  .controls .filters {
    grid-column: 1 / -1;
  }
  @media (max-width: 480px) {
    #search-hint {
      display: none;
    }
    .controls {
      grid-template-columns: minmax(0, 1fr);
    }
    .controls .help {
      grid-column: 1;
      grid-row: auto;
      justify-self: start;
    }
  }
  .filters {
    border: 0;
    padding: 0;
    display: flex;
    flex-wrap: wrap;
    gap: 0.4rem;
  }
  .filters legend {
    padding: 0;
    margin-block-end: 0.35rem;
    font-weight: 600;
  }
  .chip {
    position: relative;
    display: inline-flex;
  }
  .chip input {
    position: absolute;
    inset: 0;
    opacity: 0;
    margin: 0;
    width: 100%;
    height: 100%;
    cursor: pointer;
  }
  .chip span {
    display: inline-flex;
    align-items: center;
    gap: 0.35rem;
    min-height: 2.25rem;
    padding: 0.3rem 0.75rem;
    border: 1px solid var(--c-border-strong);
    border-radius: 999px;
    font-size: 0.9rem;
    font-weight: 600;
    background: var(--c-surface);
  }
  .chip .n {
    min-height: 0;
    padding: 0 0.4rem;
    border: 0;
    background: var(--c-surface-2);
    font-variant-numeric: tabular-nums;
  }
  .chip input:checked + span {
    background: var(--c-accent);
    border-color: var(--c-accent);
    color: var(--c-accent-text);
  }
  .chip input:checked + span .n {
    background: transparent;
    color: inherit;
  }
  .chip input:focus-visible + span {
    outline: 3px solid var(--c-focus);
    outline-offset: 2px;
  }

  .q-list {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.6rem;
  }
  .q {
    background: var(--c-surface);
    border: 1px solid var(--c-border);
    border-inline-start: 4px solid var(--c-border);
    border-radius: var(--c-radius);
    padding: 0.75rem 0.9rem;
    box-shadow: var(--c-shadow);
  }
  .q:focus {
    outline: none;
  }
  .q:focus-visible {
    outline: 3px solid var(--c-focus);
    outline-offset: 2px;
  }
  .q.selected {
    border-color: var(--c-accent);
    border-inline-start-color: var(--c-accent);
  }
  .q.pinned {
    border-inline-start-color: var(--c-accent);
  }
  .q.state-pending {
    border-inline-start-color: var(--c-warn);
  }
  .q.state-hidden {
    opacity: 0.8;
  }
  .q.state-hidden .q-text {
    text-decoration: line-through;
  }
  .q-head {
    display: flex;
    gap: 0.75rem;
    align-items: flex-start;
  }
  .votes {
    flex: none;
    min-inline-size: 2.5rem;
    text-align: center;
    font-size: 1.25rem;
    font-weight: 700;
    font-variant-numeric: tabular-nums;
    line-height: 1.2;
    padding: 0.2rem 0.3rem;
    border-radius: var(--c-radius-sm);
    background: var(--c-surface-2);
  }
  .q-body {
    flex: 1 1 auto;
    min-width: 0;
  }
  .q-text {
    margin: 0 0 0.25rem;
    font-size: 1.05rem;
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .q .meta {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.4rem;
    margin: 0;
    color: var(--c-muted);
    font-size: 0.875rem;
  }
  .answer {
    margin: 0.5rem 0 0;
    padding: 0.5rem 0.75rem;
    border-radius: var(--c-radius-sm);
    background: var(--c-success-soft);
    overflow-wrap: anywhere;
  }
  .q-actions button[aria-pressed='true'] {
    background: var(--c-accent-soft);
    border-color: var(--c-accent);
  }
  .q-actions,
  .editor-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4rem;
    margin-block-start: 0.6rem;
  }
  .editor {
    display: grid;
    gap: 0.35rem;
    margin-block-start: 0.75rem;
    padding-block-start: 0.75rem;
    border-block-start: 1px solid var(--c-border);
  }
  .editor label {
    font-weight: 600;
  }

  dl.keys {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.4rem 1rem;
    margin: 0;
  }
  dl.keys dd {
    margin: 0;
  }
  kbd {
    font-family: var(--c-mono);
    font-size: 0.875rem;
    padding: 0.1rem 0.4rem;
    border: 1px solid var(--c-border-strong);
    border-radius: 4px;
    background: var(--c-surface-2);
  }
`;
