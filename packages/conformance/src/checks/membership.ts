/** Joining: consent, validation, capacity, the waitlist, `me` and the member list. */
import { expectError, expectInvalid, expectStatus, equal, ok, show } from '../assert.js';
import type { Context } from '../context.js';
import type { Member } from '../fixtures.js';
import { check } from './define.js';

/** A join attempt on the main community with `json` (the consent filled in unless given). */
async function tryJoin(ctx: Context, json: Record<string, unknown>) {
  const main = await ctx.fx.main();
  const body = { consent: { version: main.consentVersion, accepted: true }, ...json };
  return ctx.call('join', { community: main.slug }, { json: body });
}

const me = (ctx: Context, member: Member) =>
  ctx.call('me', { community: member.community }, { token: member.token });

/** The queue community (capacity 1, waitlist) with three members joined in order. */
function queue(ctx: Context) {
  return ctx.fx.once('queue', async () => {
    const first = await ctx.fx.member('first', { community: 'queue' });
    const second = await ctx.fx.member('second', { community: 'queue' });
    const third = await ctx.fx.member('third', { community: 'queue' });
    return { first, second, third };
  });
}

export const membershipChecks = [
  check(
    'membership.join.created',
    'joining an open community answers 201, active, with a token',
    async (ctx) => {
      const alice = await ctx.fx.alice();
      equal(alice.join.status, 201, 'status');
      const { member, token } = alice.join.data;
      equal(member.status, 'active', 'member.status');
      ok(member.waitlistPosition === undefined, 'an active member has no waitlistPosition');
      ok(token.length >= 20, 'the token is at least 20 characters');
    },
  ),

  check('membership.join.distinct', 'two members get different ids and tokens', async (ctx) => {
    const [alice, bob] = [await ctx.fx.alice(), await ctx.fx.bob()];
    ok(alice.id !== bob.id, 'two members share an id');
    ok(alice.token !== bob.token, 'two members share a token');
  }),

  check('membership.join.trims-name', 'the display name is trimmed', async (ctx) => {
    const carol = await ctx.fx.carol();
    equal(carol.displayName, `Carol ${ctx.run}`, 'displayName');
  }),

  check(
    'membership.join.consent-required',
    'a join without consent is 400 on consent',
    async (ctx) => {
      const main = await ctx.fx.main();
      const answer = await ctx.call(
        'join',
        { community: main.slug },
        { json: { displayName: `No consent ${ctx.run}` } },
      );
      expectInvalid(answer, 'consent');
    },
  ),

  check(
    'membership.join.consent-accepted',
    'consent.accepted false is 400 on consent.accepted',
    async (ctx) => {
      const main = await ctx.fx.main();
      const answer = await tryJoin(ctx, {
        displayName: 'Refuses',
        consent: { version: main.consentVersion, accepted: false },
      });
      expectInvalid(answer, 'consent.accepted');
    },
  ),

  check(
    'membership.join.consent-version',
    'a consent version that is not the current one is 400 on consent.version',
    async (ctx) => {
      const answer = await tryJoin(ctx, {
        displayName: 'Old text',
        consent: { version: `old-${ctx.run}`, accepted: true },
      });
      expectInvalid(answer, 'consent.version');
    },
  ),

  check(
    'membership.join.name-required',
    'a blank display name is 400 on displayName',
    async (ctx) => {
      expectInvalid(await tryJoin(ctx, { displayName: '   ' }), 'displayName');
    },
  ),

  check(
    'membership.join.name-too-long',
    'a 61-character display name is 400 on displayName',
    async (ctx) => {
      expectInvalid(await tryJoin(ctx, { displayName: 'n'.repeat(61) }), 'displayName');
    },
  ),

  check(
    'membership.join.email-invalid',
    'an email that is not an address is 400 on email',
    async (ctx) => {
      expectInvalid(
        await tryJoin(ctx, { displayName: 'Bad mail', email: 'not-an-email' }),
        'email',
      );
    },
  ),

  check('membership.join.unknown-community', 'joining an unknown community is 404', async (ctx) => {
    const answer = await ctx.call(
      'join',
      { community: ctx.fx.slug('nowhere') },
      { json: { displayName: 'Lost', consent: { version: '1', accepted: true } } },
    );
    expectError(answer, 404, 'not_found');
  }),

  check(
    'membership.me.active',
    'me answers the member with the community’s invites',
    async (ctx) => {
      const [alice, main] = [await ctx.fx.alice(), await ctx.fx.main()];
      const body = expectStatus(await me(ctx, alice), 200);
      equal(body.member.id, alice.id, 'member.id');
      equal(body.member.displayName, alice.displayName, 'member.displayName');
      equal(body.member.status, 'active', 'member.status');
      equal(body.invites, main.info.invites, 'invites');
    },
  ),

  check(
    'membership.me.waitlisted',
    'a waitlisted member sees no invites, and their position',
    async (ctx) => {
      const waiting = await ctx.fx.waitlisted();
      const body = expectStatus(await me(ctx, waiting), 200);
      equal(body.member.status, 'waitlisted', 'member.status');
      equal(body.invites, [], 'invites of a waitlisted member');
      equal(body.member.waitlistPosition, 1, 'member.waitlistPosition');
    },
  ),

  check(
    'membership.members.host-list',
    'the host’s member list has the members, count included',
    async (ctx) => {
      const [alice, bob, main] = [await ctx.fx.alice(), await ctx.fx.bob(), await ctx.fx.main()];
      const list = expectStatus(
        await ctx.call('listMembers', { community: main.slug }, { host: true }),
        200,
      );
      const ids = list.members.map((m) => m.id);
      ok(ids.includes(alice.id) && ids.includes(bob.id), `the list lacks a member: ${show(ids)}`);
      equal(list.count, list.members.length, 'count');
    },
  ),

  check('membership.members.count', 'memberCount counts the active members', async (ctx) => {
    const main = await ctx.fx.main();
    await ctx.fx.alice();
    const list = expectStatus(
      await ctx.call('listMembers', { community: main.slug }, { host: true }),
      200,
    );
    const info = expectStatus(await ctx.call('getCommunity', { community: main.slug }), 200);
    const active = list.members.filter((m) => m.status === 'active').length;
    equal(info.memberCount, active, 'memberCount');
  }),

  check(
    'membership.capacity.waitlisted',
    'joining a full community with a waitlist answers 202, waitlisted',
    async (ctx) => {
      const waiting = await ctx.fx.waitlisted();
      equal(waiting.join.status, 202, 'status');
      equal(waiting.join.data.member.status, 'waitlisted', 'member.status');
      equal(waiting.join.data.member.waitlistPosition, 1, 'member.waitlistPosition');
    },
  ),

  check(
    'membership.capacity.join-state-waitlist',
    'a full community with a waitlist says so and counts only active members',
    async (ctx) => {
      const full = await ctx.fx.full();
      await ctx.fx.waitlisted();
      const info = expectStatus(await ctx.call('getCommunity', { community: full.slug }), 200);
      equal(info.joinState, 'waitlist', 'joinState');
      equal(info.memberCount, 1, 'memberCount (active members only)');
    },
  ),

  check(
    'membership.capacity.closed',
    'joining a full closed community is 409 community_full',
    async (ctx) => {
      const closed = await ctx.fx.closed();
      await ctx.fx.member('first', { community: 'closed' });
      const answer = await ctx.call(
        'join',
        { community: closed.slug },
        {
          json: {
            displayName: 'Too late',
            consent: { version: closed.consentVersion, accepted: true },
          },
        },
      );
      expectError(answer, 409, 'community_full');
      const info = expectStatus(await ctx.call('getCommunity', { community: closed.slug }), 200);
      equal(info.joinState, 'closed', 'joinState');
      equal(info.memberCount, 1, 'memberCount');
    },
  ),

  check(
    'membership.waitlist.positions',
    'waitlisted members get positions 1, 2… in the order they joined',
    async (ctx) => {
      const { second, third } = await queue(ctx);
      equal(second.join.data.member.waitlistPosition, 1, 'the second joiner’s position');
      equal(third.join.data.member.waitlistPosition, 2, 'the third joiner’s position');
      const slug = ctx.fx.slug('queue');
      const list = expectStatus(
        await ctx.call('listMembers', { community: slug }, { host: true }),
        200,
      );
      const position = (m: Member) => list.members.find((x) => x.id === m.id)?.waitlistPosition;
      equal([position(second), position(third)], [1, 2], 'positions in the host’s list');
    },
  ),

  check(
    'membership.waitlist.promotion',
    'when an active member leaves, the first waitlisted moves in and the rest move up',
    async (ctx) => {
      const { first, second, third } = await queue(ctx);
      expectStatus(
        await ctx.call('leave', { community: first.community }, { token: first.token }),
        204,
        'the active member leaving',
      );
      const promoted = expectStatus(await me(ctx, second), 200);
      equal(promoted.member.status, 'active', 'the first waitlisted member’s status');
      ok(promoted.invites.length > 0, 'the promoted member should now see the invites');
      const next = expectStatus(await me(ctx, third), 200);
      equal(next.member.status, 'waitlisted', 'the second waitlisted member’s status');
      equal(next.member.waitlistPosition, 1, 'the second waitlisted member’s new position');
    },
  ),
];
