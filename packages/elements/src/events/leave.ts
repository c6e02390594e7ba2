export interface CercleLeaveDetail {
  /** The community's slug. */
  community: string;
  /** The id of the member who left; the backend has erased their data. */
  memberId: string;
}

/**
 * Fired by `<cercle-join>` when the member has left the circle: the backend erased their
 * data and the page forgot the token. Bubbles and is composed; fired only on a user action.
 */
export class CercleLeaveEvent extends Event {
  /** What happened: see the detail type. */
  readonly detail: CercleLeaveDetail;

  constructor(detail: CercleLeaveDetail) {
    super('cercle-leave', { bubbles: true, composed: true, cancelable: false });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cercle-leave': CercleLeaveEvent;
  }
}
