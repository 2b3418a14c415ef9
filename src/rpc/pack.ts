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

function packOne(r: WireReply, parts: string[]): void {
  if (typeof r === 'string') parts.push('$' + r.length + ':', r);
  else if (typeof r === 'number') parts.push(':' + r + ',');
  else if (r === null) parts.push('_');
  else if (typeof r === 'bigint') parts.push('(' + r + ',');
  else if (Array.isArray(r)) {
    parts.push('*' + r.length + ',');
    for (let i = 0; i < r.length; i++) packOne(r[i], parts);
  } else if ('err' in r) parts.push('-' + r.err.length + ':', r.err);
  else if ('status' in r) parts.push('+' + r.status.length + ':', r.status);
  else if ('double' in r) parts.push(',' + (Object.is(r.double, -0) ? '-0' : r.double) + ',');
  else if ('map' in r) {
    parts.push('%' + r.map.length + ',');
    for (const [k, v] of r.map) {
      packOne(k, parts);
      packOne(v, parts);
    }
  } else if ('set' in r) {
    parts.push('~' + r.set.length + ',');
    for (const x of r.set) packOne(x, parts);
  } else if ('bool' in r) parts.push(r.bool ? '#t' : '#f');
  else if ('verbatim' in r) parts.push('=' + r.verbatim.length + ':' + r.format + ':', r.verbatim);
  else {
    parts.push('>' + r.push.length + ',');
    for (const x of r.push) packOne(x, parts);
  }
}

/** Packs the replies of a batch. */
export function packReplies(replies: WireReply[]): string {
  const parts: string[] = [];
  for (let i = 0; i < replies.length; i++) packOne(replies[i], parts);
  return parts.join('');
}

/** The replies of a packed batch. */
export function unpackReplies(s: string): WireReply[] {
  let p = 0;
  /** The number that ends at `end` (`:` or `,`). */
  const num = (end: number): number => {
    let n = 0;
    let neg = false;
    let c = s.charCodeAt(p++);
    if (c === 45) {
      neg = true;
      c = s.charCodeAt(p++);
    }
    while (c !== end) {
      n = n * 10 + c - 48;
      c = s.charCodeAt(p++);
    }
    return neg ? -n : n;
  };
  const text = (): string => {
    const len = num(58);
    const t = copy(s, p, p + len);
    p += len;
    return t;
  };
  const upTo = (end: string): string => {
    const at = s.indexOf(end, p);
    const t = s.slice(p, at);
    p = at + 1;
    return t;
  };
  const items = (n: number): WireReply[] => {
    const a = new Array<WireReply>(n);
    for (let i = 0; i < n; i++) a[i] = one();
    return a;
  };
  const one = (): WireReply => {
    switch (s.charCodeAt(p++)) {
      case 36: // $
        return text();
      case 95: // _
        return null;
      case 58: // :
        return Number(upTo(','));
      case 40: // (
        return BigInt(upTo(','));
      case 42: // *
        return items(num(44));
      case 45: // -
        return { err: text() };
      case 43: // +
        return { status: text() };
      case 44: // ,
        return { double: Number(upTo(',')) };
      case 37: {
        // %
        const n = num(44);
        const map = new Array<[WireReply, WireReply]>(n);
        for (let i = 0; i < n; i++) map[i] = [one(), one()];
        return { map };
      }
      case 126: // ~
        return { set: items(num(44)) };
      case 35: // #
        return { bool: s.charCodeAt(p++) === 116 };
      case 61: {
        // =
        const len = num(58);
        const format = upTo(':');
        const verbatim = copy(s, p, p + len);
        p += len;
        return { verbatim, format };
      }
      case 62: // >
        return { push: items(num(44)) };
      default:
        throw new Error(`bad packed reply at ${p - 1}`);
    }
  };
  const out: WireReply[] = [];
  while (p < s.length) out.push(one());
  return out;
}
