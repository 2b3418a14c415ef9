// A Store whose transactions run in another thread: every call is posted to a port (the IO worker,
// io-worker.ts) that runs it on a real store (serveStore below), and settles when that
// transaction has: an append resolves once it is committed, an error comes back with its name and
// message (QuotaExceededError, ...), and onLost is reported as the store there reports it. So
// Persistence behaves exactly as with the store in its own thread, but IndexedDB's put() of a log
// record (serialising up to RECORD_BYTES, measured 12-25 ns a byte in Chromium) no longer blocks the engine.
//
// Log records cross as bytes in a transferred buffer that goes back and forth (as rpc/transfer.ts
// does for batches): Persistence hands them over as UTF-8 bytes already (format.ts RecordBytes),
// copied here into the buffer in hand; posting strings (a structured clone) cost 5-8 ns a byte. A
// record's data is a byte string (every char below 256), which UTF-8 carries exactly; its char
// count is checked on arrival.
//
// If the port fails (the IO worker's script did not load, or it died), the calls that were not
// answered run again on `fallback`, a store in this thread, as do all later ones: every Store
// method can run twice (puts by key, deletes by range), so nothing is lost or doubled.
//
// Where this thread cannot start the worker (a SharedWorker in Chromium), calls run on `fallback`
// until a port to a page's IO worker is offered (offer(), worker/io-ports.ts), and again from the
// moment that page goes (drop()). A switch to a port waits for what runs here to settle: the
// transactions of two connections are not ordered with each other, and a later append must not
// commit before an earlier one.
import type { BytesRecord, LogRecord, Meta, OpenedMeta, Store } from './store.js';

/** What a port must offer: a Worker, a MessagePort, comlink's Endpoint. */
export interface StorePort {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: 'message' | 'error' | 'messageerror', listener: (ev: { data?: unknown }) => void): void;
  removeEventListener?(type: 'message' | 'error' | 'messageerror', listener: (ev: { data?: unknown }) => void): void;
  /** Stops the worker (closed and idle). */
  terminate?(): void;
}

type Method = 'open' | 'readChunks' | 'readLog' | 'countLog' | 'lastSeq' | 'append' | 'truncateLog' | 'putChunks' | 'commitSnapshot' | 'deleteChunks';

/** A log record in an `append` message: its data is bytes `end` of the previous one .. `end` of the buffer, `chars` chars once decoded. */
interface RecordSpan {
  seq: number;
  count: number;
  chars: number;
  format: number;
  end: number;
}

/**
 * To the store's thread: the store to serve (first message), then calls and close. `port` goes to
 * an IO worker itself, the port to serve in the message's ports: shared mode, where a page starts
 * the worker for a SharedWorker (client/create-client.ts sends it).
 */
export type StoreRequest =
  | { type: 'port' }
  | { type: 'init'; name: string; dbId: string | null }
  | { type: 'call'; id: number; method: Method; args: unknown[]; strict: boolean }
  | { type: 'append'; id: number; records: RecordSpan[]; bytes: Uint8Array; strict: boolean }
  | { type: 'close' };

/** From the store's thread; `bytes` gives an append's buffer back for the next one. */
export type StoreResponse =
  | { type: 'result'; id: number; value: unknown; bytes?: Uint8Array }
  | { type: 'error'; id: number; name: string; message: string; bytes?: Uint8Array }
  | { type: 'lost' };

interface Pending {
  method: Method;
  args: unknown[];
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** A buffer larger than this is not kept for the next append (a 16-record commit would pin 32 MB). */
const MAX_KEPT = 4 << 20;

export class RemoteStore implements Store {
  onLost: (() => void) | null = null;
  /** Durability of log appends (appendfsync always), sent with every call. */
  strict = false;
  private port: StorePort | null = null;
  private nextId = 1;
  /** Calls posted to `port` and not answered yet, in the order they were posted. */
  private readonly pending = new Map<number, Pending>();
  private closed = false;
  /** The store in this thread: while no port serves (none offered yet, or the last one failed). */
  private local: Store | null = null;
  /** Calls running on `local`, not settled yet. */
  private localBusy = 0;
  /**
   * Calls held back until `local` has settled what it runs, then sent on in order: a port's
   * connection must not commit a later append before this thread's connection commits an earlier
   * one (two connections' transactions are not ordered with each other).
   */
  private held: Pending[] = [];
  /** The worker `connect` started failed: no other is started. */
  private failed = false;
  /** The buffer the last append came back in. */
  private spare: Uint8Array | null = null;
  /** The database's identity once opened: each store made later is told to expect it (Store.expect). */
  private dbId: string | null = null;
  /** The reads of the load run on `reader` in this thread until the first write. */
  private loading = true;
  private readerStore: Store | null = null;

  /**
   * @param connect starts the other thread's end (a new IO worker); called at the first call and
   *   again after close(). Null where this thread cannot start one (a SharedWorker in Chromium):
   *   calls run on `fallback` until a port is offered (offer()).
   * @param fallback the same store in this thread, used while no port serves.
   * @param reader a connection in this thread for the load's reads (chunks, log records), closed
   *   at the first write: they need the engine's thread anyway, and what they read would cross as
   *   a copy (measured: a load of 1M keys 0.8 s slower through the IO worker). Everything the load
   *   reads was committed before it started, so either connection sees the same data.
   */
  constructor(
    readonly name: string,
    private readonly connect: (() => StorePort) | null,
    private readonly fallback: () => Store,
    private readonly reader?: () => Store,
  ) {}

  /** Whether calls go to the other thread (false while the store in this thread serves). */
  get remote(): boolean {
    return this.local === null && !this.failed && (this.port !== null || this.connect !== null);
  }

  open(): Promise<OpenedMeta> {
    return (this.call('open', []) as Promise<OpenedMeta>).then((meta) => {
      this.dbId = meta.dbId;
      return meta;
    });
  }
  readChunks(snapshotId: number, from: number, count: number): Promise<string[]> {
    return this.call('readChunks', [snapshotId, from, count]) as Promise<string[]>;
  }
  readLog(afterSeq: number, limit: number): Promise<LogRecord[]> {
    return this.call('readLog', [afterSeq, limit]) as Promise<LogRecord[]>;
  }
  countLog(afterSeq: number): Promise<number> {
    return this.call('countLog', [afterSeq]) as Promise<number>;
  }
  lastSeq(): Promise<number> {
    return this.call('lastSeq', []) as Promise<number>;
  }
  /** The records' bytes are copied into a transferred buffer (the IO worker's store keeps them as they are). */
  append(records: BytesRecord[]): Promise<void> {
    return this.call('append', [records]) as Promise<void>;
  }
  truncateLog(fromSeq: number): Promise<void> {
    return this.call('truncateLog', [fromSeq]) as Promise<void>;
  }
  putChunks(snapshotId: number, first: number, chunks: string[]): Promise<void> {
    return this.call('putChunks', [snapshotId, first, chunks]) as Promise<void>;
  }
  commitSnapshot(meta: Meta): Promise<void> {
    return this.call('commitSnapshot', [meta]) as Promise<void>;
  }
  deleteChunks(snapshotId: number): Promise<void> {
    return this.call('deleteChunks', [snapshotId]) as Promise<void>;
  }

  /** Closes the connection there; the worker stops once nothing is pending. Later calls start another. */
  close(): void {
    this.local?.close();
    if (this.port === null) return;
    this.closed = true;
    this.port.postMessage({ type: 'close' } satisfies StoreRequest);
    this.stopIfIdle();
  }

  /**
   * A port to a store's thread, offered from elsewhere (shared mode: a page's IO worker): the calls
   * go there from now on, after those running in this thread have settled. False (the port is not
   * used) when one serves already.
   */
  offer(port: StorePort): boolean {
    if (this.port !== null) return false;
    this.attach(port);
    this.closed = false;
    if (this.localBusy === 0) this.releaseHeld();
    return true;
  }

  /**
   * The port is gone (the worker died, or the page that gave it closed): its unanswered calls run
   * again, first and in order, in this thread, as do the later ones until another port is offered.
   */
  drop(port: StorePort | null = this.port): void {
    if (port === null || port !== this.port) return;
    this.detach();
    if (this.connect !== null) this.failed = true;
    const unanswered = [...this.pending.values()];
    this.pending.clear();
    for (const p of unanswered) this.dispatch(p);
  }

  private call(method: Method, args: unknown[]): Promise<unknown> {
    // (Also while this thread's store serves: a port offered during the load must not get its reads.)
    if (this.loading && this.reader !== undefined) {
      if (method === 'readChunks' || method === 'readLog' || method === 'countLog' || method === 'lastSeq') {
        this.readerStore ??= this.made(this.reader());
        return runOn(this.readerStore, method, args);
      }
      if (method !== 'open') {
        this.loading = false;
        this.readerStore?.close();
        this.readerStore = null;
      }
    }
    return new Promise((resolve, reject) => this.dispatch({ method, args, resolve, reject }));
  }

  /** Sends a call to the port, or runs it here; after the calls held back, if any. */
  private dispatch(p: Pending): void {
    if (this.held.length !== 0) {
      this.held.push(p);
      return;
    }
    if (this.port === null && this.local === null && !this.failed && this.connect !== null) this.start(this.connect);
    const port = this.port;
    if (port === null) return this.runLocal(p);
    if (this.localBusy !== 0) {
      this.held.push(p);
      return;
    }
    this.closed = false;
    const id = this.nextId++;
    this.pending.set(id, p);
    if (p.method === 'append') this.postAppend(port, id, p.args[0] as BytesRecord[]);
    else port.postMessage({ type: 'call', id, method: p.method, args: p.args, strict: this.strict } satisfies StoreRequest);
  }

  /** The records' bytes one after the other in one buffer, transferred. */
  private postAppend(port: StorePort, id: number, records: BytesRecord[]): void {
    let size = 0;
    for (const r of records) size += r.bytes.length;
    let bytes = this.spare;
    this.spare = null;
    if (bytes === null || bytes.length < size) bytes = new Uint8Array(Math.max(1 << 16, 2 ** Math.ceil(Math.log2(size))));
    const out: RecordSpan[] = [];
    let end = 0;
    for (const r of records) {
      bytes.set(r.bytes, end);
      end += r.bytes.length;
      out.push({ seq: r.seq, count: r.count, chars: r.chars, format: r.format, end });
    }
    const msg: StoreRequest = { type: 'append', id, records: out, bytes: bytes.subarray(0, end), strict: this.strict };
    port.postMessage(msg, [bytes.buffer]);
  }

  private runLocal(p: Pending): void {
    let local = this.local;
    if (local === null) {
      local = this.local = this.made(this.fallback());
      local.onLost = () => this.onLost?.();
    }
    local.strict = this.strict;
    this.localBusy++;
    runOn(local, p.method, p.args).then(
      (value) => {
        this.localSettled();
        p.resolve(value);
      },
      (e: unknown) => {
        this.localSettled();
        p.reject(e);
      },
    );
  }

  /** A store made after the first open expects the same database. */
  private made(store: Store): Store {
    if (this.dbId !== null) store.expect?.(this.dbId);
    return store;
  }

  private localSettled(): void {
    if (--this.localBusy === 0) this.releaseHeld();
  }

  /** This thread's store is idle: with a port serving, it is closed and the calls held back go there. */
  private releaseHeld(): void {
    if (this.port !== null && this.local !== null) {
      this.local.close();
      this.local = null;
    }
    const held = this.held;
    if (held.length === 0) return;
    this.held = [];
    for (const p of held) this.dispatch(p);
  }

  private start(connect: () => StorePort): void {
    let port: StorePort;
    try {
      port = connect();
    } catch {
      this.failed = true;
      return;
    }
    this.attach(port);
  }

  private attach(port: StorePort): void {
    port.addEventListener('message', this.onMessage);
    port.addEventListener('error', this.onError);
    port.addEventListener('messageerror', this.onError);
    port.postMessage({ type: 'init', name: this.name, dbId: this.dbId } satisfies StoreRequest);
    this.port = port;
  }

  private readonly onMessage = (ev: { data?: unknown }) => {
    const msg = ev.data as StoreResponse;
    if (msg.type === 'lost') {
      this.onLost?.();
      return;
    }
    if (msg.bytes !== undefined && msg.bytes.buffer.byteLength <= MAX_KEPT) this.spare = new Uint8Array(msg.bytes.buffer);
    const p = this.pending.get(msg.id);
    if (p === undefined) return;
    this.pending.delete(msg.id);
    if (msg.type === 'result') p.resolve(msg.value);
    else p.reject(errorOf(msg.name, msg.message));
    this.stopIfIdle();
  };

  /** The other thread is gone or never started: this thread takes over, unanswered calls included. */
  private readonly onError = () => this.drop();

  private stopIfIdle(): void {
    if (!this.closed || this.pending.size !== 0 || this.port === null) return;
    this.detach();
  }

  private detach(): void {
    const port = this.port;
    if (port === null) return;
    this.port = null;
    port.removeEventListener?.('message', this.onMessage);
    port.removeEventListener?.('error', this.onError);
    port.removeEventListener?.('messageerror', this.onError);
    port.terminate?.();
  }
}

function runOn(store: Store, method: Method, args: unknown[]): Promise<unknown> {
  return (store[method] as (...a: unknown[]) => Promise<unknown>)(...args);
}

/** The error as the store raised it: same name and message (describeError and Persistence look at both). */
function errorOf(name: string, message: string): Error {
  const e = new Error(message);
  e.name = name;
  return e;
}

/** The other end: runs the calls arriving on `port` on the store `make` returns for the first message's name. */
export function serveStore(port: StorePort, make: (name: string) => Store): void {
  let store: Store | null = null;
  port.addEventListener('message', (ev) => {
    const msg = ev.data as StoreRequest;
    if (msg.type === 'init') {
      store = make(msg.name);
      if (msg.dbId !== null) store.expect?.(msg.dbId);
      store.onLost = () => port.postMessage({ type: 'lost' } satisfies StoreResponse);
      return;
    }
    if (store === null || msg.type === 'port') return;
    if (msg.type === 'close') {
      store.close();
      return;
    }
    const { id } = msg;
    store.strict = msg.strict;
    const bytes = msg.type === 'append' ? msg.bytes : undefined;
    let result: Promise<unknown>;
    try {
      if (msg.type === 'call') result = runOn(store, msg.method, msg.args);
      else {
        const records: BytesRecord[] = [];
        let start = 0;
        for (const r of msg.records) {
          records.push({ seq: r.seq, count: r.count, chars: r.chars, format: r.format, bytes: msg.bytes.subarray(start, r.end) });
          start = r.end;
        }
        result = store.append(records);
      }
    } catch (e) {
      result = Promise.reject(e);
    }
    const back = bytes === undefined ? undefined : [bytes.buffer];
    result.then(
      (value) => port.postMessage({ type: 'result', id, value, bytes } satisfies StoreResponse, back),
      (e: unknown) => {
        const err = e as { name?: unknown; message?: unknown } | null;
        const name = typeof err?.name === 'string' ? err.name : 'Error';
        const message = typeof err?.message === 'string' ? err.message : String(e);
        port.postMessage({ type: 'error', id, name, message, bytes } satisfies StoreResponse, back);
      },
    );
  });
}
