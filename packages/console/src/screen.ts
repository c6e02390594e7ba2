/**
 * The contract between the shell (`<cercle-console>`) and its screens.
 *
 * A screen is a custom element named `cercle-console-<name>`, defined by its module in
 * `src/screens/<name>.ts` (the shell imports it lazily the first time the route is opened).
 * The shell sets two properties:
 *
 * - `.session`: the signed-in host — `api` (the admin client bound to the key), `host`,
 *   `community` (HostCommunity, kept current), `permissions`, `locale`;
 * - `.route`: the route that opened it — `name`, `id` (`#/live/<id>`), `query`.
 *
 * A screen renders an `<h1>` from its very first render (the shell moves focus to it on
 * navigation: `focusHeading()`), reports async results with `this.toast(…)` (a
 * `console-toast` event; the shell shows it in its `role="status"` live region) and, when it
 * changes the community, fires `console-community` so the shell and other screens see it.
 *
 * Extend `ConsoleScreen` (below) to get all of that, the terms helper `this.t(terms)`,
 * `this.can(permission)`, `this.fmt` (Intl) and `this.errorText(error)`.
 */
import { LitElement, type PropertyValues } from 'lit';
import type { HostAccount } from '@cercle/client/admin';
import type { HostCommunity, Permission } from '@cercle/client/contract';
import { CercleError } from '@cercle/client';
import type { ConsoleApi } from './api.js';
import {
  common,
  formats,
  type CommonTerms,
  type Dictionary,
  type Formats,
  type Locale,
} from './i18n.js';
import { screenStyles } from './ui/styles.js';

/** The signed-in host, as every screen receives it. */
export interface Session {
  api: ConsoleApi;
  host: HostAccount;
  community: HostCommunity;
  /** What the host's role allows (`Permission` names; unknown ones are ignored). */
  permissions: readonly string[];
  locale: Locale;
}

export const ROUTE_NAMES = [
  'sessions',
  'live',
  'testimonials',
  'offers',
  'reports',
  'kpis',
  'settings',
  'team',
  'webhooks',
  'audit',
  'accept',
] as const;
export type RouteName = (typeof ROUTE_NAMES)[number];

/** `#/live/dimanche-live?x=1` → `{ name: 'live', id: 'dimanche-live', query: x=1 }`. */
export interface Route {
  name: RouteName | 'home' | 'unknown';
  id?: string;
  query: URLSearchParams;
}

export type ToastTone = 'info' | 'success' | 'error';

/** A status message for the shell's live region. Bubbles, composed. */
export class ConsoleToastEvent extends Event {
  readonly detail: { message: string; tone: ToastTone };
  constructor(message: string, tone: ToastTone = 'info') {
    super('console-toast', { bubbles: true, composed: true });
    this.detail = { message, tone };
  }
}

/** The community changed (settings saved, archived): the shell updates every screen's session. */
export class ConsoleCommunityEvent extends Event {
  readonly detail: HostCommunity;
  constructor(community: HostCommunity) {
    super('console-community', { bubbles: true, composed: true });
    this.detail = community;
  }
}

/** Asks the shell to sign in with a key (after accepting an invitation). */
export class ConsoleSignInEvent extends Event {
  readonly detail: { key: string };
  constructor(key: string) {
    super('console-sign-in', { bubbles: true, composed: true });
    this.detail = { key };
  }
}

declare global {
  interface HTMLElementEventMap {
    'console-toast': ConsoleToastEvent;
    'console-community': ConsoleCommunityEvent;
    'console-sign-in': ConsoleSignInEvent;
  }
}

/** Defines a screen once (safe if its module is evaluated twice). */
export function defineScreen(
  tag: `cercle-console-${string}`,
  ctor: CustomElementConstructor,
): void {
  if (!customElements.get(tag)) customElements.define(tag, ctor);
}

/** Field errors of a `validation_failed` answer, by the field's dotted path. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof CercleError)) return {};
  const out: Record<string, string> = {};
  for (const issue of error.fieldIssues) {
    const path = issue.path || '_';
    out[path] ??= issue.message;
  }
  return out;
}

/** A sentence for any failure, in the locale. */
export function errorText(error: unknown, t: CommonTerms): string {
  const e = t.errors;
  if (!(error instanceof CercleError)) return e.unknown;
  if (error.kind === 'network') return e.network;
  if (error.kind === 'timeout') return e.timeout;
  if (error.kind === 'invalid_response') return e.server;
  switch (error.code) {
    case 'unauthorized':
      return e.unauthorized;
    case 'forbidden':
      return e.forbidden;
    case 'not_found':
      return e.notFound;
    case 'conflict':
      return serverMessage(error) ?? e.conflict;
    case 'validation_failed':
      return e.validation;
    case 'rate_limited':
      return e.rateLimited;
    default:
      return (error.status ?? 0) >= 500 ? e.server : (serverMessage(error) ?? e.unknown);
  }
}

/** The server's own sentence (the error body's `message`), not the client's fallback. */
export function serverMessage(error: unknown): string | undefined {
  if (!(error instanceof CercleError) || !error.message) return undefined;
  return /^(GET|POST|PUT|PATCH|DELETE) \//.test(error.message) ? undefined : error.message;
}

/** Copies text; `true` when it worked. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

export abstract class ConsoleScreen extends LitElement {
  static override styles = [screenStyles];

  static override properties = {
    session: { attribute: false },
    route: { attribute: false },
  };

  declare session: Session | undefined;
  declare route: Route | undefined;

  /** The locale (English before the session arrives). */
  get locale(): Locale {
    return this.session?.locale ?? 'en';
  }

  /** The terms of `dict` in the session's locale. */
  t<T>(dict: Dictionary<T>): T {
    return dict[this.locale];
  }

  /** The shared terms (buttons, generic errors). */
  get common(): CommonTerms {
    return common[this.locale];
  }

  get fmt(): Formats {
    return formats(this.locale);
  }

  can(permission: Permission): boolean {
    return this.session?.permissions.includes(permission) ?? false;
  }

  /** Sends a status message to the shell's live region. */
  toast(message: string, tone: ToastTone = 'info'): void {
    this.dispatchEvent(new ConsoleToastEvent(message, tone));
  }

  errorText(error: unknown): string {
    return errorText(error, this.common);
  }

  /** Copies and says so in the live region. */
  async copy(text: string): Promise<void> {
    const ok = await copyText(text);
    this.toast(ok ? this.common.copied : this.common.copyFailed, ok ? 'success' : 'error');
  }

  /** Moves focus to the screen's heading (the shell calls it after navigation). */
  async focusHeading(): Promise<void> {
    await this.updateComplete;
    const heading = this.renderRoot.querySelector<HTMLElement>('h1');
    if (!heading) return;
    heading.tabIndex = -1;
    heading.focus();
  }

  /** Called when the session first arrives or changes community/key: (re)load data. */
  protected load(): void | Promise<void> {}

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('session') && this.session) {
      const before: Session | undefined = changed.get('session');
      if (!before || before.api !== this.session.api) void this.load();
    }
  }
}
