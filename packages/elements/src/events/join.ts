import type { MemberStatus } from '@cercle/client/contract';

export interface CercleJoinDetail {
  /** The community's slug. */
  community: string;
  /** The new member's id (opaque, never personal). */
  memberId: string;
  /** `active`: in the circle; `waitlisted`: queued until a place opens. */
  status: MemberStatus;
}

/**
 * Fired by `<cercle-join>` when the visitor has joined (or been waitlisted), after the
 * backend confirmed it. Bubbles and is composed; fired only on a user action.
 */
export class CercleJoinEvent extends Event {
  /** What happened: see the detail type. */
  readonly detail: CercleJoinDetail;

  constructor(detail: CercleJoinDetail) {
    super('cercle-join', { bubbles: true, composed: true, cancelable: false });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cercle-join': CercleJoinEvent;
  }
}
