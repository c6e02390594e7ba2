/**
 * Turns a failed call into a clear, localized message. Errors are recognised by shape
 * (`kind`, `code`) rather than by class, so an adapter or a second copy of the client
 * works the same as ours.
 */
import type { CercleError } from '@cercle/client';
import type { CommonTerms } from '../locales/terms.js';

export type ErrorLike = Pick<CercleError, 'kind' | 'code' | 'status' | 'details' | 'retryAfterMs'>;

export function asCercleError(error: unknown): ErrorLike | undefined {
  return typeof error === 'object' &&
    error !== null &&
    typeof (error as ErrorLike).kind === 'string'
    ? (error as ErrorLike)
    : undefined;
}

/** True for an HTTP error with this contract code. */
export const hasCode = (error: unknown, code: string): boolean =>
  asCercleError(error)?.code === code;

/** The member token was refused: the member is gone (erased, or the token is stale). */
export const isUnauthorized = (error: unknown): boolean => {
  const e = asCercleError(error);
  return e?.code === 'unauthorized' || (e?.kind === 'http' && e.status === 401);
};

/** Field issues of a `validation_failed` error: `[{ path, message }]`. */
export function fieldIssues(error: unknown): { path: string; message: string }[] {
  const e = asCercleError(error);
  if (e?.code !== 'validation_failed' || !Array.isArray(e.details)) return [];
  return e.details.filter(
    (d): d is { path: string; message: string } =>
      typeof d === 'object' && d !== null && typeof (d as { path?: unknown }).path === 'string',
  );
}

/** Whether trying again may help (not for a community that does not exist). */
export const isRetryable = (error: unknown): boolean => !hasCode(error, 'not_found');

export function errorMessage(error: unknown, t: CommonTerms): string {
  const e = asCercleError(error);
  switch (e?.kind) {
    case 'network':
      return typeof navigator !== 'undefined' && navigator.onLine === false
        ? t.errorOffline
        : t.errorNetwork;
    case 'timeout':
      return t.errorTimeout;
    case 'invalid_response':
      return t.errorInvalidResponse;
    case 'http':
      switch (e.code) {
        case 'not_found':
          return t.errorNotFound;
        case 'rate_limited':
          return t.errorRateLimited(
            e.retryAfterMs === undefined
              ? undefined
              : Math.max(1, Math.ceil(e.retryAfterMs / 1000)),
          );
        case 'community_full':
          return t.errorFull;
        default:
          return (e.status ?? 500) >= 500 ? t.errorServer : t.errorUnknown;
      }
    default:
      return t.errorUnknown;
  }
}
