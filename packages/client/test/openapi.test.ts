import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ERROR_STATUS,
  routes,
  type RouteName,
  SESSION_EVENT_TYPES,
  type ErrorCode,
  type Route,
} from '@cercle/client';
import { routeDocs } from '../src/route-docs.ts';
import { generateOpenApi, OPENAPI_FILE, renderOpenApi } from '../../../scripts/openapi.ts';

type Json = { [key: string]: unknown };

const doc = generateOpenApi() as Json & {
  paths: Record<string, Record<string, Json>>;
  components: Record<string, Record<string, Json>>;
};

/** Follows a local `$ref` such as `#/components/responses/NotFound`. */
function resolveRef(ref: string): unknown {
  return ref
    .slice(2)
    .split('/')
    .reduce<unknown>((node, key) => (node as Json | undefined)?.[key], doc);
}

function* refs(node: unknown): Generator<string> {
  if (Array.isArray(node)) for (const item of node) yield* refs(item);
  else if (typeof node === 'object' && node !== null) {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') yield value;
      else yield* refs(value);
    }
  }
}

const operations = Object.entries(routes as Record<string, Route>).map(([name, route]) => ({
  name,
  route,
  op: doc.paths[route.path]?.[route.method.toLowerCase()] as Json & {
    parameters?: Json[];
    responses: Record<string, Json>;
  },
}));

describe('docs/openapi.json', () => {
  it('is up to date with routes.ts and contract.ts', () => {
    const stale = 'docs/openapi.json is stale: run `npm run openapi` and commit the result';
    expect(existsSync(OPENAPI_FILE), 'docs/openapi.json is missing: run `npm run openapi`').toBe(
      true,
    );
    expect(readFileSync(OPENAPI_FILE, 'utf8'), stale).toBe(renderOpenApi());
  });

  it('is an OpenAPI 3.1 document whose every $ref resolves', () => {
    expect(doc.openapi).toBe('3.1.0');
    const all = [...refs(doc)];
    expect(all.length).toBeGreaterThan(0);
    for (const ref of all) expect(resolveRef(ref), ref).toBeDefined();
  });

  it('names the component schemas after the exported contract schemas', () => {
    expect(Object.keys(doc.components.schemas!)).toEqual(
      expect.arrayContaining(['Community', 'ErrorBody', 'JoinRequest', 'JoinResponse', 'Me']),
    );
    // Closed for writing: the join body refuses unknown fields.
    expect(doc.components.schemas!.JoinRequest).toMatchObject({
      additionalProperties: false,
      required: ['displayName', 'consent'],
    });
  });

  it.each(operations)('describes $name with its path, auth and answers', ({ name, route, op }) => {
    expect(op, `${route.method} ${route.path}`).toBeDefined();
    expect(op.operationId).toBe(name);
    for (const status of Object.keys(route.responses)) expect(op.responses[status]).toBeDefined();

    const codes = [
      ...routeDocs[name as RouteName].errors,
      'rate_limited',
      'internal',
    ] as ErrorCode[];
    for (const code of codes) {
      const response = resolveRef(op.responses[ERROR_STATUS[code]]!.$ref as string) as {
        content: Record<string, { examples: Json }>;
      };
      expect(response.content['application/json']!.examples[code], code).toBeDefined();
    }

    const security = {
      none: undefined,
      member: [{ memberToken: [] }],
      host: [{ hostKey: [] }],
      operator: [{ operatorKey: [] }],
      'optional-member': [{}, { memberToken: [] }],
    };
    expect(op.security).toEqual(security[route.auth]);

    const params = op.parameters ?? [];
    if (route.path.includes('{community}')) {
      expect(params).toContainEqual(expect.objectContaining({ name: 'community', in: 'path' }));
    }
    const idempotency = { $ref: '#/components/parameters/IdempotencyKey' };
    if (route.method === 'POST') expect(params).toContainEqual(idempotency);
    else expect(params).not.toContainEqual(idempotency);

    const lastEventId = { $ref: '#/components/parameters/LastEventId' };
    if (route.stream) {
      expect(params).toContainEqual(lastEventId);
      expect(Object.keys(op.responses['200']!.content as Json)).toEqual(['text/event-stream']);
    } else expect(params).not.toContainEqual(lastEventId);
  });

  it('lists the query parameters of a route, optional ones as such', () => {
    const op = operations.find((o) => o.name === 'listQuestions')!.op;
    const query = op.parameters!.filter((p) => p.in === 'query');
    expect(query).toEqual([
      {
        name: 'sort',
        in: 'query',
        required: false,
        schema: { $ref: '#/components/schemas/QuestionSort' },
      },
      {
        name: 'cursor',
        in: 'query',
        required: false,
        schema: expect.objectContaining({ type: 'string' }),
      },
      // Strings on the wire: a page size is digits.
      {
        name: 'limit',
        in: 'query',
        required: false,
        schema: expect.objectContaining({ type: 'string', pattern: expect.any(String) }),
      },
    ]);
  });

  it('describes the event stream: every event type and the schema of its data', () => {
    const op = operations.find((o) => o.name === 'sessionEvents')!.op;
    const stream = (op.responses['200']!.content as Record<string, Json>)['text/event-stream']!;
    expect(stream['x-sse-events']).toEqual({
      'question.created': { $ref: '#/components/schemas/Question' },
      'question.updated': { $ref: '#/components/schemas/Question' },
      'question.removed': { $ref: '#/components/schemas/QuestionRemoved' },
      'session.updated': { $ref: '#/components/schemas/LiveSession' },
      resync: { type: 'object', additionalProperties: false },
    });
    expect(Object.keys(stream['x-sse-events'] as Json).sort()).toEqual(
      [...SESSION_EVENT_TYPES].sort(),
    );
    expect(op.responses['200']!.description).toContain('Last-Event-ID');
  });

  it('describes PATCH routes', () => {
    const patch = operations.filter((o) => o.route.method === 'PATCH');
    expect(patch.map((o) => o.name)).toEqual([
      'updateQuestion',
      'updateSession',
      'moderateTestimonial',
      'wallSettings',
    ]);
    for (const { op } of patch) expect(op.requestBody).toBeDefined();
  });

  it('describes the photo upload as raw image bytes, not JSON', () => {
    const op = operations.find((o) => o.name === 'uploadPhoto')!.op;
    const body = op.requestBody as { required: boolean; description: string; content: Json };
    const binary = { schema: { type: 'string', format: 'binary' } };
    expect(body.required).toBe(true);
    expect(body.content).toEqual({
      'image/jpeg': binary,
      'image/png': binary,
      'image/webp': binary,
    });
    expect(body.description).toContain('2 MB');
    expect(op.responses['201']!.content).toEqual({
      'application/json': { schema: { $ref: '#/components/schemas/PhotoUpload' } },
    });
    const refused = resolveRef(op.responses['415']!.$ref as string) as { description: string };
    expect(refused.description).toContain('unsupported_media_type');
  });

  it('describes a stored photo as image bytes served with nosniff', () => {
    const op = operations.find((o) => o.name === 'getPhoto')!.op;
    const ok = op.responses['200'] as { description: string; content: Json };
    expect(Object.keys(ok.content)).toEqual(['image/jpeg', 'image/png', 'image/webp']);
    expect(ok.description).toContain('nosniff');
    expect(op.requestBody).toBeUndefined();
  });

  it('gives the offer errors their statuses, sharing 409 with conflict', () => {
    const reveal = operations.find((o) => o.name === 'revealOffer')!.op;
    expect(reveal.responses['410']).toEqual({ $ref: '#/components/responses/OfferExpired' });
    expect(reveal.responses['409']).toEqual({ $ref: '#/components/responses/OfferExhausted' });
    const putOffer = operations.find((o) => o.name === 'putOffer')!.op;
    expect(putOffer.responses['409']).toEqual({ $ref: '#/components/responses/Conflict' });
  });

  it('states the rules across fields that JSON Schema cannot express in the description', () => {
    const schemas = doc.components.schemas!;
    expect(schemas.TestimonialModeration!.description).toBe(
      'Rule: a statement of reasons is required to reject.',
    );
    expect(schemas.OfferInput!.description).toContain('a shared offer needs sharedCode');
    expect(schemas.OfferInput).toMatchObject({ additionalProperties: false, type: 'object' });
  });

  it('lists the testimonial filters as string query parameters', () => {
    const op = operations.find((o) => o.name === 'listTestimonials')!.op;
    const query = op.parameters!.filter((p) => p.in === 'query');
    expect(query.map((p) => p.name)).toEqual(['cursor', 'limit', 'tag', 'minRating', 'sort']);
    expect(query.every((p) => p.required === false)).toBe(true);
    expect(query.find((p) => p.name === 'minRating')!.schema).toMatchObject({
      type: 'string',
      pattern: '^[1-5]$',
    });
  });

  it('declares the three bearer schemes', () => {
    expect(doc.components.securitySchemes).toEqual({
      memberToken: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
      hostKey: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
      operatorKey: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
    });
  });
});
