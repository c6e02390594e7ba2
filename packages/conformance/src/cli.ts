/**
 * `cercle-conformance --url URL --host-key KEY [--only PREFIX]… [--list]`: runs the suite
 * against a backend and prints one line per check, then `N passed, N failed`. Exit code 0
 * when every check passed, 1 when one failed (or the backend cannot be reached), 2 on a usage
 * error. The only file of the package that uses Node's `process`.
 */
import { checks } from './checks/index.js';
import { discard } from './http.js';
import { runConformance, selectChecks } from './run.js';
import type { CheckResult } from './types.js';

export const USAGE = `Usage: cercle-conformance --url URL --host-key KEY [--only PREFIX]... [--list]

Proves over HTTP that the backend at URL speaks the Cercle contract. It creates its own
communities (POST /v1/communities with KEY as the operator key), then runs each one with the
key of its first owner from the answer; it invites hosts, joins members, creates live
sessions, offers and webhooks, so it can run again and again against the same backend.

  --url URL         base URL of the backend, e.g. http://127.0.0.1:8787
  --host-key KEY    the backend's operator key (the reference server's --host-key)
                    (default: the CERCLE_HOST_KEY environment variable)
  --only PREFIX     run only the checks whose id starts with PREFIX (repeatable, or
                    comma-separated: --only membership,offers.reveal)
  --list            list the checks (with --only: those selected) and exit
  -h, --help        this help

Exit code: 0 all passed, 1 a check failed or the backend cannot be reached, 2 usage error.`;

class UsageError extends Error {}

interface Parsed {
  url?: string;
  hostKey?: string;
  only: string[];
  list: boolean;
  help: boolean;
}

export function parseArgs(argv: readonly string[]): Parsed {
  const parsed: Parsed = { only: [], list: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const value = () => {
      const next = inline ?? argv[++i];
      if (next === undefined || next === '') throw new UsageError(`${flag} needs a value`);
      return next;
    };
    switch (flag) {
      case '-h':
      case '--help':
        parsed.help = true;
        break;
      case '--list':
        parsed.list = true;
        break;
      case '--url':
        parsed.url = value();
        break;
      case '--host-key':
        parsed.hostKey = value();
        break;
      case '--only':
        parsed.only.push(
          ...value()
            .split(',')
            .map((p) => p.trim())
            .filter(Boolean),
        );
        break;
      default:
        throw new UsageError(`unknown argument "${arg}"`);
    }
  }
  return parsed;
}

const line = (r: CheckResult) =>
  r.ok ? `✓ ${r.id} — ${r.title}` : `✗ ${r.id} — ${r.title}: ${r.error ?? 'failed'}`;

/** Runs the command; resolves with the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const out = (text: string) => process.stdout.write(`${text}\n`);
  const err = (text: string) => process.stderr.write(`${text}\n`);
  let args: Parsed;
  try {
    args = parseArgs(argv);
    if (args.help) {
      out(USAGE);
      return 0;
    }
    const selected = selectChecks(checks, args.only);
    if (selected.length === 0)
      throw new UsageError(`no check id starts with ${args.only.join(' or ')} (see --list)`);
    if (args.list) {
      for (const c of selected) out(`${c.id} — ${c.title}`);
      return 0;
    }
    args.hostKey ??= process.env['CERCLE_HOST_KEY'] || undefined;
    if (args.url === undefined) throw new UsageError('--url is required');
    if (args.hostKey === undefined)
      throw new UsageError('--host-key (or CERCLE_HOST_KEY) is required');
    let url: URL;
    try {
      url = new URL(args.url);
    } catch {
      throw new UsageError(`--url "${args.url}" is not a URL`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new UsageError(`--url must be http:// or https://, not ${url.protocol}`);
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    err(`cercle-conformance: ${error.message}`);
    err('Run cercle-conformance --help for the usage.');
    return 2;
  }

  const base = args.url.replace(/\/+$/, '');
  try {
    const probe = await fetch(`${base}/v1/health`, { signal: AbortSignal.timeout(10_000) });
    await discard(probe);
  } catch (error) {
    const cause =
      error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
    err(`cercle-conformance: cannot reach ${base}: ${cause}`);
    return 1;
  }

  const report = await runConformance({
    url: base,
    hostKey: args.hostKey,
    only: args.only,
    onResult: (result) => out(line(result)),
    onNote: (note) => err(`  … ${note}`),
  });
  out(`${report.passed} passed, ${report.failed} failed`);
  return report.failed > 0 ? 1 : 0;
}
