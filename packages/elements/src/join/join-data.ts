/**
 * What `<cercle-join>` shows, loaded and kept current: the community (shared with every widget
 * of the page through its store) and, when there is a member session, the member and their
 * invites. Follows the session live (another widget, another tab) and forgets a token the
 * backend refuses. The element owns what the visitor does; this controller, what it reads.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { WritableAtom } from 'nanostores';
import type { Community, Me } from '@cercle/client/browser';
import type { ResolvedApi } from '../internal/config.js';
import { isUnauthorized } from '../internal/errors.js';
import { StoreController } from '../internal/store-controller.js';
import { communityStore, sessionStore, type MemberSession } from '../internal/stores.js';

type Host = ReactiveControllerHost & HTMLElement;

export interface JoinDataEvents {
  /** A load the visitor waits for failed (to announce). */
  onError: (error: unknown) => void;
  /** The session ended (left here or elsewhere, or refused). */
  onSignedOut: () => void;
}

export class JoinData implements ReactiveController {
  /** Loading the community failed. */
  loadError: unknown;
  /** The member the session belongs to (provisional right after joining). */
  me: Me | undefined;
  meError: unknown;
  /** The member is being loaded. */
  meLoading = false;

  readonly #host: Host;
  readonly #events: JoinDataEvents;
  #backend: ResolvedApi | undefined;
  #slug: string | undefined;
  readonly #info: StoreController<Community | undefined>;
  readonly #session: StoreController<MemberSession | null>;
  #communityAbort: AbortController | undefined;
  /** The token `me` belongs to (or is being loaded for). */
  #token: string | undefined;
  #meAbort: AbortController | undefined;

  constructor(host: Host, events: JoinDataEvents) {
    this.#host = host;
    this.#events = events;
    this.#info = new StoreController<Community | undefined>(host);
    this.#session = new StoreController<MemberSession | null>(host, undefined, (s) =>
      this.#onSession(s),
    );
    host.addController(this);
  }

  hostConnected(): void {
    this.refresh();
  }

  hostDisconnected(): void {
    this.#communityAbort?.abort();
    this.#meAbort?.abort();
    this.#communityAbort = this.#meAbort = undefined;
    this.meLoading = false;
  }

  /** The community's public information. */
  get community(): Community | undefined {
    return this.#info.value;
  }

  set community(value: Community | undefined) {
    (this.#info.store as WritableAtom<Community | undefined> | undefined)?.set(value);
  }

  /** The member session of the page for this community. */
  get session(): MemberSession | null | undefined {
    return this.#session.value;
  }

  /** The backend bound (`bind`), if any. */
  get backend(): ResolvedApi | undefined {
    return this.#backend;
  }

  /** Reads `slug` from `backend` (or nothing, when the widget is misconfigured). */
  bind(backend: ResolvedApi | undefined, slug: string | undefined): void {
    this.#communityAbort?.abort();
    this.#meAbort?.abort();
    this.#communityAbort = this.#meAbort = this.#token = this.me = undefined;
    this.loadError = this.meError = undefined;
    this.meLoading = false;
    this.#backend = backend;
    this.#slug = slug;
    this.#info.setStore(backend && slug ? communityStore(backend.key, slug) : undefined);
    this.#session.setStore(backend && slug ? sessionStore(backend.key, slug) : undefined);
    this.refresh();
  }

  /** Sets the member session of the page (`null`: signed out). */
  setSession(session: MemberSession | null): void {
    if (this.#backend && this.#slug) sessionStore(this.#backend.key, this.#slug).set(session);
  }

  /** Loads what is missing: the community, and the member when there is a session. */
  refresh(): void {
    if (!this.#backend) return;
    if (!this.community) void this.loadCommunity();
    const session = this.session;
    if (session && (this.#token !== session.token || (!this.me && !this.#meAbort))) {
      void this.loadMe(session);
    }
  }

  /** Loads (again) whatever failed; true when everything is there. */
  async retry(): Promise<boolean> {
    const session = this.session;
    const results = await Promise.all([
      this.community ? true : this.loadCommunity(),
      session && !this.me ? this.loadMe(session) : true,
    ]);
    const ok = results.every(Boolean);
    if (ok) this.loadError = undefined;
    return ok;
  }

  #onSession(session: MemberSession | null): void {
    if (!this.#backend) return;
    if (!session) {
      if (this.#token === undefined && !this.me) return;
      this.#meAbort?.abort();
      this.#meAbort = this.#token = this.me = this.meError = undefined;
      this.meLoading = false;
      this.#events.onSignedOut();
      return;
    }
    if (session.token !== this.#token || session.status !== this.me?.member.status) {
      void this.loadMe(session, session.token === this.#token ? this.me : undefined);
    }
  }

  /** Loads the community; `quiet`: a refresh, whose failure keeps what is shown. */
  async loadCommunity(quiet = false): Promise<boolean> {
    const backend = this.#backend;
    const slug = this.#slug;
    if (!backend || !slug) return false;
    this.#communityAbort?.abort();
    const ctrl = new AbortController();
    this.#communityAbort = ctrl;
    try {
      const community = await backend.api.getCommunity(slug, { signal: ctrl.signal });
      if (ctrl.signal.aborted) return false;
      this.community = community;
      this.loadError = undefined;
      return true;
    } catch (e) {
      if (ctrl.signal.aborted) return false;
      if (!quiet) {
        this.loadError = e;
        this.#events.onError(e);
      }
      return false;
    } finally {
      if (this.#communityAbort === ctrl) this.#communityAbort = undefined;
      this.#host.requestUpdate();
    }
  }

  /** Loads the member for `session`; `provisional` is shown meanwhile (right after joining). */
  async loadMe(session: MemberSession, provisional?: Me): Promise<boolean> {
    const backend = this.#backend;
    const slug = this.#slug;
    if (!backend || !slug) return false;
    this.#meAbort?.abort();
    const ctrl = new AbortController();
    this.#meAbort = ctrl;
    this.#token = session.token;
    this.me = provisional;
    this.meLoading = true;
    this.#host.requestUpdate();
    try {
      const me = await backend.api.me(slug, { token: session.token, signal: ctrl.signal });
      if (ctrl.signal.aborted) return false;
      this.me = me;
      this.meError = undefined;
      if (me.member.status !== session.status && this.session?.token === session.token) {
        this.setSession({ ...session, status: me.member.status });
      }
      return true;
    } catch (e) {
      if (ctrl.signal.aborted) return false;
      if (isUnauthorized(e)) {
        // The backend no longer knows this token (erased elsewhere, or stale): forget it.
        this.#token = this.me = this.meError = undefined;
        if (this.session?.token === session.token) this.setSession(null);
      } else {
        this.meError = e;
        if (!provisional) this.#events.onError(e);
      }
      return false;
    } finally {
      if (this.#meAbort === ctrl) {
        this.#meAbort = undefined;
        this.meLoading = false;
      }
      this.#host.requestUpdate();
    }
  }
}
