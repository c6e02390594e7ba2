/**
 * The contract's error shape, `{"error": {"code", "message", "details"}}`, as an exception
 * the route handlers throw and the app's error handler turns into a response.
 */
import type { ErrorCode, ErrorBody, FieldIssue } from '@cercle/client';

const STATUS: Record<ErrorCode, number> = {
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  community_full: 409,
  payload_too_large: 413,
  rate_limited: 429,
  internal: 500,
};

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.status = STATUS[code];
  }

  toBody(): ErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.details === undefined ? {} : { details: this.details }),
      },
    };
  }
}

/** A `validation_failed` error; `details` lists the fields at fault. */
export const invalid = (message: string, details: FieldIssue[]): ApiError =>
  new ApiError('validation_failed', message, details);
