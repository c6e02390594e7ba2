/**
 * @cercle/elements — the widgets as classes, their events, `configure()` and the types.
 * Importing this entry registers nothing: import `@cercle/elements/join` or
 * `@cercle/elements/qa` (or `dist/cercle.js` for every widget) to define the tags, or call
 * `CercleJoin.define()` / `CercleQa.define()`.
 */
export { CercleElement, type Theme } from './internal/cercle-element.js';
export { configure, type CercleConfig } from './internal/config.js';
export type { MemberSession } from './internal/stores.js';
export { LOCALES, type Locale, type CercleTerms } from './internal/localize.js';
export { VERSION } from './internal/version.js';
export { CercleJoin, type JoinVariant } from './join/join.js';
export { CercleJoinEvent, type CercleJoinDetail } from './events/join.js';
export { CercleJoinRequestEvent, type CercleJoinRequestDetail } from './events/join-request.js';
export { CercleLeaveEvent, type CercleLeaveDetail } from './events/leave.js';
export { CercleQa, type QaSort } from './qa/qa.js';
export { CercleQuestionEvent, type CercleQuestionDetail } from './events/question.js';
export { CercleVoteEvent, type CercleVoteDetail } from './events/vote.js';
export { CercleReportEvent, type CercleReportDetail } from './events/report.js';
export { CerclePromo } from './promo/promo.js';
export { CercleRevealEvent, type CercleRevealDetail } from './events/reveal.js';
export { CercleCopyEvent, type CercleCopyDetail, type CercleCopyMethod } from './events/copy.js';
export { CercleWall, type WallLayout, type WallSort } from './wall/wall.js';
export {
  CercleTestimonialSubmitEvent,
  type CercleTestimonialSubmitDetail,
} from './events/testimonial-submit.js';
export type { CercleApi } from '@cercle/client';
