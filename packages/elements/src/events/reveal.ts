export interface CercleRevealDetail {
  /** The community's slug. */
  community: string;
  /** The offer's id. */
  offer: string;
  /**
   * The member's code, now on screen (e.g. to prefill a discount field of the cart). It
   * exists only after the member revealed it: no event, attribute or storage carries it
   * before.
   */
  code: string;
}

/**
 * Fired by `<cercle-promo>` when the member revealed their code, after the backend gave it.
 * Not fired when a returning member's code is shown again on a later visit. Bubbles and is
 * composed; fired only on a user action.
 */
export class CercleRevealEvent extends Event {
  /** What happened: see the detail type. */
  readonly detail: CercleRevealDetail;

  constructor(detail: CercleRevealDetail) {
    super('cercle-reveal', { bubbles: true, composed: true, cancelable: false });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cercle-reveal': CercleRevealEvent;
  }
}
