/** The Server-Sent Events streams: live delivery, resume, resync, heartbeat, cleanup, restart. */
import { LiveSession, Question, QuestionPage } from '@cercle/client';
import { seedSession, type ServerOptions, type SessionSeed } from '@cercle/server';
import * as v from 'valibot';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  call,
  type EventReader,
  joinBody,
  openEvents,
  removeTempDirs,
  seedAtelier,
  startServer,
  type TestServer,
  HOST_KEY,
} from './helpers.js';

const C = '/v1/communities/atelier';
const S = `${C}/sessions/live`;
const H = `${C}/host/sessions/live`;

const running: TestServer[] = [];
const readers: EventReader[] = [];
let t: TestServer;

async function setup(options: Partial<ServerOptions> = {}, session: Partial<SessionSeed> = {}) {
  t = await startServer(options);
  running.push(t);
  await seedAtelier(t, { allowedOrigins: ['http://localhost:*'] });
  await seedSession(t.server.store, {
    community: 'atelier',
    id: 'live',
    title: 'Live',
    state: 'live',
    ...session,
  });
  return t;
}

afterEach(async () => {
  for (const reader of readers.splice(0)) reader.close();
  await Promise.all(running.splice(0).map((server) => server.stop()));
  await removeTempDirs();
});

async function subscribe(options: Parameters<typeof openEvents>[1] = {}, path = `${S}/events`) {
  const reader = await openEvents(`${t.url}${path}`, options);
  readers.push(reader);
  return reader;
}

async function member(name: string, server = t): Promise<string> {
  return (await call(server.url, `${C}/members`, { json: joinBody(name) })).body.token as string;
}

async function ask(token: string, text: string, extra = {}, server = t): Promise<Question> {
  const answer = await call(server.url, `${S}/questions`, { token, json: { text, ...extra } });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body as Question;
}

const vote = (token: string, id: string) =>
  call(t.url, `${S}/questions/${id}/vote`, { method: 'PUT', token });

const ids = (events: { id: string }[]) => events.map((e) => Number(e.id));

describe('the session stream', () => {
  it('streams every change as it happens, with increasing ids', async () => {
    await setup();
    const ada = await member('Ada');
    const events = await subscribe({ headers: { origin: 'http://localhost:5173' } });
    expect(events.response.status).toBe(200);
    expect(events.response.headers.get('content-type')).toBe('text/event-stream');
    expect(events.response.headers.get('cache-control')).toBe('no-store');
    expect(events.response.headers.get('x-accel-buffering')).toBe('no');
    expect(events.response.headers.get('access-control-allow-origin')).toBe(
      'http://localhost:5173',
    );

    const q = await ask(ada, 'En direct ?');
    const created = await events.nextEvent();
    expect(created.event).toBe('question.created');
    expect(v.parse(Question, JSON.parse(created.data))).toEqual({ ...q, mine: false });

    await vote(ada, q.id);
    const updated = await events.nextEvent();
    expect(updated.event).toBe('question.updated');
    expect(JSON.parse(updated.data)).toMatchObject({ id: q.id, votes: 1, votedByMe: false });

    await call(t.url, H, { method: 'PATCH', token: HOST_KEY, json: { state: 'ended' } });
    const session = await events.nextEvent();
    expect(session.event).toBe('session.updated');
    expect(v.parse(LiveSession, JSON.parse(session.data)).state).toBe('ended');

    const [a, b, c] = ids([created, updated, session]) as [number, number, number];
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(a);
    expect(c).toBeGreaterThan(b);
    const page = v.parse(QuestionPage, (await call(t.url, `${S}/questions`)).body);
    expect(page.lastEventId).toBe(session.id);
  });

  it('delivers within milliseconds to every subscriber', async () => {
    await setup();
    const ada = await member('Ada');
    const all = await Promise.all(Array.from({ length: 20 }, () => subscribe()));
    const started = performance.now();
    await ask(ada, 'À tous ?');
    const received = await Promise.all(all.map((reader) => reader.nextEvent()));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(new Set(received.map((e) => e.id)).size).toBe(1);
  });

  it('continues from a page: Last-Event-ID = its lastEventId gives exactly what came after', async () => {
    await setup();
    const ada = await member('Ada');
    await ask(ada, 'Avant la page');
    const page = v.parse(QuestionPage, (await call(t.url, `${S}/questions`)).body);
    const after = await ask(ada, 'Après la page');
    const events = await subscribe({ lastEventId: page.lastEventId });
    const first = await events.nextEvent();
    expect(JSON.parse(first.data).id).toBe(after.id);
    expect(Number(first.id)).toBe(Number(page.lastEventId) + 1);
  });

  it('starts with an empty session from "0"', async () => {
    await setup();
    const page = v.parse(QuestionPage, (await call(t.url, `${S}/questions`)).body);
    expect(page.lastEventId).toBe('0');
    const events = await subscribe({ lastEventId: '0' });
    await ask(await member('Ada'), 'La première');
    expect((await events.nextEvent()).event).toBe('question.created');
  });

  it('resumes after a disconnect with Last-Event-ID: nothing lost, nothing twice', async () => {
    await setup();
    const [ada, bob] = [await member('Ada'), await member('Bob')];
    const first = await subscribe();
    const q1 = await ask(ada, 'Un');
    const seen = [await first.nextEvent()];
    first.close();
    await vi.waitFor(() => expect(t.server.broker.subscriberCount()).toBe(0));

    // While away: three changes.
    const q2 = await ask(bob, 'Deux');
    await vote(bob, q1.id);
    await vote(ada, q2.id);

    const again = await subscribe({ lastEventId: seen[0]?.id as string });
    seen.push(...(await again.events(3)));
    await ask(ada, 'Trois');
    seen.push(await again.nextEvent());

    expect(seen.map((e) => e.event)).toEqual([
      'question.created',
      'question.created',
      'question.updated',
      'question.updated',
      'question.created',
    ]);
    const list = ids(seen);
    expect([...list].sort((x, y) => x - y)).toEqual(list);
    expect(new Set(list).size).toBe(list.length);
    // And nothing more is pending.
    await expect(again.nextEvent(200)).rejects.toThrow(/no event/);
  });

  it('sends resync with the newest id when the Last-Event-ID is older than the kept log', async () => {
    await setup({ eventRetention: { maxEvents: 3 } });
    const ada = await member('Ada');
    const events = await subscribe();
    for (let i = 0; i < 6; i++) await ask(ada, `Q${i}`);
    const all = await events.events(6);
    const newest = all.at(-1)?.id as string;
    expect(t.server.db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(3);

    const old = await subscribe({ lastEventId: all[1]?.id as string });
    const resync = await old.nextEvent();
    expect(resync).toEqual({ id: newest, event: 'resync', data: '{}' });
    await ask(ada, 'Après le resync');
    const next = await old.nextEvent();
    expect(next.event).toBe('question.created');
    expect(Number(next.id)).toBeGreaterThan(Number(newest));

    // Still in the log: replayed, no resync.
    const recent = await subscribe({ lastEventId: all[3]?.id as string });
    expect((await recent.events(3)).map((e) => e.event)).toEqual([
      'question.created',
      'question.created',
      'question.created',
    ]);

    // Ids that were never sent: resync too.
    for (const bogus of ['abc', '99999999', '-1', '']) {
      const reader = await subscribe({ lastEventId: bogus });
      expect((await reader.nextEvent()).event, bogus).toBe('resync');
    }
  });

  it('prunes events older than the retention age', async () => {
    let now = Date.parse('2026-12-06T17:00:00Z');
    await setup({ now: () => new Date(now), eventRetention: { maxAgeMs: 60_000 } });
    const ada = await member('Ada');
    const events = await subscribe();
    await ask(ada, 'Ancienne');
    const old = await events.nextEvent();
    now += 120_000;
    await ask(ada, 'Récente');
    const recent = await events.nextEvent();
    expect(t.server.db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(1);

    expect((await (await subscribe({ lastEventId: '0' })).nextEvent()).event).toBe('resync');
    const resumed = await subscribe({ lastEventId: old.id });
    expect((await resumed.nextEvent()).id).toBe(recent.id);
  });

  it('sends a heartbeat comment', async () => {
    await setup({ heartbeatMs: 50 });
    const events = await subscribe();
    const started = performance.now();
    expect(await events.next(1000)).toEqual({ comment: 'ping' });
    expect(await events.next(1000)).toEqual({ comment: 'ping' });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('answers 404 for an unknown session, as JSON', async () => {
    await setup();
    const answer = await call(t.url, `${C}/sessions/nope/events`);
    expect(answer.status).toBe(404);
    expect(answer.body.error.code).toBe('not_found');
  });
});

describe('the host stream', () => {
  it('shows the host pending questions and anonymous authors; the public sees only what is visible', async () => {
    await setup({}, { moderation: 'pre' });
    const ada = await member('Ada');
    const pub = await subscribe();
    const host = await subscribe({ token: HOST_KEY }, `${H}/events`);

    const q = await ask(ada, 'À modérer', { anonymous: true });
    const pending = await host.nextEvent();
    expect(pending.event).toBe('question.created');
    expect(JSON.parse(pending.data)).toMatchObject({ id: q.id, state: 'pending', author: 'Ada' });

    await call(t.url, `${H}/questions/${q.id}`, {
      method: 'PATCH',
      token: HOST_KEY,
      json: { state: 'open' },
    });
    const approved = await host.nextEvent();
    expect(approved.event).toBe('question.updated');
    expect(JSON.parse(approved.data)).toMatchObject({ state: 'open', author: 'Ada' });
    const shown = await pub.nextEvent();
    expect(shown.event).toBe('question.created');
    expect(JSON.parse(shown.data)).toMatchObject({ id: q.id, state: 'open', author: null });
    // One change, one id, read two ways.
    expect(shown.id).toBe(approved.id);

    await call(t.url, `${H}/questions/${q.id}`, {
      method: 'PATCH',
      token: HOST_KEY,
      json: { state: 'hidden' },
    });
    expect(JSON.parse((await host.nextEvent()).data)).toMatchObject({ state: 'hidden' });
    const removed = await pub.nextEvent();
    expect(removed.event).toBe('question.removed');
    expect(JSON.parse(removed.data)).toEqual({ id: q.id });

    // The public never saw the pending question: resuming from the start replays the same.
    const replay = await subscribe({ lastEventId: '0' });
    expect((await replay.events(2)).map((e) => e.event)).toEqual([
      'question.created',
      'question.removed',
    ]);
    await expect(replay.nextEvent(200)).rejects.toThrow(/no event/);
  });

  it('needs the host key', async () => {
    await setup();
    expect((await call(t.url, `${H}/events`)).status).toBe(401);
    const token = await member('Ada');
    const answer = await call(t.url, `${H}/events`, { token });
    expect(answer.status).toBe(401);
    expect(answer.body.error.code).toBe('unauthorized');
  });
});

describe('connections', () => {
  it('forgets subscribers when they disconnect (no leak)', async () => {
    await setup();
    const readers = await Promise.all(Array.from({ length: 5 }, () => subscribe()));
    const host = await subscribe({ token: HOST_KEY }, `${H}/events`);
    expect(t.server.broker.subscriberCount('atelier/live')).toBe(6);
    for (const reader of readers) reader.close();
    host.close();
    await vi.waitFor(() => expect(t.server.broker.subscriberCount()).toBe(0));
    // Still serving, and a new subscriber works.
    const fresh = await subscribe();
    await ask(await member('Ada'), 'Encore là ?');
    expect((await fresh.nextEvent()).event).toBe('question.created');
  });

  it('cuts a subscriber with more than 1 MiB waiting; the others go on', async () => {
    await setup();
    const stalled = await subscribe();
    const big = {
      type: 'question.updated' as const,
      data: JSON.stringify({ pad: 'x'.repeat(64 * 1024) }),
    };
    // Published in one go, nothing can be written in between: 2 MiB wait for every subscriber.
    for (let id = 1; id <= 32; id++) {
      t.server.broker.publish('atelier/live', { id: 1_000_000 + id, public: big, host: big });
    }
    await stalled.ended;
    expect(t.server.broker.subscriberCount()).toBe(0);
    const fresh = await subscribe();
    await ask(await member('Ada'), 'Toujours là');
    expect((await fresh.nextEvent()).event).toBe('question.created');
  });

  it('replays a backlog of more than 1 MiB in full', async () => {
    await setup();
    const q = await ask(await member('Ada'), 'Longue réponse ?');
    const page = v.parse(QuestionPage, (await call(t.url, `${S}/questions`)).body);
    const count = 600;
    for (let i = 0; i < count; i++) {
      const answer = `${i} `.padEnd(2000, i % 2 ? 'a' : 'b');
      await call(t.url, `${H}/questions/${q.id}`, {
        method: 'PATCH',
        token: HOST_KEY,
        json: { answer },
      });
    }
    const resumed = await subscribe({ lastEventId: page.lastEventId });
    const replayed = await resumed.events(count, 10_000);
    expect(replayed.reduce((size, e) => size + e.data.length, 0)).toBeGreaterThan(1024 * 1024);
    expect(JSON.parse(replayed.at(-1)?.data ?? '{}').answer.text).toMatch(/^599 /);
  });

  it('ends open streams promptly on close()', async () => {
    await setup({ heartbeatMs: 60_000 });
    const readers = await Promise.all(Array.from({ length: 3 }, () => subscribe()));
    const started = performance.now();
    await t.stop();
    await Promise.all(readers.map((reader) => reader.ended));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(t.server.broker.subscriberCount()).toBe(0);
  });

  it('keeps event ids increasing across a restart on the same file, and resumes across it', async () => {
    const first = await setup();
    const ada = await member('Ada');
    const events = await subscribe();
    await ask(ada, 'Avant le redémarrage');
    const before = await events.nextEvent();
    await first.stop();
    await events.ended;

    const second = await startServer({ db: first.file });
    running.push(second);
    t = second;
    const q = await ask(ada, 'Après le redémarrage');
    await vote(ada, q.id);
    const resumed = await subscribe({ lastEventId: before.id });
    const missed = await resumed.events(2);
    expect(missed.map((e) => e.event)).toEqual(['question.created', 'question.updated']);
    expect(Number(missed[0]?.id)).toBeGreaterThan(Number(before.id));
    expect(Number(missed[1]?.id)).toBeGreaterThan(Number(missed[0]?.id));
  });
});
