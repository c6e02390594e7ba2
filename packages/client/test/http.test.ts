import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, expectTypeOf, it, vi } from 'vitest';
import {
  CercleError,
  createClient,
  type ClientOptions,
  type Community,
  type JoinResponse,
  type LiveSession,
  type Me,
  type MemberExport,
  type MemberList,
  type OfferReveal,
  type OfferTeaser,
  type OwnTestimonial,
  type PhotoUpload,
  type Question,
  type QuestionPage,
  type ReportReceipt,
  type Testimonial,
  type TestimonialPage,
} from '@cercle/client';

const API = 'https://api.cercle.test';
const url = (path: string) => `${API}/v1/communities/maison-verte${path}`;

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
const member = {
  id: 'mbr_1',
  displayName: 'Ada',
  status: 'active',
  joinedAt: '2026-01-05T10:00:00.000Z',
} as const;
const joined: JoinResponse = { member, token: 'tok_0123456789abcdefghij' };
const me: Me = {
  member,
  invites: [{ kind: 'discord', label: 'Discord', url: 'https://discord.gg/maison-verte' }],
};
const exported: MemberExport = {
  exportedAt: '2026-02-01T08:00:00.000Z',
  community: 'maison-verte',
  member: {
    ...member,
    email: null,
    consent: { version: '2026-01', acceptedAt: '2026-01-05T10:00:00.000Z' },
  },
};
const memberList: MemberList = { count: 1, members: [member] };
const joinBody = { displayName: 'Ada', consent: { version: '2026-01', accepted: true as const } };

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  vi.useRealTimers();
  vi.restoreAllMocks();
});
afterAll(() => server.close());

/** A client that retries almost at once, so retry tests stay fast with real timers. */
const client = (options: Partial<ClientOptions> = {}) =>
  createClient({ baseUrl: API, retryDelayMs: 1, ...options });

/** Resolves with the rejection of `promise` (fails the test if it fulfils). */
async function failure(promise: Promise<unknown>): Promise<CercleError> {
  const error = await promise.then(
    () => expect.unreachable('the call should have failed'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CercleError);
  return error as CercleError;
}

/** Answers each request with the next response of the list, and records the requests. */
function sequence(
  method: 'get' | 'post',
  path: string,
  ...responses: Array<() => Response | Promise<Response>>
) {
  const requests: Request[] = [];
  const times: number[] = [];
  server.use(
    http[method](path, ({ request }) => {
      const next = responses[Math.min(requests.length, responses.length - 1)]!;
      requests.push(request);
      times.push(Date.now());
      return next();
    }),
  );
  return { requests, times };
}

const errorBody = (code: string, message: string, details?: unknown) => ({
  error: { code, message, details },
});

describe('operations', () => {
  it('getCommunity reads the public info, asking for JSON without credentials', async () => {
    let seen: Request | undefined;
    server.use(
      http.get(url(''), ({ request }) => {
        seen = request;
        return HttpResponse.json(community);
      }),
    );
    await expect(client().getCommunity('maison-verte')).resolves.toEqual(community);
    expect(seen?.headers.get('accept')).toBe('application/json');
    expect(seen?.headers.has('authorization')).toBe(false);
    expect(seen?.headers.has('idempotency-key')).toBe(false);
  });

  it('join posts the JSON body and reports a 201 as joined', async () => {
    let seen: { body: unknown; type: string | null } | undefined;
    server.use(
      http.post(url('/members'), async ({ request }) => {
        seen = { body: await request.json(), type: request.headers.get('content-type') };
        return HttpResponse.json(joined, { status: 201 });
      }),
    );
    await expect(client().join('maison-verte', joinBody)).resolves.toEqual({
      ...joined,
      waitlisted: false,
    });
    expect(seen).toEqual({ body: joinBody, type: 'application/json' });
  });

  it('join reports a 202 as waitlisted', async () => {
    const waiting = { ...joined, member: { ...member, status: 'waitlisted', waitlistPosition: 3 } };
    server.use(http.post(url('/members'), () => HttpResponse.json(waiting, { status: 202 })));
    await expect(client().join('maison-verte', joinBody)).resolves.toEqual({
      ...waiting,
      waitlisted: true,
    });
  });

  it('me, exportMe and leave send the member token', async () => {
    const auth: Array<string | null> = [];
    const record = (request: Request) => auth.push(request.headers.get('authorization'));
    server.use(
      http.get(url('/members/me'), ({ request }) => (record(request), HttpResponse.json(me))),
      http.get(url('/members/me/export'), ({ request }) => {
        record(request);
        return HttpResponse.json(exported);
      }),
      http.delete(url('/members/me'), ({ request }) => {
        record(request);
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const c = client();
    const token = joined.token;
    await expect(c.me('maison-verte', { token })).resolves.toEqual(me);
    await expect(c.exportMe('maison-verte', { token })).resolves.toEqual(exported);
    await expect(c.leave('maison-verte', { token })).resolves.toBeUndefined();
    expect(auth).toEqual(Array(3).fill(`Bearer ${token}`));
  });

  it('listMembers sends the host key', async () => {
    let auth: string | null = null;
    server.use(
      http.get(url('/members'), ({ request }) => {
        auth = request.headers.get('authorization');
        return HttpResponse.json(memberList);
      }),
    );
    await expect(client().listMembers('maison-verte', { hostKey: 'host-secret' })).resolves.toEqual(
      memberList,
    );
    expect(auth).toBe('Bearer host-secret');
  });

  it('health, and request() by route name with the status', async () => {
    server.use(http.get(`${API}/v1/health`, () => HttpResponse.json({ ok: true, contract: 1 })));
    const c = client();
    await expect(c.health()).resolves.toEqual({ ok: true, contract: 1 });
    await expect(c.request('health')).resolves.toEqual({
      status: 200,
      data: { ok: true, contract: 1 },
    });
  });

  it('request() is typed from the route table', async () => {
    server.use(http.post(url('/members'), () => HttpResponse.json(joined, { status: 202 })));
    const c = client();
    const answer = await c.request('join', {
      params: { community: 'maison-verte' },
      body: joinBody,
    });
    expect(answer).toEqual({ status: 202, data: joined });
    expectTypeOf(answer.status).toEqualTypeOf<201 | 202>();
    expectTypeOf(answer.data).toEqualTypeOf<JoinResponse>();
    // @ts-expect-error a GET takes no body (checked by tsc, never run)
    const _typeOnly = () => c.request('health', { body: {} });
  });

  it('keeps a base path, encodes path parameters and sends extra headers', async () => {
    let seen: Request | undefined;
    server.use(
      http.get(`${API}/cercle/v1/communities/:community`, ({ request }) => {
        seen = request;
        return HttpResponse.json(community);
      }),
    );
    const c = createClient({ baseUrl: `${API}/cercle/`, headers: { 'x-brand': 'maison-verte' } });
    await c.getCommunity('a/b c');
    expect(new URL(seen!.url).pathname).toBe('/cercle/v1/communities/a%2Fb%20c');
    expect(seen?.headers.get('x-brand')).toBe('maison-verte');
  });

  it('tolerates fields a newer backend adds', async () => {
    server.use(http.get(url(''), () => HttpResponse.json({ ...community, newField: 1 })));
    await expect(client().getCommunity('maison-verte')).resolves.toEqual(community);
  });
});

describe('live Q&A operations', () => {
  const live = (path: string) => url(`/sessions/dimanche-live${path}`);
  const session: LiveSession = {
    id: 'dimanche-live',
    community: 'maison-verte',
    title: 'Sunday live with the chef',
    state: 'live',
    startsAt: '2026-03-01T12:00:00.000Z',
    endedAt: null,
    moderation: 'post',
    disclosure: 'none',
    questionCount: 1,
  };
  const question: Question = {
    id: 'q1',
    session: 'dimanche-live',
    text: 'Can I use aquafaba instead of eggs?',
    author: 'Ada',
    votes: 3,
    votedByMe: true,
    mine: false,
    state: 'open',
    pinned: false,
    answer: null,
    createdAt: '2026-03-01T12:01:00.000Z',
  };
  const page: QuestionPage = { questions: [question], nextCursor: 'c2', lastEventId: '17' };

  it('getSession reads the session', async () => {
    server.use(http.get(live(''), () => HttpResponse.json(session)));
    await expect(client().getSession('maison-verte', 'dimanche-live')).resolves.toEqual(session);
  });

  it('listQuestions sends the given query parameters only, and no token unless given', async () => {
    const { requests } = sequence('get', live('/questions'), () => HttpResponse.json(page));
    const c = client();
    await expect(c.listQuestions('maison-verte', 'dimanche-live')).resolves.toEqual(page);
    await c.listQuestions('maison-verte', 'dimanche-live', { sort: 'new', limit: 20 });
    await c.listQuestions('maison-verte', 'dimanche-live', {
      cursor: 'c2/x y',
      token: joined.token,
    });
    expect(requests.map((r) => new URL(r.url).search)).toEqual([
      '',
      '?sort=new&limit=20',
      '?cursor=c2%2Fx+y',
    ]);
    expect(requests.map((r) => r.headers.get('authorization'))).toEqual([
      null,
      null,
      `Bearer ${joined.token}`,
    ]);
  });

  it('request() builds the query string of a route that takes one', async () => {
    const { requests } = sequence('get', live('/questions'), () => HttpResponse.json(page));
    await client().request('listQuestions', {
      params: { community: 'maison-verte', session: 'dimanche-live' },
      query: { sort: 'top', cursor: undefined, limit: '5' },
    });
    expect(new URL(requests[0]!.url).search).toBe('?sort=top&limit=5');
    // @ts-expect-error a route without a query schema takes no query (checked by tsc, never run)
    const _typeOnly = () => client().request('health', { query: { sort: 'top' } });
    // @ts-expect-error stream routes are read with subscribe(), not request()
    const _stream = () => client().request('sessionEvents');
  });

  it('ask posts the question with the member token and an Idempotency-Key', async () => {
    const mine = { ...question, votes: 0, votedByMe: false, mine: true };
    const { requests } = sequence('post', live('/questions'), () =>
      HttpResponse.json(mine, { status: 201 }),
    );
    const body = { text: 'Can I use aquafaba instead of eggs?', anonymous: true };
    await expect(
      client().ask('maison-verte', 'dimanche-live', body, { token: joined.token }),
    ).resolves.toEqual(mine);
    expect(await requests[0]!.json()).toEqual(body);
    expect(requests[0]!.headers.get('authorization')).toBe(`Bearer ${joined.token}`);
    expect(requests[0]!.headers.get('idempotency-key')).toBeTruthy();
  });

  it('vote (PUT) and unvote (DELETE) resolve with the count and the member’s vote', async () => {
    const seen: string[] = [];
    server.use(
      http.put(live('/questions/q1/vote'), ({ request }) => {
        seen.push(`PUT ${request.headers.get('authorization')}`);
        return HttpResponse.json({ questionId: 'q1', votes: 4, votedByMe: true });
      }),
      http.delete(live('/questions/q1/vote'), ({ request }) => {
        seen.push(`DELETE ${request.headers.get('authorization')}`);
        return HttpResponse.json({ questionId: 'q1', votes: 3, votedByMe: false });
      }),
    );
    const c = client();
    const token = joined.token;
    await expect(c.vote('maison-verte', 'dimanche-live', 'q1', { token })).resolves.toEqual({
      questionId: 'q1',
      votes: 4,
      votedByMe: true,
    });
    await expect(c.unvote('maison-verte', 'dimanche-live', 'q1', { token })).resolves.toEqual({
      questionId: 'q1',
      votes: 3,
      votedByMe: false,
    });
    expect(seen).toEqual([`PUT Bearer ${token}`, `DELETE Bearer ${token}`]);
  });

  it('a vote on an ended session is a conflict, not retried', async () => {
    const requests: Request[] = [];
    server.use(
      http.put(live('/questions/q1/vote'), ({ request }) => {
        requests.push(request);
        return HttpResponse.json(errorBody('conflict', 'The session has ended.'), { status: 409 });
      }),
    );
    const error = await failure(
      client().vote('maison-verte', 'dimanche-live', 'q1', { token: joined.token }),
    );
    expect(error).toMatchObject({ kind: 'http', status: 409, code: 'conflict' });
    expect(error.message).toBe('The session has ended.');
    expect(requests).toHaveLength(1);
  });

  it('report is accepted with a 202, with or without a member token', async () => {
    const receipt: ReportReceipt = {
      id: 'rep_1',
      state: 'open',
      createdAt: '2026-03-01T12:05:00.000Z',
    };
    const { requests } = sequence('post', url('/reports'), () =>
      HttpResponse.json(receipt, { status: 202 }),
    );
    const body = {
      target: { kind: 'question' as const, id: 'q1' },
      reason: 'spam' as const,
      details: 'Links to a shop.',
    };
    const c = client();
    await expect(c.report('maison-verte', body)).resolves.toEqual(receipt);
    await expect(c.report('maison-verte', body, { token: joined.token })).resolves.toEqual(receipt);
    expect(await requests[0]!.json()).toEqual(body);
    expect(requests.map((r) => r.headers.get('authorization'))).toEqual([
      null,
      `Bearer ${joined.token}`,
    ]);
    expect(requests.every((r) => r.headers.get('idempotency-key'))).toBe(true);
  });

  it('a page that breaks the contract is invalid_response', async () => {
    server.use(
      http.get(live('/questions'), () =>
        HttpResponse.json({ ...page, questions: [{ ...question, state: 'deleted' }] }),
      ),
    );
    const error = await failure(client().listQuestions('maison-verte', 'dimanche-live'));
    expect(error).toMatchObject({ kind: 'invalid_response', status: 200 });
    expect(error.message).toContain('questions.0.state');
  });
});

describe('testimonial operations', () => {
  const testimonial: Testimonial = {
    id: 't1',
    community: 'maison-verte',
    author: { displayName: 'Ada', memberSince: '2026-01-05T10:00:00.000Z', verified: true },
    rating: 5,
    text: 'Le levain a levé du premier coup.',
    photo: {
      url: 'https://api.cercle.test/v1/photos/ph1',
      alt: 'Une miche',
      width: 800,
      height: 600,
    },
    tags: ['pain'],
    experiencedAt: '2026-02-01',
    publishedAt: '2026-02-03T09:00:00.000Z',
    disclosure: 'collaboration-commerciale',
    imageFlags: ['retouchee'],
  };
  const page: TestimonialPage = {
    testimonials: [testimonial],
    nextCursor: 'c2',
    aggregate: { count: 40, average: 4.3 },
    reviewPolicyUrl: 'https://maison-verte.example/avis-membres',
  };
  const own: OwnTestimonial = {
    ...testimonial,
    publishedAt: null,
    state: 'pending',
    statement: null,
    consent: {
      version: '2026-01',
      publishName: true,
      publishPhoto: true,
      acceptedAt: '2026-02-02T09:00:00.000Z',
    },
    submittedAt: '2026-02-02T09:00:00.000Z',
  };
  const uploaded: PhotoUpload = {
    id: 'ph1',
    url: 'https://api.cercle.test/v1/photos/ph1',
    width: 800,
    height: 600,
    contentType: 'image/png',
    bytes: 8,
  };
  const token = joined.token;

  it('listTestimonials sends the given filters as strings and leaves the rest out', async () => {
    const { requests } = sequence('get', url('/testimonials'), () => HttpResponse.json(page));
    const c = client();
    await expect(c.listTestimonials('maison-verte')).resolves.toEqual(page);
    await c.listTestimonials('maison-verte', { limit: 12, minRating: 4, tag: 'pain' });
    await c.listTestimonials('maison-verte', { sort: 'rating', cursor: 'c2', limit: undefined });
    expect(requests.map((r) => new URL(r.url).search)).toEqual([
      '',
      '?tag=pain&limit=12&minRating=4',
      '?sort=rating&cursor=c2',
    ]);
    expect(requests.every((r) => !r.headers.has('authorization'))).toBe(true);
  });

  it('uploadPhoto sends the Blob’s bytes with its type, the token and an Idempotency-Key', async () => {
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    let seen: { bytes: Uint8Array; headers: Headers } | undefined;
    server.use(
      http.post(url('/photos'), async ({ request }) => {
        seen = { bytes: new Uint8Array(await request.arrayBuffer()), headers: request.headers };
        return HttpResponse.json(uploaded, { status: 201 });
      }),
    );
    const blob = new Blob([bytes], { type: 'image/png' });
    await expect(client().uploadPhoto('maison-verte', blob, { token })).resolves.toEqual(uploaded);
    expect(seen?.bytes).toEqual(bytes);
    expect(seen?.headers.get('content-type')).toBe('image/png');
    expect(seen?.headers.get('authorization')).toBe(`Bearer ${token}`);
    expect(seen?.headers.get('idempotency-key')).toBeTruthy();
  });

  it('uploadPhoto reports a refused file as unsupported_media_type or payload_too_large', async () => {
    const { requests } = sequence(
      'post',
      url('/photos'),
      () =>
        HttpResponse.json(errorBody('unsupported_media_type', 'Not a JPEG, PNG or WebP.'), {
          status: 415,
        }),
      () => HttpResponse.json(errorBody('payload_too_large', 'At most 2 MB.'), { status: 413 }),
    );
    const blob = new Blob(['<script>'], { type: 'image/png' });
    const refused = await failure(client().uploadPhoto('maison-verte', blob, { token }));
    expect(refused).toMatchObject({ kind: 'http', status: 415, code: 'unsupported_media_type' });
    const large = await failure(client().uploadPhoto('maison-verte', blob, { token }));
    expect(large).toMatchObject({ status: 413, code: 'payload_too_large' });
    expect(requests).toHaveLength(2); // neither is retried
  });

  it('submitTestimonial posts the JSON body and resolves with the pending testimonial', async () => {
    const { requests } = sequence('post', url('/testimonials'), () =>
      HttpResponse.json(own, { status: 201 }),
    );
    const body = {
      rating: 5,
      text: 'Le levain a levé du premier coup.',
      photo: { id: 'ph1', alt: 'Une miche' },
      consent: { version: '2026-01', publishName: true, publishPhoto: true },
    };
    await expect(client().submitTestimonial('maison-verte', body, { token })).resolves.toEqual(own);
    expect(await requests[0]!.json()).toEqual(body);
    expect(requests[0]!.headers.get('content-type')).toBe('application/json');
    expect(requests[0]!.headers.get('idempotency-key')).toBeTruthy();
  });

  it('myTestimonials reads the member’s own list; withdrawTestimonial resolves on a 204', async () => {
    const refused = { ...own, state: 'rejected', statement: 'Hors sujet.' } as const;
    server.use(
      http.get(url('/testimonials/mine'), () => HttpResponse.json({ testimonials: [refused] })),
      http.delete(url('/testimonials/t1'), ({ request }) =>
        request.headers.get('authorization') === `Bearer ${token}`
          ? new HttpResponse(null, { status: 204 })
          : HttpResponse.json(errorBody('unauthorized', 'No token.'), { status: 401 }),
      ),
    );
    const c = client();
    await expect(c.myTestimonials('maison-verte', { token })).resolves.toEqual({
      testimonials: [refused],
    });
    await expect(c.withdrawTestimonial('maison-verte', 't1', { token })).resolves.toBeUndefined();
  });

  it('host routes go through request(): the moderation queue with its query', async () => {
    const { requests } = sequence('get', url('/host/testimonials'), () =>
      HttpResponse.json({ testimonials: [own] }),
    );
    const { status, data } = await client().request('hostTestimonials', {
      params: { community: 'maison-verte' },
      query: { state: 'pending' },
      hostKey: 'host-secret',
    });
    expect(status).toBe(200);
    expect(data.testimonials).toEqual([own]);
    expect(new URL(requests[0]!.url).search).toBe('?state=pending');
    expect(requests[0]!.headers.get('authorization')).toBe('Bearer host-secret');
    // @ts-expect-error photos are images, read by URL, not with request() (checked by tsc)
    const _photo = () => client().request('getPhoto', { params: { photo: 'ph1' } });
  });

  it('a wall page that breaks the contract is invalid_response', async () => {
    server.use(
      http.get(url('/testimonials'), () =>
        HttpResponse.json({ ...page, testimonials: [{ ...testimonial, rating: 6 }] }),
      ),
    );
    const error = await failure(client().listTestimonials('maison-verte'));
    expect(error).toMatchObject({ kind: 'invalid_response', status: 200 });
    expect(error.message).toContain('testimonials.0.rating');
  });
});

describe('offer operations', () => {
  const teaser: OfferTeaser = {
    id: 'bienvenue-10',
    community: 'maison-verte',
    title: 'Bienvenue dans le cercle',
    benefit: '-10 % sur votre première commande',
    conditions: 'Un code par membre.',
    expiresAt: '2026-03-01T00:00:00.000Z',
    disclosure: 'publicite',
    kind: 'unique',
    status: 'active',
    revealedByMe: false,
  };
  const revealed: OfferReveal = {
    offer: 'bienvenue-10',
    code: 'MV10-ABCDEFGH',
    revealedAt: '2026-02-01T10:00:00.000Z',
    expiresAt: '2026-03-01T00:00:00.000Z',
  };
  const offer = (path = '') => url(`/offers/bienvenue-10${path}`);
  const token = joined.token;

  it('getOffer reads the teaser, with the token only when given', async () => {
    const { requests } = sequence('get', offer(), () => HttpResponse.json(teaser));
    const c = client();
    await expect(c.getOffer('maison-verte', 'bienvenue-10')).resolves.toEqual(teaser);
    await c.getOffer('maison-verte', 'bienvenue-10', { token });
    expect(requests.map((r) => r.headers.get('authorization'))).toEqual([null, `Bearer ${token}`]);
  });

  it('revealOffer posts with the token and an Idempotency-Key; copyOffer resolves on a 204', async () => {
    const { requests } = sequence('post', offer('/reveal'), () => HttpResponse.json(revealed));
    server.use(http.post(offer('/copies'), () => new HttpResponse(null, { status: 204 })));
    const c = client();
    await expect(c.revealOffer('maison-verte', 'bienvenue-10', { token })).resolves.toEqual(
      revealed,
    );
    expect(requests[0]!.headers.get('authorization')).toBe(`Bearer ${token}`);
    expect(requests[0]!.headers.get('idempotency-key')).toBeTruthy();
    await expect(c.copyOffer('maison-verte', 'bienvenue-10', { token })).resolves.toBeUndefined();
  });

  it.each([
    [410, 'offer_expired', 'This offer has expired.'],
    [409, 'offer_exhausted', 'Every code is taken.'],
  ])('a %i %s is a CercleError with that code, not retried', async (status, code, message) => {
    const { requests } = sequence('post', offer('/reveal'), () =>
      HttpResponse.json(errorBody(code, message), { status }),
    );
    const error = await failure(client().revealOffer('maison-verte', 'bienvenue-10', { token }));
    expect(error).toMatchObject({ kind: 'http', status, code, message });
    expect(requests).toHaveLength(1);
  });

  it('a 410 or 415 without the error shape still gets its code from the status', async () => {
    server.use(
      http.post(offer('/reveal'), () => HttpResponse.text('Gone', { status: 410 })),
      http.post(url('/photos'), () => HttpResponse.text('No', { status: 415 })),
    );
    const c = client();
    const gone = await failure(c.revealOffer('maison-verte', 'bienvenue-10', { token }));
    expect(gone.code).toBe('offer_expired');
    const type = await failure(c.uploadPhoto('maison-verte', new Blob(['x']), { token }));
    expect(type.code).toBe('unsupported_media_type');
  });

  it('a reveal whose body breaks the contract is invalid_response', async () => {
    server.use(http.post(offer('/reveal'), () => HttpResponse.json({ ...revealed, code: 42 })));
    const error = await failure(client().revealOffer('maison-verte', 'bienvenue-10', { token }));
    expect(error).toMatchObject({ kind: 'invalid_response', status: 200 });
    expect(error.details).toEqual([{ path: 'code', message: expect.any(String) }]);
  });

  it('redemption reports go through request() with the host key, 201 then 200', async () => {
    const redemption = {
      id: 'red_1',
      offer: 'bienvenue-10',
      orderId: 'A-1',
      memberId: 'mbr_1',
      amount: 42.5,
      currency: 'EUR',
      orderedAt: '2026-02-02T10:00:00.000Z',
      flags: [],
    };
    sequence(
      'post',
      offer('/redemptions'),
      () => HttpResponse.json(redemption, { status: 201 }),
      () => HttpResponse.json(redemption, { status: 200 }),
    );
    const c = client();
    const o = {
      params: { community: 'maison-verte', offer: 'bienvenue-10' },
      body: { code: 'MV10-ABCDEFGH', orderId: 'A-1', amount: 42.5, currency: 'EUR' },
      hostKey: 'host-secret',
    };
    expect((await c.request('reportRedemption', o)).status).toBe(201);
    const again = await c.request('reportRedemption', o);
    expect(again).toEqual({ status: 200, data: redemption });
    expectTypeOf(again.status).toEqualTypeOf<200 | 201>();
  });
});

describe('retries', () => {
  it('retries a 503 and returns the answer that follows', async () => {
    const { requests } = sequence(
      'get',
      url(''),
      () => HttpResponse.json(errorBody('internal', 'restarting'), { status: 503 }),
      () => HttpResponse.json(community),
    );
    await expect(client().getCommunity('maison-verte')).resolves.toEqual(community);
    expect(requests).toHaveLength(2);
  });

  it('gives up after `retries` retries with the last error', async () => {
    const { requests } = sequence('get', url(''), () =>
      HttpResponse.json(errorBody('internal', 'boom'), { status: 500 }),
    );
    const error = await failure(client({ retries: 3 }).getCommunity('maison-verte'));
    expect(error).toMatchObject({ kind: 'http', status: 500, code: 'internal', message: 'boom' });
    expect(requests).toHaveLength(4);
  });

  it.each([400, 401, 404, 409])('does not retry a %i', async (status) => {
    const { requests } = sequence('get', url(''), () =>
      HttpResponse.json(errorBody('x', 'no'), { status }),
    );
    await failure(client().getCommunity('maison-verte'));
    expect(requests).toHaveLength(1);
  });

  it('backs off exponentially with full jitter', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    const { times } = sequence(
      'get',
      url(''),
      () => new HttpResponse(null, { status: 502 }),
      () => new HttpResponse(null, { status: 502 }),
      () => HttpResponse.json(community),
    );
    const start = Date.now();
    const call = client({ retryDelayMs: 100 }).getCommunity('maison-verte');
    await vi.advanceTimersByTimeAsync(1000);
    await expect(call).resolves.toEqual(community);
    // random 0.5 × 100 × 2⁰, then 0.5 × 100 × 2¹
    expect(times.map((t) => t - start)).toEqual([0, 50, 150]);
  });

  it('caps the backoff at maxRetryDelayMs', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.spyOn(Math, 'random').mockReturnValue(0.999);
    const { times } = sequence(
      'get',
      url(''),
      () => new HttpResponse(null, { status: 504 }),
      () => HttpResponse.json(community),
    );
    const start = Date.now();
    const call = client({ retryDelayMs: 5000, maxRetryDelayMs: 200 }).getCommunity('maison-verte');
    await vi.advanceTimersByTimeAsync(1000);
    await expect(call).resolves.toEqual(community);
    expect(times[1]! - start).toBeLessThanOrEqual(200);
  });

  it('waits the Retry-After seconds of a 429', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const { requests } = sequence(
      'get',
      url(''),
      () =>
        HttpResponse.json(errorBody('rate_limited', 'slow down'), {
          status: 429,
          headers: { 'retry-after': '2' },
        }),
      () => HttpResponse.json(community),
    );
    const call = client().getCommunity('maison-verte');
    await vi.advanceTimersByTimeAsync(1999);
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(requests).toHaveLength(2);
    await expect(call).resolves.toEqual(community);
  });

  it('waits until the Retry-After date of a 503', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.setSystemTime(new Date('2026-03-01T12:00:00Z'));
    const { requests } = sequence(
      'get',
      url(''),
      () =>
        new HttpResponse('maintenance', {
          status: 503,
          headers: { 'retry-after': new Date('2026-03-01T12:00:03Z').toUTCString() },
        }),
      () => HttpResponse.json(community),
    );
    const call = client().getCommunity('maison-verte');
    await vi.advanceTimersByTimeAsync(2999);
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(call).resolves.toEqual(community);
    expect(requests).toHaveLength(2);
  });

  it('does not wait for a Retry-After past maxRetryDelayMs: rate_limited with retryAfterMs', async () => {
    const { requests } = sequence('get', url(''), () =>
      HttpResponse.json(errorBody('rate_limited', 'Too many requests, retry in 2 minutes.'), {
        status: 429,
        headers: { 'retry-after': '120' },
      }),
    );
    const error = await failure(client({ maxRetryDelayMs: 5000 }).getCommunity('maison-verte'));
    expect(error).toMatchObject({
      kind: 'http',
      status: 429,
      code: 'rate_limited',
      retryAfterMs: 120_000,
    });
    expect(requests).toHaveLength(1);
  });

  it('retries a POST with the same Idempotency-Key, a new key per call', async () => {
    const { requests } = sequence(
      'post',
      url('/members'),
      () => new HttpResponse(null, { status: 503 }),
      () => HttpResponse.error(),
      () => HttpResponse.json(joined, { status: 201 }),
    );
    const c = client();
    await c.join('maison-verte', joinBody);
    const keys = requests.map((r) => r.headers.get('idempotency-key'));
    expect(keys).toHaveLength(3);
    expect(keys[0]).toMatch(/^[0-9a-f-]{32,36}$/);
    expect(new Set(keys).size).toBe(1);

    await c.join('maison-verte', joinBody);
    expect(requests[3]!.headers.get('idempotency-key')).not.toBe(keys[0]);
  });

  it('sends the caller’s own Idempotency-Key', async () => {
    const { requests } = sequence('post', url('/members'), () =>
      HttpResponse.json(joined, { status: 201 }),
    );
    await client().join('maison-verte', joinBody, { idempotencyKey: 'order-42' });
    expect(requests[0]!.headers.get('idempotency-key')).toBe('order-42');
  });

  it('retries a network error, and reports kind network when they persist', async () => {
    const ok = sequence(
      'get',
      url(''),
      () => HttpResponse.error(),
      () => HttpResponse.json(community),
    );
    await expect(client().getCommunity('maison-verte')).resolves.toEqual(community);
    expect(ok.requests).toHaveLength(2);

    server.resetHandlers();
    const down = sequence('get', url('/members/me'), () => HttpResponse.error());
    const error = await failure(client().me('maison-verte', { token: joined.token }));
    expect(error.kind).toBe('network');
    expect(error.status).toBeUndefined();
    expect(down.requests).toHaveLength(3);
  });
});

describe('timeouts and aborts', () => {
  it('reports kind timeout when an attempt gets no answer in time', async () => {
    const { requests } = sequence('get', url(''), async () => {
      await delay('infinite');
      return HttpResponse.json(community);
    });
    const error = await failure(client({ timeoutMs: 30, retries: 1 }).getCommunity('maison-verte'));
    expect(error.kind).toBe('timeout');
    expect(requests).toHaveLength(2);
  });

  it('times out each attempt, so a slow first attempt is retried', async () => {
    sequence(
      'get',
      url(''),
      async () => {
        await delay('infinite');
        return HttpResponse.json(community);
      },
      () => HttpResponse.json(community),
    );
    await expect(client({ timeoutMs: 30 }).getCommunity('maison-verte')).resolves.toEqual(
      community,
    );
  });

  it('rejects at once with kind aborted when the caller aborts, and does not retry', async () => {
    const controller = new AbortController();
    const { requests } = sequence('get', url(''), async () => {
      setTimeout(() => controller.abort(), 10);
      await delay('infinite');
      return HttpResponse.json(community);
    });
    const start = Date.now();
    const error = await failure(
      client({ timeoutMs: 5000, retryDelayMs: 5000 }).getCommunity('maison-verte', {
        signal: controller.signal,
      }),
    );
    expect(error.kind).toBe('aborted');
    expect(Date.now() - start).toBeLessThan(1000);
    expect(requests).toHaveLength(1);
  });

  it('an abort during the wait between attempts stops the retries', async () => {
    const controller = new AbortController();
    const { requests } = sequence('get', url(''), () => {
      setTimeout(() => controller.abort(), 10);
      return new HttpResponse(null, { status: 503, headers: { 'retry-after': '5' } });
    });
    const start = Date.now();
    const error = await failure(
      client().getCommunity('maison-verte', { signal: controller.signal }),
    );
    expect(error.kind).toBe('aborted');
    expect(Date.now() - start).toBeLessThan(1000);
    expect(requests).toHaveLength(1);
  });

  it('sends nothing when the signal is already aborted', async () => {
    const { requests } = sequence('get', url(''), () => HttpResponse.json(community));
    const error = await failure(
      client().getCommunity('maison-verte', { signal: AbortSignal.abort() }),
    );
    expect(error.kind).toBe('aborted');
    expect(requests).toHaveLength(0);
  });
});

describe('http errors', () => {
  it('validation_failed carries the field issues', async () => {
    const issues = [{ path: 'consent.accepted', message: 'consent must be accepted' }];
    server.use(
      http.post(url('/members'), () =>
        HttpResponse.json(errorBody('validation_failed', 'The request is invalid.', issues), {
          status: 400,
        }),
      ),
    );
    const error = await failure(client().join('maison-verte', joinBody));
    expect(error).toMatchObject({
      kind: 'http',
      status: 400,
      code: 'validation_failed',
      message: 'The request is invalid.',
      details: issues,
    });
    expect(error.fieldIssues).toEqual(issues);
  });

  it('community_full', async () => {
    server.use(
      http.post(url('/members'), () =>
        HttpResponse.json(errorBody('community_full', 'Maison Verte is full.'), { status: 409 }),
      ),
    );
    const error = await failure(client().join('maison-verte', joinBody));
    expect(error).toMatchObject({ kind: 'http', status: 409, code: 'community_full' });
  });

  it('keeps a code it does not know', async () => {
    server.use(
      http.get(url(''), () =>
        HttpResponse.json(errorBody('community_archived', 'Archived.'), { status: 410 }),
      ),
    );
    const error = await failure(client().getCommunity('maison-verte'));
    expect(error).toMatchObject({ status: 410, code: 'community_archived' });
  });

  it.each([
    [404, 'not_found'],
    [401, 'unauthorized'],
    [500, 'internal'],
    [502, 'internal'],
    [418, 'unknown'],
  ])('a non-JSON %i still gives a clear error with code %s', async (status, code) => {
    server.use(
      http.get(url(''), () =>
        HttpResponse.html('<h1>Oops</h1>', { status, headers: { 'content-type': 'text/html' } }),
      ),
    );
    const error = await failure(client({ retries: 0 }).getCommunity('maison-verte'));
    expect(error).toMatchObject({ kind: 'http', status, code });
    expect(error.message).toBe(`GET /v1/communities/{community} answered ${status}`);
  });
});

describe('invalid responses', () => {
  it('a 2xx body that breaks the contract is invalid_response, not retried', async () => {
    const { requests } = sequence('get', url(''), () =>
      HttpResponse.json({ ...community, memberCount: 'many' }),
    );
    const error = await failure(client().getCommunity('maison-verte'));
    expect(error.kind).toBe('invalid_response');
    expect(error.status).toBe(200);
    expect(error.details).toEqual([{ path: 'memberCount', message: expect.any(String) }]);
    expect(error.message).toContain('memberCount');
    expect(requests).toHaveLength(1);
  });

  it('a 2xx body that is not JSON', async () => {
    server.use(http.get(url('/members/me'), () => HttpResponse.text('ok')));
    const error = await failure(client().me('maison-verte', { token: joined.token }));
    expect(error).toMatchObject({ kind: 'invalid_response', status: 200 });
  });

  it('a success status the route does not list', async () => {
    server.use(http.post(url('/members'), () => HttpResponse.json(joined, { status: 200 })));
    const error = await failure(client().join('maison-verte', joinBody));
    expect(error).toMatchObject({ kind: 'invalid_response', status: 200 });
    expect(error.message).toContain('unexpected status 200');
  });
});

describe('injectable fetch', () => {
  it('uses the given fetch instead of the global one', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>(async () => Response.json(community));
    const c = createClient({ baseUrl: 'https://elsewhere.test', fetch });
    await expect(c.getCommunity('maison-verte')).resolves.toEqual(community);
    expect(fetch).toHaveBeenCalledOnce();
    const [input, init] = fetch.mock.calls[0]!;
    expect(input).toBe('https://elsewhere.test/v1/communities/maison-verte');
    expect(init?.method).toBe('GET');
    expect(new Headers(init?.headers).get('accept')).toBe('application/json');
  });

  it('the caller’s abort wins even over a fetch that ignores its signal', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>(() => new Promise<Response>(() => {}));
    const controller = new AbortController();
    const call = createClient({ baseUrl: API, fetch }).getCommunity('maison-verte', {
      signal: controller.signal,
    });
    controller.abort();
    expect((await failure(call)).kind).toBe('aborted');
    expect(fetch).toHaveBeenCalledOnce();
  });
});
