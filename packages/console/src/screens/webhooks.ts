/**
 * `<cercle-console-webhooks>` (owner, `webhooks`): the endpoints (URL, events, enabled or
 * disabled and why, failures in a row), create one (its `whsec_` secret shown once), edit,
 * enable / disable, delete (confirmed), rotate the secret (the new one shown once), send a
 * test event, and each endpoint's delivery log.
 */
import { html, nothing } from 'lit';
import type { Webhook, WebhookInput, WebhookSecret } from '@cercle/client/admin';
import { ConsoleScreen, defineScreen, fieldErrors } from '../screen.js';
import type { ConsoleConfirm } from '../ui/dialog.js';
import '../ui/dialog.js';
import '../ui/copy.js';
import './webhooks/deliveries.js';
import './webhooks/form.js';
import type { ConsoleWebhookForm, WebhookSubmitEvent } from './webhooks/form.js';
import { terms, type WebhookTerms } from './webhooks/terms.js';

type Busy =
  | 'create'
  | `edit-${string}`
  | `toggle-${string}`
  | `test-${string}`
  | `rotate-${string}`
  | `delete-${string}`;

export class ConsoleWebhooksScreen extends ConsoleScreen {
  static override properties = {
    ...ConsoleScreen.properties,
    _list: { state: true },
    _loadError: { state: true },
    _secret: { state: true },
    _createErrors: { state: true },
    _editing: { state: true },
    _editErrors: { state: true },
    _logs: { state: true },
    _busy: { state: true },
    _confirming: { state: true },
  };

  declare _list: Webhook[] | undefined;
  declare _loadError: string;
  /** A secret to show once (after create or rotate). */
  declare _secret: (WebhookSecret & { rotated: boolean }) | undefined;
  declare _createErrors: Record<string, string>;
  declare _editing: string | undefined;
  declare _editErrors: Record<string, string>;
  /** Endpoints whose delivery log is open. */
  declare _logs: ReadonlySet<string>;
  declare _busy: Busy | undefined;
  /** The endpoint the open confirmation is about. */
  declare _confirming: Webhook | undefined;

  constructor() {
    super();
    this._loadError = '';
    this._createErrors = {};
    this._editErrors = {};
    this._logs = new Set();
  }

  get #t(): WebhookTerms {
    return this.t(terms);
  }

  get #params() {
    return { community: this.session!.community.slug };
  }

  protected override async load(): Promise<void> {
    try {
      const { data } = await this.session!.api.request('listWebhooks', { params: this.#params });
      this._list = data.webhooks;
      this._loadError = '';
    } catch (error) {
      this._loadError = this.errorText(error);
    }
  }

  #replace(webhook: Webhook) {
    this._list = (this._list ?? []).map((w) => (w.id === webhook.id ? webhook : w));
  }

  /** Server paths `events.0` → `events`. */
  #fields(error: unknown): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [path, message] of Object.entries(fieldErrors(error))) {
      out[path.split('.')[0] ?? path] ??= message;
    }
    return out;
  }

  async #create(e: WebhookSubmitEvent) {
    const t = this.#t;
    const form = e.target as ConsoleWebhookForm;
    this._createErrors = {};
    this._busy = 'create';
    try {
      const { data } = await this.session!.api.request('createWebhook', {
        params: this.#params,
        body: e.body,
      });
      this._secret = { ...data, rotated: false };
      this._list = [...(this._list ?? []), data.webhook];
      form.reset();
      this.toast(t.created, 'success');
      await this.#focusSecret();
    } catch (error) {
      this.#refused(error, 'create', form);
    } finally {
      this._busy = undefined;
    }
  }

  #refused(error: unknown, where: 'create' | 'edit', form: ConsoleWebhookForm) {
    const fields = this.#fields(error);
    if (Object.keys(fields).length) {
      if (where === 'create') this._createErrors = fields;
      else this._editErrors = fields;
      this.toast(this.common.errors.validation, 'error');
      void form.focusError();
    } else {
      this.toast(this.errorText(error), 'error');
    }
  }

  async #focusSecret() {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#h-secret')?.focus();
  }

  async #save(webhook: Webhook, e: WebhookSubmitEvent) {
    const form = e.target as ConsoleWebhookForm;
    this._editErrors = {};
    this._busy = `edit-${webhook.id}`;
    try {
      const { data } = await this.session!.api.request('updateWebhook', {
        params: { ...this.#params, webhook: webhook.id },
        body: e.body satisfies WebhookInput,
      });
      this.#replace(data);
      this._editing = undefined;
      this.toast(this.#t.saved, 'success');
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(`[data-webhook="${webhook.id}"] .edit`)?.focus();
    } catch (error) {
      this.#refused(error, 'edit', form);
    } finally {
      this._busy = undefined;
    }
  }

  async #toggle(webhook: Webhook) {
    const t = this.#t;
    this._busy = `toggle-${webhook.id}`;
    try {
      const { data } = await this.session!.api.request('updateWebhook', {
        params: { ...this.#params, webhook: webhook.id },
        body: { enabled: !webhook.enabled },
      });
      this.#replace(data);
      this.toast(data.enabled ? t.nowEnabled : t.nowDisabled, 'success');
    } catch (error) {
      this.toast(this.errorText(error), 'error');
    } finally {
      this._busy = undefined;
    }
  }

  async #confirm(webhook: Webhook, id: 'confirm-delete' | 'confirm-rotate'): Promise<boolean> {
    this._confirming = webhook;
    await this.updateComplete;
    return this.renderRoot.querySelector<ConsoleConfirm>(`#${id}`)!.ask();
  }

  async #delete(webhook: Webhook) {
    if (!(await this.#confirm(webhook, 'confirm-delete'))) return;
    this._busy = `delete-${webhook.id}`;
    try {
      await this.session!.api.request('deleteWebhook', {
        params: { ...this.#params, webhook: webhook.id },
      });
      this._list = (this._list ?? []).filter((w) => w.id !== webhook.id);
      if (this._secret?.webhook.id === webhook.id) this._secret = undefined;
      this.toast(this.#t.removed, 'success');
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#h-endpoints')?.focus();
    } catch (error) {
      this.toast(this.errorText(error), 'error');
    } finally {
      this._busy = undefined;
    }
  }

  async #rotate(webhook: Webhook) {
    if (!(await this.#confirm(webhook, 'confirm-rotate'))) return;
    this._busy = `rotate-${webhook.id}`;
    try {
      const { data } = await this.session!.api.request('rotateWebhookSecret', {
        params: { ...this.#params, webhook: webhook.id },
      });
      this._secret = { ...data, rotated: true };
      this.#replace(data.webhook);
      this.toast(this.#t.rotated, 'success');
      await this.#focusSecret();
    } catch (error) {
      this.toast(this.errorText(error), 'error');
    } finally {
      this._busy = undefined;
    }
  }

  async #test(webhook: Webhook) {
    this._busy = `test-${webhook.id}`;
    try {
      await this.session!.api.request('testWebhook', {
        params: { ...this.#params, webhook: webhook.id },
      });
      this.toast(this.#t.tested, 'success');
      this._logs = new Set([...this._logs, webhook.id]);
      await this.updateComplete;
      await this.renderRoot
        .querySelector<HTMLElement & { refresh(): Promise<void> }>(
          `cercle-console-deliveries[webhook="${webhook.id}"]`,
        )
        ?.refresh();
    } catch (error) {
      this.toast(this.errorText(error), 'error');
    } finally {
      this._busy = undefined;
    }
  }

  #toggleLog(webhook: Webhook) {
    const logs = new Set(this._logs);
    if (logs.has(webhook.id)) logs.delete(webhook.id);
    else logs.add(webhook.id);
    this._logs = logs;
  }

  // Rendering ------------------------------------------------------------------------------

  #secretCard() {
    const t = this.#t;
    const s = this._secret;
    if (!s) return nothing;
    return html`<section class="card" id="secret" aria-labelledby="h-secret">
      <h2 id="h-secret" tabindex="-1">${s.rotated ? t.rotated : t.created}</h2>
      <p class="muted mono">${s.webhook.url}</p>
      <p class="note warn">${t.secretNote}</p>
      ${
        s.previousSecretExpiresAt
          ? html`<p class="note">
              ${t.previousUntil(this.fmt.dateTime(s.previousSecretExpiresAt))}
            </p>`
          : nothing
      }
      <cercle-console-copy
        .locale=${this.locale}
        .label=${t.secretLabel}
        .value=${s.secret}
      ></cercle-console-copy>
      <div class="actions">
        <button type="button" @click=${() => (this._secret = undefined)}>${t.secretDone}</button>
      </div>
    </section>`;
  }

  #endpoint(w: Webhook) {
    const t = this.#t;
    const busy = (what: string) => this._busy === `${what}-${w.id}`;
    const editing = this._editing === w.id;
    const logOpen = this._logs.has(w.id);
    return html`<li data-webhook=${w.id} class="endpoint">
      <div class="main">
        <p class="mono"><strong>${w.url}</strong></p>
        <p>
          ${
            w.enabled
              ? html`<span class="badge success">${t.enabled}</span>`
              : html`<span class="badge danger"
                  >${t.disabled}${
                    w.disabledReason
                      ? html` ${t.reasons[w.disabledReason] ?? w.disabledReason}`
                      : nothing
                  }</span
                >`
          }
          ${
            w.consecutiveFailures
              ? html`<span class="badge warn">${t.failures(w.consecutiveFailures)}</span>`
              : nothing
          }
          ${w.includePersonalData ? html`<span class="badge">${t.personalOn}</span>` : nothing}
        </p>
        ${w.description ? html`<p>${w.description}</p>` : nothing}
        <p class="meta">${w.events.map((e) => t.eventNames[e] ?? e).join(' · ')}</p>
      </div>
      <div class="toolbar">
        <button
          type="button"
          class="small edit"
          aria-expanded=${editing ? 'true' : 'false'}
          @click=${() => {
            this._editErrors = {};
            this._editing = editing ? undefined : w.id;
          }}
        >
          ${t.edit}<span class="sr-only"> ${w.url}</span>
        </button>
        <button
          type="button"
          class="small toggle"
          ?disabled=${busy('toggle')}
          @click=${() => this.#toggle(w)}
        >
          ${w.enabled ? t.disable : t.enable}<span class="sr-only"> ${w.url}</span>
        </button>
        <button
          type="button"
          class="small test"
          ?disabled=${busy('test') || !w.enabled}
          @click=${() => this.#test(w)}
        >
          ${t.test}<span class="sr-only"> ${w.url}</span>
        </button>
        <button
          type="button"
          class="small log"
          aria-expanded=${logOpen ? 'true' : 'false'}
          @click=${() => this.#toggleLog(w)}
        >
          ${t.deliveries}<span class="sr-only"> ${w.url}</span>
        </button>
        <button
          type="button"
          class="small rotate"
          ?disabled=${busy('rotate')}
          @click=${() => this.#rotate(w)}
        >
          ${t.rotate}<span class="sr-only"> ${w.url}</span>
        </button>
        <button
          type="button"
          class="small danger delete"
          ?disabled=${busy('delete')}
          @click=${() => this.#delete(w)}
        >
          ${t.remove}<span class="sr-only"> ${w.url}</span>
        </button>
      </div>
      ${
        editing
          ? html`<div class="card sub" aria-label=${t.editTitle(w.url)} role="region">
              <cercle-console-webhook-form
                .locale=${this.locale}
                .webhook=${w}
                .errors=${this._editErrors}
                .submitLabel=${t.saveEdit}
                ?busy=${busy('edit')}
                @webhook-submit=${(e: WebhookSubmitEvent) => this.#save(w, e)}
              >
                <button slot="actions" type="button" @click=${() => (this._editing = undefined)}>
                  ${this.common.cancel}
                </button>
              </cercle-console-webhook-form>
            </div>`
          : nothing
      }
      ${
        logOpen
          ? html`<div class="card sub">
              <cercle-console-deliveries
                .session=${this.session}
                webhook=${w.id}
              ></cercle-console-deliveries>
            </div>`
          : nothing
      }
    </li>`;
  }

  override render() {
    const t = this.#t;
    const list = this._list;
    const c = this._confirming;
    return html`<div class="page-head">
        <div>
          <h1>${t.title}</h1>
          <p class="muted">${t.lede}</p>
        </div>
      </div>
      ${this._loadError ? html`<p class="note danger">${this._loadError}</p>` : nothing}
      ${this.#secretCard()}
      <section class="card" aria-labelledby="h-endpoints">
        <h2 id="h-endpoints" tabindex="-1">${t.endpoints}</h2>
        ${
          list === undefined
            ? html`<p class="muted">${this.common.loading}</p>`
            : list.length === 0
              ? html`<p class="empty">${t.none}</p>`
              : html`<ul class="list" id="endpoints">
                  ${list.map((w) => this.#endpoint(w))}
                </ul>`
        }
      </section>
      <section class="card" aria-labelledby="h-add">
        <h2 id="h-add">${t.add}</h2>
        <p class="muted">${t.addLede}</p>
        <cercle-console-webhook-form
          id="create"
          .locale=${this.locale}
          .errors=${this._createErrors}
          ?busy=${this._busy === 'create'}
          @webhook-submit=${this.#create}
        ></cercle-console-webhook-form>
      </section>
      <cercle-console-confirm
        id="confirm-delete"
        danger
        .heading=${t.confirmRemove}
        .confirmLabel=${t.confirmRemoveButton}
        .cancelLabel=${this.common.cancel}
      >
        <p>${c ? t.confirmRemoveText(c.url) : nothing}</p>
      </cercle-console-confirm>
      <cercle-console-confirm
        id="confirm-rotate"
        .heading=${t.confirmRotate}
        .confirmLabel=${t.confirmRotateButton}
        .cancelLabel=${this.common.cancel}
      >
        <p>${t.confirmRotateText}</p>
      </cercle-console-confirm>`;
  }
}

defineScreen('cercle-console-webhooks', ConsoleWebhooksScreen);

declare global {
  interface HTMLElementTagNameMap {
    'cercle-console-webhooks': ConsoleWebhooksScreen;
  }
}
