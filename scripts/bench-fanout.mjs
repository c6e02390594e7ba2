// Fan-out benchmark of the reference server's live sessions (needs `npm run build --workspace
// @cercle/server` first):
//   node scripts/bench-fanout.mjs [--subscribers 1000] [--votes 20] [--timeout 300]
// Starts the server (in a worker thread, so it has its own event loop, as it would in its own
// process) on a temporary SQLite file with the demo seed and rate limits off; opens N
// Server-Sent Events subscribers to `dimanche-live` on 127.0.0.1; then votes one vote at a time
// (PUT …/vote, each by a different member) and, for each vote, times every subscriber from just
// before the PUT until it has the matching `question.updated`. Prints, over the votes, the time
// until the last subscriber had it (p50, p99), over every delivery the per-subscriber latency
// (p50, p99), and the PUT's own answer time, status and body (p50, p99): the broker fans out
// after the answer has gone, so this one does not grow with the subscribers. Both ends run on
// this machine and share its cores.
//
// Each subscriber uses two file descriptors (the client's socket and the server's). When the
// soft limit (`ulimit -n`) is too low the script says so and stops; raise it for the run:
//   ulimit -n 65536; node scripts/bench-fanout.mjs --subscribers 5000
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

const COMMUNITY = 'maison-verte';
const SESSION = 'dimanche-live';
/** The database's directory, made by the main thread so that it can always remove it. */
let tempDir;

if (isMainThread) await main();
else await serve();

/** The worker: the server, until the main thread says stop. */
async function serve() {
  const { createServer } = await import('../packages/server/dist/index.js');
  const server = await createServer({
    db: join(workerData.dir, 'bench.db'),
    port: 0,
    seed: 'demo',
    rateLimits: { ip: false, join: false, member: false, ask: false, vote: false, report: false },
    logger: () => {},
  });
  // Room for as many voters as asked.
  server.db.prepare('UPDATE communities SET capacity = NULL WHERE slug = ?').run(COMMUNITY);
  parentPort.on('message', async (message) => {
    if (message === 'count') {
      parentPort.postMessage({ count: server.broker.subscriberCount() });
    } else if (message === 'close') {
      await server.close();
      parentPort.postMessage({ closed: true });
      parentPort.close();
    }
  });
  parentPort.postMessage({ url: server.url });
}

async function main() {
  const { values } = parseArgs({
    options: {
      subscribers: { type: 'string', default: '1000' },
      votes: { type: 'string', default: '20' },
      timeout: { type: 'string', default: '300' },
    },
  });
  const subscribers = Number(values.subscribers);
  const votes = Number(values.votes);
  const timeoutMs = Number(values.timeout) * 1000;
  if (!(subscribers >= 1 && votes >= 1 && timeoutMs > 0)) {
    fail('usage: node scripts/bench-fanout.mjs [--subscribers N] [--votes N] [--timeout SECONDS]');
  }

  const needed = 2 * subscribers + 200;
  const limit = softFdLimit();
  if (limit !== undefined && limit < needed) {
    fail(
      `${subscribers} subscribers need about ${needed} file descriptors, and the soft limit is ${limit}.\n` +
        `Raise it for this run:  ulimit -n 65536; node scripts/bench-fanout.mjs --subscribers ${subscribers}`,
    );
  }

  // Bounded in time, whatever happens.
  const deadline = setTimeout(() => fail(`did not finish within ${timeoutMs / 1000} s`), timeoutMs);
  deadline.unref();

  tempDir = mkdtempSync(join(tmpdir(), 'cercle-bench-fanout-'));
  const worker = new Worker(new URL(import.meta.url), { workerData: { dir: tempDir } });
  worker.on('error', (error) =>
    fail(
      error.code === 'ERR_MODULE_NOT_FOUND'
        ? `${error.message}\nBuild the server first: npm run build --workspace @cercle/server`
        : `the server failed: ${error.stack ?? error}`,
    ),
  );
  const reply = (expect) =>
    new Promise((resolve) => {
      const on = (message) => {
        if (expect in message) {
          worker.off('message', on);
          resolve(message);
        }
      };
      worker.on('message', on);
    });
  const { url } = await reply('url');
  const base = `${url}/v1/communities/${COMMUNITY}`;

  try {
    // Voters: one new member per vote.
    const tokens = [];
    for (let i = 0; i < votes; i++) {
      const res = await fetch(`${base}/members`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          displayName: `Bench ${i}`,
          consent: { version: '2026-11-01', accepted: true },
        }),
      });
      if (res.status !== 201) fail(`join answered ${res.status}: ${await res.text()}`);
      tokens.push((await res.json()).token);
    }
    const page = await (await fetch(`${base}/sessions/${SESSION}/questions?limit=1`)).json();
    const question = page.questions[0];
    if (!question) fail('the demo session has no question');

    // Subscribers.
    const idField = `"id":${JSON.stringify(question.id)}`;
    const VOTES = /"votes":(\d+)/;
    const agent = new http.Agent({ keepAlive: false, maxSockets: subscribers + 10 });
    const streamUrl = new URL(`${base}/sessions/${SESSION}/events`);
    /** arrivals[s].get(votes) = when subscriber s got the question with that many votes. */
    const arrivals = Array.from({ length: subscribers }, () => new Map());
    const requests = [];
    let finished = false;
    let waiting;
    let notified = 0;
    const onArrival = () => {
      notified++;
      waiting?.();
    };
    const connectStarted = performance.now();
    for (let from = 0; from < subscribers; from += 250) {
      const batch = [];
      for (let s = from; s < Math.min(subscribers, from + 250); s++) {
        batch.push(subscribe(s));
      }
      await Promise.all(batch);
    }
    const connectMs = performance.now() - connectStarted;
    worker.postMessage('count');
    const { count } = await reply('count');

    function subscribe(s) {
      return new Promise((resolve) => {
        const req = http.get(
          streamUrl,
          { agent, headers: { accept: 'text/event-stream' } },
          (res) => {
            if (res.statusCode !== 200) fail(`subscriber ${s}: status ${res.statusCode}`);
            res.setEncoding('utf8');
            let text = '';
            res.on('data', (chunk) => {
              const at = performance.now();
              text += chunk;
              let end;
              while ((end = text.indexOf('\n\n')) !== -1) {
                const block = text.slice(0, end);
                text = text.slice(end + 2);
                // Just enough parsing: the question's id and its vote count.
                if (!block.includes('event: question.updated') || !block.includes(idField)) {
                  continue;
                }
                const votes = VOTES.exec(block);
                if (votes) {
                  arrivals[s].set(Number(votes[1]), at);
                  onArrival();
                }
              }
            });
            res.on('error', () => {});
            res.on('close', () => {
              if (!finished) fail(`subscriber ${s} lost its connection`);
            });
            resolve();
          },
        );
        req.on('error', (error) => {
          // Out of descriptors, the client sees EMFILE, or ECONNRESET when the server side ran out.
          const fds = ['EMFILE', 'ENFILE', 'ECONNRESET'].includes(error.code);
          fail(
            `subscriber ${s}: ${error.code ?? error.message}` +
              (fds
                ? '\nMost likely out of file descriptors (each subscriber needs two). Raise the limit for this run:' +
                  `\n  ulimit -n 65536; node scripts/bench-fanout.mjs --subscribers ${subscribers}`
                : ''),
          );
        });
        requests.push(req);
      });
    }

    // Votes, one at a time.
    const lastSubscriberMs = [];
    const deliveryMs = [];
    const putMs = [];
    for (let k = 0; k < votes; k++) {
      const expected = question.votes + k + 1;
      const target = notified + subscribers;
      const t0 = performance.now();
      const res = await fetch(`${base}/sessions/${SESSION}/questions/${question.id}/vote`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${tokens[k]}` },
      });
      const result = await res.json();
      // The vote's own answer, whole: status, headers and body.
      putMs.push(performance.now() - t0);
      if (res.status !== 200 || result.votes !== expected) {
        fail(`vote ${k}: ${res.status} ${JSON.stringify(result)}`);
      }
      while (notified < target) await new Promise((resolve) => (waiting = resolve));
      waiting = undefined;
      let last = 0;
      for (const got of arrivals) {
        const ms = got.get(expected) - t0;
        deliveryMs.push(ms);
        last = Math.max(last, ms);
      }
      lastSubscriberMs.push(last);
    }

    finished = true;
    for (const req of requests) req.destroy();
    agent.destroy();

    const q = (list, p) => {
      const sorted = [...list].sort((a, b) => a - b);
      return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)].toFixed(1);
    };
    console.log(
      `Fan-out: ${subscribers} SSE subscribers on 127.0.0.1, ${votes} votes one at a time; ` +
        `Node ${process.version}, ${availableParallelism()} CPUs; server in a worker thread (SQLite WAL, in-process broker)`,
    );
    console.log(`connected in ${connectMs.toFixed(0)} ms; the server counted ${count} subscribers`);
    console.table([
      {
        measure: 'vote → last subscriber has it',
        samples: lastSubscriberMs.length,
        'p50 ms': q(lastSubscriberMs, 0.5),
        'p99 ms': q(lastSubscriberMs, 0.99),
        'max ms': q(lastSubscriberMs, 1),
      },
      {
        measure: 'vote → each subscriber has it',
        samples: deliveryMs.length,
        'p50 ms': q(deliveryMs, 0.5),
        'p99 ms': q(deliveryMs, 0.99),
        'max ms': q(deliveryMs, 1),
      },
      {
        measure: 'PUT vote → its answer (status and body)',
        samples: putMs.length,
        'p50 ms': q(putMs, 0.5),
        'p99 ms': q(putMs, 0.99),
        'max ms': q(putMs, 1),
      },
    ]);
  } finally {
    worker.postMessage('close');
    await reply('closed');
    await worker.terminate();
    rmSync(tempDir, { recursive: true, force: true });
  }
  process.exit(0);
}

/** The soft limit on open files, or undefined when it cannot be read. */
function softFdLimit() {
  try {
    const out = execFileSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim();
    return out === 'unlimited' ? Infinity : Number(out);
  } catch {
    return undefined;
  }
}

function fail(message) {
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  console.error(`bench-fanout: ${message}`);
  process.exit(1);
}
