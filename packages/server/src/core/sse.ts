/**
 * Server-Sent Events streams of live sessions, as plain `ReadableStream` responses (which
 * @hono/node-server writes to the socket chunk by chunk, as they come).
 *
 * Wire format, one block per event: `id: <event id>\nevent: <type>\ndata: <one-line JSON>\n\n`;
 * a `: ping` comment every `heartbeatMs`. On connect with `Last-Event-ID`: the events after
 * it from the log, or, when the log no longer reaches back that far, one `resync` event
 * carrying the newest id; then live events. Without `Last-Event-ID`: live events only.
 *
 * Handoff without gap or duplicate: the stream subscribes to the broker first and buffers,
 * then reads the log, then flushes the buffer skipping the ids already sent.
 */
import type { Broker, LiveEvent, WireEvent } from './broker.js';

export interface EventStreamsOptions {
  /** Time between two `: ping` comments. */
  heartbeatMs: number;
  /** When aborted, every open stream ends and new ones end at once (server shutdown). */
  signal?: AbortSignal | undefined;
  /** A subscriber with more than this many bytes waiting (a stalled reader) is cut; it resumes. */
  maxQueuedBytes?: number | undefined;
}

export interface StreamRequest {
  broker: Broker;
  /** The broker key of the session. */
  key: string;
  audience: 'public' | 'host';
  /** The request's `Last-Event-ID` header. */
  lastEventId: string | undefined;
  /** The events after an id, or `undefined` when the log cannot give them all. */
  eventsAfter(lastEventId: string): Promise<LiveEvent[] | undefined>;
  /** The newest event id of the session (sent with `resync`). */
  newestId(): Promise<number>;
  /** Cuts the connection at once (a stalled reader); default: end the stream. */
  drop?: (() => void) | undefined;
  /** Called once when the stream ends, whoever ends it. */
  onClose?: (() => void) | undefined;
}

const encoder = new TextEncoder();
const PING = encoder.encode(': ping\n\n');
const RESYNC: WireEvent = { type: 'resync', data: '{}' };
const HIGH_WATER_MARK = 64 * 1024;

/** Each event is encoded once, however many subscribers it goes to. */
const frames = new WeakMap<WireEvent, Uint8Array>();
function frame(id: number, wire: WireEvent): Uint8Array {
  let bytes = frames.get(wire);
  if (!bytes) {
    bytes = encoder.encode(`id: ${id}\nevent: ${wire.type}\ndata: ${wire.data}\n\n`);
    frames.set(wire, bytes);
  }
  return bytes;
}

interface Connection {
  send(bytes: Uint8Array): void;
  /** Ends the stream after what is queued. */
  close(): void;
}

/** The open streams of an app: one heartbeat for all, and an end for all at shutdown. */
export class EventStreams {
  readonly #open = new Set<Connection>();
  readonly #heartbeatMs: number;
  readonly #maxQueuedBytes: number;
  readonly #signal: AbortSignal | undefined;
  #ticker: ReturnType<typeof setInterval> | undefined;

  constructor(options: EventStreamsOptions) {
    this.#heartbeatMs = options.heartbeatMs;
    this.#maxQueuedBytes = options.maxQueuedBytes ?? 1024 * 1024;
    this.#signal = options.signal;
    this.#signal?.addEventListener('abort', () => {
      for (const connection of [...this.#open]) connection.close();
    });
  }

  /** Streams open now. */
  get size(): number {
    return this.#open.size;
  }

  open(request: StreamRequest): Response {
    const { audience } = request;
    let controller!: ReadableStreamDefaultController<Uint8Array>;
    let closed = false;
    let live = false;
    let lastSent = -1;
    const buffered: LiveEvent[] = [];
    const queued = () => HIGH_WATER_MARK - (controller.desiredSize ?? 0);
    // What may wait in the queue: the replay (sent at once, read at the reader's pace) + the limit.
    let allowance = Infinity;

    const connection: Connection = {
      send: (bytes) => {
        if (closed) return;
        controller.enqueue(bytes);
        if (queued() <= allowance) return;
        // A reader this far behind gets cut; it reconnects and resumes from the log.
        if (request.drop) {
          cleanup();
          request.drop();
        } else {
          connection.close();
        }
      },
      close: () => {
        if (closed) return;
        cleanup();
        try {
          controller.close();
        } catch {
          // Already cancelled by the reader.
        }
      },
    };
    const deliver = (event: LiveEvent) => {
      if (event.id <= lastSent) return;
      lastSent = event.id;
      const wire = audience === 'host' ? event.host : event.public;
      if (wire) connection.send(frame(event.id, wire));
    };
    const unsubscribe = request.broker.subscribe(request.key, (event) => {
      if (live) deliver(event);
      else buffered.push(event);
    });
    const cleanup = () => {
      if (closed) return;
      closed = true;
      unsubscribe();
      request.onClose?.();
      this.#open.delete(connection);
      this.#heartbeat();
    };

    const body = new ReadableStream<Uint8Array>(
      {
        start: (c) => {
          controller = c;
        },
        cancel: cleanup,
      },
      { highWaterMark: HIGH_WATER_MARK, size: (chunk) => chunk.byteLength },
    );
    this.#open.add(connection);
    this.#heartbeat();

    // Replay from the log, then go live with what arrived meanwhile (skipping what was sent).
    const replay = async () => {
      if (request.lastEventId !== undefined) {
        const missed = await request.eventsAfter(request.lastEventId);
        if (missed) {
          lastSent = Number(request.lastEventId);
          for (const event of missed) deliver(event);
        } else {
          const newest = await request.newestId();
          lastSent = newest;
          connection.send(frame(newest, { ...RESYNC }));
        }
      }
      allowance = queued() + this.#maxQueuedBytes;
      live = true;
      for (const event of buffered.splice(0)) deliver(event);
      if (this.#signal?.aborted) connection.close();
    };
    replay().catch(() => connection.close());

    return new Response(body, {
      status: 200,
      headers: {
        'Content-Type': 'text/event-stream',
        'Cache-Control': 'no-store',
        'X-Accel-Buffering': 'no',
      },
    });
  }

  /** Runs one ticker while any stream is open. */
  #heartbeat(): void {
    if (this.#open.size > 0 && this.#ticker === undefined) {
      this.#ticker = setInterval(() => {
        for (const connection of [...this.#open]) connection.send(PING);
      }, this.#heartbeatMs);
      // In Node, the heartbeat alone does not keep the process alive (no `unref` in browsers).
      (this.#ticker as { unref?: () => void }).unref?.();
    } else if (this.#open.size === 0 && this.#ticker !== undefined) {
      clearInterval(this.#ticker);
      this.#ticker = undefined;
    }
  }
}
