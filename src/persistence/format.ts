// How snapshot records and effects are packed into the strings the store keeps. One string per
// chunk or log record: IndexedDB (structured clone) and postMessage copy one flat one-byte string
// far faster than an array of small values. Every key, value and argument is a byte string (one
// char per byte), so they are concatenated as they are. In snapshot chunks (and format 1 and 2's
// log records) lengths and numbers are varints, 7 bits per char, high bit set on all but the last
// char; format 3's log records pack effects as the client packs commands (rpc/pack.ts), so that
// a command's bytes as it came can be copied into the log (RecordBytes).
import { PackReader, varint } from '../core/codec.js';
import type { Effect, RType, SnapshotRecord } from '../core/index.js';

const encoder = new TextEncoder();
/** What add() reads when no batch is given (nothing is copied then). */
const NO_BATCH: VerbatimBatch = { bytes: new Uint8Array(0), starts: [], argvs: [], commands: [] };
const TYPES: RType[] = ['string', 'list', 'set', 'zset', 'hash', 'stream'];
const TYPE_CODE: Record<RType, number> = { string: 0, list: 1, set: 2, zset: 3, hash: 4, stream: 5 };
/** Expiry kinds in a record's header char: none, a varint of ms, decimal text (negative or past 2^53). */
const EXPIRE_NONE = 0;
const EXPIRE_VARINT = 1;
const EXPIRE_TEXT = 2;

/** Packs snapshot records into one chunk string. */
export function packRecords(records: SnapshotRecord[]): string {
  let s = '';
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    const e = r.expire;
    const kind = e === -1 ? EXPIRE_NONE : typeof e === 'number' && e >= 0 && Number.isSafeInteger(e) ? EXPIRE_VARINT : EXPIRE_TEXT;
    s += String.fromCharCode(TYPE_CODE[r.type] | (kind << 3)) + varint(r.db) + varint(r.key.length) + r.key + varint(r.value.length) + r.value;
    if (kind === EXPIRE_VARINT) s += varint(e as number);
    else if (kind === EXPIRE_TEXT) {
      const t = String(e);
      s += varint(t.length) + t;
    }
  }
  return s;
}

/** The records of a chunk. */
export function unpackRecords(chunk: string): SnapshotRecord[] {
  const r = new PackReader(chunk, 'persisted data');
  const out: SnapshotRecord[] = [];
  while (r.pos < chunk.length) {
    const head = chunk.charCodeAt(r.pos++);
    const type = TYPES[head & 7];
    if (type === undefined) throw new Error(`persisted data holds an unknown type code ${head & 7}`);
    const kind = head >> 3;
    const db = r.uint();
    const key = r.string();
    const value = r.string();
    let expire: number | bigint = -1;
    if (kind === EXPIRE_VARINT) expire = r.uint();
    else if (kind === EXPIRE_TEXT) {
      const t = r.string();
      const n = Number(t);
      expire = Number.isSafeInteger(n) ? n : BigInt(t);
    }
    out.push({ db, key, type, value, expire });
  }
  return out;
}

/**
 * The effects of a log record's data, written by a database of `format` (store.ts FORMAT_VERSION:
 * 1 and 2 varints, 3 on RecordBytes's).
 */
export function unpackEffects(data: string, format: number): Effect[] {
  return format >= 3 ? unpackCommandEffects(data) : unpackVarintEffects(data);
}

/**
 * Format 1 and 2: per effect varint(db), varint(argc), then varint(length) and the bytes of each
 * argument (core/codec.ts varint: chars, not bytes).
 */
function unpackVarintEffects(data: string): Effect[] {
  const r = new PackReader(data, 'persisted data');
  const out: Effect[] = [];
  while (r.pos < data.length) {
    const db = r.uint();
    const argc = r.uint();
    const argv = new Array<string>(argc);
    for (let j = 0; j < argc; j++) argv[j] = r.string();
    out.push({ db, argv });
  }
  return out;
}

/**
 * Format 3 (RecordBytes): `@<db>:` sets the db of the effects after it (0 at the start), each effect
 * `<argc>:` then `<length>:<bytes>` per argument. rpc/pack.ts unpackCommands reads the same syntax
 * from the client, trusting it; this reads what a store gave back, checking every number and length
 * (and persistence may not import rpc).
 */
function unpackCommandEffects(data: string): Effect[] {
  const out: Effect[] = [];
  const n = data.length;
  let p = 0;
  let db = 0;
  const decimal = (): number => {
    let v = 0;
    let digits = 0;
    for (;;) {
      const c = data.charCodeAt(p++);
      if (c === 58 && digits !== 0) return v;
      if (!(c >= 48 && c <= 57) || digits === 16) throw new Error(Number.isNaN(c) ? 'persisted data is truncated' : `persisted data holds a bad number at ${p - 1}`);
      v = v * 10 + c - 48;
      digits++;
    }
  };
  while (p < n) {
    if (data.charCodeAt(p) === 64) {
      p++;
      db = decimal();
      continue;
    }
    const argc = decimal();
    const argv = new Array<string>(argc);
    for (let j = 0; j < argc; j++) {
      const len = decimal();
      if (p + len > n) throw new Error('persisted data is truncated');
      // A slice, as PackReader's: a kept value pins the record's string (a copy measured 3x slower to load).
      argv[j] = data.slice(p, p + len);
      p += len;
    }
    out.push({ db, argv });
  }
  return out;
}

/**
 * A batch's commands as they came (worker/host.ts: packed by rpc/pack.ts, ASCII, as the client sent
 * them) and which of them left an effect that is the command verbatim: RecordBytes copies their
 * bytes instead of packing the effect. Command `commands[k]` is `argvs[c]` (the engine's effect for
 * it has that very argv, never changed in place), its bytes `starts[c]` .. `starts[c + 1]`.
 */
export interface VerbatimBatch {
  bytes: Uint8Array;
  starts: number[];
  argvs: string[][];
  commands: number[];
}

/**
 * Whether copying the verbatim effects pays: each run of them between packed effects costs an
 * encodeInto of the text before it and a copy (~1 µs in a Chromium worker), each effect copied
 * saves ~0.4 µs of encoding. Effects interleaved one by one (SET, SET EX, SET, ...) are all packed.
 */
function worthCopying(effects: Effect[], { argvs, commands }: VerbatimBatch): boolean {
  let v = 0;
  let runs = 0;
  let inRun = false;
  for (let i = 0; i < effects.length && v < commands.length; i++) {
    const copied = effects[i].argv === argvs[commands[v]];
    if (copied) {
      v++;
      if (!inRun) runs++;
    }
    inRun = copied;
  }
  return v >= 4 * runs;
}

/**
 * A log record's data as UTF-8 bytes: the bytes of the string unpackEffects reads in format 3
 * (each char, a byte 0-255, as one byte below 128 and two from 128 on). Each effect is written as
 * rpc/pack.ts packs a command, preceded by `@<db>:` when its db is not the previous effect's, so
 * that an effect that is its command verbatim is a copy of the bytes the command came in
 * (VerbatimBatch): encoding strings is what cost the engine's thread most in the log (Chromium's
 * TextEncoder ran at ~3.3 ns a byte in a worker on this VM, ~0.42 µs per SET of a 100-byte
 * value; .dbg/chr-batchenc.mts, 2026-11-27). Other effects are appended to a string (V8 links
 * the pieces) encoded into the buffer before the next copy or at the commit.
 * `chars` is the length of that string (what the store keeps; INFO's sizes and rewrites go by it).
 */
export class RecordBytes {
  /** Bytes written into `buffer`. */
  private length = 0;
  /** Chars of the record's string written into `buffer`. */
  private written = 0;
  /** Effects packed as a string, not yet in `buffer`. */
  private text = '';
  /** The db of the last effect packed. */
  private db = 0;

  constructor(public buffer: Uint8Array) {}

  /** Chars of the record's string so far. */
  get chars(): number {
    return this.written + this.text.length;
  }

  /** The bytes of the effects added so far (a view, valid until the next add). */
  get bytes(): Uint8Array {
    this.flushText();
    return this.buffer.subarray(0, this.length);
  }

  add(effects: Effect[], verbatim?: VerbatimBatch): void {
    let s = this.text;
    const copying = verbatim !== undefined && worthCopying(effects, verbatim);
    const { bytes, starts, argvs, commands } = verbatim ?? NO_BATCH;
    let v = 0;
    // The request's bytes still to copy, `from` .. `to`: consecutive commands are one copy. Copied
    // before add() returns: the host writes the batch's replies over them next.
    let from = 0;
    let to = 0;
    for (let i = 0; i < effects.length; i++) {
      const { db, argv } = effects[i];
      if (db !== this.db) {
        s += '@' + db + ':';
        this.db = db;
      }
      if (copying && v < commands.length && argv === argvs[commands[v]]) {
        const c = commands[v++];
        if (s.length !== 0) {
          this.copy(bytes, from, to);
          from = to;
          this.text = s;
          s = '';
          this.flushText();
        }
        if (from === to || to !== starts[c]) {
          this.copy(bytes, from, to);
          from = starts[c];
        }
        to = starts[c + 1];
        continue;
      }
      if (from !== to) {
        this.copy(bytes, from, to);
        from = to;
      }
      s += argv.length + ':';
      for (let j = 0; j < argv.length; j++) {
        const a = argv[j];
        s += a.length + ':' + a;
      }
    }
    this.copy(bytes, from, to);
    this.text = s;
  }

  /** Writes `src[from, to)` (ASCII: a char a byte) after what `buffer` holds. */
  private copy(src: Uint8Array, from: number, to: number): void {
    const n = to - from;
    if (n === 0) return;
    this.reserve(n);
    this.buffer.set(src.subarray(from, to), this.length);
    this.length += n;
    this.written += n;
  }

  /** Room for `n` more bytes in `buffer`. */
  private reserve(n: number): void {
    if (this.length + n <= this.buffer.length) return;
    const grown = new Uint8Array(Math.max(this.buffer.length * 2, this.length + n));
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
  }

  private flushText(): void {
    let text = this.text;
    if (text.length === 0) return;
    this.text = '';
    for (;;) {
      const r = encoder.encodeInto(text, this.buffer.subarray(this.length));
      this.length += r.written;
      this.written += r.read;
      if (r.read === text.length) return;
      // Room for the rest at 2 bytes a char, a byte string's most (one past 0x7ff, which the core
      // never has, takes 3: the loop grows again).
      text = text.slice(r.read);
      this.reserve(2 * text.length + 4);
    }
  }
}
