/**
 * The base of every Cercle widget: safe registration, typed events, custom states,
 * localization and the `theme` / `locale` attributes.
 */
import { LitElement, type PropertyDeclarations } from 'lit';
import { LocalizeController, type TermsBundle } from './localize.js';
import { VERSION } from './version.js';

export type Theme = 'light' | 'dark' | 'auto';

/**
 * The base class of every Cercle widget (not an element on its own): `define()` that is
 * safe to call twice, `theme` and `locale` attributes, localized terms, typed events and
 * custom states.
 */
export class CercleElement<T extends object = object> extends LitElement {
  /** The widget's own terms, added to the common ones (`localize.term`). */
  static terms: TermsBundle<object> | undefined;

  /** The SDK version this class comes from. */
  static readonly version: string = VERSION;

  /**
   * Registers the element under `tag` (in `registry`, default the global one). Safe to call
   * twice: silent when the same version already holds the tag, a warning naming both
   * versions when another one does; never throws. Does nothing where there is no registry
   * (a server render).
   */
  static define(tag: string, registry?: CustomElementRegistry): void {
    const reg = registry ?? (typeof customElements === 'undefined' ? undefined : customElements);
    if (!reg) return;
    const existing: (CustomElementConstructor & { version?: string }) | undefined = reg.get(tag);
    if (!existing) {
      try {
        reg.define(tag, this);
      } catch (e) {
        console.warn(`[cercle] could not define <${tag}>:`, e);
      }
      return;
    }
    if (existing === this || existing.version === this.version) return;
    console.warn(
      `[cercle] <${tag}> is already defined by Cercle ${existing.version ?? '(unknown version)'}; ` +
        `this copy (Cercle ${this.version}) is not used. Load the SDK once per page.`,
    );
  }

  static override properties: PropertyDeclarations = {
    locale: { reflect: true },
    theme: { reflect: true },
  };

  /**
   * The language of the widget's text: `en` or `fr`. Default: `configure({ locale })`, else
   * the nearest `lang` attribute, else English.
   */
  declare locale: string | undefined;

  /** `light`, `dark`, or `auto` to follow the visitor's system preference. */
  declare theme: Theme;

  /** Localized terms, common and the widget's own: `this.localize.term.join`. */
  protected readonly localize: LocalizeController<T> = new LocalizeController<T>(
    this,
    (this.constructor as typeof CercleElement).terms as TermsBundle<T> | undefined,
  );

  #internals: ElementInternals | undefined;

  constructor() {
    super();
    this.theme = 'light';
    try {
      this.#internals = this.attachInternals();
    } catch {
      this.#internals = undefined; // no ElementInternals (old browser, server render)
    }
    // Until the first render (reserve.css keeps the widget's place meanwhile).
    this.setState('unrendered', true);
  }

  /**
   * The first render waits for the widget's language (a lazy chunk, but for English), so a
   * French page never shows English words that then change length under the visitor (a
   * layout shift). A chunk that fails to load falls back to English.
   */
  protected override async scheduleUpdate(): Promise<unknown> {
    if (!this.hasUpdated && !this.localize.ready) await this.localize.load();
    const result = super.scheduleUpdate();
    if (this.hasUpdated) this.setState('unrendered', false);
    return result;
  }

  /** Dispatches `event` from the host; returns false when a listener cancelled it. */
  protected emit(event: Event): boolean {
    return this.dispatchEvent(event);
  }

  /** Sets or clears a custom state, matched by hosts with `:state(name)`. */
  protected setState(name: string, on: boolean): void {
    const states = this.#internals?.states;
    if (!states) return;
    try {
      if (on) states.add(name);
      else states.delete(name);
    } catch {
      // browsers that only accept the older `--name` form
      try {
        if (on) states.add(`--${name}`);
        else states.delete(`--${name}`);
      } catch {
        // custom states unsupported: hosts style through parts only
      }
    }
  }

  /**
   * After the next update, focuses the element of the shadow root that matches `selector`.
   * `ifLost`: only when focus was in the widget or lost (on the body), not elsewhere on the page.
   */
  protected async focusAfterUpdate(selector: string, ifLost = false): Promise<void> {
    await this.updateComplete;
    const active = document.activeElement;
    if (ifLost && active && active !== document.body && active !== this) return;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  /** Whether a custom state is set. */
  protected hasState(name: string): boolean {
    const states = this.#internals?.states;
    return !!states && (states.has(name) || states.has(`--${name}`));
  }

  /** Also waits for the widget's locale to load, then for the re-render it brings. */
  protected override async getUpdateComplete(): Promise<boolean> {
    let done = await super.getUpdateComplete();
    while (this.localize.pending) {
      await this.localize.pending;
      done = await super.getUpdateComplete();
    }
    return done;
  }
}
