/**
 * Hosts: who a key belongs to (`GET /v1/host/me`), the team, invitations (single use, with an
 * expiry, revocable, also from the operator), roles changed and hosts revoked, and the rule
 * that a community keeps at least one owner.
 */
import { PERMISSIONS, ROLE_PERMISSIONS } from '@cercle/client';
import { INVITATION_HOURS_DEFAULT } from '@cercle/client/admin';
import {
  equal,
  expectError,
  expectInvalid,
  expectStatus,
  expectUnauthorized,
  ok,
} from '../assert.js';
import type { Context } from '../context.js';
import type { Host } from '../fixtures.js';
import { check } from './define.js';

const HOUR = 3_600_000;

const sorted = (list: readonly string[]) => [...list].sort();

const me = (ctx: Context, key: string) => ctx.call('hostMe', {}, { token: key });

const team = async (ctx: Context, community: string) =>
  expectStatus(await ctx.call('team', { community }, { host: true }), 200);

/** `at` is `hours` after `from`, give or take two minutes. */
const hoursAfter = (at: string, from: number, hours: number, what: string) => {
  const off = Date.parse(at) - (from + hours * HOUR);
  ok(
    Math.abs(off) < 120_000,
    `${what}: ${at} is not ${hours} h after ${new Date(from).toISOString()}`,
  );
};

/** A pending invitation of the team community (an analyst), never accepted. */
const pendingInvitation = (ctx: Context) =>
  ctx.fx.once('pending invitation', async () => {
    const community = await ctx.fx.community('team');
    const sent = Date.now();
    const answer = await ctx.fx.invite(community.slug, {
      role: 'analyst',
      name: `Pending ${ctx.run}`,
      email: `pending-${ctx.run}@example.com`,
    });
    return { community, sent, answer, created: expectStatus(answer, 201, 'inviting an analyst') };
  });

/** An owner of the team community, invited by the operator. */
const operatorOwner = (ctx: Context) =>
  ctx.fx.once('owner invited by the operator', async () => {
    const community = await ctx.fx.community('team');
    const invitation = expectStatus(
      await ctx.fx.invite(community.slug, { role: 'owner' }, 'operator'),
      201,
      'the operator inviting an owner',
    );
    const accepted = expectStatus(
      await ctx.fx.accept(community.slug, invitation.token, `Second owner ${ctx.run}`),
      201,
      'accepting the operator’s invitation',
    );
    return { community, invitation, accepted };
  });

/** A moderator of the team community whose role changes, then who is revoked. */
const helper = (ctx: Context): Promise<Host> => ctx.fx.host('helper', 'moderator', 'team');

export const hostChecks = [
  check(
    'host.me.owner',
    'GET /v1/host/me with the owner’s key answers the owner, the community and every permission',
    async (ctx) => {
      const main = await ctx.fx.main();
      const self = expectStatus(await me(ctx, main.key), 200);
      equal([self.host.id, self.host.role], [main.owner.id, 'owner'], 'the host and role');
      equal(self.community.slug, main.slug, 'the community');
      equal(sorted(self.permissions), sorted(PERMISSIONS), 'the owner’s permissions');
    },
  ),

  check(
    'host.me.roles',
    'a moderator’s and an analyst’s permissions are those of their role',
    async (ctx) => {
      for (const host of [await ctx.fx.moderator(), await ctx.fx.analyst()]) {
        const self = expectStatus(await me(ctx, host.key), 200);
        equal(
          [self.host.id, self.host.role, self.community.slug],
          [host.id, host.role, host.community],
          `the ${host.role}'s host, role and community`,
        );
        equal(
          sorted(self.permissions),
          sorted(ROLE_PERMISSIONS[host.role]),
          `the ${host.role}'s permissions`,
        );
      }
    },
  ),

  check(
    'host.me.unknown-key',
    'GET /v1/host/me with an unknown key, or the operator key, is 401',
    async (ctx) => {
      expectUnauthorized(await me(ctx, `never-issued-${ctx.run}-host-key-000`), 'an unknown key');
      expectUnauthorized(await ctx.call('hostMe', {}), 'no key');
      expectError(await me(ctx, ctx.operatorKey), 401, 'unauthorized', 'the operator key');
    },
  ),

  check(
    'team.list.hosts',
    'the team lists the hosts with their roles, never a key',
    async (ctx) => {
      const [main, moderator] = [await ctx.fx.main(), await ctx.fx.moderator()];
      const answer = await ctx.call('team', { community: main.slug }, { host: true });
      const list = expectStatus(answer, 200);
      const roles = new Map(list.hosts.map((h) => [h.id, h.role]));
      equal(roles.get(main.owner.id), 'owner', 'the owner’s role in the team');
      equal(roles.get(moderator.id), 'moderator', 'the moderator’s role in the team');
      ok(
        !answer.text.includes(main.key) && !answer.text.includes(moderator.key),
        'the team list holds a host key',
      );
    },
  ),

  check(
    'team.invite.created',
    'an invitation is 201, pending, for 72 hours by default, and listed without its token',
    async (ctx) => {
      const { community, sent, created } = await pendingInvitation(ctx);
      const { invitation, token } = created;
      equal(
        [invitation.community, invitation.role, invitation.state],
        [community.slug, 'analyst', 'pending'],
        'community, role and state',
      );
      equal(invitation.invitedBy, community.owner.id, 'invitedBy (the owner)');
      hoursAfter(invitation.expiresAt, sent, INVITATION_HOURS_DEFAULT, 'expiresAt');
      const answer = await ctx.call('team', { community: community.slug }, { host: true });
      const listed = expectStatus(answer, 200).invitations.find((i) => i.id === invitation.id);
      equal(listed?.state, 'pending', 'the invitation in the team’s pending list');
      ok(!answer.text.includes(token), 'the team list holds the invitation’s token');
    },
  ),

  check(
    'team.invite.expiry',
    'expiresInHours sets the expiry; 0 or more than 720 hours is 400',
    async (ctx) => {
      const community = await ctx.fx.community('team');
      const sent = Date.now();
      const short = expectStatus(
        await ctx.fx.invite(community.slug, { role: 'moderator', expiresInHours: 2 }),
        201,
      );
      hoursAfter(short.invitation.expiresAt, sent, 2, 'expiresAt of a 2-hour invitation');
      for (const hours of [0, 721]) {
        expectInvalid(
          await ctx.fx.invite(community.slug, { role: 'moderator', expiresInHours: hours }),
          'expiresInHours',
          `expiresInHours ${hours}`,
        );
      }
    },
  ),

  check(
    'team.accept.created',
    'accepting an invitation makes a host with its role and a key; it leaves the pending list',
    async (ctx) => {
      const [main, moderator] = [await ctx.fx.main(), await ctx.fx.moderator()];
      equal(
        [moderator.account.community, moderator.role, moderator.account.invitedBy],
        [main.slug, 'moderator', main.owner.id],
        'the new host’s community, role and invitedBy',
      );
      ok(moderator.key !== main.key, 'the new host got the owner’s key');
      const list = await team(ctx, main.slug);
      ok(
        !list.invitations.some((i) => i.id === moderator.invitation.invitation.id),
        'the accepted invitation is still pending in the team list',
      );
    },
  ),

  check(
    'team.accept.single-use',
    'an invitation’s token works once: the second accept is 404',
    async (ctx) => {
      const moderator = await ctx.fx.moderator();
      const again = await ctx.fx.accept(
        moderator.community,
        moderator.invitation.token,
        `Again ${ctx.run}`,
      );
      expectError(again, 404, 'not_found');
    },
  ),

  check(
    'team.accept.revoked',
    'a revoked invitation cannot be accepted (404); revoking it again is 404',
    async (ctx) => {
      const community = await ctx.fx.community('team');
      const { invitation, token } = expectStatus(
        await ctx.fx.invite(community.slug, { role: 'moderator' }),
        201,
      );
      const params = { community: community.slug, invitation: invitation.id };
      expectStatus(await ctx.call('revokeInvitation', params, { host: true }), 204);
      expectError(
        await ctx.fx.accept(community.slug, token, `Too late ${ctx.run}`),
        404,
        'not_found',
        'accepting a revoked invitation',
      );
      expectError(
        await ctx.call('revokeInvitation', params, { host: true }),
        404,
        'not_found',
        'revoking it again',
      );
    },
  ),

  check(
    'team.invite.operator',
    'the operator key invites an owner (audited as the operator); the new owner’s key works',
    async (ctx) => {
      const { community, invitation, accepted } = await operatorOwner(ctx);
      equal(invitation.invitation.role, 'owner', 'the invitation’s role');
      equal(
        [accepted.host.role, accepted.host.invitedBy],
        ['owner', 'operator'],
        'the new host’s role and invitedBy',
      );
      const list = expectStatus(
        await ctx.call('team', { community: community.slug }, { token: accepted.key }),
        200,
      );
      ok(
        list.hosts.some((h) => h.id === community.owner.id),
        'the second owner does not see the first in the team',
      );
      const log = expectStatus(
        await ctx.call(
          'auditLog',
          { community: community.slug },
          { host: true, query: { action: 'host.invited' } },
        ),
        200,
      );
      equal(
        log.entries.find((e) => e.target?.id === invitation.invitation.id)?.actor.kind,
        'operator',
        'the actor of the operator’s invitation in the audit log',
      );
    },
  ),

  check(
    'team.update.role',
    'the owner changes a host’s role, and their permissions follow at once',
    async (ctx) => {
      const host = await helper(ctx);
      const changed = await ctx.call(
        'updateHost',
        { community: host.community, host: host.id },
        { host: true, json: { role: 'analyst' } },
      );
      equal(expectStatus(changed, 200).role, 'analyst', 'the role after the change');
      const self = expectStatus(await me(ctx, host.key), 200);
      equal(sorted(self.permissions), sorted(ROLE_PERMISSIONS.analyst), 'their permissions');
    },
  ),

  check(
    'team.revoke.key-stops',
    'a revoked host’s key is 401 at once, and they leave the team',
    async (ctx) => {
      const host = await helper(ctx);
      const params = { community: host.community, host: host.id };
      expectStatus(await ctx.call('revokeHost', params, { host: true }), 204);
      expectUnauthorized(await me(ctx, host.key), 'GET /v1/host/me with the revoked key');
      expectUnauthorized(
        await ctx.call('hostSettings', { community: host.community }, { token: host.key }),
        'hostSettings with the revoked key',
      );
      const list = await team(ctx, host.community);
      ok(!list.hosts.some((h) => h.id === host.id), 'the revoked host is still in the team');
      expectError(
        await ctx.call('revokeHost', params, { host: true }),
        404,
        'not_found',
        'revoking them again',
      );
    },
  ),

  check(
    'team.owner.last',
    'the last owner can be neither revoked nor demoted (409), and keeps working',
    async (ctx) => {
      const main = await ctx.fx.main();
      const params = { community: main.slug, host: main.owner.id };
      expectError(
        await ctx.call('revokeHost', params, { host: true }),
        409,
        'conflict',
        'revoking the last owner',
      );
      expectError(
        await ctx.call('updateHost', params, { host: true, json: { role: 'moderator' } }),
        409,
        'conflict',
        'demoting the last owner',
      );
      const self = expectStatus(await me(ctx, main.key), 200, 'the owner afterwards');
      equal(self.host.role, 'owner', 'the owner’s role afterwards');
    },
  ),
];
