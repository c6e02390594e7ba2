/**
 * `npm run openapi` writes docs/openapi.json, the OpenAPI 3.1 description of the contract,
 * generated from its one source of truth: the route table (packages/client/src/routes.ts)
 * and the valibot schemas (packages/client/src/contract.ts). `npm run openapi -- --check`
 * exits 1 when the checked-in file differs from a fresh generation; so does the client's
 * test `packages/client/test/openapi.test.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { toJsonSchemaDefs, type ConversionConfig } from '@valibot/to-json-schema';
import * as admin from '../packages/client/src/admin.ts';
import * as contract from '../packages/client/src/contract.ts';
import { routeDocs } from '../packages/client/src/route-docs.ts';
import type { Route } from '../packages/client/src/routes.ts';
import { EVENT_DATA } from '../packages/client/src/contract.ts';

type Json = { [key: string]: unknown };
type Schema = Parameters<typeof toJsonSchemaDefs>[0][string];

export const OPENAPI_FILE = fileURLToPath(new URL('../docs/openapi.json', import.meta.url));

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const conversion: Omit<ConversionConfig, 'definitions'> = {
  target: 'draft-2020-12',
  // Requests are described as they go on the wire: a query's `limit` is a string of digits.
  typeMode: 'input',
  // `trim` normalises input before it is checked; it has no JSON Schema equivalent and
  // does not change what a valid body is. Anything else that cannot convert throws.
  ignoreActions: ['trim'],
  // A `check` across fields (e.g. "a statement of reasons is required to reject") has no
  // JSON Schema form: its rule goes into the schema's description instead.
  overrideAction: ({ valibotAction: action, jsonSchema }) => {
    if (action.type !== 'check') return undefined;
    const message = (action as { message?: unknown }).message;
    if (typeof message !== 'string') throw new Error('a `check` needs a message to document it');
    const rule = `Rule: ${message}.`;
    const description = jsonSchema.description ? `${jsonSchema.description} ${rule}` : rule;
    return { ...jsonSchema, description };
  },
  overrideRef: ({ referenceId }) => ref(referenceId).$ref,
};

const docs: Record<admin.AnyRouteName, { summary: string; errors: readonly contract.ErrorCode[] }> =
  { ...routeDocs, ...admin.adminRouteDocs };

/** Every valibot schema `contract.ts` and `admin.ts` export, by its exported name, sorted. */
function contractSchemas(): Record<string, Schema> {
  const entries = Object.entries({ ...contract, ...admin }).filter(
    ([, value]) =>
      typeof value === 'object' && value !== null && 'kind' in value && value.kind === 'schema',
  ) as Array<[string, Schema]>;
  return Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)));
}

const ERROR_DESCRIPTIONS: Record<contract.ErrorCode, string> = {
  validation_failed: 'The request is invalid; `details` lists the fields and what is wrong.',
  unauthorized: 'The member token or host key is missing or unknown.',
  forbidden: 'The credentials are valid but do not allow this.',
  not_found: 'No such community, member, session, question, report, testimonial, photo or offer.',
  conflict: 'The request conflicts with the current state.',
  community_full: 'The community is full and takes no waitlist.',
  payload_too_large: 'The body is larger than the backend accepts.',
  unsupported_media_type:
    'The upload is not one of the accepted media types (JPEG, PNG or WebP, checked by its bytes).',
  rate_limited: 'Too many requests; retry after `Retry-After` seconds.',
  offer_expired: 'The offer has expired; no code is revealed any more.',
  offer_exhausted: 'Every unique code of the offer has been given out.',
  invitation_expired: 'The invitation has expired; the owner can send a new one.',
  internal: 'The backend failed unexpectedly.',
};

/** A raw body of one of `types` (an upload or an image), for `content`. */
const binary = (types: readonly string[]): Json =>
  Object.fromEntries(types.map((type) => [type, { schema: { type: 'string', format: 'binary' } }]));

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content',
};

function errorResponse(status: number, codes: contract.ErrorCode[]): Json {
  const examples = Object.fromEntries(
    codes.map((code) => [
      code,
      {
        summary: ERROR_DESCRIPTIONS[code],
        value: {
          error: {
            code,
            message: ERROR_DESCRIPTIONS[code].replace(/`/g, ''),
            ...(code === 'validation_failed' && {
              details: [{ path: 'displayName', message: 'display name is required' }],
            }),
          },
        },
      },
    ]),
  );
  return {
    description: codes.map((code) => `\`${code}\`: ${ERROR_DESCRIPTIONS[code]}`).join(' '),
    ...(status === 429 && {
      headers: {
        'Retry-After': {
          description: 'Seconds to wait before trying again.',
          schema: { type: 'integer', minimum: 0 },
        },
      },
    }),
    content: { 'application/json': { schema: ref('ErrorBody'), examples } },
  };
}

/** `community_full` → `CommunityFull`. */
const pascal = (code: string) => code.replace(/(?:^|_)(\w)/g, (_, c: string) => c.toUpperCase());

const SECURITY = {
  member: [{ memberToken: [] }],
  host: [{ hostKey: [] }],
  operator: [{ operatorKey: [] }],
  // Anyone; a member token, when sent, personalises the answer.
  'optional-member': [{}, { memberToken: [] }],
};

/** The 200 answer of a stream route: the event types and the schema of each one's data. */
function streamResponse(): Json {
  const events = Object.entries(EVENT_DATA).map(([type, schema]) => [type, schemaName(schema)]);
  return {
    description:
      'A Server-Sent Events stream. Each event has an `id` (an increasing integer per session), an `event` (its type) and one line of JSON `data`: ' +
      events.map(([type, name]) => `\`${type}\` → \`${name}\``).join(', ') +
      ' (questions in events have `votedByMe` and `mine` false); `resync` → `{}`: the `Last-Event-ID` is older than the server keeps, so reload the list and go on. ' +
      'A comment `: ping` comes every 15 s so a dead connection is noticed; a `retry` field may set the reconnection delay. `x-sse-events` maps each type to its data schema.',
    content: {
      'text/event-stream': {
        schema: { type: 'string' },
        'x-sse-events': {
          ...Object.fromEntries(events.map(([type, name]) => [type, ref(name!)])),
          resync: { type: 'object', additionalProperties: false },
        },
      },
    },
  };
}

function operation(
  name: admin.AnyRouteName,
  route: Route,
  slug: unknown,
  schemas: Record<string, Json>,
  errorResponses: Json,
): Json {
  const pathParams = [...route.path.matchAll(/\{(\w+)\}/g)].map(([, param]) => ({
    name: param,
    in: 'path',
    required: true,
    ...(param === 'community'
      ? { description: 'The community’s slug.', schema: slug }
      : { schema: { type: 'string' } }),
  }));
  // Query parameters: the properties of the route's query schema (strings on the wire).
  const query = route.query && (schemas[schemaName(route.query)] as Json);
  const required = (query?.required ?? []) as string[];
  const queryParams = Object.entries((query?.properties ?? {}) as Json).map(([param, schema]) => ({
    name: param,
    in: 'query',
    required: required.includes(param),
    schema,
  }));
  const parameters = [
    ...pathParams,
    ...queryParams,
    ...(route.method === 'POST' ? [{ $ref: '#/components/parameters/IdempotencyKey' }] : []),
    ...(route.stream ? [{ $ref: '#/components/parameters/LastEventId' }] : []),
  ];

  const responses: Json = {};
  for (const [status, schema] of Object.entries(route.responses)) {
    const name = schema && schemaName(schema);
    const description = STATUS_TEXT[Number(status)] ?? `HTTP ${status}`;
    if (route.stream && status === '200') responses[status] = streamResponse();
    else if (route.produces?.includes('text/csv') && status === '200') {
      responses[status] = {
        description: `${description}: CSV (RFC 4180, a header row, CRLF line ends; a cell starting with = + - @ is prefixed with ' so a spreadsheet does not run it).`,
        content: { 'text/csv': { schema: { type: 'string' } } },
      };
    } else if (route.produces && status === '200') {
      responses[status] = {
        description: `${description}: the image bytes, sent with \`X-Content-Type-Options: nosniff\`, a restrictive \`Content-Security-Policy\` and a long \`Cache-Control\`.`,
        content: binary(route.produces),
      };
    } else {
      responses[status] = {
        description,
        ...(name && { content: { 'application/json': { schema: ref(name) } } }),
      };
    }
  }
  const { summary, errors } = docs[name];
  const codes = [...new Set([...errors, 'rate_limited', 'internal'])] as contract.ErrorCode[];
  const statuses = [...new Set(codes.map((code) => contract.ERROR_STATUS[code]))].sort(
    (a, b) => a - b,
  );
  for (const status of statuses) {
    const atStatus = contract.ERROR_CODES.filter(
      (code) => codes.includes(code) && contract.ERROR_STATUS[code] === status,
    );
    const name = atStatus.map(pascal).join('Or');
    errorResponses[name] ??= errorResponse(status, atStatus);
    responses[status] = { $ref: `#/components/responses/${name}` };
  }

  const bodyName = route.body && schemaName(route.body);
  const requestBody =
    (bodyName && { required: true, content: { 'application/json': { schema: ref(bodyName) } } }) ||
    (route.upload && {
      required: true,
      description: `The raw bytes of the file (not multipart), at most ${contract.PHOTO_MAX_BYTES / 1024 / 1024} MB, with its media type as \`Content-Type\`; the backend checks the bytes, not only the header.`,
      content: binary(route.upload),
    });
  return {
    operationId: name,
    summary,
    ...(route.auth !== 'none' && {
      security: route.operator
        ? [...SECURITY[route.auth], ...SECURITY.operator]
        : SECURITY[route.auth],
    }),
    ...(route.permission && {
      'x-cercle-permission': route.permission,
      'x-cercle-roles': contract.HOST_ROLES.filter((role) =>
        contract.ROLE_PERMISSIONS[role].includes(route.permission!),
      ),
    }),
    ...(parameters.length > 0 && { parameters }),
    ...(requestBody && { requestBody }),
    responses,
  };
}

/** The exported name of a contract schema; request and response schemas must be exported. */
function schemaName(schema: unknown): string {
  const found = Object.entries(contractSchemas()).find(([, s]) => s === schema);
  if (!found)
    throw new Error(
      'every request and response schema must be exported from contract.ts or admin.ts',
    );
  return found[0];
}

/** The OpenAPI 3.1 document of the contract, as a plain JSON value. */
export function generateOpenApi(): Json {
  const schemas = contractSchemas();
  const components = toJsonSchemaDefs(schemas, conversion);
  const slug = toJsonSchemaDefs({ slug: contract.Community.entries.slug }, conversion).slug;

  const paths: Record<string, Json> = {};
  const errorResponses: Json = {};
  for (const [name, route] of Object.entries(admin.allRoutes) as Array<
    [admin.AnyRouteName, Route]
  >) {
    (paths[route.path] ??= {})[route.method.toLowerCase()] = operation(
      name,
      route,
      slug,
      components as Record<string, Json>,
      errorResponses,
    );
  }

  return {
    openapi: '3.1.0',
    info: {
      title: 'Cercle API',
      version: String(contract.CONTRACT_VERSION),
      summary: 'The contract between the Cercle widgets and any backend.',
      description:
        'Generated from packages/client/src/routes.ts, admin.ts and contract.ts by `npm run openapi`; do not edit by hand. ' +
        'Host routes name the permission they need (`x-cercle-permission`) and the roles that have it (`x-cercle-roles`). ' +
        'Every non-2xx answer has the shape `{"error": {"code", "message", "details"}}` with a stable `code`. ' +
        'A POST with an `Idempotency-Key` seen within 24 h returns the first answer.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    paths,
    components: {
      schemas: components,
      responses: Object.fromEntries(
        Object.entries(errorResponses).sort(([a], [b]) => a.localeCompare(b)),
      ),
      parameters: {
        IdempotencyKey: {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description:
            'A unique key per write (the client sends a random UUID and reuses it for its retries). The same key within 24 h returns the first answer, so a retried POST never takes effect twice.',
          schema: { type: 'string', minLength: 1 },
        },
        LastEventId: {
          name: 'Last-Event-ID',
          in: 'header',
          required: false,
          description:
            'Resume after this event: the server sends every later event it still keeps, or `resync` first when the gap is older than that. Without it, the stream starts with the next change.',
          schema: { type: 'string' },
        },
      },
      securitySchemes: {
        memberToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'The member token returned once by `join`.',
        },
        hostKey: {
          type: 'http',
          scheme: 'bearer',
          description:
            'The key of one host of the community (owner, moderator or analyst); each host route needs a permission of their role (`x-cercle-permission`).',
        },
        operatorKey: {
          type: 'http',
          scheme: 'bearer',
          description:
            'The key of whoever runs the backend: creates communities with their first owner, and may invite hosts; not a host key.',
        },
      },
    },
  };
}

/** The document as written to docs/openapi.json: two-space JSON, trailing newline. */
export const renderOpenApi = (): string => `${JSON.stringify(generateOpenApi(), null, 2)}\n`;

function main(check: boolean): void {
  const fresh = renderOpenApi();
  if (!check) {
    writeFileSync(OPENAPI_FILE, fresh);
    console.log(`wrote docs/openapi.json (${Object.keys(admin.allRoutes).length} operations)`);
    return;
  }
  let current: string | undefined;
  try {
    current = readFileSync(OPENAPI_FILE, 'utf8');
  } catch {
    current = undefined;
  }
  if (current !== fresh) {
    const what =
      current === undefined ? 'is missing' : 'is stale (routes.ts or contract.ts changed)';
    console.error(`docs/openapi.json ${what}: run \`npm run openapi\` and commit the result.`);
    process.exitCode = 1;
    return;
  }
  console.log('docs/openapi.json is up to date');
}

if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) {
  main(process.argv.includes('--check'));
}
