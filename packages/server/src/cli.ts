/** `cercle-server`: the reference backend from the command line. */
import { CommunityInput, type HostCommunity } from '@cercle/client';
import { InvitationInput, INVITATION_HOURS_DEFAULT } from '@cercle/client/admin';
import { demoCommunities, demoOwnerKey } from '@cercle/client/demo';
import { parseArgs } from 'node:util';
import * as v from 'valibot';
import { createCommunity, listCommunities } from './communities/rules.js';
import { ApiError } from './core/errors.js';
import { invite } from './hosts/rules.js';
import { requireCommunityRow } from './membership/rules.js';
import { importCodesCommand } from './offers-cli.js';
import { createServer, type RunningServer } from './server.js';
import { createsDatabase, databaseOf, describeDatabase, openStoreAt } from './cli-db.js';
import type { Store } from './store/store.js';

const USAGE = `Usage: cercle-server [options]
       cercle-server <subcommand> [options]

Serves the Cercle API over HTTP, with its data in a SQLite file or in PostgreSQL, and the
widgets' script (/sdk/cercle.js) and the host console (/console/).

Options:
  --db FILE|URL          SQLite database file, created if missing, or a PostgreSQL URL
                         (postgres://user:password@host:5432/db) shared by several
                         instances (default $CERCLE_DATABASE_URL, else ./cercle.db)
  --pool-size N          PostgreSQL connections of this instance (default 10)
  --port N               TCP port, 0 for any free port (default 8787)
  --host H               interface to bind (default 127.0.0.1)
  --seed demo            create the demo communities (maison-verte, le-fournil) and
                         live sessions (dimanche-live, jeudi-pain) if missing
  --host-key K           the operator key: creates communities and invites their first
                         owner (default: $CERCLE_HOST_KEY, else a generated one)
  --allow-origin ORIGIN  allow this browser origin for every community; repeatable;
                         http://localhost:* means any port
  --trust-proxy          take client IPs from X-Forwarded-For (behind your own proxy only)
  --public-url URL       the address visitors use, e.g. https://cercle.brand.example: the
                         base of absolute URLs in answers (photos) behind a proxy
  -h, --help             show this help

Environment:
  CERCLE_HOST_KEY        the operator key, when --host-key is not given
  CERCLE_DATABASE_URL    the database, when --db is not given

Subcommands (on the database directly, as the operator; servers may be running on it):
  communities create     create a community and its first owner; prints the owner key once
  communities list       list the communities
  hosts invite           invite an owner, moderator or analyst; prints the invitation link
  import-codes           add unique promo codes from a CSV file to an offer

  cercle-server <subcommand> --help shows its options.
`;

const COMMUNITIES_USAGE = `Usage: cercle-server communities create --db DB --slug S --name N --privacy-policy URL [options]
       cercle-server communities list --db DB [--json]

Creates or lists communities, straight in the database, as the operator (whoever may write
the database may do this; no key is needed). Servers may be running on the same database.
`;

const CREATE_USAGE = `Usage: cercle-server communities create --db DB --slug S --name N --privacy-policy URL [options]

Creates the community S with its first owner, and prints the owner's key: once, only its
hash is stored. Exit code 0 created, 1 refused (the slug is taken), 2 usage or invalid field.

Options:
  --db DB                  the server's database: a SQLite file (created if missing) or a
                           PostgreSQL URL (default $CERCLE_DATABASE_URL)
  --slug S                 the community's id in URLs and tags: a-z, 0-9 and -
  --name N                 its display name
  --privacy-policy URL     the privacy policy the join form links to
  --tagline T              one line under the name
  --capacity N             most active members (default: no limit)
  --when-full MODE         waitlist (default) or closed, once the capacity is reached
  --origin O               a site allowed to embed it, e.g. https://shop.example; repeatable
  --owner-name NAME        the first owner's name (default "Owner")
  --owner-email E          the first owner's email
  --json                   print the answer as JSON ({ community, owner, key })
  -h, --help               show this help
`;

const LIST_USAGE = `Usage: cercle-server communities list --db DB [--json]

Lists every community, archived ones included.

Options:
  --db DB                  the server's database: a SQLite file or a PostgreSQL URL
                           (default $CERCLE_DATABASE_URL)
  --json                   print { communities: [...] } as JSON
  -h, --help               show this help
`;

const DEFAULT_CONSOLE_URL = 'http://127.0.0.1:8787/console';

const HOSTS_USAGE = `Usage: cercle-server hosts invite --db DB --community S --role ROLE [options]

Creates a single-use invitation into the community S, as the operator, and prints its link:
<console-url>/#/accept?community=S&token=T. The token is in the URL's fragment (after #),
which browsers never send to a server, so it stays out of every log. Whoever opens the link
first, before it expires, gets the host account and its key. Exit code 0 created, 1 refused
(no such community), 2 usage or invalid field.

Options:
  --db DB                  the server's database: a SQLite file or a PostgreSQL URL
                           (default $CERCLE_DATABASE_URL)
  --community S            the community's slug
  --role ROLE              owner, moderator or analyst
  --name N                 who it is for (shown in the team list until accepted)
  --email E                their email
  --hours H                hours until the link stops working, 1–720 (default ${INVITATION_HOURS_DEFAULT})
  --console-url URL        where the console is served (default ${DEFAULT_CONSOLE_URL})
  --json                   print { invitation, token, link } as JSON
  -h, --help               show this help
`;

const SUBCOMMANDS: Record<string, (argv: readonly string[]) => Promise<void>> = {
  communities: communitiesCommand,
  hosts: hostsCommand,
  'import-codes': importCodesCommand,
};

/** Runs the CLI; resolves with the running server, or undefined after --help or a usage error. */
export async function main(argv: readonly string[]): Promise<RunningServer | undefined> {
  const [first, ...rest] = argv;
  if (first !== undefined && !first.startsWith('-')) {
    const command = Object.hasOwn(SUBCOMMANDS, first) ? SUBCOMMANDS[first] : undefined;
    if (command === undefined) return usageError(`unknown subcommand "${first}"`);
    await command(rest);
    return undefined;
  }
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        db: { type: 'string' },
        'pool-size': { type: 'string' },
        port: { type: 'string', default: '8787' },
        host: { type: 'string', default: '127.0.0.1' },
        seed: { type: 'string' },
        'host-key': { type: 'string' },
        'allow-origin': { type: 'string', multiple: true, default: [] },
        'trust-proxy': { type: 'boolean', default: false },
        'public-url': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    return usageError((error as Error).message);
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return undefined;
  }
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port > 65535) {
    return usageError(`--port must be an integer from 0 to 65535, not "${values.port}"`);
  }
  if (values.seed !== undefined && values.seed !== 'demo') {
    return usageError(`--seed knows only "demo", not "${values.seed}"`);
  }
  const badOrigin = values['allow-origin'].find((o) => !/^https?:\/\/[^/\s]+$/i.test(o));
  if (badOrigin !== undefined) {
    return usageError(
      `--allow-origin takes an origin like https://shop.example, not "${badOrigin}"`,
    );
  }
  const publicUrl = values['public-url'];
  if (publicUrl !== undefined && !/^https?:\/\/[^/\s?#]+(?:\/[^\s?#]*)?$/i.test(publicUrl)) {
    return usageError(
      `--public-url takes an http(s) URL without query or fragment, like https://cercle.brand.example, not "${publicUrl}"`,
    );
  }
  const hostKey = values['host-key'] ?? (process.env['CERCLE_HOST_KEY'] || undefined);
  if (hostKey !== undefined && hostKey.length < 16) {
    return usageError(
      'the operator key (--host-key or CERCLE_HOST_KEY) must be at least 16 characters',
    );
  }

  const poolSize = values['pool-size'] === undefined ? undefined : Number(values['pool-size']);
  if (
    poolSize !== undefined &&
    !(/^\d+$/.test(values['pool-size']!) && poolSize >= 1 && poolSize <= 1000)
  ) {
    return usageError(
      `--pool-size must be an integer from 1 to 1000, not "${values['pool-size']}"`,
    );
  }
  const db = databaseOf(values.db, './cercle.db')!;
  const server = await createServer({
    db,
    ...(poolSize === undefined ? {} : { poolSize }),
    port,
    host: values.host,
    ...(values.seed === 'demo' ? { seed: 'demo' as const } : {}),
    ...(hostKey === undefined ? {} : { hostKey }),
    allowedOrigins: values['allow-origin'],
    trustProxy: values['trust-proxy'],
    ...(publicUrl === undefined ? {} : { publicUrl }),
    logger: (line) => console.log(`${new Date().toISOString()} ${line}`),
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    console.log(`${signal}: stopping`);
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));

  const source = values['host-key'] !== undefined ? '--host-key' : 'CERCLE_HOST_KEY';
  console.log(`Cercle server listening on ${server.url}`);
  console.log(
    `  database: ${describeDatabase(db)}${values.seed === 'demo' ? ' (demo seeded)' : ''}`,
  );
  console.log(
    server.hostKeyGenerated
      ? `  operator key: ${server.hostKey} (generated for this run; set CERCLE_HOST_KEY or --host-key to keep one)`
      : `  operator key: from ${source} (not printed)`,
  );
  if (values.seed === 'demo') {
    console.log(
      `  demo owner keys: ${demoCommunities.map((c) => `${c.slug}: ${demoOwnerKey(c.slug)}`).join(', ')} (demo only)`,
    );
  }

  return server;
}

function usageError(message: string): undefined {
  process.stderr.write(`cercle-server: ${message}\n\n${USAGE}`);
  process.exitCode = 2;
  return undefined;
}

// ---------------------------------------------------------------------------------------
// Subcommands: the brand's side from a terminal
// ---------------------------------------------------------------------------------------

/** Prints `message` and the usage to stderr; exit code 2. */
function usageOf(command: string, usage: string, message: string): void {
  process.stderr.write(`cercle-server ${command}: ${message}\n\n${usage}`);
  process.exitCode = 2;
}

/** Prints `message` to stderr; exit code 1 (refused). */
function refuse(command: string, message: string): void {
  process.stderr.write(`cercle-server ${command}: ${message}\n`);
  process.exitCode = 1;
}

/** Each issue as `path: message`, the field named as in the API; exit code 2. */
function invalid(command: string, issues: readonly v.BaseIssue<unknown>[]): void {
  const lines = issues.map((issue) => `  ${v.getDotPath(issue) ?? '(input)'}: ${issue.message}`);
  process.stderr.write(
    `cercle-server ${command}: nothing done, fix these first:\n${lines.join('\n')}\n` +
      `(cercle-server ${command} --help shows the options)\n`,
  );
  process.exitCode = 2;
}

/** `--db` (else CERCLE_DATABASE_URL): an absolute file path or a URL; undefined after a usage error. */
function dbPath(command: string, usage: string, flag: string | undefined): string | undefined {
  const db = databaseOf(flag);
  if (db === undefined) return void usageOf(command, usage, 'missing --db');
  if (db === ':memory:') return void usageOf(command, usage, '--db takes a file, not :memory:');
  return db;
}

/** Opens the server's existing database; undefined (exit 1) when there is none or it cannot be reached. */
async function openExisting(command: string, db: string): Promise<Store | undefined> {
  try {
    return await openStoreAt(db, { existing: true });
  } catch (error) {
    return void refuse(command, (error as Error).message);
  }
}

const whole = (flag: string, value: string | undefined): number | undefined | Error => {
  if (value === undefined) return undefined;
  return /^\d{1,9}$/.test(value)
    ? Number(value)
    : new Error(`${flag} takes a whole number, not "${value}"`);
};

const print = (value: unknown): void => {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
};

async function communitiesCommand(argv: readonly string[]): Promise<void> {
  const [action, ...rest] = argv;
  if (action === 'create') return createCommunityCommand(rest);
  if (action === 'list') return listCommunitiesCommand(rest);
  if (action === '-h' || action === '--help') {
    process.stdout.write(COMMUNITIES_USAGE);
    return;
  }
  usageOf(
    'communities',
    COMMUNITIES_USAGE,
    action === undefined ? 'say create or list' : `unknown action "${action}"`,
  );
}

async function createCommunityCommand(argv: readonly string[]): Promise<void> {
  const command = 'communities create';
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        db: { type: 'string' },
        slug: { type: 'string' },
        name: { type: 'string' },
        'privacy-policy': { type: 'string' },
        tagline: { type: 'string' },
        capacity: { type: 'string' },
        'when-full': { type: 'string' },
        origin: { type: 'string', multiple: true, default: [] },
        'owner-name': { type: 'string' },
        'owner-email': { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    return usageOf(command, CREATE_USAGE, (error as Error).message);
  }
  if (values.help) {
    process.stdout.write(CREATE_USAGE);
    return;
  }
  const missing = (['slug', 'name', 'privacy-policy'] as const).filter(
    (k) => values[k] === undefined,
  );
  if (missing.length > 0) {
    return usageOf(command, CREATE_USAGE, `missing ${missing.map((k) => `--${k}`).join(', ')}`);
  }
  const capacity = whole('--capacity', values.capacity);
  if (capacity instanceof Error) return usageOf(command, CREATE_USAGE, capacity.message);
  const file = dbPath(command, CREATE_USAGE, values.db);
  if (file === undefined) return;

  const ownerGiven = values['owner-name'] !== undefined || values['owner-email'] !== undefined;
  const parsed = v.safeParse(CommunityInput, {
    slug: values.slug,
    name: values.name,
    privacyPolicyUrl: values['privacy-policy'],
    ...(values.tagline === undefined ? {} : { tagline: values.tagline }),
    ...(capacity === undefined ? {} : { capacity }),
    ...(values['when-full'] === undefined ? {} : { whenFull: values['when-full'] }),
    ...(values.origin.length === 0 ? {} : { allowedOrigins: values.origin }),
    ...(ownerGiven
      ? {
          owner: {
            name: values['owner-name'] ?? 'Owner',
            ...(values['owner-email'] === undefined ? {} : { email: values['owner-email'] }),
          },
        }
      : {}),
  });
  if (!parsed.success) return invalid(command, parsed.issues);

  const created = createsDatabase(file);
  let store: Store;
  try {
    store = await openStoreAt(file);
  } catch (error) {
    return refuse(command, (error as Error).message);
  }
  try {
    const { body } = await createCommunity(store, parsed.output, new Date());
    if (values.json) return print(body);
    const { community, owner, key } = body;
    process.stdout.write(
      `Created the community "${community.slug}" (${community.name}) in ${describeDatabase(file)}${created ? ' (a new database file)' : ''},\n` +
        `with its first owner ${owner.name} (${owner.id}).\n\n` +
        `Owner key: ${key}\n\n` +
        'Keep it safe, it is shown once: only its hash is stored. It signs the owner in to the\n' +
        'console, and authorizes the host API (Authorization: Bearer <key>). If it is lost,\n' +
        'invite a new owner:\n' +
        `  cercle-server hosts invite --db ${describeDatabase(file)} --community ${community.slug} --role owner\n`,
    );
  } catch (error) {
    if (error instanceof ApiError) return refuse(command, error.message);
    throw error;
  } finally {
    await store.close();
  }
}

function joinState(c: HostCommunity): string {
  if (c.archived) return 'archived';
  return c.joinState;
}

async function listCommunitiesCommand(argv: readonly string[]): Promise<void> {
  const command = 'communities list';
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        db: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    return usageOf(command, LIST_USAGE, (error as Error).message);
  }
  if (values.help) {
    process.stdout.write(LIST_USAGE);
    return;
  }
  const file = dbPath(command, LIST_USAGE, values.db);
  if (file === undefined) return;
  const store = await openExisting(command, file);
  if (store === undefined) return;
  try {
    const communities = await listCommunities(store);
    if (values.json) return print({ communities });
    if (communities.length === 0) {
      process.stdout.write(
        'No community yet: cercle-server communities create --help tells how to make one.\n',
      );
      return;
    }
    const rows = [
      ['SLUG', 'NAME', 'MEMBERS', 'STATE', 'CREATED'],
      ...communities.map((c) => [
        c.slug,
        c.name,
        c.capacity === null ? String(c.memberCount) : `${c.memberCount}/${c.capacity}`,
        joinState(c),
        c.createdAt.slice(0, 10),
      ]),
    ];
    const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
    for (const row of rows) {
      process.stdout.write(
        `${row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ')}\n`,
      );
    }
  } finally {
    await store.close();
  }
}

async function hostsCommand(argv: readonly string[]): Promise<void> {
  const [action, ...rest] = argv;
  if (action === 'invite') return inviteCommand(rest);
  if (action === '-h' || action === '--help') {
    process.stdout.write(HOSTS_USAGE);
    return;
  }
  usageOf('hosts', HOSTS_USAGE, action === undefined ? 'say invite' : `unknown action "${action}"`);
}

async function inviteCommand(argv: readonly string[]): Promise<void> {
  const command = 'hosts invite';
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        db: { type: 'string' },
        community: { type: 'string' },
        role: { type: 'string' },
        name: { type: 'string' },
        email: { type: 'string' },
        hours: { type: 'string' },
        'console-url': { type: 'string', default: DEFAULT_CONSOLE_URL },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    return usageOf(command, HOSTS_USAGE, (error as Error).message);
  }
  if (values.help) {
    process.stdout.write(HOSTS_USAGE);
    return;
  }
  const missing = (['community', 'role'] as const).filter((k) => values[k] === undefined);
  if (missing.length > 0) {
    return usageOf(command, HOSTS_USAGE, `missing ${missing.map((k) => `--${k}`).join(', ')}`);
  }
  const hours = whole('--hours', values.hours);
  if (hours instanceof Error) return usageOf(command, HOSTS_USAGE, hours.message);
  const consoleUrl = values['console-url'].replace(/\/+$/, '');
  if (!/^https?:\/\/[^/\s?#]+(?:\/[^\s?#]*)?$/i.test(consoleUrl)) {
    return usageOf(
      command,
      HOSTS_USAGE,
      `--console-url takes an http(s) URL without query or fragment, like ${DEFAULT_CONSOLE_URL}`,
    );
  }
  const file = dbPath(command, HOSTS_USAGE, values.db);
  if (file === undefined) return;
  const parsed = v.safeParse(InvitationInput, {
    role: values.role,
    ...(values.name === undefined ? {} : { name: values.name }),
    ...(values.email === undefined ? {} : { email: values.email }),
    ...(hours === undefined ? {} : { expiresInHours: hours }),
  });
  if (!parsed.success) return invalid(command, parsed.issues);

  const store = await openExisting(command, file);
  if (store === undefined) return;
  const slug = values.community as string;
  try {
    const now = new Date();
    const { invitation, token } = await store.write(slug, async (tx) => {
      await requireCommunityRow(tx, slug);
      return invite(tx, slug, parsed.output, { kind: 'operator' }, now);
    });
    const link = `${consoleUrl}/#/accept?community=${encodeURIComponent(slug)}&token=${encodeURIComponent(token)}`;
    if (values.json) return print({ invitation, token, link });
    const hoursLeft = Math.round((Date.parse(invitation.expiresAt) - now.getTime()) / 3_600_000);
    const article = invitation.role === 'owner' ? 'an' : 'a';
    process.stdout.write(
      `Invitation for ${article} ${invitation.role} of "${slug}"${invitation.name ? ` (${invitation.name})` : ''}, ` +
        `valid until ${invitation.expiresAt} (${hoursLeft} h):\n\n` +
        `  ${link}\n\n` +
        'Send it to that person only: it works once, and it is shown once. Whoever opens it\n' +
        'first gets the host account and its key.\n',
    );
  } catch (error) {
    if (error instanceof ApiError) return refuse(command, error.message);
    throw error;
  } finally {
    await store.close();
  }
}
