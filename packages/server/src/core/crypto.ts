/**
 * Tokens, hashes and the sealed idempotency answers, with the Web Crypto API (Node 20+ and
 * browsers alike).
 */
import { base64url, concat, hex, utf8 } from './bytes.js';

const subtle = (): SubtleCrypto => globalThis.crypto.subtle;

export const randomBytes = (length: number): Uint8Array =>
  globalThis.crypto.getRandomValues(new Uint8Array(length));

/** A new member token or host key: 32 random bytes, base64url (43 characters). */
export const newSecret = (): string => base64url(randomBytes(32));

/** A new opaque id, `prefix_` and 16 random base64url characters (`mem_…`, `q_…`). */
export const newId = (prefix: string): string => `${prefix}_${base64url(randomBytes(12))}`;

/** A uniform random integer in [0, max), max ≤ 2³². */
export function randomInt(max: number): number {
  const limit = Math.floor(0x1_0000_0000 / max) * max;
  for (;;) {
    const [n] = globalThis.crypto.getRandomValues(new Uint32Array(1)) as unknown as [number];
    if (n < limit) return n % max;
  }
}

/** SHA-256, hex. Tokens and host keys are high-entropy secrets, so a fast hash is enough. */
export async function sha256(value: string | Uint8Array): Promise<string> {
  const bytes = typeof value === 'string' ? utf8(value) : value;
  return hex(new Uint8Array(await subtle().digest('SHA-256', bytes as BufferSource)));
}

/** Compares two hex digests in constant time (for equal lengths). */
export function digestsEqual(a: string, b: string): boolean {
  if (a.length !== b.length || a.length === 0) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/*
 * An idempotent join must answer a retry with the same token, yet the database must never
 * hold a usable token. So the stored answer is encrypted (AES-256-GCM) with a key derived
 * from the Idempotency-Key itself, and only a hash of that key is stored: the answer can be
 * opened only by whoever presents the original key, which is exactly who may replay it.
 * Layout: 12-byte IV, 16-byte tag, ciphertext.
 */
export async function cipherKey(scope: string, key: string): Promise<CryptoKey> {
  const raw = await subtle().digest(
    'SHA-256',
    utf8(`cercle-idempotency-v1\0${scope}\0${key}`) as BufferSource,
  );
  return subtle().importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
}

/** Seals `plaintext` under the key of (`scope`, `key`), or under that key already derived. */
export async function seal(
  scope: string,
  key: string | CryptoKey,
  plaintext: string,
): Promise<Uint8Array> {
  const iv = randomBytes(12);
  const sealed = new Uint8Array(
    await subtle().encrypt(
      { name: 'AES-GCM', iv: iv as BufferSource },
      typeof key === 'string' ? await cipherKey(scope, key) : key,
      utf8(plaintext) as BufferSource,
    ),
  );
  const tag = sealed.subarray(sealed.length - 16);
  return concat([iv, tag, sealed.subarray(0, sealed.length - 16)]);
}

export async function unseal(
  scope: string,
  key: string | CryptoKey,
  sealed: Uint8Array,
): Promise<string> {
  const data = concat([sealed.subarray(28), sealed.subarray(12, 28)]);
  const plain = await subtle().decrypt(
    { name: 'AES-GCM', iv: sealed.subarray(0, 12) as BufferSource },
    typeof key === 'string' ? await cipherKey(scope, key) : key,
    data as BufferSource,
  );
  return new TextDecoder().decode(plain);
}
