/**
 * `<cercle-console-accept>`: opened from an invitation link
 * `…/console/#/accept?community=…&token=…` (the token rides in the fragment: no server log,
 * no `Referer` ever sees it). The invitee gives a name (and an email if they like), the
 * console calls `POST …/invitations/accept` and shows the new host key once, with a copy
 * button and a "keep it safe" note; "Continue" signs them in (`console-sign-in`).
 * A used or revoked link (404) and an expired one (410 `invitation_expired`) say so plainly.
 */
import { html, nothing } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { CercleError } from '@cercle/client';
import type { ConsoleApi } from '../api.js';
import type { Dictionary, Locale } from '../i18n.js';
import { ConsoleScreen, ConsoleSignInEvent, defineScreen, fieldErrors } from '../screen.js';
import '../ui/copy.js';

const en = {
  title: 'Accept your invitation',
  lede: (community: string) => `You were invited to help host ${community} on Cercle.`,
  incomplete:
    'This invitation link is incomplete. Open the whole link you were sent, or ask the owner to send it again.',
  signedInAs: (name: string) =>
    `You are signed in as ${name}. Accepting creates a new host account and signs you in with it.`,
  name: 'Your name',
  nameHint: 'Shown to the other hosts and in the audit log.',
  email: 'Your email',
  submit: 'Accept and create my key',
  accepting: 'Creating your account…',
  used: 'This invitation was already used or has been revoked. Ask the owner of the community for a new one.',
  expired: (when: string) =>
    `This invitation expired${when ? ` on ${when}` : ''}. Ask the owner of the community for a new one.`,
  keyTitle: 'Your host key',
  keyLabel: 'Host key',
  keyNote:
    'Keep it safe, in a password manager. It is shown only this once: Cercle keeps only a fingerprint of it and cannot show it again. Anyone holding it can act as you.',
  saved: 'I have saved it somewhere safe',
  continue: 'Continue to the console',
  welcome: (name: string) => `Welcome, ${name}: your account is ready.`,
};

const terms = {
  en,
  fr: {
    title: 'Accepter votre invitation',
    lede: (community: string) => `Vous êtes invité à co-animer ${community} sur Cercle.`,
    incomplete:
      'Ce lien d’invitation est incomplet. Ouvrez le lien entier que vous avez reçu, ou demandez au propriétaire de le renvoyer.',
    signedInAs: (name: string) =>
      `Vous êtes connecté en tant que ${name}. Accepter crée un nouveau compte d’hôte et vous connecte avec.`,
    name: 'Votre nom',
    nameHint: 'Visible des autres hôtes et dans le journal d’audit.',
    email: 'Votre e-mail',
    submit: 'Accepter et créer ma clé',
    accepting: 'Création de votre compte…',
    used: 'Cette invitation a déjà été utilisée ou a été révoquée. Demandez-en une nouvelle au propriétaire de la communauté.',
    expired: (when: string) =>
      `Cette invitation a expiré${when ? ` le ${when}` : ''}. Demandez-en une nouvelle au propriétaire de la communauté.`,
    keyTitle: 'Votre clé d’hôte',
    keyLabel: 'Clé d’hôte',
    keyNote:
      'Gardez-la en lieu sûr, dans un gestionnaire de mots de passe. Elle n’est affichée qu’une fois : Cercle n’en garde qu’une empreinte et ne peut pas la réafficher. Quiconque la détient peut agir en votre nom.',
    saved: 'Je l’ai enregistrée en lieu sûr',
    continue: 'Continuer vers la console',
    welcome: (name: string) => `Bienvenue, ${name} : votre compte est prêt.`,
  },
} satisfies Dictionary<typeof en>;

export class ConsoleAcceptScreen extends ConsoleScreen {
  static override properties = {
    ...ConsoleScreen.properties,
    api: { attribute: false },
    pageLocale: { attribute: false },
    _name: { state: true },
    _email: { state: true },
    _errors: { state: true },
    _problem: { state: true },
    _busy: { state: true },
    _key: { state: true },
    _saved: { state: true },
    _communityName: { state: true },
  };

  /** A client without a key (anyone holding the token may accept). */
  declare api: ConsoleApi | undefined;
  /** The console's locale when nobody is signed in. */
  declare pageLocale: Locale | undefined;
  declare _name: string;
  declare _email: string;
  declare _errors: Record<string, string>;
  declare _problem: string;
  declare _busy: boolean;
  /** The new key, shown once. */
  declare _key: { key: string; name: string } | undefined;
  declare _saved: boolean;
  declare _communityName: string | undefined;

  #lookedUp: string | undefined;

  constructor() {
    super();
    this._name = '';
    this._email = '';
    this._errors = {};
    this._problem = '';
    this._busy = false;
    this._saved = false;
  }

  override get locale(): Locale {
    return this.session?.locale ?? this.pageLocale ?? 'en';
  }

  get #community(): string | null {
    return this.route?.query.get('community') ?? null;
  }

  get #token(): string | null {
    return this.route?.query.get('token') ?? null;
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed as never);
    const slug = this.#community;
    if (slug && this.api && this.#lookedUp !== slug) {
      this.#lookedUp = slug;
      void this.#lookUp(slug);
    }
  }

  /** The community's public name, to greet the invitee (the slug when it is not public). */
  async #lookUp(slug: string) {
    try {
      const { data } = await this.api!.request('getCommunity', { params: { community: slug } });
      this._communityName = data.name;
    } catch {
      this._communityName = undefined;
    }
  }

  async #submit(e: Event) {
    e.preventDefault();
    const t = this.t(terms);
    const community = this.#community;
    const token = this.#token;
    if (!community || !token || !this.api) return;
    this._errors = {};
    this._problem = '';
    this._busy = true;
    try {
      const { data } = await this.api.request('acceptInvitation', {
        params: { community },
        body: {
          token,
          name: this._name.trim(),
          ...(this._email.trim() ? { email: this._email.trim() } : {}),
        },
      });
      this._key = { key: data.key, name: data.host.name };
      this.toast(t.welcome(data.host.name), 'success');
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#h-key')?.focus();
    } catch (error) {
      const fields = fieldErrors(error);
      if (error instanceof CercleError && error.code === 'invitation_expired') {
        const at = (error.details as { expiredAt?: string } | undefined)?.expiredAt;
        this._problem = t.expired(at ? this.fmt.dateTime(at) : '');
      } else if (error instanceof CercleError && error.status === 404) {
        this._problem = t.used;
      } else if (fields['name'] || fields['email']) {
        this._errors = fields;
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      } else {
        this._problem = this.errorText(error);
      }
      if (this._problem) this.toast(this._problem, 'error');
    } finally {
      this._busy = false;
    }
  }

  #continue() {
    if (this._key) this.dispatchEvent(new ConsoleSignInEvent(this._key.key));
  }

  #field(key: 'name' | 'email', label: string, hint?: string) {
    const err = this._errors[key];
    const describedBy = [err ? `err-${key}` : '', hint ? `hint-${key}` : '']
      .filter(Boolean)
      .join(' ');
    return html`<div class="field">
      <label for=${key}>${label}</label>
      <input
        id=${key}
        name=${key}
        type=${key === 'email' ? 'email' : 'text'}
        autocomplete=${key === 'email' ? 'email' : 'name'}
        ?required=${key === 'name'}
        aria-invalid=${err ? 'true' : 'false'}
        aria-describedby=${ifDefined(describedBy || undefined)}
        .value=${key === 'name' ? this._name : this._email}
        @input=${(e: Event) => {
          const value = (e.target as HTMLInputElement).value;
          if (key === 'name') this._name = value;
          else this._email = value;
        }}
      />
      ${hint ? html`<p class="hint" id=${`hint-${key}`}>${hint}</p>` : nothing}
      ${err ? html`<p class="error" id=${`err-${key}`}>${err}</p>` : nothing}
    </div>`;
  }

  override render() {
    const t = this.t(terms);
    const community = this.#community;
    const head = html`<h1>${t.title}</h1>`;
    if (!community || !this.#token) {
      return html`<section class="card narrow">
        ${head}
        <p class="note danger">${t.incomplete}</p>
      </section>`;
    }
    if (this._key) {
      return html`<section class="card narrow" aria-labelledby="h-key">
        ${head}
        <h2 id="h-key" tabindex="-1">${t.keyTitle}</h2>
        <p class="note warn" id="key-note">${t.keyNote}</p>
        <cercle-console-copy
          .locale=${this.locale}
          .label=${t.keyLabel}
          .value=${this._key.key}
        ></cercle-console-copy>
        <label class="check">
          <input
            type="checkbox"
            id="saved"
            .checked=${this._saved}
            @change=${(e: Event) => (this._saved = (e.target as HTMLInputElement).checked)}
          />
          <span>${t.saved}</span>
        </label>
        <div class="actions">
          <button
            type="button"
            class="primary"
            id="continue"
            ?disabled=${!this._saved}
            @click=${this.#continue}
          >
            ${t.continue}
          </button>
        </div>
      </section>`;
    }
    return html`<section class="card narrow">
      ${head}
      <p class="lede">${t.lede(this._communityName ?? community)}</p>
      ${this.session ? html`<p class="note">${t.signedInAs(this.session.host.name)}</p>` : nothing}
      ${this._problem ? html`<p class="note danger" id="problem">${this._problem}</p>` : nothing}
      <form novalidate @submit=${this.#submit}>
        <div class="fields">
          ${this.#field('name', t.name, t.nameHint)}
          ${this.#field('email', `${t.email} ${this.common.optional}`)}
        </div>
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this._busy}>
            ${this._busy ? t.accepting : t.submit}
          </button>
        </div>
      </form>
    </section>`;
  }
}

defineScreen('cercle-console-accept', ConsoleAcceptScreen);

declare global {
  interface HTMLElementTagNameMap {
    'cercle-console-accept': ConsoleAcceptScreen;
  }
}
