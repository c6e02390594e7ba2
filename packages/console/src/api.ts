/**
 * The console's connection to the API: where it is, the host key, and who the key belongs to.
 *
 * **Where the key is kept, and why.** The host key lives in `sessionStorage` under
 * `cercle-console:session`, never in a URL, a cookie or `localStorage`:
 *
 * - not in a URL: URLs end up in server logs, browser history and `Referer` headers;
 * - `sessionStorage` is per tab and is gone when the tab closes, so a key pasted on a shared
 *   computer does not outlive the visit (and a reload does not sign you out);
 * - not a cookie: our API takes `Authorization: Bearer` keys, never cookies, so there is no
 *   ambient credential a third-party page could make the browser send — no CSRF to defend;
 * - a script injected in the page could still read it, which is why the console runs under a
 *   strict CSP and renders every user-supplied string as text (Lit's escaping).
 *
 * The API base URL defaults to the page's own origin (the reference server serves both the
 * console at `/console/` and the API at `/v1/`). `?api=https://…` overrides it once: it is
 * stored beside the key and taken out of the address bar.
 */
import { createAdminClient, type HostSelf } from '@cercle/client/admin';
import {
  CercleError,
  createClient,
  type SubscribeOptions,
  type Subscription,
} from '@cercle/client';
import type { Permission } from '@cercle/client/contract';

export type AdminRequest = ReturnType<typeof createAdminClient>['request'];
type RequestName = Parameters<AdminRequest>[0];

/** What is kept in `sessionStorage`. */
interface Stored {
  api?: string;
  key?: string;
}

const STORAGE_KEY = 'cercle-console:session';

function readStored(storage: Storage | undefined): Stored {
  try {
    const raw = storage?.getItem(STORAGE_KEY);
    const value: unknown = raw ? JSON.parse(raw) : {};
    if (typeof value !== 'object' || value === null) return {};
    const { api, key } = value as Record<string, unknown>;
    return {
      ...(typeof api === 'string' ? { api } : {}),
      ...(typeof key === 'string' ? { key } : {}),
    };
  } catch {
    return {};
  }
}

function writeStored(storage: Storage | undefined, value: Stored): void {
  try {
    if (value.api === undefined && value.key === undefined) storage?.removeItem(STORAGE_KEY);
    else storage?.setItem(STORAGE_KEY, JSON.stringify(value));
  } catch {
    // Storage refused (private mode, quota): the session lasts as long as the page.
  }
}

const defaultStorage = (): Storage | undefined => {
  try {
    return globalThis.sessionStorage;
  } catch {
    return undefined;
  }
};

/** A usable API base (http/https, no trailing slash), or `undefined`. */
export function normalizeApiBase(value: string): string | undefined {
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    return (url.origin + url.pathname).replace(/\/+$/, '');
  } catch {
    return undefined;
  }
}

/**
 * Where the stored session is. Tests give their own storage (or `undefined` for none).
 */
export class SessionStore {
  constructor(readonly storage: Storage | undefined = defaultStorage()) {}

  get key(): string | undefined {
    return readStored(this.storage).key;
  }

  get api(): string | undefined {
    return readStored(this.storage).api;
  }

  saveKey(key: string): void {
    writeStored(this.storage, { ...readStored(this.storage), key });
  }

  saveApi(api: string): void {
    writeStored(this.storage, { ...readStored(this.storage), api });
  }

  /** Signing out forgets the key; the API override stays for the tab. */
  forgetKey(): void {
    const { api } = readStored(this.storage);
    writeStored(this.storage, api === undefined ? {} : { api });
  }
}

/**
 * The API base for this page: `?api=` (stored, then removed from the address bar), else the
 * stored one, else the page's own origin.
 */
export function resolveApiBase(store: SessionStore, loc: Location = location): string {
  const params = new URLSearchParams(loc.search);
  const asked = params.get('api');
  if (asked !== null) {
    const base = normalizeApiBase(asked);
    if (base) store.saveApi(base);
    params.delete('api');
    const search = params.toString();
    try {
      history.replaceState(
        history.state,
        '',
        `${loc.pathname}${search && `?${search}`}${loc.hash}`,
      );
    } catch {
      // Not a page we can rewrite (a test fixture): nothing to hide.
    }
  }
  return store.api ?? loc.origin;
}

export interface ApiOptions {
  /** The API base, e.g. `https://cercle.example` (routes start at `/v1`). */
  base: string;
  /** The host key; empty for the calls anyone may make (accepting an invitation). */
  key: string;
  /** The `fetch` to use (tests hand the mock's). */
  fetch?: typeof fetch;
  /** Called when the API says the key is no longer valid (401): the shell signs out. */
  onUnauthorized?: () => void;
}

/**
 * The admin client bound to one key: `request(name, options)` over every route, the key sent
 * as `Authorization: Bearer` (never in a URL). Screens use `api.request(…)` and `api.download(…)`.
 */
export class ConsoleApi {
  readonly base: string;
  readonly key: string;
  readonly #fetch: typeof fetch;
  readonly #request: AdminRequest;
  readonly #onUnauthorized: (() => void) | undefined;

  constructor(options: ApiOptions) {
    this.base = options.base.replace(/\/+$/, '');
    this.key = options.key;
    this.#fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.#onUnauthorized = options.onUnauthorized;
    this.#request = createAdminClient({
      baseUrl: this.base,
      fetch: this.#fetch,
      retries: 1,
      timeoutMs: 15_000,
    }).request;
  }

  /** Calls a route with this key. A 401 signs the console out (after the caller's catch). */
  request: AdminRequest = (async (name: RequestName, options: object = {}) => {
    try {
      return await (this.#request as (n: RequestName, o: object) => Promise<unknown>)(name, {
        ...(this.key ? { hostKey: this.key } : {}),
        ...options,
      });
    } catch (error) {
      if (this.key && error instanceof CercleError && error.status === 401) {
        queueMicrotask(() => this.#onUnauthorized?.());
      }
      throw error;
    }
  }) as AdminRequest;

  /**
   * A non-JSON host route (the audit CSV) as a Blob, the key in the `Authorization` header
   * (a download link would have to carry it in its URL).
   */
  async download(path: string, accept = 'text/csv'): Promise<Blob> {
    const res = await this.#fetch(`${this.base}${path}`, {
      headers: { authorization: `Bearer ${this.key}`, accept },
    }).catch((cause: unknown) => {
      throw new CercleError('network', `GET ${path}: ${(cause as Error).message}`, { cause });
    });
    if (!res.ok) {
      let body: { error?: { code?: string; message?: string } } = {};
      try {
        body = (await res.json()) as typeof body;
      } catch {
        // not JSON
      }
      if (res.status === 401) queueMicrotask(() => this.#onUnauthorized?.());
      throw new CercleError('http', body.error?.message ?? `GET ${path} answered ${res.status}`, {
        status: res.status,
        code: body.error?.code ?? 'unknown',
      });
    }
    return res.blob();
  }

  /**
   * The host event stream of a session, with this key and this api's `fetch` (the client's
   * `subscribe`: it reconnects with Last-Event-ID and answers `resync`).
   */
  subscribe(
    community: string,
    session: string,
    options: Omit<SubscribeOptions, 'hostKey'>,
  ): Subscription {
    const client = createClient({ baseUrl: this.base, fetch: this.#fetch });
    return client.subscribe(community, session, { ...options, hostKey: this.key });
  }

  /** The same API with another key. */
  withKey(key: string): ConsoleApi {
    return new ConsoleApi({
      base: this.base,
      key,
      fetch: this.#fetch,
      ...(this.#onUnauthorized ? { onUnauthorized: this.#onUnauthorized } : {}),
    });
  }
}

/** `GET /v1/host/me`: the host, their community and permissions (throws a `CercleError`). */
export async function whoAmI(api: ConsoleApi, signal?: AbortSignal): Promise<HostSelf> {
  const { data } = await api.request('hostMe', signal ? { signal } : {});
  return data;
}

/** Whether a permission list grants `permission`. */
export const allows = (permissions: readonly string[], permission: Permission): boolean =>
  permissions.includes(permission);
