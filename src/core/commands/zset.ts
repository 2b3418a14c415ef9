// Sorted set commands (t_zset.c 7.0): the "Sorted set API" (creation, encodings and their
// conversions, zsetAdd, range parsing, the pops), then ZADD ZINCRBY ZREM ZCARD ZSCORE ZMSCORE
// ZRANK ZREVRANK ZCOUNT ZLEXCOUNT, the ZRANGE family and ZRANGESTORE, ZREMRANGEBY*, the pops
// (ZPOPMIN ZPOPMAX ZMPOP and their blocking forms), ZRANDMEMBER and ZSCAN. ZUNION, ZINTER, ZDIFF,
// their STORE forms and ZINTERCARD are in zset-store.ts.
//
// The value is a ZSet (structures/zset.ts): a listpack (the ordered pairs alone, linear lookups)
// up to zset-max-listpack-entries pairs of members up to zset-max-listpack-value bytes, else a
// skiplist (a member -> score Map plus an order-statistic tree); it never converts back but where
// Redis does (the STORE commands). Costs are Redis's: ZSCORE O(1), ZADD/ZREM/ZRANK O(log n),
// ranges O(log n + m), on a listpack O(n).
import { ks, ksKeynum, type CommandDecl } from '../table.js';
import { DoubleReply, NULL_ARRAY, type Reply } from '../reply.js';
import { cstr, errors, fail } from '../errors.js';
import { eqi, getDoubleOrError, getExactLongLongOrError, getLongLongOrError, getRangeLongOrError, getTimeoutOrError } from '../args.js';
import { formatDouble17g, strtod } from '../bytes.js';
import { RObj } from '../keyspace.js';
import type { ZCursor } from '../structures/zset-tree.js';
import { packString, packUint, PackReader, registerCodec } from '../codec.js';
import { registerDuplicator, parseScanOptionsOrError } from './keys.js';
import { parseScanCursor, scanCursorsOf, type Scannable } from '../structures/scan-cursor.js';
import {
  ZSet,
  firstInLexRange,
  firstInScoreRange,
  lastInLexRange,
  lastInScoreRange,
  lexGteMin,
  lexLteMax,
  lexRunLength,
  scoreGteMin,
  scoreLteMax,
  zsetFromSorted,
  type LexRange,
  type ScoreRange,
} from '../structures/zset.js';
import { storeKey, zsetStoreCommands } from './zset-store.js';
import type { Ctx, Engine } from '../engine.js';

// ---- Sorted set API --------------------------------------------------------------------------

const LONG_MAX = 9223372036854775807;

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
const ZADD_INCR = 1;
const ZADD_NX = 2;
const ZADD_XX = 4;
const ZADD_GT = 8;
const ZADD_LT = 16;
const OUT_NAN = 1;
const OUT_ADDED = 2;
const OUT_UPDATED = 4;
const OUT_NOP = 8;

/** The score zsetAdd left (its *newscore). */
let addedScore = 0;

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

/** C's isspace in the C locale. */
function isCSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
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
function listpackScoreString(score: number): string {
  if (Number.isInteger(score) && score >= -4611686018427387904 && score <= 4611686018427387904) {
    // Every digit of the integer (String() rounds past 2^53: 2^62 would print 4611686018427388000).
    return score > -9007199254740992 && score < 9007199254740992 ? String(score) : BigInt(score).toString();
  }
  return formatDouble17g(score);
}

/** Pairs as a reply: flat [m, s, m, s] in RESP2, [[m, s], ...] in RESP3 (addReplyDouble). */
function pairsReply(ctx: Ctx, members: string[], scores: number[]): Reply[] {
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

// ---- Commands: adding, removing, reading -------------------------------------------------------

const NAN_SCORE = 'ERR resulting score is not a number (NaN)';

/** zaddGenericCommand: ZADD, and ZINCRBY (flags = INCR), which parses the same options. */
function zaddGenericCommand(ctx: Ctx, argv: string[], flags: number): Reply {
  const key = argv[1];
  let ch = false;
  let scoreidx = 2;
  for (; scoreidx < argv.length; scoreidx++) {
    const opt = argv[scoreidx];
    if (eqi(opt, 'nx')) flags |= ZADD_NX;
    else if (eqi(opt, 'xx')) flags |= ZADD_XX;
    else if (eqi(opt, 'ch')) ch = true;
    else if (eqi(opt, 'incr')) flags |= ZADD_INCR;
    else if (eqi(opt, 'gt')) flags |= ZADD_GT;
    else if (eqi(opt, 'lt')) flags |= ZADD_LT;
    else break;
  }
  const incr = (flags & ZADD_INCR) !== 0;
  const nx = (flags & ZADD_NX) !== 0;
  const xx = (flags & ZADD_XX) !== 0;
  const gt = (flags & ZADD_GT) !== 0;
  const lt = (flags & ZADD_LT) !== 0;
  let elements = argv.length - scoreidx;
  if (elements % 2 !== 0 || elements === 0) fail(errors.syntax);
  elements /= 2;
  if (nx && xx) fail('ERR XX and NX options at the same time are not compatible');
  if ((gt && nx) || (lt && nx) || (gt && lt)) fail('ERR GT, LT, and/or NX options at the same time are not compatible');
  if (incr && elements > 1) fail('ERR INCR option supports a single increment-element pair');
  const scores: number[] = new Array(elements);
  for (let j = 0; j < elements; j++) scores[j] = getDoubleOrError(argv[scoreidx + j * 2]);

  let o = ctx.lookupWriteOfType(key, 'zset');
  let added = 0;
  let updated = 0;
  let processed = 0;
  let score = 0;
  if (o === undefined) {
    if (xx) return incr ? null : 0;
    const engine = ctx.engine;
    const entries = maxListpackEntries(engine);
    o = newZsetObject(entries !== 0 && argv[scoreidx + 1].length <= maxListpackValue(engine));
    ctx.add(key, o);
  }
  for (let j = 0; j < elements; j++) {
    const ret = zsetAdd(ctx.engine, o, scores[j], argv[scoreidx + 1 + j * 2], flags);
    if (ret & OUT_NAN) {
      // Only INCR can get here, with its single pair: nothing was changed.
      fail(NAN_SCORE);
    }
    if (ret & OUT_ADDED) added++;
    if (ret & OUT_UPDATED) updated++;
    if (!(ret & OUT_NOP)) {
      processed++;
      score = addedScore;
    }
  }
  ctx.dirty += added + updated;
  if (added || updated) {
    ctx.signalModifiedKey(key);
    ctx.notify('z', incr ? 'zincr' : 'zadd', key);
  }
  if (incr) return processed ? new DoubleReply(score) : null;
  return ch ? added + updated : added;
}

// ZADD key [NX | XX] [GT | LT] [CH] [INCR] score member [score member ...]
function zaddCommand(ctx: Ctx, argv: string[]): Reply {
  return zaddGenericCommand(ctx, argv, 0);
}

// ZINCRBY key increment member
function zincrbyCommand(ctx: Ctx, argv: string[]): Reply {
  return zaddGenericCommand(ctx, argv, ZADD_INCR);
}

// ZREM key member [member ...]
function zremCommand(ctx: Ctx, argv: string[]): Reply {
  const key = argv[1];
  const o = ctx.lookupWriteOfType(key, 'zset');
  if (o === undefined) return 0;
  const z = o.value as ZSet;
  let deleted = 0;
  let keyremoved = false;
  for (let j = 2; j < argv.length; j++) {
    if (z.delete(argv[j])) deleted++;
    if (z.length === 0) {
      ctx.deleteKey(key);
      keyremoved = true;
      break;
    }
  }
  if (deleted) {
    ctx.notify('z', 'zrem', key);
    if (keyremoved) ctx.notify('g', 'del', key);
    ctx.signalModifiedKey(key);
    ctx.dirty += deleted;
  }
  return deleted;
}

// ZCARD key
function zcardCommand(ctx: Ctx, argv: string[]): Reply {
  const o = ctx.lookupReadOfType(argv[1], 'zset');
  return o === undefined ? 0 : (o.value as ZSet).length;
}

// ZSCORE key member
function zscoreCommand(ctx: Ctx, argv: string[]): Reply {
  const o = ctx.lookupReadOfType(argv[1], 'zset');
  if (o === undefined) return null;
  const score = (o.value as ZSet).score(argv[2]);
  return score === undefined ? null : new DoubleReply(score);
}

// ZMSCORE key member [member ...]
function zmscoreCommand(ctx: Ctx, argv: string[]): Reply {
  const o = ctx.lookupReadOfType(argv[1], 'zset');
  const out: Reply[] = new Array(argv.length - 2);
  for (let j = 2; j < argv.length; j++) {
    const score = o === undefined ? undefined : (o.value as ZSet).score(argv[j]);
    out[j - 2] = score === undefined ? null : new DoubleReply(score);
  }
  return out;
}

// ZRANK key member  /  ZREVRANK key member
function zrankGenericCommand(ctx: Ctx, argv: string[], reverse: boolean): Reply {
  const o = ctx.lookupReadOfType(argv[1], 'zset');
  if (o === undefined) return null;
  const rank = (o.value as ZSet).rank(argv[2], reverse);
  return rank >= 0 ? rank : null;
}

function zrankCommand(ctx: Ctx, argv: string[]): Reply {
  return zrankGenericCommand(ctx, argv, false);
}

function zrevrankCommand(ctx: Ctx, argv: string[]): Reply {
  return zrankGenericCommand(ctx, argv, true);
}

// ZCOUNT key min max
function zcountCommand(ctx: Ctx, argv: string[]): Reply {
  const range = parseScoreRangeOrError(argv[2], argv[3]);
  const o = ctx.lookupReadOfType(argv[1], 'zset');
  if (o === undefined) return 0;
  const z = o.value as ZSet;
  const first = firstInScoreRange(z, range);
  if (first === null) return 0;
  return lastInScoreRange(z, range)!.rank - first.rank + 1;
}

// ZLEXCOUNT key min max
function zlexcountCommand(ctx: Ctx, argv: string[]): Reply {
  const range = parseLexRangeOrError(argv[2], argv[3]);
  const o = ctx.lookupReadOfType(argv[1], 'zset');
  if (o === undefined) return 0;
  const z = o.value as ZSet;
  const first = firstInLexRange(z, range);
  if (first === null) return 0;
  // A listpack counts by walking on while members stay <= max; a skiplist by ranks.
  if (z.listpack) return lexRunLength(first, range);
  const last = lastInLexRange(z, range);
  return last === null ? 0 : last.rank - first.rank + 1;
}

// ---- Commands: ranges ------------------------------------------------------------------------

/** zrange_type. */
const RangeType = { Auto: 0, Rank: 1, Score: 2, Lex: 3 } as const;
type RangeType = (typeof RangeType)[keyof typeof RangeType];

/** What a range emits into: the reply (or a destination key, for ZRANGESTORE). */
interface RangeResult {
  members: string[];
  scores: number[];
}

/** genericZrangebyrankCommand: ranks start..end (negative from the end), forward or reversed. */
function rangeByRank(z: ZSet, start: number, end: number, reverse: boolean, withScores: boolean, out: RangeResult): void {
  const llen = z.length;
  if (start < 0) start = llen + start;
  if (end < 0) end = llen + end;
  if (start < 0) start = 0;
  if (start > end || start >= llen) return;
  if (end >= llen) end = llen - 1;
  let n = end - start + 1;
  const c = z.at(reverse ? llen - 1 - start : start);
  const members = out.members;
  const scores = out.scores;
  while (n-- > 0) {
    members.push(c.member);
    if (withScores) scores.push(c.score);
    if (reverse) c.prev();
    else c.next();
  }
}

/**
 * The cursor `offset` pairs on from `from` in the walk's direction (Redis walks them one by one;
 * past a few dozen a descent by rank is cheaper).
 */
function skip(z: ZSet, from: ZCursor, offset: number, reverse: boolean): ZCursor {
  if (offset > 64) return z.at(reverse ? from.rank - offset : from.rank + offset);
  while (from.valid && offset-- > 0) {
    if (reverse) from.prev();
    else from.next();
  }
  return from;
}

/** genericZrangebyscoreCommand: from the first (last) pair in range, skip `offset`, up to `limit`. */
function rangeByScore(z: ZSet, range: ScoreRange, offset: number, limit: number, reverse: boolean, withScores: boolean, out: RangeResult): void {
  if (offset > 0 && offset >= z.length) return;
  // A negative offset walks off the end in Redis: nothing is returned.
  if (offset < 0) return;
  const from = reverse ? lastInScoreRange(z, range) : firstInScoreRange(z, range);
  if (from === null) return;
  const c = skip(z, from, offset, reverse);
  const members = out.members;
  const scores = out.scores;
  while (c.valid && limit-- !== 0) {
    const score = c.score;
    if (reverse ? !scoreGteMin(score, range) : !scoreLteMax(score, range)) break;
    members.push(c.member);
    if (withScores) scores.push(score);
    if (reverse) c.prev();
    else c.next();
  }
}

/** genericZrangebylexCommand. */
function rangeByLex(z: ZSet, range: LexRange, offset: number, limit: number, reverse: boolean, withScores: boolean, out: RangeResult): void {
  if (offset < 0) return;
  const from = reverse ? lastInLexRange(z, range) : firstInLexRange(z, range);
  if (from === null) return;
  const c = skip(z, from, offset, reverse);
  const members = out.members;
  const scores = out.scores;
  while (c.valid && limit-- !== 0) {
    const member = c.member;
    if (reverse ? !lexGteMin(member, range) : !lexLteMax(member, range)) break;
    members.push(member);
    if (withScores) scores.push(c.score);
    if (reverse) c.prev();
    else c.next();
  }
}

/**
 * zrangeGenericCommand: ZRANGE and its older forms, and ZRANGESTORE (`dst` set). Options are
 * parsed (and LIMIT's numbers) before the range, the range before the key is looked up.
 */
function zrangeGenericCommand(ctx: Ctx, argv: string[], argcStart: number, dst: string | null, type: RangeType, reverse: boolean | null): Reply {
  const key = argv[argcStart];
  let minidx = argcStart + 1;
  let maxidx = argcStart + 2;
  let withScores = false;
  let offset = 0;
  let limit = -1;
  for (let j = argcStart + 3; j < argv.length; j++) {
    const leftargs = argv.length - j - 1;
    const opt = argv[j];
    if (dst === null && eqi(opt, 'withscores')) {
      withScores = true;
    } else if (eqi(opt, 'limit') && leftargs >= 2) {
      offset = getLongLongOrError(argv[j + 1]);
      limit = getLongLongOrError(argv[j + 2]);
      j += 2;
    } else if (reverse === null && eqi(opt, 'rev')) {
      reverse = true;
    } else if (type === RangeType.Auto && eqi(opt, 'bylex')) {
      type = RangeType.Lex;
    } else if (type === RangeType.Auto && eqi(opt, 'byscore')) {
      type = RangeType.Score;
    } else {
      fail(errors.syntax);
    }
  }
  const rev = reverse === true;
  if (type === RangeType.Auto) type = RangeType.Rank;
  if (limit !== -1 && type === RangeType.Rank) fail('ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX');
  if (withScores && type === RangeType.Lex) fail('ERR syntax error, WITHSCORES not supported in combination with BYLEX');
  if (rev && type !== RangeType.Rank) {
    const t = maxidx;
    maxidx = minidx;
    minidx = t;
  }
  let start = 0;
  let end = 0;
  let scoreRange: ScoreRange | null = null;
  let lexRange: LexRange | null = null;
  if (type === RangeType.Rank) {
    start = getLongLongOrError(argv[minidx]);
    end = getLongLongOrError(argv[maxidx]);
  } else if (type === RangeType.Score) {
    scoreRange = parseScoreRangeOrError(argv[minidx], argv[maxidx]);
  } else {
    lexRange = parseLexRangeOrError(argv[minidx], argv[maxidx]);
  }
  const withs = withScores || dst !== null;
  const o = ctx.lookupReadOfType(key, 'zset');
  const out: RangeResult = { members: [], scores: [] };
  if (o !== undefined) {
    const z = o.value as ZSet;
    if (type === RangeType.Rank) rangeByRank(z, start, end, rev, withs, out);
    else if (type === RangeType.Score) rangeByScore(z, scoreRange!, offset, limit, rev, withs, out);
    else rangeByLex(z, lexRange!, offset, limit, rev, withs, out);
  }
  if (dst !== null) return storeRange(ctx, dst, out, type === RangeType.Rank ? out.members.length : -1);
  return withScores ? pairsReply(ctx, out.members, out.scores) : out.members;
}

/**
 * ZRANGESTORE's result handler: zrangeResultBeginStore creates a listpack unless a rank range is
 * known to be longer than zset-max-listpack-entries, then zsetAdd converts as the pairs go in;
 * an empty result deletes the destination.
 */
function storeRange(ctx: Ctx, dst: string, out: RangeResult, length: number): Reply {
  const n = out.members.length;
  if (n === 0) {
    if (ctx.deleteKey(dst)) {
      ctx.signalModifiedKey(dst);
      ctx.notify('g', 'del', dst);
      ctx.dirty++;
    }
    return 0;
  }
  const engine = ctx.engine;
  const o = newZsetObject(!(length > maxListpackEntries(engine)));
  for (let i = 0; i < n; i++) zsetAdd(engine, o, out.scores[i], out.members[i], 0);
  storeKey(ctx, dst, o);
  ctx.notify('z', 'zrangestore', dst);
  ctx.dirty++;
  return n;
}

// ZRANGE key start stop [BYSCORE | BYLEX] [REV] [LIMIT offset count] [WITHSCORES]
function zrangeCommand(ctx: Ctx, argv: string[]): Reply {
  return zrangeGenericCommand(ctx, argv, 1, null, RangeType.Auto, null);
}

// ZRANGESTORE dst src min max [BYSCORE | BYLEX] [REV] [LIMIT offset count]
function zrangestoreCommand(ctx: Ctx, argv: string[]): Reply {
  return zrangeGenericCommand(ctx, argv, 2, argv[1], RangeType.Auto, null);
}

// ZREVRANGE key start stop [WITHSCORES]
function zrevrangeCommand(ctx: Ctx, argv: string[]): Reply {
  return zrangeGenericCommand(ctx, argv, 1, null, RangeType.Rank, true);
}

// ZRANGEBYSCORE key min max [WITHSCORES] [LIMIT offset count]
function zrangebyscoreCommand(ctx: Ctx, argv: string[]): Reply {
  return zrangeGenericCommand(ctx, argv, 1, null, RangeType.Score, false);
}

// ZREVRANGEBYSCORE key max min [WITHSCORES] [LIMIT offset count]
function zrevrangebyscoreCommand(ctx: Ctx, argv: string[]): Reply {
  return zrangeGenericCommand(ctx, argv, 1, null, RangeType.Score, true);
}

// ZRANGEBYLEX key min max [LIMIT offset count]
function zrangebylexCommand(ctx: Ctx, argv: string[]): Reply {
  return zrangeGenericCommand(ctx, argv, 1, null, RangeType.Lex, false);
}

// ZREVRANGEBYLEX key max min [LIMIT offset count]
function zrevrangebylexCommand(ctx: Ctx, argv: string[]): Reply {
  return zrangeGenericCommand(ctx, argv, 1, null, RangeType.Lex, true);
}

/** zremrangeGenericCommand: ZREMRANGEBYRANK, ZREMRANGEBYSCORE, ZREMRANGEBYLEX. */
function zremrangeGenericCommand(ctx: Ctx, argv: string[], type: RangeType): Reply {
  const key = argv[1];
  let start = 0;
  let end = 0;
  let scoreRange: ScoreRange | null = null;
  let lexRange: LexRange | null = null;
  let event: string;
  if (type === RangeType.Rank) {
    event = 'zremrangebyrank';
    start = getLongLongOrError(argv[2]);
    end = getLongLongOrError(argv[3]);
  } else if (type === RangeType.Score) {
    event = 'zremrangebyscore';
    scoreRange = parseScoreRangeOrError(argv[2], argv[3]);
  } else {
    event = 'zremrangebylex';
    lexRange = parseLexRangeOrError(argv[2], argv[3]);
  }
  const o = ctx.lookupWriteOfType(key, 'zset');
  if (o === undefined) return 0;
  const z = o.value as ZSet;
  let first: number;
  let last: number;
  if (type === RangeType.Rank) {
    const llen = z.length;
    if (start < 0) start = llen + start;
    if (end < 0) end = llen + end;
    if (start < 0) start = 0;
    if (start > end || start >= llen) return 0;
    if (end >= llen) end = llen - 1;
    first = start;
    last = end;
  } else if (type === RangeType.Score) {
    const c = firstInScoreRange(z, scoreRange!);
    first = c === null ? -1 : c.rank;
    last = c === null ? -1 : lastInScoreRange(z, scoreRange!)!.rank;
  } else {
    // zslDeleteRangeByLex / zzlDeleteRangeByLex: from the first member >= min while <= max.
    const c = firstInLexRange(z, lexRange!);
    first = c === null ? -1 : c.rank;
    last = c === null ? -1 : c.rank + lexRunLength(c, lexRange!) - 1;
  }
  const deleted = first < 0 ? 0 : z.removeRange(first, last);
  let keyremoved = false;
  if (z.length === 0) {
    ctx.deleteKey(key);
    keyremoved = true;
  }
  if (deleted) {
    ctx.signalModifiedKey(key);
    ctx.notify('z', event, key);
    if (keyremoved) ctx.notify('g', 'del', key);
  }
  ctx.dirty += deleted;
  return deleted;
}

// ZREMRANGEBYRANK key start stop
function zremrangebyrankCommand(ctx: Ctx, argv: string[]): Reply {
  return zremrangeGenericCommand(ctx, argv, RangeType.Rank);
}

// ZREMRANGEBYSCORE key min max
function zremrangebyscoreCommand(ctx: Ctx, argv: string[]): Reply {
  return zremrangeGenericCommand(ctx, argv, RangeType.Score);
}

// ZREMRANGEBYLEX key min max
function zremrangebylexCommand(ctx: Ctx, argv: string[]): Reply {
  return zremrangeGenericCommand(ctx, argv, RangeType.Lex);
}

// ---- Commands: pops ----------------------------------------------------------------------------

const NOT_POSITIVE = 'ERR value is out of range, must be positive';

/**
 * genericZpopCommand: pops up to `count` pairs (-1: one) from the min or max end of the first
 * existing key among argv[first .. first+numkeys). `emitKey` puts the key first in the reply,
 * `nested` makes [member, score] pairs, `nilWhenEmpty` answers a null array when no key exists.
 * Returns undefined instead of the empty reply when `orBlock` (the blocking forms decide).
 */
function genericZpop(
  ctx: Ctx,
  argv: string[],
  first: number,
  numkeys: number,
  max: boolean,
  emitKey: boolean,
  count: number,
  nested: boolean,
  nilWhenEmpty: boolean,
  orBlock: boolean,
): Reply | undefined {
  let key = '';
  let o: RObj | undefined;
  // A served blocking pop takes from the key that became ready (Redis serves it from that key only).
  const readyOnly = orBlock && ctx.served;
  for (let i = first; i < first + numkeys; i++) {
    key = argv[i];
    if (readyOnly && key !== ctx.readyKey) continue;
    o = ctx.lookupWriteOfType(key, 'zset');
    if (o !== undefined) break;
  }
  if (o === undefined) {
    if (orBlock) return undefined;
    return nilWhenEmpty ? NULL_ARRAY : [];
  }
  if (count === 0) return [];
  if (count === -1) count = 1;
  const z = o.value as ZSet;
  const llen = z.length;
  const rangelen = count > llen ? llen : count;
  const items: Reply[] = [];
  for (let k = 0; k < rangelen; k++) {
    const rank = max ? z.length - 1 : 0;
    const c = z.at(rank);
    const member = c.member;
    const score = c.score;
    z.removeAt(rank);
    ctx.dirty++;
    if (k === 0) {
      ctx.notify('z', max ? 'zpopmax' : 'zpopmin', key);
      ctx.signalModifiedKey(key);
    }
    if (nested) items.push([member, new DoubleReply(score)]);
    else items.push(member, new DoubleReply(score));
  }
  if (z.length === 0) {
    ctx.deleteKey(key);
    ctx.notify('g', 'del', key);
  }
  poppedKey = key;
  poppedCount = rangelen;
  if (!emitKey) return items;
  if (nested) return [key, items];
  items.unshift(key);
  return items;
}

/** The key and count of the last genericZpop, for the propagation the callers rewrite. */
let poppedKey = '';
let poppedCount = 0;

/** zpopMinMaxCommand: ZPOPMIN / ZPOPMAX key [count]. */
function zpopMinMaxCommand(ctx: Ctx, argv: string[], max: boolean): Reply {
  if (argv.length > 3) fail(errors.syntax);
  let count = -1;
  if (argv.length === 3) count = getRangeLongOrError(argv[2], 0, LONG_MAX, NOT_POSITIVE);
  // RESP3 nests the pairs only when a count was given.
  const nested = ctx.session.resp > 2 && count !== -1;
  return genericZpop(ctx, argv, 1, 1, max, false, count, nested, false, false)!;
}

// ZPOPMIN key [count]
function zpopminCommand(ctx: Ctx, argv: string[]): Reply {
  return zpopMinMaxCommand(ctx, argv, false);
}

// ZPOPMAX key [count]
function zpopmaxCommand(ctx: Ctx, argv: string[]): Reply {
  return zpopMinMaxCommand(ctx, argv, true);
}

/** zmpopGenericCommand's parsing: numkeys, MIN|MAX, at most one COUNT. */
interface MpopArgs {
  numkeys: number;
  max: boolean;
  count: number;
}

function parseZmpopOrError(argv: string[], numkeysIdx: number): MpopArgs {
  const numkeys = getRangeLongOrError(argv[numkeysIdx], 1, LONG_MAX, 'ERR numkeys should be greater than 0');
  const whereIdx = numkeysIdx + numkeys + 1;
  if (whereIdx >= argv.length) fail(errors.syntax);
  let max: boolean;
  if (eqi(argv[whereIdx], 'min')) max = false;
  else if (eqi(argv[whereIdx], 'max')) max = true;
  else fail(errors.syntax);
  let count = -1;
  for (let j = whereIdx + 1; j < argv.length; j++) {
    if (count === -1 && eqi(argv[j], 'count') && j < argv.length - 1) {
      count = getRangeLongOrError(argv[++j], 1, LONG_MAX, 'ERR count should be greater than 0');
    } else {
      fail(errors.syntax);
    }
  }
  return { numkeys, max, count: count === -1 ? 1 : count };
}

/** The pop a ZMPOP / served blocking pop propagates (shared.zpopmin / shared.zpopmax). */
function popWord(max: boolean): string {
  return max ? 'ZPOPMAX' : 'ZPOPMIN';
}

// ZMPOP numkeys key [key ...] MIN|MAX [COUNT count]
function zmpopCommand(ctx: Ctx, argv: string[]): Reply {
  const a = parseZmpopOrError(argv, 1);
  const reply = genericZpop(ctx, argv, 2, a.numkeys, a.max, true, a.count, true, true, false)!;
  if (reply !== NULL_ARRAY) ctx.rewrite([popWord(a.max), poppedKey, String(poppedCount)]);
  return reply;
}

/**
 * blockingGenericZpopCommand: pop from the first non-empty key now (propagated as the plain pop),
 * or answer a null array inside MULTI, or block on the keys. `count` -1 is BZPOPMIN's single pop.
 */
function blockingGenericZpop(ctx: Ctx, argv: string[], first: number, numkeys: number, max: boolean, deadline: number, count: number, nested: boolean): Reply {
  const reply = genericZpop(ctx, argv, first, numkeys, max, true, count, nested, nested, true);
  if (reply !== undefined) {
    ctx.rewrite(count === -1 ? [popWord(max), poppedKey] : [popWord(max), poppedKey, String(poppedCount)]);
    return reply;
  }
  if (!ctx.canBlock) return NULL_ARRAY;
  return ctx.block(argv.slice(first, first + numkeys), deadline, NULL_ARRAY);
}

// BZPOPMIN key [key ...] timeout
function bzpopminCommand(ctx: Ctx, argv: string[]): Reply {
  const deadline = getTimeoutOrError(ctx, argv[argv.length - 1]);
  return blockingGenericZpop(ctx, argv, 1, argv.length - 2, false, deadline, -1, false);
}

// BZPOPMAX key [key ...] timeout
function bzpopmaxCommand(ctx: Ctx, argv: string[]): Reply {
  const deadline = getTimeoutOrError(ctx, argv[argv.length - 1]);
  return blockingGenericZpop(ctx, argv, 1, argv.length - 2, true, deadline, -1, false);
}

// BZMPOP timeout numkeys key [key ...] MIN|MAX [COUNT count]
function bzmpopCommand(ctx: Ctx, argv: string[]): Reply {
  // Redis parses numkeys, the direction and COUNT before the timeout.
  const a = parseZmpopOrError(argv, 2);
  const deadline = getTimeoutOrError(ctx, argv[1]);
  return blockingGenericZpop(ctx, argv, 3, a.numkeys, a.max, deadline, a.count, true);
}

// ---- Commands: random members, scan ----------------------------------------------------------

/** ZRANDMEMBER_SUB_STRATEGY_MUL: past size/3 requested, copy and remove instead of picking. */
const SUB_STRATEGY_MUL = 3;
/** The longest reply we build: past it Redis would stream gigabytes; we refuse instead. */
const RANDMEMBER_MAX = 1 << 27;

/** A random rank in [0, n). */
function randomRank(ctx: Ctx, n: number): number {
  return Math.floor(ctx.random() * n);
}

/** zrandmemberWithCountCommand. */
function zrandmemberWithCount(ctx: Ctx, key: string, l: number, withScores: boolean): Reply {
  const o = ctx.lookupReadOfType(key, 'zset');
  if (o === undefined) return [];
  const z = o.value as ZSet;
  const size = z.length;
  const uniq = l >= 0;
  const count = uniq ? l : -l;
  if (count === 0) return [];
  const members: string[] = [];
  const scores: number[] = [];
  // Case 1: repetitions allowed (a negative count), or one member: independent picks.
  if (!uniq || count === 1) {
    if (count > RANDMEMBER_MAX) fail('ERR value is out of range');
    for (let k = 0; k < count; k++) {
      const c = z.at(randomRank(ctx, size));
      members.push(c.member);
      if (withScores) scores.push(c.score);
    }
  } else if (count >= size) {
    // Case 2: the whole set, walked from the tail as zuiNext does.
    for (let c = z.at(size - 1); c.valid; c.prev()) {
      members.push(c.member);
      if (withScores) scores.push(c.score);
    }
  } else if (count * SUB_STRATEGY_MUL > size) {
    // Case 3: copy the set, remove random members until `count` are left (in no useful order).
    const ranks: number[] = [];
    for (let i = 0; i < size; i++) ranks.push(i);
    for (let left = size; left > count; left--) {
      const i = randomRank(ctx, left);
      ranks[i] = ranks[left - 1];
      ranks.pop();
    }
    for (const r of ranks) {
      const c = z.at(r);
      members.push(c.member);
      if (withScores) scores.push(c.score);
    }
  } else if (z.listpack) {
    // Case 4, listpack: lpRandomPairsUnique picks in order, each with the chance it still needs.
    let need = count;
    let k = 0;
    for (let c = z.at(0); c.valid && need > 0; c.next(), k++) {
      if (ctx.random() * (size - k) < need) {
        members.push(c.member);
        if (withScores) scores.push(c.score);
        need--;
      }
    }
  } else {
    // Case 4, skiplist: random picks, skipping members already picked.
    const seen = new Set<number>();
    while (members.length < count) {
      const r = randomRank(ctx, size);
      if (seen.has(r)) continue;
      seen.add(r);
      const c = z.at(r);
      members.push(c.member);
      if (withScores) scores.push(c.score);
    }
  }
  return withScores ? pairsReply(ctx, members, scores) : members;
}

// ZRANDMEMBER key [count [WITHSCORES]]
function zrandmemberCommand(ctx: Ctx, argv: string[]): Reply {
  if (argv.length >= 3) {
    const l = getExactLongLongOrError(argv[2]);
    if (l === -9223372036854775808n) fail('ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807');
    if (argv.length > 4 || (argv.length === 4 && !eqi(argv[3], 'withscores'))) fail(errors.syntax);
    const withScores = argv.length === 4;
    // The reply holds twice as many items: a count past LONG_MAX/2 either way is refused.
    if (withScores && (l < -4611686018427387903n || l > 4611686018427387903n)) fail('ERR value is out of range');
    return zrandmemberWithCount(ctx, argv[1], Number(l), withScores);
  }
  const o = ctx.lookupReadOfType(argv[1], 'zset');
  if (o === undefined) return null;
  const z = o.value as ZSet;
  return z.at(randomRank(ctx, z.length)).member;
}

// ZSCAN key cursor [MATCH pattern] [COUNT count]
function zscanCommand(ctx: Ctx, argv: string[]): Reply {
  const cursor = parseScanCursor(argv[2]);
  if (cursor === null) fail('ERR invalid cursor');
  const o = ctx.lookupReadOfType(argv[1], 'zset');
  if (o === undefined) return ['0', []];
  const opts = parseScanOptionsOrError(argv, 3, false);
  const z = o.value as ZSet;
  const out: string[] = [];
  if (z.dict === null) {
    // A listpack is answered whole, scores as the listpack holds them.
    for (let c = z.at(0); c.valid; c.next()) {
      if (opts.match !== null && !opts.match(c.member)) continue;
      out.push(c.member, listpackScoreString(c.score));
    }
    return ['0', out];
  }
  const members: string[] = [];
  const dict = z.dict;
  const next = scanCursorsOf(ctx.engine).scan(dict as Scannable<string>, cursor, opts.count, ctx.now, members);
  for (const m of members) {
    if (opts.match !== null && !opts.match(m)) continue;
    out.push(m, formatDouble17g(dict.get(m)!));
  }
  return [next, out];
}

// ---- Declarations ----------------------------------------------------------------------------

const KEY1: CommandDecl['keys'] = { first: 1, last: 1, step: 1 };
const W = 'write' as const;
const R = 'readonly' as const;

/** genericGetKeys for ZMPOP / BZMPOP (zmpopGetKeys, bzmpopGetKeys): numkeys read with atoi. */
function mpopGetKeys(numkeysIdx: number): (argv: string[]) => number[] {
  return (argv) => {
    const m = /^\s*[+-]?\d+/.exec(argv[numkeysIdx]);
    const num = m === null ? 0 : Number(m[0]);
    const first = numkeysIdx + 1;
    if (num < 1 || num > argv.length - first) return [];
    const out: number[] = [];
    for (let i = 0; i < num; i++) out.push(first + i);
    return out;
  };
}

function decl(name: string, arity: number, flags: CommandDecl['flags'], since: string, spec: string, handler: CommandDecl['handler'], extra: Partial<CommandDecl> = {}): CommandDecl {
  return { name, arity, flags, group: 'sorted-set', since, acl: ['sortedset'], keys: KEY1, keySpecs: [ks(spec, 1)], handler, ...extra };
}

const DEPRECATED: Partial<CommandDecl> = { docFlags: ['deprecated'], deprecatedSince: '6.2.0' };

export const zsetCommands: CommandDecl[] = [
  decl('zadd', -4, [W, 'denyoom', 'fast'], '1.2.0', 'RW update', zaddCommand),
  decl('zincrby', 4, [W, 'denyoom', 'fast'], '1.2.0', 'RW access update', zincrbyCommand),
  decl('zrem', -3, [W, 'fast'], '1.2.0', 'RW delete', zremCommand),
  decl('zcard', 2, [R, 'fast'], '1.2.0', 'RO', zcardCommand),
  decl('zscore', 3, [R, 'fast'], '1.2.0', 'RO access', zscoreCommand),
  decl('zmscore', -3, [R, 'fast'], '6.2.0', 'RO access', zmscoreCommand),
  decl('zrank', 3, [R, 'fast'], '2.0.0', 'RO access', zrankCommand),
  decl('zrevrank', 3, [R, 'fast'], '2.0.0', 'RO access', zrevrankCommand),
  decl('zcount', 4, [R, 'fast'], '2.0.0', 'RO access', zcountCommand),
  decl('zlexcount', 4, [R, 'fast'], '2.8.9', 'RO access', zlexcountCommand),
  decl('zrange', -4, [R], '1.2.0', 'RO access', zrangeCommand),
  {
    name: 'zrangestore', arity: -5, flags: [W, 'denyoom'], group: 'sorted-set', since: '6.2.0', acl: ['sortedset'],
    keys: { first: 1, last: 2, step: 1 }, keySpecs: [ks('OW update', 1), ks('RO access', 2)], handler: zrangestoreCommand,
  },
  decl('zrevrange', -4, [R], '1.2.0', 'RO access', zrevrangeCommand, DEPRECATED),
  decl('zrangebyscore', -4, [R], '1.0.5', 'RO access', zrangebyscoreCommand, DEPRECATED),
  decl('zrevrangebyscore', -4, [R], '2.2.0', 'RO access', zrevrangebyscoreCommand, DEPRECATED),
  decl('zrangebylex', -4, [R], '2.8.9', 'RO access', zrangebylexCommand, DEPRECATED),
  decl('zrevrangebylex', -4, [R], '2.8.9', 'RO access', zrevrangebylexCommand, DEPRECATED),
  decl('zremrangebyrank', 4, [W], '2.0.0', 'RW delete', zremrangebyrankCommand),
  decl('zremrangebyscore', 4, [W], '1.2.0', 'RW delete', zremrangebyscoreCommand),
  decl('zremrangebylex', 4, [W], '2.8.9', 'RW delete', zremrangebylexCommand),
  decl('zpopmin', -2, [W, 'fast'], '5.0.0', 'RW access delete', zpopminCommand),
  decl('zpopmax', -2, [W, 'fast'], '5.0.0', 'RW access delete', zpopmaxCommand),
  {
    name: 'zmpop', arity: -4, flags: [W], group: 'sorted-set', since: '7.0.0', acl: ['sortedset'],
    keySpecs: [ksKeynum('RW access delete', 1, 0, 1)], getKeys: mpopGetKeys(1), handler: zmpopCommand,
  },
  {
    name: 'bzpopmin', arity: -3, flags: [W, 'noscript', 'blocking', 'fast'], group: 'sorted-set', since: '5.0.0', acl: ['sortedset'],
    keys: { first: 1, last: -2, step: 1 }, keySpecs: [ks('RW access delete', 1, -2)], handler: bzpopminCommand,
  },
  {
    name: 'bzpopmax', arity: -3, flags: [W, 'noscript', 'blocking', 'fast'], group: 'sorted-set', since: '5.0.0', acl: ['sortedset'],
    keys: { first: 1, last: -2, step: 1 }, keySpecs: [ks('RW access delete', 1, -2)], handler: bzpopmaxCommand,
  },
  {
    name: 'bzmpop', arity: -5, flags: [W, 'blocking'], group: 'sorted-set', since: '7.0.0', acl: ['sortedset'],
    keySpecs: [ksKeynum('RW access delete', 2, 0, 1)], getKeys: mpopGetKeys(2), handler: bzmpopCommand,
  },
  decl('zrandmember', -2, [R], '6.2.0', 'RO access', zrandmemberCommand, { tips: ['nondeterministic_output'] }),
  decl('zscan', -3, [R], '2.8.0', 'RO access', zscanCommand, { tips: ['nondeterministic_output'] }),
  ...zsetStoreCommands,
];
