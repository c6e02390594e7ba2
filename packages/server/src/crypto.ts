/** Tokens, hashes and the sealed idempotency answers. */
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';

/** A new member token or host key: 32 random bytes, base64url (43 characters). */
export const newSecret = (): string => randomBytes(32).toString('base64url');

/** An opaque member id. */
export const newMemberId = (): string => `mem_${randomBytes(12).toString('base64url')}`;

/** SHA-256, hex. Tokens and host keys are high-entropy secrets, so a fast hash is enough. */
export const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

/** Compares two hex digests in constant time. */
export function digestsEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

/*
 * An idempotent join must answer a retry with the same token, yet the database must never
 * hold a usable token. So the stored answer is encrypted (AES-256-GCM) with a key derived
 * from the Idempotency-Key itself, and only a hash of that key is stored: the answer can be
 * opened only by whoever presents the original key, which is exactly who may replay it.
 */
const idempotencyCipherKey = (scope: string, key: string): Buffer =>
  createHash('sha256').update(`cercle-idempotency-v1\0${scope}\0${key}`).digest();

export function seal(scope: string, key: string, plaintext: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', idempotencyCipherKey(scope, key), iv);
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), data]);
}

export function unseal(scope: string, key: string, sealed: Buffer): string {
  const decipher = createDecipheriv(
    'aes-256-gcm',
    idempotencyCipherKey(scope, key),
    sealed.subarray(0, 12),
  );
  decipher.setAuthTag(sealed.subarray(12, 28));
  return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
}
