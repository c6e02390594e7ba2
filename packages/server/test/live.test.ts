/** Live Q&A over HTTP: sessions, questions, votes, host moderation, reports, erasure. */
import {
  HostQuestionList,
  LiveSession,
  MemberExport,
  Question,
  QuestionPage,
  Report,
  ReportList,
  ReportReceipt,
  VoteResult,
} from '@cercle/client';
import { seedCommunity, seedSession, type RateLimits, type SessionSeed } from '@cercle/server';
import * as v from 'valibot';
import { afterEach, describe, expect, it } from 'vitest';
import {
  call,
  databaseHolds,
  expectError,
  joinAs,
  NO_LIMITS,
  openEvents,
  seedAtelier,
  startServer,
  stopServer,
  type TestServer,
  HOST_KEY,
  ownerKey,
} from './helpers.js';

const C = '/v1/communities/atelier';
const S = `${C}/sessions/live`;
const H = `${C}/host/sessions/live`;

let t: TestServer;

async function setup(session: Partial<SessionSeed> = {}, rateLimits: Partial<RateLimits> = {}) {
  t = await startServer({ rateLimits: { ...NO_LIMITS, ...rateLimits } });
  await seedAtelier(t, { capacity: 5 });
  await seedSession(t.server.store, {
    community: 'atelier',
    id: 'live',
    title: 'Atelier en direct',
    state: 'live',
    ...session,
  });
}

afterEach(() => stopServer(t));

const member = async (name: string): Promise<string> => (await joinAs(t.url, name)).token;

const ask = (token: string | undefined, text: string, extra: Record<string, unknown> = {}) =>
  call(t.url, `${S}/questions`, {
    json: { text, ...extra },
    ...(token === undefined ? {} : { token }),
  });

async function asked(token: string, text: string, extra: Record<string, unknown> = {}) {
  const answer = await ask(token, text, extra);
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return v.parse(Question, answer.body);
}

const vote = (token: string, id: string, method: 'PUT' | 'DELETE' = 'PUT') =>
  call(t.url, `${S}/questions/${id}/vote`, { method, token });

const list = (query = '', token?: string) =>
  call(t.url, `${S}/questions${query}`, token === undefined ? {} : { token });

const hostPatch = (path: string, json: unknown) =>
  call(t.url, `${H}${path}`, { method: 'PATCH', token: HOST_KEY, json });

const hostList = async () =>
  v.parse(HostQuestionList, (await call(t.url, `${H}/questions`, { token: HOST_KEY })).body);

describe('sessions', () => {
  it('shows a session, and 404 for an unknown session or community', async () => {
    await setup({ startsAt: new Date('2026-12-06T17:00:00Z') });
    const answer = await call(t.url, S);
    expect(answer.status).toBe(200);
    expect(v.parse(LiveSession, answer.body)).toEqual({
      id: 'live',
      community: 'atelier',
      title: 'Atelier en direct',
      state: 'live',
      startsAt: '2026-12-06T17:00:00.000Z',
      endedAt: null,
      moderation: 'post',
      disclosure: 'none',
      questionCount: 0,
      description: '',
      endsAt: null,
    });
    expect(expectError(await call(t.url, `${C}/sessions/nope`), 404, 'not_found').message).toMatch(
      /nope/,
    );
    expectError(await call(t.url, '/v1/communities/nope/sessions/live'), 404, 'not_found');
    expectError(await call(t.url, `${C}/sessions/x/questions`), 404, 'not_found');
  });

  it('goes scheduled → live → ended; ended is final; moderation can change', async () => {
    await setup({ state: 'scheduled' });
    const patch = (json: unknown) => hostPatch('', json);
    expect((await patch({ state: 'live' })).body.state).toBe('live');
    expectError(await patch({ state: 'scheduled' }), 409, 'conflict');
    const pre = await patch({ moderation: 'pre' });
    expect(v.parse(LiveSession, pre.body).moderation).toBe('pre');
    const ended = v.parse(LiveSession, (await patch({ state: 'ended' })).body);
    expect(ended.state).toBe('ended');
    expect(Date.parse(ended.endedAt ?? '')).toBeLessThanOrEqual(Date.now());
    const reopen = expectError(await patch({ state: 'live' }), 409, 'conflict');
    expect(reopen.message).toMatch(/ended/);
    // The same state again is not a change.
    expect((await patch({ state: 'ended' })).status).toBe(200);
    expect((await call(t.url, S)).body.endedAt).toBe(ended.endedAt);

    expectError(await patch({ state: 'paused' }), 400, 'validation_failed');
    expectError(await patch({ title: 'x' }), 400, 'validation_failed');
    expectError(
      await call(t.url, H, { method: 'PATCH', json: { state: 'live' } }),
      401,
      'unauthorized',
    );
    expectError(
      await call(t.url, `${C}/host/sessions/nope`, {
        method: 'PATCH',
        token: HOST_KEY,
        json: { state: 'live' },
      }),
      404,
      'not_found',
    );
  });

  it('may end a scheduled session (cancelled)', async () => {
    await setup({ state: 'scheduled' });
    expect((await hostPatch('', { state: 'ended' })).body.state).toBe('ended');
  });
});

describe('asking', () => {
  it('asks (201, open at once in post moderation); the list shows it, with the author', async () => {
    await setup();
    const ada = await member('Ada');
    const question = await asked(ada, '  Quelle farine pour le levain ?  ');
    expect(question).toMatchObject({
      session: 'live',
      text: 'Quelle farine pour le levain ?',
      author: 'Ada',
      votes: 0,
      votedByMe: false,
      mine: true,
      state: 'open',
      pinned: false,
      answer: null,
    });
    expect(question.id).toMatch(/^q_/);

    const page = v.parse(QuestionPage, (await list()).body);
    expect(page.questions).toEqual([{ ...question, mine: false }]);
    expect((await list('', ada)).body.questions[0].mine).toBe(true);
    expect((await call(t.url, S)).body.questionCount).toBe(1);
  });

  it('hides the author of an anonymous question from everyone but the host', async () => {
    await setup();
    const ada = await member('Ada');
    const question = await asked(ada, 'Une question gênante', { anonymous: true });
    expect(question.author).toBeNull();
    expect(question.mine).toBe(true);
    const bob = await member('Bob');
    expect((await list('', bob)).body.questions[0]).toMatchObject({ author: null, mine: false });
    expect((await hostList()).questions[0]?.author).toBe('Ada');
  });

  it('validates the question, and needs an active member of this community', async () => {
    await setup();
    const ada = await member('Ada');
    let error = expectError(await ask(ada, '   '), 400, 'validation_failed');
    expect(error.details).toEqual([{ path: 'text', message: 'the question is empty' }]);
    error = expectError(await ask(ada, 'x'.repeat(501)), 400, 'validation_failed');
    expect(error.details).toEqual([
      { path: 'text', message: 'a question is at most 500 characters' },
    ]);
    expect((await ask(ada, 'x'.repeat(500))).status).toBe(201);
    error = expectError(await ask(ada, 'ok', { author: 'x' }), 400, 'validation_failed');
    expect(error.details).toEqual([{ path: 'author', message: 'unknown field' }]);
    expectError(await ask(ada, 'ok', { anonymous: 'yes' }), 400, 'validation_failed');

    expectError(await ask(undefined, 'Sans jeton ?'), 401, 'unauthorized');
    expectError(await ask('x'.repeat(43), 'Faux jeton ?'), 401, 'unauthorized');
    expectError(
      await call(t.url, `${C}/sessions/nope/questions`, { token: ada, json: { text: 'x' } }),
      404,
      'not_found',
    );

    // Capacity 5: the sixth joiner waits, and may not ask or vote yet.
    for (const name of ['B', 'C', 'D', 'E']) await member(name);
    const waiting = await member('Waiting');
    const forbidden = expectError(await ask(waiting, 'Et moi ?'), 403, 'forbidden');
    expect(forbidden.message).toMatch(/waitlist/);
    const open = (await list()).body.questions[0].id as string;
    expectError(await vote(waiting, open), 403, 'forbidden');
  });

  it('allows asking while scheduled, refuses it once ended (409)', async () => {
    await setup({ state: 'scheduled' });
    const ada = await member('Ada');
    expect((await ask(ada, 'Avant le début ?')).status).toBe(201);
    await hostPatch('', { state: 'ended' });
    const error = expectError(await ask(ada, 'Après la fin ?'), 409, 'conflict');
    expect(error.message).toMatch(/ended/);
  });

  it('replays the first answer for the same Idempotency-Key, without a second question', async () => {
    await setup();
    const ada = await member('Ada');
    const send = (text: string) =>
      call(t.url, `${S}/questions`, {
        token: ada,
        json: { text },
        headers: { 'idempotency-key': 'ask-1' },
      });
    const [first, again] = [await send('Une fois'), await send('Une fois')];
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await list()).body.questions).toHaveLength(1);
    expectError(await send('Autre chose'), 409, 'conflict');
  });
});

describe('voting', () => {
  it('votes and unvotes idempotently, one vote per member', async () => {
    await setup();
    const [ada, bob] = [await member('Ada'), await member('Bob')];
    const q = await asked(ada, 'Votez pour moi');

    let result = v.parse(VoteResult, (await vote(bob, q.id)).body);
    expect(result).toEqual({ questionId: q.id, votes: 1, votedByMe: true });
    result = v.parse(VoteResult, (await vote(bob, q.id)).body);
    expect(result).toEqual({ questionId: q.id, votes: 1, votedByMe: true });
    // Voting for one's own question is allowed.
    expect((await vote(ada, q.id)).body.votes).toBe(2);

    const mine = (await list('', bob)).body.questions[0];
    expect(mine).toMatchObject({ votes: 2, votedByMe: true });
    expect((await list()).body.questions[0].votedByMe).toBe(false);

    expect((await vote(bob, q.id, 'DELETE')).body).toEqual({
      questionId: q.id,
      votes: 1,
      votedByMe: false,
    });
    expect((await vote(bob, q.id, 'DELETE')).body.votes).toBe(1);
    expect((await list('', bob)).body.questions[0].votedByMe).toBe(false);
  });

  it('counts parallel PUTs once per member', async () => {
    await setup({}, {});
    const ada = await member('Ada');
    const others = [await member('B'), await member('C'), await member('D')];
    const q = await asked(ada, 'En parallèle');
    const answers = await Promise.all([
      ...Array.from({ length: 10 }, () => vote(ada, q.id)),
      ...others.flatMap((token) => [vote(token, q.id), vote(token, q.id)]),
    ]);
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect((await list()).body.questions[0].votes).toBe(4);
    const rows = t.server.db.prepare('SELECT count(*) FROM votes').pluck().get();
    expect(rows).toBe(4);
  });

  it('only on visible questions of this session (404), and not once ended (409)', async () => {
    await setup();
    const ada = await member('Ada');
    const q = await asked(ada, 'Bientôt cachée');
    expectError(await vote(ada, 'q_nope'), 404, 'not_found');
    await hostPatch(`/questions/${q.id}`, { state: 'hidden' });
    expectError(await vote(ada, q.id), 404, 'not_found');
    await hostPatch(`/questions/${q.id}`, { state: 'open' });
    expect((await vote(ada, q.id)).status).toBe(200);
    expectError(
      await call(t.url, `${S}/questions/${q.id}/vote`, { method: 'PUT' }),
      401,
      'unauthorized',
    );

    await hostPatch('', { state: 'ended' });
    expectError(await vote(ada, q.id), 409, 'conflict');
    expectError(await vote(ada, q.id, 'DELETE'), 409, 'conflict');
  });
});

describe('the question list', () => {
  it('pages stably in both orders: top = pinned, votes, oldest; new = newest first', async () => {
    await setup();
    const tokens = [];
    for (let i = 0; i < 5; i++) tokens.push(await member(`M${i}`));
    const votesFor = [0, 3, 1, 3, 0, 2, 1];
    const ids: string[] = [];
    for (const [i, count] of votesFor.entries()) {
      const q = await asked(tokens[0] as string, `Question ${i}`);
      ids.push(q.id);
      for (const token of tokens.slice(0, count)) await vote(token, q.id);
    }
    await hostPatch(`/questions/${ids[6]}`, { pinned: true });
    await hostPatch(`/questions/${ids[4]}`, { state: 'hidden' });

    async function walk(sort: string, limit: number): Promise<string[]> {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = `?sort=${sort}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;
        const page = v.parse(QuestionPage, (await list(query)).body);
        expect(page.questions.length).toBeLessThanOrEqual(limit);
        seen.push(...page.questions.map((q) => q.id));
        cursor = page.nextCursor;
      } while (cursor !== null);
      return seen;
    }
    const top = [6, 1, 3, 5, 2, 0].map((i) => ids[i]);
    const newest = [6, 5, 3, 2, 1, 0].map((i) => ids[i]);
    for (const limit of [1, 2, 4, 50]) {
      expect(await walk('top', limit)).toEqual(top);
      expect(await walk('new', limit)).toEqual(newest);
    }
    expect((await list()).body.questions.map((q: Question) => q.id)).toEqual(top);
    expect((await list('?limit=200')).body.nextCursor).toBeNull();
  });

  it('refuses bad query parameters and cursors, and bad tokens', async () => {
    await setup();
    const ada = await member('Ada');
    for (let i = 0; i < 3; i++) await asked(ada, `Q${i}`);
    const topCursor = (await list('?limit=1')).body.nextCursor as string;
    const error = expectError(
      await list(`?sort=new&cursor=${topCursor}`),
      400,
      'validation_failed',
    );
    expect(error.details?.[0]?.path).toBe('cursor');
    expectError(await list('?cursor=garbage'), 400, 'validation_failed');
    expectError(
      await list(`?cursor=${Buffer.from('["top",1]').toString('base64url')}`),
      400,
      'validation_failed',
    );
    for (const limit of ['0', '201', 'abc', '-1', '1.5']) {
      expect(
        expectError(await list(`?limit=${limit}`), 400, 'validation_failed').details?.[0]?.path,
      ).toBe('limit');
    }
    expectError(await list('?sort=best'), 400, 'validation_failed');
    expect(expectError(await list('?page=2'), 400, 'validation_failed').details).toEqual([
      { path: 'page', message: 'unknown field' },
    ]);
    expectError(await list('', 'not-a-token-of-this-community'), 401, 'unauthorized');
    expect((await list('?sort=new&limit=2')).status).toBe(200);
  });
});

describe('host moderation', () => {
  it('pre-moderation: pending until approved, seen only by the host until then', async () => {
    await setup({ moderation: 'pre' });
    const ada = await member('Ada');
    const q = await asked(ada, 'En attente ?');
    expect(q.state).toBe('pending');
    expect((await list()).body.questions).toEqual([]);
    expect((await call(t.url, S)).body.questionCount).toBe(0);
    expect((await hostList()).questions.map((h) => [h.id, h.state])).toEqual([[q.id, 'pending']]);
    expectError(await vote(ada, q.id), 404, 'not_found');

    const approved = await hostPatch(`/questions/${q.id}`, { state: 'open' });
    expect(v.parse(Question, approved.body).state).toBe('open');
    expect((await list()).body.questions.map((x: Question) => x.id)).toEqual([q.id]);
    expect((await vote(ada, q.id)).status).toBe(200);
  });

  it('answers, removes the answer, pins, hides', async () => {
    await setup();
    const ada = await member('Ada');
    const q = await asked(ada, 'Une réponse ?');
    const answered = v.parse(
      Question,
      (await hostPatch(`/questions/${q.id}`, { answer: '  Oui, au levain.  ' })).body,
    );
    expect(answered.state).toBe('answered');
    expect(answered.answer?.text).toBe('Oui, au levain.');
    expect(Date.parse(answered.answer?.answeredAt ?? '')).toBeGreaterThan(0);
    expect((await list()).body.questions[0]).toMatchObject({
      state: 'answered',
      answer: answered.answer,
    });

    const reopened = (await hostPatch(`/questions/${q.id}`, { answer: null })).body;
    expect(reopened).toMatchObject({ state: 'open', answer: null });

    expect((await hostPatch(`/questions/${q.id}`, { pinned: true })).body.pinned).toBe(true);
    expect((await list()).body.questions[0].pinned).toBe(true);

    expect((await hostPatch(`/questions/${q.id}`, { state: 'hidden' })).body.state).toBe('hidden');
    expect((await list()).body.questions).toEqual([]);
    expect((await hostList()).questions[0]?.state).toBe('hidden');
  });

  it('validates, needs the host key, and 404s unknown questions', async () => {
    await setup();
    const ada = await member('Ada');
    const q = await asked(ada, 'Q');
    expectError(await hostPatch(`/questions/${q.id}`, {}), 400, 'validation_failed');
    expectError(
      await hostPatch(`/questions/${q.id}`, { state: 'pending' }),
      400,
      'validation_failed',
    );
    expectError(await hostPatch(`/questions/${q.id}`, { answer: '' }), 400, 'validation_failed');
    expectError(
      await hostPatch(`/questions/${q.id}`, { answer: 'x'.repeat(2001) }),
      400,
      'validation_failed',
    );
    expectError(await hostPatch('/questions/q_nope', { pinned: true }), 404, 'not_found');
    expectError(
      await call(t.url, `${H}/questions/${q.id}`, {
        method: 'PATCH',
        token: ada,
        json: { pinned: true },
      }),
      401,
      'unauthorized',
    );
    expectError(await call(t.url, `${H}/questions`, { token: ada }), 401, 'unauthorized');
    expectError(await call(t.url, `${H}/questions`), 401, 'unauthorized');
  });
});

describe('reports', () => {
  const report = (json: unknown, token?: string, headers?: Record<string, string>) =>
    call(t.url, `${C}/reports`, {
      json,
      ...(token ? { token } : {}),
      ...(headers ? { headers } : {}),
    });
  const decide = (id: string, json: unknown) =>
    call(t.url, `${C}/host/reports/${id}/decision`, { token: HOST_KEY, json });

  it('takes a report (202) from anyone; the host lists them, open first, and decides once', async () => {
    await setup();
    const ada = await member('Ada');
    const q1 = await asked(ada, 'Achetez mes cours !');
    const q2 = await asked(ada, 'Une vraie question');

    const anonymous = await report({ target: { kind: 'question', id: q1.id }, reason: 'spam' });
    expect(anonymous.status).toBe(202);
    const receipt = v.parse(ReportReceipt, anonymous.body);
    expect(receipt.state).toBe('open');
    const bob = await member('Bob');
    const second = await report(
      { target: { kind: 'question', id: q2.id }, reason: 'off_topic', details: ' hors sujet ' },
      bob,
    );
    expect(second.status).toBe(202);

    const events = await openEvents(`${t.url}${S}/events`);
    const decided = await decide(receipt.id, {
      action: 'remove',
      statement: 'Publicité non sollicitée.',
    });
    expect(decided.status).toBe(200);
    expect(v.parse(Report, decided.body)).toMatchObject({
      id: receipt.id,
      state: 'actioned',
      targetText: 'Achetez mes cours !',
      decision: { action: 'remove', statement: 'Publicité non sollicitée.' },
    });
    const removed = await events.nextEvent();
    expect(removed.event).toBe('question.removed');
    expect(JSON.parse(removed.data)).toEqual({ id: q1.id });
    events.close();
    expect((await list()).body.questions.map((q: Question) => q.id)).toEqual([q2.id]);

    const reports = v.parse(
      ReportList,
      (await call(t.url, `${C}/host/reports`, { token: HOST_KEY })).body,
    );
    expect(reports.reports.map((r) => [r.target.id, r.state, r.details])).toEqual([
      [q2.id, 'open', 'hors sujet'],
      [q1.id, 'actioned', ''],
    ]);

    const twice = expectError(
      await decide(receipt.id, { action: 'dismiss', statement: 'Non.' }),
      409,
      'conflict',
    );
    expect(twice.message).toMatch(/already decided/);
    const dismissed = await decide(second.body.id, {
      action: 'dismiss',
      statement: 'La question est pertinente.',
    });
    expect(dismissed.body).toMatchObject({ state: 'dismissed', decision: { action: 'dismiss' } });
    expect((await list()).body.questions).toHaveLength(1);
  });

  it('refuses unknown targets (404), bad bodies (400), bad tokens (401); decisions need reasons', async () => {
    await setup();
    const ada = await member('Ada');
    const q = await asked(ada, 'Q');
    expectError(
      await report({ target: { kind: 'question', id: 'q_nope' }, reason: 'spam' }),
      404,
      'not_found',
    );
    expectError(
      await report({ target: { kind: 'testimonial', id: 't_1' }, reason: 'spam' }),
      404,
      'not_found',
    );
    await seedCommunity(t.server.store, { slug: 'voisin', name: 'Voisin' }, { ownerKey });
    expectError(
      await call(t.url, '/v1/communities/voisin/reports', {
        json: { target: { kind: 'question', id: q.id }, reason: 'spam' },
      }),
      404,
      'not_found',
    );
    const target = { kind: 'question', id: q.id };
    expectError(await report({ target, reason: 'boring' }), 400, 'validation_failed');
    expectError(
      await report({ target, reason: 'other', details: 'x'.repeat(1001) }),
      400,
      'validation_failed',
    );
    expectError(await report({ target, reason: 'spam' }, 'not-a-token'), 401, 'unauthorized');

    const id = (await report({ target, reason: 'spam' })).body.id as string;
    const missing = expectError(await decide(id, { action: 'remove' }), 400, 'validation_failed');
    expect(missing.details).toEqual([{ path: 'statement', message: 'statement is required' }]);
    expectError(await decide(id, { action: 'remove', statement: '   ' }), 400, 'validation_failed');
    expectError(await decide('rep_nope', { action: 'remove', statement: 'x' }), 404, 'not_found');
    expectError(
      await call(t.url, `${C}/host/reports/${id}/decision`, {
        json: { action: 'remove', statement: 'x' },
      }),
      401,
      'unauthorized',
    );
    expectError(await call(t.url, `${C}/host/reports`), 401, 'unauthorized');
  });
});

describe('rate limits', () => {
  it('limits asking per member (429 with Retry-After)', async () => {
    await setup({}, { ask: { limit: 2, windowMs: 60_000 } });
    const [ada, bob] = [await member('Ada'), await member('Bob')];
    expect((await ask(ada, 'Un')).status).toBe(201);
    expect((await ask(ada, 'Deux')).status).toBe(201);
    const limited = await ask(ada, 'Trois');
    expectError(limited, 429, 'rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBe(30);
    expect((await ask(bob, 'Un')).status).toBe(201);
  });

  it('limits votes per member', async () => {
    await setup({}, { vote: { limit: 3, windowMs: 60_000 } });
    const [ada, bob] = [await member('Ada'), await member('Bob')];
    const q = await asked(ada, 'Q');
    for (const method of ['PUT', 'DELETE', 'PUT'] as const) {
      expect((await vote(ada, q.id, method)).status).toBe(200);
    }
    const limited = await vote(ada, q.id, 'DELETE');
    expectError(limited, 429, 'rate_limited');
    expect(limited.headers.get('retry-after')).toBe('20');
    expect((await vote(bob, q.id)).status).toBe(200);
  });

  it('limits reports per IP', async () => {
    await setup({}, { report: { limit: 1, windowMs: 60_000 } });
    const ada = await member('Ada');
    const q = await asked(ada, 'Q');
    const body = { target: { kind: 'question', id: q.id }, reason: 'spam' };
    expect((await call(t.url, `${C}/reports`, { json: body })).status).toBe(202);
    expectError(await call(t.url, `${C}/reports`, { json: body }), 429, 'rate_limited');
    expectError(await call(t.url, `${C}/reports`, { json: body, token: ada }), 429, 'rate_limited');
  });

  it('has defaults: 5 questions a minute per member', async () => {
    t = await startServer({ rateLimits: {} });
    await seedCommunity(
      t.server.store,
      { slug: 'atelier', name: 'Atelier', consentVersion: 'v1' },
      { ownerKey },
    );
    await seedSession(t.server.store, {
      community: 'atelier',
      id: 'live',
      title: 'Live',
      state: 'live',
    });
    const ada = await member('Ada');
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await ask(ada, `Question ${i}`)).status);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
  });
});

describe('leaving (erasure) and export', () => {
  it('exports the member’s questions, votes and reports', async () => {
    await setup();
    const [ada, bob] = [await member('Ada'), await member('Bob')];
    const mine = await asked(ada, 'La mienne', { anonymous: true });
    const theirs = await asked(bob, 'La sienne');
    await vote(ada, theirs.id);
    await call(t.url, `${C}/reports`, {
      token: ada,
      json: { target: { kind: 'question', id: theirs.id }, reason: 'other', details: 'doublon' },
    });
    const data = v.parse(
      MemberExport,
      (await call(t.url, `${C}/members/me/export`, { token: ada })).body,
    );
    expect(data.questions).toEqual([
      {
        id: mine.id,
        session: 'live',
        text: 'La mienne',
        anonymous: true,
        state: 'open',
        createdAt: mine.createdAt,
      },
    ]);
    expect(data.votes).toEqual([
      { questionId: theirs.id, session: 'live', votedAt: expect.any(String) },
    ]);
    expect(data.reports).toEqual([
      {
        id: expect.any(String),
        target: { kind: 'question', id: theirs.id },
        reason: 'other',
        details: 'doublon',
        createdAt: expect.any(String),
      },
    ]);
  });

  it('removes their votes and anonymises their questions, live and in the stored log', async () => {
    await setup();
    const name = 'Zéphyrine Quatrebarbes';
    const leaver = await member(name);
    const bob = await member('Bob');
    const own = await asked(leaver, 'Ma question à moi');
    const other = await asked(bob, 'Celle de Bob');
    await vote(leaver, other.id);
    await vote(bob, own.id);
    await vote(leaver, own.id);

    const events = await openEvents(`${t.url}${S}/events`);
    const host = await openEvents(`${t.url}${H}/events`, { token: HOST_KEY });
    expect((await call(t.url, `${C}/members/me`, { method: 'DELETE', token: leaver })).status).toBe(
      204,
    );

    const byId = new Map<string, Question>();
    for (const event of await events.events(2)) {
      expect(event.event).toBe('question.updated');
      const question = v.parse(Question, JSON.parse(event.data));
      byId.set(question.id, question);
    }
    expect(byId.get(own.id)).toMatchObject({ author: null, votes: 1 });
    expect(byId.get(other.id)).toMatchObject({ author: 'Bob', votes: 0 });
    expect((await host.events(2)).map((e) => e.event)).toEqual([
      'question.updated',
      'question.updated',
    ]);
    events.close();
    host.close();

    const listed = (await list()).body.questions as Question[];
    expect(listed.find((q) => q.id === own.id)).toMatchObject({
      author: null,
      text: 'Ma question à moi',
    });
    expect((await hostList()).questions.find((q) => q.id === own.id)?.author).toBeNull();
    expect(
      t.server.db
        .prepare('SELECT count(*) FROM questions WHERE member_id IS NOT NULL AND author IS NULL')
        .pluck()
        .get(),
    ).toBe(0);
    expect(t.server.db.prepare('SELECT count(*) FROM votes').pluck().get()).toBe(1);
    // Nowhere in the database: not the questions, not the event log, not a free page, not the WAL.
    expect(await databaseHolds(t.file, name)).toBe(false);
    // Bob's vote and name are untouched.
    expect(
      (await list('', bob)).body.questions.find((q: Question) => q.id === own.id).votedByMe,
    ).toBe(true);
  });
});
