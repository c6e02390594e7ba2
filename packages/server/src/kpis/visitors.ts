/**
 * Visitors counted without cookies or storage in the browser, as Plausible does: a visitor is
 * the SHA-256 of (the day's random salt, the community, the IP address, the user agent). The
 * salt lives in the database (so every instance hashes alike) and is deleted, with the day's
 * hashes, once the day is over: yesterday's hashes can no longer be recomputed from an IP.
 * Only the daily count stays (`kpi_daily.visitors`, `session_stats.viewers`).
 *
 * Each instance remembers the hashes it has already written today, so a visitor costs one
 * write per day and scope, not one per request. See docs/kpis.md, "Visitors".
 */
import { base64url } from '../core/bytes.js';
import { randomBytes, sha256 } from '../core/crypto.js';
import type { Store } from '../store/store.js';
import { bump, utcDay } from './activity.js';

/** What a visit is about: the community ('') or one session's event stream. */
export type VisitScope = '' | `s${number}`;

export class Visitors {
  readonly #store: Store;
  #day = '';
  #salt: Promise<string> | undefined;
  readonly #seen = new Set<string>();
  /** Event streams open now, per session seq, and the most recorded since this instance started. */
  readonly #open = new Map<number, { now: number; peak: number }>();

  constructor(store: Store) {
    this.#store = store;
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
   * streams open at once (on this instance). Returns what to call when it closes.
   */
  async streamOpened(session: number): Promise<() => void> {
    const counts = this.#open.get(session) ?? { now: 0, peak: 0 };
    this.#open.set(session, counts);
    counts.now++;
    if (counts.now > counts.peak) {
      counts.peak = counts.now;
      await this.#store.write('', (tx) =>
        tx.run(
          `INSERT INTO session_stats (session, peak_viewers) VALUES (?, ?)
           ON CONFLICT (session) DO UPDATE SET
             peak_viewers = CASE WHEN excluded.peak_viewers > session_stats.peak_viewers
               THEN excluded.peak_viewers ELSE session_stats.peak_viewers END`,
          session,
          counts.now,
        ),
      );
    }
    let closed = false;
    return () => {
      if (closed) return;
      closed = true;
      counts.now--;
    };
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
