import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_STATUS, routes, type ErrorCode, type Route } from '@cercle/client';
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

    const codes = [...route.errors, 'rate_limited', 'internal'] as ErrorCode[];
    for (const code of codes) {
      const response = resolveRef(op.responses[ERROR_STATUS[code]]!.$ref as string) as {
        content: Record<string, { examples: Json }>;
      };
      expect(response.content['application/json']!.examples[code], code).toBeDefined();
    }

    const security = { none: undefined, member: [{ memberToken: [] }], host: [{ hostKey: [] }] };
    expect(op.security).toEqual(security[route.auth]);

    const params = op.parameters ?? [];
    if (route.path.includes('{community}')) {
      expect(params).toContainEqual(expect.objectContaining({ name: 'community', in: 'path' }));
    }
    const idempotency = { $ref: '#/components/parameters/IdempotencyKey' };
    if (route.method === 'POST') expect(params).toContainEqual(idempotency);
    else expect(params).not.toContainEqual(idempotency);
  });

  it('declares both bearer schemes', () => {
    expect(doc.components.securitySchemes).toEqual({
      memberToken: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
      hostKey: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
    });
  });
});
