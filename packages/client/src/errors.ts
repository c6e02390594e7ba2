/**
 * Typed errors. Every failure of a client call is a `CercleError` with a `kind` a widget
 * can switch on to show a clear message, and for HTTP errors the contract's stable `code`.
 */
import type { ErrorCode, FieldIssue } from './contract.js';

export type CercleErrorKind =
  /** The request never got an answer (offline, DNS, CORS refused, connection reset). */
  | 'network'
  /** No answer within the per-attempt timeout. */
  | 'timeout'
  /** The caller's AbortSignal fired. */
  | 'aborted'
  /** The backend answered with a non-2xx status and (usually) the contract's error shape. */
  | 'http'
  /** The backend answered 2xx with a body that does not match the contract. */
  | 'invalid_response';

export interface CercleErrorInit {
  status?: number;
  code?: ErrorCode | (string & {});
  details?: unknown;
  retryAfterMs?: number;
  cause?: unknown;
}

export class CercleError extends Error {
  override readonly name = 'CercleError';
  readonly kind: CercleErrorKind;
  /** HTTP status, for `http` errors. */
  readonly status: number | undefined;
  /** The contract's stable error code (`validation_failed`, `rate_limited`…), for `http` errors. */
  readonly code: ErrorCode | (string & {}) | undefined;
  readonly details: unknown;
  /** When the backend said to come back (from `Retry-After`), in milliseconds. */
  readonly retryAfterMs: number | undefined;

  constructor(kind: CercleErrorKind, message: string, init: CercleErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = kind;
    this.status = init.status;
    this.code = init.code;
    this.details = init.details;
    this.retryAfterMs = init.retryAfterMs;
  }

  /** Field issues of a `validation_failed` error (empty otherwise). */
  get fieldIssues(): FieldIssue[] {
    if (this.code !== 'validation_failed' || !Array.isArray(this.details)) return [];
    return this.details.filter(
      (d): d is FieldIssue =>
        typeof d === 'object' && d !== null && typeof (d as FieldIssue).path === 'string',
    );
  }
}

export const isCercleError = (e: unknown): e is CercleError => e instanceof CercleError;
