// Sorted set commands (t_zset.c 7.0): ZADD ZINCRBY ZREM ZCARD ZSCORE ZMSCORE ZRANK ZREVRANK, the
// pops (ZPOPMIN ZPOPMAX ZMPOP and their blocking forms BZPOPMIN BZPOPMAX BZMPOP), ZRANDMEMBER and
// ZSCAN, and the declarations of the whole group. The API they share is in zset-api.ts, ranges in
// zset-range.ts, ZUNION ZINTER ZDIFF (and their STORE forms) and ZINTERCARD in zset-store.ts.
//
// The value is a ZSet (structures/zset.ts): a listpack (the ordered pairs alone, linear lookups)
// up to zset-max-listpack-entries pairs of members up to zset-max-listpack-value bytes, else a
// skiplist (a member -> score Map plus an order-statistic tree); it never converts back but where
// Redis does (the STORE commands). Costs are Redis's: ZSCORE O(1), ZADD/ZREM/ZRANK O(log n),
// ranges O(log n + m), on a listpack O(n).
import { ks, ksKeynum, numkeysGetKeys, type CommandDecl } from '../table.js';
import { DoubleReply, NULL_ARRAY, type Reply } from '../reply.js';
import { errors, fail } from '../errors.js';
import { eqi, getDoubleOrError, getExactLongLongOrError, getPositiveLongOrError, getRangeLongOrError, getTimeoutOrError, LONG_MAX } from '../args.js';
import { formatDouble17g } from '../bytes.js';
import type { RObj } from '../keyspace.js';
import { parseScanOptionsOrError } from './keys.js';
import { parseScanCursor, scanCursorsOf, type Scannable } from '../structures/scan-cursor.js';
import type { ZSet } from '../structures/zset.js';
import { MAX_RANDOM_REPLY, randomIndex } from '../structures/random-key.js';
import {
  OUT_ADDED,
  OUT_NAN,
  OUT_NOP,
  OUT_UPDATED,
  ZADD_GT,
  ZADD_INCR,
  ZADD_LT,
  ZADD_NX,
  ZADD_XX,
  listpackScoreString,
  maxListpackEntries,
  maxListpackValue,
  newZsetObject,
  pairsReply,
  zsetAdd,
  zsetAddedScore,
} from './zset-api.js';
import {
  zcountCommand,
  zlexcountCommand,
  zrangeCommand,
  zrangebylexCommand,
  zrangebyscoreCommand,
  zrangestoreCommand,
  zremrangebylexCommand,
  zremrangebyrankCommand,
  zremrangebyscoreCommand,
  zrevrangeCommand,
  zrevrangebylexCommand,
  zrevrangebyscoreCommand,
} from './zset-range.js';
import { zsetStoreCommands } from './zset-store.js';
import type { Ctx } from '../engine.js';

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
      score = zsetAddedScore();
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
  if (argv.length === 3) count = getPositiveLongOrError(argv[2], NOT_POSITIVE);
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
  return ctx.block(argv, argv.slice(first, first + numkeys), deadline, NULL_ARRAY);
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
    if (count > MAX_RANDOM_REPLY) fail('ERR value is out of range');
    for (let k = 0; k < count; k++) {
      const c = z.at(randomIndex(ctx.engine.random, size));
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
      const i = randomIndex(ctx.engine.random, left);
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
      const r = randomIndex(ctx.engine.random, size);
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
  return z.at(randomIndex(ctx.engine.random, z.length)).member;
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
    keySpecs: [ksKeynum('RW access delete', 1, 0, 1)], getKeys: numkeysGetKeys(1, false), handler: zmpopCommand,
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
    keySpecs: [ksKeynum('RW access delete', 2, 0, 1)], getKeys: numkeysGetKeys(2, false), handler: bzmpopCommand,
  },
  decl('zrandmember', -2, [R], '6.2.0', 'RO access', zrandmemberCommand, { tips: ['nondeterministic_output'] }),
  decl('zscan', -3, [R], '2.8.0', 'RO access', zscanCommand, { tips: ['nondeterministic_output'] }),
  ...zsetStoreCommands,
];
