/**
 * Asking, as a reactive controller of `<cercle-qa>`: the counter announced near the limit,
 * the checks before sending, one idempotency key per question (kept across retries), the
 * confirmation and `cercle-question`. Its state is the host's reactive `_ask`.
 */
import type { ReactiveControllerHost } from 'lit';
import { QUESTION_MAX } from '@cercle/client/browser';
import { hasCode } from '../internal/errors.js';
import { randomKey } from '../internal/url.js';
import { CercleQuestionEvent } from '../events/question.js';
import { actionMessage, nearLimit, type AskActions, type AskView } from './ask-form.js';
import type { Terms } from './item.js';
import type { QaBoard } from './store.js';

export interface AskHost extends ReactiveControllerHost, HTMLElement {
  /** The ask form's state. */
  _ask: AskView;
}

export interface AskOptions {
  /** The board and the community to ask on, when the widget has them. */
  target(): { board: QaBoard; community: string } | undefined;
  terms(): Terms;
  announce(message: string): void;
  /** Moves focus, after the next render, to what `selector` matches. */
  focus(selector: string): void;
  /** Told when asking failed (e.g. to note a rate limit). */
  failed(error: unknown): void;
}

export const NOTHING_ASKED: AskView = {
  length: 0,
  busy: false,
  error: undefined,
  status: undefined,
};

export class Ask {
  readonly #host: AskHost;
  readonly #o: AskOptions;
  #key: string | undefined;
  #announced = Infinity;

  constructor(host: AskHost, options: AskOptions) {
    this.#host = host;
    this.#o = options;
    host._ask = NOTHING_ASKED;
  }

  #set(patch: Partial<AskView>): void {
    this.#host._ask = { ...this.#host._ask, ...patch };
  }

  /** The form's handlers; the same object every render. */
  readonly actions: AskActions = {
    onInput: (e: Event) => this.#onInput(e),
    onSubmit: (e: SubmitEvent) => {
      e.preventDefault();
      void this.#submit(e.currentTarget as HTMLFormElement);
    },
  };

  #onInput(e: Event): void {
    const length = (e.target as HTMLTextAreaElement).value.length;
    this.#key = undefined; // a changed question is a new question
    this.#set({ length, error: undefined, status: undefined });
    const near = nearLimit(length, this.#announced);
    this.#announced = near.announced;
    if (near.announce !== undefined) {
      this.#o.announce(this.#o.terms().charactersLeft(QUESTION_MAX - length));
    }
  }

  async #submit(form: HTMLFormElement): Promise<void> {
    const to = this.#o.target();
    if (this.#host._ask.busy || !to) return;
    const { board, community } = to;
    const t = this.#o.terms();
    const field = form.querySelector<HTMLTextAreaElement>('#ask')!;
    const anonymous = form.querySelector<HTMLInputElement>('#anonymous')!.checked;
    const text = field.value.trim();
    if (!text || text.length > QUESTION_MAX) {
      this.#set({ status: undefined, error: text ? t.askTooLong(QUESTION_MAX) : t.askEmpty });
      this.#o.focus('#ask');
      return;
    }
    this.#set({ status: undefined, busy: true, error: undefined });
    this.#key ??= randomKey();
    try {
      const question = await board.ask(text, anonymous, this.#key);
      this.#key = undefined;
      field.value = '';
      this.#announced = Infinity;
      const status = question.state === 'pending' ? t.askPending : t.askPosted;
      this.#set({ length: 0, status, busy: false });
      this.#o.announce(status);
      this.#host.dispatchEvent(
        new CercleQuestionEvent({
          community,
          session: board.session,
          questionId: question.id,
          anonymous,
        }),
      );
    } catch (error) {
      const message = hasCode(error, 'validation_failed')
        ? t.askTooLong(QUESTION_MAX)
        : actionMessage(error, 'ask', t);
      this.#set({ error: message, busy: false });
      this.#o.announce(message);
      this.#o.failed(error);
    }
  }
}
