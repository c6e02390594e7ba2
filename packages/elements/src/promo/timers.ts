/**
 * The two clocks of `<cercle-promo>`: `Clock`, the time the countdown reads (ticking only
 * while something counts down), and `Backoff`, the wait after a `rate_limited` refusal, then
 * the one retry. Both stop when the widget leaves the page.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class Clock implements ReactiveController {
  /** The time the widget shows. */
  now = Date.now();
  readonly #host: ReactiveControllerHost;
  #timer: ReturnType<typeof setInterval> | undefined;
  #every = 0;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.tick(0);
  }

  /** Reads the time again (no re-render). */
  sync(): void {
    this.now = Date.now();
  }

  /** Ticks every `ms` (0: stops); the host re-renders on each tick. */
  tick(ms: number): void {
    if (ms === this.#every) return;
    clearInterval(this.#timer);
    this.#every = ms;
    this.#timer = ms
      ? setInterval(() => {
          this.now = Date.now();
          this.#host.requestUpdate();
        }, ms)
      : undefined;
  }
}

export class Backoff implements ReactiveController {
  /** When the wait ends; `undefined` when not waiting. */
  until: number | undefined;
  readonly #host: ReactiveControllerHost;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.clear();
  }

  /** Waits `ms` from `now`, then runs `retry` once. */
  wait(now: number, ms: number, retry: () => void): void {
    clearTimeout(this.#timer);
    this.until = now + ms;
    this.#host.requestUpdate();
    this.#timer = setTimeout(() => {
      this.#timer = this.until = undefined;
      retry();
      this.#host.requestUpdate();
    }, ms);
  }

  clear(): void {
    clearTimeout(this.#timer);
    this.#timer = this.until = undefined;
  }
}
