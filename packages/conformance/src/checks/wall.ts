/** The wall's list: filters, the aggregate, sort orders and the cursor, over a known set. */
import { equal, expectInvalid, expectStatus, ok, show } from '../assert.js';
import type { Context } from '../context.js';
import { check } from './define.js';

/**
 * Four approved testimonials tagged `set-<run>`, rated 5, 2, 4 and 3 (approved in that
 * order); the ones rated 5 and 4 are also tagged `pair-<run>`.
 */
function set(ctx: Context) {
  return ctx.fx.once('wall set', async () => {
    const tag = `set-${ctx.run}`;
    const pair = `pair-${ctx.run}`;
    const ratings = [5, 2, 4, 3];
    const ids: string[] = [];
    let community = '';
    for (const rating of ratings) {
      const member = await ctx.fx.pooled('submit');
      community = member.community;
      const tags = rating >= 4 ? [tag, pair] : [tag];
      const submitted = await ctx.fx.submit(member, {
        rating,
        text: `Rated ${rating} (${ctx.run})`,
        tags,
      });
      await ctx.fx.decideTestimonial(community, submitted.id, { state: 'approved' });
      ids.push(submitted.id);
    }
    const [five, two, four, three] = ids as [string, string, string, string];
    return { community, tag, pair, five, two, four, three };
  });
}

type Query = Record<string, string | number | undefined>;

async function page(ctx: Context, community: string, query: Query) {
  return expectStatus(await ctx.call('listTestimonials', { community }, { query }), 200);
}

const sorted = (ids: readonly string[]) => [...ids].sort();

export const wallChecks = [
  check(
    'wall.list.approved-only',
    'the wall lists approved testimonials, each published',
    async (ctx) => {
      const s = await set(ctx);
      const p = await page(ctx, s.community, { tag: s.tag });
      equal(
        sorted(p.testimonials.map((t) => t.id)),
        sorted([s.five, s.two, s.four, s.three]),
        'the set’s testimonials',
      );
      ok(
        p.testimonials.every((t) => t.publishedAt !== null),
        'a listed testimonial has publishedAt null',
      );
    },
  ),

  check('wall.filter.tag', 'tag= keeps the testimonials with that tag', async (ctx) => {
    const s = await set(ctx);
    const p = await page(ctx, s.community, { tag: s.pair });
    equal(
      sorted(p.testimonials.map((t) => t.id)),
      sorted([s.five, s.four]),
      'testimonials tagged pair',
    );
  }),

  check(
    'wall.filter.min-rating',
    'minRating= keeps the testimonials rated at least that',
    async (ctx) => {
      const s = await set(ctx);
      const p = await page(ctx, s.community, { tag: s.tag, minRating: 4 });
      equal(
        sorted(p.testimonials.map((t) => t.id)),
        sorted([s.five, s.four]),
        'testimonials rated 4 or more',
      );
    },
  ),

  check(
    'wall.aggregate.tag',
    'the aggregate counts and averages the testimonials of the tag',
    async (ctx) => {
      const s = await set(ctx);
      equal(
        (await page(ctx, s.community, { tag: s.tag })).aggregate,
        { count: 4, average: 3.5 },
        'aggregate of the set',
      );
      equal(
        (await page(ctx, s.community, { tag: s.pair })).aggregate,
        { count: 2, average: 4.5 },
        'aggregate of the pair',
      );
    },
  ),

  check(
    'wall.aggregate.ignores-min-rating',
    'minRating does not change the aggregate',
    async (ctx) => {
      const s = await set(ctx);
      const p = await page(ctx, s.community, { tag: s.tag, minRating: 5 });
      equal(
        p.testimonials.map((t) => t.id),
        [s.five],
        'testimonials rated 5',
      );
      equal(p.aggregate, { count: 4, average: 3.5 }, 'aggregate with minRating=5');
    },
  ),

  check('wall.sort.rating', 'sort=rating lists the best rated first', async (ctx) => {
    const s = await set(ctx);
    const p = await page(ctx, s.community, { tag: s.tag, sort: 'rating' });
    equal(
      p.testimonials.map((t) => t.rating),
      [5, 4, 3, 2],
      'ratings in order',
    );
  }),

  check(
    'wall.sort.recent',
    'sort=recent (the default) lists the newest published first',
    async (ctx) => {
      const s = await set(ctx);
      for (const query of [{ tag: s.tag }, { tag: s.tag, sort: 'recent' }]) {
        const times = (await page(ctx, s.community, query)).testimonials.map((t) =>
          Date.parse(t.publishedAt ?? ''),
        );
        ok(
          times.every((t, i) => i === 0 || t <= (times[i - 1] as number)),
          `publishedAt not newest first: ${show(times)}`,
        );
      }
    },
  ),

  check(
    'wall.cursor.pages',
    'limit and nextCursor page through the wall without gaps or repeats',
    async (ctx) => {
      const s = await set(ctx);
      const first = await page(ctx, s.community, { tag: s.tag, limit: 3 });
      equal(first.testimonials.length, 3, 'the first page’s length');
      ok(first.nextCursor !== null, 'the first page has no nextCursor');
      const second = await page(ctx, s.community, {
        tag: s.tag,
        limit: 3,
        cursor: first.nextCursor,
      });
      equal(second.nextCursor, null, 'nextCursor of the last page');
      const ids = [...first.testimonials, ...second.testimonials].map((t) => t.id);
      equal(sorted(ids), sorted([s.five, s.two, s.four, s.three]), 'both pages');
      equal(second.aggregate, first.aggregate, 'the aggregate on every page');
    },
  ),

  check('wall.cursor.rating', 'the cursor keeps the rating order across pages', async (ctx) => {
    const s = await set(ctx);
    const first = await page(ctx, s.community, { tag: s.tag, sort: 'rating', limit: 2 });
    ok(first.nextCursor !== null, 'the first page has no nextCursor');
    const second = await page(ctx, s.community, {
      tag: s.tag,
      sort: 'rating',
      limit: 2,
      cursor: first.nextCursor,
    });
    equal(
      [...first.testimonials, ...second.testimonials].map((t) => t.rating),
      [5, 4, 3, 2],
      'ratings across pages',
    );
  }),

  check(
    'wall.cursor.invalid',
    'a cursor that is not one of the list’s is 400 on cursor',
    async (ctx) => {
      const main = await ctx.fx.main();
      const answer = await ctx.call(
        'listTestimonials',
        { community: main.slug },
        { query: { cursor: '%%%' } },
      );
      expectInvalid(answer, 'cursor');
    },
  ),

  check('wall.query.limit', 'limit outside 1–50 is 400 on limit', async (ctx) => {
    const main = await ctx.fx.main();
    expectInvalid(
      await ctx.call('listTestimonials', { community: main.slug }, { query: { limit: 51 } }),
      'limit',
    );
  }),

  check('wall.query.min-rating', 'minRating outside 1–5 is 400 on minRating', async (ctx) => {
    const main = await ctx.fx.main();
    expectInvalid(
      await ctx.call('listTestimonials', { community: main.slug }, { query: { minRating: 6 } }),
      'minRating',
    );
  }),

  check('wall.query.sort', 'an unknown sort is 400 on sort', async (ctx) => {
    const main = await ctx.fx.main();
    expectInvalid(
      await ctx.call('listTestimonials', { community: main.slug }, { query: { sort: 'best' } }),
      'sort',
    );
  }),

  check('wall.list.empty', 'a wall without testimonials has count 0 and average 0', async (ctx) => {
    const main = await ctx.fx.main();
    const p = await page(ctx, main.slug, { tag: `none-${ctx.run}` });
    equal(
      [p.testimonials.length, p.aggregate.count, p.aggregate.average, p.nextCursor],
      [0, 0, 0, null],
      'an empty wall',
    );
  }),
];
