/** Webhooks over HTTP: endpoints, signed deliveries from the outbox, retries, disabling, rotation. */
import { createHmac } from 'node:crypto';
import { createServer as createHttpServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  WEBHOOK_FAILURES_TO_DISABLE,
  Webhook,
  WebhookDeliveryList,
  WebhookList,
  WebhookSecret,
} from '@cercle/client/admin';
import { seedCommunity, seedSession, type ServerOptions } from '@cercle/server';
import * as v from 'valibot';
import { afterEach, describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhook, WebhookWorker } from '../src/webhooks/delivery.js';
import {
  call,
  expectError,
  joinAs,
  joinBody,
  removeTempDirs,
  startServer,
  type TestServer,
} from './helpers.js';

const C = '/v1/communities/atelier';
const W = `${C}/host/webhooks`;
const OWNER = 'owner-key-atelier-0123456789';
/** Fast retries for tests: four attempts, a few milliseconds apart. */
const FAST = { intervalMs: 20, schedule: [0, 30, 60, 90], jitter: 0 };

// ---------------------------------------------------------------------------------------
// Servers and receivers, closed after each test
// ---------------------------------------------------------------------------------------

const servers: TestServer[] = [];
const receivers: Receiver[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((t) => t.stop()));
  await Promise.all(receivers.splice(0).map((r) => r.close()));
  await removeTempDirs();
});

async function start(options: Partial<ServerOptions> = {}): Promise<TestServer> {
  const t = await startServer({ webhooks: FAST, ...options });
  servers.push(t);
  return t;
}

/** A server with the community `atelier` (owner key `OWNER`) and its live session `live`. */
async function setup(options: Partial<ServerOptions> = {}): Promise<TestServer> {
  const t = await start(options);
  await seedCommunity(
    t.server.store,
    { slug: 'atelier', name: 'Atelier', consentVersion: 'v1' },
    { ownerKey: OWNER },
  );
  await seedSession(t.server.store, {
    community: 'atelier',
    id: 'live',
    title: 'Atelier en direct',
    state: 'live',
  });
  return t;
}

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

interface Receiver {
  url: string;
  received: Received[];
  /** What the next request is answered (a status, or a status and headers); default 204. */
  respond: (
    request: Received,
    n: number,
  ) => number | { status: number; headers: Record<string, string> };
  /** Milliseconds before answering. */
  delayMs: number;
  /** Waits until `count` requests arrived. */
  waitFor(count: number, timeoutMs?: number): Promise<Received[]>;
  close(): Promise<void>;
}

async function receiver(): Promise<Receiver> {
  const received: Received[] = [];
  const r: Receiver = {
    url: '',
    received,
    respond: () => 204,
    delayMs: 0,
    async waitFor(count, timeoutMs = 5000) {
      await until(() => received.length >= count, timeoutMs, `${count} requests`);
      return received.slice(0, count);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = createHttpServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const request = { path: req.url ?? '', headers: req.headers, body, at: Date.now() };
      received.push(request);
      const answer = r.respond(request, received.length);
      const { status, headers } =
        typeof answer === 'number' ? { status: answer, headers: {} } : answer;
      setTimeout(() => res.writeHead(status, headers).end(), r.delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  r.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  receivers.push(r);
  return r;
}

/** Polls `check` until it holds. */
async function until(check: () => boolean | Promise<boolean>, timeoutMs = 5000, what = 'it') {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

// ---------------------------------------------------------------------------------------
// Routes
// ---------------------------------------------------------------------------------------

async function createHook(t: TestServer, json: Record<string, unknown>, key = OWNER) {
  const answer = await call(t.url, W, { json, token: key });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return v.parse(WebhookSecret, answer.body);
}

const getHook = async (t: TestServer, id: string) => {
  const list = v.parse(WebhookList, (await call(t.url, W, { token: OWNER })).body);
  const hook = list.webhooks.find((h) => h.id === id);
  expect(hook).toBeDefined();
  return hook as Webhook;
};

const deliveries = async (t: TestServer, id: string) => {
  const answer = await call(t.url, `${W}/${id}/deliveries`, { token: OWNER });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return v.parse(WebhookDeliveryList, answer.body).deliveries;
};

const sendTest = async (t: TestServer, id: string) => {
  const answer = await call(t.url, `${W}/${id}/test`, { method: 'POST', token: OWNER });
  expect(answer.status, JSON.stringify(answer.body)).toBe(202);
  return answer.body as { id: string; state: string };
};

const ask = async (t: TestServer, token: string, text: string) => {
  const answer = await call(t.url, `${C}/sessions/live/questions`, { json: { text }, token });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body as { id: string };
};

/** The Standard Webhooks signature, computed independently with node:crypto. */
const nodeSignature = (secret: string, r: Received) =>
  `v1,${createHmac('sha256', Buffer.from(secret.slice('whsec_'.length), 'base64'))
    .update(
      `${String(r.headers['webhook-id'])}.${String(r.headers['webhook-timestamp'])}.${r.body}`,
    )
    .digest('base64')}`;

// ---------------------------------------------------------------------------------------

describe('signatures', () => {
  it('match the Standard Webhooks test vector', async () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const id = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
    const body = '{"test": 2432232314}';
    const signature = await signWebhook(secret, id, 1614265330, body);
    expect(signature).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');

    const headers = {
      'webhook-id': id,
      'webhook-timestamp': '1614265330',
      'webhook-signature': `v1,bm90LXRoaXMtb25l ${signature}`,
    };
    const at = new Date(1614265330_000 + 60_000);
    expect(await verifyWebhook(secret, headers, body, 300, at)).toBe(true);
    expect(await verifyWebhook([secret], new Headers(headers), body, 300, at)).toBe(true);
    // Another body, another secret, an old timestamp, a missing header: refused.
    expect(await verifyWebhook(secret, headers, '{"test": 1}', 300, at)).toBe(false);
    expect(
      await verifyWebhook(
        'whsec_' + Buffer.alloc(32, 1).toString('base64'),
        headers,
        body,
        300,
        at,
      ),
    ).toBe(false);
    expect(
      await verifyWebhook(secret, headers, body, 300, new Date(1614265330_000 + 301_000)),
    ).toBe(false);
    expect(
      await verifyWebhook(secret, { ...headers, 'webhook-id': undefined }, body, 300, at),
    ).toBe(false);
  });
});

describe('webhook delivery', () => {
  it('delivers member.joined and question.created, signed, with ids only', async () => {
    const hook = await receiver();
    const t = await setup();
    const created = await createHook(t, {
      url: hook.url,
      events: ['member.joined', 'question.created'],
      description: 'CRM',
    });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(created.webhook).toMatchObject({
      url: hook.url,
      events: ['member.joined', 'question.created'],
      enabled: true,
      includePersonalData: false,
      consecutiveFailures: 0,
    });

    const joined = await call(t.url, `${C}/members`, {
      json: joinBody('Ada Lovelace', { email: 'ada@example.com' }),
    });
    expect(joined.status).toBe(201);
    const member = joined.body.member.id as string;
    const question = await ask(t, joined.body.token as string, 'Quand ouvre la boutique ?');

    await hook.waitFor(2);
    expect(hook.received).toHaveLength(2);
    for (const r of hook.received) {
      expect(r.path).toBe('/hook');
      expect(r.headers['content-type']).toBe('application/json');
      expect(r.headers['webhook-id']).toMatch(/^msg_/);
      const timestamp = Number(r.headers['webhook-timestamp']);
      expect(Math.abs(timestamp - Date.now() / 1000)).toBeLessThan(30);
      expect(r.headers['webhook-signature']).toBe(nodeSignature(created.secret, r));
      expect(await verifyWebhook(created.secret, r.headers, r.body)).toBe(true);
      expect(r.body).not.toContain('Ada');
      expect(r.body).not.toContain('ada@example.com');
      expect(r.body).not.toContain('boutique');
    }
    const byType = (type: string) => {
      const r = hook.received.find((x) => JSON.parse(x.body).type === type);
      expect(r, type).toBeDefined();
      return { id: r?.headers['webhook-id'], event: JSON.parse(r?.body ?? '') };
    };
    const joinedEvent = byType('member.joined');
    expect(joinedEvent.event).toEqual({
      type: 'member.joined',
      timestamp: expect.any(String),
      data: { community: 'atelier', member, status: 'active', consentVersion: 'v1' },
    });
    expect(Date.parse(joinedEvent.event.timestamp)).toBeGreaterThan(Date.now() - 30_000);
    const askedEvent = byType('question.created');
    expect(askedEvent.event).toEqual({
      type: 'question.created',
      timestamp: expect.any(String),
      data: { community: 'atelier', session: 'live', question: question.id, member, state: 'open' },
    });

    await until(async () =>
      (await deliveries(t, created.webhook.id)).every((d) => d.state === 'delivered'),
    );
    const log = await deliveries(t, created.webhook.id);
    expect(log.map((d) => [d.event, d.id])).toEqual([
      ['question.created', askedEvent.id],
      ['member.joined', joinedEvent.id],
    ]);
    for (const d of log) {
      expect(d).toMatchObject({
        attempts: 1,
        lastStatus: 204,
        lastError: null,
        nextAttemptAt: null,
      });
    }
  });

  it('puts names and emails in payloads only when the endpoint opted in', async () => {
    const hook = await receiver();
    const t = await setup();
    await createHook(t, { url: hook.url, events: ['member.joined'], includePersonalData: true });
    await call(t.url, `${C}/members`, { json: joinBody('Ada', { email: 'ada@example.com' }) });
    const [r] = await hook.waitFor(1);
    expect(JSON.parse(r?.body ?? '').data).toMatchObject({
      displayName: 'Ada',
      email: 'ada@example.com',
    });
  });

  it('sends what the outbox holds after a restart on the same database file', async () => {
    const hook = await receiver();
    // No worker: the message is written with the join, and nothing sends it.
    const first = await setup({ webhooks: false });
    expect(first.server.webhooks).toBeNull();
    const created = await createHook(first, { url: hook.url, events: ['member.joined'] });
    const { token } = await joinAs(first.url, 'Ada');
    expect(token).toBeTruthy();
    const pending = first.server.db
      .prepare('SELECT id, state, attempts FROM webhook_messages')
      .all() as { id: string; state: string; attempts: number }[];
    expect(pending).toEqual([
      { id: expect.stringMatching(/^msg_/), state: 'pending', attempts: 0 },
    ]);
    await first.stop();
    expect(hook.received).toHaveLength(0);

    const again = await start({ db: first.file });
    const [r] = await hook.waitFor(1);
    expect(r?.headers['webhook-id']).toBe(pending[0]?.id);
    expect(await verifyWebhook(created.secret, r?.headers ?? {}, r?.body ?? '')).toBe(true);
    await until(
      async () => (await deliveries(again, created.webhook.id))[0]?.state === 'delivered',
    );
  });

  it('keeps a failed attempt for the next server when the receiver was down', async () => {
    const down = await receiver();
    await down.close();
    // The second attempt is due 5 minutes after the first.
    const first = await setup({ webhooks: { ...FAST, schedule: [0, 5 * 60_000] } });
    const created = await createHook(first, { url: down.url, events: ['member.joined'] });
    await joinAs(first.url, 'Ada');
    await until(async () => (await deliveries(first, created.webhook.id))[0]?.attempts === 1);
    const [failed] = await deliveries(first, created.webhook.id);
    expect(failed).toMatchObject({ state: 'pending', lastStatus: null });
    expect(failed?.lastError).toMatch(/^connection failed/);
    expect(failed?.lastError).not.toContain('127.0.0.1');
    // The owner points the endpoint at a receiver that works, then the server goes down.
    const up = await receiver();
    const moved = await call(first.url, `${W}/${created.webhook.id}`, {
      method: 'PATCH',
      json: { url: up.url },
      token: OWNER,
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    await first.stop();
    expect(up.received).toHaveLength(0);

    // Ten minutes later, the next server makes the second attempt.
    const later = () => new Date(Date.now() + 10 * 60_000);
    const again = await start({ db: first.file, webhooks: { ...FAST, now: later } });
    const [r] = await up.waitFor(1);
    expect(r?.headers['webhook-id']).toBe(failed?.id);
    await until(
      async () => (await deliveries(again, created.webhook.id))[0]?.state === 'delivered',
    );
    expect((await deliveries(again, created.webhook.id))[0]).toMatchObject({
      attempts: 2,
      lastStatus: 204,
    });
  });

  it('retries with backoff after a 500, then succeeds', async () => {
    const hook = await receiver();
    hook.respond = (_r, n) => (n <= 2 ? 500 : 200);
    const t = await setup({
      webhooks: { intervalMs: 10, schedule: [0, 100, 200, 400], jitter: 0 },
    });
    const created = await createHook(t, { url: hook.url, events: ['member.joined'] });
    await joinAs(t.url, 'Ada');

    await hook.waitFor(1);
    await until(async () => (await deliveries(t, created.webhook.id))[0]?.attempts === 1);
    expect((await deliveries(t, created.webhook.id))[0]).toMatchObject({
      state: 'pending',
      lastStatus: 500,
      lastError: 'HTTP 500',
      nextAttemptAt: expect.any(String),
    });
    expect((await getHook(t, created.webhook.id)).consecutiveFailures).toBe(1);

    const [a, b, c] = await hook.waitFor(3);
    expect(new Set([a, b, c].map((r) => r?.headers['webhook-id'])).size).toBe(1);
    // The same message, signed again at each attempt.
    for (const r of [a, b, c])
      expect(r?.headers['webhook-signature']).toBe(nodeSignature(created.secret, r as Received));
    expect((b?.at ?? 0) - (a?.at ?? 0)).toBeGreaterThanOrEqual(90);
    expect((c?.at ?? 0) - (b?.at ?? 0)).toBeGreaterThanOrEqual(190);

    await until(async () => (await deliveries(t, created.webhook.id))[0]?.state === 'delivered');
    expect((await deliveries(t, created.webhook.id))[0]).toMatchObject({
      attempts: 3,
      lastStatus: 200,
      lastError: null,
      nextAttemptAt: null,
    });
    expect((await getHook(t, created.webhook.id)).consecutiveFailures).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(hook.received).toHaveLength(3);
  });

  it('gives up after the last attempt; redirects are not followed; timeouts fail', async () => {
    const hook = await receiver();
    hook.respond = () => ({ status: 302, headers: { location: '/elsewhere' } });
    const t = await setup({ webhooks: { ...FAST, schedule: [0, 10, 10], timeoutMs: 500 } });
    const created = await createHook(t, { url: hook.url, events: ['member.joined'] });
    await joinAs(t.url, 'Ada');
    await until(async () => (await deliveries(t, created.webhook.id))[0]?.state === 'failed');
    expect((await deliveries(t, created.webhook.id))[0]).toMatchObject({
      attempts: 3,
      lastStatus: 302,
      lastError: 'HTTP 302: redirects are not followed',
      nextAttemptAt: null,
    });
    expect(hook.received.map((r) => r.path)).toEqual(['/hook', '/hook', '/hook']);
    expect((await getHook(t, created.webhook.id)).consecutiveFailures).toBe(3);

    // A receiver slower than the timeout.
    hook.respond = () => 200;
    hook.delayMs = 1500;
    const test = await sendTest(t, created.webhook.id);
    await until(
      async () =>
        (await deliveries(t, created.webhook.id)).find((d) => d.id === test.id)?.state === 'failed',
    );
    expect((await deliveries(t, created.webhook.id)).find((d) => d.id === test.id)).toMatchObject({
      attempts: 3,
      lastStatus: null,
      lastError: 'no answer within 500 ms',
    });
  });

  it(`disables an endpoint after ${WEBHOOK_FAILURES_TO_DISABLE} failures in a row, and sends its backlog once enabled again`, async () => {
    const hook = await receiver();
    hook.respond = () => 500;
    const t = await setup({ webhooks: { ...FAST, schedule: [0, 5, 5, 5], concurrency: 1 } });
    const created = await createHook(t, { url: hook.url, events: ['member.joined'] });
    const id = created.webhook.id;
    for (let i = 0; i < 6; i++) await sendTest(t, id);

    await until(async () => !(await getHook(t, id)).enabled);
    const disabled = await getHook(t, id);
    expect(disabled).toMatchObject({
      enabled: false,
      disabledReason: 'failures',
      consecutiveFailures: WEBHOOK_FAILURES_TO_DISABLE,
    });
    await t.server.webhooks?.kick();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(hook.received).toHaveLength(WEBHOOK_FAILURES_TO_DISABLE);
    const log = await deliveries(t, id);
    expect(log.some((d) => d.state === 'pending')).toBe(true);
    // New events are not queued, and a test is refused, while it is disabled.
    await joinAs(t.url, 'Ada');
    expect((await deliveries(t, id)).map((d) => d.event)).not.toContain('member.joined');
    expectError(
      await call(t.url, `${W}/${id}/test`, { method: 'POST', token: OWNER }),
      409,
      'conflict',
    );
    const audit = await call(t.url, `${C}/host/audit?action=webhook.disabled`, { token: OWNER });
    expect(audit.body.entries).toMatchObject([
      { actor: { kind: 'system' }, target: { kind: 'webhook', id } },
    ]);

    hook.respond = () => 204;
    const enabled = await call(t.url, `${W}/${id}`, {
      method: 'PATCH',
      json: { enabled: true },
      token: OWNER,
    });
    expect(enabled.status, JSON.stringify(enabled.body)).toBe(200);
    expect(enabled.body).toMatchObject({
      enabled: true,
      disabledReason: null,
      consecutiveFailures: 0,
    });
    await until(async () => (await deliveries(t, id)).every((d) => d.state !== 'pending'));
    const after = await deliveries(t, id);
    const delivered = after.filter((d) => d.state === 'delivered');
    expect(delivered.length).toBeGreaterThan(0);
    expect(after.filter((d) => d.state === 'failed').every((d) => d.attempts === 4)).toBe(true);
    const attempts = after.reduce((n, d) => n + d.attempts, 0);
    expect(hook.received).toHaveLength(attempts);
    expect(attempts).toBe(WEBHOOK_FAILURES_TO_DISABLE + delivered.length);
    expect((await getHook(t, id)).consecutiveFailures).toBe(0);
  });

  it('sends webhook.test on request', async () => {
    const hook = await receiver();
    const t = await setup();
    const created = await createHook(t, { url: hook.url, events: ['offer.redeemed'] });
    const queued = await sendTest(t, created.webhook.id);
    expect(queued).toMatchObject({ event: 'webhook.test', state: 'pending', attempts: 0 });
    const [r] = await hook.waitFor(1);
    expect(r?.headers['webhook-id']).toBe(queued.id);
    expect(JSON.parse(r?.body ?? '')).toEqual({
      type: 'webhook.test',
      timestamp: expect.any(String),
      data: { community: 'atelier', webhook: created.webhook.id },
    });
    expect(await verifyWebhook(created.secret, r?.headers ?? {}, r?.body ?? '')).toBe(true);
  });

  it('signs with both secrets after a rotation', async () => {
    const hook = await receiver();
    const t = await setup();
    const created = await createHook(t, { url: hook.url, events: ['member.joined'] });
    const rotated = await call(t.url, `${W}/${created.webhook.id}/secret`, {
      method: 'POST',
      token: OWNER,
    });
    expect(rotated.status, JSON.stringify(rotated.body)).toBe(200);
    const next = v.parse(WebhookSecret, rotated.body);
    expect(next.secret).not.toBe(created.secret);
    const expires = Date.parse(next.previousSecretExpiresAt ?? '');
    expect(Math.abs(expires - Date.now() - 24 * 3_600_000)).toBeLessThan(60_000);

    await sendTest(t, created.webhook.id);
    const [r] = await hook.waitFor(1);
    const signatures = String(r?.headers['webhook-signature']).split(' ');
    expect(signatures).toHaveLength(2);
    expect(signatures).toEqual([
      nodeSignature(next.secret, r as Received),
      nodeSignature(created.secret, r as Received),
    ]);
    expect(await verifyWebhook(next.secret, r?.headers ?? {}, r?.body ?? '')).toBe(true);
    expect(await verifyWebhook(created.secret, r?.headers ?? {}, r?.body ?? '')).toBe(true);

    // Once the previous secret has expired, only the new one signs.
    t.server.db
      .prepare('UPDATE webhooks SET previous_expires_at = ?')
      .run('2000-01-01T00:00:00.000Z');
    await sendTest(t, created.webhook.id);
    const [, later] = await hook.waitFor(2);
    expect(String(later?.headers['webhook-signature']).split(' ')).toEqual([
      nodeSignature(next.secret, later as Received),
    ]);
    expect(await verifyWebhook(created.secret, later?.headers ?? {}, later?.body ?? '')).toBe(
      false,
    );
  });
});

describe('webhook routes', () => {
  it('are for owners: a moderator gets 403, a member or no key 401', async () => {
    const t = await start();
    const made = await call(t.url, '/v1/communities', {
      token: t.server.hostKey,
      json: {
        slug: 'atelier',
        name: 'Atelier',
        privacyPolicyUrl: 'https://example.com/privacy',
        consentVersion: 'v1',
      },
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const owner = made.body.key as string;

    const invited = await call(t.url, `${C}/host/invitations`, {
      token: owner,
      json: { role: 'moderator', name: 'Mo' },
    });
    expect(invited.status, JSON.stringify(invited.body)).toBe(201);
    const accepted = await call(t.url, `${C}/invitations/accept`, {
      json: { token: invited.body.token, name: 'Mo' },
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(201);
    const moderator = accepted.body.key as string;

    const hook = await createHook(
      t,
      { url: 'https://example.com/hook', events: ['member.joined'] },
      owner,
    );
    const id = hook.webhook.id;
    const { token: member } = await joinAs(t.url, 'Ada');
    const attempts: [string, string, unknown?][] = [
      ['GET', W],
      ['POST', W, { url: 'https://example.com/other', events: ['member.joined'] }],
      ['PATCH', `${W}/${id}`, { enabled: false }],
      ['DELETE', `${W}/${id}`],
      ['POST', `${W}/${id}/secret`],
      ['POST', `${W}/${id}/test`],
      ['GET', `${W}/${id}/deliveries`],
    ];
    for (const [method, path, json] of attempts) {
      const options = { method, ...(json === undefined ? {} : { json }) };
      expectError(await call(t.url, path, { ...options, token: moderator }), 403, 'forbidden');
      expectError(await call(t.url, path, { ...options, token: member }), 401, 'unauthorized');
      expectError(await call(t.url, path, options), 401, 'unauthorized');
    }
    const list = v.parse(WebhookList, (await call(t.url, W, { token: owner })).body);
    expect(list.webhooks.map((h) => h.id)).toEqual([id]);
    // The list never shows a secret.
    expect(JSON.stringify(list)).not.toContain('whsec_');
  });

  it('refuse bad input with validation_failed', async () => {
    const t = await setup();
    const bad = [
      { url: 'http://example.com/hook', events: ['member.joined'] },
      { url: 'ftp://example.com/hook', events: ['member.joined'] },
      { url: 'https://example.com/hook', events: [] },
      { url: 'https://example.com/hook' },
      { url: 'https://example.com/hook', events: ['member.exploded'] },
      { url: 'https://example.com/hook', events: ['member.joined'], secret: 'mine' },
    ];
    for (const json of bad) {
      expectError(await call(t.url, W, { json, token: OWNER }), 400, 'validation_failed');
    }
    const created = await createHook(t, {
      url: 'https://example.com/hook',
      events: ['member.left'],
    });
    for (const json of [{ url: 'http://example.com' }, { events: [] }, { enabled: 'yes' }]) {
      expectError(
        await call(t.url, `${W}/${created.webhook.id}`, { method: 'PATCH', json, token: OWNER }),
        400,
        'validation_failed',
      );
    }
    expect(
      v.parse(WebhookList, (await call(t.url, W, { token: OWNER })).body).webhooks,
    ).toHaveLength(1);
  });
});

describe('the delivery worker', () => {
  it('never sends one attempt twice when two workers share a database', async () => {
    const hook = await receiver();
    hook.delayMs = 20;
    const t = await setup({ webhooks: false });
    const created = await createHook(t, { url: hook.url, events: ['member.joined'] });
    for (let i = 0; i < 12; i++) await joinAs(t.url, `Member ${i}`);

    const options = { intervalMs: 60_000, schedule: [0, 60_000] };
    const a = new WebhookWorker(t.server.store, options);
    const b = new WebhookWorker(t.server.store, options);
    a.start();
    b.start();
    await Promise.all([a.kick(), b.kick()]);
    await until(async () =>
      (await deliveries(t, created.webhook.id)).every((d) => d.state === 'delivered'),
    );
    await Promise.all([a.stop(), b.stop()]);
    const ids = hook.received.map((r) => r.headers['webhook-id']);
    expect(ids).toHaveLength(12);
    expect(new Set(ids).size).toBe(12);
  });

  it('waits for the attempts in flight when stopped, and skips disabled endpoints', async () => {
    const hook = await receiver();
    hook.delayMs = 200;
    const t = await setup({ webhooks: false });
    const created = await createHook(t, { url: hook.url, events: ['member.joined'] });
    await joinAs(t.url, 'Ada');
    const worker = new WebhookWorker(t.server.store, { intervalMs: 60_000 });
    worker.start();
    await hook.waitFor(1);
    await worker.stop();
    expect((await deliveries(t, created.webhook.id))[0]).toMatchObject({
      state: 'delivered',
      attempts: 1,
    });

    // A message whose endpoint is disabled stays pending, unsent.
    await joinAs(t.url, 'Bea');
    t.server.db.prepare("UPDATE webhooks SET enabled = 0, disabled_reason = 'owner'").run();
    const again = new WebhookWorker(t.server.store, { intervalMs: 60_000 });
    again.start();
    await again.kick();
    await again.stop();
    expect(hook.received).toHaveLength(1);
    expect((await deliveries(t, created.webhook.id))[0]).toMatchObject({
      state: 'pending',
      attempts: 0,
    });
  });
});
