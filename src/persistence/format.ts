// How snapshot records and effects are packed into the strings the store keeps. One string per
// chunk or log record: IndexedDB (structured clone) and postMessage copy one flat one-byte string
// far faster than an array of small values. Every key, value and argument is a byte string (one
// char per byte), so they are concatenated as they are; lengths and numbers are varints, 7 bits
// per char, high bit set on all but the last char.
import { PackReader, varint } from '../core/codec.js';
import type { Effect, RType, SnapshotRecord } from '../core/index.js';

const encoder = new TextEncoder();
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
 * The effects of a log record, whose data is, per effect: varint(db), varint(argc), then
 * varint(length) and the bytes of each argument (core/codec.ts varint: chars, not bytes).
 */
export function unpackEffects(data: string): Effect[] {
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
 * A log record's data as UTF-8 bytes: the bytes of the string unpackEffects reads (each char, a
 * byte 0-255, as one byte below 128 and two from 128 on). Effects are appended to that string as
 * they come (concatenations: V8 links the longer pieces instead of copying them), and it is
 * encoded into the group's buffer, outside the JS heap, once, when its bytes are asked for (its
 * commit). Measured per SET of a 100-byte value: in a Chromium worker 0.3-0.6 µs this way, 0.6-1.7
 * µs writing each char into the buffer from JS as effects came (a charCodeAt loop ran at 4-11 ns a
 * char there); in Node the log's cost to the engine 0.48-0.79 µs against 0.71-0.89 (.dbg
 * harnesses, 2026-11-27). In the bench's sustained storm the engine's CPU per SET did not change
 * measurably (3.46-3.66 µs against 3.53-3.58, two paired runs).
 * `chars` is the length of that string (what the store keeps; INFO's sizes and rewrites go by it).
 */
export class RecordBytes {
  /** The record's string so far. */
  private text = '';
  /** Bytes of `text` written into `buffer` (valid while `encoded` is `text`'s length). */
  private length = 0;
  private encoded = -1;

  constructor(public buffer: Uint8Array) {}

  /** Chars of the record's string so far. */
  get chars(): number {
    return this.text.length;
  }

  /** The bytes of the effects added so far (a view, valid until the next add). */
  get bytes(): Uint8Array {
    const text = this.text;
    if (this.encoded !== text.length) {
      let r = encoder.encodeInto(text, this.buffer);
      while (r.read < text.length) {
        // Room for the rest at 2 bytes a char, a byte string's most (one past 0x7ff, which the core
        // never has, takes 3: the loop grows again).
        this.buffer = new Uint8Array(Math.max(this.buffer.length * 2, r.written + 2 * (text.length - r.read) + 4));
        r = encoder.encodeInto(text, this.buffer);
      }
      this.length = r.written;
      this.encoded = text.length;
    }
    return this.buffer.subarray(0, this.length);
  }

  add(effects: Effect[]): void {
    let s = this.text;
    for (let i = 0; i < effects.length; i++) {
      const { db, argv } = effects[i];
      s += varint(db) + varint(argv.length);
      for (let j = 0; j < argv.length; j++) {
        const a = argv[j];
        s += varint(a.length) + a;
      }
    }
    this.text = s;
  }
}
