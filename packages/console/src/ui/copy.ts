/**
 * `<cercle-console-copy>`: a read-only value (a key, a secret, a link, a snippet) with a
 * labelled Copy button. The copy result goes to the shell's live region (`console-toast`).
 * `multiline` shows a textarea (snippets); otherwise a one-line input.
 */
import { html, LitElement } from 'lit';
import { ConsoleToastEvent, copyText } from '../screen.js';
import { common, type Locale } from '../i18n.js';
import { screenStyles } from './styles.js';
import { css } from 'lit';

let ids = 0;

export class ConsoleCopy extends LitElement {
  static override styles = [
    screenStyles,
    css`
      .row {
        display: flex;
        gap: 0.5rem;
        align-items: flex-start;
      }
      .row > :first-child {
        flex: 1 1 auto;
      }
      textarea {
        min-height: 11rem;
      }
      @media (max-width: 480px) {
        .row.multi {
          flex-direction: column;
          align-items: stretch;
        }
      }
    `,
  ];

  static override properties = {
    label: {},
    value: {},
    hint: {},
    multiline: { type: Boolean },
    locale: {},
  };

  declare label: string;
  declare value: string;
  declare hint: string;
  declare multiline: boolean;
  declare locale: Locale;

  readonly #id = `copy-${++ids}`;

  constructor() {
    super();
    this.label = '';
    this.value = '';
    this.hint = '';
    this.multiline = false;
    this.locale = 'en';
  }

  async #copy() {
    const t = common[this.locale] ?? common.en;
    const ok = await copyText(this.value);
    if (!ok) this.renderRoot.querySelector<HTMLInputElement>('input, textarea')?.select();
    this.dispatchEvent(
      new ConsoleToastEvent(ok ? t.copied : t.copyFailed, ok ? 'success' : 'error'),
    );
  }

  override render() {
    const t = common[this.locale] ?? common.en;
    const hintId = this.hint ? `${this.#id}-hint` : undefined;
    const control = this.multiline
      ? html`<textarea
          id=${this.#id}
          class="code"
          readonly
          rows="6"
          aria-describedby=${hintId ?? ''}
          .value=${this.value}
          @focus=${(e: Event) => (e.target as HTMLTextAreaElement).select()}
        ></textarea>`
      : html`<input
          id=${this.#id}
          class="code"
          readonly
          aria-describedby=${hintId ?? ''}
          .value=${this.value}
          @focus=${(e: Event) => (e.target as HTMLInputElement).select()}
        />`;
    return html`<div class="field">
      <label for=${this.#id}>${this.label}</label>
      <div class="row ${this.multiline ? 'multi' : ''}">
        ${control}
        <button type="button" @click=${() => this.#copy()}>
          ${t.copy}<span class="sr-only">: ${this.label}</span>
        </button>
      </div>
      ${this.hint ? html`<p class="hint" id=${hintId}>${this.hint}</p>` : ''}
    </div>`;
  }
}

if (!customElements.get('cercle-console-copy')) {
  customElements.define('cercle-console-copy', ConsoleCopy);
}

declare global {
  interface HTMLElementTagNameMap {
    'cercle-console-copy': ConsoleCopy;
  }
}
