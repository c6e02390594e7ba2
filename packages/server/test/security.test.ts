import { createHash } from 'node:crypto';
import { originAllowed, type RateLimits } from '@cercle/server';
import { afterEach, describe, expect, it } from 'vitest';
import {
  call,
  databaseHolds,
  joinBody,
  NO_LIMITS,
  seedAtelier,
  startServer,
  stopServer,
  type TestServer,
  HOST_KEY,
} from './helpers.js';

const C = '/v1/communities/atelier';
let t: TestServer;

async function start(rateLimits: Partial<RateLimits> = NO_LIMITS, extra = {}) {
  t = await startServer({ rateLimits, ...extra });
  await seedAtelier(t, { allowedOrigins: ['https://brand.example', 'http://localhost:*'] });
}

afterEach(() => stopServer(t));

const join = (name: string, extra: Record<string, unknown> = {}, headers = {}) =>
  call(t.url, `${C}/members`, { json: joinBody(name, extra), headers });

describe('member token', () => {
  it('is stored only as its SHA-256 hash: the raw token is nowhere in the database', async () => {
    await start();
    const key = 'idem-key-7c1e9b2f';
    const { token, member } = (await join('Ada', {}, { 'idempotency-key': key })).body;
    const sha = createHash('sha256').update(token).digest('hex');

    const row = t.server.db.prepare('SELECT token_hash FROM members WHERE id = ?').get(member.id);
    expect(row).toEqual({ token_hash: sha });

    const tables = t.server.db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
      .pluck()
      .all() as string[];
    for (const table of tables) {
      const dump = JSON.stringify(t.server.db.prepare(`SELECT * FROM "${table}"`).all());
      expect(dump, table).not.toContain(token);
      expect(dump, table).not.toContain(key);
    }
    expect(await databaseHolds(t.file, token)).toBe(false);
    expect(await databaseHolds(t.file, key)).toBe(false);
    expect(await databaseHolds(t.file, sha)).toBe(true);
  });

  it('never reaches the log, nor does any personal data', async () => {
    await start();
    const joined = await join('Ada Lovelace', { email: 'ada@lovelace.example' });
    const { token } = joined.body;
    await call(t.url, `${C}/members/me`, { token });
    await call(t.url, `${C}/members/me/export`, { token });
    await call(t.url, `${C}/members/me`, { method: 'DELETE', token });
    await join('x'.repeat(70), { email: 'bad-email-in-error' });

    expect(t.lines.length).toBe(5);
    expect(t.lines[0]).toMatch(/^POST \/v1\/communities\/atelier\/members 201 \d+ms$/);
    const log = t.lines.join('\n');
    for (const secret of [token, 'Ada', 'lovelace', 'bad-email', HOST_KEY, '127.0.0.1']) {
      expect(log).not.toContain(secret);
    }
  });
});

describe('headers', () => {
  it('sends nosniff everywhere and no-store on member routes', async () => {
    await start();
    const { token } = (await join('Ada')).body;
    for (const answer of [
      await call(t.url, '/v1/health'),
      await call(t.url, C),
      await call(t.url, `${C}/members/me`, { token }),
      await call(t.url, `${C}/members/me/export`, { token }),
      await call(t.url, '/v1/unknown'),
    ]) {
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      expect(answer.headers.get('cache-control')).toBe('no-store');
    }
  });
});

describe('CORS', () => {
  it("answers an allowed origin (the community's list, ':*' for any port) and not others", async () => {
    await start();
    for (const origin of ['https://brand.example', 'http://localhost:5173', 'http://localhost']) {
      const answer = await call(t.url, C, { headers: { origin } });
      expect(answer.status, origin).toBe(200);
      expect(answer.headers.get('access-control-allow-origin')).toBe(origin);
      expect(answer.headers.get('access-control-expose-headers')).toContain('Retry-After');
      expect(answer.headers.get('vary')).toContain('Origin');
    }
    for (const origin of ['https://evil.example', 'http://127.0.0.1:5173', 'null']) {
      const refused = await call(t.url, C, { headers: { origin } });
      expect(refused.status, origin).toBe(403);
      expect(refused.body.error.code).toBe('forbidden');
      expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('handles preflights: allowed origins get methods and headers, others get none', async () => {
    await start();
    const preflight = (origin: string) =>
      fetch(`${t.url}${C}/members`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type, idempotency-key',
        },
      });
    const ok = await preflight('http://localhost:4000');
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe('http://localhost:4000');
    expect(ok.headers.get('access-control-allow-methods')).toBe('GET,POST,PUT,PATCH,DELETE');
    expect(ok.headers.get('access-control-allow-headers')).toBe(
      'Authorization,Content-Type,Idempotency-Key,Last-Event-ID',
    );
    const refused = await preflight('https://evil.example');
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    expect(refused.headers.get('access-control-allow-methods')).toBeNull();
  });

  it('lets errors through to allowed origins, so the widget can read them', async () => {
    await start();
    const answer = await join('', {}, { origin: 'https://brand.example' });
    expect(answer.status).toBe(400);
    expect(answer.headers.get('access-control-allow-origin')).toBe('https://brand.example');
  });

  it('allows requests without an Origin, health from anywhere, and extra origins from options', async () => {
    await start(NO_LIMITS, { allowedOrigins: ['http://127.0.0.1:*'] });
    const plain = await call(t.url, C);
    expect(plain.status).toBe(200);
    expect(plain.headers.get('access-control-allow-origin')).toBeNull();

    const health = await call(t.url, '/v1/health', {
      headers: { origin: 'https://anyone.example' },
    });
    expect(health.headers.get('access-control-allow-origin')).toBe('*');

    const extra = await call(t.url, C, { headers: { origin: 'http://127.0.0.1:8080' } });
    expect(extra.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:8080');
  });

  it('lets the server’s own pages (the console) call it from its own origin', async () => {
    await start();
    const own = new URL(t.url).origin;
    const write = await call(t.url, `${C}/host/settings`, {
      method: 'PATCH',
      token: HOST_KEY,
      headers: { origin: own },
      json: { tagline: 'From the console' },
    });
    expect(write.status).toBe(200);
    expect(write.headers.get('access-control-allow-origin')).toBe(own);
    // Another port of the same host is another origin.
    const other = await call(t.url, C, { headers: { origin: 'http://127.0.0.1:1' } });
    expect(other.status).toBe(403);
  });

  it('matches origins exactly, with :* for the port only', () => {
    const patterns = ['http://localhost:*', 'https://brand.example'];
    expect(originAllowed('http://localhost:3000', patterns)).toBe(true);
    expect(originAllowed('HTTP://LOCALHOST:3000', patterns)).toBe(true);
    expect(originAllowed('https://brand.example', patterns)).toBe(true);
    expect(originAllowed('https://localhost:3000', patterns)).toBe(false);
    expect(originAllowed('http://localhost.evil.example', patterns)).toBe(false);
    expect(originAllowed('http://localhost:3000.evil.example', patterns)).toBe(false);
    expect(originAllowed('https://brand.example.evil', patterns)).toBe(false);
    expect(originAllowed('https://brand.example:8443', patterns)).toBe(false);
  });
});

describe('rate limits', () => {
  const minute = { limit: 3, windowMs: 60_000 };

  it('limits requests per IP with 429 rate_limited and Retry-After, readable cross-origin', async () => {
    await start({ ...NO_LIMITS, ip: minute });
    const origin = { origin: 'https://brand.example' };
    for (let i = 0; i < 3; i++)
      expect((await call(t.url, C, { headers: origin })).status).toBe(200);
    const limited = await call(t.url, C, { headers: origin });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBe(20);
    expect(limited.headers.get('access-control-allow-origin')).toBe('https://brand.example');
    // Preflights do not count, so a limited browser can still read the 429.
    const preflight = await fetch(`${t.url}${C}`, { method: 'OPTIONS', headers: origin });
    expect(preflight.status).toBe(204);
  });

  it('refills over time', async () => {
    let now = Date.parse('2026-11-23T10:00:00Z');
    await start({ ...NO_LIMITS, ip: minute }, { now: () => new Date(now) });
    for (let i = 0; i < 3; i++) await call(t.url, C);
    expect((await call(t.url, C)).status).toBe(429);
    now += 20_000;
    expect((await call(t.url, C)).status).toBe(200);
    expect((await call(t.url, C)).status).toBe(429);
  });

  it('limits joins per IP more strictly', async () => {
    await start({ ...NO_LIMITS, join: { limit: 2, windowMs: 60_000 } });
    expect((await join('Un')).status).toBe(201);
    expect((await join('Deux')).status).toBe(201);
    const limited = await join('Trois');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBe(30);
    expect((await call(t.url, C)).status).toBe(200);
  });

  it('limits member routes per member token', async () => {
    await start({ ...NO_LIMITS, member: { limit: 2, windowMs: 60_000 } });
    const a = (await join('Ada')).body.token;
    const b = (await join('Bob')).body.token;
    expect((await call(t.url, `${C}/members/me`, { token: a })).status).toBe(200);
    expect((await call(t.url, `${C}/members/me/export`, { token: a })).status).toBe(200);
    const limited = await call(t.url, `${C}/members/me`, { token: a });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).not.toBeNull();
    expect((await call(t.url, `${C}/members/me`, { token: b })).status).toBe(200);
  });

  it('behind a proxy, counts the address the proxy added, not one the client put before it', async () => {
    await start({ ...NO_LIMITS, join: { limit: 2, windowMs: 60_000 } }, { trustProxy: true });
    const via = (forwarded: string, name: string) =>
      call(t.url, `${C}/members`, {
        json: joinBody(name),
        headers: { 'x-forwarded-for': forwarded },
      });
    expect((await via('203.0.113.7', 'Un')).status).toBe(201);
    expect((await via('198.51.100.1, 203.0.113.7', 'Deux')).status).toBe(201);
    // A forged first entry does not make a new client: the proxy's entry is the same.
    expect((await via('192.0.2.99, 203.0.113.7', 'Trois')).status).toBe(429);
    expect((await via('203.0.113.8', 'Quatre')).status).toBe(201);
  });

  it('has defaults (600/min per IP, 30 joins/min per IP)', async () => {
    await start({});
    const answers = [];
    for (let i = 0; i < 31; i++) answers.push((await join(`Member ${i}`)).status);
    expect(answers.slice(0, 30).every((s) => s === 201)).toBe(true);
    expect(answers[30]).toBe(429);
  });
});
