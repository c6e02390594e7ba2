/**
 * The `cercle-server` bin, run as a child process. It runs from source (`--conditions=source
 * --import tsx`), so the test needs no build and never tests a stale dist/.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, openSqliteStore, seedDemo } from '@cercle/server';
import { afterEach, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const bin = fileURLToPath(new URL('../bin/cercle-server.js', import.meta.url));

const children: ChildProcessWithoutNullStreams[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

function run(args: string[], env: Record<string, string> = {}) {
  const { CERCLE_HOST_KEY: _, ...parentEnv } = process.env;
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', bin, ...args], {
    cwd: root,
    env: { ...parentEnv, ...env },
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const output = () => ({ stdout, stderr });
  /** Resolves with the first match of `pattern` in stdout. */
  const waitFor = (pattern: RegExp) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const match = stdout.match(pattern);
        if (match) resolve(match);
      };
      child.stdout.on('data', check);
      void exited.then(() => reject(new Error(`exited before ${pattern}: ${stdout}${stderr}`)));
      check();
    });
  return { child, exited, output, waitFor };
}

describe('cercle-server', () => {
  it('starts, seeds, prints the URL and a generated host key, serves, and stops on SIGTERM', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cercle-cli-test-'));
    dirs.push(dir);
    const cli = run(['--db', join(dir, 'cli.db'), '--port', '0', '--seed', 'demo']);
    const [, url] = await cli.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
    const [, hostKey] = await cli.waitFor(/host key: (\S+) \(generated/);

    const health = await fetch(`${url}/v1/health`);
    expect(await health.json()).toEqual({ ok: true, contract: 1 });
    const community = (await (await fetch(`${url}/v1/communities/maison-verte`)).json()) as {
      memberCount: number;
    };
    expect(community.memberCount).toBe(120);
    const members = await fetch(`${url}/v1/communities/maison-verte/members`, {
      headers: { authorization: `Bearer ${hostKey}` },
    });
    expect(members.status).toBe(200);
    await cli.waitFor(/GET \/v1\/communities\/maison-verte\/members 200/);

    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
    await expect(fetch(`${url}/v1/health`)).rejects.toThrow();
  });

  it('takes the host key from CERCLE_HOST_KEY without printing it', async () => {
    const key = 'a-host-key-from-the-env-0123456789';
    const cli = run(['--db', ':memory:', '--port', '0'], { CERCLE_HOST_KEY: key });
    await cli.waitFor(/host key: from CERCLE_HOST_KEY/);
    expect(cli.output().stdout).not.toContain(key);
    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(0);
  });

  it('prints help, and refuses bad flags with exit code 2', async () => {
    const help = run(['--help']);
    expect(await help.exited).toBe(0);
    expect(help.output().stdout).toMatch(/--db FILE[\s\S]*--allow-origin ORIGIN/);

    const bad = run(['--port', 'eighty']);
    expect(await bad.exited).toBe(2);
    expect(bad.output().stderr).toMatch(/--port must be an integer/);

    const unknown = run(['--nope']);
    expect(await unknown.exited).toBe(2);
    expect(unknown.output().stderr).toMatch(/nope/);
  });
});

describe('cercle-server import-codes', () => {
  it('adds codes from a CSV to an offer’s pool, skips duplicates, refuses bad lines, never prints a code', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cercle-cli-test-'));
    dirs.push(dir);
    const file = join(dir, 'codes.db');
    const store = openSqliteStore(file);
    await seedDemo(store);
    const existing = (await store.value<string>('SELECT code FROM offer_codes LIMIT 1')) as string;
    await store.close();
    const target = ['--db', file, '--community', 'maison-verte', '--offer', 'bienvenue-10'];

    const csv = join(dir, 'codes.csv');
    const fresh = ['SHOP-AAA-001', 'SHOP-AAA-002', 'SHOP-"Q"-003'];
    await writeFile(
      csv,
      `\uFEFFcode,note\r\n${fresh[0]},first\r\n${fresh[1]},\r\n\r\n"SHOP-""Q""-003",quoted\r\n${fresh[0]},again\r\n${existing},already there\r\n`,
    );
    const ok = run(['import-codes', ...target, csv]);
    expect(await ok.exited).toBe(0);
    expect(ok.output().stdout).toBe(
      'maison-verte/bienvenue-10: 3 added, 2 duplicates skipped; 203 of 203 codes not yet given out.\n',
    );

    const plain = join(dir, 'plain.csv');
    await writeFile(plain, 'PLAIN-CODE-1\nPLAIN-CODE-2\nPLAIN-CODE-1\n');
    const second = run(['import-codes', ...target, plain]);
    expect(await second.exited).toBe(0);
    expect(second.output().stdout).toMatch(/: 2 added, 1 duplicates skipped; 205 of 205 codes/);

    const bad = join(dir, 'bad.csv');
    await writeFile(bad, 'GOOD-CODE-1\nGOOD-CODE-2\nbad code\nX\nA,B\n');
    const refused = run(['import-codes', ...target, bad]);
    expect(await refused.exited).toBe(1);
    const { stdout, stderr } = refused.output();
    expect(stderr).toContain('nothing imported');
    expect(stderr).toContain('line 3: a code is 3–64 visible ASCII characters');
    expect(stderr).toContain('line 4: a code is 3–64 visible ASCII characters');
    expect(stderr).toContain('line 5: several columns, but no header row naming the "code" column');

    const shared = run([
      'import-codes',
      ...target.slice(0, 4),
      '--offer',
      'livraison-offerte',
      plain,
    ]);
    expect(await shared.exited).toBe(1);
    expect(shared.output().stderr).toMatch(/"livraison-offerte" is shared/);

    const usage = run(['import-codes', '--db', file, csv]);
    expect(await usage.exited).toBe(2);
    expect(usage.output().stderr).toMatch(/missing --community, --offer/);

    const check = openDatabase(file);
    const count = check.prepare('SELECT COUNT(*) FROM offer_codes').pluck().get();
    check.close();
    expect(count).toBe(205);

    const printed = [ok, second, refused, shared, usage]
      .map((r) => r.output().stdout + r.output().stderr)
      .join('\n');
    for (const code of [...fresh, existing, 'PLAIN-CODE-1', 'GOOD-CODE-1', 'bad code']) {
      expect(printed).not.toContain(code);
    }
    expect(stdout).toBe('');
  });
});
