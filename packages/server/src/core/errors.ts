/**
 * The contract's error shape, `{"error": {"code", "message", "details"}}`, as an exception
 * the rules and handlers throw and the app's error handler turns into a response; and the
 * refusals more than one route gives, each worded once.
 */
import {
  ERROR_STATUS,
  PHOTO_MAX_BYTES,
  type ErrorBody,
  type ErrorCode,
  type FieldIssue,
} from '@cercle/client';

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

const sizeText = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MB` : `${bytes / 1024} KB`;

const PERMISSION_WORDS: Readonly<Record<string, string>> = {
  read: 'see this community',
  moderate: 'moderate',
  sessions: 'create or edit live sessions',
  offers: 'create or edit offers',
  settings: "change the community's settings",
  team: 'manage the team',
  audit: 'read the audit log',
  webhooks: 'manage webhooks',
  insights: 'read the figures',
  members: 'see the member list',
};

/** The refusals several routes share. */
export const refuse = {
  noCommunity: (slug: string) => new ApiError('not_found', `No community "${slug}".`),

  missingBearer: (what: string) =>
    new ApiError(
      'unauthorized',
      `Missing ${what}: send Authorization: Bearer <${what}>.`,
      undefined,
      {
        'WWW-Authenticate': 'Bearer',
      },
    ),

  unknownToken: () =>
    new ApiError(
      'unauthorized',
      'This member token is unknown here (never issued, or the member left).',
      undefined,
      { 'WWW-Authenticate': 'Bearer error="invalid_token"' },
    ),

  notHostKey: () =>
    new ApiError('unauthorized', 'This host key is unknown here.', undefined, {
      'WWW-Authenticate': 'Bearer error="invalid_token"',
    }),

  revokedHostKey: (at: string) =>
    new ApiError('unauthorized', `This host key was revoked on ${at}.`, undefined, {
      'WWW-Authenticate': 'Bearer error="invalid_token"',
    }),

  otherCommunityHost: (slug: string) =>
    new ApiError('forbidden', `This host key belongs to another community than "${slug}".`),

  /** A host whose role does not allow the route's permission. */
  notAllowed: (role: string, permission: string) =>
    new ApiError(
      'forbidden',
      `A ${role} may not ${PERMISSION_WORDS[permission] ?? permission}; ask an owner.`,
      { role, permission },
    ),

  notOperatorKey: () =>
    new ApiError('unauthorized', 'This is not the operator key of this server.', undefined, {
      'WWW-Authenticate': 'Bearer error="invalid_token"',
    }),

  /** A waitlisted member tried `what` (e.g. "asking and voting"). */
  waitlisted: (what: string) =>
    new ApiError('forbidden', `You are on the waitlist: ${what} open once you are in the circle.`),

  consentChanged: (current: string) =>
    invalid('The consent text has changed; show the current one and ask again.', [
      { path: 'consent.version', message: `must be the current consent version "${current}"` },
    ]),

  rateLimited: (waitMs: number) => {
    const seconds = Math.max(1, Math.ceil(waitMs / 1000));
    return new ApiError(
      'rate_limited',
      `Too many requests; retry in ${seconds} s.`,
      { retryAfterSeconds: seconds },
      { 'Retry-After': String(seconds) },
    );
  },

  idempotencyKeyReused: () =>
    new ApiError(
      'conflict',
      'This Idempotency-Key was already used for a different request; use a new key.',
    ),

  malformedIdempotencyKey: () =>
    invalid('The Idempotency-Key header is malformed.', [
      { path: 'Idempotency-Key', message: '1 to 255 visible ASCII characters' },
    ]),

  tooLarge: (max: number) =>
    new ApiError('payload_too_large', `The request body is larger than ${sizeText(max)}.`, {
      maxBytes: max,
    }),

  photoTooLarge: () =>
    new ApiError('payload_too_large', `A photo is at most ${sizeText(PHOTO_MAX_BYTES)}.`, {
      maxBytes: PHOTO_MAX_BYTES,
    }),

  badCursor: (sort: string) =>
    invalid('This cursor is not one of this list (or not for this sort order).', [
      { path: 'cursor', message: `not a cursor of the "${sort}" order` },
    ]),

  reservedSessionId: () =>
    invalid('"next" names the live or next session; pick another session id.', [
      { path: 'session', message: '"next" is reserved' },
    ]),

  badSlug: (what: string) =>
    invalid(`The ${what} id in the path must be a slug.`, [
      { path: what, message: 'must be a lowercase slug (a-z, 0-9, -)' },
    ]),
};
