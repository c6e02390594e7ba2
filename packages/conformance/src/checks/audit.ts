/**
 * The audit log: moderation decisions with their actor and statement, settings changes, host
 * invitations; newest first, a cursor, the `action` filter; never a secret; the CSV export.
 */
import type { AuditEntry } from '@cercle/client/admin';
import { equal, expectInvalid, expectStatus, ok, show } from '../assert.js';
import type { Context } from '../context.js';
import { check } from './define.js';
import { approvedByModerator, decidedByModerator, hiddenByModerator } from './roles.js';

/** Rows of a CSV text (RFC 4180: quoted fields, doubled quotes, CRLF or LF line ends). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

const page = (ctx: Context, community: string, query: Record<string, string | number> = {}) =>
  ctx.call('auditLog', { community }, { host: true, query });

/** Every entry of a community's log on one page (newest first), with the raw answer. */
async function everything(ctx: Context, community: string) {
  const answer = await page(ctx, community, { limit: 200 });
  const body = expectStatus(answer, 200, 'reading the audit log');
  ok(body.nextCursor === null, `the audit log of ${community} holds more than 200 entries`);
  return { entries: body.entries, text: answer.text };
}

/** The audit community: two settings changes, an invitation and a webhook, by its owner. */
const trail = (ctx: Context) =>
  ctx.fx.once('audit trail', async () => {
    const community = await ctx.fx.community('audit');
    const taglines = [`First tagline ${ctx.run}`, `Second tagline ${ctx.run}`];
    for (const tagline of taglines) {
      expectStatus(
        await ctx.call(
          'updateSettings',
          { community: community.slug },
          { host: true, json: { tagline } },
        ),
        200,
        'changing the tagline',
      );
    }
    const invitation = expectStatus(
      await ctx.fx.invite(community.slug, { role: 'moderator', name: `Audited ${ctx.run}` }),
      201,
      'inviting a moderator',
    );
    const webhook = expectStatus(
      await ctx.call(
        'createWebhook',
        { community: community.slug },
        {
          host: true,
          json: { url: `https://hooks.brand.example/audit/${ctx.run}`, events: ['member.joined'] },
        },
      ),
      201,
      'creating a webhook',
    );
    return { community, taglines, invitation, webhook };
  });

const byOwner = (entry: AuditEntry | undefined, owner: string, what: string) =>
  equal(
    entry && [entry.actor.kind, entry.actor.id, entry.actor.role],
    ['host', owner, 'owner'],
    `${what}: the actor [kind, id, role]`,
  );

export const auditChecks = [
  check(
    'audit.log.question-hidden',
    'hiding a question is recorded with its actor, its target and the statement',
    async (ctx) => {
      const { moderator, question, statement, answer } = await hiddenByModerator(ctx);
      expectStatus(answer, 200, 'the moderator hiding a question');
      const log = expectStatus(
        await page(ctx, moderator.community, { action: 'question.hidden', limit: 200 }),
        200,
      );
      const entry = log.entries.find((e) => e.target?.id === question.id);
      ok(entry, `no question.hidden entry targets ${question.id}: ${show(log.entries)}`);
      equal(entry.action, 'question.hidden', 'action');
      equal(entry.statement, statement, 'statement');
      equal(
        [entry.actor.kind, entry.actor.id, entry.actor.name, entry.actor.role],
        ['host', moderator.id, moderator.name, 'moderator'],
        'the actor [kind, id, name, role]',
      );
    },
  ),

  check(
    'audit.log.decisions',
    'a report decision (report.actioned, with its statement) and a testimonial approval are recorded',
    async (ctx) => {
      const { moderator, question, receipt, statement, answer } = await decidedByModerator(ctx);
      expectStatus(answer, 200, 'the moderator deciding a report');
      const approved = await approvedByModerator(ctx);
      expectStatus(approved.answer, 200, 'the moderator approving a testimonial');
      const newest = await page(ctx, moderator.community, { limit: 200 });
      const { entries } = expectStatus(newest, 200);
      const decision = entries.find((e) => e.statement === statement);
      ok(decision, `no entry of the log holds the decision’s statement ${show(statement)}`);
      equal(decision.action, 'report.actioned', 'the decision’s action');
      ok(
        decision.target !== null && [receipt.id, question.id].includes(decision.target.id),
        `the decision’s entry targets ${show(decision.target)}, not the report or its question`,
      );
      equal(
        [decision.actor.kind, decision.actor.id],
        ['host', moderator.id],
        'the actor [kind, id]',
      );
      const approval = entries.find((e) => e.target?.id === approved.submitted.id);
      ok(approval, `no entry of the log targets the approved testimonial ${approved.submitted.id}`);
      equal(
        [approval.actor.kind, approval.actor.id],
        ['host', moderator.id],
        'the approval’s actor [kind, id]',
      );
    },
  ),

  check(
    'audit.log.settings',
    'a settings change is recorded as settings.updated with the new values',
    async (ctx) => {
      const { community, taglines } = await trail(ctx);
      const log = expectStatus(
        await page(ctx, community.slug, { action: 'settings.updated' }),
        200,
      );
      const tagged = log.entries.map((e) => e.details['tagline']);
      equal(tagged.slice(0, 2), [...taglines].reverse(), 'details.tagline, newest first');
      byOwner(log.entries[0], community.owner.id, 'the newest settings change');
    },
  ),

  check(
    'audit.log.invited',
    'an invitation is recorded as host.invited, by the owner',
    async (ctx) => {
      const { community, invitation } = await trail(ctx);
      const log = expectStatus(await page(ctx, community.slug, { action: 'host.invited' }), 200);
      const entry = log.entries.find((e) => e.target?.id === invitation.invitation.id);
      ok(entry, `no host.invited entry targets ${invitation.invitation.id}: ${show(log.entries)}`);
      byOwner(entry, community.owner.id, 'the invitation');
    },
  ),

  check(
    'audit.log.cursor',
    'the log is newest first, and limit and nextCursor page through it exactly',
    async (ctx) => {
      const { community } = await trail(ctx);
      const { entries } = await everything(ctx, community.slug);
      ok(entries.length >= 4, `the audit community’s log has ${entries.length} entries`);
      const times = entries.map((e) => Date.parse(e.at));
      ok(
        times.every((t, i) => i === 0 || t <= (times[i - 1] as number)),
        'the entries are not newest first',
      );
      const paged: string[] = [];
      let cursor: string | null = null;
      for (let pages = 0; pages < 20; pages++) {
        const query: Record<string, string | number> = cursor ? { limit: 2, cursor } : { limit: 2 };
        const next = expectStatus(await page(ctx, community.slug, query), 200);
        ok(next.entries.length <= 2, `a page of limit 2 has ${next.entries.length} entries`);
        paged.push(...next.entries.map((e) => e.id));
        cursor = next.nextCursor;
        if (cursor === null) break;
      }
      equal(
        paged,
        entries.map((e) => e.id),
        'the ids paged two at a time',
      );
      expectInvalid(await page(ctx, community.slug, { limit: 0 }), 'limit', 'limit 0');
    },
  ),

  check(
    'audit.log.action-filter',
    '`action` keeps one action, or every action under a prefix ending in a dot',
    async (ctx) => {
      const { community } = await trail(ctx);
      const { entries } = await everything(ctx, community.slug);
      const exact = expectStatus(
        await page(ctx, community.slug, { action: 'settings.updated' }),
        200,
      );
      equal(
        exact.entries.map((e) => e.id),
        entries.filter((e) => e.action === 'settings.updated').map((e) => e.id),
        'the settings.updated entries',
      );
      const prefix = expectStatus(await page(ctx, community.slug, { action: 'host.' }), 200);
      equal(
        prefix.entries.map((e) => e.id),
        entries.filter((e) => e.action.startsWith('host.')).map((e) => e.id),
        'the host.* entries',
      );
      ok(prefix.entries.length > 0, 'no host.* entry after an invitation');
    },
  ),

  check(
    'audit.log.no-secrets',
    'the log and its CSV never hold a key, an invitation token or a webhook secret',
    async (ctx) => {
      const { community, invitation, webhook } = await trail(ctx);
      const { text } = await everything(ctx, community.slug);
      const csv = await ctx.call('auditCsv', { community: community.slug }, { host: true });
      expectStatus(csv, 200);
      const secrets = {
        'the owner’s key': community.key,
        'the invitation’s token': invitation.token,
        'the webhook’s secret': webhook.secret,
      };
      for (const [what, secret] of Object.entries(secrets)) {
        ok(!text.includes(secret), `the audit log holds ${what}`);
        ok(!csv.text.includes(secret), `the audit CSV holds ${what}`);
      }
    },
  ),

  check(
    'audit.csv.rows',
    'audit.csv is text/csv: a header row naming `action`, then one row per entry, oldest first',
    async (ctx) => {
      const { community } = await trail(ctx);
      const { entries } = await everything(ctx, community.slug);
      const answer = await ctx.call('auditCsv', { community: community.slug }, { host: true });
      expectStatus(answer, 200);
      const type = answer.headers.get('content-type') ?? '';
      ok(/^text\/csv\b/i.test(type), `audit.csv answered Content-Type "${type}"`);
      const [header, ...rows] = parseCsv(answer.text).filter((r) => r.some((f) => f !== ''));
      ok(header, 'audit.csv is empty');
      const column = header.indexOf('action');
      ok(column >= 0, `the header row has no "action" column: ${show(header)}`);
      equal(rows.length, entries.length, 'rows after the header (one per entry)');
      equal(
        rows.map((r) => r[column] ?? ''),
        entries.map((e) => e.action).reverse(),
        'the actions of the rows (oldest first)',
      );
    },
  ),
];
