/**
 * The wall's attributes read as the wall uses them (out-of-range values fall back to the
 * defaults), and the development warnings about the ones it cannot use.
 */
import type { PropertyValues } from 'lit';
import { TESTIMONIALS_PAGE_MAX, type TestimonialSort } from '@cercle/client/browser';
import { warnOnce } from '../internal/dev.js';
import type { WallQuery } from './wall-data.js';

export type WallLayout = 'grid' | 'masonry' | 'carousel' | 'list';
export type WallSort = TestimonialSort;

/** The attributes of `<cercle-wall>` read here. */
export interface WallOptions {
  layout: WallLayout;
  tag: string | undefined;
  minRating: number | undefined;
  limit: number;
  sort: WallSort;
  seoProduct: string | undefined;
}

const LAYOUTS: readonly WallLayout[] = ['grid', 'masonry', 'carousel', 'list'];

export const layoutOf = (o: WallOptions): WallLayout =>
  LAYOUTS.includes(o.layout) ? o.layout : 'grid';

/** A page holds 1 to 50 testimonials (12 by default). */
export function limitOf(o: WallOptions): number {
  const n = Math.trunc(Number(o.limit));
  return Number.isFinite(n) ? Math.min(TESTIMONIALS_PAGE_MAX, Math.max(1, n)) : 12;
}

export function minRatingOf(o: WallOptions): number | undefined {
  const n = Math.trunc(Number(o.minRating));
  return n >= 1 && n <= 5 ? n : undefined;
}

/** What the wall asks the backend for, each page. */
export function queryOf(o: WallOptions): WallQuery {
  const minRating = minRatingOf(o);
  const tag = o.tag?.trim();
  return {
    sort: o.sort === 'rating' ? 'rating' : 'recent',
    limit: limitOf(o),
    ...(tag ? { tag } : {}),
    ...(minRating ? { minRating } : {}),
  };
}

/** Development only: warns once about each attribute the wall cannot use as given. */
export function checkOptions(o: WallOptions, changed: PropertyValues): void {
  if (changed.has('layout') && !LAYOUTS.includes(o.layout)) {
    warnOnce(
      `<cercle-wall> layout="${String(o.layout)}" is not a layout: use ${LAYOUTS.map((l) => `"${l}"`).join(', ')}.`,
      'widgets/wall.md#layouts',
    );
  }
  if (changed.has('sort') && o.sort !== 'recent' && o.sort !== 'rating') {
    warnOnce(
      `<cercle-wall> sort="${String(o.sort)}" is not a sort: use "recent" or "rating".`,
      'widgets/wall.md#attributes',
    );
  }
  if (changed.has('limit') && limitOf(o) !== o.limit) {
    warnOnce(
      `<cercle-wall> limit="${String(o.limit)}" is out of range: a page holds 1 to ${TESTIMONIALS_PAGE_MAX} testimonials.`,
      'widgets/wall.md#attributes',
    );
  }
  if ((changed.has('seoProduct') || changed.has('minRating')) && o.seoProduct && minRatingOf(o)) {
    warnOnce(
      '<cercle-wall> adds no search-engine markup with min-rating: the average of a filtered subset would mislead. Remove min-rating or seo-product.',
      'widgets/wall.md#search-engine-markup',
    );
  }
}
