// The live Q&A part of the contract over the mock, through msw's `setupServer` and plain
// `fetch` (the event stream read as a streaming body, as the client reads it).
import { describe, expect, it } from 'vitest';
import { type Question } from '@cercle/client';
import { demoCommunities, demoQuestions } from '@cercle/client/demo';
import { createHandlers, createMockStore } from '@cercle/mock/node';
import { conforms, joinAs, memoryStorage, serveMock } from './helpers.js';

const BASE = 'http://live.cercle.test';
const HOST = 'host-secret';
const { store, server, call } = serveMock({ baseUrl: BASE, hostKey: HOST, pingMs: 60_000 });

const S = '/v1/communities/maison-verte/sessions/dimanche-live';
const H = '/v1/communities/maison-verte/host/sessions/dimanche-live';
const consent = { version: demoCommunities[0]!.consentVersion, accepted: true };
const seeded = demoQuestions.filter((q) => q.session === 'dimanche-live');

const member = (name?: string) => joinAs(call, name);

const list = async (query = '', token?: string): Promise<Question[]> => {
  const res = await call('GET', `${S}/questions${query}`, { token });
  expect(res.status).toBe(200);
  return res.body.questions as Question[];
};

const ask = (token: string, text: string, anonymous?: boolean) =>
  call('POST', `${S}/questions`, { token, body: { text, anonymous } });

const host = (method: string, path: string, body?: unknown) =>
  call(method, path, { token: HOST, body });

interface Frame {
  id?: string;
  event?: string;
  data?: unknown;
  comment?: string;
}

/** Opens an event stream and reads it frame by frame. */
async function stream(path: string, headers: Record<string, string> = {}, base = BASE) {
  const abort = new AbortController();
  const res = await fetch(`${base}${path}`, { headers, signal: abort.signal });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  /** A read outlives a timeout, so that no chunk is lost. */
  let reading: Promise<ReadableStreamReadResult<string>> | undefined;
  const parse = (block: string): Frame => {
    const frame: Frame = {};
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) frame.comment = line.slice(1).trim();
      else if (line.startsWith('id: ')) frame.id = line.slice(4);
      else if (line.startsWith('event: ')) frame.event = line.slice(7);
      else if (line.startsWith('data: ')) frame.data = JSON.parse(line.slice(6));
    }
    return frame;
  };
  return {
    /** The next frame, or a failure after `ms`. */
    async next(ms = 1000): Promise<Frame> {
      const deadline = Date.now() + ms;
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          return parse(block);
        }
        let timer: ReturnType<typeof setTimeout> | undefined;
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error('no frame in time')),
            Math.max(0, deadline - Date.now()),
          );
        });
        reading ??= reader.read();
        const { value, done } = await Promise.race([reading, timeout]).finally(() =>
          clearTimeout(timer),
        );
        reading = undefined;
        if (done) throw new Error('the stream ended');
        buffer += value;
      }
    },
    /** Whether a frame arrives within `ms`. */
    async quiet(ms = 100): Promise<boolean> {
      return this.next(ms).then(
        () => false,
        () => true,
      );
    },
    /** Drops the connection, as the client's `close()` does (it aborts its fetch). */
    close: () => abort.abort(),
  };
}

describe('sessions', () => {
  it('shows the seeded live session and the scheduled one', async () => {
    const live = await call('GET', S);
    conforms('getSession', live);
    expect(live.body).toMatchObject({
      id: 'dimanche-live',
      community: 'maison-verte',
      state: 'live',
      moderation: 'post',
      endedAt: null,
      questionCount: seeded.length,
    });
    const scheduled = await call('GET', '/v1/communities/maison-verte/sessions/jeudi-pain');
    conforms('getSession', scheduled);
    expect(scheduled.body.state).toBe('scheduled');
    expect(Date.parse(scheduled.body.startsAt)).toBeGreaterThan(Date.now());
    const missing = await call('GET', '/v1/communities/maison-verte/sessions/nope');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
  });
});

describe('questions', () => {
  it('lists the seed top first: pinned, then most votes, with the written answer', async () => {
    const res = await call('GET', `${S}/questions`);
    conforms('listQuestions', res);
    const questions: Question[] = res.body.questions;
    expect(questions).toHaveLength(seeded.length);
    expect(res.body.nextCursor).toBeNull();
    expect(res.body.lastEventId).toBe('0');
    expect(questions[0]).toMatchObject({ pinned: true, text: seeded.find((q) => q.pinned)!.text });
    const votes = questions.slice(1).map((q) => q.votes);
    expect(votes).toEqual([...votes].sort((a, b) => b - a));
    const answered = questions.find((q) => q.state === 'answered')!;
    expect(answered.answer?.text).toMatch(/fécule/);
    expect(questions.filter((q) => q.author === null)).toHaveLength(
      seeded.filter((q) => q.authorIndex === null).length,
    );
    expect(questions.every((q) => !q.votedByMe && !q.mine)).toBe(true);
  });

  it('pages with a cursor, newest first with sort=new, and refuses a bad query', async () => {
    const newest = await list('?sort=new');
    expect(newest[0]!.text).toBe(seeded.at(-1)!.text);

    const seen: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const query: string = `?sort=new&limit=5${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const res = await call('GET', `${S}/questions${query}`);
      conforms('listQuestions', res);
      seen.push(...res.body.questions.map((q: Question) => q.id));
      cursor = res.body.nextCursor;
    }
    expect(seen).toEqual(newest.map((q) => q.id));

    const bad = await call('GET', `${S}/questions?limit=0&sort=old&extra=1`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'extra',
      'limit',
      'sort',
    ]);
    const cursorForTop = (await call('GET', `${S}/questions?limit=2`)).body.nextCursor;
    const mixed = await call('GET', `${S}/questions?sort=new&cursor=${cursorForTop}`);
    expect(mixed.body.error.details[0].path).toBe('cursor');
    expect((await call('GET', `${S}/questions`, { token: 'unknown' })).status).toBe(401);
  });

  it('lets a member ask, anonymously too, with idempotent retries', async () => {
    expect((await ask('', 'No token?')).status).toBe(401);
    const token = await member();
    const asked = await ask(token, '  Une question de test ?  ');
    expect(asked.status).toBe(201);
    conforms('ask', asked);
    expect(asked.body).toMatchObject({
      text: 'Une question de test ?',
      author: 'Alice',
      mine: true,
      votes: 0,
      state: 'open',
    });
    const anonymous = await ask(token, 'Sans mon nom', true);
    expect(anonymous.body).toMatchObject({ author: null, mine: true });

    const mine = await list('?sort=new', token);
    expect(mine.slice(0, 2).map((q) => [q.text, q.mine])).toEqual([
      ['Sans mon nom', true],
      ['Une question de test ?', true],
    ]);
    expect((await list('?sort=new'))[0]).toMatchObject({ author: null, mine: false });

    const empty = await ask(token, '   ');
    expect(empty.status).toBe(400);
    expect(empty.body.error.details).toEqual([{ path: 'text', message: 'the question is empty' }]);
    const long = await ask(token, 'x'.repeat(501));
    expect(long.body.error.details[0].message).toMatch(/at most 500/);

    const headers = { 'idempotency-key': 'ask-1' };
    const body = { text: 'Une seule fois' };
    const first = await call('POST', `${S}/questions`, { token, body, headers });
    const again = await call('POST', `${S}/questions`, { token, body, headers });
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await list()).filter((q) => q.text === 'Une seule fois')).toHaveLength(1);
  });

  it('counts one vote per member, idempotently, own questions included', async () => {
    const alice = await member('Alice');
    const bob = await member('Bob');
    const { id } = (await ask(alice, 'Votez pour moi')).body as Question;
    const vote = (token: string, method = 'PUT') =>
      call(method, `${S}/questions/${id}/vote`, { token });

    const first = await vote(bob);
    conforms('vote', first);
    expect(first.body).toEqual({ questionId: id, votes: 1, votedByMe: true });
    expect((await vote(bob)).body.votes).toBe(1);
    expect((await vote(alice)).body.votes).toBe(2);
    expect((await list('', bob)).find((q) => q.id === id)).toMatchObject({
      votes: 2,
      votedByMe: true,
    });
    const back = await vote(bob, 'DELETE');
    conforms('unvote', back);
    expect(back.body).toEqual({ questionId: id, votes: 1, votedByMe: false });
    expect((await vote(bob, 'DELETE')).body.votes).toBe(1);
    expect((await vote('', 'PUT')).status).toBe(401);
    expect((await call('PUT', `${S}/questions/nope/vote`, { token: bob })).status).toBe(404);
  });

  it('makes an ended session read-only (409), and it cannot be reopened', async () => {
    const token = await member();
    const [top] = await list();
    const ended = await host('PATCH', H, { state: 'ended' });
    conforms('updateSession', ended);
    expect(ended.body.state).toBe('ended');
    expect(ended.body.endedAt).not.toBeNull();

    const asked = await ask(token, 'Trop tard ?');
    expect(asked.status).toBe(409);
    expect(asked.body.error).toMatchObject({ code: 'conflict' });
    expect(asked.body.error.message).toMatch(/ended/);
    const voted = await call('PUT', `${S}/questions/${top!.id}/vote`, { token });
    expect(voted.status).toBe(409);
    const reopen = await host('PATCH', H, { state: 'live' });
    expect(reopen.status).toBe(409);
  });

  it('allows asking before a scheduled session starts, and the host starts it', async () => {
    const token = await member();
    const path = '/v1/communities/maison-verte/sessions/jeudi-pain/questions';
    const asked = await call('POST', path, { token, body: { text: 'Quelle farine ?' } });
    expect(asked.status).toBe(201);
    // jeudi-pain is pre-moderated: the question waits for the host.
    expect(asked.body.state).toBe('pending');
    const started = await host('PATCH', '/v1/communities/maison-verte/host/sessions/jeudi-pain', {
      state: 'live',
    });
    expect(started.body.state).toBe('live');
    expect(Date.parse(started.body.startsAt)).toBeLessThanOrEqual(Date.now());
  });

  it('limits asking per member with rate_limited and Retry-After', async () => {
    const own = createMockStore({ liveLimits: { ask: { limit: 2, windowMs: 60_000 } } });
    server.use(...createHandlers({ baseUrl: 'http://limited.test', store: own }));
    const joined = own.join('maison-verte', { displayName: 'Zoé', consent }).body;
    const post = (text: string) =>
      call('POST', `${S}/questions`, {
        base: 'http://limited.test',
        token: joined.token,
        body: { text },
      });
    expect((await post('un')).status).toBe(201);
    expect((await post('deux')).status).toBe(201);
    const third = await post('trois');
    expect(third.status).toBe(429);
    expect(third.body.error.code).toBe('rate_limited');
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });
});

describe('host', () => {
  it('refuses host calls without the host key', async () => {
    for (const [method, path] of [
      ['GET', `${H}/questions`],
      ['PATCH', H],
      ['GET', '/v1/communities/maison-verte/host/reports'],
      ['GET', `${H}/events`],
    ] as const) {
      const res = await call(method, path, {
        token: 'guess',
        body: method === 'PATCH' ? {} : undefined,
      });
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(res.body.error.code).toBe('unauthorized');
    }
  });

  it('approves pending questions in pre-moderation, answers, pins and hides', async () => {
    const token = await member();
    expect((await host('PATCH', H, { moderation: 'pre' })).body.moderation).toBe('pre');
    const pending = (await ask(token, 'En attente ?')).body as Question;
    expect(pending.state).toBe('pending');
    expect((await list()).some((q) => q.id === pending.id)).toBe(false);
    expect((await call('PUT', `${S}/questions/${pending.id}/vote`, { token })).status).toBe(404);

    const all = await host('GET', `${H}/questions`);
    conforms('hostQuestions', all);
    expect(all.body.questions).toHaveLength(seeded.length + 1);
    expect(all.body.questions.at(-1)).toMatchObject({ id: pending.id, state: 'pending' });

    const q = `${H}/questions/${pending.id}`;
    const approved = await host('PATCH', q, { state: 'open' });
    conforms('updateQuestion', approved);
    expect((await list()).some((x) => x.id === pending.id)).toBe(true);

    const answered = await host('PATCH', q, { answer: '  Oui, bien sûr.  ', pinned: true });
    expect(answered.body).toMatchObject({
      state: 'answered',
      pinned: true,
      answer: { text: 'Oui, bien sûr.' },
    });
    const pinned = (await list()).filter((x) => x.pinned);
    expect(pinned.map((x) => x.id)).toContain(pending.id);

    const hidden = await host('PATCH', q, { state: 'hidden' });
    expect(hidden.body.state).toBe('hidden');
    expect((await list()).some((x) => x.id === pending.id)).toBe(false);
    expect((await call('GET', S)).body.questionCount).toBe(seeded.length);

    const bad = await host('PATCH', q, { state: 'pending', answer: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path)).toEqual([
      'state',
      'answer',
    ]);
    expect((await host('PATCH', `${H}/questions/nope`, { pinned: true })).status).toBe(404);
  });

  it('shows the host who asked an anonymous question, and nobody else', async () => {
    const token = await member('Discrète');
    const { id } = (await ask(token, 'Anonyme', true)).body as Question;
    const all = await host('GET', `${H}/questions`);
    expect(all.body.questions.find((q: Question) => q.id === id).author).toBe('Discrète');
    expect((await list()).find((q) => q.id === id)!.author).toBeNull();
  });
});

describe('reports', () => {
  it('takes a notice from anyone and lets the host decide with a statement of reasons', async () => {
    const [target] = await list();
    const sent = await call('POST', '/v1/communities/maison-verte/reports', {
      body: { target: { kind: 'question', id: target!.id }, reason: 'spam', details: 'Pub' },
    });
    expect(sent.status).toBe(202);
    conforms('report', sent);
    expect(sent.body.state).toBe('open');

    const missing = await call('POST', '/v1/communities/maison-verte/reports', {
      body: { target: { kind: 'question', id: 'nope' }, reason: 'spam' },
    });
    expect(missing.status).toBe(404);
    const invalid = await call('POST', '/v1/communities/maison-verte/reports', {
      body: { target: { kind: 'question', id: target!.id }, reason: 'boring' },
    });
    expect(invalid.body.error.details[0].path).toBe('reason');

    const reports = await host('GET', '/v1/communities/maison-verte/host/reports');
    conforms('listReports', reports);
    expect(reports.body.reports).toMatchObject([
      { id: sent.body.id, targetText: target!.text, reason: 'spam', details: 'Pub' },
    ]);

    const decide = `/v1/communities/maison-verte/host/reports/${sent.body.id}/decision`;
    const unreasoned = await host('POST', decide, { action: 'remove', statement: '  ' });
    expect(unreasoned.status).toBe(400);
    expect(unreasoned.body.error.details[0]).toEqual({
      path: 'statement',
      message: 'a statement of reasons is required',
    });
    const decided = await host('POST', decide, {
      action: 'remove',
      statement: 'Publicité sans rapport avec le live.',
    });
    conforms('decideReport', decided);
    expect(decided.body).toMatchObject({
      state: 'actioned',
      decision: { action: 'remove', statement: 'Publicité sans rapport avec le live.' },
    });
    expect((await list()).some((q) => q.id === target!.id)).toBe(false);
    expect((await host('POST', decide, { action: 'dismiss', statement: 'x' })).status).toBe(409);
  });
});

describe('leaving', () => {
  it('anonymises the member’s questions and removes their votes', async () => {
    const alice = await member('Alice');
    const bob = await member('Bob');
    const { id } = (await ask(alice, 'Je vais partir')).body as Question;
    const [top] = await list();
    await call('PUT', `${S}/questions/${id}/vote`, { token: alice });
    await call('PUT', `${S}/questions/${id}/vote`, { token: bob });
    await call('PUT', `${S}/questions/${top!.id}/vote`, { token: alice });

    expect(
      (await call('DELETE', '/v1/communities/maison-verte/members/me', { token: alice })).status,
    ).toBe(204);
    const after = await list();
    expect(after.find((q) => q.id === id)).toMatchObject({ author: null, votes: 1 });
    expect(after.find((q) => q.id === top!.id)!.votes).toBe(top!.votes);
    const hostView = await host('GET', `${H}/questions`);
    expect(hostView.body.questions.find((q: Question) => q.id === id).author).toBeNull();
  });
});

describe('the event stream', () => {
  it('sends each change as id / event / data, within the moment', async () => {
    const events = await stream(`${S}/events`);
    const token = await member();
    const asked = (await ask(token, 'En direct ?')).body as Question;

    const created = await events.next();
    expect(created).toMatchObject({ id: '1', event: 'question.created' });
    expect(created.data).toMatchObject({ id: asked.id, text: 'En direct ?', mine: false });

    await call('PUT', `${S}/questions/${asked.id}/vote`, { token });
    const voted = await events.next();
    expect(voted).toMatchObject({ id: '2', event: 'question.updated' });
    expect(voted.data).toMatchObject({ id: asked.id, votes: 1, votedByMe: false });

    await host('PATCH', H, { moderation: 'pre' });
    const session = await events.next();
    expect(session).toMatchObject({ id: '3', event: 'session.updated' });
    expect(session.data).toMatchObject({ id: 'dimanche-live', moderation: 'pre' });

    // Page and stream agree: the page says where the stream is.
    expect((await call('GET', `${S}/questions`)).body.lastEventId).toBe('3');
    events.close();
  });

  it('sends `: ping` heartbeats', async () => {
    server.use(...createHandlers({ baseUrl: 'http://ping.test', hostKey: HOST, pingMs: 20 }));
    const events = await stream(`${S}/events`, {}, 'http://ping.test');
    expect(await events.next()).toEqual({ comment: 'ping' });
    expect(await events.next()).toEqual({ comment: 'ping' });
    events.close();
  });

  it('resumes after Last-Event-ID with every event missed, in order', async () => {
    const token = await member();
    const { lastEventId } = (await call('GET', `${S}/questions`)).body;
    const a = (await ask(token, 'Première')).body as Question;
    await ask(token, 'Deuxième');
    await call('PUT', `${S}/questions/${a.id}/vote`, { token });

    const events = await stream(`${S}/events`, { 'last-event-id': lastEventId });
    const missed = [await events.next(), await events.next(), await events.next()];
    expect(missed.map((f) => [f.id, f.event])).toEqual([
      ['1', 'question.created'],
      ['2', 'question.created'],
      ['3', 'question.updated'],
    ]);
    expect(await events.quiet()).toBe(true);
    await ask(token, 'Troisième');
    expect(await events.next()).toMatchObject({ id: '4', event: 'question.created' });
    events.close();
  });

  it('says resync when Last-Event-ID is older than the log, or unknown', async () => {
    const own = createMockStore({ eventLogSize: 2 });
    server.use(...createHandlers({ baseUrl: 'http://short.test', store: own, hostKey: HOST }));
    const { token } = own.join('maison-verte', { displayName: 'Léo', consent }).body;
    for (const text of ['a', 'b', 'c', 'd'])
      own.ask('maison-verte', 'dimanche-live', token, { text });

    const old = await stream(`${S}/events`, { 'last-event-id': '1' }, 'http://short.test');
    expect(await old.next()).toEqual({ id: '4', event: 'resync', data: {} });
    expect(await old.quiet()).toBe(true);
    own.ask('maison-verte', 'dimanche-live', token, { text: 'e' });
    expect(await old.next()).toMatchObject({ id: '5', event: 'question.created' });
    old.close();

    // Within the log: no resync, just the missed events.
    const recent = await stream(`${S}/events`, { 'last-event-id': '3' }, 'http://short.test');
    expect((await recent.next()).id).toBe('4');
    expect((await recent.next()).id).toBe('5');
    recent.close();

    // From another life of the server (ahead of this log): resync.
    const ahead = await stream(`${S}/events`, { 'last-event-id': '99' }, 'http://short.test');
    expect(await ahead.next()).toMatchObject({ id: '5', event: 'resync' });
    ahead.close();
  });

  it('shows pending and hidden questions on the host stream only', async () => {
    const token = await member('Alice');
    const pub = await stream(`${S}/events`);
    const hostStream = await stream(`${H}/events`, { authorization: `Bearer ${HOST}` });
    await host('PATCH', H, { moderation: 'pre' });
    expect((await pub.next()).event).toBe('session.updated');
    expect((await hostStream.next()).event).toBe('session.updated');

    const { id } = (await ask(token, 'À valider', true)).body as Question;
    const pending = await hostStream.next();
    expect(pending).toMatchObject({ id: '2', event: 'question.created' });
    expect(pending.data).toMatchObject({ id, state: 'pending', author: 'Alice' });
    expect(await pub.quiet()).toBe(true);

    await host('PATCH', `${H}/questions/${id}`, { state: 'open' });
    // For the public, the question appears now; its author stays hidden.
    const shown = await pub.next();
    expect(shown).toMatchObject({ id: '3', event: 'question.created' });
    expect(shown.data).toMatchObject({ id, state: 'open', author: null });
    expect(await hostStream.next()).toMatchObject({ id: '3', event: 'question.updated' });

    await host('PATCH', `${H}/questions/${id}`, { state: 'hidden' });
    expect(await pub.next()).toEqual({ id: '4', event: 'question.removed', data: { id } });
    const hidden = await hostStream.next();
    expect(hidden).toMatchObject({ id: '4', event: 'question.updated' });
    expect(hidden.data).toMatchObject({ id, state: 'hidden' });
    pub.close();
    hostStream.close();
  });

  it('emits the changes of a member leaving, and of a report decided', async () => {
    const alice = await member('Alice');
    const { id } = (await ask(alice, 'Bientôt anonyme')).body as Question;
    const events = await stream(`${S}/events`);
    await call('DELETE', '/v1/communities/maison-verte/members/me', { token: alice });
    const anonymised = await events.next();
    expect(anonymised.event).toBe('question.updated');
    expect(anonymised.data).toMatchObject({ id, author: null });

    const sent = await call('POST', '/v1/communities/maison-verte/reports', {
      body: { target: { kind: 'question', id }, reason: 'off_topic' },
    });
    await host('POST', `/v1/communities/maison-verte/host/reports/${sent.body.id}/decision`, {
      action: 'remove',
      statement: 'Hors sujet.',
    });
    expect(await events.next()).toMatchObject({ event: 'question.removed', data: { id } });
    events.close();
  });

  it('drops the subscription when the client goes away', async () => {
    const count = () => store.subscriberCount('maison-verte', 'dimanche-live');
    const before = count();
    const events = await stream(`${S}/events`);
    expect(count()).toBe(before + 1);
    events.close();
    await expect.poll(count).toBe(before);
  });

  it('answers 404 as JSON for an unknown session', async () => {
    const res = await call('GET', '/v1/communities/maison-verte/sessions/nope/events');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });
});

describe('two tabs sharing a storage', () => {
  it('delivers a change made by one store to the streams of the other', async () => {
    const storage = memoryStorage();
    const tabA = createMockStore({ storage });
    const tabB = createMockStore({ storage });
    server.use(...createHandlers({ baseUrl: 'http://tab-b.test', store: tabB, hostKey: HOST }));
    const events = await stream(`${S}/events`, {}, 'http://tab-b.test');

    const { token } = tabA.join('maison-verte', { displayName: 'Tab A', consent }).body;
    const { body } = tabA.ask('maison-verte', 'dimanche-live', token, { text: 'Depuis A' });
    tabB.sync(); // what the browser's `storage` event triggers
    const created = await events.next();
    expect(created).toMatchObject({ id: '1', event: 'question.created' });
    expect(created.data).toMatchObject({ id: body.id, text: 'Depuis A' });
    // And tab B knows tab A's member.
    expect(tabB.me('maison-verte', token).member.displayName).toBe('Tab A');
    events.close();
  });
});
