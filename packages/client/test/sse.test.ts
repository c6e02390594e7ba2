/**
 * `subscribe` against a real event stream: a node:http server on 127.0.0.1 that the test
 * drives by hand, writing the SSE wire format itself.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createClient,
  type CercleError,
  type LiveSession,
  type Question,
  type SessionEvent,
  type StreamOptions,
  type StreamState,
  type Subscription,
} from '@cercle/client';
import { sseParser, type SseMessage } from '../src/sse.js';

interface Connection {
  req: IncomingMessage;
  res: ServerResponse;
}

const servers: Server[] = [];
const subscriptions: Subscription[] = [];
afterEach(async () => {
  for (const sub of subscriptions.splice(0)) sub.close();
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

/** A server whose connections the test answers: `await next()` gives the next one. */
async function sseServer() {
  const connections: Connection[] = [];
  const waiting: Array<(c: Connection) => void> = [];
  const server = createServer((req, res) => {
    const connection = { req, res };
    connections.push(connection);
    waiting.shift()?.(connection);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  let taken = 0;
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    connections,
    /** The next connection not yet taken, as soon as it arrives. */
    next: () =>
      new Promise<Connection>((resolve) => {
        const index = taken++;
        if (connections[index]) resolve(connections[index]);
        else waiting.push(resolve);
      }),
  };
}

/** Answers with an event stream, headers sent at once. */
function open(res: ServerResponse) {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
  res.flushHeaders();
}

const question = (id: string, votes = 0): Question => ({
  id,
  session: 'dimanche-live',
  text: `Question ${id}?`,
  author: 'Ada',
  votes,
  votedByMe: false,
  mine: false,
  state: 'open',
  pinned: false,
  answer: null,
  createdAt: '2026-03-01T12:00:00.000Z',
});
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

/** One event on the wire. */
const sse = (id: number | string, type: string, data: unknown) =>
  `id: ${id}\nevent: ${type}\ndata: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;
/** `question.created` of question `q<id>`, with id `id`. */
const created = (id: number) => sse(id, 'question.created', question(`q${id}`));
const createdEvent = (id: number): SessionEvent => ({
  type: 'question.created',
  id: String(id),
  question: question(`q${id}`),
});

const FAST: StreamOptions = { retryDelayMs: 10, maxRetryDelayMs: 50, heartbeatTimeoutMs: 5000 };

interface StateRecord {
  state: StreamState;
  retryInMs?: number;
  error?: CercleError;
}

/** Subscribes to maison-verte/dimanche-live and records what comes back. */
function subscribe(
  base: string,
  options: {
    stream?: StreamOptions;
    lastEventId?: string;
    hostKey?: string;
    onEvent?: (e: SessionEvent, sub: Subscription) => void;
    onState?: (s: StreamState, sub: Subscription) => void;
  } = {},
) {
  const events: SessionEvent[] = [];
  const states: StateRecord[] = [];
  const client = createClient({ baseUrl: base, stream: options.stream ?? FAST });
  const sub: Subscription = client.subscribe('maison-verte', 'dimanche-live', {
    lastEventId: options.lastEventId,
    hostKey: options.hostKey,
    onEvent: (event) => {
      events.push(event);
      options.onEvent?.(event, sub);
    },
    onState: (state, info) => {
      states.push({ state, ...info });
      options.onState?.(state, sub);
    },
  });
  subscriptions.push(sub);
  return { events, states, sub, names: () => states.map((s) => s.state) };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('subscribe', () => {
  it('delivers the events in order, typed and checked, asking for an event stream', async () => {
    const server = await sseServer();
    const { events, names, sub } = subscribe(server.base);
    const { req, res } = await server.next();
    open(res);
    res.write(`: welcome\n\n${created(1)}${sse(2, 'question.updated', question('q1', 1))}`);
    await vi.waitFor(() => expect(events).toHaveLength(2));
    res.write(sse(3, 'question.removed', { id: 'q1' }));
    res.write(sse(4, 'session.updated', session));
    await vi.waitFor(() => expect(events).toHaveLength(4));

    expect(events).toEqual([
      createdEvent(1),
      { type: 'question.updated', id: '2', question: question('q1', 1) },
      { type: 'question.removed', id: '3', questionId: 'q1' },
      { type: 'session.updated', id: '4', session },
    ]);
    expect(sub.lastEventId).toBe('4');
    expect(names()).toEqual(['connecting', 'open']);
    expect(req.url).toBe('/v1/communities/maison-verte/sessions/dimanche-live/events');
    expect(req.headers.accept).toBe('text/event-stream');
    expect(req.headers['last-event-id']).toBeUndefined();
    expect(req.headers.authorization).toBeUndefined();
  });

  it('the host stream sends the host key, and resumes from the given lastEventId', async () => {
    const server = await sseServer();
    const { events } = subscribe(server.base, { hostKey: 'host-secret', lastEventId: '41' });
    const { req, res } = await server.next();
    expect(req.url).toBe('/v1/communities/maison-verte/host/sessions/dimanche-live/events');
    expect(req.headers.authorization).toBe('Bearer host-secret');
    expect(req.headers['last-event-id']).toBe('41');
    open(res);
    res.write(created(41) + created(42));
    await vi.waitFor(() => expect(events).toEqual([createdEvent(42)]));
  });

  it.each([
    ['destroys the socket', (c: Connection) => c.req.socket.destroy()],
    ['ends the stream', (c: Connection) => c.res.end()],
  ])(
    'when the server %s: reconnects with Last-Event-ID, no event lost or doubled',
    async (_, drop) => {
      const server = await sseServer();
      const { events, states, names, sub } = subscribe(server.base);
      const first = await server.next();
      open(first.res);
      first.res.write(created(1) + created(2));
      await vi.waitFor(() => expect(events).toHaveLength(2));
      drop(first);

      const second = await server.next();
      expect(second.req.headers['last-event-id']).toBe('2');
      open(second.res);
      // The server replays from its log: event 2 again, then what was missed.
      second.res.write(created(2) + created(3));
      await vi.waitFor(() => expect(events).toHaveLength(3));
      second.res.write(created(4));
      await vi.waitFor(() => expect(events).toHaveLength(4));
      await sleep(30);

      expect(events).toEqual([1, 2, 3, 4].map(createdEvent));
      expect(sub.lastEventId).toBe('4');
      expect(names()).toEqual(['connecting', 'open', 'reconnecting', 'open']);
      expect(states[2]!.error).toMatchObject({ kind: 'network' });
      expect(states[2]!.retryInMs).toBeLessThan(FAST.retryDelayMs!);
    },
  );

  it('a resync from the server is passed on, and the stream goes on', async () => {
    const server = await sseServer();
    const { events, names, sub } = subscribe(server.base, { lastEventId: '3' });
    const { req, res } = await server.next();
    expect(req.headers['last-event-id']).toBe('3');
    open(res);
    res.write(`id: 50\nevent: resync\ndata: {}\n\n${created(51)}`);
    await vi.waitFor(() => expect(events).toHaveLength(2));
    expect(events).toEqual([{ type: 'resync', id: '50' }, createdEvent(51)]);
    expect(sub.lastEventId).toBe('51');
    expect(names()).toEqual(['connecting', 'open']);
  });

  it('an event that breaks the contract is skipped and turned into a resync', async () => {
    const server = await sseServer();
    const { events, sub } = subscribe(server.base);
    const { res } = await server.next();
    open(res);
    res.write(
      created(1) +
        sse(2, 'question.updated', { ...question('q1'), votes: -1 }) +
        sse(3, 'question.created', '{not json') +
        sse(4, 'poll.created', { id: 'p1' }) + // a type from a newer backend: skipped
        created(5),
    );
    await vi.waitFor(() => expect(events).toHaveLength(4));
    expect(events).toEqual([
      createdEvent(1),
      { type: 'resync', id: '2' },
      { type: 'resync', id: '3' },
      createdEvent(5),
    ]);
    expect(sub.lastEventId).toBe('5');
  });

  it('ignores duplicate and out-of-order ids, comparing numeric ids as integers', async () => {
    const server = await sseServer();
    const { events } = subscribe(server.base);
    const { res } = await server.next();
    open(res);
    res.write(created(5) + created(3) + created(5) + created(9) + created(10) + created(9));
    res.write(created(11));
    await vi.waitFor(() => expect(events.map((e) => e.id)).toContain('11'));
    expect(events.map((e) => e.id)).toEqual(['5', '9', '10', '11']);
  });

  it('reconnects when no byte arrives within heartbeatTimeoutMs', async () => {
    const server = await sseServer();
    const { events, states, names } = subscribe(server.base, {
      stream: { ...FAST, heartbeatTimeoutMs: 150 },
    });
    const first = await server.next();
    open(first.res);
    first.res.write(created(1));
    // … then silence, the socket still open: a half-dead connection.
    const second = await server.next();
    expect(second.req.headers['last-event-id']).toBe('1');
    expect(names()).toEqual(['connecting', 'open', 'reconnecting']);
    expect(states[2]!.error).toMatchObject({ kind: 'timeout' });
    open(second.res);
    second.res.write(created(2));
    await vi.waitFor(() => expect(events).toEqual([createdEvent(1), createdEvent(2)]));
  });

  it('heartbeat comments keep a quiet connection alive', async () => {
    const server = await sseServer();
    const { names } = subscribe(server.base, { stream: { ...FAST, heartbeatTimeoutMs: 400 } });
    const { res } = await server.next();
    open(res);
    const ping = setInterval(() => res.write(': ping\n\n'), 50);
    await sleep(1000);
    clearInterval(ping);
    expect(server.connections).toHaveLength(1);
    expect(names()).toEqual(['connecting', 'open']);
  });

  it.each([
    [404, 'not_found', {}],
    [401, 'unauthorized', { hostKey: 'wrong' }],
  ])('a %i closes the subscription with the error, without retrying', async (status, code, o) => {
    const server = await sseServer();
    const { states, names } = subscribe(server.base, o);
    const { res } = await server.next();
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { code, message: `nope (${code})` } }));
    await vi.waitFor(() => expect(names()).toEqual(['connecting', 'closed']));
    expect(states[1]!.error).toMatchObject({
      kind: 'http',
      status,
      code,
      message: `nope (${code})`,
    });
    await sleep(100);
    expect(server.connections).toHaveLength(1);
    expect(names()).toEqual(['connecting', 'closed']);
  });

  it('an answer that is not an event stream closes with invalid_response', async () => {
    const server = await sseServer();
    const { states, names } = subscribe(server.base);
    const { res } = await server.next();
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<h1>Welcome to the proxy</h1>');
    await vi.waitFor(() => expect(names()).toEqual(['connecting', 'closed']));
    expect(states[1]!.error).toMatchObject({ kind: 'invalid_response', status: 200 });
  });

  it('retries 5xx with a growing backoff, capped', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    const server = await sseServer();
    const { states } = subscribe(server.base, {
      stream: { retryDelayMs: 20, maxRetryDelayMs: 100, heartbeatTimeoutMs: 5000 },
    });
    for (let i = 0; i < 6; i++) {
      const { res } = await server.next();
      res.writeHead(503).end();
    }
    await vi.waitFor(() =>
      expect(states.filter((s) => s.state === 'reconnecting')).toHaveLength(6),
    );
    const waits = states.filter((s) => s.state === 'reconnecting');
    // 0.5 × min(100, 20 × 2ⁿ)
    expect(waits.map((s) => s.retryInMs)).toEqual([10, 20, 40, 50, 50, 50]);
    expect(waits[0]!.error).toMatchObject({ kind: 'http', status: 503, code: 'internal' });
  });

  it('takes the server’s retry: as the backoff base, and starts over once data flows', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    const server = await sseServer();
    const { states, events } = subscribe(server.base, {
      stream: { retryDelayMs: 20, maxRetryDelayMs: 100, heartbeatTimeoutMs: 5000 },
    });
    const first = await server.next();
    first.res.writeHead(503).end();
    const second = await server.next();
    open(second.res);
    second.res.write(`retry: 60\n\n${created(1)}`);
    await vi.waitFor(() => expect(events).toHaveLength(1));
    second.req.socket.destroy();
    const third = await server.next();
    third.res.writeHead(502).end();
    await server.next();
    const waits = states.filter((s) => s.state === 'reconnecting').map((s) => s.retryInMs);
    // 0.5 × 20; then, data having flowed, 0.5 × 60 × 2⁰ and 0.5 × min(100, 60 × 2¹)
    expect(waits).toEqual([10, 30, 50]);
  });

  it('waits at least the Retry-After of a 429', async () => {
    const server = await sseServer();
    const { states, names } = subscribe(server.base);
    const { res } = await server.next();
    res.writeHead(429, { 'retry-after': '2', 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { code: 'rate_limited', message: 'Slow down.' } }));
    await vi.waitFor(() => expect(names()).toEqual(['connecting', 'reconnecting']));
    expect(states[1]).toMatchObject({
      retryInMs: 2000,
      error: { kind: 'http', code: 'rate_limited', retryAfterMs: 2000 },
    });
  });

  it('keeps trying while the server is unreachable', async () => {
    const server = await sseServer();
    const gone = servers.pop()!;
    await new Promise((resolve) => gone.close(resolve));
    const { states } = subscribe(server.base);
    await vi.waitFor(() =>
      expect(states.filter((s) => s.state === 'reconnecting').length).toBeGreaterThanOrEqual(3),
    );
    expect(states[1]!.error).toMatchObject({ kind: 'network' });
  });

  it('close() cancels a pending reconnect; nothing is called back afterwards', async () => {
    const server = await sseServer();
    const { events, names } = subscribe(server.base, {
      stream: { retryDelayMs: 100, maxRetryDelayMs: 100, heartbeatTimeoutMs: 5000 },
      onState: (state, sub) => state === 'reconnecting' && sub.close(),
    });
    const { req, res } = await server.next();
    open(res);
    res.write(created(1));
    await vi.waitFor(() => expect(events).toHaveLength(1));
    req.socket.destroy();
    await vi.waitFor(() => expect(names()).toContain('reconnecting'));
    await sleep(250);
    expect(server.connections).toHaveLength(1);
    expect(names()).toEqual(['connecting', 'open', 'reconnecting']);
  });

  it('close() while open ends the connection and stops the events, even mid-chunk', async () => {
    const server = await sseServer();
    const { events, names, sub } = subscribe(server.base, {
      onEvent: (event, s) => event.id === '2' && s.close(),
    });
    const { res } = await server.next();
    const ended = new Promise((resolve) => res.on('close', resolve));
    open(res);
    res.write(created(1) + created(2) + created(3));
    await ended; // the server sees the client go
    res.destroy();
    await sleep(50);
    expect(events.map((e) => e.id)).toEqual(['1', '2']);
    expect(sub.lastEventId).toBe('2');
    expect(names()).toEqual(['connecting', 'open']);
    expect(server.connections).toHaveLength(1);
  });

  it('close() right after subscribe sends nothing', async () => {
    const server = await sseServer();
    const { sub, names } = subscribe(server.base);
    sub.close();
    await sleep(50);
    expect(server.connections).toHaveLength(0);
    expect(names()).toEqual([]);
  });

  it('in a browser: drops the connection when offline, reconnects at once when online', async () => {
    const window = new EventTarget();
    vi.stubGlobal('addEventListener', window.addEventListener.bind(window));
    vi.stubGlobal('removeEventListener', window.removeEventListener.bind(window));
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    const server = await sseServer();
    const { states, names } = subscribe(server.base, {
      stream: { retryDelayMs: 60_000, maxRetryDelayMs: 60_000, heartbeatTimeoutMs: 120_000 },
    });
    const first = await server.next();
    open(first.res);
    first.res.write(created(1));
    await vi.waitFor(() => expect(names()).toEqual(['connecting', 'open']));

    const dropped = new Promise((resolve) => first.res.on('close', resolve));
    window.dispatchEvent(new Event('offline'));
    await vi.waitFor(() => expect(names()).toContain('reconnecting'));
    expect(states[2]).toMatchObject({ retryInMs: 30_000, error: { kind: 'network' } });
    await dropped;

    window.dispatchEvent(new Event('online'));
    const second = await server.next();
    expect(second.req.headers['last-event-id']).toBe('1');
  });
});

describe('sseParser', () => {
  const parse = (chunks: string[]) => {
    const messages: SseMessage[] = [];
    const retries: number[] = [];
    const feed = sseParser(
      (m) => messages.push(m),
      (ms) => retries.push(ms),
    );
    chunks.forEach(feed);
    return { messages, retries };
  };
  const text = [
    ': a comment\n',
    'data: one\r\n',
    'data:two\r',
    'data\n',
    'data:  three\n',
    '\n',
    'id: 7\revent: question.created\rdata: {"a":1}\r\r',
    'event: ignored, no data\nunknown: field\n\n',
    'data: keeps id 7\n\n',
    'id: bad\0id\nretry: 1x\nretry: 2500\ndata: x\n\n',
    'data: not dispatched: no blank line yet\n',
  ].join('');
  const expected = {
    messages: [
      { id: '', event: 'message', data: 'one\ntwo\n\n three' },
      { id: '7', event: 'question.created', data: '{"a":1}' },
      { id: '7', event: 'message', data: 'keeps id 7' },
      { id: '7', event: 'message', data: 'x' },
    ],
    retries: [2500],
  };

  it('follows the spec: line endings, multi-line data, comments, id, event, retry', () => {
    expect(parse([text])).toEqual(expected);
  });

  it('gives the same messages whatever the chunk boundaries', () => {
    expect(parse([...text])).toEqual(expected);
    for (const size of [2, 3, 5, 7, 13]) {
      const chunks = text.match(new RegExp(`[^]{1,${size}}`, 'g'))!;
      expect(parse(chunks), `chunks of ${size}`).toEqual(expected);
    }
  });

  it('a CR ending one chunk and an LF opening the next make one line end', () => {
    expect(parse(['data: a\r', '\ndata: b\r', '\n\r', '\n']).messages).toEqual([
      { id: '', event: 'message', data: 'a\nb' },
    ]);
  });
});
