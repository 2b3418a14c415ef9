// Opening a persisted database for a host: the client's first message, `open`, names the
// database; the engine then loads it (requests wait, or get LOADING if the client asked), reports
// progress, and persists every write from then on. Without an `open` the engine stays in memory.
import type { Endpoint, MessageEventLike } from '../rpc/endpoint.js';
import type { ClientMessage, ClosedMessage, FailedMessage, LoadingMessage, OpenMessage } from '../rpc/messages.js';
import { IdbStore } from '../persistence/idb-store.js';
import { MemoryBackend, MemoryStore } from '../persistence/memory-store.js';
import type { Store } from '../persistence/store.js';
import { Durable } from './durable.js';
import type { WorkerHost } from './host.js';

/** The IndexedDB database of a localredis database name. */
export function databaseName(name: string): string {
  return `localredis:${name}`;
}

/** Memory databases by name (Node): a client that opens a name again in this process finds its data. */
const memoryBackends = new Map<string, MemoryBackend>();

/** IndexedDB where there is one (a worker, a page), memory elsewhere (Node). */
export function defaultStore(name: string): Store {
  if (typeof indexedDB !== 'undefined') return new IdbStore(databaseName(name));
  let backend = memoryBackends.get(name);
  if (backend === undefined) memoryBackends.set(name, (backend = new MemoryBackend()));
  return new MemoryStore(backend, name);
}

/** Progress messages at most this often while loading. */
const PROGRESS_MS = 50;

/**
 * Waits on `ep` for the client's `open`, then persists the host's engine. Call it before
 * host.connect(ep), so that the requests after `open` already see the load.
 */
export function listenForOpen(
  host: WorkerHost,
  ep: Endpoint,
  makeStore: (name: string) => Store = defaultStore,
): { durable: Durable | null } {
  const opened: { durable: Durable | null } = { durable: null };
  const onMessage = (ev: MessageEventLike) => {
    const msg = ev.data as ClientMessage;
    if (msg.type === 'open' && opened.durable === null) {
      opened.durable = openDurable(host, ep, msg, makeStore(msg.name));
    } else if (msg.type === 'close' && opened.durable !== null) {
      // The client waits for this before it stops the worker: what was written is committed.
      ep.removeEventListener('message', onMessage);
      const done = () => ep.postMessage({ type: 'closed' } satisfies ClosedMessage);
      opened.durable.persistence.flush().then(done, done);
    }
  };
  ep.addEventListener('message', onMessage);
  return opened;
}

/** Loads the store into the host's engine and persists it from then on. */
export function openDurable(host: WorkerHost, ep: Endpoint, msg: OpenMessage, store: Store): Durable {
  let last = 0;
  const appendonly = msg.appendonly ?? true;
  const durable = new Durable(host.engine, store, {
    appendonly,
    appendfsync: msg.appendfsync ?? 'everysec',
    // With the log on, rewrites keep it compact: no periodic full snapshots on top (CONFIG SET
    // save brings them back). Without it, Redis's save points are what persists the data.
    save: appendonly ? '' : undefined,
    onProgress: (loaded, total) => {
      const now = Date.now();
      if (loaded !== 0 && loaded !== total && now - last < PROGRESS_MS) return;
      last = now;
      ep.postMessage({ type: 'loading', loaded, total } satisfies LoadingMessage);
    },
  });
  host.loadingErrors = msg.whileLoading === 'error';
  host.afterBatch = () => durable.afterBatch();
  const ready = durable.load().then(
    () => {
      if (host.ready === ready) host.ready = null;
    },
    (e: unknown) => {
      ep.postMessage({ type: 'failed', message: (e as Error)?.message ?? String(e) } satisfies FailedMessage);
      throw e;
    },
  );
  host.ready = ready;
  ready.catch(() => {}); // reported to the client as `failed`
  return durable;
}
