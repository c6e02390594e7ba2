/**
 * The mock is glue: msw (or a plain `fetch`) in front of the reference server's app over an
 * in-memory store. These tests check the glue; what the app answers is judged by the
 * conformance suite (packages/conformance), which runs against the mock too.
 */
import { createClient, type SessionEvent } from '@cercle/client';
import { demoCommunities, demoOwnerKey } from '@cercle/client/demo';
import {
  createMockBackend,
  DEFAULT_HOST_KEY,
  DEFAULT_OPERATOR_KEY,
  demoStore,
  mockFetch,
  setupMockServer,
} from '@cercle/mock/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const maisonVerte = demoCommunities[0]!;
const consent = { version: maisonVerte.consentVersion, accepted: true as const };

describe('through msw in Node', () => {
  const server = setupMockServer({ baseUrl: 'https://api.cercle.test' });
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());

  it('answers the contract with the demo data, as the server would', async () => {
    const client = createClient({ baseUrl: 'https://api.cercle.test' });
    const community = await client.getCommunity('maison-verte');
    expect(community).toMatchObject({ slug: 'maison-verte', memberCount: 120 });
    const joined = await client.join('maison-verte', { displayName: 'Ada', consent });
    expect(joined.waitlisted).toBe(false);
    const me = await client.me('maison-verte', { token: joined.token });
    expect(me.member.displayName).toBe('Ada');
    expect((await client.getCommunity('maison-verte')).memberCount).toBe(121);
  });

  it('streams live events through msw, from a host change to the board', async () => {
    const client = createClient({ baseUrl: 'https://api.cercle.test' });
    const page = await client.listQuestions('maison-verte', 'dimanche-live');
    const events: SessionEvent[] = [];
    const got = new Promise<void>((resolve) => {
      const sub = client.subscribe('maison-verte', 'dimanche-live', {
        lastEventId: page.lastEventId,
        onEvent: (event) => {
          events.push(event);
          if (event.type === 'question.created') {
            sub.close();
            resolve();
          }
        },
      });
    });
    const { token } = await client.join('maison-verte', { displayName: 'Bea', consent });
    await client.ask('maison-verte', 'dimanche-live', { text: 'Du tofu fumé ?' }, { token });
    await got;
    expect(events.at(-1)).toMatchObject({ type: 'question.created' });
  });

  it('answers a 404 in the contract’s shape for an unknown route', async () => {
    const response = await fetch('https://api.cercle.test/v1/nothing-here');
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 'not_found' } });
  });
});

describe('through fetch, under a path prefix', () => {
  it('answers at the base URL and builds photo URLs under it', async () => {
    const backend = createMockBackend({ baseUrl: 'http://localhost:5173/mock-api' });
    const fetchMock = mockFetch(backend);
    const wall = await fetchMock(
      'http://localhost:5173/mock-api/v1/communities/maison-verte/testimonials?limit=50',
    );
    expect(wall.status).toBe(200);
    const body = (await wall.json()) as { testimonials: { photo: { url: string } | null }[] };
    const photo = body.testimonials.find((t) => t.photo)?.photo;
    expect(photo?.url).toMatch(/^http:\/\/localhost:5173\/mock-api\/v1\/photos\//);
    const image = await fetchMock(photo!.url);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect((await backend.fetch(new Request('http://localhost:5173/elsewhere'))).status).toBe(404);
  });

  it('shares one store between backends, and takes the operator key it is given', async () => {
    const store = await demoStore();
    const a = createMockBackend({ baseUrl: 'https://a.test', store });
    const b = createMockBackend({ baseUrl: 'https://b.test', store, hostKey: 'other-key' });
    const client = createClient({ baseUrl: 'https://a.test', fetch: mockFetch(a) });
    await client.join('le-fournil', {
      displayName: 'Cy',
      consent: { version: demoCommunities[1]!.consentVersion, accepted: true },
    });
    const members = await createClient({ baseUrl: 'https://b.test', fetch: mockFetch(b) }).request(
      'listMembers',
      { params: { community: 'le-fournil' }, hostKey: demoOwnerKey('le-fournil') },
    );
    expect(members.data.members.some((m) => m.displayName === 'Cy')).toBe(true);
    const path = 'https://b.test/v1/communities/le-fournil/members';
    // The operator key creates communities; it is no host key.
    const asOperator = await mockFetch(b)(path, { headers: { authorization: 'Bearer other-key' } });
    expect(asOperator.status).toBe(401);
    const create = (key: string, slug: string) =>
      mockFetch(b)('https://b.test/v1/communities', {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ slug, name: slug, privacyPolicyUrl: 'https://example.com/p' }),
      });
    expect((await create('other-key', 'neuve')).status).toBe(201);
    expect((await create(DEFAULT_OPERATOR_KEY, 'autre')).status).toBe(401);
    const owner = await mockFetch(b)(path, {
      headers: { authorization: `Bearer ${DEFAULT_HOST_KEY}` },
    });
    expect(owner.status).toBe(403);
  });
});
