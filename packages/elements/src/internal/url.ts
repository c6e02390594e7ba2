/**
 * Links that come from a backend (invites, privacy policy) are rendered only when they are
 * `http:` or `https:` URLs: Lit escapes text but does not sanitise `href`, and an adapter
 * may not validate what it returns (`javascript:` would run on click).
 */
export function safeUrl(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** A random id for an `Idempotency-Key` (`randomUUID` needs a secure context; this does not). */
export function randomKey(): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === 'function') return c.randomUUID();
  const bytes = new Uint8Array(16);
  if (c) c.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
