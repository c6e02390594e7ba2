/** HTTP helpers shared by the mock's tests: plain `fetch` through msw, answers checked against the contract. */
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import * as v from 'valibot';
import { routes, type RouteName } from '@cercle/client';
import { demoCommunities } from '@cercle/client/demo';
import { createMockStore, setupMockServer, type HandlerOptions } from '@cercle/mock/node';

export interface Answer {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface CallInit {
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is (malformed bodies, uploads' bytes). */
  raw?: string | Uint8Array;
  token?: string;
  headers?: Record<string, string>;
}

/** A caller of the mock at `base`: `call('POST', '/v1/…', { body, token })`. */
export function caller(base: string) {
  return async function call(
    method: string,
    path: string,
    init: CallInit & { base?: string } = {},
  ): Promise<Answer> {
    const headers: Record<string, string> = { ...init.headers };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    let body: BodyInit | undefined = init.raw as BodyInit | undefined;
    if (init.body !== undefined) {
      body = JSON.stringify(init.body);
      headers['content-type'] = 'application/json';
    }
    const res = await fetch(`${init.base ?? base}${path}`, { method, headers, body });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
  };
}

/** Asserts the answer matches the contract's schema for that route and status. */
export function conforms(name: RouteName, answer: Answer): void {
  const schemas: Readonly<Record<number, v.GenericSchema | null>> = routes[name].responses;
  const schema = schemas[answer.status];
  expect(schema, `${name} answered an undeclared status ${answer.status}`).toBeDefined();
  if (schema) expect(v.safeParse(schema, answer.body).issues).toBeUndefined();
}

/**
 * Serves a mock store (a new one unless given) through msw at `baseUrl` for the whole file:
 * listens before all tests, resets the store before each, drops per-test handlers after each.
 */
export function serveMock(
  options: Omit<HandlerOptions, 'store'> & { store?: HandlerOptions['store'] },
) {
  const store = options.store ?? createMockStore();
  const server = setupMockServer({ ...options, store });
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  beforeEach(() => store.reset());
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return { store, server, call: caller(options.baseUrl) };
}

/** Joins a demo community as `name` through `call` (the join must succeed); the token. */
export async function joinAs(
  call: ReturnType<typeof caller>,
  name = 'Alice',
  community = 'maison-verte',
): Promise<string> {
  const version = demoCommunities.find((c) => c.slug === community)!.consentVersion;
  const res = await call('POST', `/v1/communities/${community}/members`, {
    body: { displayName: name, consent: { version, accepted: true } },
  });
  expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
  return res.body.token as string;
}

/** A `Storage`-like map in memory, shared by the stores given it (as tabs share localStorage). */
export function memoryStorage() {
  const data = new Map<string, string>();
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, value: string) => void data.set(k, value),
    removeItem: (k: string) => void data.delete(k),
  };
}
