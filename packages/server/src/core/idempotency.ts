/**
 * Idempotency-Key: the first successful answer to a key is kept 24 h (sealed, see crypto.ts)
 * and replayed for the same key; the same key with a different request is a `conflict`.
 * Keys are per community and operation.
 */
import { IDEMPOTENCY_TTL_MS } from '@cercle/client';
import { cipherKey, seal, sha256, unseal } from './crypto.js';
import { refuse } from './errors.js';
import type { Sql } from '../store/store.js';

export interface Idempotency {
  community: string;
  /** The operation, e.g. `join`. */
  route: string;
  /** The client's Idempotency-Key, if it sent one. */
  key: string | undefined;
  /** What makes two requests the same one (hashed): the validated body, the caller. */
  request: unknown;
}

/**
 * A scope with its hashes and sealing key already computed (`prepareIdempotency`), so that
 * the write transaction does not wait on the crypto: on SQLite every other statement waits
 * while a transaction is open.
 */
export interface PreparedIdempotency extends Idempotency {
  readonly prepared: { keyHash: string; requestHash: string; cipher: CryptoKey } | null;
}

/** Computes the scope's hashes and sealing key; call before `store.write`. */
export async function prepareIdempotency(scope: Idempotency): Promise<PreparedIdempotency> {
  const { key } = scope;
  if (key === undefined) return { ...scope, prepared: null };
  const [keyHash, requestHash, cipher] = await Promise.all([
    sha256(key),
    sha256(JSON.stringify(scope.request)),
    cipherKey(`${scope.community}\0${scope.route}`, key),
  ]);
  return { ...scope, prepared: { keyHash, requestHash, cipher } };
}

export interface IdempotentAnswer<S extends number, B> {
  status: S;
  body: B;
  /** True when this is the replay of an earlier answer (same Idempotency-Key). */
  replayed: boolean;
}

/**
 * Runs `run` once per Idempotency-Key. Call inside the write transaction, so concurrent
 * retries wait for the first one; with a scope prepared before it (`prepareIdempotency`), the
 * transaction waits only on sealing a new answer. `run` names the member the answer is about,
 * if any: their erasure deletes it.
 */
export async function idempotent<S extends number, B>(
  tx: Sql,
  scope: Idempotency | PreparedIdempotency,
  now: Date,
  run: () => Promise<{ status: S; body: B; memberId: string | null }>,
): Promise<IdempotentAnswer<S, B>> {
  const { community, route, key } = scope;
  if (key === undefined) {
    const { status, body } = await run();
    return { status, body, replayed: false };
  }
  const sealScope = `${community}\0${route}`;
  const prepared = 'prepared' in scope ? scope.prepared : null;
  const keyHash = prepared?.keyHash ?? (await sha256(key));
  const requestHash = prepared?.requestHash ?? (await sha256(JSON.stringify(scope.request)));
  const sealKey = prepared?.cipher ?? key;
  await tx.run(
    'DELETE FROM idempotency WHERE created_at < ?',
    new Date(now.getTime() - IDEMPOTENCY_TTL_MS).toISOString(),
  );
  const earlier = await tx.get<{ request_hash: string; status: S; body: Uint8Array }>(
    'SELECT request_hash, status, body FROM idempotency WHERE community = ? AND route = ? AND key_hash = ?',
    community,
    route,
    keyHash,
  );
  if (earlier) {
    if (earlier.request_hash !== requestHash) throw refuse.idempotencyKeyReused();
    const body = JSON.parse(await unseal(sealScope, sealKey, earlier.body)) as B;
    return { status: earlier.status, body, replayed: true };
  }
  const { status, body, memberId } = await run();
  await tx.run(
    `INSERT INTO idempotency (community, route, key_hash, request_hash, member_id, status, body, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    community,
    route,
    keyHash,
    requestHash,
    memberId,
    status,
    await seal(sealScope, sealKey, JSON.stringify(body)),
    now.toISOString(),
  );
  return { status, body, replayed: false };
}
