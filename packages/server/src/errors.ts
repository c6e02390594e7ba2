/**
 * The contract's error shape, `{"error": {"code", "message", "details"}}`, as an exception
 * the route handlers throw and the app's error handler turns into a response.
 */
import { ERROR_STATUS, type ErrorBody, type ErrorCode, type FieldIssue } from '@cercle/client';

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
    this.status = ERROR_STATUS[code];
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
