// The "Sorted set API" of t_zset.c 7.0 that the sorted set command files share: creation, the
// encodings (listpack up to zset-max-listpack-entries members of up to zset-max-listpack-value
// bytes, else skiplist) and their conversions, zsetAdd, score and lex range parsing, the snapshot
// codec and COPY's duplicator, and the reply shapes of member/score pairs.
import { DoubleReply, type Reply } from '../reply.js';
import { cstr, fail } from '../errors.js';
import { formatDouble17g, isCSpace, strtod } from '../bytes.js';
import { RObj } from '../keyspace.js';
import { packString, packUint, PackReader, registerCodec } from '../codec.js';
import { registerDuplicator } from './keys.js';
import { ZSet, zsetFromSorted, type LexRange, type ScoreRange } from '../structures/zset.js';
import type { Ctx, Engine } from '../engine.js';

/** zset-max-listpack-entries and zset-max-listpack-value, parsed once per CONFIG SET. */
let entriesText = '';
let entriesValue = 128;
let valueText = '';
let valueValue = 64;

export function maxListpackEntries(engine: Engine): number {
  const s = engine.config.get('zset-max-listpack-entries') ?? '128';
  if (s !== entriesText) {
    entriesText = s;
    entriesValue = Number(s);
  }
  return entriesValue;
}

export function maxListpackValue(engine: Engine): number {
  const s = engine.config.get('zset-max-listpack-value') ?? '64';
  if (s !== valueText) {
    valueText = s;
    valueValue = Number(s);
  }
  return valueValue;
}

/** createZsetListpackObject / createZsetObject. */
export function newZsetObject(listpack: boolean): RObj {
  return new RObj('zset', new ZSet(listpack), listpack ? 'listpack' : 'skiplist', 0);
}

/** zsetConvert(o, OBJ_ENCODING_SKIPLIST). */
export function zsetConvertToSkiplist(o: RObj): void {
  (o.value as ZSet).toSkiplist();
  o.enc = 'skiplist';
}

registerDuplicator('zset', (v) => (v as ZSet).dup());

// Snapshots: the encoding, then the pairs in order (members, then scores as 8-byte doubles, so
// -0 and infinities come back exactly). Loading keeps a listpack a listpack unless it is longer
// than zset-max-listpack-entries, and turns a small skiplist into a listpack, as rdbLoadObject.
const scoreBuf = new DataView(new ArrayBuffer(8));
registerCodec('zset', {
  encode: (o) => {
    const z = o.value as ZSet;
    const out: string[] = [z.listpack ? 'L' : 'S'];
    packUint(out, z.length);
    const scores: number[] = [];
    for (let c = z.at(0); c.valid; c.next()) {
      packString(out, c.member);
      scores.push(c.score);
    }
    for (const s of scores) {
      scoreBuf.setFloat64(0, s);
      for (let b = 0; b < 8; b++) out.push(String.fromCharCode(scoreBuf.getUint8(b)));
    }
    return out.join('');
  },
  decode: (data, engine) => {
    const listpack = data[0] === 'L';
    const r = new PackReader(data);
    r.pos = 1;
    const n = r.uint();
    // Filled by push: packed arrays (not holey ones) for the leaves to slice.
    const members: string[] = [];
    let maxlen = 0;
    for (let i = 0; i < n; i++) {
      const m = r.string();
      members.push(m);
      if (m.length > maxlen) maxlen = m.length;
    }
    const scores: number[] = [];
    for (let i = 0; i < n; i++) {
      for (let b = 0; b < 8; b++) scoreBuf.setUint8(b, data.charCodeAt(r.pos++));
      scores.push(scoreBuf.getFloat64(0));
    }
    const entries = maxListpackEntries(engine);
    const asListpack = listpack ? n <= entries : n <= entries && maxlen <= maxListpackValue(engine);
    return new RObj('zset', zsetFromSorted(members, scores, asListpack), asListpack ? 'listpack' : 'skiplist', 0);
  },
});

// zsetAdd's input and output flags.
export const ZADD_INCR = 1;
export const ZADD_NX = 2;
export const ZADD_XX = 4;
export const ZADD_GT = 8;
export const ZADD_LT = 16;
export const OUT_NAN = 1;
export const OUT_ADDED = 2;
export const OUT_UPDATED = 4;
export const OUT_NOP = 8;

/** The score zsetAdd left (its *newscore). */
let addedScore = 0;

/** The score the last zsetAdd left (its *newscore). */
export function zsetAddedScore(): number {
  return addedScore;
}

/**
 * zsetAdd: adds or updates a member under the NX/XX/GT/LT/INCR rules; returns the OUT_ flags and
 * leaves the resulting score in addedScore. A listpack that would outgrow its limits becomes a
 * skiplist first. `score` is never NaN (parsing refuses it); INCR can make one (inf + -inf).
 */
export function zsetAdd(engine: Engine, o: RObj, score: number, member: string, flags: number): number {
  const z = o.value as ZSet;
  const cur = z.score(member);
  if (cur !== undefined) {
    if (flags & ZADD_NX) return OUT_NOP;
    if (flags & ZADD_INCR) {
      score += cur;
      if (Number.isNaN(score)) return OUT_NAN;
    }
    if ((flags & ZADD_LT && score >= cur) || (flags & ZADD_GT && score <= cur)) return OUT_NOP;
    addedScore = score;
    if (score !== cur) {
      z.update(member, cur, score);
      return OUT_UPDATED;
    }
    return 0;
  }
  if (flags & ZADD_XX) return OUT_NOP;
  if (z.listpack && (z.length + 1 > maxListpackEntries(engine) || member.length > maxListpackValue(engine))) {
    zsetConvertToSkiplist(o);
  }
  z.insert(score, member);
  addedScore = score;
  return OUT_ADDED;
}

/**
 * strtod over a C string with the end check zslParseRange makes: leading white space is skipped,
 * the rest must all be a number, an empty string is 0 (nothing parsed, and the end is the NUL).
 * No range check: "1e400" is inf. NaN is refused.
 */
function rangeStrtod(s: string): number | null {
  if (s.length === 0) return 0;
  let i = 0;
  while (i < s.length && isCSpace(s.charCodeAt(i))) i++;
  if (i === s.length) return null;
  const v = strtod(i === 0 ? s : s.slice(i));
  return v === null || Number.isNaN(v) ? null : v;
}

const NOT_FLOAT_RANGE = 'ERR min or max is not a float';
const NOT_LEX_RANGE = 'ERR min or max not valid string range item';

/** zslParseRange: "1.5", "(1.5" (exclusive), "-inf", "+inf"; a C string, so a NUL ends it. */
export function parseScoreRangeOrError(minArg: string, maxArg: string): ScoreRange {
  const min = cstr(minArg);
  const max = cstr(maxArg);
  const minex = min.charCodeAt(0) === 40; /* ( */
  const maxex = max.charCodeAt(0) === 40;
  const lo = rangeStrtod(minex ? min.slice(1) : min);
  const hi = rangeStrtod(maxex ? max.slice(1) : max);
  if (lo === null || hi === null) fail(NOT_FLOAT_RANGE);
  return { min: lo, max: hi, minex, maxex };
}

/** zslParseLexRangeItem: one end of a lex range, into r's min or max; false when invalid. */
function parseLexItem(arg: string, r: LexRange, isMin: boolean): boolean {
  const c = arg.charCodeAt(0);
  let s = '';
  let inf: -1 | 0 | 1 = 0;
  let ex: boolean;
  if (c === 43 /* + */ || c === 45 /* - */) {
    // Only "+" or "-" itself (C sees the string end at a NUL).
    if (arg.length > 1 && arg.charCodeAt(1) !== 0) return false;
    inf = c === 43 ? 1 : -1;
    ex = true;
  } else if (c === 40 /* ( */ || c === 91 /* [ */) {
    s = arg.slice(1);
    ex = c === 40;
  } else {
    return false;
  }
  if (isMin) {
    r.min = s;
    r.minInf = inf;
    r.minex = ex;
  } else {
    r.max = s;
    r.maxInf = inf;
    r.maxex = ex;
  }
  return true;
}

/** zslParseLexRange: "[a", "(a", "-", "+". */
export function parseLexRangeOrError(minArg: string, maxArg: string): LexRange {
  const r: LexRange = { min: '', max: '', minInf: 0, maxInf: 0, minex: false, maxex: false };
  if (!parseLexItem(minArg, r, true) || !parseLexItem(maxArg, r, false)) fail(NOT_LEX_RANGE);
  return r;
}

/** A score as a listpack holds it (zzlInsertAt): integral values up to 2^62 as integers. */
export function listpackScoreString(score: number): string {
  if (Number.isInteger(score) && score >= -4611686018427387904 && score <= 4611686018427387904) {
    // Every digit of the integer (String() rounds past 2^53: 2^62 would print 4611686018427388000).
    return score > -9007199254740992 && score < 9007199254740992 ? String(score) : BigInt(score).toString();
  }
  return formatDouble17g(score);
}

/** Pairs as a reply: flat [m, s, m, s] in RESP2, [[m, s], ...] in RESP3 (addReplyDouble). */
export function pairsReply(ctx: Ctx, members: string[], scores: number[]): Reply[] {
  const n = members.length;
  if (ctx.session.resp === 2) {
    const out: Reply[] = new Array(n * 2);
    for (let i = 0; i < n; i++) {
      out[2 * i] = members[i];
      out[2 * i + 1] = new DoubleReply(scores[i]);
    }
    return out;
  }
  const out: Reply[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = [members[i], new DoubleReply(scores[i])];
  return out;
}

/** setKey for a STORE result, as Redis's setKey: the key is looked up for write (expired if due) first. */
export function storeKey(ctx: Ctx, key: string, o: RObj): void {
  ctx.lookupWrite(key);
  ctx.setKey(key, o);
}
