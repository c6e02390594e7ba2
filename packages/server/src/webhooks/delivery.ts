/**
 * Webhook delivery (Standard Webhooks): a worker sends the outbox's pending messages
 * (outbox.ts) to their endpoints, signed, and retries failures on a schedule.
 *
 * Each attempt is claimed first: inside a write, the message's `next_attempt_at` moves to a
 * lease (the attempt's timeout plus a margin) only if it still holds the value the worker read,
 * so two workers (or two instances on one database) never send the same attempt at once; a
 * worker that dies mid-attempt leaves the message due again when the lease ends. Delivery is
 * at least once: a receiver deduplicates on `webhook-id`.
 *
 * 2xx: delivered, the endpoint's failure count back to 0. Anything else (a 3xx included:
 * redirects are never followed; a timeout; a refused connection): one more attempt counted,
 * the next one later on the schedule (with jitter), `failed` after the last. Each failure
 * counts against the endpoint; at `WEBHOOK_FAILURES_TO_DISABLE` in a row it is disabled and
 * its pending messages wait until its owner enables it again.
 */
import { WEBHOOK_FAILURES_TO_DISABLE } from '@cercle/client/admin';
import { audit, SYSTEM } from '../audit/rules.js';
import { base64, fromBase64, utf8 } from '../core/bytes.js';
import type { WebhookRow } from '../store/rows.js';
import type { Store } from '../store/store.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * When each attempt goes out, after the previous one failed (Standard Webhooks' suggestion):
 * immediately, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h later. Its length is the
 * number of attempts; the first entry is the wait before the first attempt (a message is due
 * when it is written, so 0).
 */
export const DEFAULT_SCHEDULE_MS: readonly number[] = [
  0,
  5 * SECOND,
  5 * MINUTE,
  30 * MINUTE,
  2 * HOUR,
  5 * HOUR,
  10 * HOUR,
  10 * HOUR,
];

/** How long one attempt may take (connect, send, the answer's status line and headers). */
export const DEFAULT_TIMEOUT_MS = 10 * SECOND;

/** How often the worker looks for due messages, on top of `kick()`. */
export const DEFAULT_INTERVAL_MS = SECOND;

/** How many attempts are in flight at most. */
export const DEFAULT_CONCURRENCY = 8;

/** A claim lasts the attempt's timeout plus this, then the message is due again. */
const LEASE_MARGIN_MS = MINUTE;

/** The longest `last_error` kept. */
const ERROR_LENGTH = 200;

export interface DeliveryOptions {
  /** Time between two looks for due messages; default 1 s. */
  intervalMs?: number;
  /** Waits before each attempt, in ms (see `DEFAULT_SCHEDULE_MS`); its length is the number of attempts. */
  schedule?: readonly number[];
  /** Per attempt; default 10 s. */
  timeoutMs?: number;
  /** Default the global `fetch`. */
  fetch?: typeof fetch;
  /** Default `() => new Date()`. */
  now?: () => Date;
  /** Attempts in flight at most; default 8. */
  concurrency?: number;
  /** Each wait is moved by up to this fraction, either way; default 0.1. */
  jitter?: number;
  /** Unexpected errors (the database, a bug); never a receiver's failure. Default `console.error`. */
  onError?: (error: unknown) => void;
}

/** A due message with its endpoint, as read before the claim. */
interface DueRow {
  id: string;
  webhook: string;
  community: string;
  next_attempt_at: string;
  attempts: number;
}

/** A claimed attempt: what to send, and the lease that marks it as this worker's. */
interface Claim {
  id: string;
  community: string;
  payload: string;
  attempts: number;
  lease: string;
  hook: WebhookRow;
}

interface Outcome {
  at: Date;
  ok: boolean;
  status: number | null;
  error: string | null;
}

export class WebhookWorker {
  readonly #store: Store;
  readonly #intervalMs: number;
  readonly #schedule: readonly number[];
  readonly #timeoutMs: number;
  readonly #fetch: typeof fetch;
  readonly #now: () => Date;
  readonly #concurrency: number;
  readonly #jitter: number;
  readonly #onError: (error: unknown) => void;

  #running = false;
  #timer: ReturnType<typeof setInterval> | undefined;
  #pumping: Promise<void> | undefined;
  #again = false;
  readonly #inflight = new Set<Promise<void>>();

  constructor(store: Store, options: DeliveryOptions = {}) {
    this.#store = store;
    this.#intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS;
    this.#schedule = options.schedule ?? DEFAULT_SCHEDULE_MS;
    if (this.#schedule.length === 0) throw new Error('a webhook schedule has at least one attempt');
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#now = options.now ?? (() => new Date());
    this.#concurrency = Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY);
    this.#jitter = options.jitter ?? 0.1;
    this.#onError = options.onError ?? ((error) => console.error(error));
  }

  /** Starts the timer and looks for due messages at once (those left from before a restart). */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#timer = setInterval(() => void this.kick(), this.#intervalMs);
    this.#timer.unref?.();
    void this.kick();
  }

  /**
   * Looks for due messages now. Resolves once that look is done and the attempts it started
   * have ended (for tests); never rejects.
   */
  async kick(): Promise<void> {
    if (!this.#running) return;
    this.#pump();
    await this.#pumping;
    while (this.#inflight.size > 0) await Promise.all([...this.#inflight]);
  }

  /** Stops looking for messages and waits for the attempts in flight to end and be recorded. */
  async stop(): Promise<void> {
    this.#running = false;
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#pumping;
    while (this.#inflight.size > 0) await Promise.all([...this.#inflight]);
  }

  /** Runs `#fill` unless it runs already (then once more after it). */
  #pump(): void {
    if (this.#pumping) {
      this.#again = true;
      return;
    }
    this.#pumping = (async () => {
      try {
        do {
          this.#again = false;
          await this.#fill();
        } while (this.#again && this.#running);
      } catch (error) {
        this.#onError(error);
      } finally {
        this.#pumping = undefined;
      }
    })();
  }

  /** Claims due messages, oldest first, up to the free room, and starts their attempts. */
  async #fill(): Promise<void> {
    const room = this.#concurrency - this.#inflight.size;
    if (room <= 0 || !this.#running) return;
    const due = await this.#store.all<DueRow>(
      `SELECT m.id, m.webhook, m.community, m.next_attempt_at, m.attempts
       FROM webhook_messages m JOIN webhooks w ON w.id = m.webhook
       WHERE m.state = 'pending' AND m.next_attempt_at <= ? AND w.enabled = 1
       ORDER BY m.next_attempt_at, m.seq
       LIMIT ?`,
      this.#now().toISOString(),
      room,
    );
    for (const row of due) {
      if (!this.#running) return;
      const claim = await this.#claim(row);
      if (!claim) continue;
      const attempt: Promise<void> = this.#attempt(claim)
        .catch((error: unknown) => this.#onError(error))
        .finally(() => {
          this.#inflight.delete(attempt);
          if (this.#running) this.#pump();
        });
      this.#inflight.add(attempt);
    }
  }

  /** Takes the attempt for this worker, unless another took it or the endpoint is disabled. */
  async #claim(row: DueRow): Promise<Claim | undefined> {
    const lease = new Date(this.#now().getTime() + this.#timeoutMs + LEASE_MARGIN_MS).toISOString();
    return this.#store.write(row.community, async (tx) => {
      const hook = await tx.get<WebhookRow>(
        'SELECT * FROM webhooks WHERE id = ? AND enabled = 1',
        row.webhook,
      );
      if (!hook) return undefined;
      const { changes } = await tx.run(
        `UPDATE webhook_messages SET next_attempt_at = ?
         WHERE id = ? AND state = 'pending' AND next_attempt_at = ? AND attempts = ?`,
        lease,
        row.id,
        row.next_attempt_at,
        row.attempts,
      );
      if (changes !== 1) return undefined;
      const payload = await tx.value<string>(
        'SELECT payload FROM webhook_messages WHERE id = ?',
        row.id,
      );
      return {
        id: row.id,
        community: row.community,
        payload: payload ?? '',
        attempts: row.attempts,
        lease,
        hook,
      };
    });
  }

  async #attempt(claim: Claim): Promise<void> {
    const outcome = await this.#send(claim);
    await this.#record(claim, outcome);
  }

  /** One POST, signed with the current secret (and the previous one while it lasts). */
  async #send(claim: Claim): Promise<Outcome> {
    const at = this.#now();
    const { hook } = claim;
    const timestamp = Math.floor(at.getTime() / 1000);
    const secrets = [hook.secret];
    if (
      hook.previous_secret &&
      hook.previous_expires_at &&
      Date.parse(hook.previous_expires_at) > at.getTime()
    ) {
      secrets.push(hook.previous_secret);
    }
    const signatures = await Promise.all(
      secrets.map((secret) => signWebhook(secret, claim.id, timestamp, claim.payload)),
    );
    try {
      const response = await this.#fetch(hook.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Cercle-Webhooks/1',
          'webhook-id': claim.id,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': signatures.join(' '),
        },
        body: claim.payload,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
      await response.body?.cancel().catch(() => undefined);
      const { status } = response;
      if (status >= 200 && status < 300) return { at, ok: true, status, error: null };
      const error =
        status >= 300 && status < 400
          ? `HTTP ${status}: redirects are not followed`
          : `HTTP ${status}`;
      // An opaque redirect (browsers) has status 0: the receiver was reached, its status unknown.
      return { at, ok: false, status: status === 0 ? null : status, error };
    } catch (error) {
      return { at, ok: false, status: null, error: this.#describe(error) };
    }
  }

  /** A short reason for a failed request: no URL, no header, no secret. */
  #describe(error: unknown): string {
    const name = error instanceof Error ? error.name : '';
    if (name === 'TimeoutError' || name === 'AbortError') {
      return `no answer within ${this.#timeoutMs} ms`;
    }
    const cause =
      error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
    const code = typeof cause?.code === 'string' ? cause.code : undefined;
    if (code) return `connection failed: ${code}`.slice(0, ERROR_LENGTH);
    return 'connection failed';
  }

  /** Records the attempt, if the claim is still this worker's. */
  async #record(claim: Claim, outcome: Outcome): Promise<void> {
    const attempts = claim.attempts + 1;
    const attemptAt = outcome.at.toISOString();
    await this.#store.write(claim.community, async (tx) => {
      const mine = `WHERE id = ? AND state = 'pending' AND next_attempt_at = ? AND attempts = ?`;
      const key = [claim.id, claim.lease, claim.attempts] as const;
      if (outcome.ok) {
        const { changes } = await tx.run(
          `UPDATE webhook_messages SET state = 'delivered', attempts = ?, last_attempt_at = ?,
             last_status = ?, last_error = NULL, next_attempt_at = NULL ${mine}`,
          attempts,
          attemptAt,
          outcome.status,
          ...key,
        );
        if (changes === 1) {
          await tx.run('UPDATE webhooks SET consecutive_failures = 0 WHERE id = ?', claim.hook.id);
        }
        return;
      }
      const now = this.#now();
      const last = attempts >= this.#schedule.length;
      const next = last
        ? null
        : new Date(now.getTime() + this.#wait(this.#schedule[attempts] ?? 0)).toISOString();
      const { changes } = await tx.run(
        `UPDATE webhook_messages SET state = ?, attempts = ?, last_attempt_at = ?, last_status = ?,
           last_error = ?, next_attempt_at = ? ${mine}`,
        last ? 'failed' : 'pending',
        attempts,
        attemptAt,
        outcome.status,
        outcome.error?.slice(0, ERROR_LENGTH) ?? null,
        next,
        ...key,
      );
      if (changes !== 1) return;
      await tx.run(
        'UPDATE webhooks SET consecutive_failures = consecutive_failures + 1 WHERE id = ?',
        claim.hook.id,
      );
      const disabled = await tx.run(
        `UPDATE webhooks SET enabled = 0, disabled_reason = 'failures'
         WHERE id = ? AND enabled = 1 AND consecutive_failures >= ?`,
        claim.hook.id,
        WEBHOOK_FAILURES_TO_DISABLE,
      );
      if (disabled.changes === 1) {
        await audit(
          tx,
          claim.community,
          SYSTEM,
          {
            action: 'webhook.disabled',
            target: { kind: 'webhook', id: claim.hook.id },
            details: { reason: 'failures', consecutiveFailures: WEBHOOK_FAILURES_TO_DISABLE },
          },
          now,
        );
      }
    });
  }

  /** `ms`, moved by up to `jitter` of itself either way. */
  #wait(ms: number): number {
    return Math.max(0, Math.round(ms * (1 + this.#jitter * (Math.random() * 2 - 1))));
  }
}

// ---------------------------------------------------------------------------------------
// Signatures
// ---------------------------------------------------------------------------------------

const subtle = (): SubtleCrypto => globalThis.crypto.subtle;

/** The key bytes of a `whsec_…` secret (the prefix is optional). */
function secretKey(secret: string): Uint8Array {
  return fromBase64(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret);
}

/**
 * The `v1,<base64>` signature of one message: HMAC-SHA256, keyed with the secret's bytes
 * (base64 after `whsec_`), over `${id}.${timestamp}.${body}`.
 */
export async function signWebhook(
  secret: string,
  id: string,
  timestamp: number | string,
  body: string,
): Promise<string> {
  const key = await subtle().importKey(
    'raw',
    secretKey(secret) as BufferSource,
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = await subtle().sign('HMAC', key, utf8(`${id}.${timestamp}.${body}`) as BufferSource);
  return `v1,${base64(new Uint8Array(mac))}`;
}

/** Request headers: a `Headers`, or Node's `IncomingHttpHeaders` (lower-case names). */
export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

function header(headers: WebhookHeaders, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/**
 * Whether a received message is genuine: `webhook-signature` holds a `v1` signature by one of
 * `secrets` over the raw `body`, and `webhook-timestamp` is within `toleranceSeconds` of `now`
 * (default 5 minutes), so a captured message cannot be replayed later.
 */
export async function verifyWebhook(
  secrets: string | readonly string[],
  headers: WebhookHeaders,
  body: string,
  toleranceSeconds = 300,
  now: Date = new Date(),
): Promise<boolean> {
  const id = header(headers, 'webhook-id');
  const timestamp = header(headers, 'webhook-timestamp');
  const signature = header(headers, 'webhook-signature');
  if (!id || !timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > toleranceSeconds) return false;
  const given = signature.split(' ').filter((s) => s.startsWith('v1,'));
  for (const secret of typeof secrets === 'string' ? [secrets] : secrets) {
    const expected = await signWebhook(secret, id, timestamp, body);
    if (given.some((s) => sameText(s, expected))) return true;
  }
  return false;
}
