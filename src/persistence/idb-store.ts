// The Store on IndexedDB (through idb). Each method is one transaction in which nothing but
// IndexedDB requests is awaited (no timers, no other promises: a transaction with nothing
// pending commits on its own, and Safari's workers make it inactive).
//
// The connection can go away under us: another tab asks for a version change (we close at once
// so it never waits on us), the browser terminates it (WebKit does when a tab is backgrounded),
// or it is closing when a transaction starts (InvalidStateError). The next call reopens it and
// retries once; a database that was deleted and created again meanwhile is reported through
// onLost, as what we wrote before is gone.
import { openDB, type IDBPDatabase } from 'idb';
import { checkRecord, FormatError, FORMAT_VERSION, freshMeta, loadRecord, type LogRecord, type Meta, type OpenedMeta, type BytesRecord, type Store, type StoredRecord } from './store.js';

/** The IndexedDB schema version: the object stores below. */
const SCHEMA_VERSION = 1;
const META_KEY = 'meta';
/**
 * A record's bytes are put from a copy in one resizable buffer, reused (put() clones a value when
 * called): IndexedDB must not clone the larger buffer they arrive in, and a new 1 MB copy each
 * time cost the IO worker about as much as decoding them (Chromium 156, .dbg/i4/rec.mts). Larger
 * records (one huge batch) get a copy of their own.
 */
const SCRATCH_MAX = 4 << 20;

/** ES2024's resizable ArrayBuffer, where the runtime has it. */
type Resizable = ArrayBuffer & { resize(length: number): void };
const resizable = typeof (ArrayBuffer.prototype as Partial<Resizable>).resize === 'function';

export interface IdbStoreOptions {
  /** Commit log records with `durability: 'strict'` (an fsync per transaction: appendfsync always). */
  strict?: boolean;
}

export class IdbStore implements Store {
  onLost: (() => void) | null = null;
  /** Durability of log appends; the persistence layer sets it from appendfsync. */
  strict: boolean;
  private db: IDBPDatabase | null = null;
  private opening: Promise<IDBPDatabase> | null = null;
  private dbId: string | null = null;
  /** Why the browser emptied the database at the last connect (corruption), until open() reports it. */
  private dataLoss: string | null = null;
  /** Where append() copies a record's bytes to put them (SCRATCH_MAX). */
  private scratch: Resizable | null = null;

  constructor(
    readonly name: string,
    options: IdbStoreOptions = {},
  ) {
    this.strict = options.strict ?? false;
  }

  async open(): Promise<OpenedMeta> {
    const db = await this.connection();
    const meta = (await db.get('meta', META_KEY)) as Meta | undefined;
    if (meta === undefined) throw new Error(`localredis: the database "${this.name}" has no meta record`);
    const dataLoss = this.dataLoss;
    this.dataLoss = null;
    return dataLoss === null ? meta : { ...meta, dataLoss };
  }

  expect(dbId: string): void {
    this.dbId ??= dbId;
  }

  readChunks(snapshotId: number, from: number, count: number): Promise<string[]> {
    // One get per chunk, all issued at once in one transaction: Chromium answers a getAll over
    // many large values far more slowly (4 s where separate gets took 0.6 s, for 12 MB).
    return this.run(async (db) => {
      const store = db.transaction('chunks').store;
      const gets: Array<Promise<string | undefined>> = [];
      for (let i = 0; i < count; i++) gets.push(store.get([snapshotId, from + i]));
      const out: string[] = [];
      for (const v of await Promise.all(gets)) {
        if (v === undefined) break;
        out.push(v);
      }
      return out;
    });
  }

  readLog(afterSeq: number, limit: number): Promise<LogRecord[]> {
    // Parallel gets of the next sequence numbers, as for chunks (records can be large).
    return this.run(async (db) => {
      const store = db.transaction('log').store;
      const gets: Array<Promise<StoredRecord | undefined>> = [];
      for (let i = 1; i <= limit; i++) gets.push(store.get(afterSeq + i));
      const out: LogRecord[] = [];
      for (const r of await Promise.all(gets)) {
        if (r === undefined) break;
        out.push(loadRecord(r));
      }
      return out;
    });
  }

  countLog(afterSeq: number): Promise<number> {
    return this.run((db) => db.count('log', IDBKeyRange.lowerBound(afterSeq, true)));
  }

  lastSeq(): Promise<number> {
    return this.run(async (db) => {
      const cursor = await db.transaction('log').store.openKeyCursor(null, 'prev');
      return cursor === null ? 0 : (cursor.key as number);
    });
  }

  async append(records: BytesRecord[]): Promise<void> {
    for (const r of records) checkRecord(r);
    return this.run(async (db) => {
      const tx = db.transaction('log', 'readwrite', { durability: this.strict ? 'strict' : 'relaxed' });
      for (const r of records) {
        const value: StoredRecord = { seq: r.seq, count: r.count, chars: r.chars, bytes: this.copy(r.bytes), format: r.format };
        void tx.store.put(value, r.seq);
      }
      await tx.done;
    });
  }

  /** `bytes` in a buffer of their own size: the scratch buffer, valid until the next call. */
  private copy(bytes: Uint8Array): Uint8Array {
    if (!resizable || bytes.length > SCRATCH_MAX) return bytes.slice();
    const scratch = (this.scratch ??= new (ArrayBuffer as unknown as new (n: number, o: { maxByteLength: number }) => Resizable)(0, { maxByteLength: SCRATCH_MAX }));
    scratch.resize(bytes.length);
    const out = new Uint8Array(scratch, 0, bytes.length);
    out.set(bytes);
    return out;
  }

  truncateLog(fromSeq: number): Promise<void> {
    return this.run((db) => db.delete('log', IDBKeyRange.lowerBound(fromSeq)));
  }

  putChunks(snapshotId: number, first: number, chunks: string[]): Promise<void> {
    return this.run(async (db) => {
      const tx = db.transaction('chunks', 'readwrite', { durability: 'relaxed' });
      for (let i = 0; i < chunks.length; i++) void tx.store.put(chunks[i], [snapshotId, first + i]);
      await tx.done;
    });
  }

  commitSnapshot(meta: Meta): Promise<void> {
    return this.run(async (db) => {
      const tx = db.transaction(['meta', 'chunks', 'log'], 'readwrite', { durability: 'strict' });
      const chunks = tx.objectStore('chunks');
      void tx.objectStore('meta').put(meta, META_KEY);
      // Array keys sort by their first element, a shorter array before its extensions.
      void chunks.delete(IDBKeyRange.upperBound([meta.snapshotId], true));
      void chunks.delete(IDBKeyRange.lowerBound([meta.snapshotId + 1]));
      if (meta.snapshotSeq > 0) void tx.objectStore('log').delete(IDBKeyRange.upperBound(meta.snapshotSeq));
      await tx.done;
    });
  }

  deleteChunks(snapshotId: number): Promise<void> {
    return this.run((db) => db.delete('chunks', IDBKeyRange.bound([snapshotId], [snapshotId, Infinity])));
  }

  close(): void {
    const db = this.db;
    this.db = null;
    this.opening = null;
    db?.close();
  }

  /** Runs one transaction; a connection found closed is reopened and the transaction retried once. */
  private async run<T>(op: (db: IDBPDatabase) => Promise<T>): Promise<T> {
    const db = await this.connection();
    try {
      return await op(db);
    } catch (e) {
      if (!isClosedConnection(e) && this.db === db) throw e;
      if (this.db === db) this.close();
      return op(await this.connection());
    }
  }

  private connection(): Promise<IDBPDatabase> {
    if (this.db !== null) return Promise.resolve(this.db);
    if (this.opening === null) {
      this.opening = this.connect().finally(() => {
        this.opening = null;
      });
    }
    return this.opening;
  }

  private async connect(): Promise<IDBPDatabase> {
    let db: IDBPDatabase;
    try {
      db = await openDB(this.name, SCHEMA_VERSION, {
        upgrade: (database, _old, _new, _tx, event) => {
          // Chromium found the database corrupt and deleted it: it is created again, empty.
          const { dataLoss, dataLossMessage } = event as { dataLoss?: string; dataLossMessage?: string };
          if (dataLoss !== undefined && dataLoss !== 'none') this.dataLoss = dataLossMessage || `data loss: ${dataLoss}`;
          for (const s of ['meta', 'chunks', 'log']) {
            if (!database.objectStoreNames.contains(s)) database.createObjectStore(s);
          }
        },
        // Another tab wants a newer version or to delete the database: let it, and reopen later.
        blocking: () => {
          if (this.db === db) this.close();
          else db.close();
        },
        terminated: () => {
          if (this.db === db) {
            this.db = null;
          }
        },
      });
    } catch (e) {
      if ((e as { name?: string }).name === 'VersionError') throw new FormatError(SCHEMA_VERSION + 1, this.name);
      throw e;
    }
    // Stamp a new or older database, refuse a newer one without writing anything.
    const tx = db.transaction('meta', 'readwrite');
    let meta = (await tx.store.get(META_KEY)) as Meta | undefined;
    const created = meta === undefined;
    if (meta === undefined) {
      meta = freshMeta();
      void tx.store.put(meta, META_KEY);
    } else if (meta.format < FORMAT_VERSION) {
      // Formats 1 and 2: their records still load; the records written from now on would not there.
      meta = { ...meta, format: FORMAT_VERSION };
      void tx.store.put(meta, META_KEY);
    }
    await tx.done;
    if (meta.format > FORMAT_VERSION) {
      db.close();
      throw new FormatError(meta.format, this.name);
    }
    const lost = this.dbId !== null && (created || meta.dbId !== this.dbId);
    this.dbId = meta.dbId;
    this.db = db;
    if (lost) this.onLost?.();
    return db;
  }
}

/** The errors of a connection closed or closing under a transaction. */
function isClosedConnection(e: unknown): boolean {
  const name = (e as { name?: string } | null)?.name;
  return name === 'InvalidStateError' || name === 'TransactionInactiveError';
}
