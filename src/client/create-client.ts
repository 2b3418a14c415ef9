// createClient(): connects to an engine (a dedicated Worker, or inline in this thread) and sends
// every command issued in one microtask as one message (auto-pipelining).
import type { Endpoint, MessageEventLike } from '../rpc/endpoint.js';
import type { ClientMessage, HostMessage, RequestBatch, WireArg } from '../rpc/messages.js';
import { RedisError } from './errors.js';
import { fromWire } from './replies.js';

/** Options of {@link createClient}. */
export interface ClientOptions {
  /**
   * Where the engine runs: `dedicated` (a Worker of its own), `inline` (this thread: Node,
   * tests, SSR), or `auto` (a Worker when the environment has one, else inline).
   */
  mode?: 'auto' | 'dedicated' | 'inline';
  /** A Worker running `localredis/worker`, for bundlers that need to create it themselves. */
  worker?: Worker;
}

/** An argument: text is sent as UTF-8, a Uint8Array byte for byte, numbers as their decimal text. */
export type Arg = string | number | Uint8Array;

interface Pending {
  resolve(v: unknown): void;
  reject(e: unknown): void;
  bytes: boolean;
}

/** A connection to a localredis engine. */
export class LocalRedis {
  private queue: WireArg[][] = [];
  private queued: Pending[] = [];
  private inflight = new Map<number, Pending[]>();
  private nextId = 1;
  private closed = false;
  private readonly onMessage = (ev: MessageEventLike) => this.receive(ev.data as HostMessage);

  /** @internal */
  constructor(
    private readonly endpoint: Endpoint,
    private readonly dispose: () => void,
  ) {
    endpoint.addEventListener('message', this.onMessage);
  }

  /**
   * Runs any command: `call('SET', 'k', 'v')`. Resolves with the reply (bulk strings decoded as
   * UTF-8, nil as null, integers as numbers, status replies as strings); rejects with a
   * {@link RedisError} carrying Redis's message.
   */
  call(...args: Arg[]): Promise<unknown> {
    return this.send(args, false);
  }

  /** Like {@link LocalRedis.call}, but bulk strings come back as Uint8Array. */
  callBuffer(...args: Arg[]): Promise<unknown> {
    return this.send(args, true);
  }

  /** Frees the session and stops the engine this client started. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const bye: ClientMessage = { type: 'close' };
    this.endpoint.postMessage(bye);
    this.endpoint.removeEventListener('message', this.onMessage);
    for (const batch of this.inflight.values()) for (const p of batch) p.reject(new Error('connection closed'));
    this.inflight.clear();
    this.dispose();
  }

  private send(args: Arg[], bytes: boolean): Promise<unknown> {
    if (this.closed) return Promise.reject(new Error('connection closed'));
    const argv: WireArg[] = args.map((a) => (typeof a === 'number' ? String(a) : a));
    return new Promise((resolve, reject) => {
      if (this.queue.length === 0) queueMicrotask(() => this.flush());
      this.queue.push(argv);
      this.queued.push({ resolve, reject, bytes });
    });
  }

  private flush(): void {
    const id = this.nextId++;
    const msg: RequestBatch = { type: 'request', id, commands: this.queue };
    this.inflight.set(id, this.queued);
    this.queue = [];
    this.queued = [];
    this.endpoint.postMessage(msg);
  }

  private receive(msg: HostMessage): void {
    const batch = this.inflight.get(msg.id);
    if (batch === undefined) return;
    this.inflight.delete(msg.id);
    for (let i = 0; i < batch.length; i++) {
      const r = msg.replies[i];
      const p = batch[i];
      if (r !== null && typeof r === 'object' && 'err' in r) p.reject(new RedisError(r.err));
      else p.resolve(fromWire(r, p.bytes));
    }
  }
}

/**
 * Connects to a new engine.
 *
 * ```ts
 * const redis = await createClient({ mode: 'auto' });
 * await redis.call('SET', 'greeting', 'hello');
 * ```
 */
export async function createClient(options: ClientOptions = {}): Promise<LocalRedis> {
  const mode = options.mode ?? 'auto';
  if (options.worker || mode === 'dedicated' || (mode === 'auto' && typeof Worker !== 'undefined')) {
    const worker = options.worker ?? new Worker(new URL('../worker/entry.js', import.meta.url), { type: 'module' });
    return new LocalRedis(worker as unknown as Endpoint, () => worker.terminate());
  }
  // The inline host is loaded lazily so that pages using a Worker never download the engine twice.
  const { startInline } = await import('../worker/inline.js');
  const inline = startInline();
  return new LocalRedis(inline.endpoint, inline.close);
}
