// `npm run bench` (part of it): the KPI endpoint of the reference server over a year of
// activity, and whether its rollups keep up with a steady stream of writes (needs `npm run
// build --workspace @cercle/server` first):
//   node scripts/bench-kpis.mjs [--members 5000] [--intensity 12] [--days 365] [--requests 500]
//     [--budget 10] [--concurrency 1] [--rate 200] [--seconds 15] [--writers 200] [--quick]
//
// The server (`createServer`, SQLite WAL in a temporary file, the demo seed, rate limits off)
// runs in this process; the load generator is this script forked as a child process (`load`
// role, node:http with keep-alive), so the two do not share an event loop. Both run on this
// machine and share its cores.
//
// Seeding: a second community with `--members` members (`seedCommunity`, the code path of the
// demo's members), then a year of KPI history by the demo's generator (`seedKpiHistory`, with
// `intensity` times the demo's contributions per member-week: 12 gives ≈ 1M activity rows for
// 5,000 members), all in this process before anything is measured.
//
// KPIs: GET …/host/kpis?from&to with the owner's key, for the last 28, 90 and 365 days, on that
// community and on the demo's `maison-verte`. Each case: a warm-up (20 requests or 2 s), then
// `--requests` requests (closed loop, `--concurrency` at a time), cut short after `--budget`
// seconds; p99 is printed only over ≥ 500 samples (p50 / p90 otherwise). The floor: a raw
// node:http server in this process answering the same bytes (one real response captured, same
// content-type and content-length), measured by the same generator at the same concurrency.
//
// Writes: `--writers` members join over HTTP (POST …/members) and a live session is created
// and started; the generator then sends questions (1 in 3) and votes (each a new member ×
// question pair) paced at a fixed `--rate` per second, open loop (each write at its scheduled
// time, whatever the answers do), for a 2 s warm-up and then `--seconds`; latency counts from
// the scheduled time. The rollup check: `contributions.questions` / `.votes` of the KPI answer
// (over yesterday and today, so a run across midnight UTC still adds up) rose by exactly the
// writes acknowledged. Floor: the same schedule (5 s) against the
// raw server answering captured question / vote bodies.
//
// Targets (printed, never asserted: the process fails only on errors): "KPI endpoints over a
// year of activity for 5,000 members (≈ 1M events) answer p50 ≤ 50 ms", "rollups keep up with
// 200 writes/s".
import { fork } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const DAY_MS = 86_400_000;
const BENCH = 'bench-kpis';
const BENCH_OWNER_KEY = 'bench-owner-key-bench-kpis-0001';
const DEMO = 'maison-verte';
const DEMO_OWNER_KEY = 'demo-owner-key-maison-verte'; // demoOwnerKey(DEMO), packages/client/src/demo.ts
const RANGES = [28, 90, 365];
const P99_MIN_SAMPLES = 500;
const TARGET_P50_MS = 50;
const TARGET_MEMBERS = 5000;
const TARGET_ACTIVITY = 1_000_000;
const TARGET_RATE = 200;

if (process.argv[2] === 'load') loadGenerator();
else {
  await main().catch((error) => {
    console.error(`bench-kpis: ${error?.stack ?? error}`);
    process.exitCode = 1;
  });
}

// ---------------------------------------------------------------------------------------
// The load generator (child process)
// ---------------------------------------------------------------------------------------

function loadGenerator() {
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const send = (url, { method = 'GET', headers = {}, body } = {}) =>
    new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : Buffer.from(body);
      const req = http.request(
        url,
        {
          method,
          agent,
          headers: payload
            ? { ...headers, 'content-type': 'application/json', 'content-length': payload.length }
            : headers,
        },
        (res) => {
          const chunks = [];
          res.on('data', (chunk) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks) }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });

  /** Closed loop: `concurrency` clients, each sending its next request when answered. */
  async function closed({ url, headers, status, requests, budgetMs, concurrency }) {
    const times = [];
    let next = 0;
    let failure;
    const started = performance.now();
    const deadline = started + budgetMs;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < requests && performance.now() < deadline && !failure) {
          next++;
          const t0 = performance.now();
          const res = await send(url, { headers });
          const ms = performance.now() - t0;
          if (res.status !== status) {
            failure = `${res.status}: ${res.body.toString('utf8', 0, 300)}`;
            break;
          }
          times.push(ms);
        }
      }),
    );
    return { times, failure, seconds: (performance.now() - started) / 1000 };
  }

  /** Open loop: write i is sent at start + i / rate, answered or not; latency from then. */
  async function open({ base, rate, writes }) {
    const interval = 1000 / rate;
    const latency = new Array(writes.length);
    const outcome = new Array(writes.length);
    let lagMax = 0;
    let sent = 0;
    let done = 0;
    const start = performance.now() + 20;
    await new Promise((resolve) => {
      const fire = (i) => {
        const scheduled = start + i * interval;
        lagMax = Math.max(lagMax, performance.now() - scheduled);
        const w = writes[i];
        send(`${base}${w.path}`, { method: w.method, headers: w.headers, body: w.body })
          .then(
            (res) => {
              latency[i] = performance.now() - scheduled;
              outcome[i] = res.status === w.status ? 'ok' : `${res.status}`;
            },
            (error) => {
              latency[i] = performance.now() - scheduled;
              outcome[i] = error.code ?? 'error';
            },
          )
          .finally(() => {
            if (++done === writes.length) resolve();
          });
      };
      const tick = () => {
        const now = performance.now();
        while (sent < writes.length && start + sent * interval <= now) fire(sent++);
        if (sent < writes.length) {
          setTimeout(tick, Math.max(0, start + sent * interval - performance.now()));
        }
      };
      setTimeout(tick, Math.max(0, start - performance.now()));
    });
    const seconds = (performance.now() - start) / 1000;
    return { latency, outcome, lagMax, seconds };
  }

  process.on('message', async ({ id, kind, job }) => {
    try {
      const result = kind === 'closed' ? await closed(job) : await open(job);
      process.send({ id, result });
    } catch (error) {
      process.send({ id, error: String(error?.stack ?? error) });
    }
  });
  process.on('disconnect', () => {
    agent.destroy();
    process.exit(0);
  });
}

// ---------------------------------------------------------------------------------------
// The server, the seeding, the measures (main process)
// ---------------------------------------------------------------------------------------

async function main() {
  const { values } = parseArgs({
    options: {
      members: { type: 'string', default: String(TARGET_MEMBERS) },
      intensity: { type: 'string', default: '12' },
      days: { type: 'string', default: '365' },
      requests: { type: 'string', default: String(P99_MIN_SAMPLES) },
      budget: { type: 'string', default: '10' },
      concurrency: { type: 'string', default: '1' },
      rate: { type: 'string', default: String(TARGET_RATE) },
      seconds: { type: 'string', default: '15' },
      writers: { type: 'string', default: '200' },
      quick: { type: 'boolean', default: false },
    },
  });
  const quick = values.quick;
  const members = quick ? 500 : Number(values.members);
  const intensity = Number(values.intensity);
  const days = Number(values.days);
  const requests = Number(values.requests);
  const budgetMs = (quick ? 3 : Number(values.budget)) * 1000;
  const concurrency = Number(values.concurrency);
  const rate = Number(values.rate);
  const seconds = quick ? 5 : Number(values.seconds);
  const writers = Number(values.writers);
  const numbers = [members, intensity, days, requests, budgetMs, concurrency, rate, seconds];
  if (!numbers.every((n) => Number.isFinite(n) && n > 0) || !(writers >= 5) || days > 366) {
    fail(
      'usage: node scripts/bench-kpis.mjs [--members N] [--intensity X] [--days ≤366] [--requests N]\n' +
        '  [--budget SECONDS] [--concurrency N] [--rate PER_SECOND] [--seconds N] [--writers ≥5] [--quick]',
    );
  }

  const dist = new URL('../packages/server/dist/', import.meta.url);
  const src = new URL('../packages/server/src/', import.meta.url);
  if (!existsSync(new URL('index.js', dist)) || !existsSync(new URL('seed/history.js', dist))) {
    fail('packages/server/dist is missing: npm run build --workspace @cercle/server');
  }
  for (const file of ['seed/history.ts', 'kpis/rules.ts', 'kpis/activity.ts']) {
    const built = new URL(file.replace(/\.ts$/, '.js'), dist);
    if (existsSync(built) && statSync(new URL(file, src)).mtimeMs > statSync(built).mtimeMs) {
      console.warn(
        `warning: packages/server/src/${file} is newer than its build: npm run build --workspace @cercle/server`,
      );
    }
  }
  const { createServer } = await import(new URL('index.js', dist).href);
  const { seedCommunity } = await import(new URL('seed/seed.js', dist).href);
  const { seedKpiHistory } = await import(new URL('seed/history.js', dist).href);

  const dir = mkdtempSync(join(tmpdir(), 'cercle-bench-kpis-'));
  let server;
  let floor;
  let child;
  try {
    server = await createServer({
      db: join(dir, 'bench.db'),
      port: 0,
      seed: 'demo',
      // Off as well: questions (5 a minute per member) and votes (60), or the writes would be refused.
      rateLimits: { ip: false, join: false, member: false, ask: false, vote: false },
      logger: () => {},
    });
    const db = server.db;

    // Seeding ------------------------------------------------------------------------------
    const now = new Date();
    let t0 = performance.now();
    await seedCommunity(
      server.store,
      { slug: BENCH, name: 'Bench KPIs', seedMembers: members },
      { ownerKey: BENCH_OWNER_KEY, now },
    );
    const membersSeconds = (performance.now() - t0) / 1000;
    t0 = performance.now();
    const summary = await seedKpiHistory(server.store, BENCH, { now, days, intensity });
    const historySeconds = (performance.now() - t0) / 1000;
    const count = (sql, ...params) =>
      db
        .prepare(sql)
        .pluck()
        .get(...params);
    const activityRows = count('SELECT COUNT(*) FROM activity WHERE community = ?', BENCH);
    const demoActivityRows = count('SELECT COUNT(*) FROM activity WHERE community = ?', DEMO);
    const pastLives = db
      .prepare(
        `SELECT COUNT(DISTINCT s.seq) AS sessions, COUNT(DISTINCT q.seq) AS questions,
           (SELECT COUNT(*) FROM votes v JOIN questions q2 ON q2.seq = v.question
              JOIN sessions s2 ON s2.seq = q2.session WHERE s2.community = ?) AS votes
         FROM sessions s LEFT JOIN questions q ON q.session = s.seq WHERE s.community = ?`,
      )
      .get(BENCH, BENCH);
    console.log(
      `KPI benchmark: Node ${process.version}, ${availableParallelism()} CPUs; server in this process ` +
        `(SQLite WAL), load generator in a child process, 127.0.0.1${quick ? '; --quick' : ''}`,
    );
    console.log(
      `Seeding "${BENCH}": ${members} members (seedCommunity), then ${days} days of history ` +
        `(seedKpiHistory, intensity ${intensity}), in seconds:`,
    );
    console.table([
      {
        members,
        'members s': membersSeconds.toFixed(1),
        'activity rows': activityRows,
        joins: summary.joins,
        leaves: summary.leaves,
        'past lives': pastLives.sessions,
        'their questions': pastLives.questions,
        'their votes': pastLives.votes,
        'history s': historySeconds.toFixed(1),
      },
    ]);
    console.log(`("${DEMO}", the demo: ${demoActivityRows} activity rows)`);

    // The load generator and the floor -----------------------------------------------------
    child = fork(fileURLToPath(import.meta.url), ['load'], { stdio: 'inherit' });
    let jobs = 0;
    const pending = new Map();
    child.on('message', ({ id, result, error }) => {
      const p = pending.get(id);
      pending.delete(id);
      if (error) p.reject(new Error(`load generator: ${error}`));
      else p.resolve(result);
    });
    child.on('exit', (code) => {
      for (const p of pending.values()) p.reject(new Error(`load generator exited (${code})`));
    });
    const run = (kind, job) =>
      new Promise((resolve, reject) => {
        const id = ++jobs;
        pending.set(id, { resolve, reject });
        child.send({ id, kind, job });
      });

    /** The floor's answers, by method and path (query included), or by method alone. */
    const canned = new Map();
    floor = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        const answer = canned.get(`${req.method} ${req.url}`) ?? canned.get(req.method);
        if (!answer) {
          res.writeHead(404).end();
          return;
        }
        res.writeHead(answer.status, {
          'content-type': answer.type,
          'content-length': answer.body.length,
        });
        res.end(answer.body);
      });
    });
    await new Promise((resolve) => floor.listen(0, '127.0.0.1', resolve));
    const floorUrl = `http://127.0.0.1:${floor.address().port}`;
    const capture = async (res) => ({
      status: res.status,
      type: res.headers.get('content-type'),
      body: Buffer.from(await res.arrayBuffer()),
    });

    // KPI latency --------------------------------------------------------------------------
    const today = Math.floor(Date.now() / DAY_MS);
    const day = (d) => new Date(d * DAY_MS).toISOString().slice(0, 10);
    const kpiPath = (community, from, to) =>
      `/v1/communities/${community}/host/kpis?from=${day(from)}&to=${day(to)}`;
    const measure = async (url, headers) => {
      const job = { url, headers, status: 200, concurrency };
      const warm = await run('closed', { ...job, requests: 20, budgetMs: 2000 });
      if (warm.failure) throw new Error(`GET ${url} answered ${warm.failure}`);
      const m = await run('closed', { ...job, requests, budgetMs });
      if (m.failure) throw new Error(`GET ${url} answered ${m.failure}`);
      return m.times;
    };
    const kpiRows = [];
    const notes = new Set();
    for (const [community, key] of [
      [BENCH, BENCH_OWNER_KEY],
      [DEMO, DEMO_OWNER_KEY],
    ]) {
      for (const range of RANGES) {
        const path = kpiPath(community, today - range + 1, today);
        const headers = { authorization: `Bearer ${key}` };
        const real = await fetch(`${server.url}${path}`, { headers });
        if (real.status !== 200)
          throw new Error(`GET ${path}: ${real.status} ${await real.text()}`);
        const answer = await capture(real);
        canned.set(`GET ${path}`, answer);
        const times = await measure(`${server.url}${path}`, headers);
        const base = await measure(`${floorUrl}${path}`, headers);
        const s = stats(times);
        const f = stats(base);
        if (s.p99 === undefined) notes.add(`under ${P99_MIN_SAMPLES} samples`);
        const isTarget = community === BENCH && members >= TARGET_MEMBERS;
        kpiRows.push({
          community: community === BENCH ? `${BENCH} (${members})` : DEMO,
          days: range,
          KiB: (answer.body.length / 1024).toFixed(1),
          samples: times.length,
          'p50 ms': ms(s.p50),
          'p90 ms': ms(s.p90),
          'p99 ms': ms(s.p99),
          'floor p50': ms(f.p50),
          'floor p99': ms(f.p99),
          '× floor p50': ratio(s.p50, f.p50),
          '× floor p90': ratio(s.p90, f.p90),
          [`p50 ≤ ${TARGET_P50_MS} ms`]: isTarget
            ? s.p50 <= TARGET_P50_MS
              ? 'met'
              : 'not met'
            : community === BENCH
              ? 'n/a (smaller)'
              : 'n/a (demo)',
        });
      }
    }
    console.log(
      `\nGET …/host/kpis, ranges ending today; ${concurrency} request(s) at a time; ` +
        `up to ${requests} requests or ${budgetMs / 1000} s per case after a warm-up; ` +
        `floor: raw node:http answering the same bytes`,
    );
    console.table(kpiRows);
    if (notes.size > 0) {
      console.log(
        `p99 left out ("—") where fewer than ${P99_MIN_SAMPLES} samples fit in ${budgetMs / 1000} s: ` +
          'those cases are slow; --budget gives them more time.',
      );
    }

    // Writes at a fixed rate --------------------------------------------------------------
    const base = `${server.url}/v1/communities/${BENCH}`;
    const host = { authorization: `Bearer ${BENCH_OWNER_KEY}` };
    const json = (method, headers, body) => ({
      method,
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    const ok = async (res, ...statuses) => {
      if (!statuses.includes(res.status)) {
        throw new Error(
          `${res.url}: expected ${statuses.join(' or ')}, got ${res.status}: ${await res.text()}`,
        );
      }
      return res;
    };
    const tokens = [];
    for (let i = 0; i < writers; i++) {
      const res = await fetch(
        `${base}/members`,
        json('POST', {}, { displayName: `Writer ${i}`, consent: { version: '1', accepted: true } }),
      );
      tokens.push((await (await ok(res, 201)).json()).token);
    }
    const SESSION = 'bench-live';
    await ok(
      await fetch(
        `${base}/host/sessions/${SESSION}`,
        json('PUT', host, { title: 'Bench live', moderation: 'post' }),
      ),
      201,
    );
    await ok(
      await fetch(`${base}/host/sessions/${SESSION}`, json('PATCH', host, { state: 'live' })),
      200,
    );
    const WARMUP_SECONDS = 2;
    const total = Math.round(rate * (WARMUP_SECONDS + seconds));
    // Questions to vote on, asked before: one vote per member and question, so every vote counts.
    const targets = [];
    const needed = Math.ceil(Math.ceil((total * 2) / 3) / writers) + 1;
    for (let k = 0; k < needed; k++) {
      const res = await fetch(
        `${base}/sessions/${SESSION}/questions`,
        json('POST', { authorization: `Bearer ${tokens[k % writers]}` }, { text: `Question ${k}` }),
      );
      targets.push((await (await ok(res, 201)).json()).id);
    }
    let nextVote = 0;
    const plan = (n, offset) => {
      const writes = [];
      for (let i = offset; i < offset + n; i++) {
        if (i % 3 === 0) {
          const author = { authorization: `Bearer ${tokens[i % writers]}` };
          writes.push({
            kind: 'question',
            path: `/v1/communities/${BENCH}/sessions/${SESSION}/questions`,
            status: 201,
            ...json('POST', author, { text: `Bench question ${i}` }),
          });
        } else {
          // Vote j (over both phases): member j mod writers on question j div writers.
          const j = nextVote++;
          writes.push({
            kind: 'vote',
            path: `/v1/communities/${BENCH}/sessions/${SESSION}/questions/${targets[Math.floor(j / writers)]}/vote`,
            status: 200,
            method: 'PUT',
            headers: { authorization: `Bearer ${tokens[j % writers]}` },
          });
        }
      }
      return { writes };
    };
    const warmPlan = plan(rate * WARMUP_SECONDS, 0);
    const mainPlan = plan(total - warmPlan.writes.length, warmPlan.writes.length);
    const strip = (writes) => writes.map(({ kind: _kind, ...w }) => w);
    await run('open', { base: server.url, rate, writes: strip(warmPlan.writes) });

    const todayKpis = async () => {
      const d = Math.floor(Date.now() / DAY_MS);
      const res = await fetch(`${server.url}${kpiPath(BENCH, d - 1, d)}`, { headers: host });
      const k = await (await ok(res, 200)).json();
      const value = (cell, name) => {
        if (typeof cell?.value !== 'number')
          throw new Error(`contributions.${name}: ${JSON.stringify(cell)}`);
        return cell.value;
      };
      return {
        question: value(k.contributions.questions, 'questions'),
        vote: value(k.contributions.votes, 'votes'),
      };
    };
    // Yesterday and today: a run across midnight (UTC) is still counted whole.
    const before = await todayKpis();
    const result = await run('open', { base: server.url, rate, writes: strip(mainPlan.writes) });
    const after = await todayKpis();

    const acked = { question: 0, vote: 0 };
    const failures = new Map();
    result.outcome.forEach((o, i) => {
      if (o === 'ok') acked[mainPlan.writes[i].kind]++;
      else failures.set(o, (failures.get(o) ?? 0) + 1);
    });
    const failed = [...failures.values()].reduce((a, b) => a + b, 0);

    // The floor's writes: the same schedule for up to 5 s, answered with captured bodies.
    const sample = mainPlan.writes.find((w) => w.kind === 'question');
    const vote = mainPlan.writes.find((w) => w.kind === 'vote');
    canned.set('POST', await capture(await fetch(`${server.url}${sample.path}`, sample)));
    canned.set('PUT', await capture(await fetch(`${server.url}${vote.path}`, vote)));
    if (canned.get('POST').status !== 201 || canned.get('PUT').status !== 200) {
      throw new Error('could not capture a question and a vote answer for the floor');
    }
    const floorWrites = strip(mainPlan.writes.slice(0, Math.min(5, seconds) * rate));
    const floorResult = await run('open', { base: floorUrl, rate, writes: floorWrites });
    const floorOk = floorResult.outcome.filter((o) => o === 'ok').length;
    if (floorOk !== floorWrites.length) throw new Error('the floor refused writes');

    const s = stats(result.latency);
    const f = stats(floorResult.latency);
    const achieved = (acked.question + acked.vote) / result.seconds;
    console.log(
      `\nWrites: ${writers} members (joined over HTTP) asking (1 in 3) and voting in a live session, ` +
        `${rate}/s open loop for ${seconds} s after a ${WARMUP_SECONDS} s warm-up; latency from each ` +
        `write's scheduled time (the generator's worst lag behind schedule: ${result.lagMax.toFixed(1)} ms)`,
    );
    console.table([
      {
        measure: 'server',
        'target /s': rate,
        sent: mainPlan.writes.length,
        acknowledged: acked.question + acked.vote,
        failures:
          failed === 0 ? 0 : `${failed} (${[...failures].map(([k, n]) => `${k}×${n}`).join(', ')})`,
        'achieved /s': achieved.toFixed(1),
        samples: result.latency.length,
        'p50 ms': ms(s.p50),
        'p90 ms': ms(s.p90),
        'p99 ms': ms(s.p99),
        '× floor p50': ratio(s.p50, f.p50),
        '× floor p99': ratio(s.p99, f.p99),
      },
      {
        measure: 'floor (raw node:http)',
        'target /s': rate,
        sent: floorWrites.length,
        acknowledged: floorOk,
        failures: 0,
        'achieved /s': (floorOk / floorResult.seconds).toFixed(1),
        samples: floorResult.latency.length,
        'p50 ms': ms(f.p50),
        'p90 ms': ms(f.p90),
        'p99 ms': ms(f.p99),
      },
    ]);
    const check = ['question', 'vote'].map((kind) => ({
      'KPI figure (yesterday + today)': `contributions.${kind}s.value`,
      before: before[kind],
      after: after[kind],
      'counted (after − before)': after[kind] - before[kind],
      'expected (acknowledged)': acked[kind],
      match: after[kind] - before[kind] === acked[kind] ? 'yes' : 'NO',
    }));
    console.log('Rollups after the writes:');
    console.table(check);

    // Targets -----------------------------------------------------------------------------
    const atSize = members >= TARGET_MEMBERS && activityRows >= TARGET_ACTIVITY * 0.9;
    const yearRows = kpiRows.filter((r) => r.community.startsWith(BENCH));
    const p50Met = yearRows.every((r) => Number(r['p50 ms']) <= TARGET_P50_MS);
    const kept =
      failed === 0 && check.every((c) => c.match === 'yes') && achieved >= TARGET_RATE * 0.98;
    console.log('\nTargets:');
    console.table([
      {
        target: `KPIs over a year for ${TARGET_MEMBERS} members (≈ 1M events): p50 ≤ ${TARGET_P50_MS} ms`,
        measured: `${members} members, ${activityRows} activity rows; p50 ${yearRows
          .map((r) => `${r.days} d ${r['p50 ms']} ms`)
          .join(', ')}`,
        result: atSize
          ? p50Met
            ? 'met'
            : 'not met'
          : `${p50Met ? 'met' : 'not met'} (below the target's size)`,
      },
      {
        target: `rollups keep up with ${TARGET_RATE} writes/s`,
        measured: `${achieved.toFixed(1)} writes/s acknowledged, ${failed} failed, counts ${
          check.every((c) => c.match === 'yes') ? 'exact' : 'off'
        }`,
        result:
          rate >= TARGET_RATE
            ? kept
              ? 'met'
              : 'not met'
            : `${kept ? 'met' : 'not met'} (below ${TARGET_RATE}/s)`,
      },
    ]);
  } finally {
    if (child?.connected) child.disconnect();
    floor?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** p50, p90 and (over ≥ 500 samples) p99, nearest rank. */
function stats(list) {
  const sorted = [...list].sort((a, b) => a - b);
  const q = (p) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
  return {
    p50: q(0.5),
    p90: q(0.9),
    p99: sorted.length >= P99_MIN_SAMPLES ? q(0.99) : undefined,
  };
}

function ms(value) {
  return value === undefined ? '—' : value.toFixed(2);
}

function ratio(value, floor) {
  return value === undefined || floor === undefined ? '—' : `${(value / floor).toFixed(1)}×`;
}

function fail(message) {
  console.error(`bench-kpis: ${message}`);
  process.exit(1);
}
