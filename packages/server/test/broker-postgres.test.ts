/**
 * Fan-out across instances: two servers on one PostgreSQL database (embedded, or
 * `CERCLE_TEST_DATABASE_URL`'s) with their default broker, `PostgresBroker` (LISTEN/NOTIFY).
 * A stream on either instance gets what was written through both, in id order and once each;
 * a stream resumes on the other instance with `Last-Event-ID`; events still arrive after the
 * LISTEN connection was killed. Also: notifications out of order, and `InProcessBroker`
 * returning before its listeners run.
 */
import {
  InProcessBroker,
  openPostgresStore,
  PostgresBroker,
  seedSession,
  type LiveEvent,
  type PostgresStore,
  type RunningServer,
} from '@cercle/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  call,
  type EventReader,
  type Instances,
  joinAs,
  openEvents,
  startInstances,
} from './helpers.js';

const C = '/v1/communities/atelier';
const S = `${C}/sessions/live`;

let instances: Instances;
let servers: RunningServer<PostgresStore>[] = [];
const readers: EventReader[] = [];

beforeEach(async () => {
  instances = await startInstances();
  servers = instances.servers;
  await seedSession(servers[0]!.store, {
    community: 'atelier',
    id: 'live',
    title: 'Live',
    state: 'live',
  });
  // Both instances listen before the tests write.
  await Promise.all(servers.map((s) => (s.broker as PostgresBroker).ready()));
});

afterEach(async () => {
  for (const reader of readers.splice(0)) reader.close();
  await instances.stop();
});

const [A, B] = [0, 1];
const url = (i: number) => servers[i]!.url;

async function subscribe(on: number, lastEventId?: string): Promise<EventReader> {
  const reader = await openEvents(`${url(on)}${S}/events`, lastEventId ? { lastEventId } : {});
  readers.push(reader);
  await vi.waitFor(() => expect(servers[on]!.broker.subscriberCount()).toBeGreaterThan(0));
  return reader;
}

async function ask(on: number, token: string, text: string): Promise<string> {
  const answer = await call(url(on), `${S}/questions`, { token, json: { text } });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body.id as string;
}

async function vote(on: number, token: string, question: string): Promise<void> {
  const answer = await call(url(on), `${S}/questions/${question}/vote`, { method: 'PUT', token });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
}

/** Members joined alternately through each instance. */
async function members(count: number): Promise<string[]> {
  const tokens: string[] = [];
  for (let i = 0; i < count; i++) tokens.push((await joinAs(url(i % 2), `Membre ${i}`)).token);
  return tokens;
}

/** The session's event ids in the log, in order. */
async function logIds(): Promise<number[]> {
  const rows = await servers[A]!.store.all<{ id: number }>(
    `SELECT e.id FROM events e JOIN sessions s ON s.seq = e.session
     WHERE s.community = 'atelier' AND s.id = 'live' ORDER BY e.id`,
  );
  return rows.map((row) => row.id);
}

/** Appends an event to the session's log directly, with no NOTIFY; its id. */
async function appendWithoutNotify(store: PostgresStore): Promise<number> {
  return (await store.value<number>(
    `INSERT INTO events (session, public_type, public_data, created_at)
     SELECT seq, 'question.removed', '{"id":"q_x"}', ? FROM sessions
     WHERE community = 'atelier' AND id = 'live' RETURNING id`,
    new Date().toISOString(),
  ))!;
}

const ids = (events: { id: string }[]) => events.map((e) => Number(e.id));

describe('PostgresBroker across two instances', () => {
  it('a stream on B gets what A and B write, interleaved and concurrent: in order, once each', async () => {
    const tokens = await members(21);
    const first = await ask(A, tokens[20]!, 'La première');
    const onB = await subscribe(B);
    const onA = await subscribe(A);

    // 20 writes at once, alternating instances: asks through A, votes through B.
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        i % 2 === 0 ? ask(A, tokens[i]!, `Question ${i}`) : vote(B, tokens[i]!, first),
      ),
    );
    const logged = (await logIds()).slice(1); // the first question was asked before subscribing
    expect(logged).toHaveLength(20);

    for (const reader of [onB, onA]) {
      const got = await reader.events(20);
      expect(ids(got)).toEqual(logged);
      expect(got.filter((e) => e.event === 'question.created')).toHaveLength(10);
      expect(got.filter((e) => e.event === 'question.updated')).toHaveLength(10);
      // The last vote event carries all ten votes.
      expect(
        JSON.parse(got.filter((e) => e.event === 'question.updated').at(-1)!.data),
      ).toMatchObject({ id: first, votes: 10 });
      await expect(reader.nextEvent(300)).rejects.toThrow(/no event/);
    }
  });

  it('resumes on the other instance with Last-Event-ID: nothing lost, nothing twice', async () => {
    const tokens = await members(2);
    const onA = await subscribe(A);
    // Writes keep coming, through both instances, while the stream moves from A to B.
    const writing = (async () => {
      for (let i = 0; i < 20; i++) {
        await ask(i % 2, tokens[i % 2]!, `Question ${i}`);
        if (i >= 5) await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    const seen = await onA.events(5);
    onA.close();
    const onB = await subscribe(B, seen.at(-1)!.id);
    seen.push(...(await onB.events(15, 5000)));
    await writing;

    expect(ids(seen)).toEqual(await logIds());
    await expect(onB.nextEvent(300)).rejects.toThrow(/no event/);
  });

  it('still delivers after the LISTEN connections are killed (catch-up from the log)', async () => {
    const [ada] = await members(1);
    const onB = await subscribe(B);
    await ask(A, ada!, 'Avant');
    expect((await onB.nextEvent()).event).toBe('question.created');

    // An event whose notification was lost (as while the connection is down): not delivered yet.
    const lost = await appendWithoutNotify(servers[A]!.store);
    await expect(onB.nextEvent(300)).rejects.toThrow(/no event/);

    const killed = await servers[A]!.store.all<{ killed: number }>(
      `SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity
       WHERE datname = current_database() AND query ILIKE 'listen %'`,
    );
    expect(killed.length).toBe(2); // one per instance
    // Listening again, B reads its log: the lost event arrives, with no newer notification.
    expect(Number((await onB.nextEvent(5000)).id)).toBe(lost);
    // Written while B may still be reconnecting, then after.
    for (let i = 0; i < 3; i++) await ask(A, ada!, `Pendant ${i}`);
    const during = await onB.events(3, 5000);
    await ask(B, ada!, 'Après');
    const after = await onB.nextEvent(5000);

    expect(ids([...during, after])).toEqual((await logIds()).slice(2));
    await expect(onB.nextEvent(300)).rejects.toThrow(/no event/);
  });

  it('delivers in id order when notifications arrive out of order, and ignores the stale one', async () => {
    const store = await openPostgresStore(instances.url, { max: 2 });
    const broker = new PostgresBroker(store, { probeMs: 0 });
    try {
      await broker.ready();
      const got: number[] = [];
      broker.subscribe('atelier/live', (event) => got.push(event.id));
      // Time to read where the log ends: what comes after is this listener's.
      await new Promise((resolve) => setTimeout(resolve, 200));
      // Two events in the log, with no notification.
      const one = await appendWithoutNotify(store);
      const two = await appendWithoutNotify(store);
      // The second is notified first: both arrive, in order.
      await store.value(`SELECT pg_notify('cercle_events', ?)`, `${two} atelier/live`);
      await vi.waitFor(() => expect(got).toEqual([one, two]));
      // The first one's notification, late: nothing more.
      await store.value(`SELECT pg_notify('cercle_events', ?)`, `${one} atelier/live`);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(got).toEqual([one, two]);
    } finally {
      await broker.close();
      await store.close();
    }
  });
});

describe('InProcessBroker', () => {
  const event = (id: number): LiveEvent => ({
    id,
    host: { type: 'question.removed', data: `{"id":"q_${id}"}` },
  });

  it('returns from publish before any listener runs, then delivers in order', async () => {
    const errors: unknown[] = [];
    const broker = new InProcessBroker({ onError: (error) => errors.push(error) });
    const got: number[] = [];
    const other: number[] = [];
    broker.subscribe('a', () => {
      throw new Error('a broken listener');
    });
    broker.subscribe('a', (e) => {
      got.push(e.id);
      // Published from a listener: after what was already queued.
      if (e.id === 1) broker.publish('a', event(4));
    });
    broker.subscribe('b', (e) => other.push(e.id));
    expect(broker.subscriberCount()).toBe(3);
    expect(broker.subscriberCount('a')).toBe(2);

    broker.publish('a', event(1));
    broker.publish('b', event(2));
    broker.publish('a', event(3));
    broker.publish('nobody', event(5));
    expect(got).toEqual([]);
    await Promise.resolve(); // not even in a microtask
    expect(got).toEqual([]);

    await new Promise((resolve) => setImmediate(resolve));
    expect(got).toEqual([1, 3, 4]);
    expect(other).toEqual([2]);
    expect(errors).toHaveLength(3); // the broken listener, for 1, 3 and 4; the others still got them
  });
});
