/** HTTP helpers shared by the mock's tests: plain `fetch` through msw, answers checked against the contract. */
import { expect } from 'vitest';
import * as v from 'valibot';
import { routes, type RouteName } from '@cercle/client';

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
