/**
 * The theming contract (STYLE.md §4), level one: global tokens.
 *
 * Hosts set the public `--cercle-color-*`, `--cercle-radius-*`, `--cercle-font-*`,
 * `--cercle-space-*` custom properties anywhere above a widget (`:root`, a section, the
 * widget itself). This sheet resolves each one into a private `--_cercle-*` value with our
 * default, a light and a dark palette chosen by the `theme` attribute (`light` | `dark` |
 * `auto`, which follows `prefers-color-scheme`). Widgets then expose their own hooks
 * (`--cercle-join-*`) that default to these, and only their rules read the result.
 *
 * The palettes pass WCAG AA: body text ≥ 7:1, muted text and the accent ≥ 4.5:1 on the
 * surface, field borders ≥ 3:1.
 */
import { css } from 'lit';

const light = css`
  --_cercle-color-surface: var(--cercle-color-surface, #ffffff);
  --_cercle-color-surface-alt: var(--cercle-color-surface-alt, #f5f6f8);
  --_cercle-color-text: var(--cercle-color-text, #17191f);
  --_cercle-color-text-muted: var(--cercle-color-text-muted, #585f6c);
  --_cercle-color-border: var(--cercle-color-border, #e1e4e9);
  --_cercle-color-field-border: var(--cercle-color-field-border, #868d9a);
  --_cercle-color-accent: var(--cercle-color-accent, #0e7065);
  --_cercle-color-accent-hover: var(--cercle-color-accent-hover, #0a5a51);
  --_cercle-color-on-accent: var(--cercle-color-on-accent, #ffffff);
  --_cercle-color-accent-subtle: var(--cercle-color-accent-subtle, #e5f3f0);
  --_cercle-color-danger: var(--cercle-color-danger, #b42318);
  --_cercle-color-danger-subtle: var(--cercle-color-danger-subtle, #fdf0ef);
  --_cercle-color-skeleton: var(--cercle-color-skeleton, #e8ebef);
  --_cercle-shadow: var(
    --cercle-shadow,
    0 1px 2px rgb(16 24 40 / 0.05),
    0 8px 24px -6px rgb(16 24 40 / 0.1)
  );
  color-scheme: light;
`;

const dark = css`
  --_cercle-color-surface: var(--cercle-color-surface, #16181d);
  --_cercle-color-surface-alt: var(--cercle-color-surface-alt, #1f2229);
  --_cercle-color-text: var(--cercle-color-text, #eceef2);
  --_cercle-color-text-muted: var(--cercle-color-text-muted, #a6adba);
  --_cercle-color-border: var(--cercle-color-border, #2d313a);
  --_cercle-color-field-border: var(--cercle-color-field-border, #737b89);
  --_cercle-color-accent: var(--cercle-color-accent, #5fd4c2);
  --_cercle-color-accent-hover: var(--cercle-color-accent-hover, #86e3d5);
  --_cercle-color-on-accent: var(--cercle-color-on-accent, #06201c);
  --_cercle-color-accent-subtle: var(--cercle-color-accent-subtle, #132c29);
  --_cercle-color-danger: var(--cercle-color-danger, #ffa198);
  --_cercle-color-danger-subtle: var(--cercle-color-danger-subtle, #361b19);
  --_cercle-color-skeleton: var(--cercle-color-skeleton, #2a2e36);
  --_cercle-shadow: var(
    --cercle-shadow,
    0 1px 2px rgb(0 0 0 / 0.3),
    0 10px 28px -8px rgb(0 0 0 / 0.55)
  );
  color-scheme: dark;
`;

/** Global tokens, resolved per theme, plus what every widget's host needs. */
export const tokens = css`
  :host {
    ${light}
    --_cercle-font-family: var(
      --cercle-font-family,
      system-ui,
      -apple-system,
      'Segoe UI',
      Roboto,
      'Helvetica Neue',
      Arial,
      sans-serif
    );
    --_cercle-font-size-small: var(--cercle-font-size-small, 0.8125rem);
    --_cercle-font-size-medium: var(--cercle-font-size-medium, 0.9375rem);
    --_cercle-font-size-large: var(--cercle-font-size-large, 1.25rem);
    --_cercle-font-weight-normal: var(--cercle-font-weight-normal, 400);
    --_cercle-font-weight-strong: var(--cercle-font-weight-strong, 600);
    --_cercle-line-height: var(--cercle-line-height, 1.5);
    --_cercle-radius-small: var(--cercle-radius-small, 6px);
    --_cercle-radius-medium: var(--cercle-radius-medium, 10px);
    --_cercle-radius-large: var(--cercle-radius-large, 16px);
    --_cercle-radius-pill: var(--cercle-radius-pill, 999px);
    --_cercle-space-xs: var(--cercle-space-xs, 0.25rem);
    --_cercle-space-s: var(--cercle-space-s, 0.5rem);
    --_cercle-space-m: var(--cercle-space-m, 0.875rem);
    --_cercle-space-l: var(--cercle-space-l, 1.25rem);
    --_cercle-space-xl: var(--cercle-space-xl, 1.75rem);
    --_cercle-focus-ring: var(--cercle-focus-ring, 2px solid var(--_cercle-color-accent));
    --_cercle-duration: var(--cercle-duration, 150ms);

    display: block;
    box-sizing: border-box;
    font-family: var(--_cercle-font-family);
    font-size: var(--_cercle-font-size-medium);
    line-height: var(--_cercle-line-height);
    color: var(--_cercle-color-text);
    -webkit-font-smoothing: antialiased;
  }

  :host([theme='dark']) {
    ${dark}
  }

  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      ${dark}
    }
  }

  @media (prefers-reduced-motion: reduce) {
    :host {
      --_cercle-duration: 0s;
    }
  }

  :host([hidden]) {
    display: none;
  }

  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }

  .sr-only {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }
`;
