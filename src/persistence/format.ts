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
 * A log record's data as UTF-8 bytes, effects appended as they come: the bytes of the string
 * unpackEffects reads (each char, a byte 0-255, as one byte below 128 and two from 128 on; the
 * varints' chars as codec.ts varint writes them), written by this
 * loop straight into a buffer outside the JS heap, where they wait for their commit. Packing a
 * string and encoding it (TextEncoder.encodeInto, when posted to the IO worker) cost the engine's
 * thread in Chromium 10-36% more CPU per SET in shared mode (encodeInto copies the string into a
 * Blink string first; measured: in 5 of 5 paired rounds), and the strings waiting for their commit
 * (up to a second with everysec) were traced and copied by its GC. `chars` is the length of the
 * string the bytes decode to (what the store keeps).
 */
export class RecordBytes {
  /** Bytes used of `buffer`. */
  length = 0;
  /** Chars of the record's string so far. */
  chars = 0;

  constructor(public buffer: Uint8Array) {}

  /** The bytes written so far (a view, valid until the next add). */
  get bytes(): Uint8Array {
    return this.buffer.subarray(0, this.length);
  }

  add(effects: Effect[]): void {
    for (let i = 0; i < effects.length; i++) {
      const { db, argv } = effects[i];
      // At most 3 bytes per char (past 0x7ff, which a byte string never holds), 10 per varint.
      let need = 20;
      for (let j = 0; j < argv.length; j++) need += 10 + 3 * argv[j].length;
      if (this.length + need > this.buffer.length) this.grow(need);
      const b = this.buffer;
      let p = writeVarint(b, this.length, db);
      p = writeVarint(b, p, argv.length);
      let chars = this.chars + varintChars(db) + varintChars(argv.length);
      for (let j = 0; j < argv.length; j++) {
        const s = argv[j];
        const n = s.length;
        p = writeVarint(b, p, n);
        chars += varintChars(n) + n;
        for (let k = 0; k < n; k++) {
          const c = s.charCodeAt(k);
          if (c < 0x80) b[p++] = c;
          else if (c < 0x800) {
            b[p++] = 0xc0 | (c >> 6);
            b[p++] = 0x80 | (c & 0x3f);
          } else {
            // Not a byte string (never in the core): the rest as TextEncoder writes it.
            p += encoder.encodeInto(s.slice(k), b.subarray(p)).written;
            break;
          }
        }
      }
      this.length = p;
      this.chars = chars;
    }
  }

  private grow(need: number): void {
    let size = Math.max(this.buffer.length * 2, 1 << 12);
    while (size < this.length + need) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buffer.subarray(0, this.length));
    this.buffer = next;
  }
}

/** Chars of a varint. */
function varintChars(n: number): number {
  let c = 1;
  while (n >= 0x80) {
    n = Math.floor(n / 0x80);
    c++;
  }
  return c;
}

/** A varint's chars as UTF-8: a char below 0x80 as itself, one with the high bit set as two bytes. */
function writeVarint(b: Uint8Array, p: number, n: number): number {
  while (n >= 0x80) {
    const c = (n % 0x80) | 0x80;
    b[p++] = 0xc0 | (c >> 6);
    b[p++] = 0x80 | (c & 0x3f);
    n = Math.floor(n / 0x80);
  }
  b[p++] = n;
  return p;
}
