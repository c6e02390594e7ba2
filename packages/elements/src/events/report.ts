import type { ReportReason } from '@cercle/client/contract';

export interface CercleReportDetail {
  /** The community's slug. */
  community: string;
  /** What was reported. */
  targetKind: 'question' | 'testimonial';
  /** The reported content's id. */
  targetId: string;
  /** The reason the visitor chose. */
  reason: ReportReason;
}

/**
 * Fired when a visitor reported a piece of content to the host and the backend received the
 * notice. Bubbles and is composed; fired only on a user action. The details the visitor
 * wrote are not in the event.
 */
export class CercleReportEvent extends Event {
  /** What happened: see the detail type. */
  readonly detail: CercleReportDetail;

  constructor(detail: CercleReportDetail) {
    super('cercle-report', { bubbles: true, composed: true, cancelable: false });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cercle-report': CercleReportEvent;
  }
}
