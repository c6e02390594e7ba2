/**
 * `@cercle/client/browser`: the widgets' client. Its shape check in production, the full
 * check when development builds load it, the assumptions the shape check rests on (held
 * against the schemas), and a bundle of it with no valibot inside.
 */
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as v from 'valibot';
import { describe, expect, it, vi } from 'vitest';
import {
  CercleError,
  ErrorBody,
  ReportReason,
  routes,
  type Community,
  type SessionEvent,
  type StreamState,
} from '@cercle/client';
import { createBrowserClient, REPORT_REASONS, type BrowserClientOptions } from '../src/browser.ts';
import { isErrorBody } from '../src/http.ts';
import { firstLoad } from '../../../scripts/lib/first-load.mjs';

const API = 'https://api.cercle.test';
const community: Community = {
  slug: 'maison-verte',
  name: 'Maison Verte',
  tagline: 'Le cercle des cuisiniers végétaux.',
  memberCount: 120,
  capacity: 300,
  joinState: 'open',
  privacyPolicyUrl: 'https://maison-verte.example/confidentialite',
  consentVersion: '2026-01',
  disclosure: 'none',
};
const question = {
  id: 'q_1',
  sessionId: 'dimanche-live',
  text: 'Combien de graines de lin pour un œuf ?',
  author: { displayName: 'Ada' },
  anonymous: false,
  state: 'open',
  votes: 3,
  votedByMe: false,
  mine: false,
  pinned: false,
  answer: null,
  createdAt: '2026-02-01T10:00:00.000Z',
};

/** A browser client whose `fetch` answers `body` (a string is sent as is) with `status`. */
function answering(body: unknown, status = 200, options: Partial<BrowserClientOptions> = {}) {
  const fetch = vi.fn<typeof globalThis.fetch>(async () =>
    status === 204
      ? new Response(null, { status })
      : typeof body === 'string'
        ? new Response(body, { status })
        : Response.json(body, { status: status === 204 ? 200 : status }),
  );
  return createBrowserClient({ baseUrl: API, fetch, retryDelayMs: 1, ...options });
}

/** The loader development builds pass: the full checks, from source. */
const loadFullChecks = () => import('../src/check.ts');

async function failure(promise: Promise<unknown>): Promise<CercleError> {
  const error = await promise.then(
    () => expect.unreachable('the call should have failed'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CercleError);
  return error as CercleError;
}

describe('the shape check (production)', () => {
  it('passes a JSON object through, fields a newer backend adds kept', async () => {
    const answer = { ...community, newField: 1 };
    await expect(answering(answer).getCommunity('maison-verte')).resolves.toEqual(answer);
  });

  it('a body that is not JSON is invalid_response', async () => {
    const error = await failure(answering('<html>proxy</html>').getCommunity('maison-verte'));
    expect(error).toMatchObject({ kind: 'invalid_response', status: 200 });
    expect(error.message).toBe('GET /v1/communities/{community}: the body is not JSON');
  });

  it.each([['a string'], [[community]], [null], [42]])(
    'a JSON body that is not an object (%j) is invalid_response',
    async (body) => {
      const client = answering(JSON.stringify(body));
      const error = await failure(client.getCommunity('maison-verte'));
      expect(error).toMatchObject({ kind: 'invalid_response', status: 200 });
      expect(error.message).toContain('the body is not a JSON object');
    },
  );

  it('a success status the operation does not list is invalid_response', async () => {
    const error = await failure(answering(community, 201).getCommunity('maison-verte'));
    expect(error).toMatchObject({ kind: 'invalid_response', status: 201 });
    expect(error.message).toContain('unexpected status 201');
  });

  it('a 204 has no body to read', async () => {
    await expect(
      answering('', 204).leave('maison-verte', { token: 'tok_0123456789abcdefghij' }),
    ).resolves.toBeUndefined();
  });

  it('reads the contract error shape by hand, and the status without it', async () => {
    const body = { error: { code: 'community_full', message: 'Full.', details: { max: 300 } } };
    const full = await failure(answering(body, 409).getCommunity('maison-verte'));
    expect(full).toMatchObject({ kind: 'http', status: 409, code: 'community_full' });
    expect(full.message).toBe('Full.');
    const proxy = await failure(answering('<html>gone</html>', 404).getCommunity('maison-verte'));
    expect(proxy).toMatchObject({ kind: 'http', status: 404, code: 'not_found' });
  });

  it('does not look at the fields', async () => {
    const client = answering({ ...community, memberCount: 'many' });
    await expect(client.getCommunity('maison-verte')).resolves.toMatchObject({
      memberCount: 'many',
    });
  });
});

describe('the full check (development builds)', () => {
  it('names the contract path of a bad field', async () => {
    const client = answering({ ...community, memberCount: 'many' }, 200, { loadFullChecks });
    const error = await failure(client.getCommunity('maison-verte'));
    expect(error).toMatchObject({ kind: 'invalid_response', status: 200 });
    expect(error.message).toContain('the body does not match the contract (memberCount:');
    expect(error.details).toEqual([{ path: 'memberCount', message: expect.any(String) }]);
  });

  it('drops the fields a newer backend adds, as createClient does', async () => {
    const client = answering({ ...community, newField: 1 }, 200, { loadFullChecks });
    await expect(client.getCommunity('maison-verte')).resolves.toEqual(community);
  });

  it('loads the checks once, at the first call', async () => {
    const load = vi.fn(loadFullChecks);
    const client = answering(community, 200, { loadFullChecks: load });
    expect(load).not.toHaveBeenCalled();
    await client.getCommunity('maison-verte');
    await client.getCommunity('maison-verte');
    expect(load).toHaveBeenCalledTimes(1);
  });
});

/** Subscribes through a `fetch` that answers the event stream `text`; the events delivered. */
async function events(text: string, options: Partial<BrowserClientOptions> = {}) {
  const fetch = vi.fn<typeof globalThis.fetch>(async (url) =>
    String(url).endsWith('/events')
      ? new Response(text, { headers: { 'content-type': 'text/event-stream' } })
      : Response.json(community),
  );
  const client = createBrowserClient({ baseUrl: API, fetch, ...options });
  // As on a page: a first call (the list) before the stream, which loads the full checks.
  await client.getCommunity('maison-verte');
  const seen: SessionEvent[] = [];
  await new Promise<void>((resolve) => {
    const sub = client.subscribe('maison-verte', 'dimanche-live', {
      onEvent: (e) => seen.push(e),
      onState: (state: StreamState) => {
        if (state === 'reconnecting') {
          sub.close();
          resolve();
        }
      },
    });
  });
  return seen;
}

const sse = (id: number, type: string, data: unknown) =>
  `id: ${id}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n`;

describe('events', () => {
  it('the shape check delivers objects with an id, and a resync for anything else', async () => {
    const seen = await events(
      sse(1, 'question.created', question) +
        sse(2, 'question.removed', { gone: true }) +
        sse(3, 'question.updated', 'text'),
    );
    expect(seen).toEqual([
      { type: 'question.created', id: '1', question },
      { type: 'resync', id: '2' },
      { type: 'resync', id: '3' },
    ]);
  });

  it('the full check refuses an event whose fields break the contract', async () => {
    const seen = await events(sse(1, 'question.created', { ...question, votes: 'many' }), {
      loadFullChecks,
    });
    expect(seen).toEqual([{ type: 'resync', id: '1' }]);
  });
});

describe('what the shape check rests on', () => {
  it('every JSON answer of the table is an object; none for 204, streams and images', () => {
    for (const [name, route] of Object.entries(routes)) {
      for (const [status, schema] of Object.entries(route.responses)) {
        const noBody = status === '204' || 'stream' in route || 'produces' in route;
        expect(schema === null, `${name} ${status}`).toBe(noBody);
        if (schema) expect(['object', 'strict_object'], name).toContain(schema.type);
      }
    }
  });

  it('the hand-written error guard agrees with ErrorBody', () => {
    const samples = [
      { error: { code: 'x', message: 'y' } },
      { error: { code: 'x', message: 'y', details: [1] } },
      { error: { code: 1, message: 'y' } },
      { error: { code: 'x' } },
      { error: null },
      { error: 'x' },
      null,
      'text',
      [],
      {},
    ];
    for (const sample of samples)
      expect(isErrorBody(sample), JSON.stringify(sample)).toBe(v.is(ErrorBody, sample));
  });

  it('the schemas are built from the plain values', () => {
    expect(ReportReason.options).toEqual(REPORT_REASONS);
  });
});

describe('the browser bundle', () => {
  const root = fileURLToPath(new URL('../../..', import.meta.url));
  /** What a page loads first for `entry` (scripts/lib/first-load.mjs, as `npm run size`). */
  const bundle = async (entry: string) => {
    const { chunks, inputs } = await firstLoad({
      root,
      entry: fileURLToPath(new URL(entry, import.meta.url)),
    });
    const gzip = chunks
      .filter((c) => c.first)
      .reduce((n, c) => n + gzipSync(c.contents, { level: 9 }).length, 0);
    return { inside: inputs, gzip };
  };

  it('has no valibot and no schema', async () => {
    const { inside, gzip } = await bundle('../src/browser.ts');
    expect(inside).toContain('packages/client/src/http.ts');
    expect(gzip).toBeGreaterThan(1024);
    expect(inside.filter((p) => /valibot|contract\.ts|routes\.ts|check\.ts/.test(p))).toEqual([]);
    expect(gzip).toBeLessThanOrEqual(5 * 1024);
    // The event stream loads with the first `subscribe` (only the live Q&A streams).
    expect(inside).not.toContain('packages/client/src/sse.ts');
  });

  it('is what a production build of the widgets gets: the full checks are left out', async () => {
    const { inside } = await bundle('../../elements/src/internal/config.ts');
    expect(inside.some((p) => p.endsWith('client/src/browser.ts'))).toBe(true);
    expect(inside.filter((p) => /valibot|contract\.ts|routes\.ts|check\.ts/.test(p))).toEqual([]);
  });
});
