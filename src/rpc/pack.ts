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
import { copy } from './reply-reader.js';

export { unpackReplies } from './reply-reader.js';

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

/**
 * The command names seen last, reused for the next commands that name them: the engine's command
 * lookup then gets the same string (its hash computed once, equal by identity) instead of a new one.
 */
const names: string[] = [];
let nextName = 0;

function commandName(s: string, p: number, len: number): string {
  for (let k = 0; k < names.length; k++) {
    const name = names[k];
    if (name.length === len && s.startsWith(name, p)) return name;
  }
  const name = copy(s, p, p + len);
  if (len <= 32) {
    names[nextName] = name;
    nextName = (nextName + 1) & 7;
  }
  return name;
}

/**
 * The commands of a packed batch, each an argv of byte strings; `starts`, if given, gets where
 * each command starts in `s`, then where the last ends (persistence copies a command's bytes).
 */
export function unpackCommands(s: string, starts?: number[]): string[][] {
  const out: string[][] = [];
  let p = 0;
  while (p < s.length) {
    starts?.push(p);
    let n = 0;
    let c: number;
    while ((c = s.charCodeAt(p++)) !== 58) n = n * 10 + c - 48;
    const argv = new Array<string>(n);
    for (let i = 0; i < n; i++) {
      let len = 0;
      while ((c = s.charCodeAt(p++)) !== 58) len = len * 10 + c - 48;
      argv[i] = i === 0 ? commandName(s, p, len) : copy(s, p, p + len);
      p += len;
    }
    out.push(argv);
  }
  starts?.push(p);
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
