export interface CercleVoteDetail {
  /** The community's slug. */
  community: string;
  /** The live session's id. */
  session: string;
  /** The question voted for (or whose vote was withdrawn). */
  questionId: string;
  /** `true`: the member now votes for it; `false`: they withdrew their vote. */
  voted: boolean;
}

/**
 * Fired by `<cercle-qa>` when the member voted for a question or withdrew their vote, after
 * the backend confirmed it. Bubbles and is composed; fired only on a user action.
 */
export class CercleVoteEvent extends Event {
  /** What happened: see the detail type. */
  readonly detail: CercleVoteDetail;

  constructor(detail: CercleVoteDetail) {
    super('cercle-vote', { bubbles: true, composed: true, cancelable: false });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cercle-vote': CercleVoteEvent;
  }
}
