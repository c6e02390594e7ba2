/**
 * The shell's status messages: a reactive controller holding the last three, each dismissed
 * after a few seconds (errors stay longer), rendered in a `role="status"` live region so
 * screen readers announce them.
 */
import { html, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { ToastTone } from './screen.js';

interface Toast {
  id: number;
  message: string;
  tone: ToastTone;
}

let ids = 0;

export class ToastController implements ReactiveController {
  #list: Toast[] = [];
  readonly #timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  get list(): readonly Toast[] {
    return this.#list;
  }

  show(message: string, tone: ToastTone = 'info'): void {
    const id = ++ids;
    this.#list = [...this.#list.slice(-2), { id, message, tone }];
    const timer = setTimeout(
      () => {
        this.#timers.delete(timer);
        this.dismiss(id);
      },
      tone === 'error' ? 12_000 : 6_000,
    );
    this.#timers.add(timer);
    this.host.requestUpdate();
  }

  dismiss(id: number): void {
    this.#list = this.#list.filter((t) => t.id !== id);
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }

  /** The live region; `dismissLabel` names the close buttons. */
  render(dismissLabel: string) {
    return html`<div class="toasts" role="status" aria-live="polite">
      ${this.#list.map(
        (toast) =>
          html`<div class="toast ${toast.tone}">
            <p>${toast.message}</p>
            <button
              type="button"
              class="ghost small"
              aria-label=${dismissLabel}
              @click=${() => this.dismiss(toast.id)}
            >
              ×
            </button>
          </div>`,
      )}
    </div>`;
  }
}
