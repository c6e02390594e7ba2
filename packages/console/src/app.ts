/**
 * `<cercle-console>`: the shell. It signs the host in (`GET /v1/host/me` with the pasted
 * key), keeps the session (src/api.ts), routes on the hash, shows the navigation the host's
 * permissions allow, lazily loads each screen (`src/screens/<name>.ts`, element
 * `cercle-console-<name>`), hands it `.session` and `.route`, moves focus to its heading on
 * navigation and shows the screens' `console-toast` messages in a `role="status"` region.
 *
 * Tests set `apiBase`, `fetchImpl` (the mock's fetch) and `storage` before it connects.
 */
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { CercleError } from '@cercle/client';
import { ConsoleApi, resolveApiBase, SessionStore, whoAmI } from './api.js';
import {
  common,
  initialLocale,
  LOCALE_NAMES,
  LOCALES,
  rememberLocale,
  type Locale,
} from './i18n.js';
import { shellStyles } from './app.styles.js';
import { shellTerms, type Theme } from './app.terms.js';
import { navFor, SCREENS } from './routes.js';
import { href, parseHash } from './router.js';
import {
  errorText,
  type ConsoleCommunityEvent,
  type ConsoleSignInEvent,
  type ConsoleToastEvent,
  type Route,
  type RouteName,
  type Session,
  type ToastTone,
} from './screen.js';
import { screenStyles, themeTokens } from './ui/styles.js';
import { ToastController } from './toasts.js';
import './sign-in.js';

export { navFor, SCREENS } from './routes.js';
export type { Theme } from './app.terms.js';

const THEME_KEY = 'cercle-console:theme';

type Phase = 'starting' | 'signed-out' | 'unreachable' | 'ready';

export class CercleConsole extends LitElement {
  static override styles = [themeTokens, screenStyles, shellStyles];

  static override properties = {
    apiBase: { attribute: 'api-base' },
    fetchImpl: { attribute: false },
    storage: { attribute: false },
    theme: { reflect: false },
    _phase: { state: true },
    _session: { state: true },
    _route: { state: true },
    _locale: { state: true },
    _notice: { state: true },
    _menuOpen: { state: true },
    _screen: { state: true },
  };

  /** The API base; default `?api=`, the stored one, else the page's origin. */
  declare apiBase: string | undefined;
  /** The `fetch` the admin client uses (tests: the mock's). */
  declare fetchImpl: typeof fetch | undefined;
  /** Where the session is kept; default `sessionStorage`. */
  declare storage: Storage | undefined;
  declare theme: Theme;
  declare _phase: Phase;
  declare _session: Session | undefined;
  declare _route: Route;
  declare _locale: Locale;
  declare _notice: string;
  declare _menuOpen: boolean;
  /** The element of the current screen. */
  declare _screen: HTMLElement | undefined;

  #store: SessionStore | undefined;
  #screens = new Map<string, HTMLElement>();
  #navigated = false;
  readonly #toasts = new ToastController(this);

  constructor() {
    super();
    this._phase = 'starting';
    this._route = parseHash(location.hash);
    this._locale = initialLocale();
    this._notice = '';
    this._menuOpen = false;
    this.theme = readTheme();
    try {
      this.storage = sessionStorage;
    } catch {
      this.storage = undefined;
    }
    this.addEventListener('console-toast', (e: ConsoleToastEvent) => {
      e.stopPropagation();
      this.showToast(e.detail.message, e.detail.tone);
    });
    this.addEventListener('console-community', (e: ConsoleCommunityEvent) => {
      if (this._session) this.#setSession({ ...this._session, community: e.detail });
    });
    this.addEventListener('console-sign-in', (e: ConsoleSignInEvent) => {
      void this.signIn(e.detail.key).catch((error: unknown) =>
        this.showToast(errorText(error, common[this._locale]), 'error'),
      );
    });
  }

  get #t() {
    return shellTerms[this._locale];
  }

  get store(): SessionStore {
    return (this.#store ??= new SessionStore(this.storage));
  }

  get session(): Session | undefined {
    return this._session;
  }

  #hashChange = () => {
    this._route = parseHash(location.hash);
    this._menuOpen = false;
    this.#navigated = true;
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.#hashChange);
    this.#start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.#hashChange);
  }

  #started = false;

  /** Starts once connected, with the properties a test (or page) set before. */
  #start() {
    if (this.#started) return;
    this.#started = true;
    this.#store = new SessionStore(this.storage);
    this.apiBase ??= resolveApiBase(this.store);
    void this.#resume();
  }

  async #resume(): Promise<void> {
    const key = this.store.key;
    if (!key) {
      this._phase = 'signed-out';
      return;
    }
    try {
      await this.signIn(key, { quiet: true });
    } catch (error) {
      if (error instanceof CercleError && (error.status === 401 || error.status === 403)) {
        this.store.forgetKey();
        this._notice = this.#t.revoked;
        this._phase = 'signed-out';
      } else {
        this._phase = 'unreachable';
      }
    }
  }

  #api(key: string): ConsoleApi {
    return new ConsoleApi({
      base: this.apiBase ?? location.origin,
      key,
      ...(this.fetchImpl ? { fetch: this.fetchImpl } : {}),
      onUnauthorized: () => this.#revoked(),
    });
  }

  /** An API client without a key (accepting an invitation). */
  get anonymousApi(): ConsoleApi {
    return this.#api('');
  }

  /** Checks `key` with `GET /v1/host/me`, keeps it and opens the console. Throws when refused. */
  async signIn(key: string, { quiet = false } = {}): Promise<void> {
    const api = this.#api(key);
    const self = await whoAmI(api);
    this.store.saveKey(key);
    this._notice = '';
    this.#screens.clear();
    this.#setSession({
      api,
      host: self.host,
      community: self.community,
      permissions: self.permissions,
      locale: this._locale,
    });
    this._phase = 'ready';
    if (this._route.name === 'accept') {
      // The invitation is used: leave its token out of the address bar and the history.
      history.replaceState(history.state, '', `${location.pathname}${location.search}#/`);
      this._route = parseHash('#/');
    }
    // Focus moves to the first screen's heading after a sign-in, not when a reload resumes
    // the session (the skip link then stays first in the tab order).
    if (!quiet) {
      this.#navigated = true;
      this.showToast(this.#t.signedIn(self.host.name, self.community.name), 'success');
    }
  }

  signOut(notice = ''): void {
    this.store.forgetKey();
    this._session = undefined;
    this.#screens.clear();
    this._screen = undefined;
    this._phase = 'signed-out';
    this._notice = notice;
    if (!notice) this.showToast(this.#t.signedOut, 'info');
    this.#navigated = true;
  }

  #revoked() {
    if (this._phase === 'ready') this.signOut(this.#t.revoked);
  }

  #setSession(session: Session) {
    this._session = session;
    for (const el of this.#screens.values()) (el as { session?: Session }).session = session;
  }

  /** Shows a status message in the live region for a few seconds. */
  showToast(message: string, tone: ToastTone = 'info'): void {
    this.#toasts.show(message, tone);
  }

  #setLocale(locale: Locale) {
    this._locale = locale;
    rememberLocale(locale);
    if (this._session) this.#setSession({ ...this._session, locale });
  }

  #setTheme(theme: Theme) {
    this.theme = theme;
    try {
      localStorage.setItem(THEME_KEY, theme);
    } catch {
      // storage refused
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('theme')) {
      if (this.theme === 'auto') {
        this.removeAttribute('data-theme');
        document.documentElement.removeAttribute('data-theme');
      } else {
        this.setAttribute('data-theme', this.theme);
        document.documentElement.setAttribute('data-theme', this.theme);
      }
    }
    if (changed.has('_locale')) {
      this.lang = this._locale;
      document.documentElement.lang = this._locale;
    }
    if (
      changed.has('_route') ||
      changed.has('_session') ||
      changed.has('_phase') ||
      changed.has('_locale')
    ) {
      this.#pickScreen();
    }
  }

  /** The current screen's element (created once per route name, loaded lazily). */
  #pickScreen() {
    const session = this._session;
    const route = this._route;
    if (this._phase === 'signed-out' && route.name === 'accept') {
      this._screen = this.#screenElement('accept', route, undefined);
      return;
    }
    if (this._phase !== 'ready' || !session) {
      this._screen = undefined;
      return;
    }
    if (route.name === 'accept') {
      this._screen = this.#screenElement('accept', route, session);
      return;
    }
    if (route.name === 'home') {
      const first = navFor(session.permissions)[0];
      if (first) {
        history.replaceState(
          history.state,
          '',
          `${location.pathname}${location.search}${href(first)}`,
        );
        this._route = { name: first, query: new URLSearchParams() };
        this._screen = this.#screenElement(first, this._route, session);
      } else this._screen = undefined;
      return;
    }
    if (route.name === 'unknown') {
      this._screen = undefined;
      return;
    }
    this._screen = SCREENS[route.name].allowed(session.permissions)
      ? this.#screenElement(route.name, route, session)
      : undefined;
  }

  #screenElement(name: RouteName, route: Route, session: Session | undefined): HTMLElement {
    let el = this.#screens.get(name);
    if (!el) {
      el = document.createElement(`cercle-console-${name}`);
      this.#screens.set(name, el);
      const loading = name === 'accept' ? import('./screens/accept.js') : SCREENS[name].load();
      loading.catch((error: unknown) => this.showToast(String(error), 'error'));
    }
    const target = el as HTMLElement & {
      session?: Session;
      route?: Route;
      api?: ConsoleApi;
      pageLocale?: Locale;
    };
    target.route = route;
    if (session) target.session = session;
    if (name === 'accept') {
      target.api = this.anonymousApi;
      target.pageLocale = this._locale;
    }
    return el;
  }

  #focusTurn = 0;

  protected override updated(): void {
    if (!this.#navigated) return;
    this.#navigated = false;
    void this.#focusScreen();
  }

  /** After a navigation: the new screen's heading (once its element is defined), else `<h1>`. */
  async #focusScreen(): Promise<void> {
    const turn = ++this.#focusTurn;
    const target = this._screen ?? this.renderRoot.querySelector('cercle-console-sign-in, h1');
    if (!target) return;
    const tag = target.localName;
    if (tag.startsWith('cercle-console-')) await customElements.whenDefined(tag);
    // A later navigation wins over this one (its screen may have loaded first).
    if (turn !== this.#focusTurn) return;
    const focusable = target as HTMLElement & { focusHeading?: () => Promise<void> };
    if (focusable.focusHeading) await focusable.focusHeading();
    else target.focus();
  }

  #focusMain() {
    const main = this.renderRoot.querySelector<HTMLElement>('main');
    const screen: (HTMLElement & { focusHeading?: () => Promise<void> }) | undefined = this._screen;
    if (screen?.focusHeading) void screen.focusHeading();
    else main?.focus();
  }

  #controls() {
    const t = this.#t;
    return html`<div class="controls">
      <label
        >${t.language}
        <select
          id="locale"
          @change=${(e: Event) => this.#setLocale((e.target as HTMLSelectElement).value as Locale)}
        >
          ${LOCALES.map(
            (l) =>
              html`<option value=${l} ?selected=${l === this._locale} lang=${l}>
                ${LOCALE_NAMES[l]}
              </option>`,
          )}
        </select></label
      >
      <label
        >${t.theme}
        <select
          id="theme"
          @change=${(e: Event) => this.#setTheme((e.target as HTMLSelectElement).value as Theme)}
        >
          ${(['auto', 'light', 'dark'] as const).map(
            (v) => html`<option value=${v} ?selected=${v === this.theme}>${t.themes[v]}</option>`,
          )}
        </select></label
      >
      ${
        this._session
          ? html`<span class="who"
                ><strong>${this._session.host.name}</strong> ·
                ${t.roles[this._session.host.role] ?? this._session.host.role}</span
              >
              <button type="button" class="small" id="sign-out" @click=${() => this.signOut()}>
                ${t.signOut}
              </button>`
          : nothing
      }
    </div>`;
  }

  #nav(session: Session) {
    const t = this.#t;
    const current = this._route.name === 'live' ? 'sessions' : this._route.name;
    return html`<nav id="nav" aria-label=${t.nav} class=${this._menuOpen ? 'open' : ''}>
      <ul>
        ${navFor(session.permissions).map(
          (name) =>
            html`<li>
              <a href=${href(name)} aria-current=${current === name ? 'page' : 'false'}
                >${t.screens[name]}</a
              >
            </li>`,
        )}
      </ul>
    </nav>`;
  }

  #main() {
    const t = this.#t;
    const session = this._session;
    if (this._phase === 'starting') {
      return html`<p class="muted" role="status">${t.starting}</p>`;
    }
    if (this._phase === 'unreachable') {
      return html`<section class="card">
        <h1 tabindex="-1">${t.console}</h1>
        <p class="note danger">${t.unreachable(this.apiBase ?? '')}</p>
        <div class="actions">
          <button class="primary" type="button" @click=${() => void this.#resume()}>
            ${common[this._locale].retry}
          </button>
          <button type="button" @click=${() => this.signOut()}>${t.signOut}</button>
        </div>
      </section>`;
    }
    if (this._screen) {
      return html`${
        session?.community.archived && this._route.name !== 'accept'
          ? html`<p class="note warn banner">${t.archived}</p>`
          : nothing
      }${this._screen}`;
    }
    if (this._phase === 'signed-out') {
      return html`<cercle-console-sign-in
        .locale=${this._locale}
        .apiBase=${this.apiBase ?? ''}
        .notice=${this._notice}
        .signIn=${(key: string) => this.signIn(key)}
      ></cercle-console-sign-in>`;
    }
    const unknown = this._route.name === 'unknown';
    return html`<section>
      <h1 tabindex="-1">${unknown ? t.notFound : t.notAllowed}</h1>
      <p>${unknown ? t.notFoundText : t.notAllowedText}</p>
      <p><a href="#/">${t.backHome}</a></p>
    </section>`;
  }

  override render() {
    const t = this.#t;
    const session = this._phase === 'ready' ? this._session : undefined;
    return html`<button type="button" class="skip" @click=${this.#focusMain}>${t.skip}</button>
      <header class="top">
        <div class="brand">
          <span class="logo" aria-hidden="true"></span>
          <strong>Cercle</strong>
          <span class="community">${session ? session.community.name : t.console}</span>
          ${
            session
              ? html`<button
                  type="button"
                  class="small menu-toggle"
                  aria-expanded=${this._menuOpen ? 'true' : 'false'}
                  aria-controls="nav"
                  @click=${() => (this._menuOpen = !this._menuOpen)}
                >
                  ${t.menu}
                </button>`
              : nothing
          }
        </div>
        ${this.#controls()}
      </header>
      <div class=${session ? 'layout' : 'signed-out'}>
        ${session ? this.#nav(session) : nothing}
        <main id="main" tabindex="-1">${this.#main()}</main>
      </div>
      ${this.#toasts.render(t.dismiss)}`;
  }
}

function readTheme(): Theme {
  try {
    const stored = localStorage.getItem(THEME_KEY);
    if (stored === 'light' || stored === 'dark' || stored === 'auto') return stored;
  } catch {
    // storage refused
  }
  return 'auto';
}

if (!customElements.get('cercle-console')) customElements.define('cercle-console', CercleConsole);

declare global {
  interface HTMLElementTagNameMap {
    'cercle-console': CercleConsole;
  }
}
