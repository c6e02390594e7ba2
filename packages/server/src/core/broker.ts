/**
 * Fan-out of live events to the streams open on this instance.
 *
 * Every change is first appended to the event log (the `events` table, in the transaction
 * that makes the change), then published here; each open Server-Sent Events stream of the
 * session is a subscriber. The log is the source of truth: a subscriber that misses events
 * (it was reconnecting, or it was too slow and got cut) resumes from the log with
 * `Last-Event-ID`, so the broker only has to deliver in order to whoever is listening now.
 *
 * `publish` never runs the fan-out in the caller's turn: the change's HTTP answer goes out
 * first, however many streams are open (writing to 5,000 streams takes tens of milliseconds).
 *
 * Two implementations. `InProcessBroker` serves one process (SQLite, the mock): it queues what
 * is published and delivers it on the next turn of the event loop. `PostgresBroker`
 * (postgres-broker.ts, the default on PostgreSQL) serves several instances sharing one
 * database: `publish` sends `NOTIFY cercle_events, '<event id> <session key>'`, and every
 * instance, on `LISTEN`, reads from the log what its own streams of that session have not had
 * yet, and delivers it in id order.
 */
import type { SessionEventType } from '@cercle/client';

/** One event as a stream sends it: the SSE `event` field and the one-line JSON `data`. */
export interface WireEvent {
  readonly type: SessionEventType;
  readonly data: string;
}

/** One entry of a session's event log. */
export interface LiveEvent {
  /** Increasing (per session and across restarts); the SSE `id`. */
  readonly id: number;
  /** What the public stream sends; absent when the public sees nothing of this change. */
  readonly public?: WireEvent | undefined;
  /** What the host stream sends (the host sees every change). */
  readonly host: WireEvent;
}

export type LiveListener = (event: LiveEvent) => void;

export interface Broker {
  /**
   * Delivers `event` to every listener of `session`, in the order published; called once the
   * change has committed. Returns at once: listeners run later, never in the caller's turn.
   */
  publish(session: string, event: LiveEvent): void;
  /** Adds a listener; returns the function that removes it (safe to call twice). */
  subscribe(session: string, listener: LiveListener): () => void;
  /** Listeners on this instance: of one session, or of all. */
  subscriberCount(session?: string): number;
}

/** The next turn of the event loop: after this turn's I/O (Node), or a new task (browsers). */
const nextTurn: (fn: () => void) => void =
  typeof globalThis.setImmediate === 'function'
    ? (fn) => void globalThis.setImmediate(fn)
    : (fn) => void setTimeout(fn, 0);

/**
 * The broker of a single process: a set of listeners per session key. `publish` queues the
 * event; one drain at a time, on the next turn, delivers the queue in the order published to
 * the listeners subscribed by then.
 */
export class InProcessBroker implements Broker {
  readonly #listeners = new Map<string, Set<LiveListener>>();
  readonly #onError: (error: unknown) => void;
  readonly #queue: [string, LiveEvent][] = [];
  #scheduled = false;

  /** `onError` receives what a listener throws; the other listeners still get the event. */
  constructor(options: { onError?: (error: unknown) => void } = {}) {
    this.#onError = options.onError ?? ((error) => console.error(error));
  }

  publish(session: string, event: LiveEvent): void {
    if (!this.#listeners.has(session)) return;
    this.#queue.push([session, event]);
    if (this.#scheduled) return;
    this.#scheduled = true;
    nextTurn(() => this.#drain());
  }

  #drain(): void {
    // What a listener publishes meanwhile joins the queue and goes out in this same drain.
    for (let i = 0; i < this.#queue.length; i++) {
      const [session, event] = this.#queue[i]!;
      const listeners = this.#listeners.get(session);
      if (!listeners) continue;
      for (const listener of listeners) {
        try {
          listener(event);
        } catch (error) {
          this.#onError(error);
        }
      }
    }
    this.#queue.length = 0;
    this.#scheduled = false;
  }

  subscribe(session: string, listener: LiveListener): () => void {
    let listeners = this.#listeners.get(session);
    if (!listeners) this.#listeners.set(session, (listeners = new Set()));
    // A wrapper, so the same function subscribed twice is two subscriptions.
    const entry: LiveListener = (event) => listener(event);
    listeners.add(entry);
    return () => {
      const set = this.#listeners.get(session);
      if (!set?.delete(entry)) return;
      if (set.size === 0) this.#listeners.delete(session);
    };
  }

  subscriberCount(session?: string): number {
    if (session !== undefined) return this.#listeners.get(session)?.size ?? 0;
    let count = 0;
    for (const set of this.#listeners.values()) count += set.size;
    return count;
  }
}
