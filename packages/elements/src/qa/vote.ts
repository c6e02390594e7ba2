/**
 * Voting from `<cercle-qa>`'s list: visitors are asked to join first; members' votes go
 * through the board (optimistic, rolled back when refused), then `cercle-vote`, or the reason
 * under the question and in the live region. Its state is the host's reactive `_voteError`.
 */
import type { ReactiveControllerHost } from 'lit';
import { CercleVoteEvent } from '../events/vote.js';
import { actionMessage } from './ask-form.js';
import type { Terms } from './item.js';
import type { QaBoard } from './store.js';

export interface VoteHost extends ReactiveControllerHost, HTMLElement {
  /** Why the last vote did not go through, and on which question. */
  _voteError: { id: string; message: string } | undefined;
}

export interface VoteOptions {
  /** The board and the community to vote on, when the widget has them. */
  target(): { board: QaBoard; community: string } | undefined;
  member(): boolean;
  /** A visitor tried to vote: open the join card. */
  askToJoin(): void;
  terms(): Terms;
  announce(message: string): void;
  /** Told when a vote was refused (e.g. to note a rate limit). */
  failed(error: unknown): void;
}

const itemId = (e: Event): string | undefined =>
  (e.currentTarget as HTMLElement).closest<HTMLElement>('li[data-id]')?.dataset.id;

export class Votes {
  readonly #host: VoteHost;
  readonly #o: VoteOptions;

  constructor(host: VoteHost, options: VoteOptions) {
    this.#host = host;
    this.#o = options;
  }

  /** The vote button's click handler. */
  readonly onVote = (e: Event): void => void this.#vote(itemId(e));

  async #vote(id: string | undefined): Promise<void> {
    const to = this.#o.target();
    if (!id || !to) return;
    if (!this.#o.member()) {
      this.#o.askToJoin();
      return;
    }
    const { board, community } = to;
    const s = board.$board.get();
    const q = s.questions.get(id);
    if (!q || s.voting.has(id) || s.session?.state === 'ended') return;
    const voted = !q.votedByMe;
    this.#host._voteError = undefined;
    const outcome = await board.vote(id, voted);
    if (outcome.ok) {
      this.#host.dispatchEvent(
        new CercleVoteEvent({ community, session: board.session, questionId: id, voted }),
      );
    } else if (outcome.error !== undefined) {
      const message = actionMessage(outcome.error, 'vote', this.#o.terms());
      this.#host._voteError = { id, message };
      this.#o.announce(message);
      this.#o.failed(outcome.error);
    }
  }
}
