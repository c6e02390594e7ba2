import { css } from 'lit';

/** The carousel layout of `<cercle-wall>` (carousel.ts), adopted when it loads. */
export const carouselSheet = css`
  .carousel {
    display: flex;
    flex-direction: column;
    gap: var(--_cercle-space-s);
  }

  .controls {
    display: flex;
    justify-content: flex-end;
    gap: var(--_cercle-space-s);
  }

  .control {
    min-inline-size: 2.75rem;
    padding: 0 var(--_cercle-space-m);
    font-size: 1.25rem;
  }

  .control[aria-disabled='true'] {
    cursor: default;
    opacity: 0.45;
  }

  .track {
    display: flex;
    overflow-x: auto;
    overscroll-behavior-x: contain;
    scroll-snap-type: x mandatory;
    scroll-padding-inline: 2px;
    position: relative;
    padding: 2px 2px var(--_cercle-space-s);
    border-radius: var(--_cercle-wall-radius);
  }

  .track {
    gap: var(--_cercle-space-m);
  }

  .track > .card {
    flex: 0 0 min(var(--_cercle-wall-card-width), 85%);
    scroll-snap-align: start;
  }
`;
