/**
 * The `cercle-server` bin, run as a child process. It runs from source (`--conditions=source
 * --import tsx`), so the test needs no build and never tests a stale dist/.
 */
import { demoOwnerKey } from '@cercle/client/demo';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp, openDatabase, openSqliteStore, seedDemo } from '@cercle/server';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { createDatabase } from '../../../test/postgres/server.ts';

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
    await cli.waitFor(/operator key: (\S+) \(generated/);

    const health = await fetch(`${url}/v1/health`);
    expect(await health.json()).toEqual({ ok: true, contract: 1 });
    const community = (await (await fetch(`${url}/v1/communities/maison-verte`)).json()) as {
      memberCount: number;
    };
    expect(community.memberCount).toBe(120);
    const members = await fetch(`${url}/v1/communities/maison-verte/members`, {
      headers: { authorization: `Bearer ${demoOwnerKey('maison-verte')}` },
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
    await cli.waitFor(/operator key: from CERCLE_HOST_KEY/);
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

/** Many runs of the bin each: every one starts Node with tsx (about a second on a busy machine). */
describe('cercle-server communities and hosts', () => {
  async function tempDb(): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'cercle-cli-test-'));
    dirs.push(dir);
    return join(dir, 'brand.db');
  }

  const atelier = (file: string, ...more: string[]) => [
    'communities',
    'create',
    '--db',
    file,
    '--slug',
    'atelier',
    '--name',
    'Atelier Lumière',
    '--privacy-policy',
    'https://atelier.example/privacy',
    ...more,
  ];

  /** The community and token of an invitation link (the token is in the fragment). */
  function linkParts(link: string) {
    const url = new URL(link);
    expect(url.search).toBe('');
    const [route, query] = url.hash.split('?') as [string, string];
    expect(route).toBe('#/accept');
    const params = new URLSearchParams(query);
    return {
      base: `${url.origin}${url.pathname}`,
      community: params.get('community'),
      token: params.get('token') as string,
    };
  }

  it(
    'creates a community and invites a moderator while a server runs on the same file',
    { timeout: 60_000 },
    async () => {
      const file = await tempDb();
      const server = run(['--db', file, '--port', '0']);
      const [, url] = await server.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/);

      const created = run(
        atelier(
          file,
          '--capacity',
          '50',
          '--origin',
          'https://atelier.example',
          '--owner-name',
          'Léa',
          '--owner-email',
          'lea@atelier.example',
        ),
      );
      expect(await created.exited).toBe(0);
      const out = created.output().stdout;
      const [, key] = out.match(/^Owner key: (\S+)$/m) as RegExpMatchArray;
      expect(out).toMatch(/Keep it safe, it is shown once/);
      expect(out).toContain('with its first owner Léa (host_');

      // The running server sees the community at once, and the printed key is its owner's.
      const community = (await (await fetch(`${url}/v1/communities/atelier`)).json()) as {
        name: string;
        capacity: number;
      };
      expect(community).toMatchObject({ name: 'Atelier Lumière', capacity: 50 });
      const me = await fetch(`${url}/v1/host/me`, { headers: { authorization: `Bearer ${key}` } });
      expect(me.status).toBe(200);
      expect(((await me.json()) as { host: { role: string; email: string } }).host).toMatchObject({
        role: 'owner',
        email: 'lea@atelier.example',
      });

      const invited = run([
        'hosts',
        'invite',
        '--db',
        file,
        '--community',
        'atelier',
        '--role',
        'moderator',
        '--name',
        'Camille',
      ]);
      expect(await invited.exited).toBe(0);
      const text = invited.output().stdout;
      expect(text).toMatch(
        /^Invitation for a moderator of "atelier" \(Camille\), valid until \S+Z \(72 h\):$/m,
      );
      const [link] = text.match(/http:\/\/\S+/) as RegExpMatchArray;
      const parts = linkParts(link);
      expect(parts.base).toBe('http://127.0.0.1:8787/console/');
      expect(parts.community).toBe('atelier');

      const accepted = await fetch(`${url}/v1/communities/atelier/invitations/accept`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: parts.token, name: 'Camille' }),
      });
      expect(accepted.status).toBe(201);
      expect(((await accepted.json()) as { host: { role: string } }).host.role).toBe('moderator');
      await server.waitFor(/POST \/v1\/communities\/atelier\/invitations\/accept 201/);
      // The token went in the body, never in a path: the server's log does not have it.
      expect(server.output().stdout).not.toContain(parts.token);
      expect(server.output().stdout).not.toContain(key);

      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
    },
  );

  it('answers JSON with --json, and lists the communities', { timeout: 60_000 }, async () => {
    const file = await tempDb();
    const created = run(
      atelier(file, '--json', '--tagline', 'Lampes et ateliers', '--when-full', 'closed'),
    );
    expect(await created.exited).toBe(0);
    const body = JSON.parse(created.output().stdout) as {
      community: { slug: string; tagline: string; whenFull: string; capacity: null };
      owner: { name: string; role: string; invitedBy: string };
      key: string;
    };
    expect(body.community).toMatchObject({
      slug: 'atelier',
      tagline: 'Lampes et ateliers',
      whenFull: 'closed',
      capacity: null,
    });
    expect(body.owner).toMatchObject({ name: 'Owner', role: 'owner', invitedBy: 'operator' });

    // The key is the owner's, checked in process over the same file.
    const store = openSqliteStore(file);
    const app = createApp({ store, hostKey: 'the-operator-key-0123456789', logger: () => {} });
    const me = await app.request('/v1/host/me', {
      headers: { authorization: `Bearer ${body.key}` },
    });
    expect(me.status).toBe(200);
    await store.close();

    expect(
      await run([
        'communities',
        'create',
        '--db',
        file,
        '--slug',
        'le-fournil',
        '--name',
        'Le Fournil',
        '--privacy-policy',
        'https://fournil.example/p',
        '--capacity',
        '40',
      ]).exited,
    ).toBe(0);

    const list = run(['communities', 'list', '--db', file]);
    expect(await list.exited).toBe(0);
    const lines = list.output().stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^SLUG\s+NAME\s+MEMBERS\s+STATE\s+CREATED$/);
    expect(lines[1]).toMatch(/^atelier\s+Atelier Lumière\s+0\s+open\s+\d{4}-\d\d-\d\d$/);
    expect(lines[2]).toMatch(/^le-fournil\s+Le Fournil\s+0\/40\s+open\s+\d{4}-\d\d-\d\d$/);
    expect(list.output().stdout).not.toContain(body.key);

    const json = run(['communities', 'list', '--db', file, '--json']);
    expect(await json.exited).toBe(0);
    const { communities } = JSON.parse(json.output().stdout) as { communities: { slug: string }[] };
    expect(communities.map((c) => c.slug)).toEqual(['atelier', 'le-fournil']);

    const invited = run([
      'hosts',
      'invite',
      '--db',
      file,
      '--community',
      'le-fournil',
      '--role',
      'analyst',
      '--email',
      'ana@fournil.example',
      '--hours',
      '2',
      '--console-url',
      'https://cercle.fournil.example/console/',
      '--json',
    ]);
    expect(await invited.exited).toBe(0);
    const answer = JSON.parse(invited.output().stdout) as {
      invitation: {
        role: string;
        email: string;
        state: string;
        invitedBy: string;
        createdAt: string;
        expiresAt: string;
      };
      token: string;
      link: string;
    };
    expect(answer.invitation).toMatchObject({
      role: 'analyst',
      email: 'ana@fournil.example',
      state: 'pending',
      invitedBy: 'operator',
    });
    expect(Date.parse(answer.invitation.expiresAt) - Date.parse(answer.invitation.createdAt)).toBe(
      2 * 3_600_000,
    );
    expect(answer.link).toBe(
      `https://cercle.fournil.example/console/#/accept?community=le-fournil&token=${answer.token}`,
    );
  });

  it(
    'refuses invalid fields (exit 2), a taken slug and an unknown community (exit 1)',
    { timeout: 60_000 },
    async () => {
      const file = await tempDb();
      const invite = (...more: string[]) =>
        run(['hosts', 'invite', '--db', file, '--community', 'atelier', ...more]);
      // Refused before the file is opened: these run side by side.
      const bad = run([
        'communities',
        'create',
        '--db',
        file,
        '--slug',
        'Mon_Atelier',
        '--name',
        ' ',
        '--privacy-policy',
        'not-a-url',
        '--origin',
        'atelier.example',
      ]);
      const missing = run(['communities', 'create', '--db', file, '--slug', 'atelier']);
      const capacity = run(atelier(file, '--capacity', 'lots'));
      const noFile = run(['communities', 'list', '--db', file]);

      expect(await bad.exited).toBe(2);
      const { stderr } = bad.output();
      expect(stderr).toContain('slug: must be a lowercase slug (a-z, 0-9, -)');
      expect(stderr).toContain('name: name is required');
      expect(stderr).toMatch(/^ {2}privacyPolicyUrl: /m);
      expect(stderr).toContain('allowedOrigins.0: an origin is scheme://host[:port]');
      expect(await missing.exited).toBe(2);
      expect(missing.output().stderr).toMatch(/missing --name, --privacy-policy/);
      expect(await capacity.exited).toBe(2);
      expect(capacity.output().stderr).toMatch(/--capacity takes a whole number/);
      expect(await noFile.exited).toBe(1);
      expect(noFile.output().stderr).toMatch(/no database file at/);

      expect(await run(atelier(file)).exited).toBe(0);
      const again = run(atelier(file));
      const nobody = run([
        'hosts',
        'invite',
        '--db',
        file,
        '--community',
        'nope',
        '--role',
        'owner',
      ]);
      const role = invite('--role', 'boss', '--hours', '1000');
      const consoleUrl = invite('--role', 'owner', '--console-url', 'ftp://x');

      expect(await again.exited).toBe(1);
      expect(again.output().stderr).toMatch(/The community "atelier" already exists/);
      expect(again.output().stdout).toBe('');
      expect(await nobody.exited).toBe(1);
      expect(nobody.output().stderr).toMatch(/No community "nope"/);
      expect(await role.exited).toBe(2);
      expect(role.output().stderr).toMatch(/^ {2}role: /m);
      expect(role.output().stderr).toContain(
        'expiresInHours: an invitation lasts at most 720 hours',
      );
      expect(await consoleUrl.exited).toBe(2);
      expect(consoleUrl.output().stderr).toMatch(/--console-url takes an http\(s\) URL/);

      // Nothing but the one community was written.
      const check = openDatabase(file);
      const counts = check
        .prepare('SELECT (SELECT COUNT(*) FROM communities), (SELECT COUNT(*) FROM invitations)')
        .raw()
        .get();
      check.close();
      expect(counts).toEqual([1, 0]);
    },
  );

  it(
    'lists the subcommands in --help, and refuses an unknown one with exit code 2',
    { timeout: 60_000 },
    async () => {
      const help = run(['--help']);
      const sub = run(['communities', 'create', '--help']);
      const unknown = run(['frobnicate']);
      const action = run(['hosts', 'fire']);

      expect(await help.exited).toBe(0);
      expect(help.output().stdout).toMatch(
        /communities create[\s\S]*communities list[\s\S]*hosts invite[\s\S]*import-codes/,
      );
      expect(await sub.exited).toBe(0);
      expect(sub.output().stdout).toMatch(/--privacy-policy URL[\s\S]*--owner-email E/);
      expect(await unknown.exited).toBe(2);
      expect(unknown.output().stderr).toMatch(
        /unknown subcommand "frobnicate"[\s\S]*Usage: cercle-server/,
      );
      expect(await action.exited).toBe(2);
      expect(action.output().stderr).toMatch(/unknown action "fire"/);
    },
  );
});

describe('cercle-server on PostgreSQL', () => {
  it(
    'serves from a postgres:// URL (the password never printed); subcommands take CERCLE_DATABASE_URL',
    { timeout: 60_000 },
    async () => {
      const database = await createDatabase(inject('postgresUrl'));
      try {
        const env = { CERCLE_DATABASE_URL: database.url };
        const create = run(
          [
            'communities',
            'create',
            '--slug',
            'pg-atelier',
            '--name',
            'Atelier PG',
            '--privacy-policy',
            'https://atelier.example/privacy',
            '--json',
          ],
          env,
        );
        expect(await create.exited, create.output().stderr).toBe(0);
        const password = new URL(database.url).password;

        const cli = run(
          ['--port', '0', '--pool-size', '3', '--public-url', 'https://cercle.atelier.example'],
          env,
        );
        const [, url] = await cli.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
        const [line] = await cli.waitFor(/database: .*/);
        expect(line).toMatch(/database: postgres:\/\/cercle:\*\*\*@127\.0\.0\.1:\d+\/cercle_/);
        expect(cli.output().stdout).not.toContain(password);
        const community = await fetch(`${url}/v1/communities/pg-atelier`);
        expect(community.status).toBe(200);
        expect(await community.json()).toMatchObject({ slug: 'pg-atelier', name: 'Atelier PG' });

        const list = run(['communities', 'list', '--db', database.url]);
        expect(await list.exited, list.output().stderr).toBe(0);
        expect(list.output().stdout).toMatch(/pg-atelier\s+Atelier PG\s+0\s+open/);

        const bad = run(['--pool-size', '0', '--port', '0'], env);
        expect(await bad.exited).toBe(2);
        expect(bad.output().stderr).toMatch(/--pool-size must be an integer from 1 to 1000/);
        const badUrl = run(['--public-url', 'cercle.example', '--port', '0'], env);
        expect(await badUrl.exited).toBe(2);
        expect(badUrl.output().stderr).toMatch(/--public-url takes an http\(s\) URL/);

        cli.child.kill('SIGTERM');
        expect(await cli.exited).toBe(0);
      } finally {
        await database.drop();
      }
    },
  );
});
