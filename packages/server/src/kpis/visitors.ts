/**
 * Visitors counted without cookies or storage in the browser, as Plausible does: a visitor is
 * the SHA-256 of (the day's random salt, the community, the IP address, the user agent). The
 * salt lives in the database (so every instance hashes alike) and is deleted, with the day's
 * hashes, once the day is over: yesterday's hashes can no longer be recomputed from an IP.
 * Only the daily count stays (`kpi_daily.visitors`, `session_stats.viewers`).
 *
 * Each instance remembers the hashes it has already written today, so a visitor costs one
 * write per day and scope, not one per request. See docs/kpis.md, "Visitors".
 *
 * A session's peak of streams open at once counts every instance: each keeps its own count
 * per session in `stream_presence` (a row per instance and session, refreshed every
 * PRESENCE_REFRESH_MS), and the peak is raised to the sum of the rows seen within
 * PRESENCE_STALE_MS, so the rows of an instance that died stop counting.
 */
import { base64url } from '../core/bytes.js';
import { randomBytes, sha256 } from '../core/crypto.js';
import type { Store } from '../store/store.js';
import { bump, utcDay } from './activity.js';

/** What a visit is about: the community ('') or one session's event stream. */
export type VisitScope = '' | `s${number}`;

/** How often an instance says its streams are still open. */
export const PRESENCE_REFRESH_MS = 30_000;
/** After this long without a refresh, an instance's streams no longer count (it died). */
export const PRESENCE_STALE_MS = 120_000;

export interface VisitorsOptions {
  now?: () => Date;
  /** Stops the presence refresh (the server is closing). */
  signal?: AbortSignal | undefined;
  /** What a background write throws. */
  onError?: (error: unknown) => void;
}

export class Visitors {
  readonly #store: Store;
  readonly #now: () => Date;
  readonly #onError: (error: unknown) => void;
  #day = '';
  #salt: Promise<string> | undefined;
  readonly #seen = new Set<string>();
  /** This instance in `stream_presence`. */
  readonly #instance = base64url(randomBytes(9));
  /** Event streams open on this instance now, per session seq. */
  readonly #open = new Map<number, number>();
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(store: Store, options: VisitorsOptions = {}) {
    this.#store = store;
    this.#now = options.now ?? (() => new Date());
    this.#onError = options.onError ?? (() => {});
    options.signal?.addEventListener('abort', () => this.close(), { once: true });
  }

  /** Stops refreshing this instance's presence. */
  close(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** Counts the visitor once per day and scope (a community's widgets, or a session's stream). */
  async visit(
    community: string,
    scope: VisitScope,
    ip: string,
    userAgent: string,
    now: Date,
  ): Promise<void> {
    const day = utcDay(now);
    if (day !== this.#day) {
      this.#day = day;
      this.#seen.clear();
      this.#salt = this.#saltOf(day);
    }
    const hash = await sha256(`${await this.#salt}\n${community}\n${ip}\n${userAgent}`);
    const key = `${community}\n${scope}\n${hash}`;
    if (this.#seen.has(key)) return;
    await this.#store.write(community, async (tx) => {
      const { changes } = await tx.run(
        `INSERT INTO visitor_hashes (community, day, scope, hash) VALUES (?, ?, ?, ?)
         ON CONFLICT DO NOTHING`,
        community,
        day,
        scope,
        hash,
      );
      if (changes === 0) return;
      if (scope === '') {
        await bump(tx, community, day, 'visitors');
      } else {
        await tx.run(
          `INSERT INTO session_stats (session, viewers) VALUES (?, 1)
           ON CONFLICT (session) DO UPDATE SET viewers = session_stats.viewers + 1`,
          Number(scope.slice(1)),
        );
      }
    });
    this.#seen.add(key);
  }

  /**
   * A public event stream of a session opened: counts it towards the session's peak of
   * streams open at once (on every instance). Returns what to call when it closes.
   */
  async streamOpened(session: number): Promise<() => void> {
    this.#open.set(session, (this.#open.get(session) ?? 0) + 1);
    this.#startRefresh();
    await this.#present(session, true);
    let closed = false;
    return () => {
      if (closed) return;
      closed = true;
      const left = (this.#open.get(session) ?? 1) - 1;
      if (left > 0) this.#open.set(session, left);
      else this.#open.delete(session);
      this.#present(session, false).catch(this.#onError);
    };
  }

  /** Writes this instance's count for `session`; `peak`: then raises the session's peak to the sum. */
  #present(session: number, peak: boolean): Promise<void> {
    const now = this.#now();
    const open = this.#open.get(session) ?? 0;
    return this.#store.write(`stream:${session}`, async (tx) => {
      if (open === 0) {
        await tx.run(
          'DELETE FROM stream_presence WHERE instance = ? AND session = ?',
          this.#instance,
          session,
        );
        return;
      }
      await tx.run(
        `INSERT INTO stream_presence (instance, session, open, seen_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (instance, session) DO UPDATE SET open = excluded.open, seen_at = excluded.seen_at`,
        this.#instance,
        session,
        open,
        now.toISOString(),
      );
      if (!peak) return;
      const total =
        (await tx.value<number>(
          `SELECT CAST(COALESCE(SUM(open), 0) AS INTEGER) FROM stream_presence
           WHERE session = ? AND seen_at >= ?`,
          session,
          new Date(now.getTime() - PRESENCE_STALE_MS).toISOString(),
        )) ?? open;
      await tx.run(
        `INSERT INTO session_stats (session, peak_viewers) VALUES (?, ?)
         ON CONFLICT (session) DO UPDATE SET
           peak_viewers = CASE WHEN excluded.peak_viewers > session_stats.peak_viewers
             THEN excluded.peak_viewers ELSE session_stats.peak_viewers END`,
        session,
        total,
      );
    });
  }

  /** While streams are open here, refreshes this instance's rows (and forgets dead ones'). */
  #startRefresh(): void {
    if (this.#timer !== undefined) return;
    this.#timer = setInterval(() => {
      if (this.#open.size === 0) return this.close();
      const now = this.#now();
      this.#store
        .write('', async (tx) => {
          await tx.run(
            'UPDATE stream_presence SET seen_at = ? WHERE instance = ?',
            now.toISOString(),
            this.#instance,
          );
          await tx.run(
            'DELETE FROM stream_presence WHERE seen_at < ?',
            new Date(now.getTime() - 10 * PRESENCE_STALE_MS).toISOString(),
          );
        })
        .catch(this.#onError);
    }, PRESENCE_REFRESH_MS);
    (this.#timer as { unref?: () => void }).unref?.();
  }

  /** The day's salt: the one another instance made, or a new one; older days' are deleted. */
  #saltOf(day: string): Promise<string> {
    return this.#store.write('', async (tx) => {
      await tx.run('DELETE FROM visitor_salts WHERE day < ?', day);
      await tx.run('DELETE FROM visitor_hashes WHERE day < ?', day);
      await tx.run(
        'INSERT INTO visitor_salts (day, salt) VALUES (?, ?) ON CONFLICT DO NOTHING',
        day,
        base64url(randomBytes(32)),
      );
      return (await tx.value<string>('SELECT salt FROM visitor_salts WHERE day = ?', day)) ?? '';
    });
  }
}
