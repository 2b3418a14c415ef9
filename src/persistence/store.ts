// The storage layout and the Store interface every backend implements (IndexedDB, memory).
//
// A database holds three things:
//   meta    one record: the format version, the database's identity, the current snapshot (its
//           id, chunk count, keys, bytes, time) and the log sequence it covers;
//   chunks  snapshot chunks keyed [snapshotId, index], each a packed string of records;
//   log     append-log records keyed by sequence number, each the packed effects of whole batches
//           (StoredRecord: their UTF-8 bytes from format 2 on, a string in format 1; a record
//           says how its effects are packed, format.ts); a group commit writes one or more of
//           them in one transaction.
// Recovery loads the chunks of meta's snapshot, then the log records after its sequence while
// they are consecutive. Every method is one transaction: all of it happens or none of it.

/**
 * The format this code writes. A database stamped with a larger one is refused, untouched; one of
 * format 1 (log records as strings) or 2 (log records as the bytes of varint-packed effects), which
 * this version still reads, is stamped 3 when opened, before anything is written: their code could
 * not read the records written from then on (effects packed as commands, format.ts RecordBytes).
 */
export const FORMAT_VERSION = 3;

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

/** One log record as read: the effects of whole batches (about RECORD_BYTES of them, see persistence.ts), packed (format.ts unpackEffects). */
export interface LogRecord {
  seq: number;
  /** Effects in this record (progress while loading). */
  count: number;
  data: string;
  /** How `data` packs its effects (format.ts unpackEffects): the database format that wrote it. */
  format: number;
}

/**
 * A log record to append, its data given as UTF-8 bytes (format.ts RecordBytes: each char, a
 * byte 0-255, as one byte below 128 and two from 128 on): the engine's thread writes them once,
 * outside the JS heap, and a store in another thread (remote-store.ts) gets them as they are.
 * A store keeps a copy of them (StoredRecord); `bytes` may be reused once append() has settled.
 */
export interface BytesRecord {
  seq: number;
  count: number;
  /** Chars of the decoded data (checked by the store that keeps them, checkRecord, and when loaded). */
  chars: number;
  bytes: Uint8Array;
  /** How the data packs its effects: the FORMAT_VERSION that wrote it (format.ts unpackEffects), kept with it. */
  format: number;
}

/**
 * A log record as a store keeps it: from format 2 on its data's UTF-8 bytes as append() got them
 * (`chars` chars once decoded); in format 1 the decoded string. Bytes cost the IO worker less
 * than a string: no decoding, and IndexedDB's structured clone of a 1 MB Uint8Array (over a
 * reused buffer) cost less than that of the string (measured in Chromium 156, .dbg/i4/rec.mts).
 */
export type StoredRecord = { seq: number; count: number; chars: number; bytes: Uint8Array; format?: number } | { seq: number; count: number; data: string };

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
  /**
   * Appends records (consecutive sequences), all in one transaction; each is stored as its bytes
   * (StoredRecord), after checking that they decode to `chars` chars (checkRecord).
   */
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

/** A stored record (either format) as read: its bytes decoded, and checked as checkRecord does. */
export function loadRecord(r: StoredRecord): LogRecord {
  if ('data' in r) return { seq: r.seq, count: r.count, data: r.data, format: 1 };
  // IdbStore puts them from a resizable buffer, which they keep; Chromium's TextDecoder refuses one.
  const bytes = (r.bytes.buffer as { resizable?: boolean }).resizable === true ? r.bytes.slice() : r.bytes;
  const data = decoder.decode(bytes);
  if (data.length !== r.chars) throw charsError(r.seq, data.length, r.chars);
  return { seq: r.seq, count: r.count, data, format: r.format ?? 2 };
}

/**
 * Throws unless the record's bytes decode to `chars` chars: a store never keeps a record that
 * would not load as it was. Counted without decoding (what the IO worker saves): each byte that
 * starts a char (not 10xxxxxx) is one UTF-16 char, two for a 4-byte sequence (a surrogate pair);
 * four ASCII bytes at a time where `bytes` is 4-byte aligned.
 */
export function checkRecord(r: BytesRecord): void {
  const b = r.bytes;
  let n = 0;
  let i = 0;
  if (b.byteOffset % 4 === 0) {
    const words = new Uint32Array(b.buffer, b.byteOffset, b.length >> 2);
    for (let w = 0; w < words.length; w++) {
      if ((words[w] & 0x80808080) === 0) n += 4;
      else n += charStarts(b, w << 2, (w << 2) + 4);
    }
    i = words.length << 2;
  }
  n += charStarts(b, i, b.length);
  if (n !== r.chars) throw charsError(r.seq, n, r.chars);
}

/** UTF-16 chars of the UTF-8 bytes from .. to. */
function charStarts(b: Uint8Array, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = b[i];
    if ((c & 0xc0) !== 0x80) n += c >= 0xf0 ? 2 : 1;
  }
  return n;
}

function charsError(seq: number, found: number, chars: number): Error {
  return new Error(`log record ${seq} decoded to ${found} chars instead of ${chars}`);
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
