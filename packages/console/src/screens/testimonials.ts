/**
 * `<cercle-console-testimonials>`: the wall's moderation queue (`GET …/host/testimonials`,
 * `state` = pending | approved | rejected | removed, pending by default). Each testimonial as
 * the host needs to judge it: rating, text, photo, tags, author, consent. Before publishing,
 * the commercial disclosure and the photo's labels (law 2023-451); approve, or reject with a
 * statement of reasons the author sees (required). `PATCH …/host/testimonials/{t}`.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import { allRoutes } from '@cercle/client/admin';
import type {
  Disclosure,
  ImageFlag,
  OwnTestimonial,
  TestimonialModeration,
  TestimonialState,
} from '@cercle/client/contract';
import { ConsoleScreen, defineScreen, fieldErrors } from '../screen.js';
import type { Dictionary } from '../i18n.js';

const STATES = ['pending', 'approved', 'rejected', 'removed'] as const;
const DISCLOSURES = ['none', 'publicite', 'collaboration-commerciale'] as const;
const FLAGS = ['retouchee', 'virtuelle'] as const;

const en = {
  heading: 'Testimonials',
  lede: 'Members’ testimonials wait here before they reach the wall. Check the labels, then approve or reject with your reasons.',
  noPermission: 'Your role cannot moderate testimonials: it needs the “moderate” permission.',
  show: 'Show',
  states: {
    pending: 'Pending',
    approved: 'Published',
    rejected: 'Rejected',
    removed: 'Removed',
  } as Record<TestimonialState, string>,
  empty: {
    pending: 'Nothing to moderate: every testimonial has been reviewed.',
    approved: 'No published testimonial.',
    rejected: 'No rejected testimonial.',
    removed: 'No testimonial was removed after a report.',
  } as Record<TestimonialState, string>,
  count: (n: number) => (n === 1 ? '1 testimonial' : `${n} testimonials`),
  aMember: 'A member',
  nameHidden: 'name not published (no consent)',
  rating: (n: number) => `Rated ${n} out of 5`,
  memberSince: (when: string) => `member since ${when}`,
  verified: 'verified member',
  submitted: (when: string) => `Submitted ${when}`,
  published: (when: string) => `published ${when}`,
  experienced: (when: string) => `experience of ${when}`,
  photoNotPublished: 'The author did not consent to publish the photo: the wall will not show it.',
  tags: 'Tags',
  consent: (version: string, name: boolean, photo: boolean) =>
    `Consent (version ${version}): name ${name ? 'published' : 'not published'}, photo ${photo ? 'published' : 'not published'}.`,
  statement: 'Statement of reasons',
  disclosure: 'Commercial disclosure',
  disclosures: {
    none: 'None',
    publicite: 'Advertising',
    'collaboration-commerciale': 'Paid partnership',
  } as Record<Disclosure, string>,
  disclosureHint:
    'The wall shows the French legal wording (“Publicité”, “Collaboration commerciale”).',
  flags: 'Photo labels',
  flagNames: { retouchee: 'Edited image', virtuelle: 'Virtual image' } as Record<ImageFlag, string>,
  approve: 'Approve and publish',
  saveLabels: 'Save the labels',
  reject: 'Reject…',
  takeDown: 'Take off the wall…',
  rejectField: 'Reasons for the refusal (required; the author sees them)',
  rejectButton: 'Reject',
  takeDownButton: 'Take off the wall',
  statementRequired: 'Write the reasons: a refusal must be explained to its author.',
  approved: 'Approved: the testimonial is on the wall.',
  labelsSaved: 'Labels saved: the wall shows them.',
  rejected: 'Rejected: the author will see your reasons.',
  loadFailed: 'The testimonials could not be loaded.',
};

type Terms = typeof en;

const fr: Terms = {
  heading: 'Témoignages',
  lede: 'Les témoignages des membres attendent ici avant d’aller sur le mur. Vérifiez les mentions, puis approuvez ou refusez en donnant vos motifs.',
  noPermission:
    'Votre rôle ne permet pas de modérer les témoignages : il faut la permission « moderate ».',
  show: 'Afficher',
  states: { pending: 'En attente', approved: 'Publiés', rejected: 'Refusés', removed: 'Retirés' },
  empty: {
    pending: 'Rien à modérer : tous les témoignages ont été examinés.',
    approved: 'Aucun témoignage publié.',
    rejected: 'Aucun témoignage refusé.',
    removed: 'Aucun témoignage retiré après signalement.',
  },
  count: (n) => (n <= 1 ? `${n} témoignage` : `${n} témoignages`),
  aMember: 'Un membre',
  nameHidden: 'nom non publié (pas de consentement)',
  rating: (n) => `Note : ${n} sur 5`,
  memberSince: (when) => `membre depuis ${when}`,
  verified: 'membre vérifié',
  submitted: (when) => `Soumis le ${when}`,
  published: (when) => `publié le ${when}`,
  experienced: (when) => `expérience du ${when}`,
  photoNotPublished: 'L’auteur n’a pas consenti à publier la photo : le mur ne la montrera pas.',
  tags: 'Thèmes',
  consent: (version, name, photo) =>
    `Consentement (version ${version}) : nom ${name ? 'publié' : 'non publié'}, photo ${photo ? 'publiée' : 'non publiée'}.`,
  statement: 'Exposé des motifs',
  disclosure: 'Mention commerciale',
  disclosures: {
    none: 'Aucune',
    publicite: 'Publicité',
    'collaboration-commerciale': 'Collaboration commerciale',
  },
  disclosureHint: 'Le mur affiche cette mention au-dessus du témoignage.',
  flags: 'Mentions sur la photo',
  flagNames: { retouchee: 'Image retouchée', virtuelle: 'Image virtuelle' },
  approve: 'Approuver et publier',
  saveLabels: 'Enregistrer les mentions',
  reject: 'Refuser…',
  takeDown: 'Retirer du mur…',
  rejectField: 'Motifs du refus (obligatoires ; l’auteur les verra)',
  rejectButton: 'Refuser',
  takeDownButton: 'Retirer du mur',
  statementRequired: 'Écrivez les motifs : un refus doit être expliqué à son auteur.',
  approved: 'Approuvé : le témoignage est sur le mur.',
  labelsSaved: 'Mentions enregistrées : le mur les affiche.',
  rejected: 'Refusé : l’auteur verra vos motifs.',
  loadFailed: 'Les témoignages n’ont pas pu être chargés.',
};

export const testimonialsTerms = { en, fr } satisfies Dictionary<Terms>;

/** What the host set on one card and has not saved yet. */
interface Draft {
  disclosure: Disclosure;
  imageFlags: ImageFlag[];
  statement: string;
  error: string;
}

const stars = (n: number) => '★'.repeat(n) + '☆'.repeat(5 - n);

export class ConsoleTestimonials extends ConsoleScreen {
  static override styles = [
    ...ConsoleScreen.styles,
    css`
      .filters {
        border: 0;
        padding: 0;
        display: flex;
        flex-wrap: wrap;
        gap: 0.4rem 1rem;
        margin-block-end: 1rem;
      }
      .filters legend {
        padding: 0;
        margin-block-end: 0.35rem;
      }
      .cards {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 1rem;
      }
      .t {
        display: grid;
        gap: 1rem;
        grid-template-columns: minmax(0, 3fr) minmax(0, 2fr);
      }
      @media (max-width: 720px) {
        .t {
          grid-template-columns: minmax(0, 1fr);
        }
      }
      .t h2 {
        margin: 0;
      }
      .t h2:focus {
        outline: none;
      }
      .t h2:focus-visible {
        outline: 3px solid var(--c-focus);
        outline-offset: 2px;
      }
      .stars {
        color: var(--c-warn);
        font-size: 1.15rem;
        letter-spacing: 0.1em;
        margin: 0.25rem 0;
      }
      blockquote {
        margin: 0 0 0.75rem;
        white-space: pre-line;
        overflow-wrap: anywhere;
      }
      .photo {
        display: block;
        max-inline-size: 100%;
        block-size: auto;
        max-block-size: 20rem;
        object-fit: contain;
        border-radius: var(--c-radius-sm);
        background: var(--c-surface-2);
        margin-block-end: 0.5rem;
      }
      .tags {
        list-style: none;
        padding: 0;
        margin: 0 0 0.5rem;
        display: flex;
        flex-wrap: wrap;
        gap: 0.35rem;
      }
      .side {
        display: grid;
        gap: 0.75rem;
        align-content: start;
      }
      details > summary {
        cursor: pointer;
        font-weight: 600;
        padding: 0.35rem 0;
      }
      .reject-form {
        display: grid;
        gap: 0.35rem;
        margin-block-start: 0.5rem;
      }
    `,
  ];

  static override properties = {
    ...ConsoleScreen.properties,
    _state: { state: true },
    _list: { state: true },
    _status: { state: true },
    _loadError: { state: true },
    _drafts: { state: true },
    _busy: { state: true },
  };

  declare _state: TestimonialState;
  declare _list: OwnTestimonial[];
  declare _status: 'loading' | 'ready' | 'error';
  declare _loadError: string;
  declare _drafts: ReadonlyMap<string, Draft>;
  declare _busy: ReadonlySet<string>;

  constructor() {
    super();
    this._state = 'pending';
    this._list = [];
    this._status = 'loading';
    this._loadError = '';
    this._drafts = new Map();
    this._busy = new Set();
  }

  get #t(): Terms {
    return this.t(testimonialsTerms);
  }

  protected override async load(): Promise<void> {
    const api = this.session?.api;
    if (!api || !this.can(allRoutes.hostTestimonials.permission)) return;
    const state = this._state;
    this._status = 'loading';
    try {
      const { data } = await api.request('hostTestimonials', {
        params: { community: this.session!.community.slug },
        query: { state },
      });
      if (state !== this._state) return;
      this._list = data.testimonials;
      this._status = 'ready';
    } catch (error) {
      this._loadError = this.errorText(error);
      this._status = 'error';
    }
  }

  #draft(t: OwnTestimonial): Draft {
    return (
      this._drafts.get(t.id) ?? {
        disclosure: t.disclosure,
        imageFlags: [...t.imageFlags],
        statement: '',
        error: '',
      }
    );
  }

  #setDraft(t: OwnTestimonial, change: Partial<Draft>): void {
    this._drafts = new Map(this._drafts).set(t.id, { ...this.#draft(t), ...change });
  }

  async #moderate(t: OwnTestimonial, body: TestimonialModeration, done: string): Promise<void> {
    const api = this.session?.api;
    if (!api || this._busy.has(t.id)) return;
    this._busy = new Set([...this._busy, t.id]);
    const index = this._list.findIndex((x) => x.id === t.id);
    try {
      const { data } = await api.request('moderateTestimonial', {
        params: { community: this.session!.community.slug, testimonial: t.id },
        body,
      });
      const drafts = new Map(this._drafts);
      drafts.delete(t.id);
      this._drafts = drafts;
      this.toast(done, 'success');
      if (data.state === this._state) {
        this._list = this._list.map((x) => (x.id === data.id ? data : x));
        await this.#focusCard(data.id);
      } else {
        // It left this list: the next one takes the focus.
        this._list = this._list.filter((x) => x.id !== data.id);
        const next = this._list[Math.min(index, this._list.length - 1)];
        await this.#focusCard(next?.id);
      }
    } catch (error) {
      const field = fieldErrors(error)['statement'];
      if (field) this.#setDraft(t, { error: this.#t.statementRequired });
      this.toast(field ? this.#t.statementRequired : this.errorText(error), 'error');
    } finally {
      const busy = new Set(this._busy);
      busy.delete(t.id);
      this._busy = busy;
    }
  }

  async #focusCard(id: string | undefined): Promise<void> {
    await this.updateComplete;
    const target = id
      ? this.renderRoot.querySelector<HTMLElement>(`[data-id="${CSS.escape(id)}"] h2`)
      : this.renderRoot.querySelector<HTMLElement>('h1');
    if (target) {
      target.tabIndex = -1;
      target.focus();
    }
  }

  async #approve(t: OwnTestimonial): Promise<void> {
    const d = this.#draft(t);
    const publishing = t.state === 'pending';
    await this.#moderate(
      t,
      {
        ...(publishing ? { state: 'approved' as const } : {}),
        disclosure: d.disclosure,
        imageFlags: t.photo ? d.imageFlags : [],
      },
      publishing ? this.#t.approved : this.#t.labelsSaved,
    );
  }

  async #reject(t: OwnTestimonial, event: Event): Promise<void> {
    event.preventDefault();
    const statement = this.#draft(t).statement.trim();
    if (!statement) {
      this.#setDraft(t, { error: this.#t.statementRequired });
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(`#t-${t.id}-statement`)?.focus();
      return;
    }
    await this.#moderate(t, { state: 'rejected', statement }, this.#t.rejected);
  }

  override render(): TemplateResult {
    const t = this.#t;
    if (!this.can(allRoutes.hostTestimonials.permission)) {
      return html`<h1>${t.heading}</h1>
        <p class="note warn">${t.noPermission}</p>`;
    }
    return html`<div class="page-head">
        <div>
          <h1>${t.heading}</h1>
          <p class="lede">${t.lede}</p>
        </div>
      </div>
      <fieldset class="filters">
        <legend class="label">${t.show}</legend>
        ${STATES.map(
          (s) =>
            html`<label class="check">
              <input
                type="radio"
                name="state"
                value=${s}
                .checked=${this._state === s}
                @change=${() => {
                  this._state = s;
                  void this.load();
                }}
              />
              <span>${t.states[s]}</span>
            </label>`,
        )}
      </fieldset>
      ${this.#renderList()}`;
  }

  #renderList(): TemplateResult {
    const t = this.#t;
    if (this._status === 'loading') {
      return html`<p class="muted" role="status">${this.common.loading}</p>`;
    }
    if (this._status === 'error') {
      return html`<div class="note danger" role="alert">
        <p>${t.loadFailed} ${this._loadError}</p>
        <button type="button" @click=${() => this.load()}>${this.common.retry}</button>
      </div>`;
    }
    if (!this._list.length) return html`<p class="empty">${t.empty[this._state]}</p>`;
    return html`<p class="muted">${t.count(this._list.length)}</p>
      <ul class="cards">
        ${this._list.map((x) => html`<li>${this.#renderCard(x)}</li>`)}
      </ul>`;
  }

  #renderCard(x: OwnTestimonial): TemplateResult {
    const t = this.#t;
    const f = this.fmt;
    const id = `t-${x.id}`;
    const name = x.author.displayName ?? t.aMember;
    const dates = [
      t.submitted(f.date(x.submittedAt)),
      x.publishedAt ? t.published(f.date(x.publishedAt)) : '',
      x.experiencedAt ? t.experienced(f.date(x.experiencedAt)) : '',
    ].filter(Boolean);
    return html`<article class="card t" data-id=${x.id} aria-labelledby="${id}-name">
      <div>
        <h2 id="${id}-name">${name}</h2>
        <p class="meta small muted">
          ${t.memberSince(f.date(x.author.memberSince))}${
            x.author.verified ? html` · ${t.verified}` : nothing
          }${x.consent.publishName ? nothing : html` · ${t.nameHidden}`}
        </p>
        <p class="stars" role="img" aria-label=${t.rating(x.rating)}>${stars(x.rating)}</p>
        <blockquote>${x.text}</blockquote>
        ${
          x.photo
            ? html`<img
                  class="photo"
                  src=${x.photo.url}
                  alt=${x.photo.alt}
                  width=${x.photo.width}
                  height=${x.photo.height}
                  loading="lazy"
                />
                ${
                  x.consent.publishPhoto
                    ? nothing
                    : html`<p class="note warn small">${t.photoNotPublished}</p>`
                }`
            : nothing
        }
        ${
          x.tags.length
            ? html`<ul class="tags" aria-label=${t.tags}>
                ${x.tags.map((tag) => html`<li class="badge">${tag}</li>`)}
              </ul>`
            : nothing
        }
        <p class="small muted">${dates.join(' · ')}</p>
        <p class="small muted">
          ${t.consent(x.consent.version, x.consent.publishName, x.consent.publishPhoto)}
        </p>
      </div>
      <div class="side">${this.#renderControls(x)}</div>
    </article>`;
  }

  #renderControls(x: OwnTestimonial): TemplateResult {
    const t = this.#t;
    const id = `t-${x.id}`;
    if (x.state === 'rejected' || x.state === 'removed') {
      return html`<span class="badge danger">${t.states[x.state]}</span> ${
          x.statement ? html`<p><strong>${t.statement}:</strong> ${x.statement}</p>` : nothing
        }`;
    }
    const d = this.#draft(x);
    const busy = this._busy.has(x.id);
    const pending = x.state === 'pending';
    return html`<div class="field">
        <label for="${id}-disclosure">${t.disclosure}</label>
        <select
          id="${id}-disclosure"
          aria-describedby="${id}-disclosure-hint"
          @change=${(e: Event) =>
            this.#setDraft(x, { disclosure: (e.target as HTMLSelectElement).value as Disclosure })}
        >
          ${DISCLOSURES.map(
            (v) =>
              html`<option value=${v} ?selected=${d.disclosure === v}>${t.disclosures[v]}</option>`,
          )}
        </select>
      </div>
      ${
        x.photo
          ? html`<fieldset>
              <legend>${t.flags}</legend>
              ${FLAGS.map(
                (flag) =>
                  html`<label class="check">
                    <input
                      type="checkbox"
                      .checked=${d.imageFlags.includes(flag)}
                      @change=${(e: Event) => {
                        const on = (e.target as HTMLInputElement).checked;
                        const flags = d.imageFlags.filter((f) => f !== flag);
                        this.#setDraft(x, { imageFlags: on ? [...flags, flag] : flags });
                      }}
                    />
                    <span>${t.flagNames[flag]}</span>
                  </label>`,
              )}
            </fieldset>`
          : nothing
      }
      <div class="actions">
        <button
          type="button"
          class=${pending ? 'primary' : ''}
          ?disabled=${busy}
          @click=${() => this.#approve(x)}
        >
          ${pending ? t.approve : t.saveLabels}
        </button>
      </div>
      <details ?open=${Boolean(d.error || d.statement)}>
        <summary>${pending ? t.reject : t.takeDown}</summary>
        <form class="reject-form" novalidate @submit=${(e: Event) => this.#reject(x, e)}>
          <label for="${id}-statement">${t.rejectField}</label>
          <textarea
            id="${id}-statement"
            rows="3"
            maxlength="2000"
            required
            aria-invalid=${d.error ? 'true' : 'false'}
            aria-describedby=${d.error ? `${id}-statement-error` : nothing}
            .value=${d.statement}
            @input=${(e: Event) =>
              this.#setDraft(x, { statement: (e.target as HTMLTextAreaElement).value, error: '' })}
          ></textarea>
          ${d.error ? html`<p class="error" id="${id}-statement-error">${d.error}</p>` : nothing}
          <div>
            <button type="submit" class="danger" ?disabled=${busy}>
              ${pending ? t.rejectButton : t.takeDownButton}
            </button>
          </div>
        </form>
      </details>`;
  }
}

defineScreen('cercle-console-testimonials', ConsoleTestimonials);

declare global {
  interface HTMLElementTagNameMap {
    'cercle-console-testimonials': ConsoleTestimonials;
  }
}
