/**
 * The report flow the widgets share (a question of the Q&A, a testimonial of the wall): each
 * item has a "Report" toggle that opens a small form under it (reason, optional details);
 * sending it calls `api.report` — with the member's token when there is one, and without it
 * when the backend refuses that token (anyone may report), under one idempotency key per
 * attempt — then the item says thanks, the live region announces it and the widget emits
 * `cercle-report`. Escape or "Cancel" closes the form and focus returns to the toggle.
 *
 * One `ReportDialog` per widget keeps which item is open, whether it is sending, why it
 * failed and which items were reported; the widget renders the toggle (its own markup) and
 * `render()` under the open item. Ids in the widget's shadow root, for an item id `id` and
 * `key = domId(id)`: `report-toggle-${key}` (the widget's toggle), `report-${key}` (the form),
 * `reason-${key}`, `details-${key}`, `reported-${key}` (the widget's thanks).
 *
 * Reporting is rare: the toggle and the thanks (`reportStyles`) load with the widget, the
 * form (template, sending, styles) is a chunk loaded on the first open (report-form.ts),
 * whose styles are then adopted by the widget's shadow root.
 */
import { css, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { CercleApi, ReportTarget } from '@cercle/client/browser';
import type { CommonTerms } from '../locales/terms.js';
import { domId } from './dom-id.js';

/** The lazy part: the form's template, its submit and its styles (report-form.ts). */
type FormModule = typeof import('./report-form.js');

/** Where a report goes, now. */
export interface ReportContext {
  api: CercleApi;
  community: string;
  /** The member's token, sent when there is one. */
  token: string | undefined;
}

export interface ReportOptions {
  /** What the widget's items are. */
  kind: ReportTarget['kind'];
  /** Where to send a report; `undefined` while the widget has no backend or community. */
  context(): ReportContext | undefined;
  /** Forgets a token the backend refused. */
  forgetToken(token: string): void;
  /** The widget's terms now. */
  terms(): CommonTerms;
  /** What to say when sending failed. */
  message(error: unknown): string;
  /** Says it in the widget's live region. */
  announce(message: string): void;
  /** Moves focus (after the next render) to the element `selector` matches. */
  focus(selector: string): void;
  /** Also told when sending failed (e.g. to note a rate limit). */
  failed?(error: unknown): void;
}

/** The item id of a toggle's event: its closest `[data-id]`. */
const itemOf = (e: Event): string | undefined =>
  (e.currentTarget as HTMLElement).closest<HTMLElement>('[data-id]')?.dataset.id;

export class ReportDialog {
  /** The item whose form is open. */
  open: string | undefined;
  /** The open form is sending. */
  busy = false;
  /** Why sending failed, shown in the form. */
  error: string | undefined;
  /** Items reported from this widget (they say thanks instead of "Report"). */
  reported: ReadonlySet<string> = new Set();

  /** The widget, and what it gave (read by report-form.ts). */
  readonly host: ReactiveControllerHost & HTMLElement;
  readonly options: ReportOptions;
  /** Kept across retries of one report, so the backend records it once. */
  key: string | undefined;

  #form: Promise<FormModule> | undefined;
  #module: FormModule | undefined;

  constructor(host: ReactiveControllerHost & HTMLElement, options: ReportOptions) {
    this.host = host;
    this.options = options;
  }

  /** Loads the form once (and adopts its styles in the widget's shadow root). */
  #load(): Promise<FormModule> {
    this.#form ??= import('./report-form.js').then(
      (module) => {
        const root = this.host.shadowRoot;
        const sheet = module.reportFormStyles.styleSheet;
        if (root && sheet && !root.adoptedStyleSheets.includes(sheet)) {
          root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
        }
        return (this.#module = module);
      },
      (error: unknown) => {
        this.#form = undefined; // the next click tries again
        throw error;
      },
    );
    return this.#form;
  }

  /** Forgets the open form (the widget was pointed at other content). */
  reset(): void {
    this.open = this.error = undefined;
    this.busy = false;
  }

  /** The toggle's click handler: opens the item's form, or closes it when open. */
  toggle = (e: Event): void => {
    const id = itemOf(e);
    if (!id) return;
    if (this.open === id) {
      this.close(true);
      return;
    }
    this.#load().then(
      () => {
        this.open = id;
        this.error = undefined;
        this.key = undefined;
        this.host.requestUpdate();
        this.options.focus(`#reason-${domId(id)}`);
      },
      (error: unknown) => this.options.announce(this.options.message(error)),
    );
  };

  /** Closes the open form; focus goes back to its toggle when `returnFocus`. */
  close(returnFocus: boolean): void {
    const id = this.open;
    if (id === undefined) return;
    this.reset();
    this.host.requestUpdate();
    if (returnFocus) this.options.focus(`#report-toggle-${domId(id)}`);
  }

  /** The form under the open item (`key` is `domId` of its id); `title` heads it. */
  render(t: CommonTerms, key: string, title: string): TemplateResult | typeof nothing {
    return this.#module ? this.#module.renderReportForm(this, t, key, title) : nothing;
  }
}

/**
 * The toggle and the thanks, for the widgets that adopt it after `widgetStyles` (the form's
 * own rules load with it, report-form.ts). Reads the widget-level values
 * `--_cercle-widget-color` and `--_cercle-widget-accent`.
 */
export const reportStyles = css`
  .report-toggle {
    display: inline-flex;
    align-items: center;
    gap: var(--_cercle-space-xs);
    padding: 0.125rem 0;
    font: inherit;
    font-size: var(--_cercle-font-size-small);
    color: var(--_cercle-color-text-muted);
    background: none;
    border: 0;
    border-radius: var(--_cercle-radius-small);
    cursor: pointer;
  }

  .report-toggle:hover,
  .report-toggle[aria-expanded='true'] {
    color: var(--_cercle-widget-color);
    text-decoration: underline;
    text-underline-offset: 0.2em;
  }

  .report-toggle .icon {
    inline-size: 0.95em;
    block-size: 0.95em;
  }

  .report-toggle[hidden] {
    display: none;
  }

  .reported {
    display: inline-flex;
    align-items: center;
    gap: var(--_cercle-space-xs);
    font-size: var(--_cercle-font-size-small);
    color: var(--_cercle-widget-accent);
  }
`;
