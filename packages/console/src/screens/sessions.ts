/**
 * `<cercle-console-sessions>`: the community's live Q&A sessions (`GET …/host/sessions`),
 * grouped live / upcoming / past, archived ones folded away. An owner (`sessions`) creates
 * and edits them (`PUT …/host/sessions/{id}`); whoever may `moderate` opens and closes them
 * and archives or restores them (`PATCH …/host/sessions/{id}`). What the host may not do is
 * not shown. The form keeps what was typed on any error and shows the server's field errors
 * next to their fields.
 */
import { html, css, nothing, type TemplateResult } from 'lit';
import { allRoutes } from '@cercle/client/admin';
import type {
  Disclosure,
  HostSessionList,
  Moderation,
  SessionInput,
  SessionUpdate,
} from '@cercle/client/contract';
import { ConsoleScreen, defineScreen, fieldErrors } from '../screen.js';
import { href } from '../router.js';
import '../ui/dialog.js';
import type { ConsoleConfirm } from '../ui/dialog.js';
import { sessionsTerms, type Group, type SessionsTerms as Terms } from './live/sessions-terms.js';
import { fromLocalInput, slugify, toLocalInput } from './live/time.js';

type HostSession = HostSessionList['sessions'][number];

interface Draft {
  id: string;
  title: string;
  description: string;
  startsAt: string;
  endsAt: string;
  moderation: Moderation;
  disclosure: Disclosure;
}

const FIELDS = ['id', 'title', 'description', 'startsAt', 'endsAt', 'moderation', 'disclosure'];

const inOneHour = () => {
  const d = new Date(Date.now() + 60 * 60_000);
  d.setMinutes(0, 0, 0);
  return toLocalInput(d.toISOString());
};

const groupOf = (s: HostSession): Group =>
  s.state === 'live' ? 'live' : s.state === 'scheduled' ? 'upcoming' : 'past';

const ORDER: Record<Group, (a: HostSession, b: HostSession) => number> = {
  live: (a, b) => a.startsAt.localeCompare(b.startsAt),
  upcoming: (a, b) => a.startsAt.localeCompare(b.startsAt),
  past: (a, b) => (b.endedAt ?? b.startsAt).localeCompare(a.endedAt ?? a.startsAt),
};

export class ConsoleSessions extends ConsoleScreen {
  static override styles = [
    ...ConsoleScreen.styles,
    css`
      .group + .group {
        margin-block-start: 1.5rem;
      }
      .group h2 .count {
        color: var(--c-muted);
        font-weight: 400;
      }
      .item h3 {
        margin: 0 0 0.25rem;
        overflow-wrap: anywhere;
      }
      .item h3:focus {
        outline: none;
      }
      .item h3:focus-visible {
        outline: 3px solid var(--c-focus);
        outline-offset: 2px;
      }
      .item .badges {
        display: flex;
        flex-wrap: wrap;
        gap: 0.35rem;
        margin-block-end: 0.25rem;
      }
      .item .row-actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
      }
      a.button.primary {
        background: var(--c-accent);
        border-color: var(--c-accent);
        color: var(--c-accent-text);
      }
      a.button.primary:hover {
        background: var(--c-accent-hover);
      }
      details.archived {
        margin-block-start: 1.5rem;
      }
      details.archived > summary {
        cursor: pointer;
        font-weight: 600;
        padding: 0.5rem 0;
      }
      .form-card {
        margin-block-end: 1.5rem;
      }
      .form-card h2:focus {
        outline: none;
      }
      .form-card h2:focus-visible {
        outline: 3px solid var(--c-focus);
        outline-offset: 2px;
      }
    `,
  ];

  static override properties = {
    ...ConsoleScreen.properties,
    _sessions: { state: true },
    _status: { state: true },
    _loadError: { state: true },
    _form: { state: true },
    _draft: { state: true },
    _errors: { state: true },
    _formError: { state: true },
    _saving: { state: true },
    _busy: { state: true },
    _closing: { state: true },
  };

  declare _sessions: HostSession[];
  declare _status: 'loading' | 'ready' | 'error';
  declare _loadError: string;
  /** `null`: no form; `''`: a new session; else the id being edited. */
  declare _form: string | null;
  declare _draft: Draft;
  declare _errors: Record<string, string>;
  declare _formError: string;
  declare _saving: boolean;
  /** Ids of the sessions with a call under way. */
  declare _busy: ReadonlySet<string>;
  /** The session the close dialog asks about. */
  declare _closing: HostSession | undefined;

  #idTouched = false;

  constructor() {
    super();
    this._sessions = [];
    this._status = 'loading';
    this._loadError = '';
    this._form = null;
    this._draft = this.#emptyDraft();
    this._errors = {};
    this._formError = '';
    this._saving = false;
    this._busy = new Set();
    this._closing = undefined;
  }

  get #terms(): Terms {
    return this.t(sessionsTerms);
  }

  #emptyDraft(): Draft {
    return {
      id: '',
      title: '',
      description: '',
      startsAt: inOneHour(),
      endsAt: '',
      moderation: this.session?.community.questionModeration ?? 'post',
      disclosure: 'none',
    };
  }

  get #community(): string {
    return this.session?.community.slug ?? '';
  }

  protected override async load(): Promise<void> {
    const api = this.session?.api;
    if (!api) return;
    this._status = this._sessions.length ? 'ready' : 'loading';
    try {
      const { data } = await api.request('hostSessions', {
        params: { community: this.#community },
      });
      this._sessions = data.sessions;
      this._status = 'ready';
    } catch (error) {
      this._loadError = this.errorText(error);
      this._status = 'error';
    }
  }

  // The form ----------------------------------------------------------------------------------

  async #openForm(session?: HostSession): Promise<void> {
    this._errors = {};
    this._formError = '';
    this.#idTouched = session !== undefined;
    this._form = session?.id ?? '';
    this._draft = session
      ? {
          id: session.id,
          title: session.title,
          description: session.description ?? '',
          startsAt: toLocalInput(session.startsAt),
          endsAt: toLocalInput(session.endsAt),
          moderation: session.moderation,
          disclosure: session.disclosure,
        }
      : this.#emptyDraft();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#form-heading')?.focus();
  }

  async #closeForm(focusId?: string): Promise<void> {
    const editing = this._form;
    this._form = null;
    await this.updateComplete;
    const target = focusId ?? editing;
    const el = target
      ? this.renderRoot.querySelector<HTMLElement>(`[data-session="${CSS.escape(target)}"] h3`)
      : this.renderRoot.querySelector<HTMLElement>('#create');
    el?.focus();
  }

  #set<K extends keyof Draft>(key: K, value: Draft[K]): void {
    const draft = { ...this._draft, [key]: value };
    if (key === 'title' && this._form === '' && !this.#idTouched) draft.id = slugify(String(value));
    if (key === 'id') this.#idTouched = true;
    this._draft = draft;
    if (this._errors[key]) {
      const { [key]: _, ...rest } = this._errors;
      this._errors = rest;
    }
  }

  async #save(event: Event): Promise<void> {
    event.preventDefault();
    const api = this.session?.api;
    if (!api || this._saving) return;
    const t = this.#terms;
    const d = this._draft;
    const creating = this._form === '';
    const id = creating ? d.id.trim() : (this._form ?? '');
    const errors: Record<string, string> = {};
    if (creating && this._sessions.some((s) => s.id === id)) errors['id'] = t.errors.idTaken;
    if (Object.keys(errors).length) return this.#showErrors(errors);
    const startsAt = fromLocalInput(d.startsAt);
    const endsAt = fromLocalInput(d.endsAt);
    const body: SessionInput = {
      title: d.title,
      description: d.description,
      moderation: d.moderation,
      disclosure: d.disclosure,
      ...(startsAt ? { startsAt } : {}),
      ...(endsAt ? { endsAt } : creating ? {} : { endsAt: null }),
    };
    this._saving = true;
    this._formError = '';
    try {
      const { data } = await api.request('putSession', {
        params: { community: this.#community, session: id || '-' },
        body,
      });
      this.toast(creating ? t.created(data.title) : t.saved(data.title), 'success');
      await this.load();
      await this.#closeForm(data.id);
    } catch (error) {
      const fields = this.#localFieldErrors(fieldErrors(error));
      if (Object.keys(fields).length) await this.#showErrors(fields);
      else {
        this._formError = this.errorText(error);
      }
    } finally {
      this._saving = false;
    }
  }

  /** The server's field errors under the form's names, in the screen's words. */
  #localFieldErrors(server: Record<string, string>): Record<string, string> {
    const t = this.#terms.errors;
    const out: Record<string, string> = {};
    for (const [path, message] of Object.entries(server)) {
      const field = path === 'session' ? 'id' : path.split('.')[0]!;
      const known = (t as Record<string, string>)[field];
      out[FIELDS.includes(field) ? field : '_'] = known ?? message;
    }
    return out;
  }

  async #showErrors(errors: Record<string, string>): Promise<void> {
    this._errors = errors;
    this._formError = this.#terms.errors.summary;
    await this.updateComplete;
    const first = FIELDS.find((f) => errors[f]);
    this.renderRoot.querySelector<HTMLElement>(first ? `#f-${first}` : '#form-error')?.focus();
  }

  // State changes -------------------------------------------------------------------------------

  async #patch(s: HostSession, body: SessionUpdate, done: string): Promise<void> {
    const api = this.session?.api;
    if (!api) return;
    this._busy = new Set([...this._busy, s.id]);
    try {
      await api.request('updateSession', {
        params: { community: this.#community, session: s.id },
        body,
      });
      this.toast(done, 'success');
      await this.load();
      await this.updateComplete;
      this.renderRoot
        .querySelector<HTMLElement>(`[data-session="${CSS.escape(s.id)}"] h3`)
        ?.focus();
    } catch (error) {
      this.toast(this.errorText(error), 'error');
    } finally {
      const busy = new Set(this._busy);
      busy.delete(s.id);
      this._busy = busy;
    }
  }

  async #askClose(s: HostSession): Promise<void> {
    this._closing = s;
    const dialog = this.renderRoot.querySelector<ConsoleConfirm>('#confirm-close');
    if (dialog && (await dialog.ask())) {
      await this.#patch(s, { state: 'ended' }, this.#terms.closed(s.title));
    }
  }

  // Rendering ----------------------------------------------------------------------------------

  override render(): TemplateResult {
    const t = this.#terms;
    const mayCreate = this.can(allRoutes.putSession.permission);
    return html`
      <div class="page-head">
        <div>
          <h1>${t.heading}</h1>
          <p class="lede">${t.lede}</p>
        </div>
        ${
          mayCreate && this._form === null
            ? html`<button
                id="create"
                class="primary"
                type="button"
                @click=${() => this.#openForm()}
              >
                ${t.create}
              </button>`
            : nothing
        }
      </div>
      ${this._form !== null ? this.#renderForm() : nothing} ${this.#renderBody()}
      <cercle-console-confirm
        id="confirm-close"
        danger
        heading=${this._closing ? t.confirmClose(this._closing.title) : ''}
        confirm-label=${t.confirmCloseButton}
        cancel-label=${this.common.cancel}
      >
        <p>${t.confirmCloseText}</p>
      </cercle-console-confirm>
    `;
  }

  #renderBody(): TemplateResult {
    const t = this.#terms;
    if (this._status === 'loading')
      return html`<p class="muted" role="status">${this.common.loading}</p>`;
    if (this._status === 'error') {
      return html`<div class="note danger" role="alert">
        <p>${t.loadFailed} ${this._loadError}</p>
        <button type="button" @click=${() => this.load()}>${this.common.retry}</button>
      </div>`;
    }
    const active = this._sessions.filter((s) => !s.archived);
    const archived = this._sessions.filter((s) => s.archived);
    return html`
      ${(['live', 'upcoming', 'past'] as const).map((group) => {
        const list = active.filter((s) => groupOf(s) === group).sort(ORDER[group]);
        return html`<section class="group" aria-labelledby="g-${group}">
          <h2 id="g-${group}">${t.groups[group]} <span class="count">(${list.length})</span></h2>
          ${
            list.length
              ? html`<div class="card">
                  <ul class="list">
                    ${list.map((s) => this.#renderItem(s))}
                  </ul>
                </div>`
              : html`<p class="empty">${t.empty[group]}</p>`
          }
        </section>`;
      })}
      ${
        archived.length
          ? html`<details class="archived">
              <summary>${t.archived(archived.length)}</summary>
              <p class="hint">${t.archivedHint}</p>
              <div class="card">
                <ul class="list">
                  ${archived.sort(ORDER.past).map((s) => this.#renderItem(s))}
                </ul>
              </div>
            </details>`
          : nothing
      }
    `;
  }

  #renderItem(s: HostSession): TemplateResult {
    const t = this.#terms;
    const f = this.fmt;
    const busy = this._busy.has(s.id);
    const mayEdit = this.can(allRoutes.putSession.permission);
    const mayModerate = this.can(allRoutes.updateSession.permission);
    const mayRun = this.can(allRoutes.hostQuestions.permission);
    const when =
      s.state === 'scheduled'
        ? t.starts(f.dateTime(s.startsAt))
        : t.started(f.dateTime(s.startsAt));
    const end =
      s.state === 'ended' && s.endedAt
        ? t.endedAt(f.dateTime(s.endedAt))
        : s.endsAt
          ? t.ends(f.dateTime(s.endsAt))
          : '';
    const tone = s.state === 'live' ? 'success' : s.state === 'scheduled' ? 'accent' : '';
    return html`<li class="item" data-session=${s.id}>
      <div class="main">
        <h3 tabindex="-1">${s.title}</h3>
        <div class="badges">
          <span class="badge ${tone}">${t.state[s.state]}</span>
          ${s.archived ? html`<span class="badge warn">${t.archivedBadge}</span>` : nothing}
          ${
            s.disclosure !== 'none'
              ? html`<span class="badge">${t.fields.disclosures[s.disclosure]}</span>`
              : nothing
          }
        </div>
        <p class="meta">
          ${when}${end ? `, ${end}` : ''} · ${t.questions(s.questionCount)} ·
          ${t.moderation[s.moderation]} · <span class="mono">${s.id}</span>
        </p>
      </div>
      <div class="row-actions">
        ${
          mayRun && !s.archived && s.state !== 'ended'
            ? html`<a
                class="button ${s.state === 'live' ? 'primary' : ''}"
                href=${href('live', s.id)}
                >${t.runLive}<span class="sr-only">: ${s.title}</span></a
              >`
            : nothing
        }
        ${
          mayModerate && s.state === 'scheduled' && !s.archived
            ? this.#button(t.open, s, busy, () =>
                this.#patch(s, { state: 'live' }, t.opened(s.title)),
              )
            : nothing
        }
        ${
          mayModerate && s.state === 'live'
            ? this.#button(t.close, s, busy, () => this.#askClose(s), 'danger')
            : nothing
        }
        ${mayEdit && !s.archived ? this.#button(t.edit, s, busy, () => this.#openForm(s)) : nothing}
        ${
          mayModerate
            ? s.archived
              ? this.#button(t.restore, s, busy, () =>
                  this.#patch(s, { archived: false }, t.restored(s.title)),
                )
              : s.state !== 'live'
                ? this.#button(t.archive, s, busy, () =>
                    this.#patch(s, { archived: true }, t.archivedDone(s.title)),
                  )
                : nothing
            : nothing
        }
      </div>
    </li>`;
  }

  #button(
    label: string,
    s: HostSession,
    busy: boolean,
    action: () => unknown,
    tone = '',
  ): TemplateResult {
    return html`<button
      type="button"
      class=${tone}
      aria-label=${this.#terms.named(label, s.title)}
      ?disabled=${busy}
      @click=${action}
    >
      ${label}
    </button>`;
  }

  #field(name: keyof Draft, label: string, control: TemplateResult, hint?: string): TemplateResult {
    const error = this._errors[name];
    return html`<div class="field">
      <label for="f-${name}">${label}</label>
      ${control} ${hint ? html`<p class="hint" id="f-${name}-hint">${hint}</p>` : nothing}
      ${error ? html`<p class="error" id="f-${name}-error">${error}</p>` : nothing}
    </div>`;
  }

  #describedBy(name: keyof Draft, hint = false): string {
    return [hint ? `f-${name}-hint` : '', this._errors[name] ? `f-${name}-error` : '']
      .filter(Boolean)
      .join(' ');
  }

  #renderForm(): TemplateResult {
    const t = this.#terms;
    const d = this._draft;
    const creating = this._form === '';
    const editing = this._sessions.find((s) => s.id === this._form);
    const invalid = (name: keyof Draft) => (this._errors[name] ? 'true' : 'false');
    const text = (name: 'title' | 'id', extra: { hint?: boolean; max: number }) =>
      html`<input
        id="f-${name}"
        name=${name}
        autocomplete="off"
        maxlength=${extra.max}
        required
        aria-invalid=${invalid(name)}
        aria-describedby=${this.#describedBy(name, extra.hint)}
        .value=${d[name]}
        @input=${(e: Event) => this.#set(name, (e.target as HTMLInputElement).value)}
      />`;
    const dateInput = (name: 'startsAt' | 'endsAt', required: boolean) =>
      html`<input
        id="f-${name}"
        name=${name}
        type="datetime-local"
        ?required=${required}
        aria-invalid=${invalid(name)}
        aria-describedby=${this.#describedBy(name, true)}
        .value=${d[name]}
        @input=${(e: Event) => this.#set(name, (e.target as HTMLInputElement).value)}
      />`;
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    return html`<section class="card form-card" aria-labelledby="form-heading">
      <h2 id="form-heading" tabindex="-1">
        ${creating ? t.formNew : t.formEdit(editing?.title ?? d.title)}
      </h2>
      <form novalidate @submit=${(e: Event) => this.#save(e)}>
        ${
          this._formError
            ? html`<div class="note danger" id="form-error" tabindex="-1" role="alert">
                <p>${this._formError}</p>
                ${this._errors['_'] ? html`<p>${this._errors['_']}</p>` : nothing}
              </div>`
            : nothing
        }
        <div class="fields">
          ${this.#field('title', t.fields.title, text('title', { max: 140 }))}
          ${
            creating
              ? this.#field('id', t.fields.id, text('id', { hint: true, max: 64 }), t.fields.idHint)
              : nothing
          }
          ${this.#field(
            'description',
            `${t.fields.description} ${this.common.optional}`,
            html`<textarea
              id="f-description"
              name="description"
              maxlength="2000"
              rows="3"
              aria-invalid=${invalid('description')}
              aria-describedby=${this.#describedBy('description')}
              .value=${d.description}
              @input=${(e: Event) => this.#set('description', (e.target as HTMLTextAreaElement).value)}
            ></textarea>`,
          )}
          <div class="two">
            ${this.#field('startsAt', t.fields.startsAt, dateInput('startsAt', true), t.fields.zone(zone))}
            ${this.#field(
              'endsAt',
              `${t.fields.endsAt} ${this.common.optional}`,
              dateInput('endsAt', false),
              t.fields.endsAtHint,
            )}
          </div>
          <fieldset>
            <legend>${t.fields.moderation}</legend>
            <div class="radios">
              ${(['post', 'pre'] as const).map(
                (m) =>
                  html`<label class="check">
                    <input
                      type="radio"
                      name="moderation"
                      value=${m}
                      .checked=${d.moderation === m}
                      @change=${() => this.#set('moderation', m)}
                    />
                    <span>${m === 'post' ? t.fields.moderationPost : t.fields.moderationPre}</span>
                  </label>`,
              )}
            </div>
          </fieldset>
          ${this.#field(
            'disclosure',
            t.fields.disclosure,
            html`<select
              id="f-disclosure"
              name="disclosure"
              aria-invalid=${invalid('disclosure')}
              aria-describedby=${this.#describedBy('disclosure')}
              @change=${(e: Event) =>
                this.#set('disclosure', (e.target as HTMLSelectElement).value as Disclosure)}
            >
              ${(['none', 'publicite', 'collaboration-commerciale'] as const).map(
                (v) =>
                  html`<option value=${v} ?selected=${d.disclosure === v}>
                    ${t.fields.disclosures[v]}
                  </option>`,
              )}
            </select>`,
          )}
        </div>
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this._saving}>
            ${this._saving ? this.common.saving : t.save}
          </button>
          <button type="button" @click=${() => this.#closeForm()}>${this.common.cancel}</button>
        </div>
      </form>
    </section>`;
  }
}

defineScreen('cercle-console-sessions', ConsoleSessions);

declare global {
  interface HTMLElementTagNameMap {
    'cercle-console-sessions': ConsoleSessions;
  }
}
