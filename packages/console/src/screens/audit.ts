/**
 * `<cercle-console-audit>` (owner, `audit`): the audit log, newest first — who (name and
 * role at the time), when, what (`action`), on what (`target`), the statement of reasons and
 * what changed. Filter by action family (`settings.`, `host.`…), "Load more" follows the
 * cursor, "Export CSV" fetches `…/host/audit.csv` with the key in the `Authorization` header
 * and saves it from a Blob (a plain link would need the key in its URL).
 */
import { html, nothing } from 'lit';
import type { AuditEntry } from '@cercle/client/admin';
import type { Dictionary } from '../i18n.js';
import { ConsoleScreen, defineScreen } from '../screen.js';

const PREFIXES = [
  'settings',
  'community',
  'host',
  'invitation',
  'session',
  'question',
  'testimonial',
  'report',
  'offer',
  'wall',
  'webhook',
] as const;
type Prefix = (typeof PREFIXES)[number];

const PAGE = 50;

const en = {
  title: 'Audit log',
  lede: 'Every moderation decision, settings change and team change: who, when, what and why. Newest first.',
  filter: 'Show',
  all: 'All actions',
  families: {
    settings: 'Settings',
    community: 'Community (archive, restore)',
    host: 'Hosts',
    invitation: 'Invitations',
    session: 'Live sessions',
    question: 'Questions',
    testimonial: 'Testimonials',
    report: 'Reports',
    offer: 'Offers',
    wall: 'Wall',
    webhook: 'Webhooks',
  } as Record<Prefix, string>,
  export: 'Export CSV',
  exporting: 'Exporting…',
  exported: 'The audit log was downloaded as CSV.',
  more: 'Load more',
  loadingMore: 'Loading…',
  loadedMore: (n: number) => `${n} more entries loaded.`,
  empty: 'Nothing recorded yet.',
  emptyFiltered: 'No entry of this kind.',
  count: (n: number) => (n === 1 ? '1 entry shown' : `${n} entries shown`),
  operator: 'The operator',
  system: 'Cercle (automatic)',
  unknownHost: 'A former host',
  roles: { owner: 'owner', moderator: 'moderator', analyst: 'analyst' } as Record<string, string>,
  on: (kind: string, id: string) => `on ${kind} ${id}`,
  targets: {
    community: 'community',
    host: 'host',
    invitation: 'invitation',
    session: 'session',
    question: 'question',
    testimonial: 'testimonial',
    report: 'report',
    offer: 'offer',
    webhook: 'webhook',
    wall: 'wall',
  } as Record<string, string>,
  statement: 'Statement of reasons',
  changes: 'Details',
};

const terms = {
  en,
  fr: {
    title: 'Journal d’audit',
    lede: 'Chaque décision de modération, changement de réglage ou d’équipe : qui, quand, quoi et pourquoi. Le plus récent d’abord.',
    filter: 'Afficher',
    all: 'Toutes les actions',
    families: {
      settings: 'Réglages',
      community: 'Communauté (archivage, restauration)',
      host: 'Hôtes',
      invitation: 'Invitations',
      session: 'Sessions live',
      question: 'Questions',
      testimonial: 'Témoignages',
      report: 'Signalements',
      offer: 'Offres',
      wall: 'Mur',
      webhook: 'Webhooks',
    },
    export: 'Exporter en CSV',
    exporting: 'Export…',
    exported: 'Le journal d’audit a été téléchargé en CSV.',
    more: 'Afficher plus',
    loadingMore: 'Chargement…',
    loadedMore: (n: number) => `${n} entrées de plus chargées.`,
    empty: 'Rien n’a encore été enregistré.',
    emptyFiltered: 'Aucune entrée de ce type.',
    count: (n: number) => (n === 1 ? '1 entrée affichée' : `${n} entrées affichées`),
    operator: 'L’opérateur',
    system: 'Cercle (automatique)',
    unknownHost: 'Un ancien hôte',
    roles: { owner: 'propriétaire', moderator: 'modérateur', analyst: 'analyste' },
    on: (kind: string, id: string) => `sur ${kind} ${id}`,
    targets: {
      community: 'la communauté',
      host: 'l’hôte',
      invitation: 'l’invitation',
      session: 'la session',
      question: 'la question',
      testimonial: 'le témoignage',
      report: 'le signalement',
      offer: 'l’offre',
      webhook: 'le webhook',
      wall: 'le mur',
    },
    statement: 'Exposé des motifs',
    changes: 'Détails',
  },
} satisfies Dictionary<typeof en>;

/** `{ name: "X", capacity: 300 }` → `name: "X" · capacity: 300`, long values cut. */
function summarize(details: Record<string, unknown>): string {
  return Object.entries(details)
    .map(([k, v]) => {
      const text = typeof v === 'string' ? v : JSON.stringify(v);
      return `${k}: ${text.length > 120 ? `${text.slice(0, 117)}…` : text}`;
    })
    .join(' · ');
}

export class ConsoleAuditScreen extends ConsoleScreen {
  static override properties = {
    ...ConsoleScreen.properties,
    _entries: { state: true },
    _cursor: { state: true },
    _prefix: { state: true },
    _loading: { state: true },
    _error: { state: true },
    _exporting: { state: true },
  };

  declare _entries: AuditEntry[] | undefined;
  declare _cursor: string | null;
  declare _prefix: Prefix | '';
  declare _loading: boolean;
  declare _error: string;
  declare _exporting: boolean;

  #turn = 0;

  constructor() {
    super();
    this._cursor = null;
    this._prefix = '';
    this._loading = false;
    this._error = '';
    this._exporting = false;
  }

  protected override load(): Promise<void> {
    return this.#fetch(false);
  }

  async #fetch(more: boolean): Promise<void> {
    const turn = ++this.#turn;
    this._loading = true;
    try {
      const { data } = await this.session!.api.request('auditLog', {
        params: { community: this.session!.community.slug },
        query: {
          limit: String(PAGE),
          ...(this._prefix ? { action: `${this._prefix}.` } : {}),
          ...(more && this._cursor ? { cursor: this._cursor } : {}),
        },
      });
      if (turn !== this.#turn) return;
      const before = this._entries?.length ?? 0;
      this._entries = more ? [...(this._entries ?? []), ...data.entries] : data.entries;
      this._cursor = data.nextCursor;
      this._error = '';
      if (more) {
        this.toast(this.t(terms).loadedMore(data.entries.length));
        await this.updateComplete;
        this.renderRoot.querySelectorAll<HTMLElement>('#entries > li')[before]?.focus();
      }
    } catch (error) {
      if (turn !== this.#turn) return;
      this._error = this.errorText(error);
      if (more) this.toast(this._error, 'error');
    } finally {
      if (turn === this.#turn) this._loading = false;
    }
  }

  async #export() {
    const t = this.t(terms);
    const slug = this.session!.community.slug;
    this._exporting = true;
    try {
      const blob = await this.session!.api.download(`/v1/communities/${slug}/host/audit.csv`);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `${slug}-audit-${new Date().toISOString().slice(0, 10)}.csv`;
      a.hidden = true;
      this.renderRoot.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      this.toast(t.exported, 'success');
    } catch (error) {
      this.toast(this.errorText(error), 'error');
    } finally {
      this._exporting = false;
    }
  }

  #who(entry: AuditEntry): string {
    const t = this.t(terms);
    if (entry.actor.kind === 'operator') return t.operator;
    if (entry.actor.kind === 'system') return t.system;
    return entry.actor.name ?? t.unknownHost;
  }

  #entry(entry: AuditEntry) {
    const t = this.t(terms);
    const details = summarize(entry.details);
    return html`<li tabindex="-1" data-action=${entry.action}>
      <div class="main">
        <p>
          <span class="badge accent mono">${entry.action}</span>
          ${
            entry.target
              ? html`<span class="meta"
                  >${t.on(t.targets[entry.target.kind] ?? entry.target.kind, entry.target.id)}</span
                >`
              : nothing
          }
        </p>
        <p class="meta">
          <strong>${this.#who(entry)}</strong>${
            entry.actor.role ? html` (${t.roles[entry.actor.role] ?? entry.actor.role})` : nothing
          }
          · <time datetime=${entry.at}>${this.fmt.dateTime(entry.at)}</time>
        </p>
        ${
          entry.statement
            ? html`<p class="small"><strong>${t.statement}:</strong> ${entry.statement}</p>`
            : nothing
        }
        ${
          details
            ? html`<p class="meta small"><span class="sr-only">${t.changes}: </span>${details}</p>`
            : nothing
        }
      </div>
    </li>`;
  }

  override render() {
    const t = this.t(terms);
    const entries = this._entries;
    return html`<div class="page-head">
        <div>
          <h1>${t.title}</h1>
          <p class="muted">${t.lede}</p>
        </div>
        <button
          type="button"
          id="export"
          ?disabled=${this._exporting}
          @click=${() => this.#export()}
        >
          ${this._exporting ? t.exporting : t.export}
        </button>
      </div>
      <div class="toolbar">
        <label for="prefix" class="label">${t.filter}</label>
        <select
          id="prefix"
          @change=${(e: Event) => {
            this._prefix = (e.target as HTMLSelectElement).value as Prefix | '';
            this._cursor = null;
            void this.#fetch(false);
          }}
        >
          <option value="" ?selected=${this._prefix === ''}>${t.all}</option>
          ${PREFIXES.map(
            (p) =>
              html`<option value=${p} ?selected=${this._prefix === p}>${t.families[p]}</option>`,
          )}
        </select>
        ${entries ? html`<span class="muted small">${t.count(entries.length)}</span>` : nothing}
      </div>
      ${this._error ? html`<p class="note danger">${this._error}</p>` : nothing}
      <section class="card" aria-label=${t.title}>
        ${
          entries === undefined
            ? html`<p class="muted">${this.common.loading}</p>`
            : entries.length === 0
              ? html`<p class="empty">${this._prefix ? t.emptyFiltered : t.empty}</p>`
              : html`<ul class="list" id="entries">
                  ${entries.map((e) => this.#entry(e))}
                </ul>`
        }
        ${
          this._cursor
            ? html`<div class="actions">
                <button
                  type="button"
                  id="more"
                  ?disabled=${this._loading}
                  @click=${() => this.#fetch(true)}
                >
                  ${this._loading ? t.loadingMore : t.more}
                </button>
              </div>`
            : nothing
        }
      </section>`;
  }
}

defineScreen('cercle-console-audit', ConsoleAuditScreen);

declare global {
  interface HTMLElementTagNameMap {
    'cercle-console-audit': ConsoleAuditScreen;
  }
}
