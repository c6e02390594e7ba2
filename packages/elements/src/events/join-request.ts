export interface CercleJoinRequestDetail {
  /** The community's slug. */
  community: string;
}

/**
 * Fired by `<cercle-join>` when the visitor submits a valid form with consent, before
 * anything is sent. Cancelable: `preventDefault()` stops the join (the host page may ask
 * for something first). Bubbles and is composed. Carries nothing personal.
 */
export class CercleJoinRequestEvent extends Event {
  /** What happened: see the detail type. */
  readonly detail: CercleJoinRequestDetail;

  constructor(detail: CercleJoinRequestDetail) {
    super('cercle-join-request', { bubbles: true, composed: true, cancelable: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cercle-join-request': CercleJoinRequestEvent;
  }
}
