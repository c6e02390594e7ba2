/**
 * The mock in the browser: msw's service worker handing each request to the backend's app,
 * which runs in this page. With `persist`, the whole database is kept in IndexedDB: a reload
 * finds it as a real server would, and other tabs of the origin share it — a change in one
 * tab reaches the open event streams of the others (a host console in one tab drives a board
 * in another).
 */
import { setupWorker, type SetupWorker } from 'msw/browser';
import {
  eventsAfter,
  InProcessBroker,
  newestEventId,
  openMemoryStore,
  seedDemo,
  type LiveEvent,
  type MemoryStore,
} from '@cercle/server/app';
import { createMockBackend, type MockBackend, type MockOptions } from './backend.js';
import { handlersFor } from './handlers.js';

export * from './index.js';

export interface MockWorkerOptions extends MockOptions {
  /** Where `mockServiceWorker.js` is served (`npx msw init <public dir>`); default `/mockServiceWorker.js`. */
  serviceWorkerUrl?: string;
  /** Log each intercepted request in the console; default false. */
  verbose?: boolean;
  /** Keep the database in IndexedDB under this name, shared by the origin's tabs; default: not kept. */
  persist?: string;
}

/**
 * Registers msw's service worker and starts answering the contract under
 * `options.baseUrl`; resolves once requests are intercepted. Other requests pass through.
 */
export async function startMockWorker(
  options: MockWorkerOptions,
): Promise<SetupWorker & { backend: MockBackend }> {
  let backendOptions: MockOptions = options;
  if (options.persist !== undefined && options.store === undefined) {
    backendOptions = { ...options, ...(await persisted(options.persist, options)) };
  }
  const backend = createMockBackend(backendOptions);
  await backend.store;
  const worker = setupWorker(...handlersFor(backend));
  await worker.start({
    serviceWorker: { url: options.serviceWorkerUrl ?? '/mockServiceWorker.js' },
    quiet: !options.verbose,
    onUnhandledRequest: 'bypass',
  });
  return Object.assign(worker, { backend });
}

// Persistence -------------------------------------------------------------------------------

const DB_STORE = 'snapshots';

function idb(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(name, 1);
    open.onupgradeneeded = () => open.result.createObjectStore(DB_STORE);
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error ?? new Error('IndexedDB failed to open'));
  });
}

function load(db: IDBDatabase): Promise<Uint8Array | undefined> {
  return new Promise((resolve, reject) => {
    const get = db.transaction(DB_STORE).objectStore(DB_STORE).get('image');
    get.onsuccess = () => resolve(get.result as Uint8Array | undefined);
    get.onerror = () => reject(get.error ?? new Error('IndexedDB read failed'));
  });
}

function save(db: IDBDatabase, image: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(DB_STORE, 'readwrite');
    tx.objectStore(DB_STORE).put(image, 'image');
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB write failed'));
  });
}

/**
 * A store kept in IndexedDB: opened from the last snapshot (or seeded), saved shortly after
 * each change, reloaded when another tab saves; and a broker that also publishes the events
 * another tab logged, so this tab's open streams see them.
 */
async function persisted(
  name: string,
  options: MockOptions,
): Promise<Pick<MockOptions, 'store' | 'app'>> {
  const db = await idb(name);
  const channel = new BroadcastChannel(`cercle-mock:${name}`);
  const image = await load(db);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const store: MemoryStore = await openMemoryStore({
    image,
    onCommit: () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        void store
          .snapshot()
          .then((snapshot) => save(db, snapshot))
          .then(() => channel.postMessage('saved'));
      }, 100);
    },
  });
  if (!image) {
    await seedDemo(store, options.app?.now ? { now: options.app.now() } : {});
    await save(db, await store.snapshot());
  }

  // The newest event published here, per session key; what another tab logged after it is
  // published on its arrival.
  const seen = new Map<string, number>();
  const broker = options.app?.broker ?? new InProcessBroker();
  const publish = broker.publish.bind(broker);
  broker.publish = (key: string, event: LiveEvent) => {
    seen.set(key, Math.max(seen.get(key) ?? 0, event.id));
    publish(key, event);
  };
  const sessions = () =>
    store.all<{ seq: number; community: string; id: string }>(
      'SELECT seq, community, id FROM sessions',
    );
  for (const s of await sessions()) {
    seen.set(`${s.community}/${s.id}`, await newestEventId(store, s.seq));
  }
  channel.onmessage = async () => {
    const snapshot = await load(db);
    if (!snapshot) return;
    await store.restore(snapshot);
    for (const s of await sessions()) {
      const key = `${s.community}/${s.id}`;
      const missed = await eventsAfter(store, s.seq, String(seen.get(key) ?? 0));
      for (const event of missed ?? []) broker.publish(key, event);
    }
  };
  return { store, app: { ...options.app, broker } };
}
