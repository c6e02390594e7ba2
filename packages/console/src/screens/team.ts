/**
 * `<cercle-console-team>` (owner, `team`): the hosts and their roles (change a role, revoke
 * with a confirmation), the pending invitations (revoke), and the invite form, which shows
 * the single-use link `<origin>/console/#/accept?community=…&token=…` once. The token rides
 * in the fragment, so it never reaches a server log or a `Referer`.
 */
import { html, nothing } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import {
  INVITATION_HOURS_DEFAULT,
  INVITATION_HOURS_MAX,
  type CreatedInvitation,
  type HostAccount,
  type Invitation,
  type Team,
} from '@cercle/client/admin';
import { CercleError } from '@cercle/client';
import { HOST_ROLES, type HostRole } from '@cercle/client/contract';
import { ConsoleScreen, defineScreen, fieldErrors } from '../screen.js';
import type { ConsoleConfirm } from '../ui/dialog.js';
import '../ui/dialog.js';
import '../ui/copy.js';
import { terms, type TeamTerms } from './team/terms.js';

interface InviteDraft {
  role: HostRole;
  name: string;
  email: string;
  hours: string;
}

const emptyInvite = (): InviteDraft => ({
  role: 'moderator',
  name: '',
  email: '',
  hours: String(INVITATION_HOURS_DEFAULT),
});

/** Where the console lives: `<origin>/console/` (or the path this page is served from). */
export function consoleUrl(loc: Location = location): string {
  const at = loc.pathname.indexOf('/console/');
  const path = at === -1 ? '/console/' : loc.pathname.slice(0, at + '/console/'.length);
  return `${loc.origin}${path}`;
}

/** The link an invitee opens: the token in the fragment; `?api=` when the API is elsewhere. */
export function invitationLink(
  community: string,
  token: string,
  apiBase: string,
  loc: Location = location,
): string {
  const query = apiBase !== loc.origin ? `?api=${encodeURIComponent(apiBase)}` : '';
  const fragment = new URLSearchParams({ community, token }).toString();
  return `${consoleUrl(loc)}${query}#/accept?${fragment}`;
}

export class ConsoleTeamScreen extends ConsoleScreen {
  static override properties = {
    ...ConsoleScreen.properties,
    _team: { state: true },
    _loadError: { state: true },
    _roles: { state: true },
    _invite: { state: true },
    _inviteErrors: { state: true },
    _created: { state: true },
    _busy: { state: true },
    _pendingRevoke: { state: true },
  };

  declare _team: Team | undefined;
  declare _loadError: string;
  /** Role picked in each host's select, before "Change role". */
  declare _roles: Record<string, HostRole>;
  declare _invite: InviteDraft;
  declare _inviteErrors: Record<string, string>;
  declare _created: { link: string; invitation: Invitation } | undefined;
  declare _busy: string | undefined;
  /** The host the revoke dialog is about. */
  declare _pendingRevoke: HostAccount | undefined;

  constructor() {
    super();
    this._loadError = '';
    this._roles = {};
    this._invite = emptyInvite();
    this._inviteErrors = {};
  }

  get #t(): TeamTerms {
    return this.t(terms);
  }

  get #slug(): string {
    return this.session!.community.slug;
  }

  protected override async load(): Promise<void> {
    try {
      const { data } = await this.session!.api.request('team', {
        params: { community: this.#slug },
      });
      this._team = data;
      this._loadError = '';
    } catch (error) {
      this._loadError = this.errorText(error);
    }
  }

  #failure(error: unknown): string {
    if (error instanceof CercleError && error.code === 'conflict') return this.#t.lastOwner;
    return this.errorText(error);
  }

  async #changeRole(host: HostAccount) {
    const t = this.#t;
    const role = this._roles[host.id] ?? host.role;
    if (role === host.role) {
      this.toast(t.sameRole);
      return;
    }
    this._busy = `role-${host.id}`;
    try {
      await this.session!.api.request('updateHost', {
        params: { community: this.#slug, host: host.id },
        body: { role },
      });
      this.toast(t.roleChanged(host.name, t.roles[role] ?? role), 'success');
      const { [host.id]: _, ...rest } = this._roles;
      this._roles = rest;
      await this.load();
    } catch (error) {
      this.toast(this.#failure(error), 'error');
    } finally {
      this._busy = undefined;
    }
  }

  async #revokeHost(host: HostAccount) {
    const t = this.#t;
    this._pendingRevoke = host;
    await this.updateComplete;
    const dialog = this.renderRoot.querySelector<ConsoleConfirm>('#confirm-revoke')!;
    if (!(await dialog.ask())) return;
    this._busy = `revoke-${host.id}`;
    try {
      await this.session!.api.request('revokeHost', {
        params: { community: this.#slug, host: host.id },
      });
      this.toast(t.revoked(host.name), 'success');
      if (host.id !== this.session!.host.id) await this.load();
    } catch (error) {
      this.toast(this.#failure(error), 'error');
    } finally {
      this._busy = undefined;
    }
  }

  async #revokeInvitation(invitation: Invitation) {
    this._busy = `inv-${invitation.id}`;
    try {
      await this.session!.api.request('revokeInvitation', {
        params: { community: this.#slug, invitation: invitation.id },
      });
      this.toast(this.#t.invitationRevoked, 'success');
      await this.load();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#h-pending')?.focus();
    } catch (error) {
      this.toast(this.errorText(error), 'error');
    } finally {
      this._busy = undefined;
    }
  }

  async #sendInvite(e: Event) {
    e.preventDefault();
    const t = this.#t;
    const d = this._invite;
    const errors: Record<string, string> = {};
    const hours = d.hours.trim() === '' ? INVITATION_HOURS_DEFAULT : Number(d.hours);
    if (!Number.isInteger(hours) || hours < 1 || hours > INVITATION_HOURS_MAX) {
      errors['expiresInHours'] = t.expiryInvalid;
    }
    this._inviteErrors = errors;
    if (Object.keys(errors).length) return this.#focusInviteError();
    this._busy = 'invite';
    try {
      const { data } = await this.session!.api.request('invite', {
        params: { community: this.#slug },
        body: {
          role: d.role,
          expiresInHours: hours,
          ...(d.name.trim() ? { name: d.name.trim() } : {}),
          ...(d.email.trim() ? { email: d.email.trim() } : {}),
        },
      });
      this.#showLink(data);
      this._invite = emptyInvite();
      this.toast(t.created, 'success');
      await this.load();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#created h2')?.focus();
    } catch (error) {
      const fields = fieldErrors(error);
      if (Object.keys(fields).length) {
        this._inviteErrors = fields;
        this.toast(this.common.errors.validation, 'error');
        await this.#focusInviteError();
      } else this.toast(this.errorText(error), 'error');
    } finally {
      this._busy = undefined;
    }
  }

  #showLink(created: CreatedInvitation) {
    this._created = {
      invitation: created.invitation,
      link: invitationLink(this.#slug, created.token, this.session!.api.base),
    };
  }

  async #focusInviteError() {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#invite-form [aria-invalid="true"]')?.focus();
  }

  // Rendering ------------------------------------------------------------------------------

  #host(host: HostAccount, hosts: HostAccount[]) {
    const t = this.#t;
    const self = host.id === this.session!.host.id;
    const picked = this._roles[host.id] ?? host.role;
    const inviter =
      host.invitedBy === 'operator' ? t.operator : hosts.find((h) => h.id === host.invitedBy)?.name;
    const selectId = `role-${host.id}`;
    return html`<li data-host=${host.id}>
      <div class="main">
        <p>
          <strong>${host.name}</strong>
          ${self ? html`<span class="badge accent">${t.you}</span>` : nothing}
          <span class="badge">${t.roles[host.role] ?? host.role}</span>
        </p>
        <p class="meta">
          ${host.email ? html`${host.email} · ` : nothing}${t.since(this.fmt.date(host.createdAt))}${
            inviter ? html` · ${t.invitedBy(inviter)}` : nothing
          }
        </p>
      </div>
      <div class="toolbar">
        <label class="sr-only" for=${selectId}>${t.roleOf(host.name)}</label>
        <select
          id=${selectId}
          class="role-select"
          @change=${(e: Event) =>
            (this._roles = {
              ...this._roles,
              [host.id]: (e.target as HTMLSelectElement).value as HostRole,
            })}
        >
          ${HOST_ROLES.map(
            (r) => html`<option value=${r} ?selected=${picked === r}>${t.roles[r]}</option>`,
          )}
        </select>
        <button
          type="button"
          class="small"
          ?disabled=${this._busy === `role-${host.id}`}
          @click=${() => this.#changeRole(host)}
        >
          ${t.changeRole}<span class="sr-only">: ${host.name}</span>
        </button>
        <button
          type="button"
          class="danger small"
          ?disabled=${this._busy === `revoke-${host.id}`}
          @click=${() => this.#revokeHost(host)}
        >
          ${t.revoke}<span class="sr-only"> ${host.name}</span>
        </button>
      </div>
    </li>`;
  }

  #invitation(inv: Invitation) {
    const t = this.#t;
    const name = inv.name ?? inv.email ?? t.unnamed;
    return html`<li data-invitation=${inv.id}>
      <div class="main">
        <p><strong>${name}</strong> <span class="badge">${t.roles[inv.role] ?? inv.role}</span></p>
        <p class="meta">
          ${inv.email && inv.name ? html`${inv.email} · ` : nothing}${t.expires(
            this.fmt.dateTime(inv.expiresAt),
          )}
        </p>
      </div>
      <button
        type="button"
        class="danger small"
        ?disabled=${this._busy === `inv-${inv.id}`}
        @click=${() => this.#revokeInvitation(inv)}
      >
        ${t.revokeInvitation}<span class="sr-only">: ${name}</span>
      </button>
    </li>`;
  }

  #field(key: 'name' | 'email' | 'expiresInHours', label: string, input: unknown, hint?: string) {
    const err = this._inviteErrors[key];
    return html`<div class="field">
      <label for=${`invite-${key}`}>${label}</label>
      ${input} ${hint ? html`<p class="hint" id=${`hint-${key}`}>${hint}</p>` : nothing}
      ${err ? html`<p class="error" id=${`err-${key}`}>${err}</p>` : nothing}
    </div>`;
  }

  #aria(key: string, hint: boolean) {
    const err = this._inviteErrors[key];
    const ids = [err ? `err-${key}` : '', hint ? `hint-${key}` : ''].filter(Boolean).join(' ');
    return { invalid: err ? 'true' : 'false', describedBy: ids || undefined };
  }

  #inviteForm() {
    const t = this.#t;
    const d = this._invite;
    const set = (patch: Partial<InviteDraft>) => (this._invite = { ...this._invite, ...patch });
    const name = this.#aria('name', true);
    const email = this.#aria('email', false);
    const hours = this.#aria('expiresInHours', true);
    return html`<section class="card" aria-labelledby="h-invite">
      <h2 id="h-invite">${t.invite}</h2>
      <p class="muted">${t.inviteLede}</p>
      <form id="invite-form" novalidate @submit=${this.#sendInvite}>
        <div class="fields">
          <fieldset>
            <legend>${t.role}</legend>
            <div class="stack">
              ${HOST_ROLES.map(
                (r) =>
                  html`<label class="check">
                    <input
                      type="radio"
                      name="role"
                      value=${r}
                      .checked=${d.role === r}
                      @change=${() => set({ role: r })}
                    />
                    <span><strong>${t.roles[r]}</strong> — ${t.roleHelp[r]}</span>
                  </label>`,
              )}
            </div>
          </fieldset>
          <div class="two">
            ${this.#field(
              'name',
              t.name,
              html`<input
                id="invite-name"
                autocomplete="off"
                aria-invalid=${name.invalid}
                aria-describedby=${ifDefined(name.describedBy)}
                .value=${d.name}
                @input=${(e: Event) => set({ name: (e.target as HTMLInputElement).value })}
              />`,
              t.nameHint,
            )}
            ${this.#field(
              'email',
              `${t.email} ${this.common.optional}`,
              html`<input
                id="invite-email"
                type="email"
                autocomplete="off"
                aria-invalid=${email.invalid}
                aria-describedby=${ifDefined(email.describedBy)}
                .value=${d.email}
                @input=${(e: Event) => set({ email: (e.target as HTMLInputElement).value })}
              />`,
            )}
            ${this.#field(
              'expiresInHours',
              t.expiry,
              html`<input
                id="invite-expiresInHours"
                inputmode="numeric"
                aria-invalid=${hours.invalid}
                aria-describedby=${ifDefined(hours.describedBy)}
                .value=${d.hours}
                @input=${(e: Event) => set({ hours: (e.target as HTMLInputElement).value })}
              />`,
              t.expiryHint,
            )}
          </div>
        </div>
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this._busy === 'invite'}>
            ${this._busy === 'invite' ? t.creating : t.send}
          </button>
        </div>
      </form>
    </section>`;
  }

  #createdCard() {
    const t = this.#t;
    const created = this._created;
    if (!created) return nothing;
    return html`<section class="card" id="created" aria-labelledby="h-created">
      <h2 id="h-created" tabindex="-1">${t.created}</h2>
      <cercle-console-copy
        .locale=${this.locale}
        .label=${t.linkLabel}
        .value=${created.link}
        .hint=${t.linkNote(this.fmt.dateTime(created.invitation.expiresAt))}
      ></cercle-console-copy>
      <div class="actions">
        <button type="button" @click=${() => (this._created = undefined)}>${t.done}</button>
      </div>
    </section>`;
  }

  override render() {
    const t = this.#t;
    const team = this._team;
    const pending = this._pendingRevoke;
    return html`<div class="page-head">
        <div>
          <h1>${t.title}</h1>
          <p class="muted">${t.lede}</p>
        </div>
      </div>
      ${this._loadError ? html`<p class="note danger">${this._loadError}</p>` : nothing}
      ${this.#createdCard()}
      <section class="card" aria-labelledby="h-hosts">
        <h2 id="h-hosts">${t.hosts}</h2>
        ${
          team
            ? html`<ul class="list" id="hosts">
                ${team.hosts.map((h) => this.#host(h, team.hosts))}
              </ul>`
            : html`<p class="muted">${this.common.loading}</p>`
        }
      </section>
      <section class="card" aria-labelledby="h-pending">
        <h2 id="h-pending" tabindex="-1">${t.pending}</h2>
        ${
          team
            ? team.invitations.length
              ? html`<ul class="list" id="invitations">
                  ${team.invitations.map((i) => this.#invitation(i))}
                </ul>`
              : html`<p class="empty">${t.noPending}</p>`
            : nothing
        }
      </section>
      ${this.#inviteForm()}
      <cercle-console-confirm
        id="confirm-revoke"
        danger
        .heading=${pending ? t.confirmRevoke(pending.name) : ''}
        .confirmLabel=${t.confirmRevokeButton}
        .cancelLabel=${this.common.cancel}
      >
        <p>${t.confirmRevokeText}</p>
        ${
          pending && pending.id === this.session?.host.id
            ? html`<p class="note warn">${t.confirmRevokeSelf}</p>`
            : nothing
        }
      </cercle-console-confirm>`;
  }
}

defineScreen('cercle-console-team', ConsoleTeamScreen);

declare global {
  interface HTMLElementTagNameMap {
    'cercle-console-team': ConsoleTeamScreen;
  }
}
