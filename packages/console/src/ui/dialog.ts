/**
 * `<cercle-console-confirm>`: a confirmation dialog (native `<dialog>` opened with
 * `showModal()`: focus goes inside and stays there, Escape cancels, focus returns to the
 * control that opened it). The question is the default slot.
 *
 * ```ts
 * html`<cercle-console-confirm id="archive" heading="Archive?" confirm-label="Archive" danger>
 *   <p>Members will no longer see it.</p></cercle-console-confirm>`
 * if (await this.renderRoot.querySelector('#archive').ask()) …
 * ```
 */
import { html, LitElement } from 'lit';
import { screenStyles } from './styles.js';

export class ConsoleConfirm extends LitElement {
  static override styles = [screenStyles];

  static override properties = {
    heading: {},
    confirmLabel: { attribute: 'confirm-label' },
    cancelLabel: { attribute: 'cancel-label' },
    danger: { type: Boolean },
  };

  declare heading: string;
  declare confirmLabel: string;
  declare cancelLabel: string;
  declare danger: boolean;

  #resolve: ((ok: boolean) => void) | undefined;
  #opener: HTMLElement | null = null;

  constructor() {
    super();
    this.heading = '';
    this.confirmLabel = 'Confirm';
    this.cancelLabel = 'Cancel';
    this.danger = false;
  }

  /** Opens the dialog; resolves `true` when confirmed, `false` when cancelled. */
  async ask(): Promise<boolean> {
    await this.updateComplete;
    this.#opener = deepActive();
    const dialog = this.renderRoot.querySelector('dialog')!;
    this.#resolve?.(false);
    dialog.showModal();
    return new Promise((resolve) => {
      this.#resolve = resolve;
    });
  }

  #close(ok: boolean) {
    const dialog = this.renderRoot.querySelector('dialog');
    if (dialog?.open) dialog.close();
    const resolve = this.#resolve;
    this.#resolve = undefined;
    resolve?.(ok);
    this.#opener?.focus?.();
    this.#opener = null;
  }

  override render() {
    return html`<dialog
      aria-labelledby="heading"
      @cancel=${(e: Event) => {
        e.preventDefault();
        this.#close(false);
      }}
    >
      <h2 id="heading">${this.heading}</h2>
      <slot></slot>
      <div class="actions">
        <button
          type="button"
          class=${this.danger ? 'danger' : 'primary'}
          @click=${() => this.#close(true)}
        >
          ${this.confirmLabel}
        </button>
        <button type="button" autofocus @click=${() => this.#close(false)}>
          ${this.cancelLabel}
        </button>
      </div>
    </dialog>`;
  }
}

function deepActive(): HTMLElement | null {
  let el: Element | null = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el as HTMLElement | null;
}

if (!customElements.get('cercle-console-confirm')) {
  customElements.define('cercle-console-confirm', ConsoleConfirm);
}

declare global {
  interface HTMLElementTagNameMap {
    'cercle-console-confirm': ConsoleConfirm;
  }
}
