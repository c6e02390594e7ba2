/**
 * `<cercle-console-settings>`: the community's settings (`GET …/host/settings`), one section
 * per form, each saved on its own with `PATCH …/host/settings` carrying only the fields that
 * changed (so an untouched consent text never records a new version). Owners edit
 * (`settings`); other hosts read. A refused save keeps every typed value and shows the
 * server's message next to its field (`aria-describedby`). Also the embed snippet and
 * archive / restore with a confirmation.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { HostCommunity, InviteKind } from '@cercle/client/contract';
import { ConsoleCommunityEvent, ConsoleScreen, defineScreen, fieldErrors } from '../screen.js';
import type { ConsoleConfirm } from '../ui/dialog.js';
import '../ui/dialog.js';
import './settings/embed.js';
import { terms, type SettingsTerms } from './settings/terms.js';
import {
  draftOf,
  fieldKeys,
  KINDS,
  nextInviteKey,
  SECTION_FIELDS,
  sectionPatch,
  type Draft,
  type InviteDraft,
  type Section,
} from './settings/draft.js';

export class ConsoleSettingsScreen extends ConsoleScreen {
  static override properties = {
    ...ConsoleScreen.properties,
    _community: { state: true },
    _draft: { state: true },
    _errors: { state: true },
    _busy: { state: true },
    _loadError: { state: true },
  };

  declare _community: HostCommunity | undefined;
  declare _draft: Draft | undefined;
  /** Field errors by field key (`allowedOrigins`, `invites.0.url`…). */
  declare _errors: Record<string, string>;
  declare _busy: Section | 'archive' | undefined;
  declare _loadError: string;

  constructor() {
    super();
    this._errors = {};
    this._loadError = '';
  }

  get #t(): SettingsTerms {
    return this.t(terms);
  }

  get #editable(): boolean {
    return this.can('settings');
  }

  protected override async load(): Promise<void> {
    const session = this.session!;
    // Show what the shell knows at once, then the fresh copy.
    this.#adopt(session.community);
    try {
      const { data } = await session.api.request('hostSettings', {
        params: { community: session.community.slug },
      });
      this.#adopt(data);
      this._loadError = '';
    } catch (error) {
      this._loadError = this.errorText(error);
    }
  }

  /** Takes a fresh community; resets the draft of `fields` (default: every field). */
  #adopt(community: HostCommunity, fields?: (keyof Draft)[]) {
    this._community = community;
    const fresh = draftOf(community);
    if (!this._draft || fields === undefined) {
      this._draft = fresh;
      return;
    }
    const draft = { ...this._draft } as Record<keyof Draft, unknown>;
    for (const f of fields) draft[f] = fresh[f];
    this._draft = draft as unknown as Draft;
  }

  #set<K extends keyof Draft>(field: K, value: Draft[K]) {
    this._draft = { ...this._draft!, [field]: value };
  }

  #input(field: keyof Draft) {
    return (e: Event) => this.#set(field, (e.target as HTMLInputElement).value);
  }

  #clearErrors(section: Section) {
    const prefixes = SECTION_FIELDS[section];
    this._errors = Object.fromEntries(
      Object.entries(this._errors).filter(
        ([k]) => !prefixes.some((p) => k === p || k.startsWith(`${p}.`)),
      ),
    );
  }

  async #save(section: Section, e: Event) {
    e.preventDefault();
    if (!this.#editable || this._busy) return;
    const t = this.#t;
    const name = t.sections[section];
    this.#clearErrors(section);
    const { body, errors } = sectionPatch(section, this._draft!, this._community!, this.#t);
    if (Object.keys(errors).length) {
      this._errors = { ...this._errors, ...errors };
      await this.#focusFirstError(section);
      return;
    }
    if (Object.keys(body).length === 0) {
      this.toast(t.nothingChanged);
      return;
    }
    this._busy = section;
    try {
      const { data } = await this.session!.api.request('updateSettings', {
        params: { community: this._community!.slug },
        body,
      });
      this.#adopt(data, SECTION_FIELDS[section]);
      this.dispatchEvent(new ConsoleCommunityEvent(data));
      this.toast(t.savedSection(name), 'success');
    } catch (error) {
      const mapped = fieldKeys(fieldErrors(error), this.#t);
      if (Object.keys(mapped).length) {
        this._errors = { ...this._errors, ...mapped };
        this.toast(t.fixFields, 'error');
        await this.#focusFirstError(section);
      } else {
        this.toast(this.errorText(error), 'error');
      }
    } finally {
      this._busy = undefined;
    }
  }

  async #focusFirstError(section: Section) {
    await this.updateComplete;
    this.renderRoot
      .querySelector<HTMLElement>(`#section-${section} [aria-invalid='true']`)
      ?.focus();
  }

  async #archive(archived: boolean) {
    const t = this.#t;
    if (archived) {
      const dialog = this.renderRoot.querySelector<ConsoleConfirm>('#confirm-archive')!;
      if (!(await dialog.ask())) return;
    }
    this._busy = 'archive';
    try {
      const { data } = await this.session!.api.request('updateSettings', {
        params: { community: this._community!.slug },
        body: { archived },
      });
      this.#adopt(data, []);
      this.dispatchEvent(new ConsoleCommunityEvent(data));
      this.toast(archived ? t.archivedDone : t.restoredDone, 'success');
    } catch (error) {
      this.toast(this.errorText(error), 'error');
    } finally {
      this._busy = undefined;
    }
  }

  // Rendering ------------------------------------------------------------------------------

  /** `aria-describedby` and `aria-invalid` of a field with a hint and maybe an error. */
  #describe(key: string, hint = true) {
    const ids = [this._errors[key] ? `err-${key}` : '', hint ? `hint-${key}` : '']
      .filter(Boolean)
      .join(' ');
    return { describedBy: ids || undefined, invalid: this._errors[key] ? 'true' : 'false' };
  }

  #error(key: string) {
    const message = this._errors[key];
    return message ? html`<p class="error" id=${`err-${key}`}>${message}</p>` : nothing;
  }

  #text(
    key: keyof Draft,
    label: string,
    hint?: string,
    options: { type?: string; inputmode?: string; autocomplete?: string } = {},
  ) {
    const d = this.#describe(key, Boolean(hint));
    return html`<div class="field">
      <label for=${`f-${key}`}>${label}</label>
      <input
        id=${`f-${key}`}
        name=${key}
        type=${options.type ?? 'text'}
        inputmode=${ifDefined(options.inputmode)}
        autocomplete=${options.autocomplete ?? 'off'}
        ?readonly=${!this.#editable}
        aria-invalid=${d.invalid}
        aria-describedby=${ifDefined(d.describedBy)}
        .value=${this._draft![key]}
        @input=${this.#input(key)}
      />
      ${hint ? html`<p class="hint" id=${`hint-${key}`}>${hint}</p>` : nothing} ${this.#error(key)}
    </div>`;
  }

  #radios<K extends 'whenFull' | 'questionModeration' | 'testimonialModeration'>(
    key: K,
    legend: string,
    options: [Draft[K], string][],
  ) {
    return html`<fieldset>
      <legend>${legend}</legend>
      <div class="radios">
        ${options.map(
          ([value, label]) =>
            html`<label class="check">
              <input
                type="radio"
                name=${key}
                value=${value}
                ?disabled=${!this.#editable}
                .checked=${this._draft![key] === value}
                @change=${() => this.#set(key, value)}
              />
              <span>${label}</span>
            </label>`,
        )}
      </div>
      ${this.#error(key)}
    </fieldset>`;
  }

  #section(section: Section, body: TemplateResult, lede?: TemplateResult | string) {
    const t = this.#t;
    const title = t.sections[section];
    return html`<section class="card" id=${`section-${section}`} aria-labelledby=${`h-${section}`}>
      <h2 id=${`h-${section}`}>${title}</h2>
      ${lede ? html`<p class="muted">${lede}</p>` : nothing}
      <form novalidate @submit=${(e: Event) => this.#save(section, e)}>
        <div class="fields">${body}</div>
        ${
          this.#editable
            ? html`<div class="actions">
                <button class="primary" type="submit" ?disabled=${this._busy === section}>
                  ${this._busy === section ? this.common.saving : t.saveSection(title)}
                </button>
              </div>`
            : nothing
        }
      </form>
    </section>`;
  }

  #consent() {
    const t = this.#t;
    const c = this._community!;
    const d = this.#describe('consentText');
    return html`<div class="field">
        <label for="f-consentText">${t.consentText}</label>
        <textarea
          id="f-consentText"
          name="consentText"
          rows="5"
          ?readonly=${!this.#editable}
          aria-invalid=${d.invalid}
          aria-describedby=${`${d.describedBy ?? ''} consent-note`.trim()}
          .value=${this._draft!.consentText}
          @input=${this.#input('consentText')}
        ></textarea>
        <p class="hint" id="hint-consentText">${t.consentHint}</p>
        ${this.#error('consentText')}
      </div>
      <p class="note" id="consent-note">
        ${t.consentNote} <strong>${t.consentVersion(c.consentVersion)}</strong>
      </p>
      <div>
        <h3>${t.history}</h3>
        <ul class="list" id="consent-history">
          ${c.consentHistory.map(
            (r) =>
              html`<li>
                <div class="main">
                  <p>
                    <strong>${t.historyVersion(r.version)}</strong>
                    ${
                      r.version === c.consentVersion
                        ? html`<span class="badge accent">${t.current}</span>`
                        : nothing
                    }
                  </p>
                  <p class="meta">
                    ${t.historyMembers(this.fmt.number(r.members))} ·
                    ${t.historyCreated(this.fmt.dateTime(r.createdAt))}
                  </p>
                  ${
                    r.text
                      ? html`<details>
                          <summary>${t.showText}</summary>
                          <p class="small">${r.text}</p>
                        </details>`
                      : html`<p class="meta">${t.builtIn}</p>`
                  }
                </div>
              </li>`,
          )}
        </ul>
      </div>`;
  }

  #invites() {
    const t = this.#t;
    const invites = this._draft!.invites;
    // Read the draft when the event comes, not when rendered: two quick edits both count.
    const current = () => this._draft!.invites;
    const update = (i: number, patch: Partial<InviteDraft>) =>
      this.#set(
        'invites',
        current().map((row, j) => (j === i ? { ...row, ...patch } : row)),
      );
    const remove = async (i: number) => {
      this.#set(
        'invites',
        current().filter((_, j) => j !== i),
      );
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#add-invite')?.focus();
    };
    const add = async () => {
      this.#set('invites', [
        ...current(),
        { key: nextInviteKey(), kind: 'web', label: '', url: '' },
      ]);
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(`#invite-${invites.length}-kind`)?.focus();
    };
    return html`${invites.length === 0 ? html`<p class="empty">${t.noInvites}</p>` : nothing}
    ${invites.map((row, i) => {
      const id = (f: string) => `invite-${i}-${f}`;
      const field = (f: 'label' | 'url') => {
        const key = `invites.${i}.${f}`;
        const err = this._errors[key];
        return html`<div class="field">
          <label for=${id(f)}>${f === 'label' ? t.label : t.url}</label>
          <input
            id=${id(f)}
            type=${f === 'url' ? 'url' : 'text'}
            ?readonly=${!this.#editable}
            aria-invalid=${err ? 'true' : 'false'}
            aria-describedby=${ifDefined(err ? `err-${key}` : undefined)}
            .value=${row[f]}
            @input=${(e: Event) => update(i, { [f]: (e.target as HTMLInputElement).value })}
          />
          ${err ? html`<p class="error" id=${`err-${key}`}>${err}</p>` : nothing}
        </div>`;
      };
      return html`<fieldset class="invite">
        <legend>${t.inviteRow(i + 1)}</legend>
        <div class="two">
          <div class="field">
            <label for=${id('kind')}>${t.kind}</label>
            <select
              id=${id('kind')}
              ?disabled=${!this.#editable}
              @change=${(e: Event) =>
                update(i, { kind: (e.target as HTMLSelectElement).value as InviteKind })}
            >
              ${KINDS.map(
                (k) => html`<option value=${k} ?selected=${row.kind === k}>${t.kinds[k]}</option>`,
              )}
            </select>
          </div>
          ${field('label')} ${field('url')}
        </div>
        ${
          this._errors[`invites.${i}.kind`]
            ? html`<p class="error">${this._errors[`invites.${i}.kind`]}</p>`
            : nothing
        }
        ${
          this.#editable
            ? html`<div class="actions">
                <button type="button" class="danger small" @click=${() => remove(i)}>
                  ${t.removeInvite(i + 1)}
                </button>
              </div>`
            : nothing
        }
      </fieldset>`;
    })}
    ${this._errors['invites'] ? html`<p class="error">${this._errors['invites']}</p>` : nothing}
    ${
      this.#editable
        ? html`<div>
            <button type="button" id="add-invite" @click=${add}>${t.addInvite}</button>
          </div>`
        : nothing
    }`;
  }

  #archiveSection() {
    const t = this.#t;
    const c = this._community!;
    return html`<section class="card" id="section-archive" aria-labelledby="h-archive">
      <h2 id="h-archive">${t.sections.archive}</h2>
      <p class="muted">${t.archiveLede}</p>
      ${c.archived ? html`<p class="note warn">${t.archivedNow}</p>` : nothing}
      ${
        this.#editable
          ? html`<div class="actions">
              ${
                c.archived
                  ? html`<button
                      type="button"
                      class="primary"
                      ?disabled=${this._busy === 'archive'}
                      @click=${() => this.#archive(false)}
                    >
                      ${t.restoreButton}
                    </button>`
                  : html`<button
                      type="button"
                      class="danger"
                      ?disabled=${this._busy === 'archive'}
                      @click=${() => this.#archive(true)}
                    >
                      ${t.archiveButton}
                    </button>`
              }
            </div>`
          : nothing
      }
      <cercle-console-confirm
        id="confirm-archive"
        danger
        .heading=${t.confirmArchive(c.name)}
        .confirmLabel=${t.confirmArchiveButton}
        .cancelLabel=${this.common.cancel}
      >
        <p>${t.confirmArchiveText}</p>
      </cercle-console-confirm>
    </section>`;
  }

  override render() {
    const t = this.#t;
    const c = this._community;
    const d = this._draft;
    const head = html`<div class="page-head">
      <div>
        <h1>${t.title}</h1>
        <p class="muted">${t.lede}</p>
      </div>
    </div>`;
    if (!c || !d) {
      return html`${head}
        <p class="muted">${this._loadError || this.common.loading}</p>`;
    }
    return html`${head}
      ${this.#editable ? nothing : html`<p class="note">${this.common.readOnly}</p>`}
      ${this._loadError ? html`<p class="note danger">${t.loadFailed} ${this._loadError}</p>` : nothing}
      ${this.#section(
        'community',
        html`${this.#text('name', t.name, undefined, { autocomplete: 'organization' })}
        ${this.#text('tagline', t.tagline, t.taglineHint)}
        ${this.#text('defaultLocale', t.defaultLocale, t.defaultLocaleHint)}`,
      )}
      ${this.#section(
        'joining',
        html`${this.#text('capacity', t.capacity, t.capacityHint, { inputmode: 'numeric' })}
          <p class="hint">${t.memberCount(this.fmt.number(c.memberCount))}</p>
          ${this.#radios('whenFull', t.whenFull, [
            ['waitlist', t.waitlist],
            ['closed', t.closed],
          ])}`,
      )}
      ${this.#section(
        'origins',
        html`<div class="field">
          <label for="f-allowedOrigins">${t.origins}</label>
          <textarea
            id="f-allowedOrigins"
            name="allowedOrigins"
            class="code"
            rows="4"
            spellcheck="false"
            ?readonly=${!this.#editable}
            aria-invalid=${this.#describe('allowedOrigins').invalid}
            aria-describedby=${ifDefined(this.#describe('allowedOrigins').describedBy)}
            .value=${d.allowedOrigins}
            @input=${this.#input('allowedOrigins')}
          ></textarea>
          <p class="hint" id="hint-allowedOrigins">${t.originsHint}</p>
          ${this.#error('allowedOrigins')}
        </div>`,
      )}
      ${this.#section(
        'policies',
        html`${this.#text('privacyPolicyUrl', t.privacyPolicyUrl, t.privacyHint, { type: 'url' })}
        ${this.#text('reviewPolicyUrl', t.reviewPolicyUrl, t.reviewHint, { type: 'url' })}`,
      )}
      ${this.#section('consent', this.#consent())}
      ${this.#section('invites', this.#invites(), t.invitesHint)}
      ${this.#section(
        'moderation',
        html`${this.#radios('questionModeration', t.questionModeration, [
          ['post', t.post],
          ['pre', t.pre],
        ])}
        ${this.#radios('testimonialModeration', t.testimonialModeration, [
          ['post', t.post],
          ['pre', t.pre],
        ])}`,
      )}
      <section class="card" aria-labelledby="h-embed">
        <h2 id="h-embed">${t.sections.embed}</h2>
        <cercle-console-embed .session=${this.session}></cercle-console-embed>
      </section>
      ${this.#archiveSection()}`;
  }
}

defineScreen('cercle-console-settings', ConsoleSettingsScreen);

declare global {
  interface HTMLElementTagNameMap {
    'cercle-console-settings': ConsoleSettingsScreen;
  }
}
