/**
 * `<cercle-console-sign-in>`: paste the host key, the shell checks it with `GET /v1/host/me`.
 * The key field keeps what was typed when the key is refused.
 */
import { css, html, LitElement } from 'lit';
import { CercleError } from '@cercle/client';
import { common, type Dictionary, type Locale } from './i18n.js';
import { errorText } from './screen.js';
import { screenStyles } from './ui/styles.js';

const en = {
  title: 'Sign in to the host console',
  lede: 'Paste the host key you were given when your account was created. It stays in this tab only and is forgotten when you close it.',
  key: 'Host key',
  keyHint:
    'A long string of letters and digits. No key yet? Ask an owner of your community for an invitation.',
  show: 'Show the key',
  submit: 'Sign in',
  checking: 'Checking the key…',
  empty: 'Paste your host key.',
  unknown:
    'This key is unknown or has been revoked. Check that you pasted all of it, or ask an owner for a new invitation.',
  api: (url: string) => `API: ${url}`,
};

export const signInTerms = {
  en,
  fr: {
    title: 'Connexion à la console',
    lede: 'Collez la clé d’hôte reçue à la création de votre compte. Elle reste dans cet onglet uniquement et disparaît à sa fermeture.',
    key: 'Clé d’hôte',
    keyHint:
      'Une longue suite de lettres et de chiffres. Pas encore de clé ? Demandez une invitation à un propriétaire de votre communauté.',
    show: 'Afficher la clé',
    submit: 'Se connecter',
    checking: 'Vérification de la clé…',
    empty: 'Collez votre clé d’hôte.',
    unknown:
      'Cette clé est inconnue ou a été révoquée. Vérifiez que vous l’avez collée en entier, ou demandez une nouvelle invitation à un propriétaire.',
    api: (url: string) => `API : ${url}`,
  },
} satisfies Dictionary<typeof en>;

export class ConsoleSignIn extends LitElement {
  static override styles = [
    screenStyles,
    css`
      :host {
        max-width: 34rem;
        margin: 2rem auto;
      }
      @media (max-width: 480px) {
        :host {
          margin: 1rem auto;
        }
      }
      .api {
        margin-block-start: 1rem;
      }
    `,
  ];

  static override properties = {
    locale: {},
    apiBase: { attribute: false },
    notice: { attribute: false },
    signIn: { attribute: false },
    _busy: { state: true },
    _error: { state: true },
    _show: { state: true },
  };

  declare locale: Locale;
  declare apiBase: string;
  /** A message shown above the form (the key was revoked while signed in…). */
  declare notice: string;
  /** Checks and keeps the key; throws a `CercleError` when refused. */
  declare signIn: ((key: string) => Promise<void>) | undefined;
  declare _busy: boolean;
  declare _error: string;
  declare _show: boolean;

  constructor() {
    super();
    this.locale = 'en';
    this.apiBase = '';
    this.notice = '';
    this._busy = false;
    this._error = '';
    this._show = false;
  }

  async focusHeading(): Promise<void> {
    await this.updateComplete;
    const h1 = this.renderRoot.querySelector('h1');
    h1?.focus();
  }

  async #submit(e: SubmitEvent) {
    e.preventDefault();
    const t = signInTerms[this.locale];
    const input = this.renderRoot.querySelector<HTMLInputElement>('#key')!;
    const key = input.value.trim();
    if (!key) {
      this._error = t.empty;
      input.focus();
      return;
    }
    this._busy = true;
    this._error = '';
    try {
      await this.signIn?.(key);
    } catch (error) {
      this._error =
        error instanceof CercleError && (error.status === 401 || error.status === 403)
          ? t.unknown
          : errorText(error, common[this.locale]);
      await this.updateComplete;
      input.focus();
    } finally {
      this._busy = false;
    }
  }

  override render() {
    const t = signInTerms[this.locale];
    return html`<section class="card" aria-labelledby="title">
      <h1 id="title" tabindex="-1">${t.title}</h1>
      <p class="lede">${t.lede}</p>
      ${this.notice ? html`<p class="note warn" role="alert">${this.notice}</p>` : ''}
      <form novalidate @submit=${this.#submit}>
        <div class="fields">
          <div class="field">
            <label for="key">${t.key}</label>
            <input
              id="key"
              name="key"
              type=${this._show ? 'text' : 'password'}
              class="code"
              autocomplete="off"
              spellcheck="false"
              autocapitalize="off"
              aria-invalid=${this._error ? 'true' : 'false'}
              aria-describedby=${this._error ? 'key-error key-hint' : 'key-hint'}
            />
            <p class="hint" id="key-hint">${t.keyHint}</p>
            ${this._error ? html`<p class="error" id="key-error">${this._error}</p>` : ''}
          </div>
          <label class="check">
            <input
              type="checkbox"
              .checked=${this._show}
              @change=${(e: Event) => (this._show = (e.target as HTMLInputElement).checked)}
            />
            <span>${t.show}</span>
          </label>
        </div>
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this._busy}>
            ${this._busy ? t.checking : t.submit}
          </button>
        </div>
      </form>
      <p class="hint small api">${t.api(this.apiBase)}</p>
    </section>`;
  }
}

if (!customElements.get('cercle-console-sign-in')) {
  customElements.define('cercle-console-sign-in', ConsoleSignIn);
}

declare global {
  interface HTMLElementTagNameMap {
    'cercle-console-sign-in': ConsoleSignIn;
  }
}
