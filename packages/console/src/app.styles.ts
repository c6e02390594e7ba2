/** The shell's own styles: header, navigation, layout, toasts (on top of ui/styles.ts). */
import { css } from 'lit';

export const shellStyles = css`
  :host {
    display: block;
    min-height: 100vh;
    background: var(--c-bg);
  }
  .skip {
    position: absolute;
    inset-inline-start: 0.5rem;
    inset-block-start: -4rem;
    z-index: 10;
    padding: 0.5rem 1rem;
    background: var(--c-surface);
    border: 2px solid var(--c-focus);
    border-radius: var(--c-radius-sm);
  }
  .skip:focus {
    inset-block-start: 0.5rem;
  }
  .top {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem 1rem;
    padding: 0.6rem 1.25rem;
    background: var(--c-surface);
    border-block-end: 1px solid var(--c-border);
  }
  .brand {
    display: flex;
    align-items: center;
    gap: 0.6rem;
    min-width: 0;
  }
  .logo {
    width: 1.6rem;
    height: 1.6rem;
    border-radius: 50%;
    border: 0.35rem solid var(--c-accent);
    flex: none;
  }
  .brand strong {
    font-size: 1.05rem;
  }
  .brand .community {
    color: var(--c-muted);
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .controls {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 0.75rem;
  }
  .controls label {
    display: flex;
    align-items: center;
    gap: 0.35rem;
    font-size: 0.875rem;
    color: var(--c-muted);
  }
  .controls select {
    width: auto;
    min-height: 2.25rem;
    padding-block: 0.25rem;
  }
  .who {
    font-size: 0.875rem;
    color: var(--c-muted);
  }
  .who strong {
    color: var(--c-text);
  }
  .layout {
    display: grid;
    grid-template-columns: 14rem minmax(0, 1fr);
    min-height: calc(100vh - 3.5rem);
  }
  nav {
    border-inline-end: 1px solid var(--c-border);
    background: var(--c-surface);
    padding: 1rem 0.5rem;
  }
  nav ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.15rem;
  }
  nav a {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem;
    padding: 0.55rem 0.75rem;
    border-radius: var(--c-radius-sm);
    color: var(--c-text);
    text-decoration: none;
    font-weight: 500;
  }
  nav a:hover {
    background: var(--c-surface-2);
    color: var(--c-text);
  }
  nav a[aria-current='page'] {
    background: var(--c-accent-soft);
    font-weight: 700;
    box-shadow: inset 3px 0 0 var(--c-accent);
  }
  .menu-toggle {
    display: none;
  }
  main {
    padding: 1.5rem clamp(1rem, 3vw, 2.5rem) 5rem;
    min-width: 0;
    max-width: 72rem;
  }
  main:focus {
    outline: none;
  }
  .signed-out main {
    max-width: none;
  }
  .banner {
    margin-block-end: 1rem;
  }
  .toasts {
    position: fixed;
    inset-block-end: 1rem;
    inset-inline-end: 1rem;
    z-index: 20;
    display: grid;
    gap: 0.5rem;
    width: min(24rem, calc(100vw - 2rem));
    pointer-events: none;
  }
  .toast {
    pointer-events: auto;
    display: flex;
    align-items: flex-start;
    justify-content: space-between;
    gap: 0.5rem;
    padding: 0.65rem 0.75rem 0.65rem 1rem;
    border-radius: var(--c-radius-sm);
    background: var(--c-surface);
    border: 1px solid var(--c-border-strong);
    border-inline-start: 5px solid var(--c-accent);
    box-shadow: 0 6px 24px rgb(0 0 0 / 0.18);
  }
  .toast.error {
    border-inline-start-color: var(--c-danger);
  }
  .toast.success {
    border-inline-start-color: var(--c-success);
  }
  .toast p {
    margin: 0;
  }
  @media (max-width: 760px) {
    .layout {
      grid-template-columns: minmax(0, 1fr);
    }
    .menu-toggle {
      display: inline-flex;
    }
    nav {
      border-inline-end: 0;
      border-block-end: 1px solid var(--c-border);
      padding: 0.5rem;
    }
    nav:not(.open) {
      display: none;
    }
    nav ul {
      grid-template-columns: repeat(auto-fill, minmax(10rem, 1fr));
    }
    .top {
      padding: 0.5rem 0.75rem;
    }
    main {
      padding: 1rem 0.75rem 5rem;
    }
    .toasts {
      inset-inline: 1rem;
      width: auto;
    }
  }
`;
