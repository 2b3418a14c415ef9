// The engine: exec(session, argv) -> Reply, with Redis's processCommand checks in order, MULTI
// queueing, WATCH, lazy and active expiry, statistics, and the effects a write propagates.
import { BLOCKED, BlockedClient, Blocking } from './blocking.js';
import { errors, unknownCommand, unknownSubcommand, wrongArity } from './errors.js';
import { Db, Keyspace, RObj, type RType } from './keyspace.js';
import { ErrorReply, NULL_ARRAY, ProtocolReply, QUEUED, ReplyError, ReplySequence, type Reply } from './reply.js';
import { Session } from './session.js';
import { CommandTable, type Command, type CommandDecl } from './table.js';
import { allCommands } from './commands/index.js';
import { initConfig, NOTIFY_NEW } from './commands/config.js';
import { ownPushesAroundReply, PubSub, PUBSUB_CONTEXT_COMMANDS, pubsubContextError } from './pubsub.js';

/** What a write did, in a deterministic form (argv as Redis would propagate it to the AOF). */
export interface Effect {
  db: number;
  argv: string[];
}

/** A keyspace event (notify-keyspace-events); delivered by whoever hosts the engine. */
export type NotifyClass = 'g' | '$' | 'l' | 's' | 'h' | 'z' | 'x' | 'e' | 't' | 'm' | 'n';

export interface EngineOptions {
  /** Wall clock in ms (Date.now). Tests inject their own. */
  clock?: () => number;
  /** A monotonic clock in ms with a fraction (performance.now), for command timings. */
  hrtime?: () => number;
  /** Uniform [0, 1) random numbers (RANDOMKEY, SCAN's nothing, SPOP later). */
  random?: () => number;
  databases?: number;
  /** requirepass: sessions must AUTH before other commands. */
  requirepass?: string | null;
  /** Keep the effects of writes for takeEffects() (persistence, replication, tests). */
  recordEffects?: boolean;
  /** Extra command declarations (tests). */
  commands?: CommandDecl[];
  /**
   * Timers for blocked commands' deadlines (globalThis.setTimeout by default). null: the host calls
   * engine.handleBlockedTimeouts() itself (tests with an injected clock).
   */
  timers?: Timers | null;
}

/** How the engine sets and clears its one deadline timer. */
export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

/** The host's setTimeout, if it has one (core has neither DOM nor Node types). */
function defaultTimers(): Timers | null {
  const g = globalThis as unknown as {
    setTimeout?: (fn: () => void, ms: number) => { unref?: () => void };
    clearTimeout?: (h: unknown) => void;
  };
  const set = g.setTimeout;
  const clear = g.clearTimeout;
  if (set === undefined || clear === undefined) return null;
  return {
    set: (fn, ms) => {
      const h = set(fn, ms);
      // A Node process need not stay up for a blocked command's deadline alone.
      if (typeof h === 'object' && h !== null) h.unref?.();
      return h;
    },
    clear: (h) => clear(h),
  };
}

/** The type a ready key must hold to serve a blocked command of this group (COMMAND DOCS group names). */
const BLOCKING_TYPES: Record<string, RType> = { list: 'list', 'sorted-set': 'zset', stream: 'stream' };

/** Server-wide counters for INFO stats. */
export interface Stats {
  numCommands: number;
  numConnections: number;
  rejectedConnections: number;
  expiredKeys: number;
  keyspaceHits: number;
  keyspaceMisses: number;
  totalErrorReplies: number;
  errorCodes: Map<string, number>;
  startTime: number;
}

/**
 * What a handler sees: the engine, the calling session and its db, the command's time snapshot,
 * and the keyspace primitives (db.c's lookupKey*, setKey, dbDelete, ...). One per engine, reused.
 */
export class Ctx {
  session!: Session;
  db!: Db;
  cmd!: Command;
  /** Redis's server.dirty: handlers raise it by the number of changes they made. */
  dirty = 0;
  /** The argv to propagate instead of the command's own (non-deterministic commands). */
  rewritten: string[] | null = null;
  /** Set when the handler propagated its effects itself. */
  preventPropagation = false;
  /** The handler runs again because a key its blocked session waits on became ready. */
  served = false;
  /** While served: the key that became ready. Redis serves the client from that key only. */
  readyKey: string | null = null;
  /** Time frozen for the whole command (and a whole EXEC), as server.mstime with fixed_time_expire. */
  private nowCache = -1;

  constructor(readonly engine: Engine) {}

  /** The command's time snapshot, in ms. */
  get now(): number {
    if (this.nowCache < 0) this.nowCache = this.engine.cachedNow = this.engine.clock();
    return this.nowCache;
  }

  /** Starts a new time snapshot (the next top-level command). */
  resetTime(): void {
    this.nowCache = -1;
  }

  // ---- lookups (db.c) -------------------------------------------------------------------

  /** lookupKeyRead: expires the key if due, counts a hit or a miss, updates its access time. */
  lookupRead(key: string): RObj | undefined {
    const o = this.lookup(key);
    if (o === undefined) {
      this.engine.stats.keyspaceMisses++;
      this.notify('m', 'keymiss', key);
    } else {
      this.engine.stats.keyspaceHits++;
    }
    return o;
  }

  /** lookupKeyWrite: expires the key if due, updates its access time. */
  lookupWrite(key: string): RObj | undefined {
    const c = this.engine.capture;
    if (c !== null) c.beforeWrite(this.db, key);
    return this.lookup(key);
  }

  /** lookupKeyRead plus checkType: WRONGTYPE when the key holds another type. */
  lookupReadOfType(key: string, type: RType): RObj | undefined {
    const o = this.lookupRead(key);
    if (o !== undefined && o.type !== type) throw new ReplyError(errors.wrongType);
    return o;
  }

  /** lookupKeyWrite plus checkType. */
  lookupWriteOfType(key: string, type: RType): RObj | undefined {
    const c = this.engine.capture;
    if (c !== null) c.beforeWrite(this.db, key);
    const o = this.lookup(key);
    if (o !== undefined && o.type !== type) throw new ReplyError(errors.wrongType);
    return o;
  }

  /** A lookup that neither counts nor touches (OBJECT, TYPE-less internals). */
  lookupNoTouch(key: string): RObj | undefined {
    if (this.expireIfNeeded(this.db, key)) return undefined;
    return this.db.dict.get(key);
  }

  private lookup(key: string): RObj | undefined {
    const db = this.db;
    const o = db.dict.get(key);
    if (o === undefined) return undefined;
    if (db.expires.size !== 0 && this.expireIfNeeded(db, key)) return undefined;
    o.lru = this.engine.cachedNow;
    return o;
  }

  // ---- writes (db.c) --------------------------------------------------------------------

  /** setKey: add or overwrite; the TTL is dropped unless keepTtl; watchers are told. */
  setKey(key: string, o: RObj, keepTtl = false): void {
    const db = this.db;
    const c = this.engine.capture;
    if (c !== null) c.beforeWrite(db, key);
    o.lru = this.engine.cachedNow;
    // setKey adds a missing key through dbAdd, which raises `new` and serves clients blocked on
    // the key (signalKeyAsReady); the lookup only when someone would hear of it.
    const engine = this.engine;
    const isNew = ((engine.pubsub.notifyFlags & NOTIFY_NEW) !== 0 || engine.blocking.size !== 0) && !db.dict.has(key);
    db.dict.set(key, o);
    if (!keepTtl && db.expires.size !== 0) db.expires.delete(key);
    this.signalModifiedKey(key);
    if (isNew) {
      if ((engine.pubsub.notifyFlags & NOTIFY_NEW) !== 0) this.notify('n', 'new', key);
      if (engine.blocking.size !== 0) engine.blocking.signal(db, key);
    }
  }

  /**
   * setKey of a new string value over `o`, the string object the key holds now (lookupWrite's
   * result): the object is updated in place, sparing an allocation and a hash insert on
   * SET-heavy loads. Same effects as setKey.
   */
  overwriteString(key: string, o: RObj, value: string, enc: string, keepTtl: boolean): void {
    const db = this.db;
    const c = this.engine.capture;
    if (c !== null) c.beforeWrite(db, key);
    o.value = value;
    o.enc = enc;
    o.lru = this.engine.cachedNow;
    if (!keepTtl && db.expires.size !== 0) db.expires.delete(key);
    this.signalModifiedKey(key);
  }

  /** dbAdd: the key must not exist. A new list or zset may serve blocked clients (signalKeyAsReady). */
  add(key: string, o: RObj): void {
    const c = this.engine.capture;
    if (c !== null) c.beforeWrite(this.db, key);
    o.lru = this.engine.cachedNow;
    this.db.dict.set(key, o);
    this.signalModifiedKey(key);
    if (this.engine.blocking.size !== 0) this.engine.blocking.signal(this.db, key);
    if ((this.engine.pubsub.notifyFlags & NOTIFY_NEW) !== 0) this.notify('n', 'new', key);
  }

  /** dbDelete: removes the key and its TTL; true when it existed. */
  deleteKey(key: string, db: Db = this.db): boolean {
    const c = this.engine.capture;
    if (c !== null) c.beforeWrite(db, key);
    if (!db.dict.delete(key)) return false;
    if (db.expires.size !== 0) db.expires.delete(key);
    this.engine.touchWatchedKey(db, key);
    return true;
  }

  /** The absolute expiry of a key in ms, or -1. */
  getExpire(key: string): number {
    const when = this.db.expires.get(key);
    return when === undefined ? -1 : when;
  }

  setExpire(key: string, when: number): void {
    const c = this.engine.capture;
    if (c !== null) c.beforeWrite(this.db, key);
    this.db.expires.set(key, when);
  }

  removeExpire(key: string): boolean {
    const c = this.engine.capture;
    if (c !== null) c.beforeWrite(this.db, key);
    return this.db.expires.delete(key);
  }

  /** keyIsExpired, with the command's time snapshot. Nothing expires while loading (the log may still change it). */
  isExpired(db: Db, key: string): boolean {
    const when = db.expires.get(key);
    return when !== undefined && this.now > when && !this.engine.loading;
  }

  /** expireIfNeeded: deletes an expired key and propagates the DEL; true when it was expired. */
  expireIfNeeded(db: Db, key: string): boolean {
    if (!this.isExpired(db, key)) return false;
    this.engine.deleteExpired(db, key);
    return true;
  }

  /** signalModifiedKey: WATCHers of the key will fail their EXEC. */
  signalModifiedKey(key: string, db: Db = this.db): void {
    if (db.watchedKeys.size !== 0) this.engine.touchWatchedKey(db, key);
  }

  /** notifyKeyspaceEvent. */
  notify(cls: NotifyClass, event: string, key: string, dbId: number = this.db.id): void {
    const n = this.engine.notifier;
    if (n !== null) n(cls, event, key, dbId);
    const pubsub = this.engine.pubsub;
    if (pubsub.notifyFlags !== 0) pubsub.keyspaceEvent(cls, event, key, dbId);
  }

  // ---- propagation ----------------------------------------------------------------------

  /** Propagate this argv instead of the command's own (SET EX -> SET PXAT, ...). */
  rewrite(argv: string[]): void {
    this.rewritten = argv;
  }

  /** Propagate an extra effect now and not the command itself (SPOP -> SREM). */
  propagate(argv: string[]): void {
    this.preventPropagation = true;
    this.engine.propagateEffect(this.db.id, argv);
  }

  random(): number {
    return this.engine.random();
  }

  // ---- blocking (blocked.c) -------------------------------------------------------------

  /** Whether the command may block: not inside MULTI/EXEC (CLIENT_DENY_BLOCKING). */
  get canBlock(): boolean {
    return this.engine.denyBlocking === 0;
  }

  /**
   * blockForKeys: parks the session (running `argv`, kept to run it again) on `keys` of the current db until one becomes ready (the
   * handler then runs again) or `deadline` (absolute ms, 0 = never) passes (the session then gets
   * `timeoutReply`). The handler returns what this returns. A served handler that blocks again
   * keeps its place.
   */
  block(argv: string[], keys: string[], deadline: number, timeoutReply: Reply): Reply {
    const session = this.session;
    if (session.blocked !== null) return BLOCKED;
    const unique = keys.length === 1 ? keys : [...new Set(keys)];
    // Waiting on keys needs the type that serves them; SAVE waits on none (its host settles it).
    const type = BLOCKING_TYPES[this.cmd.group] ?? null;
    if (type === null && unique.length !== 0) throw new Error(`ctx.block: the ${this.cmd.group} group has no blocking type`);
    const bc = new BlockedClient(session, this.cmd, argv, this.db, unique, type, deadline, timeoutReply);
    session.blocked = bc;
    this.engine.blocking.add(bc);
    if (deadline !== 0) this.engine.armBlockedTimer();
    return BLOCKED;
  }
}

let nextSessionId = 1;
const TIMING_SAMPLE = 64;
const EXACT_TIMINGS = 1024;

export class Engine {
  readonly table: CommandTable;
  readonly keyspace: Keyspace;
  readonly clock: () => number;
  readonly hrtime: () => number;
  readonly random: () => number;
  readonly sessions = new Map<number, Session>();
  readonly stats: Stats;
  requirepass: string | null;
  /** Effects not yet taken by the host (takeEffects); recorded only when recordEffects is set. */
  effects: Effect[] = [];
  /** Set by a host that persists or replicates: without a consumer, effects are not kept. */
  recordEffects: boolean;
  /** Set by the host to receive keyspace events. */
  notifier: ((cls: NotifyClass, event: string, key: string, db: number) => void) | null = null;
  /** A MISCONF-style refusal of write commands while persistence fails (set by the host). */
  writeRefusal: string | null = null;
  /**
   * Set while a snapshot is being written (core/snapshot.ts): the write primitives call it before
   * a key changes, so the snapshot keeps the key as it was. Null otherwise: one check per write.
   */
  capture: { beforeWrite(db: Db, key: string): void } | null = null;
  /** Set by the host while it loads the dataset: keys do not expire, and commands without the `loading` flag get LOADING. */
  loading = false;
  /** Parameters CONFIG GET/SET reads and writes (commands/config.ts fills the defaults). */
  readonly config = new Map<string, string>();
  /** Set by the host: CLIENT KILL freed this session (closeSession done); close its connection. */
  onKill: ((session: Session) => void) | null = null;
  readonly ctx: Ctx;
  /**
   * The clock as last read (Redis's server.mstime / lruclock): access times and idle times use
   * it, so a command does not pay a clock read unless it needs the exact time. Hosts call
   * updateCachedTime() once per batch; the cron and every exact read refresh it too.
   */
  cachedNow: number;
  /** Counts the calls past EXACT_TIMINGS, one in TIMING_SAMPLE of which is timed (see run()). */
  private timingTick = 0;
  /** Blocked sessions and ready keys. */
  readonly blocking = new Blocking();
  /** Above 0 while commands may not block (EXEC runs its queue). */
  denyBlocking = 0;
  /**
   * While EXEC runs its queue: the string objects its commands stored straight from their
   * arguments (SET, MSET, GETSET, APPEND creating the key ...), with the value stored. Redis keeps
   * the queued argv until EXEC ends, so OBJECT REFCOUNT says 2 of such an object until then.
   */
  heldByExec: Map<object, string> | null = null;

  /** Whether `o` still holds the argument of the running EXEC it was stored from (Redis: refcount 2). */
  isHeldByExec(o: RObj): boolean {
    return this.heldByExec !== null && this.heldByExec.get(o) === o.value;
  }
  private readonly timers: Timers | null;
  private timerHandle: unknown = null;
  private timerAt = 0;
  /** Nesting depth of call(): EXEC runs its commands inside one. */
  private depth = 0;
  /** Channels, patterns, subscribers and notify-keyspace-events (pubsub.ts). */
  readonly pubsub: PubSub = new PubSub(this);
  /** Pushes for the session whose command runs: they come before its reply (see push()). */
  private ownPushes: Reply[] | null = null;
  /** The session of a top-level command while the clients it unblocked run, and its pushes meanwhile. */
  private caller: Session | null = null;
  private callerPushes: Reply[] | null = null;

  constructor(options: EngineOptions = {}) {
    this.clock = options.clock ?? Date.now;
    this.hrtime = options.hrtime ?? Date.now;
    this.random = options.random ?? Math.random;
    this.requirepass = options.requirepass ?? null;
    this.recordEffects = options.recordEffects ?? false;
    this.keyspace = new Keyspace(options.databases ?? 16);
    this.table = new CommandTable([...allCommands, ...(options.commands ?? [])]);
    initConfig(this);
    this.cachedNow = this.clock();
    this.ctx = new Ctx(this);
    this.ctx.db = this.keyspace.dbs[0];
    this.stats = {
      numCommands: 0,
      numConnections: 0,
      rejectedConnections: 0,
      expiredKeys: 0,
      keyspaceHits: 0,
      keyspaceMisses: 0,
      totalErrorReplies: 0,
      errorCodes: new Map(),
      startTime: this.clock(),
    };
    this.timers = options.timers === undefined ? defaultTimers() : options.timers;
  }

  /** Refreshes the cached clock; hosts call it at the start of each batch of commands. */
  updateCachedTime(): void {
    this.cachedNow = this.clock();
  }

  /** A new session (a connection, a tab, the inline client). */
  createSession(): Session {
    const s = new Session(nextSessionId++, this.clock(), this.requirepass === null);
    this.sessions.set(s.id, s);
    this.stats.numConnections++;
    return s;
  }

  /** Frees a session: its WATCHed keys, queued transaction and blocked command go with it. */
  closeSession(s: Session): void {
    if (s.subs !== null) this.pubsub.unsubscribeAll(s);
    if (s.blocked !== null) {
      this.blocking.remove(s.blocked);
      s.blocked = null;
    }
    this.unwatchAllKeys(s);
    s.multi = null;
    this.sessions.delete(s.id);
  }

  /** Records an effect for the host (Redis's propagate / alsoPropagate). */
  propagateEffect(db: number, argv: string[]): void {
    if (this.recordEffects) this.effects.push({ db, argv });
  }

  /** The effects produced since the last call, in order. */
  takeEffects(): Effect[] {
    const e = this.effects;
    this.effects = [];
    return e;
  }

  /**
   * processCommand: the checks in Redis's order, MULTI queueing, then call(). A command that blocks
   * (BLPOP on an empty list) answers with a promise, settled when it is served or times out.
   */
  exec(session: Session, argv: string[]): Reply | Promise<Reply> {
    const ctx = this.ctx;
    if (this.depth === 0) ctx.resetTime();
    session.lastInteraction = this.cachedNow;
    const cmd = this.table.lookup(argv);
    if (cmd === undefined) {
      session.lastCommand = 'NULL'; // CLIENT LIST shows cmd=NULL after an unknown command, as Redis does
      const container = this.table.commands.get(argv[0].toLowerCase());
      return this.reject(session, container?.subs ? unknownSubcommand(argv) : unknownCommand(argv));
    }
    session.lastCommand = cmd.name;
    if ((cmd.arity > 0 && argv.length !== cmd.arity) || argv.length < -cmd.arity) {
      return this.reject(session, wrongArity(cmd.name), cmd);
    }
    if (!session.authenticated && this.requirepass !== null && !cmd.flags.includes('no_auth')) {
      return this.reject(session, errors.noAuth, cmd);
    }
    // MISCONF refuses writes, and PING too (so a health check sees the failure), as Redis does.
    if (this.writeRefusal !== null && (cmd.isWrite || cmd.name === 'ping')) {
      return this.reject(session, this.writeRefusal, cmd);
    }
    // A RESP2 subscriber may only (un)subscribe, PING, QUIT or RESET; RESP3 has no such limit.
    if (session.subs !== null && session.resp === 2 && !PUBSUB_CONTEXT_COMMANDS.has(cmd.name)) {
      return this.reject(session, pubsubContextError(cmd.name), cmd);
    }
    if (this.loading && !cmd.flags.includes('loading')) {
      return this.reject(session, 'LOADING Redis is loading the dataset in memory', cmd);
    }
    if (session.multi !== null) {
      if (cmd.flags.includes('no_multi')) {
        return this.reject(session, 'ERR Command not allowed inside a transaction', cmd);
      }
      const name = cmd.name;
      if (name !== 'exec' && name !== 'discard' && name !== 'multi' && name !== 'watch' && name !== 'quit' && name !== 'reset') {
        if (!session.dirtyExec && !session.dirtyCas) session.multi.push({ cmd, argv });
        return QUEUED;
      }
    }
    const reply = this.call(session, cmd, argv);
    // Only a blocked session's command answers BLOCKED: the field spares a generic compare.
    if (session.blocked !== null && reply === BLOCKED) {
      const blocked = session.blocked!;
      if (this.blocking.hasReady) this.handleClientsBlockedOnKeys();
      return blocked.promise;
    }
    if (this.blocking.hasReady) return this.serveBlockedAfter(session, reply);
    return reply;
  }

  /**
   * Out-of-band data (a pub/sub message) for a session, in order with its replies as Redis writes
   * them: made while the session's own command runs, it comes before that reply; made while the
   * clients its command unblocked run, after it; otherwise the host delivers it now (onPush).
   */
  push(target: Session, reply: Reply): void {
    if (this.depth !== 0 && target === this.ctx.session) (this.ownPushes ??= []).push(reply);
    else if (target === this.caller) (this.callerPushes ??= []).push(reply);
    else if (target.onPush !== null) target.onPush(reply);
  }

  /** handleClientsBlockedOnKeys after `caller`'s command; pushes to the caller meanwhile follow its reply. */
  private serveBlockedAfter(caller: Session, reply: Reply): Reply {
    this.caller = caller;
    this.callerPushes = null;
    try {
      this.handleClientsBlockedOnKeys();
    } finally {
      this.caller = null;
    }
    const after = this.callerPushes;
    if (after === null) return reply;
    this.callerPushes = null;
    if (reply instanceof ReplySequence) return new ReplySequence([...reply.items, ...after], reply.main);
    return new ReplySequence([reply, ...after], 0);
  }

  /** The pushes made for the session while its command ran, before the reply (or delivered now, if it blocked). */
  private withOwnPushes(reply: Reply, argv: string[]): Reply {
    const before = this.ownPushes!;
    this.ownPushes = null;
    if (reply === BLOCKED) {
      const s = this.ctx.session;
      if (s.onPush !== null) for (const p of before) s.onPush(p);
      return reply;
    }
    // A served blocked pop replies before it notifies (serveClientBlockedOnList/SortedSet); some
    // commands reply before they notify too.
    const [first, after] = this.ctx.served ? [[], before] : ownPushesAroundReply(this.ctx.cmd.name, argv, before);
    const items = reply instanceof ReplySequence ? reply.items : [reply];
    const main = reply instanceof ReplySequence ? reply.main : 0;
    return new ReplySequence([...first, ...items, ...after], first.length + main);
  }

  /** A command refused before it ran (rejectCommand): counts it and flags a MULTI. */
  private reject(session: Session, message: string, cmd?: Command): ErrorReply {
    if (cmd) cmd.rejectedCalls++;
    if (cmd !== undefined && cmd.name === 'exec') {
      // rejectCommand -> execCommandAbort: a refused EXEC discards the transaction, even outside MULTI.
      this.discardTransaction(session);
      const reason = message.startsWith('ERR ') ? message.slice(4) : message;
      return this.errorReply(`EXECABORT Transaction discarded because of: ${reason}`);
    }
    if (session.multi !== null) session.dirtyExec = true;
    return this.errorReply(message);
  }

  /** An error reply, counted for INFO errorstats. */
  errorReply(message: string): ErrorReply {
    this.countError(message);
    return new ErrorReply(message);
  }

  private countError(message: string): void {
    const st = this.stats;
    st.totalErrorReplies++;
    const sp = message.indexOf(' ');
    const code = sp < 0 ? message : message.slice(0, sp);
    st.errorCodes.set(code, (st.errorCodes.get(code) ?? 0) + 1);
  }

  /** call(): runs the handler, times it, and propagates what it changed. */
  call(session: Session, cmd: Command, argv: string[]): Reply {
    // A top-level command has no outer command whose context must come back afterwards.
    if (this.depth !== 0) return this.nestedCall(session, cmd, argv);
    const ctx = this.ctx;
    ctx.session = session;
    ctx.db = this.keyspace.dbs[session.db];
    ctx.cmd = cmd;
    ctx.rewritten = null;
    ctx.preventPropagation = false;
    return this.run(ctx, session, cmd, argv);
  }

  /** call() from inside a command (EXEC's queue): the outer command's context is kept. */
  private nestedCall(session: Session, cmd: Command, argv: string[]): Reply {
    const ctx = this.ctx;
    const outerSession = ctx.session;
    const outerCmd = ctx.cmd;
    const outerDb = ctx.db;
    const outerRewritten = ctx.rewritten;
    const outerPrevent = ctx.preventPropagation;
    const outerPushes = this.ownPushes;
    this.ownPushes = null;
    ctx.session = session;
    ctx.db = this.keyspace.dbs[session.db];
    ctx.cmd = cmd;
    ctx.rewritten = null;
    ctx.preventPropagation = false;
    try {
      return this.run(ctx, session, cmd, argv);
    } finally {
      ctx.session = outerSession;
      ctx.cmd = outerCmd;
      // A queued SELECT moved the session: EXEC goes on in its new db.
      ctx.db = outerSession === undefined ? outerDb : this.keyspace.dbs[outerSession.db];
      ctx.rewritten = outerRewritten;
      ctx.preventPropagation = outerPrevent;
      this.ownPushes = outerPushes;
    }
  }

  /** The body of call(), once ctx is set. */
  private run(ctx: Ctx, session: Session, cmd: Command, argv: string[]): Reply {
    const dirtyBefore = ctx.dirty;
    // Reading the clock costs about as much as a GET: a command is timed on each of its first
    // EXACT_TIMINGS calls (rare and slow commands get exact figures), then one call in
    // TIMING_SAMPLE, scaled up (busy commands get a sampled estimate).
    const exact = cmd.calls < EXACT_TIMINGS;
    const timed = exact || (this.timingTick++ & (TIMING_SAMPLE - 1)) === 0;
    const start = timed ? this.hrtime() : 0;
    this.depth++;
    let reply: Reply;
    try {
      reply = cmd.handler!(ctx, argv);
    } catch (e) {
      if (!(e instanceof ReplyError)) {
        this.ownPushes = null;
        throw e;
      }
      reply = e.reply;
    } finally {
      this.depth--;
    }
    if (this.ownPushes !== null) reply = this.withOwnPushes(reply, argv);
    if (timed) cmd.usec += (this.hrtime() - start) * (exact ? 1000 : 1000 * TIMING_SAMPLE);
    // A blocked command counts in its commandstats once, when it is served or times out.
    if (session.blocked === null || reply !== BLOCKED) cmd.calls++;
    if (!ctx.served) this.stats.numCommands++;
    if (typeof reply === 'object' && reply instanceof ErrorReply) {
      cmd.failedCalls++;
      this.countError(reply.message);
    }
    if (ctx.dirty !== dirtyBefore && !ctx.preventPropagation) {
      this.propagateEffect(session.db, ctx.rewritten ?? argv);
    }
    return reply;
  }

  /** Runs an effect (recovery, replication): the argv in its db, with no checks or replies kept. */
  apply(effect: Effect, session: Session): Reply {
    session.db = effect.db;
    const cmd = this.table.lookup(effect.argv);
    if (cmd === undefined) throw new Error(`cannot apply unknown command ${effect.argv[0]}`);
    this.ctx.resetTime();
    return this.call(session, cmd, effect.argv);
  }

  // ---- MULTI / EXEC (multi.c) -------------------------------------------------------------

  /** execCommand, after the checks: runs the queue and returns the replies. */
  execTransaction(session: Session): Reply {
    if (this.isWatchedKeyExpired(session)) session.dirtyCas = true;
    const queue = session.multi!;
    if (session.dirtyExec || session.dirtyCas) {
      const reply: Reply = session.dirtyExec ? this.errorReply(errors.execAbort) : NULL_ARRAY;
      this.discardTransaction(session);
      return reply;
    }
    this.unwatchAllKeys(session);
    session.multi = null;
    const replies: Reply[] = new Array(queue.length);
    const resps: Array<2 | 3> = new Array(queue.length);
    this.denyBlocking++;
    this.heldByExec = new Map();
    try {
      for (let i = 0; i < queue.length; i++) {
        replies[i] = this.call(session, queue[i].cmd, queue[i].argv);
        resps[i] = session.resp; // HELLO's own reply is already in the new protocol
      }
    } finally {
      this.denyBlocking--;
      this.heldByExec = null;
    }
    for (let i = 0; i < queue.length; i++) {
      if (resps[i] !== session.resp) replies[i] = new ProtocolReply(replies[i], resps[i]);
    }
    this.discardTransaction(session);
    return replies;
  }

  discardTransaction(session: Session): void {
    session.multi = null;
    session.dirtyExec = false;
    session.dirtyCas = false;
    this.unwatchAllKeys(session);
  }

  /** watchForKey. */
  watchKey(session: Session, db: Db, key: string): void {
    for (const wk of session.watched) if (wk.db === db && wk.key === key) return;
    let watchers = db.watchedKeys.get(key);
    if (watchers === undefined) {
      watchers = new Set();
      db.watchedKeys.set(key, watchers);
    }
    watchers.add(session);
    session.watched.push({ db, key, expired: this.ctx.isExpired(db, key) });
  }

  unwatchAllKeys(session: Session): void {
    for (const wk of session.watched) {
      const watchers = wk.db.watchedKeys.get(wk.key);
      if (watchers === undefined) continue;
      watchers.delete(session);
      if (watchers.size === 0) wk.db.watchedKeys.delete(wk.key);
    }
    session.watched = [];
  }

  private isWatchedKeyExpired(session: Session): boolean {
    for (const wk of session.watched) {
      if (!wk.expired && this.ctx.isExpired(wk.db, wk.key)) return true;
    }
    return false;
  }

  /** touchWatchedKey: every session watching the key gets CLIENT_DIRTY_CAS. */
  touchWatchedKey(db: Db, key: string): void {
    const watchers = db.watchedKeys.get(key);
    if (watchers === undefined) return;
    for (const s of [...watchers]) {
      const wk = (s as Session).watched.find((w) => w.db === db && w.key === key);
      if (wk !== undefined && wk.expired) {
        // Already expired when watched: its deletion is no logical change.
        if (!db.dict.has(key)) {
          wk.expired = false;
          continue;
        }
      }
      s.dirtyCas = true;
      this.unwatchAllKeys(s as Session);
    }
  }

  /** touchAllWatchedKeysInDb: FLUSHDB, FLUSHALL and SWAPDB invalidate the watched keys they change. */
  touchAllWatchedKeysInDb(emptied: Db, replacedWith: Db | null): void {
    if (emptied.watchedKeys.size === 0) return;
    for (const [key, watchers] of [...emptied.watchedKeys]) {
      const existsInEmptied = emptied.dict.has(key);
      if (!existsInEmptied && !(replacedWith && replacedWith.dict.has(key))) continue;
      for (const s of [...watchers]) {
        const session = s as Session;
        const wk = session.watched.find((w) => w.db === emptied && w.key === key);
        if (wk === undefined) continue;
        if (wk.expired) {
          if (!replacedWith || !replacedWith.dict.has(key)) {
            wk.expired = false;
            continue;
          } else if (this.ctx.isExpired(replacedWith, key)) {
            continue;
          }
        } else if (!existsInEmptied && replacedWith && this.ctx.isExpired(replacedWith, key)) {
          wk.expired = true;
          continue;
        }
        session.dirtyCas = true;
        this.unwatchAllKeys(session);
      }
    }
  }

  // ---- blocked clients (blocked.c, timeout.c) ---------------------------------------------

  /**
   * handleClientsBlockedOnKeys: after a top-level command (or EXEC), every client waiting on a
   * key that became ready runs its command again, first come first served, while the key still
   * holds the type it waits for. Serving may make more keys ready (BLMOVE pushes): loop until none.
   */
  handleClientsBlockedOnKeys(): void {
    const ctx = this.ctx;
    const blocking = this.blocking;
    while (blocking.hasReady) {
      for (const { db, key } of blocking.takeReady()) {
        for (const bc of blocking.waitingOn(db, key)) {
          if (!blocking.clients.has(bc)) continue; // served through another key meanwhile
          const o = db.dict.get(key);
          if (o === undefined || ctx.isExpired(db, key)) break;
          if (o.type !== bc.type) continue;
          const session = bc.session;
          ctx.resetTime();
          ctx.served = true;
          ctx.readyKey = key;
          let reply: Reply;
          try {
            reply = this.call(session, bc.cmd, bc.argv);
          } finally {
            ctx.served = false;
            ctx.readyKey = null;
          }
          if (reply === BLOCKED) continue; // still nothing for it: it keeps its place
          this.unblock(bc, reply);
        }
      }
    }
  }

  /** Unblocks a client with this reply (served, timed out, CLIENT UNBLOCK). */
  unblock(bc: BlockedClient, reply: Reply): void {
    this.blocking.remove(bc);
    bc.session.blocked = null;
    bc.resolve(reply);
  }

  /** A blocked client's deadline passed or CLIENT UNBLOCK asked: it gets `reply` (updateStatsOnUnblock). */
  unblockWith(bc: BlockedClient, reply: Reply): void {
    bc.cmd.calls++;
    if (reply instanceof ErrorReply) {
      bc.cmd.failedCalls++;
      this.countError(reply.message);
    }
    this.unblock(bc, reply);
  }

  /** SWAPDB's scanDatabaseForReadyKeys: keys waited on that now hold a value become ready. */
  scanDatabaseForReadyKeys(db: Db): void {
    for (const key of this.blocking.keysOf(db)) {
      const o = db.dict.get(key);
      if (o !== undefined && (o.type === 'list' || o.type === 'zset' || o.type === 'stream')) this.blocking.signal(db, key);
    }
  }

  /** handleBlockedClientsTimeout: unblocks the clients whose deadline passed; re-arms the timer. */
  handleBlockedTimeouts(): void {
    const blocking = this.blocking;
    if (blocking.withDeadline !== 0) {
      const now = this.clock();
      for (const bc of [...blocking.clients]) {
        if (bc.deadline !== 0 && bc.deadline < now) this.unblockWith(bc, bc.timeoutReply);
      }
    }
    this.armBlockedTimer();
  }

  /** Points the one timer at the earliest deadline. */
  armBlockedTimer(): void {
    const timers = this.timers;
    if (timers === null) return;
    const at = this.blocking.earliestDeadline();
    if (at === this.timerAt && this.timerHandle !== null) return;
    if (this.timerHandle !== null) timers.clear(this.timerHandle);
    this.timerHandle = null;
    this.timerAt = at;
    if (at === 0) return;
    // Deadlines pass strictly after their ms (timeout < now), hence the +1.
    const ms = Math.max(0, at - this.clock() + 1);
    this.timerHandle = timers.set(() => {
      this.timerHandle = null;
      this.timerAt = 0;
      this.handleBlockedTimeouts();
    }, ms);
  }

  // ---- expiry (expire.c) ----------------------------------------------------------------

  /** deleteExpiredKeyAndPropagate. */
  deleteExpired(db: Db, key: string): void {
    const c = this.capture;
    if (c !== null) c.beforeWrite(db, key);
    db.dict.delete(key);
    db.expires.delete(key);
    this.ctx.notify('x', 'expired', key, db.id);
    this.touchWatchedKey(db, key);
    this.propagateEffect(db.id, ['DEL', key]);
    this.stats.expiredKeys++;
  }

  /**
   * activeExpireCycle: the host calls this about every 100 ms. Each db's expires map is walked
   * from where the last cycle stopped, checking at most `budget` keys in all, so a huge keyspace
   * never stalls commands and every key with a TTL is eventually visited.
   */
  activeExpireCycle(budget = 200): number {
    if (this.loading) return 0;
    const ctx = this.ctx;
    ctx.resetTime();
    const now = ctx.now;
    let expired = 0;
    for (const db of this.keyspace.dbs) {
      if (db.expires.size === 0) {
        db.expireCursor = null;
        continue;
      }
      let checked = 0;
      let ttlSum = 0;
      let ttlCount = 0;
      const perDb = Math.max(20, Math.ceil(budget / this.keyspace.dbs.length));
      while (checked < perDb) {
        if (db.expireCursor === null) db.expireCursor = db.expires.entries();
        const next = db.expireCursor.next();
        if (next.done) {
          db.expireCursor = null;
          break;
        }
        checked++;
        const [key, when] = next.value;
        if (now > when) {
          this.deleteExpired(db, key);
          expired++;
        } else {
          ttlSum += when - now;
          ttlCount++;
        }
      }
      if (ttlCount > 0) {
        const avg = ttlSum / ttlCount;
        db.avgTtl = db.avgTtl === 0 ? avg : (db.avgTtl / 50) * 49 + avg / 50;
      }
    }
    return expired;
  }
}

/** createEngine: the public way to make one. */
export function createEngine(options?: EngineOptions): Engine {
  return new Engine(options);
}
