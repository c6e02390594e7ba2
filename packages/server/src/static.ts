/**
 * What the Node server serves besides the API: the widgets' script-tag bundle under `/sdk/`
 * (from the built `dist/` of @cercle/elements: `cercle.js`, the autoloader, and the hashed
 * `chunks/` it imports) and the host console under `/console/` (from the built `dist/` of
 * @cercle/console, when it exists). Files only, read from those two directories: no
 * directory listing, no dotfile, nothing outside them (a path is refused before it is
 * joined, then the real path of the file is checked, so a symlink cannot lead out either).
 *
 * Node only (it reads files); app.ts stays browser-safe. `server.ts` puts it in front of the
 * app: a request it does not own goes on to the API.
 */
import { createHash } from 'node:crypto';
import { readFile, realpath, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, extname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface StaticOptions {
  /** Serve `/sdk/…` and `/console/…` (default `true`); `false` leaves the API alone. */
  serveStatic?: boolean;
  /** Where the SDK's files are; default the `dist/` of @cercle/elements. */
  sdkDir?: string;
  /** Where the console's files are; default the `dist/` of @cercle/console. */
  consoleDir?: string;
}

/** The console's HTML: its own scripts, styles and API only; never framed. */
export const CONSOLE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob: https:; " +
  "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

const IMMUTABLE = 'public, max-age=31536000, immutable';
const SDK_STABLE = 'public, max-age=300';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

const require = createRequire(import.meta.url);

/** A workspace package's `dist/`: through its package.json, else beside this package. */
function distOf(name: string, sibling: string): string {
  try {
    return join(dirname(require.resolve(`${name}/package.json`)), 'dist');
  } catch {
    // Not installed, or its exports hide package.json: the monorepo layout (src/ or dist/
    // of packages/server, two levels under packages/).
    return fileURLToPath(new URL(`../../${sibling}/dist`, import.meta.url));
  }
}

interface Area {
  root: string;
  /** Whether this relative path (segments) may be served at all. */
  allows(segments: readonly string[]): boolean;
  /** Content-hashed: cached for a year. */
  hashed(segments: readonly string[]): boolean;
  /** Cache-Control of a file that is not hashed. */
  stable(segments: readonly string[]): string;
  headers(type: string): Record<string, string>;
  /** The file whose absence means the directory is not built. */
  marker: string;
  /** The 404 text when it is not built. */
  unbuilt: string;
}

const sdkArea = (root: string): Area => ({
  root,
  // The script-tag bundle: cercle.js and the chunks it loads (vite.config.ts, `--mode
  // bundle`), with their source maps. The npm entries beside them import bare specifiers
  // and are not for browsers as they are.
  allows: (s) =>
    (s.length === 1 && (s[0] === 'cercle.js' || s[0] === 'cercle.js.map')) ||
    (s.length >= 2 && s[0] === 'chunks' && /\.js(?:\.map)?$/.test(s[s.length - 1] ?? '')),
  hashed: (s) => s[0] === 'chunks',
  stable: () => SDK_STABLE,
  headers: () => ({
    'Access-Control-Allow-Origin': '*',
    'Cross-Origin-Resource-Policy': 'cross-origin',
  }),
  marker: 'cercle.js',
  unbuilt: 'The SDK is not built: run `npm run build --workspace @cercle/elements`.\n',
});

const consoleArea = (root: string): Area => ({
  root,
  allows: (s) => s.length > 0,
  // vite puts every hashed file in assets/ (its `build.assetsDir`).
  hashed: (s) => s.length >= 2 && s[0] === 'assets',
  stable: () => 'no-cache',
  headers: (type) => ({
    'Cross-Origin-Resource-Policy': 'same-origin',
    ...(type.startsWith('text/html')
      ? {
          'Content-Security-Policy': CONSOLE_CSP,
          'X-Frame-Options': 'DENY',
          'Referrer-Policy': 'no-referrer',
        }
      : {}),
  }),
  marker: 'index.html',
  unbuilt: 'The console is not built: run `npm run build --workspace @cercle/console`.\n',
});

/** One path segment, decoded; `undefined` for anything that could step out or hide. */
function segment(raw: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return undefined;
  }
  if (decoded === '' || decoded.startsWith('.') || /[/\\\0:]/.test(decoded)) return undefined;
  return decoded;
}

interface Cached {
  mtimeMs: number;
  size: number;
  body: Buffer;
  etag: string;
}

const plain = (status: number, text: string, extra: Record<string, string> = {}) =>
  new Response(text, {
    status,
    headers: {
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      ...extra,
    },
  });

const matches = (ifNoneMatch: string | null, etag: string): boolean =>
  ifNoneMatch !== null &&
  ifNoneMatch
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag);

/**
 * Answers `/sdk/…` and `/console/…`; `undefined` for every other path (the API's). Files are
 * read once and kept while their size and modification time stay the same.
 */
export function createStaticHandler(
  options: Omit<StaticOptions, 'serveStatic'> = {},
): (request: Request) => Promise<Response | undefined> {
  const sdk = sdkArea(options.sdkDir ?? distOf('@cercle/elements', 'elements'));
  const admin = consoleArea(options.consoleDir ?? distOf('@cercle/console', 'console'));
  const cache = new Map<string, Cached>();

  async function load(file: string): Promise<Cached> {
    const info = await stat(file);
    if (!info.isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
    const hit = cache.get(file);
    if (hit && hit.mtimeMs === info.mtimeMs && hit.size === info.size) return hit;
    const body = await readFile(file);
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    const entry = { mtimeMs: info.mtimeMs, size: info.size, body, etag };
    // Rebuilds leave the old hashed names behind: start over now and then.
    if (cache.size >= 500) cache.clear();
    cache.set(file, entry);
    return entry;
  }

  async function serve(request: Request, area: Area, rest: string): Promise<Response> {
    const segments = rest.split('/').map(segment);
    const notFound = async () => {
      const built = await stat(join(area.root, area.marker)).then(
        (s) => s.isFile(),
        () => false,
      );
      return plain(404, built ? 'Not found.\n' : area.unbuilt);
    };
    if (segments.some((s) => s === undefined)) return plain(404, 'Not found.\n');
    const parts = segments as string[];
    if (!area.allows(parts)) return notFound();

    let file: string;
    let entry: Cached;
    try {
      const root = await realpath(area.root);
      file = await realpath(join(root, ...parts));
      if (!file.startsWith(root + sep)) return plain(404, 'Not found.\n');
      entry = await load(file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return notFound();
      throw error;
    }

    const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
    // Content-Type on a 304 too: a cache updates its stored headers from it (and Node's
    // adapter would otherwise add text/plain).
    const headers: Record<string, string> = {
      'Content-Type': type,
      'Cache-Control': area.hashed(parts) ? IMMUTABLE : area.stable(parts),
      ETag: entry.etag,
      'X-Content-Type-Options': 'nosniff',
      ...area.headers(type),
    };
    if (matches(request.headers.get('if-none-match'), entry.etag)) {
      return new Response(null, { status: 304, headers });
    }
    headers['Content-Length'] = String(entry.body.length);
    const body = request.method === 'HEAD' ? null : new Uint8Array(entry.body);
    return new Response(body, { status: 200, headers });
  }

  return async (request) => {
    const url = new URL(request.url);
    const path = url.pathname;
    const area = path.startsWith('/sdk/')
      ? sdk
      : path === '/console' || path.startsWith('/console/')
        ? admin
        : undefined;
    if (area === undefined) return undefined;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return plain(405, 'Method not allowed: GET or HEAD only.\n', { Allow: 'GET, HEAD' });
    }
    if (path === '/console') {
      // Its relative asset URLs need the trailing slash.
      return new Response(null, {
        status: 308,
        headers: { Location: `/console/${url.search}`, 'Cache-Control': 'no-store' },
      });
    }
    let rest = path.slice(area === sdk ? '/sdk/'.length : '/console/'.length);
    if (area === admin && (rest === '' || rest.endsWith('/'))) rest += 'index.html';
    return serve(request, area, rest);
  };
}

type Fetch<A extends unknown[]> = (request: Request, ...rest: A) => Response | Promise<Response>;

/**
 * `fetch` with the SDK and the console in front (unless `serveStatic: false`), each static
 * answer logged like the API's (`<METHOD> <path> <status> <ms>ms`).
 */
export function withStatic<A extends unknown[]>(
  fetch: Fetch<A>,
  options: StaticOptions,
  log: (line: string) => void,
): Fetch<A> {
  if (options.serveStatic === false) return fetch;
  const files = createStaticHandler(options);
  return async (request, ...rest) => {
    const started = performance.now();
    let answer: Response | undefined;
    try {
      answer = await files(request);
    } catch (error) {
      log(
        `error ${request.method} ${new URL(request.url).pathname.slice(0, 200)}: ${String(error)}`,
      );
      answer = plain(500, 'Something went wrong on the server.\n');
    }
    if (answer === undefined) return fetch(request, ...rest);
    const ms = Math.round(performance.now() - started);
    log(
      `${request.method} ${new URL(request.url).pathname.slice(0, 200)} ${answer.status} ${ms}ms`,
    );
    return answer;
  };
}
