// LocalRedis: a connection to an engine over an Endpoint. Every command issued in one microtask
// travels in one message (auto-pipelining) and the replies come back in one message; a method for
// every command of the table (commands.gen.ts), pipeline() and multi(), events, quit() / close().
import type { Endpoint, MessageEventLike } from '../rpc/endpoint.js';
import type { ClientMessage, PushBatch, ReplyBatch, RequestBatch, WireArg, WireReply } from '../rpc/messages.js';
import type { Commands } from './commands.gen.js';
import { Emitter } from './emitter.js';
import { RedisError } from './errors.js';
import { Multi, Pipeline } from './pipeline.js';
import { installCommands, Mode } from './methods.js';
import { installPubSub, PubSubState, type PubSubMethods } from './pubsub.js';
import { ReplyReader } from '../rpc/reply-reader.js';
import { asciiBytes, bytesText, MAX_KEPT, MIN_BYTES, SPARE_BYTES } from '../rpc/transfer.js';
import { bytesToByteString, decodeUtf8, encodeUtf8, fromWire, isAscii, toArgv, type ReplyTransform } from './replies.js';
import type { Arg, ClientContext, Key, ReplyValue } from './types.js';

/** The events a client emits, with their listeners' arguments. */
export interface ClientEvents {
  /** The engine answers: emitted when createClient() connects (and again after a host change). */
  ready: [];
  /** Loading progress of the persisted data: items loaded out of the total. */
  loading: [progress: { loaded: number; total: number }];
  /** The connection failed (the worker could not start, or it crashed). */
  error: [error: Error];
  /** The connection is closed (close(), quit(), or a failure); pending commands were rejected. */
  close: [];
  /** Emitted after 'close', as ioredis does. */
  end: [];
  /**
   * Another engine host took over (the hosting tab closed or crashed, in dedicated mode): this
   * tab's own worker (`isHost`) or another tab's. Commands not answered were re-sent to it.
   */
  host: [info: { isHost: boolean }];
  /** Something the application should know, e.g. tabs cannot share an engine safely here. */
  warning: [message: string];
  /** A message on a channel this client subscribed to. */
  message: [channel: string, message: string];
  messageBuffer: [channel: Uint8Array, message: Uint8Array];
  /** A message on a channel matching a pattern this client subscribed to. */
  pmessage: [pattern: string, channel: string, message: string];
  pmessageBuffer: [pattern: Uint8Array, channel: Uint8Array, message: Uint8Array];
  /** A message on a shard channel this client subscribed to (SSUBSCRIBE). */
  smessage: [channel: string, message: string];
  smessageBuffer: [channel: Uint8Array, message: Uint8Array];
}

/** Options of the scan iterators: SCAN's MATCH pattern and COUNT hint. */
export interface ScanOptions {
  match?: string;
  count?: number;
}

/** The connection's state: `connecting` until the engine first answers, `end` once closed. */
export type ClientStatus = 'connecting' | 'ready' | 'end';

type Resolve = (v: unknown) => void;
type Reject = (e: unknown) => void;

/**
 * The commands of a batch waiting for their replies, four slots each: resolve, reject, mode,
 * transform (one flat array per batch, no object per command).
 */
type Pending = unknown[];

const CLOSED = 'Connection is closed.';

/**
 * Commands per message where messages are transferred (createClient): a microtask that issues
 * more sends them in several, so that the worker runs the first while the page stages the rest
 * and the page decodes the first replies while the worker runs the rest. A message costs the page
 * ~30-60 µs of CPU to post and the worker as much, whatever its size, more on a loaded machine:
 * measured in Chromium, 1,000 GET/SET per microtask, in turns in one page at load 3-7 on 2 cores,
 * 512 (2 messages) was faster than 256 (4) in 10 of 10 runs (1.1-2x), 768 about the same as 512.
 */
export const CHUNK = 512;

/** Commands whose success changes what a new host must restore (see restoreBatch). */
const TRACKED = new Set(['select', 'client', 'hello', 'reset', 'multi']);

/** Not queued inside MULTI: Redis runs them at once (they take no place in EXEC's reply). */
const NOT_QUEUED = new Set(['exec', 'discard', 'multi', 'watch', 'quit', 'reset']);

/** An error reply, as a wire reply (Raw) or as the client maps it. */
function isErrorReply(v: unknown): boolean {
  return v !== null && typeof v === 'object' && ('err' in v || v instanceof Error);
}

/** Whether a command is one of TRACKED (their names have 5 or 6 chars: most commands skip the lookup). */
function isTracked(name: string): boolean {
  return (name.length === 5 || name.length === 6) && TRACKED.has(name.toLowerCase());
}

/**
 * One command staged for packing: rpc/pack.ts's format, except that text goes as it is (its
 * length in chars) and bytes are marked by `;` instead of `:`. A batch of ASCII text only is then
 * already packed; any other is rewritten by packStaged.
 */
function stageArgv(argv: WireArg[]): string {
  let s = argv.length + ':';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    s += typeof a === 'string' ? a.length + ':' + a : a.length + ';' + bytesToByteString(a);
  }
  return s;
}

/** Staged commands as rpc/pack.ts packs them: text UTF-8 encoded, bytes one char each. */
function packStaged(staged: string): string {
  let out = '';
  let p = 0;
  let c: number;
  while (p < staged.length) {
    let n = 0;
    while ((c = staged.charCodeAt(p++)) !== 58) n = n * 10 + c - 48;
    out += n + ':';
    for (let i = 0; i < n; i++) {
      let len = 0;
      while ((c = staged.charCodeAt(p++)) !== 58 && c !== 59) len = len * 10 + c - 48;
      const a = staged.slice(p, (p += len));
      const b = c === 58 ? encodeUtf8(a) : a;
      out += b.length + ':' + b;
    }
  }
  return out;
}

/** A connection to a localredis engine. Create one with {@link createClient}. */
export class LocalRedis extends Emitter<ClientEvents> {
  /** `connecting`, `ready`, or `end` once closed. */
  status: ClientStatus = 'connecting';
  /**
   * Where the engine runs: `shared` (a SharedWorker serving every tab), `dedicated` (a Worker of
   * one tab, which serves the others), or `inline` (this thread).
   */
  mode: 'shared' | 'dedicated' | 'inline' = 'inline';
  /** The engine runs in this tab (its own worker, or inline); false when another tab or a SharedWorker runs it. */
  isHost = true;
  /** The session state a new host must restore (acknowledged SELECT, CLIENT SETNAME, HELLO). */
  private db = '0';
  private clientName: WireArg | null = null;
  private resp = '2';
  /**
   * From a MULTI being queued to its EXEC, DISCARD or RESET: the queued commands counted, and the
   * session changes of tracked ones, applied only if EXEC runs them without an error.
   */
  private tx: { size: number; held: Array<[index: number, apply: () => void]> } | null = null;
  private queue: WireArg[][] = [];
  private queued: Pending = [];
  /** Resolves connect() at the host's first message. */
  private heard: (() => void) | null = null;
  /** The commands queued so far, staged (when `pack`; see stageArgv). */
  private packed = '';
  /** No bytes argument is staged: the staged batch is packed already if its text is ASCII. */
  private plain = true;
  private readonly inflight = new Map<number, Pending>();
  /** Buffers that replies came in, for the next requests (when `transfer`; rpc/transfer.ts). */
  private readonly spares: Uint8Array[] = [];
  /** The bytes of `spares`, together: at most SPARE_BYTES. */
  private spareBytes = 0;
  /** @internal At most this many commands per message (see CHUNK). */
  chunk = Infinity;
  /** The executor of every command's promise: no closure per command. */
  private resolveNext: Resolve = () => {};
  private rejectNext: Reject = () => {};
  private readonly capture = (resolve: Resolve, reject: Reject) => {
    this.resolveNext = resolve;
    this.rejectNext = reject;
  };
  private readonly flusher = () => this.flush();
  private nextId = 1;
  private readonly hostHandlers = new Map<string, (msg: { type: string }) => void>();
  private readonly onMessage = (ev: MessageEventLike) => this.receive(ev.data as { type: string });
  /** @internal The subscriptions and the push handler (pubsub.ts). */
  readonly pubsubState = new PubSubState(this);

  /**
   * @internal Use {@link createClient}. `pack`: send batches packed into one string (rpc/pack.ts),
   * for an endpoint whose messages are structured-cloned (a Worker). `transfer`: the endpoint can
   * transfer buffers (not a BroadcastChannel): large ASCII batches go as bytes (rpc/transfer.ts).
   */
  constructor(
    private readonly endpoint: Endpoint,
    private readonly dispose: () => void,
    private readonly pack = false,
    /** @internal Mutable: a tab link transfers only while this tab's own worker hosts (client/tabs.ts). */
    public transfer = false,
  ) {
    super();
    endpoint.addEventListener('message', this.onMessage);
  }

  /**
   * Runs any command: `call('SET', 'k', 'v')`. Resolves with the reply (bulk strings decoded as
   * UTF-8, nil as null, integers as numbers, status replies as strings); rejects with a
   * {@link RedisError} carrying Redis's message.
   */
  call(command: string, ...args: Arg[]): Promise<ReplyValue>;
  call(...argv: Arg[]): Promise<ReplyValue>;
  call(...argv: Arg[]): Promise<ReplyValue> {
    return this.send(String(argv[0]), argv.slice(1), Mode.Text, undefined) as Promise<ReplyValue>;
  }

  /** Like {@link LocalRedis.call}, but bulk strings come back as Uint8Array. */
  callBuffer(command: string, ...args: Arg[]): Promise<ReplyValue>;
  callBuffer(...argv: Arg[]): Promise<ReplyValue>;
  callBuffer(...argv: Arg[]): Promise<ReplyValue> {
    return this.send(String(argv[0]), argv.slice(1), Mode.Bytes, undefined) as Promise<ReplyValue>;
  }

  /**
   * A pipeline: commands queued on it are sent together by `exec()`, which resolves with one
   * `[error, reply]` pair per command (ioredis's shape). Commands may also be given as arrays:
   * `pipeline([['set', 'a', '1'], ['get', 'a']])`.
   */
  pipeline(commands?: Array<[string, ...Arg[]]>): Pipeline {
    const p = new Pipeline(this);
    for (const [name, ...args] of commands ?? []) p.call(name, ...args);
    return p;
  }

  /**
   * A transaction: commands queued on it are sent by `exec()` between MULTI and EXEC, in one
   * message. `exec()` resolves with `[error, reply]` pairs, with null when a WATCHed key changed,
   * and rejects with the EXECABORT error when a command could not be queued.
   * `multi({ pipeline: false })` sends a bare MULTI instead, as ioredis does.
   */
  multi(commands?: Array<[string, ...Arg[]]>): Multi;
  multi(options: { pipeline: false }): Promise<'OK'>;
  multi(arg?: Array<[string, ...Arg[]]> | { pipeline: false }): Multi | Promise<'OK'> {
    if (arg !== undefined && !Array.isArray(arg)) return this.send('multi', [], Mode.Text, undefined) as Promise<'OK'>;
    const m = new Multi(this);
    for (const [name, ...args] of arg ?? []) m.call(name, ...args);
    return m;
  }

  /**
   * Iterates the keyspace with SCAN, one batch of keys per SCAN reply (ioredis's scanStream as an
   * async iterator): `for await (const keys of redis.scanIterator({ match: 'user:*' })) ...`.
   * As with SCAN, a key may come twice, and keys added meanwhile may or may not come.
   */
  scanIterator(options: ScanOptions & { type?: string } = {}): AsyncGenerator<string[]> {
    return this.scanning('scan', [], options);
  }

  /** HSCAN as an async iterator: batches of `[field, value, field, value, ...]`. */
  hscanIterator(key: Key, options: ScanOptions = {}): AsyncGenerator<string[]> {
    return this.scanning('hscan', [key], options);
  }

  /** SSCAN as an async iterator: batches of members. */
  sscanIterator(key: Key, options: ScanOptions = {}): AsyncGenerator<string[]> {
    return this.scanning('sscan', [key], options);
  }

  /** ZSCAN as an async iterator: batches of `[member, score, member, score, ...]`. */
  zscanIterator(key: Key, options: ScanOptions = {}): AsyncGenerator<string[]> {
    return this.scanning('zscan', [key], options);
  }

  private async *scanning(name: string, head: Arg[], options: ScanOptions & { type?: string }): AsyncGenerator<string[]> {
    const tail: Arg[] = [];
    if (options.match !== undefined) tail.push('MATCH', options.match);
    if (options.count !== undefined) tail.push('COUNT', options.count);
    if (options.type !== undefined) tail.push('TYPE', options.type);
    let cursor = '0';
    do {
      const [next, items] = (await this.send(name, [...head, cursor, ...tail], Mode.Text, undefined)) as [string, string[]];
      cursor = next;
      if (items.length !== 0) yield items;
    } while (cursor !== '0');
  }

  /** Sends QUIT, then closes the connection once it is answered. */
  async quit(): Promise<'OK'> {
    const reply = (await this.send('quit', [], Mode.Text, undefined)) as 'OK';
    await this.close();
    return reply;
  }

  /** Closes the connection now: pending commands are rejected; a worker this client started stops. */
  async close(): Promise<void> {
    this.end(null);
  }

  /** Same as {@link LocalRedis.close} (ioredis's name). */
  disconnect(): void {
    this.end(null);
  }

  /**
   * @internal For the other parts of the client (pub/sub, tabs, persistence): handles the host's
   * messages of `type` (every type but `reply`). The `push` handler also gets the pushes a reply
   * batch carries, as PushBatch messages, at their place among the batch's replies.
   */
  onHostMessage<M extends { type: string }>(type: string, handler: (msg: M) => void): void {
    this.hostHandlers.set(type, handler as (msg: { type: string }) => void);
  }

  /** @internal Sends a message to the host. */
  post(msg: ClientMessage): void {
    this.endpoint.postMessage(msg);
  }

  /**
   * @internal Resolves at the host's first word: the answer to a PING, or a message before it
   * (the progress of a database starting to load), so that listeners of 'loading' can be added
   * once createClient() resolves. 'ready' is emitted when the PING is answered.
   */
  async connect(): Promise<void> {
    const answered = this.send('ping', [], Mode.Text, undefined).then(() => {
      if (this.status !== 'connecting') return;
      this.status = 'ready';
      this.emit('ready');
    });
    // A failure after the first word reaches the 'error' listeners instead.
    answered.catch(() => {});
    await Promise.race([answered, new Promise<void>((resolve) => (this.heard = resolve))]);
  }

  /** @internal Fails the connection: rejects what is pending, emits 'error', then closes. */
  fail(error: Error): void {
    if (this.status === 'end') return;
    this.emit('error', error);
    this.end(error);
  }

  /** @internal Queues one command; a typed method lands here. */
  send(name: string, args: unknown[], mode: Mode, transform: ReplyTransform | undefined): Promise<unknown> {
    if (this.pack && this.status !== 'end' && this.stage(name, args)) {
      if (this.queued.length === 0) queueMicrotask(this.flusher);
      const promise = new Promise(this.capture);
      this.queued.push(this.resolveNext, this.rejectNext, mode, transform);
      if (this.queued.length >= this.chunk * 4) this.flush();
      return promise;
    }
    const argv = toArgv(name, args);
    if (argv === null) return Promise.reject(new TypeError(`ERR null or undefined argument for '${name}' command`));
    if (this.status === 'end') return Promise.reject(new Error(CLOSED));
    const promise = new Promise(this.capture);
    this.enqueue(argv, this.resolveNext, this.rejectNext, mode, transform);
    // Not in enqueue: what group() queues travels in one message.
    if (this.queued.length >= this.chunk * 4) this.flush();
    return promise;
  }

  /**
   * Stages a command straight from a method's arguments (stageArgv's format, without an argv
   * array), unless it needs toArgv (an array or a missing argument) or tracking: then false,
   * with nothing staged.
   */
  private stage(name: string, args: unknown[]): boolean {
    if (this.tx !== null || isTracked(name)) return false;
    // The command's own string first, appended once: `packed + a + b + ...` would add a rope node
    // per piece on top of the whole batch (measured in Chromium: a batch of 512 GET/SET took twice
    // as long to flatten, and staging and encoding it ~15% longer).
    let s = (args.length + 1) + ':' + name.length + ':' + name;
    let plain = true;
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (typeof a === 'string') s += a.length + ':' + a;
      else if (a instanceof Uint8Array) {
        s += a.length + ';' + bytesToByteString(a);
        plain = false;
      } else if (a === null || a === undefined || Array.isArray(a)) return false;
      else {
        const t = String(a);
        s += t.length + ':' + t;
      }
    }
    this.packed += s;
    if (!plain) this.plain = false;
    return true;
  }

  /** @internal Queues commands that must travel together; resolves with their wire replies. */
  group(argvs: WireArg[][]): Promise<WireReply[]> {
    return new Promise((resolve, reject) => {
      if (this.status === 'end') return reject(new Error(CLOSED));
      const out = new Array<WireReply>(argvs.length);
      let left = argvs.length;
      if (left === 0) return resolve(out);
      let failed = false;
      const fail = (e: unknown) => {
        if (!failed) reject(e);
        failed = true;
      };
      for (let i = 0; i < argvs.length; i++) {
        const done = (r: unknown) => {
          out[i] = r as WireReply;
          if (--left === 0) resolve(out);
        };
        this.enqueue(argvs[i], done, fail, Mode.Raw, undefined);
      }
    });
  }

  private enqueue(argv: WireArg[], resolve: Resolve, reject: Reject, mode: Mode, transform: ReplyTransform | undefined): void {
    const name = argv[0];
    if (typeof name === 'string') {
      if (this.tx !== null) resolve = this.inTransaction(name.toLowerCase(), argv, resolve, mode);
      else if (isTracked(name)) {
        if (name.toLowerCase() === 'multi') this.tx = { size: 0, held: [] };
        else resolve = this.tracking(argv, resolve, mode);
      }
    }
    if (this.queued.length === 0) queueMicrotask(this.flusher);
    if (this.pack) {
      this.packed += stageArgv(argv);
      if (this.plain) for (let i = 0; i < argv.length; i++) if (typeof argv[i] !== 'string') this.plain = false;
    } else this.queue.push(argv);
    this.queued.push(resolve, reject, mode, transform);
  }

  /** Keeps what a new host must restore once a command that changes the session succeeds. */
  private tracking(argv: WireArg[], resolve: Resolve, mode: Mode): Resolve {
    const apply = this.applier(argv);
    return (v) => {
      if (mode !== Mode.Raw || !isErrorReply(v)) apply();
      resolve(v);
    };
  }

  /** What a tracked command's success changes in the session state. */
  private applier(argv: WireArg[]): () => void {
    const text = (a: WireArg | undefined) => (a === undefined ? '' : typeof a === 'string' ? a : bytesToByteString(a));
    return () => {
      const cmd = text(argv[0]).toLowerCase();
      if (cmd === 'select') this.db = text(argv[1]);
      else if (cmd === 'reset') [this.db, this.clientName, this.resp] = ['0', null, '2'];
      else if (cmd === 'client' && text(argv[1]).toLowerCase() === 'setname') this.clientName = argv[2];
      else if (cmd === 'hello') {
        if (argv.length > 1) this.resp = text(argv[1]);
        for (let i = 2; i < argv.length - 1; i++) if (text(argv[i]).toLowerCase() === 'setname') this.clientName = argv[i + 1];
      }
    };
  }

  /**
   * A command queued while a MULTI is open: a tracked one changes the session only once EXEC ran
   * it without an error (QUEUED says nothing yet; a WATCH abort or DISCARD means never).
   */
  private inTransaction(name: string, argv: WireArg[], resolve: Resolve, mode: Mode): Resolve {
    const tx = this.tx!;
    if (name === 'exec' || name === 'discard' || name === 'reset') {
      this.tx = null;
      if (name === 'reset') return this.tracking(argv, resolve, mode);
      if (name === 'discard') return resolve;
      return (v) => {
        if (Array.isArray(v)) for (const [i, apply] of tx.held) if (!isErrorReply(v[i])) apply();
        resolve(v);
      };
    }
    if (NOT_QUEUED.has(name)) return resolve;
    const index = tx.size++;
    if (!isTracked(name)) return resolve;
    const apply = this.applier(argv);
    return (v) => {
      if (!isErrorReply(v)) tx.held.push([index, apply]);
      resolve(v);
    };
  }

  /**
   * @internal The batch that gives a new host's session this one's state (id 0: its replies are
   * dropped): HELLO, SELECT, CLIENT SETNAME, then the subscriptions. Null when there is nothing.
   */
  restoreBatch(): RequestBatch | null {
    const argvs: WireArg[][] = [];
    if (this.resp !== '2') argvs.push(['HELLO', this.resp]);
    if (this.db !== '0') argvs.push(['SELECT', this.db]);
    if (this.clientName !== null) argvs.push(['CLIENT', 'SETNAME', this.clientName]);
    argvs.push(...this.pubsubState.restoreCommands());
    if (argvs.length === 0) return null;
    if (!this.pack) return { type: 'request', id: 0, commands: argvs };
    let staged = '';
    for (const argv of argvs) staged += stageArgv(argv);
    return { type: 'request', id: 0, commands: [], packed: packStaged(staged) };
  }

  private flush(): void {
    if (this.queued.length === 0) return;
    const id = this.nextId++;
    let msg: RequestBatch;
    let bytes: Uint8Array | null = null;
    if (this.pack) {
      const staged = this.packed;
      let ascii = this.plain;
      if (ascii && this.transfer && staged.length >= MIN_BYTES) {
        const spare = this.spares.pop();
        if (spare !== undefined) this.spareBytes -= spare.byteLength;
        bytes = asciiBytes(staged, spare);
        // Not ASCII (encodeInto said so): no second scan, and the spare waits for the next batch.
        if (bytes === null) {
          ascii = false;
          if (spare !== undefined) this.keep(spare);
        }
      }
      if (bytes !== null) msg = { type: 'request', id, commands: [], bytes };
      else msg = { type: 'request', id, commands: [], packed: ascii && isAscii(staged) ? staged : packStaged(staged) };
    } else msg = { type: 'request', id, commands: this.queue };
    const batch = this.queued;
    this.queue = [];
    this.queued = [];
    this.packed = '';
    this.plain = true;
    try {
      this.endpoint.postMessage(msg, bytes === null ? undefined : [bytes.buffer]);
    } catch (e) {
      // Not cloneable (a DataCloneError), or the endpoint is gone: the batch fails, nothing hangs.
      rejectAll(batch, e);
      return;
    }
    this.inflight.set(id, batch);
  }

  private receive(msg: { type: string }): void {
    if (this.heard !== null) {
      // Not a first word that failed the connection: connect() then rejects with the failure.
      queueMicrotask(() => {
        if (this.status !== 'end') this.heard?.();
        this.heard = null;
      });
    }
    if (msg.type !== 'reply') {
      this.hostHandlers.get(msg.type)?.(msg);
      return;
    }
    const { id, pushes, bytes, replies } = msg as ReplyBatch;
    let { packed } = msg as ReplyBatch;
    if (bytes !== undefined) {
      packed = bytesText(bytes);
      if (bytes.buffer.byteLength <= MAX_KEPT) this.keep(new Uint8Array(bytes.buffer));
    }
    const batch = this.inflight.get(id);
    if (batch === undefined) return;
    this.inflight.delete(id);
    const reader = packed === undefined ? null : new ReplyReader(packed);
    // One pass over the whole batch says whether its bulk strings need decoding (bytes are ASCII).
    const ascii = bytes !== undefined || (packed !== undefined && isAscii(packed));
    // Pushes made while the batch ran go to the 'push' handler at their place among the replies.
    let next = 0;
    for (let i = 0, k = 0; k < batch.length; i++, k += 4) {
      if (pushes !== undefined) next = this.pushesBefore(pushes, next, i);
      const resolve = batch[k] as Resolve;
      const mode = batch[k + 2] as Mode;
      const transform = batch[k + 3] as ReplyTransform | undefined;
      if (reader !== null && mode === Mode.Text && transform === undefined) {
        // The usual replies decoded in place, without a WireReply (same values as fromWire's).
        const c = packed!.charCodeAt(reader.p);
        if (c === 36 || c === 43) {
          reader.p++;
          const t = reader.text();
          resolve(c === 43 || ascii ? t : decodeUtf8(t));
          continue;
        }
        if (c === 95) {
          reader.p++;
          resolve(null);
          continue;
        }
        if (c === 58) {
          reader.p++;
          resolve(reader.integer());
          continue;
        }
      }
      const r = reader === null ? replies[i] : reader.one();
      if (mode === Mode.Raw) resolve(r);
      else if (r !== null && typeof r === 'object' && 'err' in r) (batch[k + 1] as Reject)(new RedisError(r.err));
      else resolve(transform === undefined ? fromWire(r, mode === Mode.Bytes) : transform(r, mode === Mode.Bytes));
    }
    if (pushes !== undefined) this.pushesBefore(pushes, next, Infinity);
  }

  /**
   * Keeps a buffer for a later batch, as long as the kept ones hold at most SPARE_BYTES together:
   * as many as there were batches in flight, so that a steady stream of them (10,000 commands in
   * flight go in 20 messages) reuses its buffers instead of allocating new ones for every batch.
   */
  private keep(buf: Uint8Array): void {
    if (this.spareBytes + buf.byteLength > SPARE_BYTES) return;
    this.spares.push(buf);
    this.spareBytes += buf.byteLength;
  }

  /** Hands pushes[from...] placed before reply `n` to the 'push' handler; the index after them. */
  private pushesBefore(pushes: Array<[number, WireReply]>, from: number, n: number): number {
    let k = from;
    while (k < pushes.length && pushes[k][0] <= n) k++;
    if (k > from) this.hostHandlers.get('push')?.({ type: 'push', pushes: pushes.slice(from, k).map((e) => e[1]) } as PushBatch);
    return k;
  }

  private end(error: Error | null): void {
    if (this.status === 'end') return;
    this.status = 'end';
    const bye: ClientMessage = { type: 'close' };
    try {
      this.endpoint.postMessage(bye);
    } catch {
      // the endpoint is gone already
    }
    this.endpoint.removeEventListener('message', this.onMessage);
    const reason = error ?? new Error(CLOSED);
    for (const batch of this.inflight.values()) rejectAll(batch, reason);
    rejectAll(this.queued, reason);
    this.inflight.clear();
    this.queue = [];
    this.queued = [];
    this.packed = '';
    this.plain = true;
    this.dispose();
    this.emit('close');
    this.emit('end');
  }
}

/** Rejects every command of a batch. */
function rejectAll(batch: Pending, e: unknown): void {
  for (let k = 1; k < batch.length; k += 4) (batch[k] as Reject)(e);
}

// The generated command methods, typed by the Commands interface, and the pub/sub methods.
export interface LocalRedis extends Commands<ClientContext>, PubSubMethods {}

installPubSub(LocalRedis.prototype);
installCommands(LocalRedis.prototype, (self: LocalRedis, name, args, mode, transform) => self.send(name, args, mode, transform));
