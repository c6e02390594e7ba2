/**
 * `<cercle-console-deliveries>`: one endpoint's latest deliveries (`GET …/webhooks/{id}/
 * deliveries`): event, state, attempts, last HTTP status or error, next attempt.
 */
import { html, LitElement, nothing } from 'lit';
import type { WebhookDelivery } from '@cercle/client/admin';
import { ConsoleToastEvent, errorText, type Session } from '../../screen.js';
import { common, formats } from '../../i18n.js';
import { screenStyles } from '../../ui/styles.js';
import { terms, type WebhookTerms } from './terms.js';

const TONE: Record<string, string> = { delivered: 'success', failed: 'danger', pending: 'warn' };

export class ConsoleDeliveries extends LitElement {
  static override styles = [screenStyles];

  static override properties = {
    session: { attribute: false },
    webhook: {},
    _list: { state: true },
    _error: { state: true },
    _loading: { state: true },
  };

  declare session: Session | undefined;
  /** The endpoint's id. */
  declare webhook: string;
  declare _list: WebhookDelivery[] | undefined;
  declare _error: string;
  declare _loading: boolean;

  constructor() {
    super();
    this.webhook = '';
    this._error = '';
    this._loading = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.refresh();
  }

  async refresh(announce = false): Promise<void> {
    const session = this.session;
    if (!session || !this.webhook) return;
    this._loading = true;
    try {
      const { data } = await session.api.request('webhookDeliveries', {
        params: { community: session.community.slug, webhook: this.webhook },
      });
      this._list = data.deliveries;
      this._error = '';
      if (announce) {
        const t: WebhookTerms = terms[session.locale];
        this.dispatchEvent(new ConsoleToastEvent(t.refreshed(data.deliveries.length), 'info'));
      }
    } catch (error) {
      this._error = errorText(error, common[session.locale]);
    } finally {
      this._loading = false;
    }
  }

  override render() {
    const session = this.session;
    if (!session) return nothing;
    const t: WebhookTerms = terms[session.locale];
    const fmt = formats(session.locale);
    const list = this._list;
    return html`<div class="toolbar">
        <h3 class="grow">${t.deliveries}</h3>
        <button
          type="button"
          class="small"
          ?disabled=${this._loading}
          @click=${() => this.refresh(true)}
        >
          ${t.refresh}
        </button>
      </div>
      ${this._error ? html`<p class="note danger">${this._error}</p>` : nothing}
      ${
        list === undefined
          ? html`<p class="muted">${common[session.locale].loading}</p>`
          : list.length === 0
            ? html`<p class="empty">${t.noDeliveries}</p>`
            : html`<ul class="list deliveries">
                ${list.map(
                  (d) =>
                    html`<li data-delivery=${d.id}>
                      <div class="main">
                        <p>
                          <span class="badge ${TONE[d.state] ?? ''}"
                            >${t.states[d.state] ?? d.state}</span
                          >
                          <strong>${t.eventNames[d.event] ?? d.event}</strong>
                          <code class="muted">${d.event}</code>
                        </p>
                        <p class="meta">
                          ${t.attempts(d.attempts)} ·
                          ${
                            d.lastStatus !== null
                              ? t.lastStatus(d.lastStatus)
                              : d.lastAttemptAt
                                ? t.unreached
                                : t.createdAt(fmt.dateTime(d.createdAt))
                          }
                          ${d.lastError ? html` · <span class="mono">${d.lastError}</span>` : nothing}
                          ${
                            d.nextAttemptAt
                              ? html` · ${t.nextAttempt(fmt.relative(d.nextAttemptAt))}`
                              : nothing
                          }
                        </p>
                        <p class="meta mono small">${d.id}</p>
                      </div>
                    </li>`,
                )}
              </ul>`
      }`;
  }
}

if (!customElements.get('cercle-console-deliveries')) {
  customElements.define('cercle-console-deliveries', ConsoleDeliveries);
}

declare global {
  interface HTMLElementTagNameMap {
    'cercle-console-deliveries': ConsoleDeliveries;
  }
}
