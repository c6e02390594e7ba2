/**
 * The server serves the widgets' script (`/sdk/…`, from @cercle/elements' dist) and the host
 * console (`/console/…`), over real HTTP: types, caching, 304s, and nothing outside the two
 * directories, whatever the path says. Raw paths go through `node:http`, which sends them as
 * they are (fetch would normalize them first).
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { request, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer, type RunningServer, type ServerOptions } from '@cercle/server';
import { afterEach, describe, expect, it } from 'vitest';

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob: https:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
const SECRET = 'SECRET-OUTSIDE-THE-DIST';
const elementsDist = fileURLToPath(new URL('../../elements/dist', import.meta.url));

const servers: RunningServer[] = [];
const dirs: string[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function start(options: Partial<ServerOptions> = {}) {
  const lines: string[] = [];
  const server = await createServer({
    db: ':memory:',
    port: 0,
    logger: (line) => lines.push(line),
    ...options,
  });
  servers.push(server);
  return { url: server.url, lines };
}

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One request with `path` sent exactly as written. */
function raw(
  base: string,
  path: string,
  init: { method?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request(
      { hostname, port, path, method: init.method ?? 'GET', headers: init.headers },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cercle-sdk-test-'));
  dirs.push(dir);
  return dir;
}

async function put(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, text);
}

/** A fake SDK build with a secret beside it and a symlink that points at it. */
async function fakeSdk(): Promise<string> {
  const dir = await tempDir();
  const dist = join(dir, 'dist');
  await put(join(dist, 'cercle.js'), "import './chunks/join-AbCd1234.js';\n");
  await put(join(dist, 'cercle.js.map'), '{"version":3,"sources":[],"mappings":""}');
  await put(join(dist, 'chunks', 'join-AbCd1234.js'), 'export const join = 1;\n');
  await put(join(dist, 'chunks', 'join-AbCd1234.js.map'), '{"version":3}');
  await put(join(dist, 'index.js'), "import 'lit';\n");
  await put(join(dist, '.hidden.js'), SECRET);
  await put(join(dir, 'secret.js'), SECRET);
  await symlink(join(dir, 'secret.js'), join(dist, 'chunks', 'leak.js'));
  return dist;
}

/** A fake console build: index.html and hashed assets. */
async function fakeConsole(): Promise<string> {
  const dir = await tempDir();
  const dist = join(dir, 'console');
  await put(
    join(dist, 'index.html'),
    '<!doctype html><title>Cercle console</title><script type="module" src="./assets/index-Bx9kQ2aZ.js"></script>',
  );
  await put(join(dist, 'assets', 'index-Bx9kQ2aZ.js'), 'console.log("console");\n');
  await put(join(dist, 'assets', 'index-Cq1wE3rT.css'), 'body{margin:0}\n');
  await put(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  await put(join(dir, 'secret.txt'), SECRET);
  return dist;
}

describe('GET /sdk/…', () => {
  it('serves the built cercle.js of @cercle/elements and the chunks it imports', async () => {
    const file = join(elementsDist, 'cercle.js');
    expect(existsSync(file), 'build @cercle/elements first (npm run build)').toBe(true);
    const source = await readFile(file, 'utf8');
    const { url } = await start();

    const script = await fetch(`${url}/sdk/cercle.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('cache-control')).toBe('public, max-age=300');
    expect(script.headers.get('access-control-allow-origin')).toBe('*');
    expect(script.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');
    const etag = script.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(await script.text()).toBe(source);

    // The chunks it imports resolve next to it, under /sdk/chunks/, cached for a year.
    const [chunk] = source.match(/\.\/chunks\/[\w.-]+\.js/) as RegExpMatchArray;
    const loaded = await fetch(new URL(chunk, `${url}/sdk/cercle.js`));
    expect(loaded.status).toBe(200);
    expect(loaded.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(loaded.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(loaded.headers.get('access-control-allow-origin')).toBe('*');

    const again = await fetch(`${url}/sdk/cercle.js`, {
      headers: { 'if-none-match': etag as string, origin: 'https://shop.example' },
    });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    expect(again.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(again.headers.get('cache-control')).toBe('public, max-age=300');
    expect(again.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('answers 304 to a matching If-None-Match, 200 to another; HEAD without a body; maps as JSON', async () => {
    const { url, lines } = await start({ sdkDir: await fakeSdk() });
    const first = await raw(url, '/sdk/cercle.js');
    expect(first.status).toBe(200);
    expect(first.body).toBe("import './chunks/join-AbCd1234.js';\n");
    const etag = first.headers.etag as string;

    for (const tag of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const answer = await raw(url, '/sdk/cercle.js', { headers: { 'if-none-match': tag } });
      expect(answer.status, tag).toBe(304);
    }
    const changed = await raw(url, '/sdk/cercle.js', { headers: { 'if-none-match': '"old"' } });
    expect(changed.status).toBe(200);

    const head = await raw(url, '/sdk/cercle.js', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect(head.headers['content-length']).toBe(String(first.body.length));
    expect(head.headers.etag).toBe(etag);

    const map = await raw(url, '/sdk/cercle.js.map');
    expect(map.status).toBe(200);
    expect(map.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(map.headers['cache-control']).toBe('public, max-age=300');
    const chunkMap = await raw(url, '/sdk/chunks/join-AbCd1234.js.map');
    expect(chunkMap.status).toBe(200);
    expect(chunkMap.headers['cache-control']).toBe('public, max-age=31536000, immutable');

    const post = await raw(url, '/sdk/cercle.js', { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');

    // One log line each, like the API's.
    expect(lines.some((l) => /^GET \/sdk\/cercle\.js\.map 200 \d+ms$/.test(l))).toBe(true);
    expect(lines.some((l) => /^GET \/sdk\/cercle\.js 304 \d+ms$/.test(l))).toBe(true);
    expect(lines.some((l) => /^HEAD \/sdk\/cercle\.js 200 \d+ms$/.test(l))).toBe(true);
  });

  it('refuses every path that leaves the dist, hidden files, and files that are not the bundle', async () => {
    const { url } = await start({ sdkDir: await fakeSdk() });
    const refused = [
      '/sdk/../package.json',
      '/sdk/%2e%2e/package.json',
      '/sdk/%2E%2E/%2e%2E/package.json',
      '/sdk/..%2fsecret.js',
      '/sdk/..%2Fsecret.js',
      '/sdk/%2e%2e%2fsecret.js',
      '/sdk/chunks/..%2f..%2fsecret.js',
      '/sdk/chunks/%2e%2e%2f%2e%2e%2fsecret.js',
      '/sdk/..%5csecret.js',
      '/sdk/chunks/leak.js',
      '/sdk/chunks/%00.js',
      '/sdk/chunks/%E0%A4%A.js',
      '/sdk/.hidden.js',
      '/sdk/%2ehidden.js',
      '/sdk/index.js',
      '/sdk/',
      '/sdk/chunks',
      '/sdk/chunks/',
      '/sdk//cercle.js',
    ];
    for (const path of refused) {
      const answer = await raw(url, path);
      expect(answer.status, path).toBe(404);
      expect(answer.body, path).not.toContain(SECRET);
      expect(answer.body, path).not.toContain('"name": "@cercle/server"');
    }
    // A raw backslash is refused by the HTTP adapter before anything else sees it.
    const backslash = await raw(url, '/sdk/chunks/..\\..\\secret.js');
    expect(backslash.status).toBe(400);
    expect(backslash.body).not.toContain(SECRET);
    // The API is still there, beside it.
    expect((await raw(url, '/v1/health')).status).toBe(200);
  });

  it('is off with serveStatic: false (the API answers its own 404)', async () => {
    const { url } = await start({ serveStatic: false, consoleDir: await fakeConsole() });
    for (const path of ['/sdk/cercle.js', '/console/']) {
      const answer = await fetch(`${url}${path}`);
      expect(answer.status).toBe(404);
      expect(((await answer.json()) as { error: { code: string } }).error.code).toBe('not_found');
    }
  });
});

describe('GET /console/…', () => {
  it('answers a plain 404 saying the console is not built, when it is not', async () => {
    const { url } = await start({ consoleDir: join(await tempDir(), 'missing') });
    const answer = await raw(url, '/console/');
    expect(answer.status).toBe(404);
    expect(answer.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(answer.body).toMatch(/The console is not built/);
    const redirect = await raw(url, '/console?x=1');
    expect(redirect.status).toBe(308);
    expect(redirect.headers.location).toBe('/console/?x=1');
  });

  it('serves index.html with a strict CSP and no-cache, and hashed assets immutable', async () => {
    const { url } = await start({ consoleDir: await fakeConsole() });
    for (const path of ['/console/', '/console/index.html']) {
      const page = await raw(url, path);
      expect(page.status, path).toBe(200);
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(page.headers['cache-control']).toBe('no-cache');
      expect(page.headers['content-security-policy']).toBe(CSP);
      expect(page.headers['x-frame-options']).toBe('DENY');
      expect(page.headers['referrer-policy']).toBe('no-referrer');
      expect(page.headers['access-control-allow-origin']).toBeUndefined();
      expect(page.body).toContain('<title>Cercle console</title>');
      const again = await raw(url, path, { headers: { 'if-none-match': page.headers.etag! } });
      expect(again.status).toBe(304);
    }

    const script = await raw(url, '/console/assets/index-Bx9kQ2aZ.js');
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(script.headers['content-security-policy']).toBeUndefined();
    const style = await raw(url, '/console/assets/index-Cq1wE3rT.css');
    expect(style.headers['content-type']).toBe('text/css; charset=utf-8');
    const icon = await raw(url, '/console/favicon.svg');
    expect(icon.headers['content-type']).toBe('image/svg+xml');
    expect(icon.headers['cache-control']).toBe('no-cache');

    for (const path of [
      '/console/nope.js',
      '/console/assets/',
      '/console/..%2fsecret.txt',
      '/console/assets/..%2f..%2fsecret.txt',
      '/console/%2e%2e/secret.txt',
    ]) {
      const answer = await raw(url, path);
      expect(answer.status, path).toBe(404);
      expect(answer.body, path).not.toContain(SECRET);
    }
    expect((await raw(url, '/console/nope.js')).body).toBe('Not found.\n');
  });
});
