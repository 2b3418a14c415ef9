// The worker host: one engine, a session per connected endpoint, request batches in, reply
// batches out, and the engine's timers (active expiry). A persisted engine (worker/open.ts) makes
// requests wait for its load and holds replies until their writes are committed when asked to.
import {
  BoolReply,
  DoubleReply,
  Engine,
  ErrorReply,
  MapReply,
  NULL_ARRAY,
  OK,
  PushReply,
  ProtocolReply,
  ReplySequence,
  SetReply,
  SimpleString,
  VerbatimReply,
  fromBytes,
  fromUtf8,
  type Effect,
  type Reply,
  type Session,
} from '../core/index.js';
import { formatDouble17g } from '../core/bytes.js';
import type { Endpoint, MessageEventLike } from '../rpc/endpoint.js';
import { packReplies, packReply, unpackCommands, unpackReplies } from '../rpc/pack.js';
import { asciiBytes, bytesText } from '../rpc/transfer.js';
import type { ClientMessage, DurableMessage, PushBatch, ReplyBatch, RequestBatch, WireArg, WireReply } from '../rpc/messages.js';
import type { VerbatimBatch } from '../persistence/format.js';
import { AppliedBatches } from './dedupe.js';

/**
 * A Reply as it crosses postMessage, in the session's protocol: RESP2 sends doubles as bulk
 * strings (%.17g), maps flattened, sets and pushes as arrays, booleans as 1/0 and verbatim
 * strings as their text, as the RESP encoder does. A ReplySequence inside an array (SUBSCRIBE a b in
 * EXEC) stands for its main reply; its other replies go to `extra`, to be sent as pushes.
 */
export function toWire(r: Reply, resp: 2 | 3 = 3, extra?: WireReply[]): WireReply {
  if (typeof r === 'string' || typeof r === 'number' || typeof r === 'bigint' || r === null) return r;
  if (Array.isArray(r)) return r.map((x) => toWire(x, resp, extra));
  if (r === NULL_ARRAY) return null;
  if (r instanceof SimpleString) return { status: r.value };
  if (r instanceof ErrorReply) return { err: r.message };
  if (r instanceof DoubleReply) return resp === 2 ? formatDouble17g(r.value) : { double: r.value };
  if (r instanceof MapReply) {
    if (resp === 2) return r.entries.flatMap(([k, v]) => [toWire(k, resp), toWire(v, resp)]);
    return { map: r.entries.map(([k, v]) => [toWire(k, resp), toWire(v, resp)] as [WireReply, WireReply]) };
  }
  if (r instanceof SetReply) return resp === 2 ? r.items.map((x) => toWire(x, resp)) : { set: r.items.map((x) => toWire(x, resp)) };
  if (r instanceof BoolReply) return resp === 2 ? (r.value ? 1 : 0) : { bool: r.value };
  if (r instanceof VerbatimReply) return resp === 2 ? r.text : { verbatim: r.text, format: r.format };
  if (r instanceof PushReply) return resp === 2 ? r.items.map((x) => toWire(x, resp)) : { push: r.items.map((x) => toWire(x, resp)) };
  if (r instanceof ProtocolReply) return toWire(r.reply, r.resp, extra);
  if (r instanceof ReplySequence) {
    for (let k = 0; k < r.items.length; k++) if (k !== r.main) extra?.push(toWire(r.items[k], resp));
    return toWire(r.items[r.main], resp, extra);
  }
  throw new Error('unknown reply type');
}

/** The usual replies packed straight from the Reply (rpc/pack.ts's format), sparing toWire's object; null for the others. */
function packSimple(r: Reply): string | null {
  if (typeof r === 'string') return '$' + r.length + ':' + r;
  if (typeof r === 'number') return ':' + r + ',';
  if (r === null) return '_';
  // SET's reply, one string for all: no concatenation per command.
  if (r === OK) return '+2:OK';
  if (r instanceof SimpleString) return '+' + r.value.length + ':' + r.value;
  if (r instanceof ErrorReply) return '-' + r.message.length + ':' + r.message;
  return null;
}

/** A char past ASCII: a regex test is faster than fromUtf8's charCodeAt loop on V8. */
const NON_ASCII = /[^\x00-\x7f]/;

/** The commands whose effects persistence may copy from the request's bytes: none once something took the engine's effects during the batch. */
function verbatimOf(job: Job, engine: Engine): VerbatimBatch | undefined {
  if (job.verbatim === undefined || engine.effects !== job.effectsOf) return undefined;
  return { bytes: job.msg.bytes!, starts: job.starts!, argvs: job.argvs!, commands: job.verbatim };
}

function toArgv(args: WireArg[]): string[] {
  const argv = new Array<string>(args.length);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    argv[i] = typeof a === 'string' ? (NON_ASCII.test(a) ? fromUtf8(a) : a) : fromBytes(a);
  }
  return argv;
}

/** A request batch being run: its replies so far and the pushes placed among them. */
interface Job {
  msg: RequestBatch;
  /** The commands of a packed request, unpacked (byte strings). */
  argvs: string[][] | null;
  /** The replies so far of a request that is not packed. */
  replies: WireReply[];
  /** The replies so far of a packed request, packed. */
  out: string;
  /** The buffer a request came in as bytes: its replies go back in it (rpc/transfer.ts). */
  buf?: Uint8Array;
  next: number;
  pushes?: Array<[number, WireReply]>;
  /** The packed replies of a batch a previous host applied (a re-sent batch): not run again. */
  stored?: string;
  /** The batch wrote (or blocked, and may write when served): a forwarding client's needs a marker. */
  wrote?: boolean;
  /** Where each command starts in the request's bytes (and where the last ends), when it came as bytes. */
  starts?: number[];
  /**
   * The commands whose effect is the command verbatim, for persistence to copy their bytes
   * (persistence/format.ts VerbatimBatch); valid while the engine's effects are still `effectsOf`
   * (nothing took them since the batch began).
   */
  verbatim?: number[];
  effectsOf?: Effect[];
}

/** How a client is connected (see worker/tabs.ts). */
export interface ConnectOptions {
  /** The client's key: the batches it re-sends after a host change are answered from `applied`. */
  client?: string;
  /** The client forwards from another tab: its write batches leave markers in the log (dedupe.ts). */
  remote?: boolean;
  /** Called once the client's session is closed. */
  onClose?: () => void;
}

export class WorkerHost {
  private readonly timer: ReturnType<typeof setInterval>;
  /** Set while the engine loads its persisted data (worker/open.ts): requests wait for it. */
  ready: Promise<void> | null = null;
  /** While loading, run requests at once (the engine answers LOADING) instead of waiting. */
  loadingErrors = false;
  /**
   * Called after each batch ran: a promise holds the batch's replies (and the later ones) until it
   * settles (appendfsync always); when it rejects, the batch answers its message as errors.
   */
  afterBatch: ((verbatim?: VerbatimBatch) => Promise<void> | null) | null = null;
  /**
   * The append log, when the engine keeps one (worker/open.ts): a forwarding client is told when
   * its write batches are committed, and keeps them until then to re-send them to the next host
   * should this one die first (client/tabs.ts), so that everysec loses none of its writes.
   */
  commits: { logging(): boolean; whenDurable(): Promise<void> | null } | null = null;
  /**
   * Who else hears the loading progress besides the client that opened the database: the ports
   * of a SharedWorker that joined, the tabs forwarding to this host (worker/open.ts, tabs.ts).
   */
  readonly loadingWatchers = new Set<Endpoint>();
  /** The batches of forwarding clients that a previous host applied, read from the log. */
  readonly applied = new AppliedBatches();

  constructor(readonly engine: Engine) {
    this.timer = setInterval(() => engine.activeExpireCycle(), 100);
    (this.timer as { unref?: () => void }).unref?.();
  }

  /**
   * Serves one client over `ep` with its own session. Batches run in order; a command that blocks
   * (BLPOP) holds the rest of its batch and every later batch of this client until it is answered,
   * as a blocked Redis connection does. Returns a function that closes the client's session.
   */
  connect(ep: Endpoint, options: ConnectOptions = {}): () => void {
    const engine = this.engine;
    // options.client is read when used: an `open` message may set it (worker/open.ts).
    const remote = options.remote === true;
    const session: Session = engine.createSession();
    const queue: Job[] = [];
    let waiting = false;
    let closed = false;
    let held: Promise<void> | null = null;
    // Pushes from other clients' commands and from timers wait here for one message per turn.
    let outbox: WireReply[] = [];
    let outboxQueued = false;
    const flushOutbox = (): void => {
      outboxQueued = false;
      if (outbox.length === 0 || closed) return;
      // They follow the replies already made, even those still held for their commit.
      if (held !== null) {
        void held.then(flushOutbox);
        return;
      }
      const pushes = outbox;
      outbox = [];
      ep.postMessage({ type: 'push', pushes } satisfies PushBatch);
    };
    session.onPush = (reply) => {
      outbox.push(toWire(reply, session.resp));
      if (outboxQueued) return;
      outboxQueued = true;
      queueMicrotask(flushOutbox);
    };
    /** Command i's reply; the other replies of a sequence become the batch's pushes around it. */
    const wire = (job: Job, i: number, r: Reply): WireReply => {
      if (!(r instanceof ReplySequence)) {
        if (!Array.isArray(r) && !(r instanceof ProtocolReply)) return toWire(r, session.resp);
        const extra: WireReply[] = [];
        const w = toWire(r, session.resp, extra);
        for (const p of extra) (job.pushes ??= []).push([i, p]);
        return w;
      }
      const pushes = (job.pushes ??= []);
      for (let k = 0; k < r.items.length; k++) {
        if (k !== r.main) pushes.push([k < r.main ? i : i + 1, toWire(r.items[k], session.resp)]);
      }
      return wire(job, i, r.items[r.main]);
    };
    /** Keeps command i's reply: packed at once for a packed request. */
    const record = (job: Job, i: number, r: Reply): void => {
      if (job.argvs === null) job.replies[i] = wire(job, i, r);
      else job.out += packSimple(r) ?? packReply(wire(job, i, r));
    };
    // The newest write batch to report committed, and whether a commit is awaited for it.
    let durableAsked = 0;
    let durableWaiting = false;
    const reportDurable = (id: number): void => {
      if (id > durableAsked) durableAsked = id;
      if (durableWaiting || closed) return;
      const upTo = durableAsked;
      const committed = this.commits?.whenDurable();
      if (committed == null) return void ep.postMessage({ type: 'durable', id: upTo } satisfies DurableMessage);
      durableWaiting = true;
      committed.then(
        () => {
          durableWaiting = false;
          if (!closed) ep.postMessage({ type: 'durable', id: upTo } satisfies DurableMessage);
          if (durableAsked > upTo) reportDurable(durableAsked);
        },
        () => (durableWaiting = false),
      );
    };
    const send = (job: Job) => {
      const { id } = job.msg;
      const { replies, pushes } = job;
      let packed: string | undefined;
      if (job.wrote === true && options.client !== undefined && engine.recordEffects) {
        // In the same group commit as the batch's effects: applied and marked, or neither.
        packed = job.argvs === null ? packReplies(replies) : job.out;
        engine.effects.push(AppliedBatches.marker(options.client, id, packed));
      }
      const hold = this.afterBatch === null ? null : this.afterBatch(verbatimOf(job, engine));
      const post = () => {
        if (outbox.length !== 0) flushOutbox();
        let out: ReplyBatch;
        let bytes: Uint8Array | null = null;
        if (job.stored !== undefined) {
          out = job.argvs === null ? { type: 'reply', id, replies: unpackReplies(job.stored) } : { type: 'reply', id, replies: [], packed: job.stored };
        } else if (job.argvs === null) out = { type: 'reply', id, replies };
        else {
          const s = packed ?? job.out;
          if (job.buf !== undefined) bytes = asciiBytes(s, job.buf);
          out = bytes === null ? { type: 'reply', id, replies: [], packed: s } : { type: 'reply', id, replies: [], bytes };
        }
        if (pushes !== undefined) out.pushes = pushes;
        const tracked = remote && job.wrote === true && this.commits?.logging() === true;
        if (tracked) out.w = true;
        ep.postMessage(out, bytes === null ? undefined : [bytes.buffer]);
        if (tracked) reportDurable(id);
      };
      if (hold === null && held === null) return post();
      // Replies keep their order: this one also waits for those held before it.
      const p: Promise<void> = (held ?? Promise.resolve())
        .then(() => hold)
        .then(post, (e: Error) => {
          replies.fill({ err: e.message });
          if (job.argvs !== null) job.out = packReplies(new Array<WireReply>(job.argvs.length).fill({ err: e.message }));
          post();
        })
        .then(() => {
          if (held === p) held = null;
        });
      held = p;
    };
    const run = () => {
      const ready = this.ready;
      if (ready !== null && !this.loadingErrors) {
        waiting = true;
        void ready.then(() => {
          waiting = false;
          run();
        }, () => {});
        return;
      }
      while (queue.length !== 0 && !closed) {
        const job = queue[0];
        // Looked up only now: the markers are read while the engine loads.
        if (job.next === 0 && options.client !== undefined) job.stored = this.applied.take(options.client, job.msg.id);
        if (job.stored !== undefined) {
          queue.shift();
          send(job);
          continue;
        }
        const { commands } = job.msg;
        const { argvs } = job;
        const count = argvs === null ? commands.length : argvs.length;
        const copies = job.starts !== undefined && engine.recordEffects;
        if (copies && job.effectsOf === undefined) job.effectsOf = engine.effects;
        while (job.next < count) {
          const i = job.next++;
          const before = engine.effects.length;
          const argv = argvs === null ? toArgv(commands[i]) : argvs[i];
          const r = engine.exec(session, argv);
          const after = engine.effects.length;
          if (remote && (r instanceof Promise || after !== before)) job.wrote = true;
          if (copies && after > before && engine.effects[after - 1].argv === argv) (job.verbatim ??= []).push(i);
          if (r instanceof Promise) {
            waiting = true;
            void r.then((reply) => {
              waiting = false;
              record(job, i, reply);
              run();
            });
            return;
          }
          record(job, i, r);
        }
        queue.shift();
        send(job);
      }
    };
    const close = () => {
      if (closed) return;
      closed = true;
      engine.closeSession(session);
      ep.removeEventListener('message', onMessage);
      if (options.client !== undefined) this.applied.forget(options.client);
      options.onClose?.();
    };
    const onMessage = (ev: MessageEventLike) => {
      const msg = ev.data as ClientMessage;
      if (msg.type === 'close') return close();
      if (msg.type !== 'request') return;
      const { bytes } = msg;
      const packed = bytes === undefined ? msg.packed : bytesText(bytes);
      // Where commands start, for persistence to copy them (afterBatch: an engine that logs).
      const starts = bytes === undefined || this.afterBatch === null ? undefined : [];
      const argvs = packed === undefined ? null : unpackCommands(packed, starts);
      const buf = bytes === undefined ? undefined : new Uint8Array(bytes.buffer);
      queue.push({ msg, argvs, replies: argvs === null ? new Array<WireReply>(msg.commands.length) : [], out: '', next: 0, buf, starts });
      if (!waiting) run();
    };
    ep.addEventListener('message', onMessage);
    return close;
  }

  close(): void {
    clearInterval(this.timer);
  }
}
