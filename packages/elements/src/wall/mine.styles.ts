import { css } from 'lit';

/** The member's own testimonials (wall-mine.ts), adopted when they load. */
export const mineSheet = css`
  .mine-list {
    display: flex;
    flex-direction: column;
    gap: var(--_cercle-space-m);
    padding: 0;
    list-style: none;
  }

  .mine-item {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: var(--_cercle-space-xs);
    padding-block-start: var(--_cercle-space-m);
    border-block-start: 1px solid var(--_cercle-color-border);
  }

  .mine-item:first-child {
    padding-block-start: 0;
    border: 0;
  }

  .mine-state {
    padding: 0.1rem 0.6rem;
    font-size: var(--_cercle-font-size-small);
    font-weight: var(--_cercle-font-weight-strong);
    border-radius: var(--_cercle-radius-medium);
    background: var(--_cercle-color-surface-alt);
  }

  .state-rejected,
  .state-removed {
    font-weight: var(--_cercle-font-weight-normal);
    color: var(--_cercle-color-danger);
    background: var(--_cercle-color-danger-subtle);
  }

  .state-approved {
    color: var(--_cercle-wall-accent);
    background: var(--_cercle-color-accent-subtle);
  }

  .confirm {
    display: flex;
    flex-direction: column;
    gap: var(--_cercle-space-s);
  }
`;
