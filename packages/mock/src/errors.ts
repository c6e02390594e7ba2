/** The mock's failures, with the contract's error shape. */
import type { ErrorCode } from '@cercle/client';

/** A failure with the contract's error shape; the handlers turn it into the HTTP answer. */
export class MockApiError extends Error {
  override readonly name = 'MockApiError';
  readonly status: number;
  readonly code: ErrorCode;
  readonly details: unknown;
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    status: number,
    code: ErrorCode,
    message: string,
    details?: unknown,
    headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
    this.headers = headers;
  }
}
