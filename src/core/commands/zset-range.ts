// Sorted set ranges (t_zset.c 7.0): ZCOUNT ZLEXCOUNT, ZRANGE and its older forms (ZREVRANGE
// ZRANGEBYSCORE ZREVRANGEBYSCORE ZRANGEBYLEX ZREVRANGEBYLEX), ZRANGESTORE, and ZREMRANGEBYRANK
// ZREMRANGEBYSCORE ZREMRANGEBYLEX. A bound is found in one descent of the tree (O(log n)), then
// the range is walked along the leaves; a listpack finds lex bounds by walking from its ends, as
// Redis's zzl functions do. The handlers are declared in zset.ts.
import { type Reply } from '../reply.js';
import { errors, fail } from '../errors.js';
import { eqi, getLongLongOrError } from '../args.js';
import type { ZCursor } from '../structures/zset-tree.js';
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
  type LexRange,
  type ScoreRange,
} from '../structures/zset.js';
import { maxListpackEntries, newZsetObject, pairsReply, parseLexRangeOrError, parseScoreRangeOrError, storeKey, zsetAdd } from './zset-api.js';
import type { Ctx } from '../engine.js';

// ---- Counting --------------------------------------------------------------------------------

// ZCOUNT key min max
export function zcountCommand(ctx: Ctx, argv: string[]): Reply {
  const range = parseScoreRangeOrError(argv[2], argv[3]);
  const o = ctx.lookupReadOfType(argv[1], 'zset');
  if (o === undefined) return 0;
  const z = o.value as ZSet;
  const first = firstInScoreRange(z, range);
  if (first === null) return 0;
  return lastInScoreRange(z, range)!.rank - first.rank + 1;
}

// ZLEXCOUNT key min max
export function zlexcountCommand(ctx: Ctx, argv: string[]): Reply {
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
export function zrangeCommand(ctx: Ctx, argv: string[]): Reply {
  return zrangeGenericCommand(ctx, argv, 1, null, RangeType.Auto, null);
}

// ZRANGESTORE dst src min max [BYSCORE | BYLEX] [REV] [LIMIT offset count]
export function zrangestoreCommand(ctx: Ctx, argv: string[]): Reply {
  return zrangeGenericCommand(ctx, argv, 2, argv[1], RangeType.Auto, null);
}

// ZREVRANGE key start stop [WITHSCORES]
export function zrevrangeCommand(ctx: Ctx, argv: string[]): Reply {
  return zrangeGenericCommand(ctx, argv, 1, null, RangeType.Rank, true);
}

// ZRANGEBYSCORE key min max [WITHSCORES] [LIMIT offset count]
export function zrangebyscoreCommand(ctx: Ctx, argv: string[]): Reply {
  return zrangeGenericCommand(ctx, argv, 1, null, RangeType.Score, false);
}

// ZREVRANGEBYSCORE key max min [WITHSCORES] [LIMIT offset count]
export function zrevrangebyscoreCommand(ctx: Ctx, argv: string[]): Reply {
  return zrangeGenericCommand(ctx, argv, 1, null, RangeType.Score, true);
}

// ZRANGEBYLEX key min max [LIMIT offset count]
export function zrangebylexCommand(ctx: Ctx, argv: string[]): Reply {
  return zrangeGenericCommand(ctx, argv, 1, null, RangeType.Lex, false);
}

// ZREVRANGEBYLEX key max min [LIMIT offset count]
export function zrevrangebylexCommand(ctx: Ctx, argv: string[]): Reply {
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
export function zremrangebyrankCommand(ctx: Ctx, argv: string[]): Reply {
  return zremrangeGenericCommand(ctx, argv, RangeType.Rank);
}

// ZREMRANGEBYSCORE key min max
export function zremrangebyscoreCommand(ctx: Ctx, argv: string[]): Reply {
  return zremrangeGenericCommand(ctx, argv, RangeType.Score);
}

// ZREMRANGEBYLEX key min max
export function zremrangebylexCommand(ctx: Ctx, argv: string[]): Reply {
  return zremrangeGenericCommand(ctx, argv, RangeType.Lex);
}
