/** The public shapes of the suite: what to run it against, a check, a result. */
import type { Context } from './context.js';

/** The backend under test. */
export interface Target {
  /** Base URL of the backend, e.g. `http://127.0.0.1:8787` (the contract's paths start with `/v1`). */
  url: string;
  /**
   * The backend's operator key: it creates the suite's communities and invites hosts. The
   * suite runs each community with the key of its first owner, from the creation's answer.
   */
  hostKey: string;
  /** The `fetch` to use; default the global one. */
  fetch?: typeof fetch;
}

/** One small, named check of the contract. */
export interface Check {
  /** `area.topic.what`, e.g. `membership.join.consent-required`. */
  readonly id: string;
  /** What the backend must do, in a few words. */
  readonly title: string;
  run(ctx: Context): Promise<void>;
}

export interface CheckResult {
  id: string;
  title: string;
  ok: boolean;
  /** Why it failed. */
  error?: string;
  /** How long it took, in milliseconds. */
  ms: number;
  /** What the suite had to do along the way, e.g. wait out a rate limit. */
  notes?: string[];
}

export interface ConformanceOptions extends Target {
  /** Run only the checks whose id starts with one of these (e.g. `membership`, `offers.reveal`). */
  only?: readonly string[];
  /** Called after each check, in order. */
  onResult?: (result: CheckResult) => void;
  /** Called when the suite has to wait (an unexpected 429) or wants to say something. */
  onNote?: (note: string) => void;
}

export interface ConformanceReport {
  passed: number;
  failed: number;
  results: CheckResult[];
  /** HTTP requests the run sent (retries after a 429 included). */
  requests: number;
}
