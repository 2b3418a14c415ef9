// A point-in-time snapshot of the keyspace written while commands keep running, and the loader
// that rebuilds a keyspace from one (Redis's BGSAVE child and rdbLoad, without a fork).
//
// Copy-on-write: a SnapshotCursor remembers, for every db that had keys when it started, the
// dict and expires maps of that moment (a FLUSH gives a db fresh maps and SWAPDB swaps maps, so
// the remembered ones keep their contents and their db number), and walks them a chunk at a time.
// While it runs, the engine's write primitives call beforeWrite(db, key) before a key changes:
// a key the walk has not passed is captured as it is then (its value encoded, its TTL), and the
// walk skips every key so touched, including keys that did not exist when the snapshot started.
// The walk stamps each object it hands out with the snapshot's id, so a key written after the walk
// passed it is not captured again: under a write storm such duplicates made up to half of what a
// rewrite wrote. An object moves to another key only by a write to that key, which marks it
// touched first, so the stamp is read only for objects still where the walk found them.
import { codecOf } from './codec.js';
import { getExpireExact, setExpireExact } from './commands/keys.js';
import type { Engine } from './engine.js';
import type { Db, RObj, RType } from './keyspace.js';

/** One key of a snapshot. */
export interface SnapshotRecord {
  db: number;
  key: string;
  type: RType;
  /** The value as its type's codec encoded it (a byte string). */
  value: string;
  /** Absolute expiry in ms, -1 for none; a bigint past 2^53 ms (PEXPIREAT key 9223372036854775807). */
  expire: number | bigint;
}

/** A db as the snapshot found it. */
interface TrackedDb {
  id: number;
  dict: Map<string, RObj>;
  expires: Map<string, number>;
  /** Keys written since the start (captured, or absent then): the walk skips them. */
  touched: Set<string>;
  iter: Iterator<[string, RObj]> | null;
  finished: boolean;
}

/** Rough per-record bytes besides key and value, for chunk budgets. */
const RECORD_OVERHEAD = 12;

/** The last snapshot's id (RObj.saved). */
let lastId = 0;

export class SnapshotCursor {
  /** The wall-clock time of the snapshot (keys expired then are left out). */
  readonly startedAt: number;
  /** Keys in the keyspace when it started (for progress). */
  readonly keysAtStart: number;
  /** Records handed out so far, and their approximate bytes. */
  records = 0;
  bytes = 0;
  private readonly dbs: TrackedDb[] = [];
  private walk = 0;
  private readonly id = ++lastId;
  private captured: SnapshotRecord[] = [];
  private closed = false;
  /** Closed before every key was handed out: what was handed out is not a snapshot. */
  private abandoned = false;

  /** Starts a snapshot of `engine`; only one runs at a time. */
  constructor(private readonly engine: Engine) {
    if (engine.capture !== null) throw new Error('a snapshot is already running');
    this.startedAt = engine.clock();
    let keys = 0;
    for (const db of engine.keyspace.dbs) {
      if (db.dict.size === 0) continue;
      keys += db.dict.size;
      this.dbs.push({ id: db.id, dict: db.dict, expires: db.expires, touched: new Set(), iter: null, finished: false });
    }
    this.keysAtStart = keys;
    if (this.dbs.length === 0) this.closed = true;
    else engine.capture = this;
  }

  /** True once every key has been handed out (or the snapshot was closed). */
  get done(): boolean {
    return this.closed;
  }

  /**
   * The next records, about `maxBytes` of keys and values at most (at least one record while
   * any is left); an empty array when the snapshot is complete. Throws once it was abandoned.
   */
  next(maxBytes = 1 << 20): SnapshotRecord[] {
    const out: SnapshotRecord[] = [];
    if (this.abandoned) throw new Error('the snapshot was abandoned');
    if (this.closed) return out;
    let bytes = 0;
    const captured = this.captured;
    while (captured.length !== 0 && bytes < maxBytes) {
      const r = captured.pop()!;
      bytes += r.key.length + r.value.length + RECORD_OVERHEAD;
      out.push(r);
    }
    while (bytes < maxBytes && this.walk < this.dbs.length) {
      const t = this.dbs[this.walk];
      if (t.iter === null) t.iter = t.dict.entries();
      const withTtl = t.expires.size !== 0;
      const touched = t.touched;
      for (;;) {
        const n = t.iter.next();
        if (n.done) {
          t.finished = true;
          t.iter = null;
          t.touched = new Set();
          this.walk++;
          break;
        }
        const key = n.value[0];
        if (touched.size !== 0 && touched.has(key)) continue;
        const o = n.value[1];
        const r = this.record(t, key, o, withTtl);
        if (r === null) continue;
        o.saved = this.id;
        bytes += key.length + r.value.length + RECORD_OVERHEAD;
        out.push(r);
        if (bytes >= maxBytes) break;
      }
    }
    this.records += out.length;
    this.bytes += bytes;
    if (out.length === 0 && captured.length === 0 && this.walk >= this.dbs.length) this.finish();
    return out;
  }

  /** Stops capturing before the end: the snapshot is abandoned, and next() throws from now on. */
  close(): void {
    if (this.closed) return;
    this.abandoned = true;
    this.finish();
  }

  private finish(): void {
    this.closed = true;
    if (this.engine.capture === this) this.engine.capture = null;
    this.captured = [];
  }

  /** Called by the engine before `key` of `db` changes in any way. */
  beforeWrite(db: Db, key: string): void {
    const dict = db.dict;
    const dbs = this.dbs;
    for (let i = this.walk; i < dbs.length; i++) {
      const t = dbs[i];
      if (t.dict !== dict) continue;
      if (t.touched.has(key)) return;
      t.touched.add(key);
      const o = dict.get(key);
      // Absent, or already handed out as it was (the walk passed it).
      if (o === undefined || o.saved === this.id) return;
      const r = this.record(t, key, o, t.expires.size !== 0);
      if (r !== null) this.captured.push(r);
      return;
    }
  }

  /** The record of a key as it is now, or null when it had expired when the snapshot started. */
  private record(t: TrackedDb, key: string, o: RObj, withTtl: boolean): SnapshotRecord | null {
    let expire: number | bigint = -1;
    if (withTtl) {
      const when = t.expires.get(key);
      if (when !== undefined) {
        if (this.startedAt > when) return null;
        expire = Number.isSafeInteger(when) ? when : getExpireExact({ expires: t.expires } as Db, key);
      }
    }
    return { db: t.id, key, type: o.type, value: codecOf(o.type).encode(o), expire };
  }
}

/** Starts a snapshot of the keyspace as it is now (see SnapshotCursor). */
export function startSnapshot(engine: Engine): SnapshotCursor {
  return new SnapshotCursor(engine);
}

/**
 * Adds snapshot records to the keyspace (rdbLoad): no events, no effects, no watchers. Expired
 * keys are kept here, as Redis keeps them when an append log follows the snapshot (the log may
 * still change them); dropExpired removes them once the log is replayed. A record for a key
 * already present replaces it.
 */
export function loadRecords(engine: Engine, records: SnapshotRecord[]): void {
  const dbs = engine.keyspace.dbs;
  const now = engine.cachedNow;
  const ctx = engine.ctx;
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    const db = dbs[r.db];
    if (db === undefined) throw new Error(`snapshot holds db ${r.db}, past the ${dbs.length} databases configured`);
    const o = codecOf(r.type).decode(r.value, engine);
    o.lru = now;
    db.dict.set(r.key, o);
    if (r.expire === -1) {
      if (db.expires.size !== 0) db.expires.delete(r.key);
    } else if (typeof r.expire === 'number') {
      db.expires.set(r.key, r.expire);
    } else {
      const saved = ctx.db;
      ctx.db = db;
      setExpireExact(ctx, r.key, r.expire);
      ctx.db = saved;
    }
  }
}

/**
 * Deletes every key whose TTL has passed, as the active expire cycle would, with their DELs
 * propagated: what a load ends with, so a reloaded keyspace holds no expired key.
 */
export function dropExpired(engine: Engine): number {
  const now = engine.clock();
  let dropped = 0;
  for (const db of engine.keyspace.dbs) {
    if (db.expires.size === 0) continue;
    const due: string[] = [];
    for (const [key, when] of db.expires) if (now > when) due.push(key);
    for (const key of due) engine.deleteExpired(db, key);
    dropped += due.length;
  }
  return dropped;
}
