/**
 * `<cercle-console-reports>`: notices from members and visitors (`GET …/host/reports`): open
 * ones first, oldest first (a queue), each with the reported text, the reason and the
 * details. The host decides once, remove or dismiss, always with a statement of reasons
 * (`POST …/host/reports/{r}/decision`); decided ones are kept below, folded.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import { allRoutes } from '@cercle/client/admin';
import type { Report, ReportReason } from '@cercle/client/contract';
import { ConsoleScreen, defineScreen, fieldErrors } from '../screen.js';
import type { Dictionary } from '../i18n.js';

type Action = 'remove' | 'dismiss';

const en = {
  heading: 'Reports',
  lede: 'What members and visitors reported. Each decision needs a statement of reasons; it is kept in the audit log.',
  noPermission: 'Your role cannot decide reports: it needs the “moderate” permission.',
  open: (n: number) => `To decide (${n})`,
  decided: (n: number) => `Decided (${n})`,
  empty: 'No report to decide.',
  refresh: 'Refresh',
  refreshed: 'Reports are up to date.',
  kinds: { question: 'Question', testimonial: 'Testimonial' } as Record<string, string>,
  reasons: {
    spam: 'Spam',
    harassment: 'Harassment',
    hate: 'Hate',
    misinformation: 'Misinformation',
    illegal: 'Illegal content',
    off_topic: 'Off topic',
    other: 'Other',
  } as Record<ReportReason, string>,
  reported: (when: string) => `reported ${when}`,
  gone: 'The reported content no longer exists.',
  details: 'Details:',
  statement: 'Statement of reasons (required)',
  statementHint:
    'Say why you decide so. Kept in the audit log; for a testimonial, its author sees it.',
  remove: 'Remove the content',
  dismiss: 'Dismiss the report',
  required: 'Write the statement of reasons before deciding.',
  removed: 'Content removed; the decision and its reasons are recorded.',
  dismissed: 'Report dismissed; the decision and its reasons are recorded.',
  decision: { remove: 'Removed', dismiss: 'Kept (report dismissed)' } as Record<Action, string>,
  decidedOn: (when: string) => `on ${when}`,
  reasonsWere: 'Reasons:',
  loadFailed: 'The reports could not be loaded.',
};

type Terms = typeof en;

const fr: Terms = {
  heading: 'Signalements',
  lede: 'Ce que membres et visiteurs ont signalé. Chaque décision doit être motivée ; elle est conservée dans le journal.',
  noPermission:
    'Votre rôle ne permet pas de décider des signalements : il faut la permission « moderate ».',
  open: (n) => `À décider (${n})`,
  decided: (n) => `Décidés (${n})`,
  empty: 'Aucun signalement à décider.',
  refresh: 'Actualiser',
  refreshed: 'Signalements à jour.',
  kinds: { question: 'Question', testimonial: 'Témoignage' },
  reasons: {
    spam: 'Spam',
    harassment: 'Harcèlement',
    hate: 'Haine',
    misinformation: 'Désinformation',
    illegal: 'Contenu illicite',
    off_topic: 'Hors sujet',
    other: 'Autre',
  },
  reported: (when) => `signalé le ${when}`,
  gone: 'Le contenu signalé n’existe plus.',
  details: 'Précisions :',
  statement: 'Exposé des motifs (obligatoire)',
  statementHint:
    'Dites pourquoi vous décidez ainsi. Conservé dans le journal ; l’auteur d’un témoignage le voit.',
  remove: 'Retirer le contenu',
  dismiss: 'Rejeter le signalement',
  required: 'Écrivez l’exposé des motifs avant de décider.',
  removed: 'Contenu retiré ; la décision et ses motifs sont enregistrés.',
  dismissed: 'Signalement rejeté ; la décision et ses motifs sont enregistrés.',
  decision: { remove: 'Retiré', dismiss: 'Maintenu (signalement rejeté)' },
  decidedOn: (when) => `le ${when}`,
  reasonsWere: 'Motifs :',
  loadFailed: 'Les signalements n’ont pas pu être chargés.',
};

export const reportsTerms = { en, fr } satisfies Dictionary<Terms>;

export class ConsoleReports extends ConsoleScreen {
  static override styles = [
    ...ConsoleScreen.styles,
    css`
      .reports {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 1rem;
      }
      .report h3 {
        margin: 0 0 0.35rem;
        display: flex;
        flex-wrap: wrap;
        gap: 0.4rem;
        align-items: center;
      }
      .report h3:focus {
        outline: none;
      }
      .report h3:focus-visible {
        outline: 3px solid var(--c-focus);
        outline-offset: 2px;
      }
      blockquote {
        margin: 0.5rem 0;
        padding: 0.5rem 0.75rem;
        border-inline-start: 4px solid var(--c-border-strong);
        background: var(--c-surface-2);
        border-radius: var(--c-radius-sm);
        white-space: pre-line;
        overflow-wrap: anywhere;
      }
      .decide {
        display: grid;
        gap: 0.35rem;
        margin-block-start: 0.75rem;
      }
      .decide .actions {
        margin-block-start: 0.25rem;
      }
      details > summary {
        cursor: pointer;
        font-weight: 600;
        padding: 0.5rem 0;
        font-size: 1.1rem;
      }
      section + details,
      section + section {
        margin-block-start: 1.5rem;
      }
    `,
  ];

  static override properties = {
    ...ConsoleScreen.properties,
    _reports: { state: true },
    _status: { state: true },
    _loadError: { state: true },
    _statements: { state: true },
    _errors: { state: true },
    _busy: { state: true },
  };

  declare _reports: Report[];
  declare _status: 'loading' | 'ready' | 'error';
  declare _loadError: string;
  /** Statements being written, by report (kept on errors). */
  declare _statements: ReadonlyMap<string, string>;
  declare _errors: ReadonlyMap<string, string>;
  declare _busy: ReadonlySet<string>;

  constructor() {
    super();
    this._reports = [];
    this._status = 'loading';
    this._loadError = '';
    this._statements = new Map();
    this._errors = new Map();
    this._busy = new Set();
  }

  get #t(): Terms {
    return this.t(reportsTerms);
  }

  protected override async load(): Promise<void> {
    const api = this.session?.api;
    if (!api || !this.can(allRoutes.listReports.permission)) return;
    if (!this._reports.length) this._status = 'loading';
    try {
      const { data } = await api.request('listReports', {
        params: { community: this.session!.community.slug },
      });
      this._reports = data.reports;
      this._status = 'ready';
    } catch (error) {
      this._loadError = this.errorText(error);
      this._status = 'error';
    }
  }

  #setError(id: string, message: string): void {
    const errors = new Map(this._errors);
    if (message) errors.set(id, message);
    else errors.delete(id);
    this._errors = errors;
  }

  async #decide(r: Report, action: Action): Promise<void> {
    const api = this.session?.api;
    const t = this.#t;
    if (!api || this._busy.has(r.id)) return;
    const statement = (this._statements.get(r.id) ?? '').trim();
    if (!statement) {
      this.#setError(r.id, t.required);
      this.toast(t.required, 'error');
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(`#r-${r.id}-statement`)?.focus();
      return;
    }
    const open = this._reports.filter((x) => x.state === 'open');
    const index = open.findIndex((x) => x.id === r.id);
    this._busy = new Set([...this._busy, r.id]);
    try {
      const { data } = await api.request('decideReport', {
        params: { community: this.session!.community.slug, report: r.id },
        body: { action, statement },
      });
      this._reports = this._reports.map((x) => (x.id === data.id ? data : x));
      const statements = new Map(this._statements);
      statements.delete(r.id);
      this._statements = statements;
      this.#setError(r.id, '');
      this.toast(action === 'remove' ? t.removed : t.dismissed, 'success');
      // The next open report takes the focus (or the heading when none is left).
      const next =
        open.filter((x) => x.id !== r.id)[index] ?? open.filter((x) => x.id !== r.id).at(-1);
      await this.updateComplete;
      const target = next
        ? this.renderRoot.querySelector<HTMLElement>(`[data-id="${CSS.escape(next.id)}"] h3`)
        : this.renderRoot.querySelector<HTMLElement>('#open-heading');
      target?.focus();
    } catch (error) {
      const field = fieldErrors(error)['statement'];
      if (field) this.#setError(r.id, t.required);
      this.toast(field ? t.required : this.errorText(error), 'error');
    } finally {
      const busy = new Set(this._busy);
      busy.delete(r.id);
      this._busy = busy;
    }
  }

  override render(): TemplateResult {
    const t = this.#t;
    if (!this.can(allRoutes.listReports.permission)) {
      return html`<h1>${t.heading}</h1>
        <p class="note warn">${t.noPermission}</p>`;
    }
    return html`<div class="page-head">
        <div>
          <h1>${t.heading}</h1>
          <p class="lede">${t.lede}</p>
        </div>
        <button
          type="button"
          @click=${async () => {
            await this.load();
            if (this._status === 'ready') this.toast(t.refreshed);
          }}
        >
          ${t.refresh}
        </button>
      </div>
      ${this.#renderBody()}`;
  }

  #renderBody(): TemplateResult {
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
    const open = this._reports.filter((r) => r.state === 'open');
    const decided = this._reports.filter((r) => r.state !== 'open');
    return html`<section aria-labelledby="open-heading">
        <h2 id="open-heading" tabindex="-1">${t.open(open.length)}</h2>
        ${
          open.length
            ? html`<ul class="reports">
                ${open.map((r) => html`<li>${this.#renderReport(r)}</li>`)}
              </ul>`
            : html`<p class="empty">${t.empty}</p>`
        }
      </section>
      ${
        decided.length
          ? html`<details>
              <summary>${t.decided(decided.length)}</summary>
              <ul class="reports">
                ${decided.map((r) => html`<li>${this.#renderReport(r)}</li>`)}
              </ul>
            </details>`
          : nothing
      }`;
  }

  #renderReport(r: Report): TemplateResult {
    const t = this.#t;
    const f = this.fmt;
    const id = `r-${r.id}`;
    const error = this._errors.get(r.id);
    const busy = this._busy.has(r.id);
    return html`<article class="card report" data-id=${r.id} aria-labelledby="${id}-title">
      <h3 id="${id}-title" tabindex="-1">
        <span>${t.reasons[r.reason]}</span>
        <span class="badge">${t.kinds[r.target.kind] ?? r.target.kind}</span>
      </h3>
      <p class="small muted">${t.reported(f.dateTime(r.createdAt))}</p>
      ${
        r.targetText === null
          ? html`<p class="note warn">${t.gone}</p>`
          : html`<blockquote>${r.targetText}</blockquote>`
      }
      ${r.details ? html`<p><strong>${t.details}</strong> ${r.details}</p>` : nothing}
      ${
        r.decision
          ? html`<p>
                <span class="badge ${r.decision.action === 'remove' ? 'danger' : 'success'}"
                  >${t.decision[r.decision.action]}</span
                >
                ${t.decidedOn(f.dateTime(r.decision.decidedAt))}
              </p>
              <p><strong>${t.reasonsWere}</strong> ${r.decision.statement}</p>`
          : html`<form
              class="decide"
              novalidate
              @submit=${(e: SubmitEvent) => {
                e.preventDefault();
                const action = (e.submitter as HTMLButtonElement | null)?.value;
                void this.#decide(r, action === 'remove' ? 'remove' : 'dismiss');
              }}
            >
              <label for="${id}-statement">${t.statement}</label>
              <p class="hint" id="${id}-hint">${t.statementHint}</p>
              <textarea
                id="${id}-statement"
                rows="3"
                maxlength="2000"
                required
                aria-invalid=${error ? 'true' : 'false'}
                aria-describedby=${error ? `${id}-hint ${id}-error` : `${id}-hint`}
                .value=${this._statements.get(r.id) ?? ''}
                @input=${(e: Event) => {
                  this._statements = new Map(this._statements).set(
                    r.id,
                    (e.target as HTMLTextAreaElement).value,
                  );
                  if (error) this.#setError(r.id, '');
                }}
              ></textarea>
              ${error ? html`<p class="error" id="${id}-error">${error}</p>` : nothing}
              <div class="actions">
                <button type="submit" class="danger" value="remove" ?disabled=${busy}>
                  ${t.remove}
                </button>
                <button type="submit" value="dismiss" ?disabled=${busy}>${t.dismiss}</button>
              </div>
            </form>`
      }
    </article>`;
  }
}

defineScreen('cercle-console-reports', ConsoleReports);

declare global {
  interface HTMLElementTagNameMap {
    'cercle-console-reports': ConsoleReports;
  }
}
