// createClient(): starts an engine (a dedicated Worker, or inline in this thread), connects a
// LocalRedis to it and resolves once the engine answers.
import type { Endpoint } from '../rpc/endpoint.js';
import type { FailedMessage, LoadingMessage } from '../rpc/messages.js';
import { clientLock, holdLock, hostLock, randomId, webLocks } from '../rpc/tabs.js';
import { afterClosed, onWorkerError } from './closing.js';
import type { IoState } from './io.js';
import { requestPersistentStorage } from './storage.js';
import { CHUNK, LocalRedis } from './client.js';

/** Options of {@link createClient}. */
export interface ClientOptions {
  /**
   * Where the engine runs. With a `name`, every tab of the origin that opens it shares one engine:
   * `shared` (a SharedWorker runs it) or `dedicated` (one tab's Worker runs it, elected with Web
   * Locks; the other tabs forward to it over BroadcastChannel, and the next one takes over when it
   * closes). Without a name, `shared` and `dedicated` start a private engine in a Worker.
   * `inline` runs it in this thread (Node, tests, SSR); on a named database in a browser it serves
   * the other tabs as an elected tab would, and refuses to open one another tab already hosts. `auto` (the default):
   * `shared` where there is a SharedWorker, else `dedicated` where there is a Worker, else `inline`.
   */
  mode?: 'auto' | 'shared' | 'dedicated' | 'inline';
  /** A Worker running `localredis/worker`, for bundlers that need to create it themselves. */
  worker?: Worker;
  /** The URL of `localredis/worker` (a module worker), when it is served from elsewhere. */
  workerUrl?: string | URL;
  /** The URL of `localredis/shared-worker` (a module SharedWorker), when it is served from elsewhere. */
  sharedWorkerUrl?: string | URL;
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

function startSharedWorker(options: ClientOptions): SharedWorker {
  // One SharedWorker per database: the browser shares a SharedWorker by URL and name.
  const name = `localredis:${options.name ?? ''}`;
  if (options.sharedWorkerUrl !== undefined) return new SharedWorker(options.sharedWorkerUrl, { type: 'module', name });
  return new SharedWorker(new URL('../worker/shared-entry.js', import.meta.url), { type: 'module', name });
}

/** The mode `auto` stands for here. */
function resolveMode(options: ClientOptions): 'shared' | 'dedicated' | 'inline' {
  const mode = options.mode ?? 'auto';
  if (mode !== 'auto') return mode;
  if (options.worker !== undefined || options.workerUrl !== undefined) return 'dedicated';
  if (options.name !== undefined && typeof SharedWorker !== 'undefined') return 'shared';
  return typeof Worker !== 'undefined' ? 'dedicated' : 'inline';
}

/**
 * A large microtask's commands go in several messages (client.ts CHUNK), except with appendfsync
 * always, where each message would wait for a commit of its own.
 */
function chunked(redis: LocalRedis, options: ClientOptions): void {
  if (options.appendfsync !== 'always') redis.chunk = CHUNK;
}

/**
 * A client on a SharedWorker's port; its session is freed when the tab goes (the client lock).
 * Asked (`io`), it starts an IO worker for the SharedWorker's IndexedDB transactions, which the
 * SharedWorker cannot start itself (worker/io-ports.ts), and sends it a port to that worker; the
 * worker is stopped before the lock is freed, so that the lock says it is gone.
 */
async function connectShared(options: ClientOptions): Promise<{ redis: LocalRedis; client?: string }> {
  const shared = startSharedWorker(options);
  const port = shared.port;
  const key = options.name === undefined ? undefined : randomId();
  const locks = webLocks();
  // Held before the worker hears of it: the worker frees the session once it gets this lock.
  const release = key !== undefined && locks !== undefined ? await holdLock(locks, clientLock(options.name!, key)) : null;
  const io: IoState = {};
  const stop = () =>
    afterClosed(port as unknown as Endpoint, () => {
      io.w?.terminate();
      io.w = null;
      port.close();
      release?.();
    });
  const redis = new LocalRedis(port as unknown as Endpoint, stop, true, true);
  // Loaded when asked: most pages are never asked (one tab's IO worker serves them all).
  redis.onHostMessage('io', () => void import('./io.js').then((m) => m.answerIo(port, io)));
  chunked(redis, options);
  port.start();
  onWorkerError(shared, (e) => redis.fail(e));
  return { redis, client: key };
}

/** A client in dedicated mode on a named database: one tab hosts, the others forward (tabs.ts). */
async function connectTabs(options: ClientOptions, ready: Promise<unknown>): Promise<LocalRedis> {
  // Loaded when needed: pages on a SharedWorker (most) never download the election code.
  const { TabLink } = await import('./tabs.js');
  let redis!: LocalRedis;
  const link = new TabLink({
    name: options.name!,
    startWorker: () => startWorker(options),
    restore: () => redis.restoreBatch(),
    onHost: (isHost, first) => {
      redis.isHost = isHost;
      // This tab's own worker can take transferred buffers and chunks; a BroadcastChannel cannot transfer.
      redis.transfer = isHost;
      if (isHost) chunked(redis, options);
      if (!first) redis.emit('host', { isHost });
    },
    onWarning: (message) => {
      console.warn(message);
      // Made before createClient() resolves: emitted once it has, for listeners added then.
      void ready.then(() => setTimeout(() => redis.emit('warning', message), 0));
    },
    onFailure: (error) => redis.fail(error),
  });
  redis = new LocalRedis(link, () => link.dispose(), true);
  return redis;
}

/**
 * A SharedWorker holds its database's lock while it lives (it answered, so it holds it now): if
 * this client ever gets that lock, the SharedWorker is gone (crashed, or killed by the browser),
 * and the client fails with a clear error instead of leaving its calls pending forever.
 */
function watchSharedWorker(redis: LocalRedis, name: string): void {
  const locks = webLocks();
  if (locks === undefined) return;
  const abort = new AbortController();
  redis.on('close', () => abort.abort());
  locks
    .request(hostLock(name), { signal: abort.signal }, () => {
      redis.fail(new Error(`localredis: the SharedWorker hosting the database '${name}' stopped; create a new client`));
    })
    .catch(() => {}); // aborted: the client closed first
}

/**
 * Inline mode on a named database in a browser: takes the database's lock, so that no other tab
 * hosts a second engine on it; refuses when another tab holds it. Returns what releases it, or
 * null where there are no Web Locks (Node).
 */
async function holdDatabase(name: string): Promise<(() => void) | null> {
  const locks = webLocks();
  if (locks === undefined) return null;
  const release = await holdLock(locks, hostLock(name), true);
  if (release === null) throw new Error(`localredis: the database '${name}' is open in another tab; open it with mode 'shared' or 'dedicated' to share it`);
  return release;
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
  const mode = resolveMode(options);
  let connectedNow!: () => void;
  const connected = new Promise<void>((resolve) => (connectedNow = resolve));
  let redis: LocalRedis;
  let client: string | undefined;
  let tabs = false;
  if (mode === 'shared') {
    ({ redis, client } = await connectShared(options));
    tabs = true;
    redis.isHost = false;
  } else if (mode === 'dedicated' && options.name !== undefined && options.worker === undefined) {
    redis = await connectTabs(options, connected);
    // Until elected, assume another tab hosts; the link says otherwise once it knows.
    redis.isHost = false;
  } else if (mode === 'dedicated') {
    const worker = startWorker(options);
    // A persisted engine commits what it holds before its worker stops (at most 2 s).
    const stop = options.name === undefined ? () => worker.terminate() : () => afterClosed(worker as unknown as Endpoint, () => worker.terminate());
    redis = new LocalRedis(worker as unknown as Endpoint, stop, true, true);
    chunked(redis, options);
    onWorkerError(worker, (e) => redis.fail(e));
  } else {
    // The inline host is loaded lazily so that pages using a Worker never download the engine twice.
    const { startInline } = await import('../worker/inline.js');
    const release = options.name === undefined ? null : await holdDatabase(options.name);
    // This tab's engine serves the other tabs that open the database, as an elected one would.
    tabs = release !== null;
    const inline = startInline();
    redis = new LocalRedis(inline.endpoint, () => void inline.close().finally(() => release?.()));
  }
  redis.mode = mode;
  if (options.name !== undefined) {
    redis.onHostMessage<LoadingMessage>('loading', (m) => redis.emit('loading', { loaded: m.loaded, total: m.total }));
    redis.onHostMessage<FailedMessage>('failed', (m) => redis.fail(new Error(m.message)));
    redis.post({
      type: 'open', name: options.name, appendonly: options.appendonly, appendfsync: options.appendfsync,
      whileLoading: options.whileLoading, client, tabs,
    });
  }
  if (options.persist) await requestPersistentStorage();
  await redis.connect();
  connectedNow();
  if (mode === 'shared' && options.name !== undefined) watchSharedWorker(redis, options.name);
  return redis;
}
