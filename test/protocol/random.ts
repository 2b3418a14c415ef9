// Seeded random values for the protocol property tests: byte strings, Reply values of every RESP3
// type, argv arrays, and random splits of a byte stream. Failures print the seed to replay.
import {
  BoolReply,
  DoubleReply,
  ErrorReply,
  MapReply,
  NULL_ARRAY,
  PushReply,
  SetReply,
  SimpleString,
  VerbatimReply,
  type Reply,
} from '../../src/core/reply.js';
import { formatDouble17g } from '../../src/core/bytes.js';
import { mulberry32 } from '../prng.js';

export class Gen {
  readonly next: () => number;
  constructor(readonly seed: number) {
    this.next = mulberry32(seed);
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }

  /** A byte string; bytes that matter to RESP (CR, LF, NUL, 0xff, '$', '*') come often. */
  bytes(maxLen: number): string {
    const len = this.int(maxLen + 1);
    let s = '';
    for (let i = 0; i < len; i++) {
      const r = this.next();
      s += String.fromCharCode(r < 0.3 ? this.pick([13, 10, 0, 255, 36, 42, 32, 34, 39, 92]) : this.int(256));
    }
    return s;
  }

  /** Bytes without CR or LF (simple strings and errors cannot hold them). */
  line(maxLen: number): string {
    return this.bytes(maxLen).replace(/[\r\n]/g, 'x');
  }

  /** A byte string that is sometimes long: past the parser's 32 KiB streaming threshold or 64 KiB parts. */
  value(): string {
    const r = this.next();
    if (r < 0.02) return 'v'.repeat(64 * 1024 + this.int(300 * 1024)) + this.bytes(8);
    if (r < 0.05) return this.bytes(40_000);
    return this.bytes(r < 0.5 ? 12 : 100);
  }

  integer(): number | bigint {
    const r = this.next();
    if (r < 0.1) return this.pick([0, -1, 1, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER]);
    if (r < 0.2) {
      // Past 2^53, within int64: the model's bigint range.
      const big = BigInt(Number.MAX_SAFE_INTEGER) + 1n + BigInt(this.int(2 ** 30)) * BigInt(this.int(2 ** 30) + 1);
      return this.next() < 0.5 ? big : -big;
    }
    return Math.floor((this.next() - 0.5) * 2 ** (1 + this.int(52)));
  }

  double(): number {
    const r = this.next();
    if (r < 0.15) return this.pick([Infinity, -Infinity, NaN, 0, -0, 5e-324, 1.7976931348623157e308, 0.1, 1 / 3]);
    if (r < 0.4) return this.int(100000) - 50000;
    return (this.next() - 0.5) * 10 ** (this.int(40) - 20);
  }

  /** A RESP3 reply of any type, nested up to `depth`. NULL_ARRAY is RESP2-only (RESP3 sends `_`). */
  reply(depth: number, resp: 2 | 3 = 3): Reply {
    const leaf = depth <= 0 || this.next() < 0.55;
    if (leaf) {
      switch (this.int(10)) {
        case 0:
          return new SimpleString(this.line(20));
        case 1:
          return new ErrorReply('ERR ' + this.line(30));
        case 2:
          return this.integer();
        case 3:
          return resp === 2 && this.next() < 0.5 ? NULL_ARRAY : null;
        case 4:
          return new DoubleReply(this.double());
        case 5:
          return new BoolReply(this.next() < 0.5);
        case 6:
          return new VerbatimReply(this.pick(['txt', 'mkd']), this.value());
        default:
          return this.value();
      }
    }
    const n = this.int(6);
    const items = (): Reply[] => Array.from({ length: n }, () => this.reply(depth - 1, resp));
    switch (this.int(4)) {
      case 0:
        return new MapReply(Array.from({ length: n }, () => [this.reply(depth - 1, resp), this.reply(depth - 1, resp)] as [Reply, Reply]));
      case 1:
        return new SetReply(items());
      case 2:
        return new PushReply(items());
      default:
        return items();
    }
  }

  argv(): string[] {
    return Array.from({ length: 1 + this.int(6) }, () => this.value());
  }

  /** The stream cut at random places: sometimes byte by byte, sometimes in a few big pieces. */
  split(data: Uint8Array): Uint8Array[] {
    const out: Uint8Array[] = [];
    const mode = this.int(3);
    let i = 0;
    while (i < data.length) {
      const n = mode === 0 ? 1 + this.int(3) : mode === 1 ? 1 + this.int(64) : 1 + this.int(70_000);
      out.push(data.subarray(i, Math.min(data.length, i + n)));
      i += n;
    }
    return out;
  }
}

/** What a RESP2 client reads for a reply the server sends in RESP2. */
export function downgrade(r: Reply): Reply {
  if (Array.isArray(r)) return r.map(downgrade);
  if (r instanceof MapReply) return r.entries.flatMap(([k, v]) => [downgrade(k), downgrade(v)]);
  if (r instanceof SetReply || r instanceof PushReply) return r.items.map(downgrade);
  if (r instanceof BoolReply) return r.value ? 1 : 0;
  if (r instanceof DoubleReply) return formatDouble17g(r.value);
  if (r instanceof VerbatimReply) return r.text;
  return r;
}

/** A byte string as a Node Buffer (what a socket delivers), or as a plain Uint8Array. */
export function bytesOf(s: string, plain = false): Uint8Array {
  const b = Buffer.from(s, 'latin1');
  return plain ? new Uint8Array(b) : b;
}
