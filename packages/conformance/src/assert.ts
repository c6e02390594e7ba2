/** Small assertions whose messages say what the contract wanted and what came back. */
import type { Answer } from './http.js';

/** A check's failure: the message is the reason printed next to the check. */
export class CheckFailure extends Error {
  override readonly name = 'CheckFailure';
}

export function fail(message: string): never {
  throw new CheckFailure(message);
}

export function ok(condition: unknown, message: string): asserts condition {
  if (!condition) fail(message);
}

/** A short, one-line rendering of a value for a failure message. */
export function show(value: unknown, max = 300): string {
  let text: string;
  try {
    text =
      typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? 'undefined');
  } catch {
    text = String(value);
  }
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) =>
    deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}

export function equal<T>(actual: T, expected: T, what: string): void {
  if (!deepEqual(actual, expected)) {
    fail(`${what}: expected ${show(expected)}, got ${show(actual)}`);
  }
}

const answerText = (answer: Answer<unknown>) =>
  answer.text === '' ? '(no body)' : show(answer.json ?? answer.text, 400);

/** The answer has `status` (or one of them); returns its validated body. */
export function expectStatus<T>(
  answer: Answer<T>,
  status: number | readonly number[],
  what = '',
): T {
  const wanted = typeof status === 'number' ? [status] : status;
  if (!wanted.includes(answer.status)) {
    fail(
      `${what ? `${what}: ` : ''}${answer.label} should answer ${wanted.join(' or ')}, got ${answer.status} ${answerText(answer)}`,
    );
  }
  return answer.data;
}

export interface ErrorInfo {
  code: string;
  message: string;
  details?: unknown;
}

/** The answer is the contract's error with this status and code; returns the error. */
export function expectError(
  answer: Answer<unknown>,
  status: number,
  code: string,
  what = '',
): ErrorInfo {
  const prefix = what ? `${what}: ` : '';
  if (answer.status !== status || answer.error?.code !== code) {
    fail(
      `${prefix}${answer.label} should answer ${status} ${code}, got ${answer.status} ${answerText(answer)}`,
    );
  }
  return answer.error;
}

/** The answer is an error with one of these codes (when the contract allows several). */
export function expectOneOf(
  answer: Answer<unknown>,
  codes: readonly string[],
  what = '',
): ErrorInfo {
  if (answer.error === undefined || !codes.includes(answer.error.code)) {
    fail(
      `${what ? `${what}: ` : ''}${answer.label} should be refused with ${codes.join(' or ')}, got ${answer.status} ${answerText(answer)}`,
    );
  }
  return answer.error;
}

/** A `validation_failed` whose `details` name `path` (exactly, or a field under it). */
export function expectInvalid(answer: Answer<unknown>, path: string, what = ''): ErrorInfo {
  const error = expectError(answer, 400, 'validation_failed', what);
  const details = error.details;
  ok(
    Array.isArray(details) &&
      details.every(
        (d) =>
          typeof d === 'object' &&
          d !== null &&
          typeof (d as { path?: unknown }).path === 'string' &&
          typeof (d as { message?: unknown }).message === 'string',
      ),
    `${what ? `${what}: ` : ''}validation_failed must carry details [{path, message}], got ${show(details)}`,
  );
  const paths = (details as { path: string }[]).map((d) => d.path);
  ok(
    paths.some((p) => p === path || p.startsWith(`${path}.`)),
    `${what ? `${what}: ` : ''}details should name "${path}", got paths ${show(paths)}`,
  );
  return error;
}

/** A 401 `unauthorized` with a `WWW-Authenticate` header (RFC 9110 requires one on every 401). */
export function expectUnauthorized(answer: Answer<unknown>, what = ''): void {
  expectError(answer, 401, 'unauthorized', what);
  ok(
    answer.headers.get('www-authenticate') !== null,
    `${what ? `${what}: ` : ''}a 401 must carry a WWW-Authenticate header (${answer.label})`,
  );
}
