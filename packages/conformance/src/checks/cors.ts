/**
 * CORS, from the community's `allowedOrigins` (exact origins, or `scheme://host:*` for any
 * port): allowed origins are echoed back, others refused; preflights name what widgets send.
 */
import { equal, expectError, expectStatus, ok } from '../assert.js';
import type { Context } from '../context.js';
import { check } from './define.js';

const ALLOWED = 'https://brand.example';

const getCommunity = async (ctx: Context, origin: string) => {
  const main = await ctx.fx.main();
  return ctx.call('getCommunity', { community: main.slug }, { headers: { origin } });
};

const listed = (header: string | null) =>
  (header ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);

async function preflight(ctx: Context, origin: string) {
  const main = await ctx.fx.main();
  return ctx.request(`/v1/communities/${main.slug}/members`, {
    method: 'OPTIONS',
    anyShape: true,
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization, content-type, idempotency-key',
    },
  });
}

export const corsChecks = [
  check(
    'cors.allowed.echo',
    'an allowed origin is echoed in Access-Control-Allow-Origin, with Vary: Origin',
    async (ctx) => {
      const answer = await getCommunity(ctx, ALLOWED);
      expectStatus(answer, 200);
      equal(
        answer.headers.get('access-control-allow-origin'),
        ALLOWED,
        'Access-Control-Allow-Origin',
      );
      ok(
        listed(answer.headers.get('vary')).includes('origin'),
        `Vary is "${answer.headers.get('vary')}"`,
      );
    },
  ),

  check('cors.allowed.any-port', 'http://localhost:* allows localhost on any port', async (ctx) => {
    for (const origin of ['http://localhost:5173', 'http://localhost:41999']) {
      const answer = await getCommunity(ctx, origin);
      expectStatus(answer, 200, origin);
      equal(
        answer.headers.get('access-control-allow-origin'),
        origin,
        `Access-Control-Allow-Origin for ${origin}`,
      );
    }
  }),

  check(
    'cors.allowed.errors',
    'errors reach an allowed origin too (so a widget can read them)',
    async (ctx) => {
      const main = await ctx.fx.main();
      const answer = await ctx.call(
        'me',
        { community: main.slug },
        { headers: { origin: ALLOWED } },
      );
      expectError(answer, 401, 'unauthorized');
      equal(
        answer.headers.get('access-control-allow-origin'),
        ALLOWED,
        'Access-Control-Allow-Origin on a 401',
      );
    },
  ),

  check(
    'cors.disallowed.forbidden',
    'an origin the community does not allow is 403 forbidden, without CORS headers',
    async (ctx) => {
      const answer = await getCommunity(ctx, 'https://evil.example');
      expectError(answer, 403, 'forbidden');
      equal(answer.headers.get('access-control-allow-origin'), null, 'Access-Control-Allow-Origin');
    },
  ),

  check('cors.pattern.strict', 'a port pattern does not match another host', async (ctx) => {
    const answer = await getCommunity(ctx, 'http://localhost.evil.example:5173');
    expectError(answer, 403, 'forbidden');
  }),

  check(
    'cors.preflight.allowed',
    'a preflight from an allowed origin names the methods and headers widgets send',
    async (ctx) => {
      const answer = await preflight(ctx, 'http://localhost:4000');
      ok(answer.status === 204 || answer.status === 200, `the preflight answered ${answer.status}`);
      equal(
        answer.headers.get('access-control-allow-origin'),
        'http://localhost:4000',
        'Access-Control-Allow-Origin',
      );
      const methods = listed(answer.headers.get('access-control-allow-methods'));
      for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
        ok(
          methods.includes(method),
          `Access-Control-Allow-Methods lacks ${method.toUpperCase()}: ${methods.join(', ')}`,
        );
      }
      const headers = listed(answer.headers.get('access-control-allow-headers'));
      for (const header of ['authorization', 'content-type', 'idempotency-key', 'last-event-id']) {
        ok(
          headers.includes(header),
          `Access-Control-Allow-Headers lacks ${header}: ${headers.join(', ')}`,
        );
      }
    },
  ),

  check(
    'cors.preflight.disallowed',
    'a preflight from another origin gets no CORS headers',
    async (ctx) => {
      const answer = await preflight(ctx, 'https://evil.example');
      equal(answer.headers.get('access-control-allow-origin'), null, 'Access-Control-Allow-Origin');
      equal(
        answer.headers.get('access-control-allow-methods'),
        null,
        'Access-Control-Allow-Methods',
      );
    },
  ),

  check('cors.health.any', 'health answers any origin with *', async (ctx) => {
    const answer = await ctx.call('health', {}, { headers: { origin: 'https://anyone.example' } });
    expectStatus(answer, 200);
    equal(answer.headers.get('access-control-allow-origin'), '*', 'Access-Control-Allow-Origin');
  }),

  check(
    'cors.origin.absent',
    'a request without an Origin (server to server) is served',
    async (ctx) => {
      const main = await ctx.fx.main();
      expectStatus(await ctx.call('getCommunity', { community: main.slug }), 200);
    },
  ),

  check('cors.stream.echo', 'the event stream echoes an allowed origin', async (ctx) => {
    const session = await ctx.fx.session('stream');
    const stream = await ctx.events(
      'sessionEvents',
      { community: session.community, session: session.id },
      { headers: { origin: ALLOWED } },
    );
    equal(
      stream.headers.get('access-control-allow-origin'),
      ALLOWED,
      'Access-Control-Allow-Origin',
    );
  }),
];
