/**
 * `<cercle-wall-mine>`: the member's own testimonials on `<cercle-wall>` (awaiting
 * moderation, refused with the host's statement, published), each with "Withdraw" and its
 * confirmation. Loaded with `import()` when the member has testimonials. It renders in the
 * wall's shadow root (no shadow root of its own), so its ids, parts and focus are the wall's;
 * it adopts its own stylesheet there.
 */
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { OwnTestimonial } from '@cercle/client/browser';
import type { ResolvedApi } from '../internal/config.js';
import { domId } from '../internal/dom-id.js';
import { errorMessage, hasCode, isUnauthorized } from '../internal/errors.js';
import { busyLabel, renderFormError } from '../internal/problem.js';
import { renderLegal, stars, type Terms } from './card.js';
import { adopt } from './adopt.js';
import { mineSheet } from './mine.styles.js';

/** What the wall gives its list of the member's testimonials. */
export interface MineContext {
  backend: ResolvedApi;
  community: string;
  token: string;
  announce(message: string): void;
  forgetToken(token: string): void;
  focus(selector: string): void;
  /** Testimonial `id` was withdrawn (or was gone already). */
  withdrawn(id: string): void;
}

const itemId = (e: Event): string | undefined =>
  (e.currentTarget as HTMLElement).closest<HTMLElement>('[data-id]')?.dataset.id;

/**
 * The member's own testimonials, an internal part of `<cercle-wall>` (not a widget of its own).
 *
 * @internal
 */
export class CercleWallMine extends LitElement {
  static override properties = {
    t: { attribute: false },
    items: { attribute: false },
    ctx: { attribute: false },
    _confirming: { state: true },
    _busy: { state: true },
    _error: { state: true },
  };

  declare t: Terms;
  declare items: readonly OwnTestimonial[];
  declare ctx: MineContext | undefined;
  /** The testimonial whose withdrawal waits for confirmation. */
  declare _confirming: string | undefined;
  declare _busy: boolean;
  declare _error: string | undefined;

  constructor() {
    super();
    this.items = [];
    this._busy = false;
  }

  protected override createRenderRoot(): HTMLElement {
    adopt(this, mineSheet);
    return this;
  }

  #onWithdraw = (e: Event): void => {
    const id = itemId(e);
    if (!id) return;
    this._confirming = id;
    this._error = undefined;
    this.ctx?.focus(`#withdraw-confirm-${domId(id)}`);
  };

  #onCancel = (): void => {
    const id = this._confirming;
    this._confirming = undefined;
    this._error = undefined;
    if (id) this.ctx?.focus(`#withdraw-${domId(id)}`);
  };

  #onConfirm = (): void => void this.#withdraw();

  async #withdraw(): Promise<void> {
    const id = this._confirming;
    const ctx = this.ctx;
    if (!id || !ctx || this._busy) return;
    const { backend, community, token } = ctx;
    this._busy = true;
    this._error = undefined;
    try {
      await backend.api.withdrawTestimonial(community, id, { token });
      this._confirming = undefined;
      ctx.withdrawn(id);
      ctx.announce(this.t.wallWithdrawn);
      ctx.focus(this.items.some((m) => m.id !== id) ? '#mine-title' : '#title');
    } catch (error) {
      if (hasCode(error, 'not_found')) {
        // Gone already (withdrawn from another tab): the outcome is the same.
        this._confirming = undefined;
        ctx.withdrawn(id);
      } else {
        this._error = errorMessage(error, this.t);
        ctx.announce(this._error);
        if (isUnauthorized(error)) ctx.forgetToken(token);
      }
    } finally {
      this._busy = false;
    }
  }

  #renderItem(m: OwnTestimonial, t: Terms): TemplateResult {
    const key = domId(m.id);
    return html`<li part="mine-item" class="mine-item" data-id=${m.id}>
      ${renderLegal(m, t)}
      <p part="mine-state" class="mine-state state-${m.state}">
        ${
          (m.state === 'rejected' || m.state === 'removed') && m.statement
            ? m.state === 'rejected'
              ? t.wallRefused(m.statement)
              : `${t.wallState(m.state)}: ${m.statement}`
            : t.wallState(m.state)
        }
      </p>
      ${stars(m.rating, t.wallRated(m.rating))}
      <p class="mine-text"><span class="prose">${m.text}</span></p>
      ${
        this._confirming === m.id
          ? html`<div class="confirm" role="group" aria-labelledby="withdraw-q-${key}">
              <p id="withdraw-q-${key}">${t.wallWithdrawConfirm}</p>
              ${this._error ? renderFormError(this._error) : nothing}
              <div class="actions">
                <button
                  part="button confirm-button"
                  class="button button-danger"
                  id="withdraw-confirm-${key}"
                  type="button"
                  aria-disabled=${this._busy ? 'true' : 'false'}
                  @click=${this.#onConfirm}
                >
                  ${busyLabel(this._busy, t.wallWithdrawConfirmButton, t.wallWithdrawing)}
                </button>
                <button
                  part="button cancel-button"
                  class="button button-secondary"
                  type="button"
                  @click=${this.#onCancel}
                >
                  ${t.cancel}
                </button>
              </div>
            </div>`
          : html`<button
              part="button withdraw-button"
              class="button button-secondary withdraw"
              id="withdraw-${key}"
              type="button"
              @click=${this.#onWithdraw}
            >
              ${t.wallWithdraw}
            </button>`
      }
    </li>`;
  }

  override render(): TemplateResult | typeof nothing {
    const t = this.t;
    if (this.items.length === 0) return nothing;
    return html`<section part="mine" class="mine" aria-labelledby="mine-title">
      <h3 class="mine-title" id="mine-title" tabindex="-1">${t.wallMine}</h3>
      <ul class="mine-list">
        ${repeat(
          this.items,
          (m) => m.id,
          (m) => this.#renderItem(m, t),
        )}
      </ul>
    </section>`;
  }
}

if (typeof customElements !== 'undefined' && !customElements.get('cercle-wall-mine')) {
  customElements.define('cercle-wall-mine', CercleWallMine);
}

declare global {
  interface HTMLElementTagNameMap {
    'cercle-wall-mine': CercleWallMine;
  }
}
