export interface CercleQuestionDetail {
  /** The community's slug. */
  community: string;
  /** The live session's id. */
  session: string;
  /** The new question's id. */
  questionId: string;
  /** Whether it was asked anonymously (only the host sees the author). */
  anonymous: boolean;
}

/**
 * Fired by `<cercle-qa>` when the member asked a question and the backend accepted it (it may
 * still wait for the host's approval). Bubbles and is composed; fired only on a user action.
 * Carries nothing personal and not the question's text.
 */
export class CercleQuestionEvent extends Event {
  /** What happened: see the detail type. */
  readonly detail: CercleQuestionDetail;

  constructor(detail: CercleQuestionDetail) {
    super('cercle-question', { bubbles: true, composed: true, cancelable: false });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cercle-question': CercleQuestionEvent;
  }
}
