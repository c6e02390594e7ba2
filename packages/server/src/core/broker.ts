/**
 * Fan-out of live events to the streams open on this instance.
 *
 * Every change is first appended to the event log (the `events` table, in the transaction
 * that makes the change), then published here; each open Server-Sent Events stream of the
 * session is a subscriber. The log is the source of truth: a subscriber that misses events
 * (it was reconnecting, or it was too slow and got cut) resumes from the log with
 * `Last-Event-ID`, so the broker only has to deliver in order to whoever is listening now.
 *
 * `InProcessBroker` serves one process (the SQLite default). Several instances behind a load
 * balancer need every instance to see every change: a PostgreSQL implementation will come
 * behind this same interface, publishing with `NOTIFY cercle_events, '<session> <event id>'`
 * after commit and, on `LISTEN`, reading the event from the log (a NOTIFY payload is limited
 * to 8000 bytes) before calling the local listeners.
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
  /** Delivers `event` to every listener of `session`, in the order published. */
  publish(session: string, event: LiveEvent): void;
  /** Adds a listener; returns the function that removes it (safe to call twice). */
  subscribe(session: string, listener: LiveListener): () => void;
  /** Listeners on this instance: of one session, or of all. */
  subscriberCount(session?: string): number;
}

/** The broker of a single process: a set of listeners per session key. */
export class InProcessBroker implements Broker {
  readonly #listeners = new Map<string, Set<LiveListener>>();
  readonly #onError: (error: unknown) => void;

  /** `onError` receives what a listener throws; the other listeners still get the event. */
  constructor(options: { onError?: (error: unknown) => void } = {}) {
    this.#onError = options.onError ?? ((error) => console.error(error));
  }

  publish(session: string, event: LiveEvent): void {
    const listeners = this.#listeners.get(session);
    if (!listeners) return;
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (error) {
        this.#onError(error);
      }
    }
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
