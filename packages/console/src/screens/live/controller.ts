/**
 * The live queue's data, as a reactive controller: the session and every question (pending
 * and hidden ones too, `GET …/host/sessions/{s}/questions`), kept current by the host event
 * stream (`GET …/host/sessions/{s}/events`, Server-Sent Events with the key in the
 * `Authorization` header) through the client's `subscribe`, which reconnects with
 * `Last-Event-ID`; a `resync` (the gap was too old) reloads the list. Connects when asked,
 * closes when the screen leaves the page.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  createClient,
  type Question,
  type SessionEvent,
  type StreamState,
  type Subscription,
  type SubscribeOptions,
} from '@cercle/client';
import type { HostSessionList, LiveSession } from '@cercle/client/contract';
import type { ConsoleApi } from '../../api.js';

export type LiveSessionView = LiveSession & { archived?: boolean };
export type LoadState = 'idle' | 'loading' | 'ready' | 'error';

/** What the controller tells its screen besides re-rendering. */
export interface LiveQueueEvents {
  /** A question was asked while the screen was open (not the ones of the first load). */
  onAsked?(question: Question): void;
  /** Loading or reloading failed. */
  onError?(error: unknown): void;
}

/**
 * The host stream for a session. Uses the api's own `subscribe` when it has one, else the
 * public client over the api's base (and its `fetch`, when it exposes it) with the host key.
 */
export function subscribeHost(
  api: ConsoleApi,
  community: string,
  session: string,
  options: Omit<SubscribeOptions, 'hostKey'>,
): Subscription {
  const extended = api as ConsoleApi & {
    subscribe?: (c: string, s: string, o: Omit<SubscribeOptions, 'hostKey'>) => Subscription;
    fetch?: typeof fetch;
  };
  if (typeof extended.subscribe === 'function') {
    return extended.subscribe(community, session, options);
  }
  const client = createClient({
    baseUrl: api.base,
    ...(typeof extended.fetch === 'function' ? { fetch: extended.fetch } : {}),
  });
  return client.subscribe(community, session, { ...options, hostKey: api.key });
}

export class LiveQueueController implements ReactiveController {
  session: LiveSessionView | undefined;
  readonly questions = new Map<string, Question>();
  stream: StreamState = 'closed';
  retryInMs: number | undefined;
  state: LoadState = 'idle';

  readonly #host: ReactiveControllerHost;
  readonly #events: LiveQueueEvents;
  #subscription: Subscription | undefined;
  #target: { api: ConsoleApi; community: string; id: string } | undefined;
  /** Bumped on each connect: answers of an older one are dropped. */
  #generation = 0;

  constructor(host: ReactiveControllerHost, events: LiveQueueEvents = {}) {
    this.#host = host;
    this.#events = events;
    host.addController(this);
  }

  hostConnected(): void {
    if (this.#target && !this.#subscription) void this.connect(this.#target);
  }

  hostDisconnected(): void {
    this.#close();
  }

  /** Loads the session and its questions, then follows the stream. */
  async connect(target: { api: ConsoleApi; community: string; id: string }): Promise<void> {
    this.#close();
    this.#target = target;
    const generation = ++this.#generation;
    const same = this.session?.id === target.id;
    if (!same) {
      this.session = undefined;
      this.questions.clear();
    }
    this.state = 'loading';
    this.#host.requestUpdate();
    try {
      const lastEventId = await this.#load(generation);
      if (lastEventId === undefined) return;
      this.#subscription = subscribeHost(target.api, target.community, target.id, {
        lastEventId,
        onEvent: (event) => {
          if (generation === this.#generation) this.#apply(event);
        },
        onState: (state, info) => {
          if (generation !== this.#generation) return;
          this.stream = state;
          this.retryInMs = info?.retryInMs;
          this.#host.requestUpdate();
        },
      });
    } catch (error) {
      if (generation !== this.#generation) return;
      this.state = 'error';
      this.#host.requestUpdate();
      this.#events.onError?.(error);
    }
  }

  /** The session and questions now; the event id to follow from (`undefined`: superseded). */
  async #load(generation: number): Promise<string | undefined> {
    const { api, community, id } = this.#target!;
    const [sessions, list] = await Promise.all([
      api.request('hostSessions', { params: { community } }),
      api.request('hostQuestions', { params: { community, session: id } }),
    ]);
    if (generation !== this.#generation) return undefined;
    const found: HostSessionList['sessions'][number] | undefined = sessions.data.sessions.find(
      (s) => s.id === id,
    );
    this.session = found;
    this.questions.clear();
    for (const q of list.data.questions) this.questions.set(q.id, q);
    this.state = 'ready';
    this.#host.requestUpdate();
    return list.data.lastEventId;
  }

  #apply(event: SessionEvent): void {
    switch (event.type) {
      case 'question.created': {
        const known = this.questions.has(event.question.id);
        this.questions.set(event.question.id, event.question);
        if (!known) this.#events.onAsked?.(event.question);
        break;
      }
      case 'question.updated':
        this.questions.set(event.question.id, event.question);
        break;
      case 'question.removed':
        this.questions.delete(event.questionId);
        break;
      case 'session.updated':
        this.session = { ...this.session, ...event.session };
        break;
      case 'resync':
        // Away too long: start again from a fresh list (the subscription stays open).
        void this.#load(this.#generation).catch((error: unknown) => this.#events.onError?.(error));
        return;
    }
    this.#host.requestUpdate();
  }

  /** A question as the server answered a change to it (the stream will say it too). */
  upsert(question: Question): void {
    this.questions.set(question.id, question);
    this.#host.requestUpdate();
  }

  setSession(session: LiveSession): void {
    this.session = { ...this.session, ...session };
    this.#host.requestUpdate();
  }

  #close(): void {
    this.#generation++;
    this.#subscription?.close();
    this.#subscription = undefined;
    this.stream = 'closed';
  }
}
