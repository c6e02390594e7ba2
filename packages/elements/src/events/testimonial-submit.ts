import type { OwnTestimonial } from '@cercle/client/contract';

export interface CercleTestimonialSubmitDetail {
  /** The community's slug. */
  community: string;
  /** The testimonial as the backend stored it: `state` says whether it awaits moderation. */
  testimonial: OwnTestimonial;
}

/**
 * Fired by `<cercle-wall>` when a member sent a testimonial and the backend accepted it (it
 * usually waits for the host's approval: see `testimonial.state`). Bubbles and is composed;
 * fired only on a user action.
 */
export class CercleTestimonialSubmitEvent extends Event {
  /** What happened: see the detail type. */
  readonly detail: CercleTestimonialSubmitDetail;

  constructor(detail: CercleTestimonialSubmitDetail) {
    super('cercle-testimonial-submit', { bubbles: true, composed: true, cancelable: false });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cercle-testimonial-submit': CercleTestimonialSubmitEvent;
  }
}
