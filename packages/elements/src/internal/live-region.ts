import { html, type ReactiveControllerHost, type TemplateResult } from 'lit';

/**
 * The polite live region of a widget: `announce()` sets its text (re-setting the same text
 * would not be announced again, so it varies it) and `render()` draws it, once per widget.
 */
export class LiveRegion {
  readonly #host: ReactiveControllerHost;
  #text = '';

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
  }

  announce(message: string): void {
    this.#text = this.#text === message ? `${message}\u00a0` : message;
    this.#host.requestUpdate();
  }

  render(): TemplateResult {
    return html`<div class="sr-only" role="status" aria-live="polite" aria-atomic="true">
      ${this.#text}
    </div>`;
  }
}
