/**
 * What every Cercle widget on a page shares, held outside the components (nanostores):
 * the page configuration, one client per API, and the member session per (API, community).
 *
 * It all lives on one global key that includes the contract's major version
 * (`Symbol.for('cercle.v1')`), so two compatible copies of the SDK on a page share one
 * session instead of fighting. The session is persisted to `localStorage` under
 * `cercle.v1:<api>:<community>` and holds only `{ token, memberId, status }`: nothing personal
 * beyond the token. Without storage (blocked cookies, private mode) it lives in memory.
 * Other tabs follow through the `storage` event. Nothing touches the DOM at import time.
 */
import { atom, type WritableAtom } from 'nanostores';
import type { Community, MemberStatus } from '@cercle/client/contract';
import type { CercleApi } from '@cercle/client';
import { VERSION } from './version.js';

/** The member's session for one community of one API. */
export interface MemberSession {
  /** The member token returned by `join`, sent as `Authorization: Bearer`. */
  token: string;
  memberId: string;
  status: MemberStatus;
}

/** Page-level configuration, set once with `configure()`. */
export interface CercleConfig {
  /** Base URL of a backend that speaks the Cercle contract, for every widget of the page. */
  api?: string;
  /** Your own implementation of the operations, for a backend that speaks something else. Wins over `api`. */
  adapter?: CercleApi;
  /** Locale for widgets without a `locale` attribute (`en`, `fr`); wins over the page's `lang`. */
  locale?: string;
}

interface CercleGlobal {
  /** The version of the SDK copy that created this root. */
  readonly version: string;
  readonly config: WritableAtom<CercleConfig>;
  readonly clients: Map<string, CercleApi>;
  readonly sessions: Map<string, WritableAtom<MemberSession | null>>;
  readonly communities: Map<string, WritableAtom<Community | undefined>>;
  listening: boolean;
}

/**
 * The contract's major version (`CONTRACT_VERSION`), written here rather than imported so
 * this module (in the first load of `cercle.js`) does not pull the contract's schemas in;
 * a test checks the two agree.
 */
export const STORE_CONTRACT_VERSION = 1;
const PREFIX = `cercle.v${STORE_CONTRACT_VERSION}`;
const KEY = Symbol.for(PREFIX);

const newRoot = (): CercleGlobal => ({
  version: VERSION,
  config: atom<CercleConfig>({}),
  clients: new Map(),
  sessions: new Map(),
  communities: new Map(),
  listening: false,
});

/** The shared root, created on first use. */
export function cercleGlobal(): CercleGlobal {
  const g = globalThis as typeof globalThis & { [KEY]?: CercleGlobal };
  return (g[KEY] ??= newRoot());
}

/** Forgets every store of the page (tests; a fresh "page load" without reloading). */
export function resetCercleGlobal(): void {
  const g = globalThis as typeof globalThis & { [KEY]?: CercleGlobal };
  delete g[KEY];
}

/** The page configuration store. */
export const configStore = (): WritableAtom<CercleConfig> => cercleGlobal().config;

/** The `localStorage` key of a session. */
export const sessionKey = (apiKey: string, community: string): string =>
  `${PREFIX}:${apiKey}:${community}`;

const storage = (): Storage | undefined => {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined; // access itself throws where storage is blocked
  }
};

const parseSession = (raw: string | null | undefined): MemberSession | null => {
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as Partial<MemberSession>;
    return typeof v.token === 'string' &&
      typeof v.memberId === 'string' &&
      (v.status === 'active' || v.status === 'waitlisted')
      ? { token: v.token, memberId: v.memberId, status: v.status }
      : null;
  } catch {
    return null;
  }
};

const read = (key: string): MemberSession | null => {
  try {
    return parseSession(storage()?.getItem(key));
  } catch {
    return null;
  }
};

const write = (key: string, session: MemberSession | null): void => {
  try {
    const s = storage();
    if (!s) return;
    if (session) {
      const { token, memberId, status } = session;
      s.setItem(key, JSON.stringify({ token, memberId, status }));
    } else {
      s.removeItem(key);
    }
  } catch {
    // quota or blocked storage: the session still lives in memory for this page
  }
};

const listenToOtherTabs = (root: CercleGlobal): void => {
  if (root.listening || typeof window === 'undefined') return;
  root.listening = true;
  window.addEventListener('storage', (e) => {
    if (e.key === null) {
      for (const s of root.sessions.values()) s.set(null); // storage.clear()
      return;
    }
    const store = root.sessions.get(e.key);
    if (!store) return;
    const next = parseSession(e.newValue);
    if (next?.token !== store.get()?.token || next?.status !== store.get()?.status) store.set(next);
  });
};

/**
 * The member session store of one community on one API, shared by every widget of the
 * page (and every SDK copy); `null` when not a member. Setting it persists it.
 */
export function sessionStore(
  apiKey: string,
  community: string,
): WritableAtom<MemberSession | null> {
  const root = cercleGlobal();
  const key = sessionKey(apiKey, community);
  let store = root.sessions.get(key);
  if (!store) {
    store = atom<MemberSession | null>(read(key));
    store.listen((value) => write(key, value));
    root.sessions.set(key, store);
    listenToOtherTabs(root);
  }
  return store;
}

/**
 * The public information of one community on one API (`undefined` until loaded), shared by
 * every widget of the page: when one widget reloads it (after a join or a leave), all of them
 * show the new member count.
 */
export function communityStore(
  apiKey: string,
  community: string,
): WritableAtom<Community | undefined> {
  const root = cercleGlobal();
  const key = sessionKey(apiKey, community);
  let store = root.communities.get(key);
  if (!store) {
    store = atom<Community | undefined>(undefined);
    root.communities.set(key, store);
  }
  return store;
}
