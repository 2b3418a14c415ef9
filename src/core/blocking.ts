// Sessions blocked on keys (Redis's blocked.c and timeout.c for BLPOP, BLMOVE, BZPOPMIN, ...):
// who waits on which key, first come first served per key, the keys that became ready, and the
// deadlines. The engine owns one Blocking; handlers reach it through ctx.block().
//
// Serving re-runs the blocked command: when a key it waits on becomes ready, the engine calls the
// same handler again with the same argv for that session. A handler that still finds nothing
// blocks again and keeps its place. That gives Redis 7.0's outcomes (FIFO per key, the served pop
// propagated as the plain pop because the handler rewrites it, WRONGTYPE on a BLMOVE destination)
// with one code path per command instead of a second "serve" path per type.
import type { Db, RType } from './keyspace.js';
import { SimpleString, type Reply } from './reply.js';
import type { Session } from './session.js';
import type { Command } from './table.js';

/** What a handler returns after ctx.block(): never leaves the engine. */
export const BLOCKED: Reply = new SimpleString('(blocked)');

export class BlockedClient {
  /** Settles engine.exec()'s promise. */
  resolve!: (reply: Reply) => void;
  readonly promise: Promise<Reply>;

  constructor(
    readonly session: Session,
    readonly cmd: Command,
    readonly argv: string[],
    readonly db: Db,
    /** The keys waited on, without duplicates. */
    readonly keys: string[],
    /** The type a ready key must hold to serve this client (a BZPOPMIN is not served by a list); null without keys. */
    readonly type: RType | null,
    /** Absolute ms; 0 waits forever. */
    readonly deadline: number,
    readonly timeoutReply: Reply,
  ) {
    this.promise = new Promise<Reply>((resolve) => {
      this.resolve = resolve;
    });
  }
}

/** A key that became ready while clients wait on it (server.ready_keys). */
interface ReadyKey {
  db: Db;
  key: string;
}

export class Blocking {
  /** Blocked clients, in the order they blocked (for timeouts, INFO, CLIENT LIST). */
  readonly clients = new Set<BlockedClient>();
  /** Per db: key -> clients waiting on it, first come first served (db->blocking_keys). */
  private readonly byDb = new Map<Db, Map<string, BlockedClient[]>>();
  /** Ready keys in the order they were signalled, each once until served (db->ready_keys). */
  private ready: ReadyKey[] = [];
  private readonly readySet = new Map<Db, Set<string>>();
  /** Blocked clients with a deadline (clients_in_timeout_table). */
  withDeadline = 0;

  get size(): number {
    return this.clients.size;
  }

  get hasReady(): boolean {
    return this.ready.length !== 0;
  }

  /** blockForKeys. */
  add(bc: BlockedClient): void {
    this.clients.add(bc);
    if (bc.deadline !== 0) this.withDeadline++;
    let keys = this.byDb.get(bc.db);
    if (keys === undefined) {
      keys = new Map();
      this.byDb.set(bc.db, keys);
    }
    for (const key of bc.keys) {
      const q = keys.get(key);
      if (q === undefined) keys.set(key, [bc]);
      else q.push(bc);
    }
  }

  /** unblockClientWaitingData: forgets the client everywhere. */
  remove(bc: BlockedClient): void {
    if (!this.clients.delete(bc)) return;
    if (bc.deadline !== 0) this.withDeadline--;
    const keys = this.byDb.get(bc.db);
    if (keys === undefined) return;
    for (const key of bc.keys) {
      const q = keys.get(key);
      if (q === undefined) continue;
      const i = q.indexOf(bc);
      if (i >= 0) q.splice(i, 1);
      if (q.length === 0) keys.delete(key);
    }
    if (keys.size === 0) this.byDb.delete(bc.db);
  }

  /** Whether someone waits on the key (a cheap test before signalling). */
  isWaitedOn(db: Db, key: string): boolean {
    const keys = this.byDb.get(db);
    return keys !== undefined && keys.has(key);
  }

  /** signalKeyAsReady: queues the key once, if someone waits on it. */
  signal(db: Db, key: string): void {
    if (!this.isWaitedOn(db, key)) return;
    let set = this.readySet.get(db);
    if (set === undefined) {
      set = new Set();
      this.readySet.set(db, set);
    }
    if (set.has(key)) return;
    set.add(key);
    this.ready.push({ db, key });
  }

  /** The ready keys signalled so far, handed over once (new signals start a new list). */
  takeReady(): ReadyKey[] {
    const r = this.ready;
    this.ready = [];
    this.readySet.clear();
    return r;
  }

  /** The clients waiting on a key, in order (a copy: serving changes the queue). */
  waitingOn(db: Db, key: string): BlockedClient[] {
    const q = this.byDb.get(db)?.get(key);
    return q === undefined ? [] : q.slice();
  }

  /** The keys waited on in a db (SWAPDB rescans them). */
  keysOf(db: Db): string[] {
    const keys = this.byDb.get(db);
    return keys === undefined ? [] : [...keys.keys()];
  }

  /** The earliest deadline of a blocked client, or 0. */
  earliestDeadline(): number {
    let min = 0;
    if (this.withDeadline === 0) return 0;
    for (const bc of this.clients) {
      if (bc.deadline !== 0 && (min === 0 || bc.deadline < min)) min = bc.deadline;
    }
    return min;
  }
}
