// The storage layout and the Store interface every backend implements (IndexedDB, memory).
//
// A database holds three things:
//   meta    one record: the format version, the database's identity, the current snapshot (its
//           id, chunk count, keys, bytes, time) and the log sequence it covers;
//   chunks  snapshot chunks keyed [snapshotId, index], each a packed string of records;
//   log     append-log records keyed by sequence number, each a packed string of the effects of
//           whole batches; a group commit writes one or more of them in one transaction.
// Recovery loads the chunks of meta's snapshot, then the log records after its sequence while
// they are consecutive. Every method is one transaction: all of it happens or none of it.

/** The format this code writes. A database stamped with a larger one is refused, untouched. */
export const FORMAT_VERSION = 1;

export interface Meta {
  format: number;
  /** A random identity given when the database is created: a reopened connection checks it. */
  dbId: string;
  /** The current snapshot; 0 for none (an empty keyspace). */
  snapshotId: number;
  /** Log records up to and including this sequence are in the snapshot. */
  snapshotSeq: number;
  snapshotChunks: number;
  snapshotKeys: number;
  /** Bytes of the snapshot's chunks (INFO aof_base_size). */
  snapshotBytes: number;
  /** When the snapshot was taken, in ms (LASTSAVE after a reload); 0 for none. */
  savedAt: number;
}

/**
 * What open() returns: the meta, and why the backend came back empty if it lost everything on
 * its own (Chromium deletes an IndexedDB it finds corrupt and says so only in the upgrade event's
 * non-standard `dataLoss`). Never stored.
 */
export interface OpenedMeta extends Meta {
  dataLoss?: string;
}

/** One log record: the effects of whole batches (at most about 60 KB of them, see persistence.ts), packed. */
export interface LogRecord {
  seq: number;
  /** Effects in this record (progress while loading). */
  count: number;
  data: string;
}

/**
 * A log record to append, its data given as UTF-8 bytes (format.ts RecordBytes: each char, a
 * byte 0-255, as one byte below 128 and two from 128 on): the engine's thread writes them once,
 * outside the JS heap, and a store in another thread (remote-store.ts) gets them as they are.
 * A store decodes them where it writes them; `bytes` may be reused once append() has settled.
 */
export interface BytesRecord {
  seq: number;
  count: number;
  /** Chars of the decoded data (checked where it is decoded). */
  chars: number;
  bytes: Uint8Array;
}

/** What a backend must do; each method runs in one transaction. */
export interface Store {
  /** A name for messages (the IndexedDB database name, or "memory"). */
  readonly name: string;
  /**
   * Commit appends with strict durability (an fsync per transaction: appendfsync always), set by
   * Persistence. A store with no fsync of its own keeps it only to pass it on.
   */
  strict: boolean;
  /**
   * Opens (creating the database when new) and returns its meta. Rejects with FormatError for a
   * database of a newer format, which is left as it is.
   */
  open(): Promise<OpenedMeta>;
  /** Chunks `from` .. `from + count - 1` of a snapshot, in order. */
  readChunks(snapshotId: number, from: number, count: number): Promise<string[]>;
  /** The log records afterSeq + 1, afterSeq + 2, ... up to `limit` of them, stopping at the first missing one. */
  readLog(afterSeq: number, limit: number): Promise<LogRecord[]>;
  /** How many log records have a sequence above `afterSeq`. */
  countLog(afterSeq: number): Promise<number>;
  /** The highest sequence in the log, or 0. */
  lastSeq(): Promise<number>;
  /** Appends records (consecutive sequences), all in one transaction; each is stored as a LogRecord. */
  append(records: BytesRecord[]): Promise<void>;
  /** Deletes the log records from `fromSeq` on (what recovery could not use). */
  truncateLog(fromSeq: number): Promise<void>;
  /** Writes chunks `first` .. of a snapshot being built. */
  putChunks(snapshotId: number, first: number, chunks: string[]): Promise<void>;
  /**
   * Makes `meta` current, and deletes the chunks of every other snapshot and the log records up
   * to meta.snapshotSeq: the atomic switch that ends a rewrite.
   */
  commitSnapshot(meta: Meta): Promise<void>;
  /** Deletes the chunks of one snapshot (a rewrite that failed). */
  deleteChunks(snapshotId: number): Promise<void>;
  /** Closes the connection; later calls reopen it. */
  close(): void;
  /**
   * Called when the backend lost its contents under us (the database was deleted and created
   * again by someone else): what we wrote before is gone, a full snapshot is needed.
   */
  onLost: (() => void) | null;
  /**
   * The identity (Meta.dbId) of the database this store must find, for a store made after the
   * first open (another IO worker, a fallback): finding another one, or none, is reported through
   * onLost as for a store that saw it go. Optional: a store that cannot lose its data ignores it.
   */
  expect?(dbId: string): void;
}

const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/** The records with their data decoded (a record's data is one string wherever it is stored). */
export function decodeRecords(records: BytesRecord[]): LogRecord[] {
  return records.map((r) => {
    const data = decoder.decode(r.bytes);
    // Not what was written (a store never keeps a record that would not load as it was).
    if (data.length !== r.chars) throw new Error(`log record ${r.seq} decoded to ${data.length} chars instead of ${r.chars}`);
    return { seq: r.seq, count: r.count, data };
  });
}

/** A database written by a newer version of localredis. */
export class FormatError extends Error {
  constructor(
    readonly found: number,
    name: string,
  ) {
    super(
      `localredis: the database "${name}" was written by a newer version (format ${found}, this version reads up to ${FORMAT_VERSION}); it is left untouched`,
    );
    this.name = 'FormatError';
  }
}

/** A new meta: no snapshot yet. */
export function freshMeta(random: () => number = Math.random): Meta {
  let id = '';
  for (let i = 0; i < 16; i++) id += Math.floor(random() * 16).toString(16);
  return { format: FORMAT_VERSION, dbId: id, snapshotId: 0, snapshotSeq: 0, snapshotChunks: 0, snapshotKeys: 0, snapshotBytes: 0, savedAt: 0 };
}

/** "Name: message" of whatever a backend threw (a DOMException's name is its kind: QuotaExceededError, ...). */
export function describeError(e: unknown): string {
  if (e instanceof Error || (typeof e === 'object' && e !== null && 'message' in e)) {
    const err = e as { name?: string; message?: string };
    const name = err.name && err.name !== 'Error' ? err.name : '';
    const message = err.message ?? '';
    return name && message ? `${name}: ${message}` : name || message || 'unknown error';
  }
  return String(e);
}
