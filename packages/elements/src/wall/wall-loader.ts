/**
 * Binds `<cercle-wall>` to its data (wall-data.ts): finds its backend and community, follows
 * the member's session, loads the first page once the wall nears the viewport (and again
 * after it left the page mid-load), and asks for the member's own testimonials again when
 * they come back to the tab. The wall re-renders on every change of the data, the session or
 * the page's configuration (each read through a `StoreController`).
 */
import type { ReactiveController } from 'lit';
import type { ApiSource, ResolvedApi } from '../internal/config.js';
import { backendChanged, setUpWidget } from '../internal/backend.js';
import type { CercleElement } from '../internal/cercle-element.js';
import { StoreController } from '../internal/store-controller.js';
import { configStore, sessionStore, type MemberSession } from '../internal/stores.js';
import { WallData, whenNear, type WallQuery } from './wall-data.js';

/** The wall starts loading when it comes this close to the viewport (CSS pixels). */
const NEAR_VIEWPORT = 200;

export type LoaderHost = CercleElement & ApiSource & { community: string | undefined };

export class WallLoader implements ReactiveController {
  readonly data = new WallData((token) => this.forgetToken(token));
  /** The member's session in the wall's community (none without a backend). */
  readonly member: StoreController<MemberSession | null>;
  /** The backend, once the wall has one and a community. */
  backend: ResolvedApi | undefined;

  #host: LoaderHost;
  #query: () => WallQuery;
  #stopWaiting: (() => void) | undefined;

  /** `query`: the page's filters now; `onMember`: the session changed (and at once, as it is). */
  constructor(host: LoaderHost, query: () => WallQuery, onMember: (active: boolean) => void) {
    this.#host = host;
    this.#query = query;
    this.member = new StoreController<MemberSession | null>(host, undefined, (m) => {
      const active = m?.status === 'active';
      onMember(active);
      this.data.member(active ? m.token : undefined);
    });
    new StoreController(host, configStore(), () => {
      if (backendChanged(host, this.backend)) this.connect();
    });
    new StoreController(host, this.data.$state);
    host.addController(this);
  }

  /** The community's slug, trimmed. */
  get community(): string | undefined {
    return this.#host.community?.trim() || undefined;
  }

  /** The member is active: they can share, and see their own testimonials. */
  get active(): boolean {
    return this.member.value?.status === 'active';
  }

  hostConnected(): void {
    if (this.#host.hasUpdated) this.#observe();
    document.addEventListener('visibilitychange', this.#onReturn);
    addEventListener('focus', this.#onReturn);
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.#onReturn);
    removeEventListener('focus', this.#onReturn);
    this.#stopWaiting?.();
    this.#stopWaiting = undefined;
    this.data.cancel();
  }

  /**
   * The member comes back to the page (tab shown, window focused): their own testimonials
   * are asked again, so one the host published meanwhile says "Published" without a reload.
   */
  #onReturn = (): void => {
    if (document.visibilityState === 'visible') this.data.refreshMine();
  };

  /** (Re)binds the wall to its community, backend and filters; loads once near the viewport. */
  connect(): void {
    const host = this.#host;
    this.#stopWaiting?.();
    this.#stopWaiting = undefined;
    const setup = setUpWidget(
      host,
      'wall',
      { community: host.community },
      '<cercle-wall community="maison-verte">',
    );
    if (!setup.ok) {
      this.backend = undefined;
      this.data.bind(undefined, setup.error);
      this.member.setStore(undefined);
      return;
    }
    const { community } = setup.values;
    this.backend = setup.backend;
    this.data.bind({ api: setup.backend.api, community, query: this.#query() });
    this.member.setStore(sessionStore(setup.backend.key, community));
    if (host.isConnected) this.#observe();
  }

  #observe(): void {
    if (this.#stopWaiting || this.data.state.phase !== 'idle' || !this.backend) return;
    this.#stopWaiting = whenNear(this.#host, NEAR_VIEWPORT, () => {
      this.#stopWaiting = undefined;
      void this.data.load();
    });
  }

  /** Forgets a token the backend refused (signed out: the wall shows the visitor's call). */
  forgetToken(token: string): void {
    const backend = this.backend;
    const community = this.community;
    if (!backend || !community) return;
    const store = sessionStore(backend.key, community);
    if (store.get()?.token === token) store.set(null);
  }
}
