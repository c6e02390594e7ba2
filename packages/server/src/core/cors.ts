/** Origin matching for CORS. */

/**
 * Whether `origin` (`scheme://host[:port]`, as browsers send it) matches one of the
 * patterns: an exact origin, or `scheme://host:*` for that host on any port (or none).
 */
export function originAllowed(origin: string, patterns: readonly string[]): boolean {
  const o = origin.toLowerCase();
  return patterns.some((pattern) => {
    const p = pattern.toLowerCase().replace(/\/+$/, '');
    if (!p.endsWith(':*')) return o === p;
    const base = p.slice(0, -2);
    return o === base || (o.startsWith(`${base}:`) && /^\d{1,5}$/.test(o.slice(base.length + 1)));
  });
}
