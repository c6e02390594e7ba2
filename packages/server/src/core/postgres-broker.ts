/**
 * The broker of several instances sharing one PostgreSQL database, through `LISTEN`/`NOTIFY`
 * on the channel `cercle_events`, with one `LISTEN` connection per instance.
 *
 * The log stays the source of truth; a notification only says "session S has an event N"
 * (payload `<event id> <session key>`, far below NOTIFY's 8000 bytes). Notifications from
 * different instances may arrive in any order, and are lost while the `LISTEN` connection is
 * down, so they are never delivered as such. Instead, for each session with a listener on this
 * instance, the broker keeps the last id it delivered and, when it hears of a newer one (a
 * notification, or a local `publish`), reads the session's log after that id and delivers
 * what it finds in id order. One such read runs at a time per session; what is heard during a
 * read is covered by the next one, so reads coalesce under load (one query per event and per
 * instance at most, however many streams). Why this has no gap: writes to a community run one
 * at a time (the store's advisory lock) and take their event id inside that lock, so once an
 * event of a session is visible, every event of that session with a smaller id is too.
 *
 * A session with no listener here costs a lookup in a map per notification. When a session
 * gets its first listener, the newest id of its log is read: the listener gets what comes
 * after it (and what was heard meanwhile). When the `LISTEN` connection drops, postgres.js
 * reconnects and listens again; then every session with listeners reads its log, so what was
 * notified meanwhile still arrives. A ping of its own every `probeMs` checks that the channel
 * still works, and listens anew when it does not (postgres.js gives up if the database is
 * unreachable at the moment it reconnects).
 */
import { randomBytes } from 'node:crypto';
import type { Broker, LiveEvent, LiveListener } from './broker.js';
import { parseSessionKey, readEventsAfter } from './events.js';
import type { PostgresStore } from '../store/postgres-store.js';

/** The channel every instance listens on. */
export const EVENTS_CHANNEL = 'cercle_events';

export interface PostgresBrokerOptions {
  /** Receives what a listener throws and what fails with the database. */
  onError?: (error: unknown) => void;
  /** Time between two pings that check the `LISTEN` connection (default 15 s; 0: none). */
  probeMs?: number;
}

/** A session with listeners on this instance. */
interface Session {
  readonly key: string;
  readonly listeners: Set<LiveListener>;
  /** The session's `seq` (its events' `session`), once read. */
  seq: number | undefined;
  /** The last event id delivered; undefined until the newest id of the log was read. */
  last: number | undefined;
  /** The lowest id heard of before `last` was known. */
  heardLow: number;
  /** The highest id heard of. */
  heard: number;
  /** Read the log even if nothing newer was heard (after `LISTEN` came back). */
  force: boolean;
  /** A read of the log is under way. */
  reading: boolean;
}

interface Subscription {
  unlisten(): Promise<void>;
}

export class PostgresBroker implements Broker {
  readonly #store: PostgresStore;
  readonly #sessions = new Map<string, Session>();
  readonly #onError: (error: unknown) => void;
  /** Tells this instance's pings from the others'. */
  readonly #instance = randomBytes(6).toString('hex');
  readonly #ready: Promise<void>;
  #subscription: Promise<Subscription | undefined> | undefined;
  #relistening = false;
  #probe: ReturnType<typeof setInterval> | undefined;
  #pingsSent = 0;
  #pingsBack = 0;
  #closed = false;

  constructor(store: PostgresStore, options: PostgresBrokerOptions = {}) {
    this.#store = store;
    this.#onError = options.onError ?? ((error) => console.error(error));
    this.#ready = this.#listen();
    const probeMs = options.probeMs ?? 15_000;
    if (probeMs > 0) {
      this.#probe = setInterval(() => this.#check(), probeMs);
      this.#probe.unref();
    }
  }

  /** Resolves once this instance listens (the first time); it never rejects. */
  ready(): Promise<void> {
    return this.#ready;
  }

  publish(session: string, event: LiveEvent): void {
    if (this.#closed) return;
    this.#notify(`${event.id} ${session}`);
    this.#heard(session, event.id);
  }

  subscribe(session: string, listener: LiveListener): () => void {
    let state = this.#sessions.get(session);
    if (!state) {
      state = {
        key: session,
        listeners: new Set(),
        seq: undefined,
        last: undefined,
        heardLow: Infinity,
        heard: 0,
        force: true,
        reading: false,
      };
      this.#sessions.set(session, state);
      void this.#catchUp(state);
    }
    // A wrapper, so the same function subscribed twice is two subscriptions.
    const entry: LiveListener = (event) => listener(event);
    state.listeners.add(entry);
    const subscribed = state;
    return () => {
      if (!subscribed.listeners.delete(entry)) return;
      if (subscribed.listeners.size === 0 && this.#sessions.get(session) === subscribed) {
        this.#sessions.delete(session);
      }
    };
  }

  subscriberCount(session?: string): number {
    if (session !== undefined) return this.#sessions.get(session)?.listeners.size ?? 0;
    let count = 0;
    for (const state of this.#sessions.values()) count += state.listeners.size;
    return count;
  }

  /** Stops listening (call before closing the store). Safe to call twice. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#probe);
    this.#sessions.clear();
    const subscription = await this.#subscription;
    await subscription?.unlisten().catch(() => undefined);
  }

  // Listening ------------------------------------------------------------------------------

  /** Listens on the channel; `onListen` runs now and after each reconnection. */
  async #listen(): Promise<void> {
    const subscribing = this.#store.sql
      .listen(
        EVENTS_CHANNEL,
        (payload) => this.#onNotify(payload),
        () => this.#onListen(),
      )
      .then(
        (subscription) => subscription,
        (error: unknown) => {
          this.#fail(error);
          return undefined;
        },
      );
    this.#subscription = subscribing;
    await subscribing;
  }

  #onListen(): void {
    // Whatever was notified while not listening: every session here reads its log.
    for (const state of this.#sessions.values()) {
      state.force = true;
      void this.#catchUp(state);
    }
  }

  #onNotify(payload: string): void {
    const space = payload.indexOf(' ');
    const head = payload.slice(0, space);
    if (head === 'ping') {
      const [instance, n] = payload.slice(space + 1).split(' ');
      if (instance === this.#instance) this.#pingsBack = Math.max(this.#pingsBack, Number(n));
      return;
    }
    const id = Number(head);
    if (!Number.isSafeInteger(id) || id <= 0) return;
    this.#heard(payload.slice(space + 1), id);
  }

  /** The probe: retries failed reads; listens anew when the last ping did not come back. */
  #check(): void {
    if (this.#closed) return;
    for (const state of this.#sessions.values()) {
      if (state.last === undefined || state.heard > state.last) void this.#catchUp(state);
    }
    if (this.#relistening) return;
    if (this.#pingsBack >= this.#pingsSent) {
      this.#ping();
      return;
    }
    this.#relistening = true;
    void this.#relisten().finally(() => {
      this.#relistening = false;
      // Listening or not: when this ping does not come back either, the next probe tries again.
      this.#ping();
    });
  }

  #ping(): void {
    if (!this.#closed) this.#notify(`ping ${this.#instance} ${++this.#pingsSent}`);
  }

  async #relisten(): Promise<void> {
    const previous = await this.#subscription;
    await previous?.unlisten().catch(() => undefined);
    if (!this.#closed) await this.#listen();
  }

  #notify(payload: string): void {
    this.#store.sql`SELECT pg_notify(${EVENTS_CHANNEL}, ${payload})`.then(
      () => undefined,
      (error: unknown) => this.#fail(error),
    );
  }

  // Delivering -----------------------------------------------------------------------------

  /** `session` has an event `id`: read the log if its listeners have not had it yet. */
  #heard(session: string, id: number): void {
    const state = this.#sessions.get(session);
    if (!state) return;
    if (state.last === undefined) {
      state.heardLow = Math.min(state.heardLow, id);
    } else if (id <= state.last) {
      return;
    }
    state.heard = Math.max(state.heard, id);
    void this.#catchUp(state);
  }

  /**
   * Reads the log after the last id delivered and delivers it, in id order, while there is
   * something newer to read. One at a time per session: a call during a read only makes sure
   * another read follows.
   */
  async #catchUp(state: Session): Promise<void> {
    if (state.reading) return;
    state.reading = true;
    try {
      while (this.#sessions.get(state.key) === state) {
        if (state.last === undefined) {
          await this.#start(state);
          continue;
        }
        if (!state.force && state.heard <= state.last) break;
        if (state.seq === undefined) break; // no such session: nothing to read
        state.force = false;
        const heard = state.heard;
        const events = await readEventsAfter(this.#store, state.seq, state.last);
        for (const event of events) {
          if (event.id <= state.last) continue;
          state.last = event.id;
          this.#deliver(state, event);
        }
        // What was heard before the read is in it (or was pruned, or is gone with its session).
        state.last = Math.max(state.last, heard);
      }
    } catch (error) {
      // The next notification, reconnection or probe tries again.
      this.#fail(error);
    } finally {
      state.reading = false;
    }
  }

  /** The first listener of a session: where its log ends now. */
  async #start(state: Session): Promise<void> {
    const where = parseSessionKey(state.key);
    const row =
      where &&
      (await this.#store.get<{ seq: number; newest: number | null }>(
        `SELECT s.seq AS seq, max(e.id) AS newest
         FROM sessions s LEFT JOIN events e ON e.session = s.seq
         WHERE s.community = ? AND s.id = ? GROUP BY s.seq`,
        where.community,
        where.id,
      ));
    state.seq = row?.seq;
    // Deliver from the first event heard of meanwhile, if it is older than the log's end.
    state.last = Math.min(row?.newest ?? 0, state.heardLow - 1);
  }

  #deliver(state: Session, event: LiveEvent): void {
    for (const listener of state.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.#onError(error);
      }
    }
  }

  #fail(error: unknown): void {
    if (!this.#closed) this.#onError(error);
  }
}
