// createClient(): starts an engine (a dedicated Worker, or inline in this thread), connects a
// LocalRedis to it and resolves once the engine answers.
import type { Endpoint } from '../rpc/endpoint.js';
import type { FailedMessage, LoadingMessage } from '../rpc/messages.js';
import { requestPersistentStorage } from './storage.js';
import { LocalRedis } from './client.js';

/** Options of {@link createClient}. */
export interface ClientOptions {
  /**
   * Where the engine runs: `dedicated` (a Worker of its own), `inline` (this thread: Node,
   * tests, SSR), or `auto` (the default: a Worker when the environment has one, else inline).
   */
  mode?: 'auto' | 'dedicated' | 'inline';
  /** A Worker running `localredis/worker`, for bundlers that need to create it themselves. */
  worker?: Worker;
  /** The URL of `localredis/worker` (a module worker), when it is served from elsewhere. */
  workerUrl?: string | URL;
  /**
   * The database to open: its data is persisted in IndexedDB (database `localredis:<name>`;
   * in memory where there is no IndexedDB, as in Node) and loaded again by the next client that
   * opens the same name. Without a name the data lives in memory only.
   */
  name?: string;
  /** Keep an append log of every write (the default), or only snapshots (SAVE, BGSAVE, `save` points). */
  appendonly?: boolean;
  /**
   * When writes are committed: `always` (a write's reply waits for its commit), `everysec` (the
   * default: at most about a second of writes can be lost), `no` (when the engine is idle).
   */
  appendfsync?: 'always' | 'everysec' | 'no';
  /** While the persisted data loads: commands `wait` (the default) or get Redis's LOADING `error`. */
  whileLoading?: 'wait' | 'error';
  /** Ask the browser to keep this origin's storage (navigator.storage.persist(), run in the page). */
  persist?: boolean;
}

function startWorker(options: ClientOptions): Worker {
  if (options.worker) return options.worker;
  if (options.workerUrl !== undefined) return new Worker(options.workerUrl, { type: 'module' });
  // Written exactly like this so that the app's bundler (Vite, webpack 5, Parcel, esbuild with
  // its plugin) finds the worker and bundles it; the library build keeps it as it is.
  return new Worker(new URL('../worker/entry.js', import.meta.url), { type: 'module' });
}

/** Stops a worker once it answered the client's `close` with `closed`, or after 2 s. */
function stopWhenCommitted(worker: Worker): void {
  const timer = setTimeout(() => worker.terminate(), 2000);
  worker.addEventListener('message', (ev: MessageEvent) => {
    if ((ev.data as { type?: string } | null)?.type !== 'closed') return;
    clearTimeout(timer);
    worker.terminate();
  });
}

/**
 * Connects to a new engine; resolves once it answers (for a database being loaded: once its
 * loading starts, with 'loading' events then and 'ready' when it is loaded; commands wait).
 *
 * ```ts
 * const redis = await createClient();
 * await redis.set('greeting', 'hello');
 * ```
 */
export async function createClient(options: ClientOptions = {}): Promise<LocalRedis> {
  const mode = options.mode ?? 'auto';
  let redis: LocalRedis;
  if (options.worker || options.workerUrl !== undefined || mode === 'dedicated' || (mode === 'auto' && typeof Worker !== 'undefined')) {
    const worker = startWorker(options);
    // A persisted engine commits what it holds before its worker stops (at most 2 s).
    const stop = options.name === undefined ? () => worker.terminate() : () => stopWhenCommitted(worker);
    redis = new LocalRedis(worker as unknown as Endpoint, stop, true);
    worker.addEventListener('error', (ev) => {
      ev.preventDefault();
      redis.fail(new Error(`localredis worker failed: ${ev.message || 'could not load the worker script'}`));
    });
  } else {
    // The inline host is loaded lazily so that pages using a Worker never download the engine twice.
    const { startInline } = await import('../worker/inline.js');
    const inline = startInline();
    redis = new LocalRedis(inline.endpoint, inline.close);
  }
  if (options.name !== undefined) {
    redis.onHostMessage<LoadingMessage>('loading', (m) => redis.emit('loading', { loaded: m.loaded, total: m.total }));
    redis.onHostMessage<FailedMessage>('failed', (m) => redis.fail(new Error(m.message)));
    redis.post({
      type: 'open', name: options.name, appendonly: options.appendonly, appendfsync: options.appendfsync,
      whileLoading: options.whileLoading,
    });
  }
  if (options.persist) await requestPersistentStorage();
  await redis.connect();
  return redis;
}
