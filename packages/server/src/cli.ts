/** `cercle-server`: the reference backend from the command line. */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { importCodesCommand } from './offers-cli.js';
import { createServer, type RunningServer } from './server.js';

const USAGE = `Usage: cercle-server [options]
       cercle-server import-codes --db FILE --community C --offer O CODES.csv

Serves the Cercle API over HTTP, with its data in a SQLite file.

Options:
  --db FILE              SQLite database file, created if missing (default ./cercle.db)
  --port N               TCP port, 0 for any free port (default 8787)
  --host H               interface to bind (default 127.0.0.1)
  --seed demo            create the demo communities (maison-verte, le-fournil) and
                         live sessions (dimanche-live, jeudi-pain) if missing
  --host-key K           the host key (default: $CERCLE_HOST_KEY, else a generated one)
  --allow-origin ORIGIN  allow this browser origin for every community; repeatable;
                         http://localhost:* means any port
  --trust-proxy          take client IPs from X-Forwarded-For (behind your own proxy only)
  -h, --help             show this help

Environment:
  CERCLE_HOST_KEY        the host key, when --host-key is not given

Subcommands:
  import-codes           add unique promo codes from a CSV file to an offer
                         (cercle-server import-codes --help)
`;

/** Runs the CLI; resolves with the running server, or undefined after --help or a usage error. */
export async function main(argv: readonly string[]): Promise<RunningServer | undefined> {
  if (argv[0] === 'import-codes') {
    await importCodesCommand(argv.slice(1));
    return undefined;
  }
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        db: { type: 'string', default: './cercle.db' },
        port: { type: 'string', default: '8787' },
        host: { type: 'string', default: '127.0.0.1' },
        seed: { type: 'string' },
        'host-key': { type: 'string' },
        'allow-origin': { type: 'string', multiple: true, default: [] },
        'trust-proxy': { type: 'boolean', default: false },
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
  const hostKey = values['host-key'] ?? (process.env['CERCLE_HOST_KEY'] || undefined);
  if (hostKey !== undefined && hostKey.length < 16) {
    return usageError(
      'the host key (--host-key or CERCLE_HOST_KEY) must be at least 16 characters',
    );
  }

  const db = values.db === ':memory:' ? values.db : resolve(values.db);
  const server = await createServer({
    db,
    port,
    host: values.host,
    ...(values.seed === 'demo' ? { seed: 'demo' as const } : {}),
    ...(hostKey === undefined ? {} : { hostKey }),
    allowedOrigins: values['allow-origin'],
    trustProxy: values['trust-proxy'],
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
  console.log(`  database: ${db}${values.seed === 'demo' ? ' (demo seeded)' : ''}`);
  console.log(
    server.hostKeyGenerated
      ? `  host key: ${server.hostKey} (generated for this run; set CERCLE_HOST_KEY or --host-key to keep one)`
      : `  host key: from ${source} (not printed)`,
  );

  return server;
}

function usageError(message: string): undefined {
  process.stderr.write(`cercle-server: ${message}\n\n${USAGE}`);
  process.exitCode = 2;
  return undefined;
}
