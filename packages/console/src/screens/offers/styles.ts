/** The offers screen's own styles (on top of the console's `screenStyles`). */
import { css } from 'lit';

export const offersStyles = css`
  .form {
    margin-block-end: 1.5rem;
  }
  .offers {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 1rem;
  }
  .offer header {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: 0.25rem 1rem;
  }
  .offer h2 {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .offer h2:focus {
    outline: none;
  }
  .offer h2:focus-visible {
    outline: 3px solid var(--c-focus);
    outline-offset: 2px;
  }
  .badges {
    display: flex;
    flex-wrap: wrap;
    gap: 0.35rem;
    margin: 0;
  }
  @media (max-width: 480px) {
    dl.facts {
      grid-template-columns: minmax(0, 1fr);
    }
    dl.facts dd {
      margin-block-end: 0.35rem;
    }
  }

  .funnel {
    margin-block-start: 1rem;
    padding-block-start: 1rem;
    border-block-start: 1px solid var(--c-border);
  }
  .funnel h4 {
    margin: 1rem 0 0.35rem;
  }
  .steps {
    list-style: none;
    margin: 0 0 1rem;
    padding: 0;
    display: grid;
    gap: 0.5rem;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 9rem), 1fr));
  }
  .steps li {
    display: grid;
    gap: 0.1rem;
    padding: 0.6rem 0.75rem;
    border-radius: var(--c-radius-sm);
    background: var(--c-surface-2);
  }
  .steps .n {
    font-size: 1.4rem;
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }
  .steps .step {
    font-weight: 600;
  }
  .steps .rate {
    color: var(--c-muted);
    font-size: 0.8rem;
  }
  .orders {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.35rem;
  }
  .orders li {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 0.75rem;
    font-size: 0.9rem;
  }
`;
