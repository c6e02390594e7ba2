/**
 * Health, creating a community (operator key) with its first owner and the owner's key, the
 * operator's list, and the public view.
 */
import { CONTRACT_VERSION } from '@cercle/client';
import {
  equal,
  expectError,
  expectInvalid,
  expectStatus,
  expectUnauthorized,
  ok,
} from '../assert.js';
import { FIRST_CONSENT_TEXT } from '../fixtures.js';
import { refused } from './auth.js';
import { check } from './define.js';

export const communityChecks = [
  check('health.get.ok', 'GET /v1/health answers ok and the contract version', async (ctx) => {
    const health = expectStatus(await ctx.call('health', {}), 200);
    equal(health.contract, CONTRACT_VERSION, 'health.contract');
  }),

  check(
    'community.create.created',
    'creating a community answers 201 with its settings, its first owner and their key',
    async (ctx) => {
      const input = ctx.fx.communityInput('main');
      const { info, answer, owner, key } = await ctx.fx.main();
      equal(answer.status, 201, 'status');
      equal([owner.role, owner.community], ['owner', input.slug], 'the owner’s role and community');
      ok(key !== ctx.operatorKey, 'the owner’s key is the operator key');
      equal(info.slug, input.slug, 'slug');
      equal(info.name, input.name, 'name');
      equal(info.tagline, input.tagline, 'tagline');
      equal(info.consentVersion, input.consentVersion, 'consentVersion');
      equal(info.privacyPolicyUrl, input.privacyPolicyUrl, 'privacyPolicyUrl');
      equal(info.allowedOrigins, input.allowedOrigins, 'allowedOrigins');
      equal(info.invites, input.invites, 'invites');
      equal(info.capacity, null, 'capacity (none given)');
    },
  ),

  check(
    'community.create.defaults',
    'a minimal community gets the documented defaults',
    async (ctx) => {
      const slug = ctx.fx.slug('minimal');
      const answer = await ctx.call(
        'createCommunity',
        {},
        {
          operator: true,
          json: { slug, name: 'Minimal', privacyPolicyUrl: 'https://brand.example/privacy' },
        },
      );
      const created = expectStatus(answer, 201);
      const info = created.community;
      equal(created.owner.name, 'Owner', 'the first owner’s name by default');
      equal(info.consentVersion, '1', 'consentVersion by default');
      equal(info.consentText, null, 'consentText by default (the widget’s wording)');
      equal(
        info.consentHistory.map((c) => c.version),
        ['1'],
        'the consent history of a new community',
      );
      equal(info.archived, false, 'archived');
      equal(info.questionModeration, 'post', 'questionModeration by default');
      equal(info.whenFull, 'waitlist', 'whenFull by default');
      equal(info.capacity, null, 'capacity by default');
      equal(info.joinState, 'open', 'joinState of a new community');
      equal(info.memberCount, 0, 'memberCount of a new community');
    },
  ),

  check(
    'community.create.owner-key',
    'the owner’s key from the creation works on the community’s host routes',
    async (ctx) => {
      const main = await ctx.fx.main();
      const settings = expectStatus(
        await ctx.call('hostSettings', { community: main.slug }, { token: main.key }),
        200,
      );
      equal(settings.slug, main.slug, 'the settings’ slug');
      expectStatus(
        await ctx.call('listMembers', { community: main.slug }, { token: main.key }),
        200,
      );
    },
  ),

  check(
    'community.create.operator-not-host',
    'the operator key is not a host key of the communities it creates (401 or 403)',
    async (ctx) => {
      const main = await ctx.fx.main();
      const as = { token: ctx.operatorKey };
      refused(await ctx.call('hostSettings', { community: main.slug }, as), 'hostSettings');
      refused(await ctx.call('listMembers', { community: main.slug }, as), 'listMembers');
      refused(
        await ctx.call(
          'putSession',
          { community: main.slug, session: `s-operator-${ctx.run}` },
          { ...as, json: { title: 'By the operator' } },
        ),
        'putSession',
      );
    },
  ),

  check(
    'community.create.settings',
    'the consent text and language given at creation are kept, and shown publicly',
    async (ctx) => {
      const [consent, settings] = [
        await ctx.fx.community('consent'),
        await ctx.fx.community('settings'),
      ];
      const text = FIRST_CONSENT_TEXT;
      equal(consent.info.consentText, text, 'consentText');
      equal(
        consent.info.consentHistory.map((c) => [c.version, c.text, c.members]),
        [['1', text, 0]],
        'the consent history: [version, text, members]',
      );
      equal(settings.info.defaultLocale, 'fr', 'defaultLocale');
      const shown = expectStatus(await ctx.call('getCommunity', { community: consent.slug }), 200);
      equal(shown.consentText, text, 'the public consentText');
      const other = expectStatus(await ctx.call('getCommunity', { community: settings.slug }), 200);
      equal(other.defaultLocale, 'fr', 'the public defaultLocale');
    },
  ),

  check('community.create.capacity', 'capacity and whenFull are kept', async (ctx) => {
    const { info } = await ctx.fx.closed();
    equal(info.capacity, 1, 'capacity');
    equal(info.whenFull, 'closed', 'whenFull');
  }),

  check(
    'community.create.operator-key-required',
    'creating a community without a key is 401',
    async (ctx) => {
      const json = ctx.fx.communityInput('nokey');
      expectUnauthorized(await ctx.call('createCommunity', {}, { json }));
    },
  ),

  check('community.create.bad-key', 'creating a community with a wrong key is 401', async (ctx) => {
    const json = ctx.fx.communityInput('badkey');
    expectUnauthorized(
      await ctx.call('createCommunity', {}, { json, token: `not-the-key-${ctx.run}` }),
    );
  }),

  check('community.create.slug-taken', 'a slug already taken is 409 conflict', async (ctx) => {
    const main = await ctx.fx.main();
    const json = { ...ctx.fx.communityInput('main'), name: 'Another' };
    expectError(await ctx.call('createCommunity', {}, { operator: true, json }), 409, 'conflict');
    const after = expectStatus(await ctx.call('getCommunity', { community: main.slug }), 200);
    equal(after.name, main.info.name, 'the first community’s name after the refused create');
  }),

  check(
    'community.create.bad-slug',
    'a slug that is not lowercase a-z0-9- is 400 on slug',
    async (ctx) => {
      const json = { ...ctx.fx.communityInput('x'), slug: `Not A Slug ${ctx.run}` };
      expectInvalid(await ctx.call('createCommunity', {}, { operator: true, json }), 'slug');
    },
  ),

  check('community.create.privacy-required', 'privacyPolicyUrl is required', async (ctx) => {
    const { privacyPolicyUrl: _, ...json } = ctx.fx.communityInput('noprivacy');
    expectInvalid(
      await ctx.call('createCommunity', {}, { operator: true, json }),
      'privacyPolicyUrl',
    );
  }),

  check('community.create.bad-capacity', 'a capacity below 1 is 400 on capacity', async (ctx) => {
    const json = ctx.fx.communityInput('zero', { capacity: 0 });
    expectInvalid(await ctx.call('createCommunity', {}, { operator: true, json }), 'capacity');
  }),

  check(
    'community.create.bad-origin',
    'an allowed origin that is not scheme://host[:port] is 400',
    async (ctx) => {
      const json = ctx.fx.communityInput('origin', { allowedOrigins: ['brand.example/shop'] });
      expectInvalid(
        await ctx.call('createCommunity', {}, { operator: true, json }),
        'allowedOrigins',
      );
    },
  ),

  check(
    'community.create.bad-consent-text',
    'an empty consent text is 400 on consentText',
    async (ctx) => {
      const json = ctx.fx.communityInput('blank-consent', { consentText: '   ' });
      expectInvalid(await ctx.call('createCommunity', {}, { operator: true, json }), 'consentText');
    },
  ),

  check(
    'community.create.bad-invite',
    'an invite of an unknown kind is 400 on invites',
    async (ctx) => {
      const json = {
        ...ctx.fx.communityInput('invite'),
        invites: [{ kind: 'myspace', label: 'x', url: 'https://myspace.example' }],
      };
      expectInvalid(await ctx.call('createCommunity', {}, { operator: true, json }), 'invites');
    },
  ),

  check(
    'community.list.operator',
    'the operator lists the communities it created; an owner’s key may not',
    async (ctx) => {
      const [main, full] = [await ctx.fx.main(), await ctx.fx.full()];
      const list = expectStatus(await ctx.call('listCommunities', {}, { operator: true }), 200);
      const slugs = list.communities.map((c) => c.slug);
      ok(
        slugs.includes(main.slug) && slugs.includes(full.slug),
        `the list lacks ${main.slug} or ${full.slug}`,
      );
      refused(await ctx.call('listCommunities', {}, { token: main.key }), 'an owner listing');
    },
  ),

  check('community.get.public', 'GET a community answers its public view', async (ctx) => {
    const main = await ctx.fx.main();
    const info = expectStatus(await ctx.call('getCommunity', { community: main.slug }), 200);
    equal(info.slug, main.slug, 'slug');
    equal(info.name, main.info.name, 'name');
    equal(info.consentVersion, main.consentVersion, 'consentVersion');
    equal(info.joinState, 'open', 'joinState without a capacity');
  }),

  check(
    'community.get.no-invites',
    'the public view never carries the member-only invites',
    async (ctx) => {
      const main = await ctx.fx.main();
      const answer = await ctx.call('getCommunity', { community: main.slug });
      expectStatus(answer, 200);
      ok(!answer.text.includes(ctx.fx.inviteUrl('main')), 'the public view holds an invite URL');
    },
  ),

  check('community.get.unknown', 'an unknown community is 404 not_found', async (ctx) => {
    const answer = await ctx.call('getCommunity', { community: ctx.fx.slug('nowhere') });
    expectError(answer, 404, 'not_found');
  }),
];
