import { css, html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { CercleApi } from '@cercle/client';
import type { CercleElement } from './cercle-element.js';

/** What a widget that opens the join card in place gives it. */
export type JoinHost = CercleElement & {
  community: string | undefined;
  api: string | undefined;
  adapter: CercleApi | undefined;
};

/**
 * The join card opened in place for visitors (Q&A, wall, promo): `<cercle-join>` is loaded
 * the first time a visitor needs it (members never do), and importing its define file
 * registers it unless the page already has. The panel is `#join-panel` (part `join-panel`);
 * the button that opens it says `aria-controls="join-panel"`.
 */
export class JoinInPlace {
  /** Whether the panel is open. */
  open = false;
  readonly #host: JoinHost;
  readonly #onError: (error: unknown) => void;
  #module: Promise<unknown> | undefined;

  /** `onError`: the join card could not be loaded (it can be tried again). */
  constructor(host: JoinHost, onError: (error: unknown) => void) {
    this.#host = host;
    this.#onError = onError;
  }

  /** Starts loading the join card (on hover or focus of the button that opens it). */
  prefetch = (): void => {
    if (this.#module) return;
    this.#module = import('../join/cercle-join.js').catch((error: unknown) => {
      this.#module = undefined;
      this.#onError(error);
    });
  };

  /** Opens the panel (and loads the card) if it is not open yet. */
  show(): void {
    if (this.open) return;
    this.prefetch();
    this.open = true;
    this.#host.requestUpdate();
  }

  toggle = (): void => {
    if (!this.open) this.prefetch();
    this.open = !this.open;
    this.#host.requestUpdate();
  };

  /** Escape closes the panel and focus goes back to the button `#join-toggle`. */
  onKeydown = (e: KeyboardEvent): void => {
    if (e.key !== 'Escape' || !this.open) return;
    e.preventDefault();
    e.stopPropagation();
    this.open = false;
    this.#host.requestUpdate();
    void this.#host.updateComplete.then(() =>
      this.#host.renderRoot.querySelector<HTMLElement>('#join-toggle')?.focus(),
    );
  };

  /** The button that opens and closes the panel (`#join-toggle`), labelled `label`. */
  renderToggle(label: string): TemplateResult {
    return html`<button
      part="button join-button"
      class="button button-primary join-toggle"
      id="join-toggle"
      type="button"
      aria-expanded=${this.open ? 'true' : 'false'}
      aria-controls="join-panel"
      @click=${this.toggle}
      @pointerenter=${this.prefetch}
      @focus=${this.prefetch}
    >
      ${label}
    </button>`;
  }

  /** The panel; the card in it while open, with `loading` shown until it is defined. */
  renderPanel(loading: string): TemplateResult {
    const host = this.#host;
    return html`<div part="join-panel" class="join-panel" id="join-panel" ?hidden=${!this.open}>
      ${
        this.open
          ? html`<cercle-join
              class="join"
              community=${host.community?.trim() ?? ''}
              variant="card"
              theme=${host.theme}
              locale=${ifDefined(host.locale)}
              api=${ifDefined(host.api)}
              .adapter=${host.adapter}
              ><p class="join-loading">${loading}</p></cercle-join
            >`
          : nothing
      }
    </div>`;
  }
}

/**
 * A visitor's call to join (`.call` box, `.call-row` of `.call-text` and the button) and the
 * join card opened in place; adopted after `widgetStyles` (its colors are the widget-level
 * private values) by the widgets that open the card.
 */
export const joinInPlaceStyles = css`
  .call {
    display: flex;
    flex-direction: column;
    gap: var(--_cercle-space-m);
    padding: var(--_cercle-space-m);
    background: var(--_cercle-color-surface-alt);
    border: 1px solid var(--_cercle-color-border);
    border-radius: var(--_cercle-radius-medium);
  }

  .call-row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--_cercle-space-s) var(--_cercle-space-m);
  }

  .call-text {
    display: flex;
    align-items: flex-start;
    gap: var(--_cercle-space-s);
    flex: 1 1 14rem;
    color: var(--_cercle-color-text-muted);
  }

  .call-text .icon {
    margin-block-start: 0.2em;
    color: var(--_cercle-widget-accent);
  }

  .join-toggle[aria-expanded='true'] {
    color: var(--_cercle-widget-color);
    background: transparent;
    border-color: var(--_cercle-color-field-border);
  }

  .join-toggle[aria-expanded='true']:hover {
    background: var(--_cercle-widget-background);
  }

  .join-panel[hidden] {
    display: none;
  }

  .join-loading {
    color: var(--_cercle-color-text-muted);
  }
`;
