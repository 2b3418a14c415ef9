// The replies of a packed batch (rpc/pack.ts's format), read one at a time: the one part of the
// format the client needs (the packers are the host's), kept apart so that the client's bundle
// does not carry the rest.
import type { WireReply } from './messages.js';

/**
 * A copy of s[from, to) that does not keep `s` alive. V8 makes a substring of 13 chars or more a
 * view of its parent: a value the engine (or the page) keeps would pin the whole batch it came in.
 * Joining its first char and the rest writes one flat string (V8 and Chromium 156): one object
 * kept per value, where slicing a concatenation (`(' ' + sub).slice(1)`) flattened a copy and kept
 * a view of it too (two objects, 4 allocated), and took ~25% longer for a 100-byte value.
 */
export function copy(s: string, from: number, to: number): string {
  return to - from < 13 ? s.slice(from, to) : [s.slice(from, from + 1), s.slice(from + 1, to)].join('');
}

/**
 * Reads the replies of a packed batch one at a time (`one()`), or only what the caller expects at
 * `p` (the client decodes a bulk string or an integer in place, without a WireReply).
 */
export class ReplyReader {
  p = 0;
  constructor(readonly s: string) {}

  /** The number that ends at char code `end` (`:` or `,`). */
  num(end: number): number {
    const s = this.s;
    let p = this.p;
    let n = 0;
    let c = s.charCodeAt(p++);
    const neg = c === 45;
    if (neg) c = s.charCodeAt(p++);
    while (c !== end) {
      n = n * 10 + c - 48;
      c = s.charCodeAt(p++);
    }
    this.p = p;
    return neg ? -n : n;
  }

  /** `<len>:<bytes>`, copied out of the batch. */
  text(): string {
    const len = this.num(58);
    const p = this.p;
    this.p = p + len;
    return copy(this.s, p, p + len);
  }

  /** The text up to the next `end`, which is skipped. */
  upTo(end: string): string {
    const at = this.s.indexOf(end, this.p);
    const t = this.s.slice(this.p, at);
    this.p = at + 1;
    return t;
  }

  /** An integer reply after its `:` (Number() rounds one past 2^53 correctly; a digit loop would not). */
  integer(): number {
    return Number(this.upTo(','));
  }

  private items(n: number): WireReply[] {
    const a = new Array<WireReply>(n);
    for (let i = 0; i < n; i++) a[i] = this.one();
    return a;
  }

  /** The next reply. */
  one(): WireReply {
    switch (this.s.charCodeAt(this.p++)) {
      case 36: // $
        return this.text();
      case 95: // _
        return null;
      case 58: // :
        return this.integer();
      case 40: // (
        return BigInt(this.upTo(','));
      case 42: // *
        return this.items(this.num(44));
      case 45: // -
        return { err: this.text() };
      case 43: // +
        return { status: this.text() };
      case 44: // ,
        return { double: Number(this.upTo(',')) };
      case 37: {
        // %
        const n = this.num(44);
        const map = new Array<[WireReply, WireReply]>(n);
        for (let i = 0; i < n; i++) map[i] = [this.one(), this.one()];
        return { map };
      }
      case 126: // ~
        return { set: this.items(this.num(44)) };
      case 35: // #
        return { bool: this.s.charCodeAt(this.p++) === 116 };
      case 61: {
        // =
        const len = this.num(58);
        const format = this.upTo(':');
        const verbatim = copy(this.s, this.p, this.p + len);
        this.p += len;
        return { verbatim, format };
      }
      case 62: // >
        return { push: this.items(this.num(44)) };
      default:
        throw new Error(`bad packed reply at ${this.p - 1}`);
    }
  }
}

/** The replies of a packed batch. */
export function unpackReplies(s: string): WireReply[] {
  const r = new ReplyReader(s);
  const out: WireReply[] = [];
  while (r.p < s.length) out.push(r.one());
  return out;
}
