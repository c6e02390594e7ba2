/**
 * A community's settings as its owner changes them (`PATCH …/host/settings`): what the public
 * sees, allowed origins, moderation defaults, consent versions (a new text is a new version;
 * members keep theirs; joining with an old one is refused), archiving and restoring.
 */
import { equal, expectError, expectInvalid, expectStatus, ok } from '../assert.js';
import type { Context } from '../context.js';
import { FIRST_CONSENT_TEXT } from '../fixtures.js';
import { check } from './define.js';

const patch = (ctx: Context, community: string, json: Record<string, unknown>) =>
  ctx.call('updateSettings', { community }, { host: true, json });

const publicView = async (ctx: Context, community: string) =>
  expectStatus(await ctx.call('getCommunity', { community }), 200);

/** The consent community after its text changed, with a member who joined before. */
const consentChanged = (ctx: Context) =>
  ctx.fx.once('consent changed', async () => {
    const community = await ctx.fx.community('consent');
    const member = await ctx.fx.member('before', { community: 'consent' });
    const text = `The new consent text of ${ctx.run}: we keep your email for the newsletter.`;
    const answer = await patch(ctx, community.slug, { consentText: text });
    const after = expectStatus(answer, 200, 'changing the consent text');
    return { community, member, text, after };
  });

/** The archive community, with a session, archived by its owner. */
const archived = (ctx: Context) =>
  ctx.fx.once('archived community', async () => {
    const community = await ctx.fx.community('archive');
    const session = { community: community.slug, session: 's-archived-community' };
    expectStatus(
      await ctx.call('putSession', session, { host: true, json: { title: 'Before the archive' } }),
      201,
      'creating a session',
    );
    const answer = await patch(ctx, community.slug, { archived: true });
    return { community, session, answer };
  });

export const settingChecks = [
  check(
    'settings.update.public',
    'the owner changes the name, tagline and language; the public view shows them',
    async (ctx) => {
      const community = await ctx.fx.community('settings');
      const json = {
        name: `Renamed ${ctx.run}`,
        tagline: 'Bakers of the neighbourhood',
        defaultLocale: 'de',
      };
      const updated = expectStatus(await patch(ctx, community.slug, json), 200);
      equal(
        [updated.name, updated.tagline, updated.defaultLocale],
        [json.name, json.tagline, json.defaultLocale],
        'the answer’s name, tagline and defaultLocale',
      );
      const shown = await publicView(ctx, community.slug);
      equal(
        [shown.name, shown.tagline, shown.defaultLocale],
        [json.name, json.tagline, json.defaultLocale],
        'the public name, tagline and defaultLocale',
      );
    },
  ),

  check(
    'settings.update.origins',
    'new allowed origins apply at once: the new one is echoed, a dropped one is 403',
    async (ctx) => {
      const community = await ctx.fx.community('settings');
      const shop = `https://shop-${ctx.run}.brand.example`;
      const updated = expectStatus(
        await patch(ctx, community.slug, { allowedOrigins: [shop] }),
        200,
      );
      equal(updated.allowedOrigins, [shop], 'allowedOrigins');
      const from = (origin: string) =>
        ctx.call('getCommunity', { community: community.slug }, { headers: { origin } });
      const allowed = await from(shop);
      expectStatus(allowed, 200);
      equal(
        allowed.headers.get('access-control-allow-origin'),
        shop,
        'Access-Control-Allow-Origin',
      );
      expectError(await from('https://brand.example'), 403, 'forbidden', 'a dropped origin');
    },
  ),

  check(
    'settings.update.bad-field',
    'a malformed origin is 400 on allowedOrigins, and the slug cannot be changed (400)',
    async (ctx) => {
      const community = await ctx.fx.community('settings');
      expectInvalid(
        await patch(ctx, community.slug, { allowedOrigins: ['brand.example/shop'] }),
        'allowedOrigins',
      );
      expectInvalid(await patch(ctx, community.slug, { slug: `moved-${ctx.run}` }), 'slug');
      expectStatus(await ctx.call('getCommunity', { community: community.slug }), 200);
    },
  ),

  check(
    'settings.update.question-moderation',
    'questionModeration is the moderation of the sessions created after it',
    async (ctx) => {
      const community = await ctx.fx.community('settings');
      const updated = expectStatus(
        await patch(ctx, community.slug, { questionModeration: 'pre' }),
        200,
      );
      equal(updated.questionModeration, 'pre', 'questionModeration');
      const session = await ctx.call(
        'putSession',
        { community: community.slug, session: 's-moderated-by-default' },
        { host: true, json: { title: 'Moderated by default' } },
      );
      equal(expectStatus(session, 201).moderation, 'pre', 'a new session’s moderation');
    },
  ),

  check('settings.update.capacity', 'more capacity lets the waitlist in, in order', async (ctx) => {
    const community = await ctx.fx.community('growing');
    const first = await ctx.fx.member('first', { community: 'growing' });
    const second = await ctx.fx.member('second', { community: 'growing' });
    equal([first.status, second.status], ['active', 'waitlisted'], 'before: the two statuses');
    const updated = expectStatus(await patch(ctx, community.slug, { capacity: 2 }), 200);
    equal([updated.capacity, updated.memberCount], [2, 2], 'capacity and memberCount after');
    const me = expectStatus(
      await ctx.call('me', { community: community.slug }, { token: second.token }),
      200,
    );
    equal(me.member.status, 'active', 'the waitlisted member’s status after');
  }),

  check(
    'settings.consent.new-version',
    'a new consent text records a new version: the public view and the history show it',
    async (ctx) => {
      const { community, text, after } = await consentChanged(ctx);
      ok(after.consentVersion !== '1', 'the consent version did not change with the text');
      equal(after.consentText, text, 'consentText');
      equal(
        after.consentHistory.slice(0, 2).map((c) => [c.version, c.text]),
        [
          [after.consentVersion, text],
          ['1', FIRST_CONSENT_TEXT],
        ],
        'the consent history, newest first: [version, text]',
      );
      const shown = await publicView(ctx, community.slug);
      equal(
        [shown.consentVersion, shown.consentText],
        [after.consentVersion, text],
        'the public consentVersion and consentText',
      );
    },
  ),

  check(
    'settings.consent.old-refused',
    'joining with the previous consent version is 400 on consent.version',
    async (ctx) => {
      const { community } = await consentChanged(ctx);
      const answer = await ctx.call(
        'join',
        { community: community.slug },
        {
          json: {
            displayName: `Late ${ctx.run}`,
            consent: { version: '1', accepted: true },
          },
        },
      );
      expectInvalid(answer, 'consent.version');
    },
  ),

  check(
    'settings.consent.members-keep',
    'a member who accepted the previous version keeps it, and the history counts them',
    async (ctx) => {
      const { member, after } = await consentChanged(ctx);
      const exported = expectStatus(
        await ctx.call('exportMe', { community: member.community }, { token: member.token }),
        200,
      );
      equal(exported.member.consent.version, '1', 'the member’s consent version');
      const counts = Object.fromEntries(after.consentHistory.map((c) => [c.version, c.members]));
      equal(
        [counts['1'], counts[after.consentVersion]],
        [1, 0],
        'members of the old and the new version',
      );
    },
  ),

  check(
    'settings.consent.named-version',
    'a new text may name its version; a version used before is 409',
    async (ctx) => {
      const community = await ctx.fx.community('settings');
      const version = `named-${ctx.run}`;
      const updated = expectStatus(
        await patch(ctx, community.slug, {
          consentText: `Consent ${version}`,
          consentVersion: version,
        }),
        200,
      );
      equal(updated.consentVersion, version, 'consentVersion');
      equal(updated.consentHistory[0]?.version, version, 'the newest version in the history');
      expectError(
        await patch(ctx, community.slug, {
          consentText: `Consent again ${ctx.run}`,
          consentVersion: community.consentVersion,
        }),
        409,
        'conflict',
        'a version used before',
      );
    },
  ),

  check(
    'settings.archive.public-404',
    'an archived community is 404 to the public: itself, its sessions',
    async (ctx) => {
      const { community, session, answer } = await archived(ctx);
      equal(expectStatus(answer, 200).archived, true, 'archived in the answer');
      expectError(
        await ctx.call('getCommunity', { community: community.slug }),
        404,
        'not_found',
        'the community',
      );
      expectError(
        await ctx.call('listSessions', { community: community.slug }),
        404,
        'not_found',
        'its sessions',
      );
      expectError(await ctx.call('getSession', session), 404, 'not_found', 'its session');
      const join = await ctx.call(
        'join',
        { community: community.slug },
        {
          json: {
            displayName: `Too late ${ctx.run}`,
            consent: { version: community.consentVersion, accepted: true },
          },
        },
      );
      expectError(join, 404, 'not_found', 'joining it');
    },
  ),

  check(
    'settings.archive.hosts-see',
    'the hosts and the operator still see an archived community',
    async (ctx) => {
      const { community, session } = await archived(ctx);
      const settings = expectStatus(
        await ctx.call('hostSettings', { community: community.slug }, { host: true }),
        200,
      );
      equal(settings.archived, true, 'archived in the host’s settings');
      const sessions = expectStatus(
        await ctx.call('hostSessions', { community: community.slug }, { host: true }),
        200,
      );
      ok(
        sessions.sessions.some((s) => s.id === session.session),
        'the host’s session list lost the session of the archived community',
      );
      const list = expectStatus(await ctx.call('listCommunities', {}, { operator: true }), 200);
      equal(
        list.communities.find((c) => c.slug === community.slug)?.archived,
        true,
        'archived in the operator’s list',
      );
    },
  ),

  check(
    'settings.archive.restore',
    'un-archiving brings the community back for the public',
    async (ctx) => {
      const { community } = await archived(ctx);
      const restored = expectStatus(await patch(ctx, community.slug, { archived: false }), 200);
      equal(restored.archived, false, 'archived after restoring');
      equal((await publicView(ctx, community.slug)).slug, community.slug, 'the public view');
    },
  ),
];
