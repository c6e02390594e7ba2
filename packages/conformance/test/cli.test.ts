/**
 * The `cercle-conformance` bin, run as a child process from source (`--conditions=source
 * --import tsx`, as the server's CLI test does) against a reference server this test starts.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createServer, type RunningServer } from '@cercle/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const bin = fileURLToPath(new URL('../bin/cercle-conformance.js', import.meta.url));
const HOST_KEY = 'conformance-cli-host-key-0123456789';

let server: RunningServer;

beforeAll(async () => {
  server = await createServer({ db: ':memory:', port: 0, hostKey: HOST_KEY, logger: () => {} });
});

afterAll(() => server?.close());

function run(args: string[], env: Record<string, string> = {}) {
  const { CERCLE_HOST_KEY: _, ...parentEnv } = process.env;
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', bin, ...args], {
    cwd: root,
    env: { ...parentEnv, ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('exit', (code) => resolve({ code, stdout, stderr })),
  );
}

describe('cercle-conformance', () => {
  it('runs the selected checks, one line each, and closes with "N passed, 0 failed"', async () => {
    const { code, stdout, stderr } = await run([
      '--url',
      server.url,
      '--host-key',
      HOST_KEY,
      '--only',
      'health,errors',
      '--only',
      'cors',
    ]);
    expect(code, stderr).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    const last = lines.pop();
    expect(lines.length).toBeGreaterThan(15);
    for (const line of lines) expect(line).toMatch(/^✓ (health|errors|cors)\.\S+ — \S/);
    expect(last).toBe(`${lines.length} passed, 0 failed`);
  });

  it('takes the key from CERCLE_HOST_KEY, and exits 1 with the reason when a check fails', async () => {
    const ok = await run(['--url', server.url, '--only', 'health.get.ok'], {
      CERCLE_HOST_KEY: HOST_KEY,
    });
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/1 passed, 0 failed\n$/);

    const bad = await run([
      '--url',
      server.url,
      '--host-key',
      'not-the-key-0123456789',
      '--only',
      'community.get.public',
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(
      /^✗ community\.get\.public — .+: setting up "community main" failed: .*401/m,
    );
    expect(bad.stdout).toMatch(/0 passed, 1 failed\n$/);
  });

  it('lists the checks, prints help, and refuses bad usage with exit code 2', async () => {
    const [list, help] = await Promise.all([
      run(['--list', '--only', 'offers.reveal']),
      run(['--help']),
    ]);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^offers\.reveal\.same-code — /m);
    expect(list.stdout).not.toMatch(/^membership\./m);

    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--url URL[\s\S]*--host-key KEY[\s\S]*--only PREFIX[\s\S]*--list/);

    const cases: [string[], RegExp][] = [
      [['--host-key', HOST_KEY], /--url is required/],
      [['--url', server.url], /--host-key \(or CERCLE_HOST_KEY\) is required/],
      [['--url', 'not a url', '--host-key', HOST_KEY], /is not a URL/],
      [
        ['--url', server.url, '--host-key', HOST_KEY, '--only', 'nothing.like.this'],
        /no check id starts with/,
      ],
      [['--nope'], /unknown argument "--nope"/],
      [['--url'], /--url needs a value/],
    ];
    const answers = await Promise.all(cases.map(([args]) => run(args)));
    answers.forEach((bad, i) => {
      const [args, message] = cases[i] as [string[], RegExp];
      expect(bad.code, args.join(' ')).toBe(2);
      expect(bad.stderr).toMatch(message);
    });
  });

  it('exits 1 when the backend cannot be reached', async () => {
    const { code, stderr } = await run(['--url', 'http://127.0.0.1:9', '--host-key', HOST_KEY]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/cannot reach http:\/\/127\.0\.0\.1:9/);
  });
});
