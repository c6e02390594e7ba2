// `npm run bench`: the reference server's figures over real HTTP on 127.0.0.1, printed.
//   node scripts/bench.mjs [--requests 2000] [--concurrency 20]
// Measures, on a fresh SQLite file (WAL): community reads, joins (each one a new member with
// recorded consent and a hashed token) and leave-and-erase, as latency p50 / p99 and rate.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createServer } from '../packages/server/dist/index.js';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '20' },
  },
});
const total = Number(values.requests);
const concurrency = Number(values.concurrency);

const dir = mkdtempSync(join(tmpdir(), 'cercle-bench-'));
const server = await createServer({
  db: join(dir, 'bench.db'),
  port: 0,
  seed: 'demo',
  rateLimits: { ip: false, join: false, member: false },
  logger: () => {},
});
// Room for every joiner: the demo community holds 300.
server.db.prepare("UPDATE communities SET capacity = NULL WHERE slug = 'maison-verte'").run();
const base = `${server.url}/v1/communities/maison-verte`;

async function run(name, op) {
  const times = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        const t0 = performance.now();
        await op(i);
        times.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  const q = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))].toFixed(2);
  return {
    operation: name,
    requests: total,
    'p50 ms': q(0.5),
    'p99 ms': q(0.99),
    'per second': Math.round(total / seconds),
  };
}

const ok = async (res, status) => {
  if (res.status !== status)
    throw new Error(`expected ${status}, got ${res.status}: ${await res.text()}`);
  return res;
};

const tokens = [];
const rows = [];
try {
  rows.push(
    await run('GET community', async () => ok(await fetch(base), 200).then((r) => r.arrayBuffer())),
  );
  rows.push(
    await run('POST join', async (i) => {
      const res = await fetch(`${base}/members`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': `bench-${i}` },
        body: JSON.stringify({
          displayName: `Bench ${i}`,
          consent: { version: '2026-11-01', accepted: true },
        }),
      });
      tokens[i] = (await (await ok(res, 201)).json()).token;
    }),
  );
  rows.push(
    await run('GET me', async (i) =>
      ok(
        await fetch(`${base}/members/me`, { headers: { authorization: `Bearer ${tokens[i]}` } }),
        200,
      ).then((r) => r.arrayBuffer()),
    ),
  );
  rows.push(
    await run('DELETE me (erase)', async (i) =>
      ok(
        await fetch(`${base}/members/me`, {
          method: 'DELETE',
          headers: { authorization: `Bearer ${tokens[i]}` },
        }),
        204,
      ),
    ),
  );
  console.log(
    `reference server, SQLite WAL, ${concurrency} concurrent clients on 127.0.0.1, Node ${process.version}`,
  );
  console.table(rows);
} finally {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
