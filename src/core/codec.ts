// How a value of each type is written into a snapshot and read back (Redis's rdbSaveObject /
// rdbLoadObject). A codec turns a value into a byte string (one char per byte, like every value in
// the core) and back. Strings are registered here; each collection group registers its own codec
// from its command file, as it registers its duplicator for COPY (registerDuplicator in keys.ts).
// The packing helpers below give collection codecs a compact, fast format: varint lengths
// followed by the bytes.
import { RObj, stringEncoding, type RType } from './keyspace.js';
import type { Engine } from './engine.js';

export interface ValueCodec {
  /**
   * The value as a byte string. Called before a key changes while a snapshot runs (copy-on-write),
   * so the result must not share mutable state with the value.
   */
  encode(o: RObj): string;
  /**
   * The object back from what encode gave, with the encoding Redis gives it when it loads one
   * (rdbLoadObject converts by size and by the engine's thresholds, e.g. hash-max-listpack-entries).
   */
  decode(data: string, engine: Engine): RObj;
}

// A string is its own encoding; loading applies tryObjectEncoding (int, embstr, raw) as rdbLoad does.
const stringCodec: ValueCodec = {
  encode: (o) => o.value as string,
  decode: (data) => new RObj('string', data, stringEncoding(data, true), 0),
};

const codecs: Partial<Record<RType, ValueCodec>> = { string: stringCodec };

/** Registers how values of a type are saved and loaded. Collection groups call it once. */
export function registerCodec(type: RType, codec: ValueCodec): void {
  codecs[type] = codec;
}

/** The codec of a type; a type nobody registered cannot be saved, and says so. */
export function codecOf(type: RType): ValueCodec {
  const c = codecs[type];
  if (c === undefined) throw new Error(`no snapshot codec registered for type ${type}`);
  return c;
}

// ---- Packing helpers -------------------------------------------------------------------------

/** A non-negative integer as a varint: 7 bits per char, the high bit set on all but the last. */
export function varint(n: number): string {
  if (n < 0x80) return String.fromCharCode(n);
  let s = '';
  while (n >= 0x80) {
    s += String.fromCharCode((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  return s + String.fromCharCode(n);
}

/** Appends a non-negative integer as a varint. */
export function packUint(out: string[], n: number): void {
  out.push(varint(n));
}

/** Appends a byte string with its length in front. */
export function packString(out: string[], s: string): void {
  packUint(out, s.length);
  out.push(s);
}

/** Reads what packUint and packString (or varint) wrote, in order; `what` names the data in errors. */
export class PackReader {
  pos = 0;

  constructor(
    readonly s: string,
    private readonly what = 'snapshot data',
  ) {}

  get done(): boolean {
    return this.pos >= this.s.length;
  }

  uint(): number {
    const s = this.s;
    let c = s.charCodeAt(this.pos++);
    if (c < 0x80) return c;
    let n = c & 0x7f;
    let mul = 0x80;
    for (;;) {
      c = s.charCodeAt(this.pos++);
      if (Number.isNaN(c)) throw new Error(`${this.what} is truncated`);
      n += (c & 0x7f) * mul;
      if (c < 0x80) return n;
      mul *= 0x80;
    }
  }

  string(): string {
    const len = this.uint();
    const start = this.pos;
    const end = start + len;
    if (end > this.s.length) throw new Error(`${this.what} is truncated`);
    this.pos = end;
    return this.s.slice(start, end);
  }
}

/** Packs a sequence of byte strings: their count, then each with its length. */
export function packStrings(items: Iterable<string>, count: number): string {
  const out: string[] = [];
  packUint(out, count);
  for (const s of items) packString(out, s);
  return out.join('');
}

/** The strings packStrings wrote. */
export function unpackStrings(data: string): string[] {
  const r = new PackReader(data);
  const n = r.uint();
  const items = new Array<string>(n);
  for (let i = 0; i < n; i++) items[i] = r.string();
  return items;
}
