// The persistence of one engine: the append log with group commit and appendfsync, snapshots
// written while commands run (SAVE, BGSAVE, BGREWRITEAOF, automatic rewrites and save points),
// recovery as a replay stream, and what happens when the store fails. It never holds the engine:
// effects come in through a KeyspaceSource the host provides, recovery goes out as items the
// host applies. It implements the core's PersistenceControl, which the host attaches.
//
// Group commit: effects are packed into the open group; sealing it gives it the next sequence
// number, and a commit appends every sealed group (one log record each) in one transaction. One
// commit is in flight at a time; what is sealed meanwhile goes in the next one. A group is sealed
// once it holds RECORD_BYTES, whatever the policy (so records stay small and are committed as they
// fill, as Redis write()s its AOF buffer every turn), and besides: appendfsync always at the end of
// each turn (a write's reply waits for its group: whenDurable), everysec once a second, no once
// the engine has been idle for a moment (and at least every 30 s).
//
// A snapshot covers a log sequence: the host's effects up to its start are sealed first, so every
// record at or below that sequence is in the snapshot and every later record follows it. It is
// written under a new id in as many transactions as it needs; one more switches meta to it and
// deletes the old snapshot and the records it covers. Recovery reads the snapshot, then the
// records after its sequence while they are consecutive; a missing sequence (appendonly was off
// for a while, see setAppendonly) ends the usable log, and what follows it is deleted.
import type { ControlReply, Effect, PersistenceControl, PersistenceInfo, SnapshotRecord } from '../core/index.js';
import { packRecords, RecordBytes, unpackEffects, unpackRecords, type VerbatimBatch } from './format.js';
import { describeError, FORMAT_VERSION, type Meta, type Store } from './store.js';

export type Fsync = 'always' | 'everysec' | 'no';

/** Lets the event loop run (commands, IndexedDB callbacks) without setTimeout's 4 ms clamp. */
const yieldTurn: () => Promise<void> = (() => {
  if (typeof MessageChannel === 'undefined') return () => new Promise<void>((r) => setTimeout(r, 0));
  const channel = new MessageChannel();
  const waiting: Array<() => void> = [];
  channel.port1.onmessage = () => waiting.shift()?.();
  // Node: the port must not keep the process alive.
  (channel.port1 as { unref?: () => void }).unref?.();
  (channel.port2 as { unref?: () => void }).unref?.();
  return () =>
    new Promise<void>((r) => {
      waiting.push(r);
      channel.port2.postMessage(null);
    });
})();

/** A snapshot being handed out by the engine (the core's SnapshotCursor). */
export interface SnapshotSource {
  next(maxBytes: number): SnapshotRecord[];
  close(): void;
  readonly keysAtStart: number;
}

/** What the host gives persistence instead of the engine. */
export interface KeyspaceSource {
  /** The effects produced since the last call. */
  takeEffects(): Effect[];
  /** Starts a snapshot of the keyspace as it is now. */
  snapshot(): SnapshotSource;
  /** Redis's server.dirty: the count of changes so far. */
  dirty(): number;
  /** Refuse write commands with this error (MISCONF), or accept them again (null). */
  refuseWrites(message: string | null): void;
}

export interface PersistenceOptions {
  appendonly?: boolean;
  appendfsync?: Fsync;
  autoAofRewritePercentage?: number;
  autoAofRewriteMinSize?: number;
  /** Save points as CONFIG's `save`: "seconds changes ..."; '' for none. */
  save?: string;
  /** Refuse writes while the last snapshot failed and save points are set (stop-writes-on-bgsave-error). */
  stopWritesOnBgsaveError?: boolean;
  clock?: () => number;
  /** Bytes of records per snapshot chunk (commands run between chunks), and chunks per transaction. */
  chunkBytes?: number;
  chunksPerTransaction?: number;
  /** Where failures and retries are reported; console.warn by default. */
  warn?: (message: string) => void;
}

/** One step of recovery: snapshot records to load, or effects to apply, in order. */
export type ReplayItem = { records: SnapshotRecord[] } | { effects: Effect[] };

interface Group {
  seq: number;
  /** When its first effect arrived (appendfsync no commits it within MAX_DELAY_MS). */
  openedAt: number;
  /**
   * The packed effects of its batches, in order, encoded to UTF-8 bytes for its commit: the
   * record's data, stored as they are and decoded when loaded; data.chars is its size (INFO's
   * sizes and rewrites go by it).
   */
  data: RecordBytes;
  count: number;
  /** Called with null once committed, or with an error if it never can be. */
  waiters: Array<(error: Error | null) => void>;
}

type SnapshotKind = 'rdb' | 'aof';

interface RunningSnapshot {
  kind: SnapshotKind;
  id: number;
  seq: number;
  startedAt: number;
  source: SnapshotSource | null;
  keys: number;
  done: Array<(error: string | null) => void>;
}

const RDB_ERROR =
  "MISCONF Redis is configured to save RDB snapshots, but it's currently unable to persist to disk. Commands that may modify the data set are disabled, because this instance is configured to report errors during writes if RDB snapshotting fails (stop-writes-on-bgsave-error option). Please check the Redis logs for details about the RDB error.";
/** CONFIG_BGSAVE_RETRY_DELAY: a failed save point waits this long before the next try. */
const BGSAVE_RETRY_MS = 5000;
/** appendfsync no: commit after this long without new effects, and at least this often. */
const IDLE_MS = 50;
const MAX_DELAY_MS = 30_000;
/** A failed commit is retried after this long (serverCron retries a failed AOF write every second). */
const RETRY_MS = 1000;
/**
 * An open group this large is sealed and committed at once, whatever the policy, so that the log
 * is written as it fills (as Redis write()s its AOF buffer every turn) and little waits in memory
 * for a commit: measured in Chromium with everysec, 1 MB records cost the worker and the browser
 * less per write than one record a second (8 MB: one put blocked the worker for 100-200 ms, and
 * the strings waiting for it were copied by every scavenge until then), and far less than records
 * under IndexedDB's 64 KB blob threshold (the cost of a put is mostly per put there). 512 KB cost
 * the browser's IndexedDB threads half as much per SET as 1 MB (0.8 vs 1.9 µs; 256 KB 1.0,
 * 128 KB 1.3, 3 MB 1.7) and the IO worker less (1.3 vs 1.6 µs), in shared mode in Chromium 156
 * (.dbg/i4/cpu2.mts, 4 rounds in turns, load 1-3).
 */
export const RECORD_BYTES = 1 << 19;
/** Records of one commit at most (one transaction). */
const COMMIT_RECORDS = 16;
/**
 * A new group's buffer when none is spare: a full group's bytes when they are ASCII (it grows at
 * its commit if not). When groups were written byte by byte as effects came, growing them from
 * 64 KB (allocating and copying at each size) took 5% of the engine thread's time in a Chromium
 * profile of shared-mode SETs, where groups waited for the IO worker and the spare buffers ran out.
 */
const GROUP_BUFFER = RECORD_BYTES + (RECORD_BYTES >> 2);
/** Buffers of committed groups kept for the next groups (a commit's and the open group's), and the largest kept. */
const SPARE_BUFFERS = COMMIT_RECORDS + 1;
const SPARE_MAX = 4 * RECORD_BYTES;
/** Log records read per transaction when loading. */
const LOG_READ = 16;

export class Persistence implements PersistenceControl {
  appendonly: boolean;
  appendfsync: Fsync;
  autoAofRewritePercentage: number;
  autoAofRewriteMinSize: number;
  stopWritesOnBgsaveError: boolean;
  private savePoints: Array<[number, number]> = [];
  /** Wall-clock time (the engine's): save times, LASTSAVE, save points. */
  private readonly clock: () => number;
  /** Elapsed time for the timers (idle commits, retries, back-off): never a test's frozen clock. */
  private readonly timer = () => Date.now();
  private readonly chunkBytes: number;
  private readonly chunksPerTx: number;
  private readonly warn: (message: string) => void;

  private meta: Meta | null = null;
  private nextSeq = 1;
  private open: Group | null = null;
  private readonly sealed: Group[] = [];
  /** Buffers of committed groups, for the next ones (outside the JS heap: reusing them spares allocating and zeroing). */
  private readonly spare: Uint8Array[] = [];
  /** Sealed groups (the first ones) being committed; 0 when no commit is in flight. */
  private inflight = 0;
  private writeError: string | null = null;
  private rdbRefusal = false;
  /** Bytes of the committed records after the snapshot, by sequence. */
  private readonly recordBytes = new Map<number, number>();
  private logBytes = 0;
  private snap: RunningSnapshot | null = null;
  private nextSnapshotId = 1;
  private rdbScheduled = false;
  private aofScheduled = false;
  private flushQueued = false;
  private cron: ReturnType<typeof setInterval> | null = null;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;
  private lastEffectAt = 0;
  private retryAt = 0;
  private permanentError: string | null = null;
  private lastRewriteTry = 0;
  private dirtyAtSnapshot = 0;
  private openedAt = 0;
  private closed = false;

  // INFO persistence figures.
  private loading: PersistenceInfo['loading'] = null;
  private lastSaveTime: number;
  private dirtyAtLastSave = 0;
  private lastBgsaveOk = true;
  private lastBgsaveTry = 0;
  private lastBgsaveTimeSec = -1;
  private rdbSaves = 0;
  private lastLoadKeysLoaded = 0;
  private lastLoadKeysExpired = 0;
  private aofLastRewriteTimeSec = -1;
  private aofLastBgrewriteOk = true;
  private aofRewrites = 0;
  private aofConsecutiveFailures = 0;

  constructor(
    readonly store: Store,
    private readonly source: KeyspaceSource,
    options: PersistenceOptions = {},
  ) {
    this.appendonly = options.appendonly ?? true;
    this.appendfsync = options.appendfsync ?? 'everysec';
    this.autoAofRewritePercentage = options.autoAofRewritePercentage ?? 100;
    this.autoAofRewriteMinSize = options.autoAofRewriteMinSize ?? 64 * 1024 * 1024;
    this.stopWritesOnBgsaveError = options.stopWritesOnBgsaveError ?? true;
    this.setSavePoints(options.save ?? '');
    this.clock = options.clock ?? Date.now;
    // Chunks stay under Chromium's 64 KB threshold past which IndexedDB keeps a value as a blob
    // file: reading 1 MB chunks back ran at ~20 MB/s, these at LevelDB's speed.
    this.chunkBytes = options.chunkBytes ?? 60 * 1024;
    this.chunksPerTx = options.chunksPerTransaction ?? 16;
    this.warn = options.warn ?? ((m) => console.warn(m));
    this.lastSaveTime = this.clock();
    this.applyDurability();
    store.onLost = () => void this.storeLost();
  }

  // ---- Loading ---------------------------------------------------------------------------

  /**
   * Opens the store and replays what it holds: the snapshot's records, then the log's effects.
   * Ends by deleting log records that cannot be used (after a missing sequence), so that what
   * is written next follows what was loaded. Progress goes to `onProgress` and INFO.
   *
   * The log is replayed with appendonly off too, unlike Redis (which then loads only dump.rdb):
   * here one snapshot is both the RDB and the AOF base, so skipping the log would drop writes
   * acknowledged in an earlier session, and the next snapshot would make the loss final.
   */
  async *replay(onProgress?: (loaded: number, total: number) => void): AsyncGenerator<ReplayItem> {
    const store = this.store;
    const { dataLoss, ...meta } = await store.open();
    if (dataLoss !== undefined) this.warn(`localredis: "${store.name}": the browser found the database corrupt and deleted it (${dataLoss}); it starts empty`);
    this.meta = meta;
    this.nextSnapshotId = meta.snapshotId + 1;
    const logRecords = await store.countLog(meta.snapshotSeq);
    const progress = { startTime: this.clock(), loaded: 0, total: meta.snapshotKeys + logRecords };
    this.loading = progress;
    onProgress?.(0, progress.total);
    try {
      const step = Math.max(1, this.chunksPerTx * 2);
      const read = (i: number) => {
        const p = store.readChunks(meta.snapshotId, i, Math.min(step, meta.snapshotChunks - i));
        p.catch(() => {}); // awaited in turn
        return p;
      };
      // The next read is in flight while the records of the last one are loaded.
      let next = meta.snapshotChunks === 0 ? null : read(0);
      for (let i = 0; i < meta.snapshotChunks; i += step) {
        const want = Math.min(step, meta.snapshotChunks - i);
        const chunks = await next!;
        next = i + step < meta.snapshotChunks ? read(i + step) : null;
        if (chunks.length !== want) throw new Error(`localredis: snapshot ${meta.snapshotId} of "${store.name}" is missing chunk ${i + chunks.length}`);
        for (const chunk of chunks) {
          const records = unpackRecords(chunk);
          yield { records };
          progress.loaded += records.length;
          this.lastLoadKeysLoaded += records.length;
          onProgress?.(progress.loaded, progress.total);
        }
      }
      let expected = meta.snapshotSeq + 1;
      let usable = true;
      while (usable) {
        const records = await store.readLog(expected - 1, LOG_READ);
        if (records.length === 0) break;
        if (records.length < LOG_READ) usable = false; // a missing sequence ends what can be used
        for (const r of records) {
          if (r.seq !== expected) {
            usable = false;
            break;
          }
          yield { effects: unpackEffects(r.data, r.format) };
          this.recordBytes.set(r.seq, r.data.length);
          this.logBytes += r.data.length;
          expected++;
          progress.loaded++;
          onProgress?.(progress.loaded, progress.total);
        }
      }
      if ((await store.lastSeq()) >= expected) {
        this.warn(`localredis: "${store.name}": log records from sequence ${expected} follow a missing one and were dropped`);
        await store.truncateLog(expected);
      }
      this.nextSeq = expected;
    } finally {
      this.loading = null;
    }
  }

  /** The load is over (the host dropped `expired` keys): start committing and the timers. */
  start(expired = 0): void {
    this.lastLoadKeysExpired = expired;
    this.openedAt = this.clock();
    this.lastSaveTime = this.openedAt;
    this.dirtyAtLastSave = this.source.dirty();
    this.cron = setInterval(() => this.tick(), 1000);
    (this.cron as { unref?: () => void }).unref?.();
  }

  // ---- The log -----------------------------------------------------------------------------

  /**
   * Takes the engine's effects (the host calls this after every batch and timer); `verbatim`: those
   * that are a command of the batch just run as it came (RecordBytes copies its bytes).
   */
  collect(verbatim?: VerbatimBatch): void {
    const effects = this.source.takeEffects();
    if (effects.length === 0 || !this.appendonly) return;
    let g = this.open;
    if (g === null) {
      const data = new RecordBytes(this.spare.pop() ?? new Uint8Array(GROUP_BUFFER));
      g = this.open = { seq: 0, openedAt: this.timer(), data, count: 0, waiters: [] };
    }
    g.data.add(effects, verbatim);
    g.count += effects.length;
    if (g.data.chars >= RECORD_BYTES) {
      this.seal();
      // appendfsync always commits the turn's records together, at its end (below).
      if (this.appendfsync !== 'always') {
        this.kick();
        return;
      }
    }
    switch (this.appendfsync) {
      case 'always':
        // Everything of this turn goes in one record: seal once the turn's microtasks are done.
        if (!this.flushQueued) {
          this.flushQueued = true;
          queueMicrotask(() => {
            this.flushQueued = false;
            if (this.inflight === 0) {
              this.seal();
              this.kick();
            }
          });
        }
        break;
      case 'no':
        this.lastEffectAt = this.timer();
        if (this.idleTimer === null) this.armIdle(IDLE_MS);
        break;
      case 'everysec':
        break;
    }
  }

  /**
   * A promise settled once every effect collected so far is committed (or in a committed
   * snapshot); null when nothing is pending. appendfsync always holds write replies on it.
   * While the store fails it waits; it rejects (with the MISCONF text) only when the store can
   * never take them (a newer version took the database over), as Redis exits on a failed write
   * with appendfsync always.
   */
  whenDurable(): Promise<void> | null {
    const g = this.open ?? this.sealed[this.sealed.length - 1];
    if (g === undefined) return null;
    if (this.permanentError !== null) return Promise.reject(new Error(this.permanentError));
    return new Promise((resolve, reject) => g.waiters.push((e) => (e === null ? resolve() : reject(e))));
  }

  /** True while the store refuses our commits. */
  get failing(): boolean {
    return this.writeError !== null;
  }

  /** Commits everything collected so far, and waits for it. */
  async flush(): Promise<void> {
    this.collect();
    const done = this.whenDurable();
    this.seal();
    this.kick();
    if (done !== null) await done.catch(() => {});
  }

  private armIdle(ms: number): void {
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.open === null) return;
      const now = this.timer();
      const quiet = now - this.lastEffectAt;
      if (quiet >= IDLE_MS || now - this.open.openedAt >= MAX_DELAY_MS) {
        this.seal();
        this.kick();
      } else {
        this.armIdle(IDLE_MS - quiet);
      }
    }, ms);
    (this.idleTimer as { unref?: () => void }).unref?.();
  }

  /** Closes the open group: it gets its sequence number and waits for its commit. */
  private seal(): void {
    const g = this.open;
    if (g === null) return;
    this.open = null;
    g.seq = this.nextSeq++;
    this.sealed.push(g);
  }

  /** Starts the next commit (the sealed groups, in one transaction) unless one is in flight or the store is failing. */
  private kick(): void {
    if (this.inflight !== 0 || this.closed || (this.writeError !== null && this.timer() < this.retryAt)) return;
    const n = Math.min(this.sealed.length, COMMIT_RECORDS);
    if (n === 0) return;
    const groups = this.sealed.slice(0, n);
    this.inflight = n;
    this.store.append(groups.map((g) => ({ seq: g.seq, count: g.count, chars: g.data.chars, bytes: g.data.bytes, format: FORMAT_VERSION }))).then(
      () => {
        this.inflight = 0;
        // Still the first sealed groups: nothing else removes groups in flight (afterSwitch skips them).
        this.sealed.splice(0, n);
        const covered = this.meta?.snapshotSeq ?? 0;
        for (const g of groups) {
          // A record a snapshot committed meanwhile covers was deleted with the others.
          if (g.seq > covered) {
            this.recordBytes.set(g.seq, g.data.chars);
            this.logBytes += g.data.chars;
          }
          for (const w of g.waiters) w(null);
          // The store is done with the bytes (append settled).
          const buffer = g.data.buffer;
          if (this.spare.length < SPARE_BUFFERS && buffer.length <= SPARE_MAX) this.spare.push(buffer);
        }
        if (this.writeError !== null) {
          this.warn(`localredis: "${this.store.name}": writing to the log works again`);
          this.writeError = null;
          this.updateRefusal();
        }
        // Group commit: what arrived meanwhile goes now.
        if (this.appendfsync === 'always') this.seal();
        this.kick();
        this.maybeRewrite();
      },
      (e: unknown) => {
        this.inflight = 0;
        this.retryAt = this.timer() + RETRY_MS;
        const first = this.writeError === null;
        this.writeError = describeError(e);
        if (first) this.warn(`localredis: "${this.store.name}": writing to the log failed (${this.writeError}); writes are refused until it works again`);
        this.updateRefusal();
        if ((e as { name?: string } | null)?.name === 'FormatError') this.failForever();
        // tick() retries once RETRY_MS have passed.
      },
    );
  }

  /** The store will never take our writes again: whoever waits for a commit is told. */
  private failForever(): void {
    this.permanentError = `MISCONF Errors writing to the AOF file: ${this.writeError}`;
    const error = new Error(this.permanentError);
    for (const g of [...this.sealed, ...(this.open ? [this.open] : [])]) {
      for (const w of g.waiters) w(error);
      g.waiters = [];
    }
  }

  /** Redis's writeCommandsDeniedByDiskError: the AOF error first, then the RDB one. */
  private updateRefusal(): void {
    let message: string | null = null;
    if (this.writeError !== null) message = `MISCONF Errors writing to the AOF file: ${this.writeError}`;
    else if (this.rdbRefusal && this.stopWritesOnBgsaveError && this.savePoints.length > 0) message = RDB_ERROR;
    this.source.refuseWrites(message);
  }

  /** serverCron's part: commits for everysec and no, retries, save points, automatic rewrites. */
  private tick(): void {
    if (this.closed) return;
    // Idle: the spare buffers go but one.
    if (this.open === null && this.sealed.length === 0 && this.spare.length > 1) this.spare.length = 1;
    this.collect();
    const g = this.open;
    if (g !== null && (this.appendfsync === 'everysec' || this.writeError !== null || this.timer() - g.openedAt >= MAX_DELAY_MS)) this.seal();
    this.kick();
    this.maybeSave();
    this.maybeRewrite();
  }

  // ---- Snapshots ---------------------------------------------------------------------------

  private maybeSave(): void {
    if (this.snap !== null || this.savePoints.length === 0) return;
    const now = this.clock();
    const changes = this.source.dirty() - this.dirtyAtLastSave;
    for (const [seconds, min] of this.savePoints) {
      if (changes >= min && now - this.lastSaveTime > seconds * 1000 && (this.lastBgsaveOk || this.timer() - this.lastBgsaveTry > BGSAVE_RETRY_MS)) {
        this.startSnapshot('rdb');
        return;
      }
    }
  }

  /** auto-aof-rewrite-percentage / -min-size: the log grew past its base by that much. */
  private maybeRewrite(): void {
    if (this.snap !== null) {
      return;
    }
    if (this.rdbScheduled || this.aofScheduled) {
      const kind: SnapshotKind = this.aofScheduled ? 'aof' : 'rdb';
      this.startSnapshot(kind);
      return;
    }
    if (!this.appendonly || this.autoAofRewritePercentage === 0 || this.meta === null) return;
    const base = this.meta.snapshotBytes;
    const current = base + this.logBytes;
    if (current <= this.autoAofRewriteMinSize) return;
    const growth = (current * 100) / (base === 0 ? 1 : base) - 100;
    if (growth < this.autoAofRewritePercentage) return;
    // A failing rewrite is retried less and less often (aofRewriteLimited).
    if (this.aofConsecutiveFailures > 0 && this.timer() - this.lastRewriteTry < Math.min(3600_000, 60_000 * 2 ** (this.aofConsecutiveFailures - 1))) return;
    this.startSnapshot('aof');
  }

  /** Starts writing a snapshot now; false when one already runs. */
  private startSnapshot(kind: SnapshotKind, done?: (error: string | null) => void): boolean {
    if (this.snap !== null || this.meta === null || this.closed) return false;
    if (kind === 'aof') this.aofScheduled = false;
    else this.rdbScheduled = false;
    // Everything before this moment must be in records at or below the snapshot's sequence.
    this.collect();
    this.seal();
    const seq = this.nextSeq - 1;
    const snap: RunningSnapshot = {
      kind, id: this.nextSnapshotId++, seq, startedAt: this.clock(), source: this.source.snapshot(), keys: 0,
      done: done ? [done] : [],
    };
    this.snap = snap;
    if (kind === 'rdb') this.lastBgsaveTry = this.timer();
    else this.lastRewriteTry = this.timer();
    this.dirtyAtSnapshot = this.source.dirty();
    this.kick();
    void this.writeSnapshot(snap);
    return true;
  }

  private async writeSnapshot(snap: RunningSnapshot): Promise<void> {
    const store = this.store;
    const source = snap.source!;
    let index = 0;
    let bytes = 0;
    let error: string | null = null;
    try {
      let batch: string[] = [];
      // One transaction in flight while the next chunks are made; commands run between chunks.
      let writing: Promise<void> | null = null;
      for (;;) {
        if (this.closed) throw new Error('the database was closed');
        const records = source.next(this.chunkBytes);
        if (records.length !== 0) {
          const chunk = packRecords(records);
          batch.push(chunk);
          bytes += chunk.length;
          snap.keys += records.length;
        }
        if (batch.length !== 0 && (records.length === 0 || batch.length >= this.chunksPerTx)) {
          if (writing !== null) await writing;
          writing = store.putChunks(snap.id, index, batch);
          writing.catch(() => {}); // awaited before the next one
          index += batch.length;
          batch = [];
        }
        if (records.length === 0) break;
        await yieldTurn();
      }
      if (writing !== null) await writing;
      if (this.closed) throw new Error('the database was closed');
      const meta: Meta = {
        ...this.meta!, snapshotId: snap.id, snapshotSeq: snap.seq, snapshotChunks: index, snapshotKeys: snap.keys,
        snapshotBytes: bytes, savedAt: snap.startedAt,
      };
      await store.commitSnapshot(meta);
      this.meta = meta;
      this.afterSwitch(snap.seq);
    } catch (e) {
      error = describeError(e);
      source.close();
      store.deleteChunks(snap.id).catch(() => {});
    }
    this.snap = null;
    this.finishSnapshot(snap, error);
  }

  /** The log records the new snapshot covers are gone; so are their sizes and their waits. */
  private afterSwitch(seq: number): void {
    for (const [s, b] of this.recordBytes) {
      if (s <= seq) {
        this.recordBytes.delete(s);
        this.logBytes -= b;
      }
    }
    // Groups still waiting for their commit are in the snapshot: durable now (those in flight
    // settle on their own). The store took a transaction, so a write error is over.
    const first = this.inflight;
    while (this.sealed.length > first && this.sealed[first].seq <= seq) {
      const g = this.sealed.splice(first, 1)[0];
      for (const w of g.waiters) w(null);
    }
    if (this.writeError !== null) {
      this.writeError = null;
      this.retryAt = 0;
      this.updateRefusal();
      this.kick();
    }
  }

  private finishSnapshot(snap: RunningSnapshot, error: string | null): void {
    const now = this.clock();
    const seconds = Math.round((now - snap.startedAt) / 1000);
    if (error === null) {
      if (snap.kind === 'rdb') {
        // As after BGSAVE: the changes made meanwhile are still unsaved. A rewrite leaves the
        // RDB figures (rdb_changes_since_last_save, LASTSAVE) alone, as in Redis.
        this.dirtyAtLastSave = this.dirtyAtSnapshot;
        this.lastSaveTime = now;
        this.lastBgsaveOk = true;
        this.rdbRefusal = false;
        this.rdbSaves++;
        this.lastBgsaveTimeSec = seconds;
      } else {
        this.aofRewrites++;
        this.aofLastRewriteTimeSec = seconds;
        this.aofLastBgrewriteOk = true;
        this.aofConsecutiveFailures = 0;
      }
    } else {
      this.warn(`localredis: "${this.store.name}": writing a snapshot failed (${error})`);
      if (snap.kind === 'rdb') {
        this.lastBgsaveOk = false;
        this.rdbRefusal = true;
        this.lastBgsaveTimeSec = seconds;
      } else {
        this.aofLastBgrewriteOk = false;
        this.aofConsecutiveFailures++;
        this.aofLastRewriteTimeSec = seconds;
      }
    }
    this.updateRefusal();
    for (const d of snap.done) d(error);
    this.maybeRewrite();
  }

  /** The store lost what we wrote (the database was deleted under us): write everything again. */
  private async storeLost(): Promise<void> {
    this.warn(`localredis: "${this.store.name}" was deleted or replaced by someone else; writing a full snapshot again`);
    try {
      this.meta = await this.store.open();
    } catch (e) {
      this.writeError = describeError(e);
      this.updateRefusal();
      return;
    }
    this.nextSnapshotId = Math.max(this.nextSnapshotId, this.meta.snapshotId + 1);
    if (!this.startSnapshot('aof')) this.aofScheduled = true;
  }

  // ---- Configuration -----------------------------------------------------------------------

  /** "3600 1 300 100" -> [[3600, 1], [300, 100]]. */
  private setSavePoints(value: string): void {
    const parts = value.trim() === '' ? [] : value.trim().split(/\s+/).map(Number);
    this.savePoints = [];
    for (let i = 0; i + 1 < parts.length; i += 2) this.savePoints.push([parts[i], parts[i + 1]]);
  }

  private applyDurability(): void {
    this.store.strict = this.appendfsync === 'always';
  }

  /**
   * appendonly yes -> no: nothing more is logged. no -> yes (startAppendOnly): a sequence number
   * is skipped, so the records written from now on are not replayed on top of the old snapshot
   * (the changes made meanwhile are in neither), and a rewrite starts; once its snapshot, which
   * covers the skipped number, is committed, they follow it.
   */
  setAppendonly(on: boolean): void {
    if (on === this.appendonly) return;
    if (!on) {
      this.collect();
      this.seal();
      this.kick();
      this.appendonly = false;
      return;
    }
    this.source.takeEffects();
    this.appendonly = true;
    this.nextSeq++;
    if (this.snap === null) this.startSnapshot('aof');
    else this.aofScheduled = true;
  }

  // ---- PersistenceControl ------------------------------------------------------------------

  save(done: (error: string | null) => void): string | null {
    if (this.snap !== null && this.snap.kind === 'rdb') return 'ERR Background save already in progress';
    if (this.snap !== null) {
      // A rewrite runs: its snapshot will do once it is over... but it started earlier, so chain a new one.
      const waiting = this.snap.done;
      waiting.push(() => {
        if (!this.startSnapshot('rdb', done)) done('ERR');
      });
      return null;
    }
    return this.startSnapshot('rdb', done) ? null : 'ERR';
  }

  bgsave(schedule: boolean, inExec: boolean): ControlReply {
    if (this.snap !== null && this.snap.kind === 'rdb') return { error: 'ERR Background save already in progress' };
    if (this.snap !== null || inExec) {
      if (schedule || inExec) {
        this.rdbScheduled = true;
        if (inExec && this.snap === null) queueMicrotask(() => this.maybeRewrite());
        return { status: 'Background saving scheduled' };
      }
      return {
        error: "ERR Another child process is active (AOF?): can't BGSAVE right now. Use BGSAVE SCHEDULE in order to schedule a BGSAVE whenever possible.",
      };
    }
    return this.startSnapshot('rdb') ? { status: 'Background saving started' } : { error: 'ERR' };
  }

  bgrewriteaof(inExec: boolean): ControlReply {
    if (this.snap !== null && this.snap.kind === 'aof') return { error: 'ERR Background append only file rewriting already in progress' };
    if (this.snap !== null || inExec) {
      this.aofScheduled = true;
      if (inExec && this.snap === null) queueMicrotask(() => this.maybeRewrite());
      return { status: 'Background append only file rewriting scheduled' };
    }
    return this.startSnapshot('aof')
      ? { status: 'Background append only file rewriting started' }
      : { error: "ERR Can't execute an AOF background rewriting. Please check the server logs for more information." };
  }

  lastSave(): number {
    return this.lastSaveTime;
  }

  info(): PersistenceInfo {
    const now = this.clock();
    const snap = this.snap;
    const running = (kind: SnapshotKind) => snap !== null && snap.kind === kind;
    let buffered = this.open?.data.chars ?? 0;
    for (const g of this.sealed) buffered += g.data.chars;
    return {
      loading: this.loading === null ? null : { ...this.loading },
      saveKeysProcessed: snap?.keys ?? 0,
      saveKeysTotal: snap?.source?.keysAtStart ?? 0,
      changesSinceLastSave: this.source.dirty() - this.dirtyAtLastSave,
      bgsaveInProgress: running('rdb'),
      lastSaveTime: this.lastSaveTime,
      lastBgsaveOk: this.lastBgsaveOk,
      lastBgsaveTimeSec: this.lastBgsaveTimeSec,
      currentBgsaveTimeSec: running('rdb') ? Math.floor((now - snap!.startedAt) / 1000) : -1,
      rdbSaves: this.rdbSaves,
      lastLoadKeysExpired: this.lastLoadKeysExpired,
      lastLoadKeysLoaded: this.lastLoadKeysLoaded,
      aofEnabled: this.appendonly,
      aofRewriteInProgress: running('aof'),
      aofRewriteScheduled: this.aofScheduled,
      aofLastRewriteTimeSec: this.aofLastRewriteTimeSec,
      aofCurrentRewriteTimeSec: running('aof') ? Math.floor((now - snap!.startedAt) / 1000) : -1,
      aofLastBgrewriteOk: this.aofLastBgrewriteOk,
      aofRewrites: this.aofRewrites,
      aofRewritesConsecutiveFailures: this.aofConsecutiveFailures,
      aofLastWriteOk: this.writeError === null,
      aofCurrentSize: (this.meta?.snapshotBytes ?? 0) + this.logBytes,
      aofBaseSize: this.meta?.snapshotBytes ?? 0,
      aofPendingRewrite: this.aofScheduled,
      aofBufferLength: buffered,
    };
  }

  configure(name: string, value: string): void {
    switch (name) {
      case 'appendonly':
        this.setAppendonly(value === 'yes');
        break;
      case 'appendfsync':
        this.collect();
        this.seal();
        this.kick();
        this.appendfsync = value as Fsync;
        this.applyDurability();
        break;
      case 'auto-aof-rewrite-percentage':
        this.autoAofRewritePercentage = Number(value);
        break;
      case 'auto-aof-rewrite-min-size':
        this.autoAofRewriteMinSize = Number(value);
        break;
      case 'save':
        this.setSavePoints(value);
        this.updateRefusal();
        break;
      case 'stop-writes-on-bgsave-error':
        this.stopWritesOnBgsaveError = value === 'yes';
        this.updateRefusal();
        break;
    }
  }

  /** Commits what is pending (waiting at most `timeoutMs` for it), stops the timers and closes the store. */
  async close(timeoutMs = 5000): Promise<void> {
    if (this.closed) return;
    try {
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([this.flush(), new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
      clearTimeout(timer);
    } finally {
      this.closed = true;
      if (this.cron !== null) clearInterval(this.cron);
      if (this.idleTimer !== null) clearTimeout(this.idleTimer);
      this.snap?.source?.close();
      this.store.close();
    }
  }
}
