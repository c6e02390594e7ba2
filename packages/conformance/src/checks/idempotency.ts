/**
 * `Idempotency-Key`: the same key within 24 h returns the first answer (marked
 * `Idempotent-Replayed: true`) and does the write once; the same key with another body is 409.
 */
import { equal, expectError, expectInvalid, expectStatus, ok } from '../assert.js';
import { randomWord, type Context } from '../context.js';
import type { Answer } from '../http.js';
import { encodePng } from '../png.js';
import { check } from './define.js';

const key = () => `conf-${randomWord(16)}`;
const withKey = (k: string) => ({ 'idempotency-key': k });

function expectReplay(first: Answer<unknown>, second: Answer<unknown>): void {
  equal(second.status, first.status, 'the replay’s status');
  equal(second.json, first.json, 'the replay’s body');
  equal(
    second.headers.get('idempotent-replayed'),
    'true',
    'the replay’s Idempotent-Replayed header',
  );
  ok(
    first.headers.get('idempotent-replayed') !== 'true',
    'the first answer says Idempotent-Replayed: true',
  );
}

/** Two joins with one key and one body. */
function joinTwice(ctx: Context) {
  return ctx.fx.once('join twice', async () => {
    const main = await ctx.fx.main();
    const k = key();
    const json = {
      displayName: `Retry ${ctx.run}`,
      consent: { version: main.consentVersion, accepted: true },
    };
    const send = () => ctx.call('join', { community: main.slug }, { json, headers: withKey(k) });
    const first = await send();
    expectStatus(first, 201, 'the first join');
    const second = await send();
    return { main, k, json, first, second };
  });
}

export const idempotencyChecks = [
  check(
    'idempotency.join.replay',
    'a join sent twice with one key answers the same member and token, marked replayed',
    async (ctx) => {
      const { first, second } = await joinTwice(ctx);
      expectReplay(first, second);
    },
  ),

  check('idempotency.join.once', 'a join sent twice with one key makes one member', async (ctx) => {
    const { main, first, json } = await joinTwice(ctx);
    const list = expectStatus(
      await ctx.call('listMembers', { community: main.slug }, { host: true }),
      200,
    );
    const named = list.members.filter((m) => m.displayName === json.displayName);
    equal(
      named.map((m) => m.id),
      [first.data.member.id],
      'members with the retried name',
    );
  }),

  check(
    'idempotency.join.conflict',
    'the same key with another body is 409 conflict',
    async (ctx) => {
      const { main, k, json } = await joinTwice(ctx);
      const other = { ...json, displayName: `Someone else ${ctx.run}` };
      const answer = await ctx.call(
        'join',
        { community: main.slug },
        { json: other, headers: withKey(k) },
      );
      expectError(answer, 409, 'conflict');
    },
  ),

  check(
    'idempotency.key.malformed',
    'an Idempotency-Key over 255 characters is 400',
    async (ctx) => {
      const member = await ctx.fx.pooled('ask');
      const session = await ctx.fx.session('idem');
      const answer = await ctx.call(
        'ask',
        { community: member.community, session: session.id },
        { token: member.token, json: { text: 'Malformed key' }, headers: withKey('k'.repeat(256)) },
      );
      expectInvalid(answer, 'Idempotency-Key');
    },
  ),

  check(
    'idempotency.ask.replay',
    'a question sent twice with one key is asked once',
    async (ctx) => {
      const member = await ctx.fx.pooled('ask', 2);
      const session = await ctx.fx.session('idem');
      const params = { community: member.community, session: session.id };
      const k = key();
      const text = `Asked once (${randomWord()})`;
      const send = () => {
        ctx.fx.spend(member, 'ask');
        return ctx.call('ask', params, {
          token: member.token,
          json: { text },
          headers: withKey(k),
        });
      };
      const first = await send();
      expectStatus(first, 201);
      expectReplay(first, await send());
      const host = expectStatus(await ctx.call('hostQuestions', params, { host: true }), 200);
      equal(host.questions.filter((q) => q.text === text).length, 1, 'questions with that text');
    },
  ),

  check(
    'idempotency.ask.conflict',
    'a question key reused with another text is 409 conflict',
    async (ctx) => {
      const member = await ctx.fx.pooled('ask', 2);
      const session = await ctx.fx.session('idem');
      const k = key();
      await ctx.fx.ask(member, session.id, `First text (${randomWord()})`, { idempotencyKey: k });
      ctx.fx.spend(member, 'ask');
      const answer = await ctx.call(
        'ask',
        { community: member.community, session: session.id },
        { token: member.token, json: { text: 'Another text' }, headers: withKey(k) },
      );
      expectError(answer, 409, 'conflict');
    },
  ),

  check(
    'idempotency.report.replay',
    'a report sent twice with one key is filed once',
    async (ctx) => {
      const session = await ctx.fx.session('idem');
      const { member, question } = await ctx.fx.question(session.id, `Reported once (${ctx.run})`);
      const k = key();
      const json = { target: { kind: 'question', id: question.id }, reason: 'spam' };
      const send = () =>
        ctx.call('report', { community: member.community }, { json, headers: withKey(k) });
      const first = await send();
      expectStatus(first, 202);
      expectReplay(first, await send());
      const list = expectStatus(
        await ctx.call('listReports', { community: member.community }, { host: true }),
        200,
      );
      equal(
        list.reports.filter((r) => r.target.id === question.id).length,
        1,
        'reports on that question',
      );
    },
  ),

  check(
    'idempotency.testimonial.replay',
    'a testimonial sent twice with one key is written once',
    async (ctx) => {
      const member = await ctx.fx.pooled('submit', 2);
      const k = key();
      const text = `Written once (${randomWord()})`;
      const json = { rating: 5, text, consent: await ctx.fx.consent() };
      const send = () => {
        ctx.fx.spend(member, 'submit');
        return ctx.call(
          'submitTestimonial',
          { community: member.community },
          { token: member.token, json, headers: withKey(k) },
        );
      };
      const first = await send();
      expectStatus(first, 201);
      expectReplay(first, await send());
      const mine = expectStatus(
        await ctx.call('myTestimonials', { community: member.community }, { token: member.token }),
        200,
      );
      equal(
        mine.testimonials.filter((t) => t.text === text).length,
        1,
        'own testimonials with that text',
      );
    },
  ),

  check(
    'idempotency.photo.replay',
    'a photo sent twice with one key is stored once',
    async (ctx) => {
      const member = await ctx.fx.pooled('upload', 2);
      const k = key();
      const bytes = encodePng(3, 3);
      const first = await ctx.fx.upload(member, bytes, 'image/png', withKey(k));
      expectStatus(first, 201);
      expectReplay(first, await ctx.fx.upload(member, bytes, 'image/png', withKey(k)));
    },
  ),

  check(
    'idempotency.community.replay',
    'a community created twice with one key answers the first 201',
    async (ctx) => {
      const k = key();
      const json = ctx.fx.communityInput('retried');
      const send = () =>
        ctx.call('createCommunity', {}, { operator: true, json, headers: withKey(k) });
      const first = await send();
      expectStatus(first, 201);
      expectReplay(first, await send());
    },
  ),

  check(
    'idempotency.decision.replay',
    'a report decision sent twice with one key answers the first decision',
    async (ctx) => {
      const session = await ctx.fx.session('idem');
      const { member, question } = await ctx.fx.question(session.id, `Decided once (${ctx.run})`);
      const json = { target: { kind: 'question', id: question.id }, reason: 'spam' };
      const receipt = expectStatus(
        await ctx.call('report', { community: member.community }, { json }),
        202,
      );
      const k = key();
      const send = () =>
        ctx.call(
          'decideReport',
          { community: member.community, report: receipt.id },
          { host: true, json: { action: 'dismiss', statement: 'Fine.' }, headers: withKey(k) },
        );
      const first = await send();
      expectStatus(first, 200);
      expectReplay(first, await send());
    },
  ),

  check(
    'idempotency.codes.replay',
    'a code import sent twice with one key answers the first import',
    async (ctx) => {
      const offer = await ctx.fx.offer('codes-replay');
      const k = key();
      const json = { codes: [`RE-${ctx.run}-1`, `RE-${ctx.run}-2`] };
      const send = () =>
        ctx.call(
          'importCodes',
          { community: offer.community, offer: offer.id },
          { host: true, json, headers: withKey(k) },
        );
      const first = await send();
      expectStatus(first, 200);
      expectReplay(first, await send());
    },
  ),

  check(
    'idempotency.copy.replay',
    'a copy sent twice with one key is counted once',
    async (ctx) => {
      const member = await ctx.fx.pooled('reveal');
      const offer = await ctx.fx.offer('copies');
      await ctx.fx.code(member, offer.id);
      const params = { community: member.community, offer: offer.id };
      const k = key();
      for (let i = 0; i < 2; i++) {
        expectStatus(
          await ctx.call('copyOffer', params, { token: member.token, headers: withKey(k) }),
          204,
        );
      }
      const funnel = expectStatus(await ctx.call('offerFunnel', params, { host: true }), 200);
      equal(funnel.copies, 1, 'copies counted');
    },
  ),

  check(
    'idempotency.invite.replay',
    'an invitation sent twice with one key answers the first invitation, and makes one',
    async (ctx) => {
      const community = await ctx.fx.community('team');
      const k = key();
      const json = { role: 'moderator' as const, name: `Retried invitation ${ctx.run}` };
      const send = () =>
        ctx.call(
          'invite',
          { community: community.slug },
          { host: true, json, headers: withKey(k) },
        );
      const first = await send();
      expectStatus(first, 201);
      const second = await send();
      const team = expectStatus(
        await ctx.call('team', { community: community.slug }, { host: true }),
        200,
      );
      equal(
        team.invitations.filter((i) => i.name === json.name).length,
        1,
        'pending invitations with that name',
      );
      expectReplay(first, second);
    },
  ),

  check(
    'idempotency.accept.replay',
    'an acceptance sent twice with one key answers the first host and key again',
    async (ctx) => {
      const community = await ctx.fx.community('team');
      const { token } = expectStatus(
        await ctx.fx.invite(community.slug, { role: 'analyst' }),
        201,
        'inviting an analyst',
      );
      const k = key();
      const send = () =>
        ctx.call(
          'acceptInvitation',
          { community: community.slug },
          { json: { token, name: `Retried accept ${ctx.run}` }, headers: withKey(k) },
        );
      const first = await send();
      expectStatus(first, 201);
      expectReplay(first, await send());
    },
  ),

  check(
    'idempotency.webhook.replay',
    'a webhook created twice with one key answers the first endpoint and secret, and makes one',
    async (ctx) => {
      const community = await ctx.fx.community('hooks');
      const k = key();
      const json = {
        url: `https://hooks.brand.example/${ctx.run}/retried`,
        events: ['member.joined' as const],
      };
      const send = () =>
        ctx.call(
          'createWebhook',
          { community: community.slug },
          { host: true, json, headers: withKey(k) },
        );
      const first = await send();
      expectStatus(first, 201);
      const second = await send();
      const list = expectStatus(
        await ctx.call('listWebhooks', { community: community.slug }, { host: true }),
        200,
      );
      equal(list.webhooks.filter((w) => w.url === json.url).length, 1, 'webhooks with that URL');
      expectReplay(first, second);
    },
  ),
];
