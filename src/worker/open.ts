// Opening a persisted database for a host: the client's first message, `open`, names the
// database; the engine then loads it (requests wait, or get LOADING if the client asked), reports
// progress, and persists every write from then on. Without an `open` the engine stays in memory.
import type { Endpoint, MessageEventLike } from '../rpc/endpoint.js';
import type { ClientMessage, ClosedMessage, FailedMessage, LoadingMessage, OpenMessage } from '../rpc/messages.js';
import { idbStoreOf } from '../persistence/io-store.js';
import { MemoryBackend, MemoryStore } from '../persistence/memory-store.js';
import type { Store } from '../persistence/store.js';
import { engineLock, holdLock, hostLock, webLocks } from '../rpc/tabs.js';
import { Durable } from './durable.js';
import type { ConnectOptions, WorkerHost } from './host.js';
import { serveTabs } from './tabs.js';

/** The IndexedDB database of a localredis database name. */
export function databaseName(name: string): string {
  return `localredis:${name}`;
}

/** Memory databases by name (Node): a client that opens a name again in this process finds its data. */
const memoryBackends = new Map<string, MemoryBackend>();

/** IndexedDB where there is one (a worker, a page; its transactions in an IO worker), memory elsewhere (Node). */
export function defaultStore(name: string): Store {
  if (typeof indexedDB !== 'undefined') return idbStoreOf(databaseName(name));
  let backend = memoryBackends.get(name);
  if (backend === undefined) memoryBackends.set(name, (backend = new MemoryBackend()));
  return new MemoryStore(backend, name);
}

/** Progress messages at most this often while loading. */
const PROGRESS_MS = 50;

/** How listenForOpen opens a database. */
export interface OpenOptions {
  /** The options the client's session is connected with: `open` sets its client key. */
  connection?: ConnectOptions;
  /**
   * Take the database's lock before opening it (a SharedWorker: tabs in dedicated mode hold it
   * themselves while their worker hosts the engine).
   */
  takeLock?: boolean;
  makeStore?: (name: string) => Store;
}

/** The database a host opened: several clients (a SharedWorker's ports) may ask for it. */
interface Opened {
  name: string;
  durable: Durable | null;
  failure: string | null;
}
const openedBy = new WeakMap<WorkerHost, Opened>();

/**
 * Waits on `ep` for the client's `open`, then persists the host's engine (once per host: a later
 * `open` of the same name joins it). Call it before host.connect(ep), so that the requests after
 * `open` already see the load.
 */
export function listenForOpen(host: WorkerHost, ep: Endpoint, options: OpenOptions = {}): { durable: Durable | null } {
  const makeStore = options.makeStore ?? defaultStore;
  const mine: { durable: Durable | null } = { durable: null };
  const onMessage = (ev: MessageEventLike) => {
    const msg = ev.data as ClientMessage;
    if (msg.type === 'open') {
      if (options.connection !== undefined) options.connection.client = msg.client;
      const opened = openedBy.get(host);
      if (opened !== undefined) {
        if (opened.name !== msg.name) ep.postMessage({ type: 'failed', message: `this engine serves the database '${opened.name}'` } satisfies FailedMessage);
        else if (opened.failure !== null) ep.postMessage({ type: 'failed', message: opened.failure } satisfies FailedMessage);
        else if (host.ready !== null) host.loadingWatchers.add(ep); // joins a load under way
        return;
      }
      const state: Opened = { name: msg.name, durable: null, failure: null };
      openedBy.set(host, state);
      const open = () => {
        const durable = openDurable(host, ep, msg, makeStore(msg.name));
        state.durable = mine.durable = durable;
        host.ready?.catch((e: unknown) => (state.failure = (e as Error)?.message ?? String(e)));
        if (msg.tabs === true && typeof BroadcastChannel !== 'undefined') serveTabs(host, msg.name);
      };
      const locks = webLocks();
      // A worker of an elected tab waits for the previous host's worker to be gone for good (its
      // page released the database's lock first) before it loads what that one committed.
      const lock = options.takeLock === true ? hostLock(msg.name) : msg.tabs === true ? engineLock(msg.name) : null;
      if (lock !== null && locks !== undefined) {
        // Requests wait for the lock as they wait for the load; it is held while this worker lives.
        host.ready = holdLock(locks, lock).then(open);
      } else open();
    } else if (msg.type === 'flush') {
      // The hosting page is going away (pagehide): commit now, while the worker still runs.
      void openedBy.get(host)?.durable?.persistence.flush().catch(() => {});
    } else if (msg.type === 'close') {
      // The client waits for this before it stops the worker: what was written is committed.
      ep.removeEventListener('message', onMessage);
      const done = () => ep.postMessage({ type: 'closed' } satisfies ClosedMessage);
      const durable = openedBy.get(host)?.durable;
      if (durable == null) done();
      else durable.persistence.flush().then(done, done);
    }
  };
  ep.addEventListener('message', onMessage);
  return mine;
}

/** Loads the store into the host's engine and persists it from then on. */
export function openDurable(host: WorkerHost, ep: Endpoint, msg: OpenMessage, store: Store): Durable {
  let last = 0;
  const appendonly = msg.appendonly ?? true;
  const durable = new Durable(host.engine, store, {
    applied: host.applied,
    appendonly,
    appendfsync: msg.appendfsync ?? 'everysec',
    // With the log on, rewrites keep it compact: no periodic full snapshots on top (CONFIG SET
    // save brings them back). Without it, Redis's save points are what persists the data.
    save: appendonly ? '' : undefined,
    onProgress: (loaded, total) => {
      const now = Date.now();
      if (loaded !== 0 && loaded !== total && now - last < PROGRESS_MS) return;
      last = now;
      const progress: LoadingMessage = { type: 'loading', loaded, total };
      for (const watcher of host.loadingWatchers) watcher.postMessage(progress);
    },
  });
  host.loadingWatchers.add(ep);
  host.loadingErrors = msg.whileLoading === 'error';
  host.afterBatch = (verbatim) => durable.afterBatch(verbatim);
  const persistence = durable.persistence;
  host.commits = { logging: () => persistence.appendonly, whenDurable: () => persistence.whenDurable() };
  const ready = durable.load().then(
    () => {
      if (host.ready === ready) host.ready = null;
      host.loadingWatchers.clear();
    },
    (e: unknown) => {
      const failed: FailedMessage = { type: 'failed', message: (e as Error)?.message ?? String(e) };
      for (const watcher of host.loadingWatchers) watcher.postMessage(failed);
      host.loadingWatchers.clear();
      throw e;
    },
  );
  host.ready = ready;
  ready.catch(() => {}); // reported to the client as `failed`
  return durable;
}
