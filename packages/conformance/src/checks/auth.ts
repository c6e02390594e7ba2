/** Identity: member tokens, the host key, the operator key; Bearer only, never a cookie. */
import { expectError, expectUnauthorized, ok } from '../assert.js';
import type { Answer } from '../http.js';
import { check } from './define.js';

/** Refused as unauthenticated (401) or not allowed (403): the contract allows either. */
export const refused = (answer: Answer<unknown>, what: string) =>
  ok(
    answer.status === 401 || answer.status === 403,
    `${what}: ${answer.label} answered ${answer.status}`,
  );

export const authChecks = [
  check(
    'auth.member.missing',
    'a member route without a token is 401 with WWW-Authenticate',
    async (ctx) => {
      const main = await ctx.fx.main();
      expectUnauthorized(await ctx.call('me', { community: main.slug }));
    },
  ),

  check(
    'auth.member.unknown',
    'an unknown member token is 401 with WWW-Authenticate',
    async (ctx) => {
      const main = await ctx.fx.main();
      expectUnauthorized(
        await ctx.call(
          'me',
          { community: main.slug },
          { token: `never-issued-${ctx.run}-0000000000` },
        ),
      );
    },
  ),

  check(
    'auth.member.other-community',
    'a member token of another community is 401',
    async (ctx) => {
      const [alice, full] = [await ctx.fx.alice(), await ctx.fx.full()];
      expectUnauthorized(await ctx.call('me', { community: full.slug }, { token: alice.token }));
    },
  ),

  check('auth.member.bearer-only', 'a token sent other than as Bearer is 401', async (ctx) => {
    const alice = await ctx.fx.alice();
    const answer = await ctx.call(
      'me',
      { community: alice.community },
      { headers: { authorization: `Token ${alice.token}` } },
    );
    expectError(answer, 401, 'unauthorized');
  }),

  check('auth.member.not-host-key', 'the host key is not a member token', async (ctx) => {
    const main = await ctx.fx.main();
    expectError(
      await ctx.call('me', { community: main.slug }, { host: true }),
      401,
      'unauthorized',
    );
  }),

  check('auth.member.leave-needs-token', 'leaving without a token is 401', async (ctx) => {
    const main = await ctx.fx.main();
    expectUnauthorized(await ctx.call('leave', { community: main.slug }));
  }),

  check('auth.member.no-cookie', 'joining sets no cookie', async (ctx) => {
    const alice = await ctx.fx.alice();
    ok(alice.join.headers.get('set-cookie') === null, 'the join answer sets a cookie');
  }),

  check(
    'auth.host.missing',
    'a host route without the host key is 401 with WWW-Authenticate',
    async (ctx) => {
      const main = await ctx.fx.main();
      expectUnauthorized(await ctx.call('listMembers', { community: main.slug }));
    },
  ),

  check('auth.host.wrong', 'a wrong host key is 401', async (ctx) => {
    const main = await ctx.fx.main();
    expectUnauthorized(
      await ctx.call('listMembers', { community: main.slug }, { token: `${main.key}-not` }),
    );
  }),

  check('auth.host.member-token', 'a host route refuses a member token', async (ctx) => {
    const alice = await ctx.fx.alice();
    refused(
      await ctx.call('listMembers', { community: alice.community }, { token: alice.token }),
      'listMembers',
    );
    refused(
      await ctx.call(
        'wallSettings',
        { community: alice.community },
        { token: alice.token, json: { moderation: 'post' } },
      ),
      'wallSettings',
    );
  }),

  check(
    'auth.operator.member-token',
    'creating a community refuses a member token',
    async (ctx) => {
      const alice = await ctx.fx.alice();
      const json = ctx.fx.communityInput('by-member');
      refused(
        await ctx.call('createCommunity', {}, { token: alice.token, json }),
        'createCommunity',
      );
    },
  ),

  check(
    'auth.optional.bad-token',
    'where a token is optional, one that is sent must be valid',
    async (ctx) => {
      const offer = await ctx.fx.offer('unique');
      const token = `never-issued-${ctx.run}-1111111111`;
      expectUnauthorized(
        await ctx.call('getOffer', { community: offer.community, offer: offer.id }, { token }),
      );
    },
  ),
];
