// createClient(): starts an engine (a dedicated Worker, or inline in this thread), connects a
// LocalRedis to it and resolves once the engine answers.
import type { Endpoint } from '../rpc/endpoint.js';
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
}

function startWorker(options: ClientOptions): Worker {
  if (options.worker) return options.worker;
  if (options.workerUrl !== undefined) return new Worker(options.workerUrl, { type: 'module' });
  // Written exactly like this so that the app's bundler (Vite, webpack 5, Parcel, esbuild with
  // its plugin) finds the worker and bundles it; the library build keeps it as it is.
  return new Worker(new URL('../worker/entry.js', import.meta.url), { type: 'module' });
}

/**
 * Connects to a new engine; resolves once it answers.
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
    redis = new LocalRedis(worker as unknown as Endpoint, () => worker.terminate());
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
  await redis.connect();
  return redis;
}
