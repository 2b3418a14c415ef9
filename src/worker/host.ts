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
  PushReply,
  ProtocolReply,
  SetReply,
  SimpleString,
  VerbatimReply,
  fromBytes,
  fromUtf8,
  type Reply,
  type Session,
} from '../core/index.js';
import { formatDouble17g } from '../core/bytes.js';
import type { Endpoint, MessageEventLike } from '../rpc/endpoint.js';
import type { ClientMessage, ReplyBatch, RequestBatch, WireArg, WireReply } from '../rpc/messages.js';

/**
 * A Reply as it crosses postMessage, in the session's protocol: RESP2 sends doubles as bulk
 * strings (%.17g), maps flattened, sets and pushes as arrays, booleans as 1/0 and verbatim
 * strings as their text, as the RESP encoder does.
 */
export function toWire(r: Reply, resp: 2 | 3 = 3): WireReply {
  if (typeof r === 'string' || typeof r === 'number' || typeof r === 'bigint' || r === null) return r;
  if (Array.isArray(r)) return r.map((x) => toWire(x, resp));
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
  if (r instanceof ProtocolReply) return toWire(r.reply, r.resp);
  throw new Error('unknown reply type');
}

function toArgv(args: WireArg[]): string[] {
  const argv = new Array<string>(args.length);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    argv[i] = typeof a === 'string' ? fromUtf8(a) : fromBytes(a);
  }
  return argv;
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
  afterBatch: (() => Promise<void> | null) | null = null;

  constructor(readonly engine: Engine) {
    this.timer = setInterval(() => engine.activeExpireCycle(), 100);
    (this.timer as { unref?: () => void }).unref?.();
  }

  /**
   * Serves one client over `ep` with its own session. Batches run in order; a command that blocks
   * (BLPOP) holds the rest of its batch and every later batch of this client until it is answered,
   * as a blocked Redis connection does.
   */
  connect(ep: Endpoint): void {
    const engine = this.engine;
    const session: Session = engine.createSession();
    const queue: Array<{ msg: RequestBatch; replies: WireReply[]; next: number }> = [];
    let waiting = false;
    let closed = false;
    let held: Promise<void> | null = null;
    const send = (id: number, replies: WireReply[]) => {
      const hold = this.afterBatch === null ? null : this.afterBatch();
      const post = () => ep.postMessage({ type: 'reply', id, replies } satisfies ReplyBatch);
      if (hold === null && held === null) return post();
      // Replies keep their order: this one also waits for those held before it.
      const p: Promise<void> = (held ?? Promise.resolve())
        .then(() => hold)
        .then(post, (e: Error) => {
          replies.fill({ err: e.message });
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
        const { commands } = job.msg;
        while (job.next < commands.length) {
          const i = job.next++;
          const r = engine.exec(session, toArgv(commands[i]));
          if (r instanceof Promise) {
            waiting = true;
            void r.then((reply) => {
              waiting = false;
              job.replies[i] = toWire(reply, session.resp);
              run();
            });
            return;
          }
          job.replies[i] = toWire(r, session.resp);
        }
        queue.shift();
        send(job.msg.id, job.replies);
      }
    };
    const onMessage = (ev: MessageEventLike) => {
      const msg = ev.data as ClientMessage;
      if (msg.type === 'close') {
        closed = true;
        engine.closeSession(session);
        ep.removeEventListener('message', onMessage);
        return;
      }
      if (msg.type !== 'request') return;
      queue.push({ msg, replies: new Array<WireReply>(msg.commands.length), next: 0 });
      if (!waiting) run();
    };
    ep.addEventListener('message', onMessage);
  }

  close(): void {
    clearInterval(this.timer);
  }
}
