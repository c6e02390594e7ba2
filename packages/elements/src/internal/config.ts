/**
 * Which backend a widget talks to. In order, the first that is set wins:
 * the element's `adapter` property, its `api` attribute, `configure({ adapter })`,
 * `configure({ api })`, then `<meta name="cercle-api" content="…">` (read when a widget
 * needs it, so the tag may come after the script).
 */
import { createBrowserClient, type CercleApi } from '@cercle/client/browser';
import { cercleGlobal, configStore } from './stores.js';

declare const __CERCLE_DEV__: boolean | undefined;

export { configure, type CercleConfig } from './configure.js';

/** A resolved backend: the operations and the key its sessions are stored under. */
export interface ResolvedApi {
  /** `adapter`, or the normalised base URL of the HTTP API. */
  readonly key: string;
  readonly api: CercleApi;
}

/** What an element brings to the resolution. */
export interface ApiSource {
  adapter?: CercleApi | undefined;
  api?: string | undefined;
}

const metaApi = (): string | undefined => {
  if (typeof document === 'undefined') return undefined;
  const meta = document.querySelector<HTMLMetaElement>('meta[name="cercle-api"]');
  return meta?.content.trim() || undefined;
};

/** Base URL without a trailing slash, resolved against the page; throws on a bad URL. */
const normalise = (baseUrl: string): string => {
  const base = typeof document === 'undefined' ? undefined : document.baseURI;
  const url = new URL(baseUrl, base);
  url.hash = '';
  url.search = '';
  return url.href.replace(/\/+$/, '');
};

/**
 * The shared HTTP client for a base URL (one per API on the page). It checks the shape of
 * each answer; development builds check it against the contract's schemas too, loaded on
 * the first call, so a drifting backend shows up as an `invalid_response` naming the field.
 */
export function clientFor(baseUrl: string): ResolvedApi {
  const key = normalise(baseUrl);
  const { clients } = cercleGlobal();
  let api = clients.get(key);
  if (!api) {
    api = createBrowserClient({
      baseUrl: key,
      // `DEV` written out (dev.ts): the bundler must see the constant at the `import()`, or
      // it emits the schemas' chunk (valibot and the contract) into every production build.
      loadFullChecks:
        typeof __CERCLE_DEV__ === 'undefined' || __CERCLE_DEV__
          ? () => import('@cercle/client/check')
          : undefined,
    });
    clients.set(key, api);
  }
  return { key, api };
}

/**
 * The backend for an element, or `undefined` when none is configured.
 * Throws a `TypeError` when the configured URL is not a URL.
 */
export function resolveApi(source: ApiSource): ResolvedApi | undefined {
  const config = configStore().get();
  if (source.adapter) return { key: 'adapter', api: source.adapter };
  if (source.api) return clientFor(source.api);
  if (config.adapter) return { key: 'adapter', api: config.adapter };
  const url = config.api || metaApi();
  return url ? clientFor(url) : undefined;
}
