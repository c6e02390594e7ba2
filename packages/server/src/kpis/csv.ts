/**
 * The dashboard's tables as CSV (`GET …/host/kpis.csv?table=`): the same read as the JSON, so
 * a download always matches the plots. A suppressed cell is `<5`, a figure without a value
 * (a ratio over nothing, a cohort too young) is empty; ratios stay fractions (0.25).
 */
import { KPI_MIN_MEMBERS, type KpiCell, type Kpis, type KpiTable } from '@cercle/client/admin';
import { toCsv } from '../core/csv.js';

const SUPPRESSED = `<${KPI_MIN_MEMBERS}`;
const cell = (c: KpiCell | null): string | number | null =>
  c === null ? null : 'value' in c ? c.value : SUPPRESSED;

/** One table of a KPI read as CSV. */
export function kpiCsv(k: Kpis, table: KpiTable): string {
  switch (table) {
    case 'summary': {
      const rows: [string, KpiCell | null][] = [
        ['active_1d', k.active.d1],
        ['active_7d', k.active.d7],
        ['active_28d', k.active.d28],
        ['activation', k.activation],
        ['stickiness', k.stickiness],
        ['churn', k.churn],
        ['visitors', k.funnel.visitors],
        ['joined', k.funnel.joined],
        ['joined_and_contributed', k.funnel.contributed],
        ['questions', k.contributions.questions],
        ['votes', k.contributions.votes],
        ['reports', k.contributions.reports],
        ['testimonials_submitted', k.testimonials.submitted],
        ['testimonials_approved', k.testimonials.approved],
        ['testimonials_approval_rate', k.testimonials.approvalRate],
        ['testimonials_with_photo', k.testimonials.withPhoto],
        ['testimonials_average_rating', k.testimonials.averageRating],
        ['reveals', k.promo.reveals],
        ['copies', k.promo.copies],
        ['redemptions', k.promo.redemptions],
        ...k.promo.revenue.map((r): [string, KpiCell] => [`revenue_${r.currency}`, r.amount]),
      ];
      return toCsv(
        ['kpi', 'value', 'from', 'to'],
        rows.map(([name, value]) => [name, cell(value), k.from, k.to]),
      );
    }
    case 'series':
      return toCsv(
        [k.granularity, 'members', 'joins', 'waitlisted_joins', 'leaves', 'visitors'].concat(
          ['active_1d', 'active_7d', 'active_28d', 'stickiness', 'churn'],
          ['testimonials', 'testimonials_approved'],
        ),
        k.series.map((d) => [
          d.day,
          cell(d.members),
          cell(d.joins),
          cell(d.waitlistedJoins),
          cell(d.leaves),
          cell(d.visitors),
          cell(d.active.d1),
          cell(d.active.d7),
          cell(d.active.d28),
          cell(d.stickiness),
          cell(d.churn),
          cell(d.testimonials),
          cell(d.testimonialsApproved),
        ]),
      );
    case 'cohorts':
      return toCsv(
        ['week', 'size', 'activated_7d', 'retained_d30', 'retained_d60', 'retained_d90'],
        k.retention.map((c) => [
          c.week,
          cell(c.size),
          cell(c.activated7),
          cell(c.d30),
          cell(c.d60),
          cell(c.d90),
        ]),
      );
    case 'sessions':
      return toCsv(
        [
          'session',
          'title',
          'starts_at',
          'state',
          'peak_viewers',
          'viewers',
          'askers',
          'voters',
          'participation',
          'questions',
          'answer_rate',
          'median_answer_seconds',
        ],
        k.sessions.map((s) => [
          s.id,
          s.title,
          s.startsAt,
          s.state,
          cell(s.peakViewers),
          cell(s.viewers),
          cell(s.askers),
          cell(s.voters),
          cell(s.participation),
          cell(s.questions),
          cell(s.answerRate),
          cell(s.medianAnswerSeconds),
        ]),
      );
    case 'offers': {
      // One line per offer and currency (an offer without orders: one line, no currency).
      const lines: (string | number | null)[][] = [];
      for (const o of k.promo.offers) {
        const funnel = [o.id, o.title, cell(o.teaserViews), cell(o.reveals), cell(o.copies)];
        if (o.revenue.length === 0) lines.push([...funnel, cell(o.redemptions), null, null]);
        for (const r of o.revenue) {
          lines.push([...funnel, cell(r.redemptions), r.currency, cell(r.amount)]);
        }
      }
      return toCsv(
        [
          'offer',
          'title',
          'teaser_views',
          'reveals',
          'copies',
          'redemptions',
          'currency',
          'revenue',
        ],
        lines,
      );
    }
  }
}
