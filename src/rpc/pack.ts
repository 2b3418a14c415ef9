// A batch of commands, or of replies, packed into one string for postMessage: structured clone
// copies one flat string far faster than thousands of small arrays and strings (DESIGN.md: about
// 3x for a batch of 1,000 commands in Chromium). Strings inside are byte strings (one char per
// byte), length-prefixed, so the data needs no escaping.
//
// Commands: `<argc>:` then each argument as `<length>:<bytes>`.
// Replies, one per command, typed by their first char:
//   `$<len>:<bytes>` bulk    `_` nil          `:<int>,` integer    `(<digits>,` big number
//   `+<len>:<text>` status   `-<len>:<text>` error                 `,<repr>,` double
//   `*<n>,` array, `%<n>,` map (n pairs), `~<n>,` set, `><n>,` push, then their items
//   `#t` / `#f` boolean      `=<len>:<fmt>:<text>` verbatim (len counts the text only)
import type { WireReply } from './messages.js';

/**
 * A copy of s[from, to) that does not keep `s` alive. V8 makes a substring of 13 chars or more a
 * view of its parent: a value the engine (or the page) keeps would pin the whole batch it came in.
 * Concatenating first gives the view a fresh parent of its own.
 */
function copy(s: string, from: number, to: number): string {
  return to - from < 13 ? s.slice(from, to) : (' ' + s.slice(from, to)).slice(1);
}

/** Packs commands whose arguments are all byte strings. */
export function packCommands(argvs: string[][]): string {
  let s = '';
  for (let i = 0; i < argvs.length; i++) {
    const argv = argvs[i];
    s += argv.length + ':';
    for (let j = 0; j < argv.length; j++) s += argv[j].length + ':' + argv[j];
  }
  return s;
}

/** The commands of a packed batch, each an argv of byte strings. */
export function unpackCommands(s: string): string[][] {
  const out: string[][] = [];
  let p = 0;
  while (p < s.length) {
    let n = 0;
    let c: number;
    while ((c = s.charCodeAt(p++)) !== 58) n = n * 10 + c - 48;
    const argv = new Array<string>(n);
    for (let i = 0; i < n; i++) {
      let len = 0;
      while ((c = s.charCodeAt(p++)) !== 58) len = len * 10 + c - 48;
      argv[i] = copy(s, p, p + len);
      p += len;
    }
    out.push(argv);
  }
  return out;
}

/** One reply, packed. */
export function packReply(r: WireReply): string {
  if (typeof r === 'string') return '$' + r.length + ':' + r;
  if (typeof r === 'number') return ':' + r + ',';
  if (r === null) return '_';
  if (typeof r === 'bigint') return '(' + r + ',';
  if (Array.isArray(r)) return items('*' + r.length + ',', r);
  if ('err' in r) return '-' + r.err.length + ':' + r.err;
  if ('status' in r) return '+' + r.status.length + ':' + r.status;
  if ('double' in r) return ',' + (Object.is(r.double, -0) ? '-0' : r.double) + ',';
  if ('map' in r) {
    let s = '%' + r.map.length + ',';
    for (const [k, v] of r.map) s += packReply(k) + packReply(v);
    return s;
  }
  if ('set' in r) return items('~' + r.set.length + ',', r.set);
  if ('bool' in r) return r.bool ? '#t' : '#f';
  if ('verbatim' in r) return '=' + r.verbatim.length + ':' + r.format + ':' + r.verbatim;
  return items('>' + r.push.length + ',', r.push);
}

function items(head: string, a: WireReply[]): string {
  let s = head;
  for (let i = 0; i < a.length; i++) s += packReply(a[i]);
  return s;
}

/** Packs the replies of a batch. */
export function packReplies(replies: WireReply[]): string {
  let s = '';
  for (let i = 0; i < replies.length; i++) s += packReply(replies[i]);
  return s;
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
