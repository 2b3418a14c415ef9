// ZUNION ZINTER ZDIFF, their STORE forms and ZINTERCARD (t_zset.c's zunionInterDiffGenericCommand,
// 7.0). Inputs may be sorted sets or sets (every set member scores 1). Results are computed into
// arrays, sorted by (score, member), then replied or stored; a stored result is a skiplist that
// goes back to a listpack when small enough (zsetConvertToListpackIfNeeded).
import { ks, ksKeynum, numkeysGetKeys, type CommandDecl } from '../table.js';
import type { Reply } from '../reply.js';
import { errors, fail } from '../errors.js';
import { eqi, getDoubleOrError, getLongLongOrError, getRangeLongOrError } from '../args.js';
import { RObj } from '../keyspace.js';
import { ZSet, zsetFromSorted } from '../structures/zset.js';
import { setMembers, setTypeIsMember, setTypeSize } from './set.js';
import { maxListpackEntries, maxListpackValue, pairsReply, storeKey } from './zset-api.js';
import type { Ctx } from '../engine.js';

const UNION = 0;
const INTER = 1;
const DIFF = 2;
const AGGR_SUM = 0;
const AGGR_MIN = 1;
const AGGR_MAX = 2;

/** zsetopsrc: an input key (a sorted set, a set, or missing) and its weight. */
interface Src {
  o: RObj | undefined;
  weight: number;
}

// ---- Inputs: sorted sets and sets --------------------------------------------------------------

/** zuiLength. */
function srcLength(src: Src): number {
  const o = src.o;
  if (o === undefined) return 0;
  return o.type === 'zset' ? (o.value as ZSet).length : setTypeSize(o);
}

/** zuiFind: the member's score in the input (1 for a set member), or undefined. */
function srcFind(src: Src, member: string): number | undefined {
  const o = src.o!;
  if (o.type === 'zset') return (o.value as ZSet).score(member);
  return setTypeIsMember(o, member) ? 1 : undefined;
}

/** zuiNext over a whole input: a sorted set from its tail (as zuiInitIterator), a set in its order. */
function srcForEach(src: Src, fn: (member: string, score: number) => boolean | void): void {
  const o = src.o;
  if (o === undefined) return;
  if (o.type === 'zset') {
    const z = o.value as ZSet;
    for (let c = z.at(z.length - 1); c.valid; c.prev()) if (fn(c.member, c.score) === false) return;
    return;
  }
  for (const m of setMembers(o)) if (fn(m, 1) === false) return;
}

/** zunionInterAggregate. */
function aggregate(target: number, val: number, how: number): number {
  if (how === AGGR_SUM) {
    const r = target + val;
    // The sum of +inf and -inf is 0, not NaN.
    return Number.isNaN(r) ? 0 : r;
  }
  if (how === AGGR_MIN) return val < target ? val : target;
  return val > target ? val : target;
}

/** Sorts a result by (score, member), as the skiplist it is built into in Redis. */
function sortResult(members: string[], scores: number[]): void {
  const n = members.length;
  const idx = new Array<number>(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  idx.sort((a, b) => {
    const sa = scores[a];
    const sb = scores[b];
    if (sa < sb) return -1;
    if (sa > sb) return 1;
    const ma = members[a];
    const mb = members[b];
    return ma < mb ? -1 : ma > mb ? 1 : 0;
  });
  const m2 = idx.map((i) => members[i]);
  const s2 = idx.map((i) => scores[i]);
  for (let i = 0; i < n; i++) {
    members[i] = m2[i];
    scores[i] = s2[i];
  }
}

// ---- zunionInterDiffGenericCommand ------------------------------------------------------------

function zunionInterDiffGeneric(ctx: Ctx, argv: string[], dstkey: string | null, numkeysIndex: number, op: number, cardinalityOnly: boolean): Reply {
  const setnum = getLongLongOrError(argv[numkeysIndex]);
  if (setnum < 1) fail(`ERR at least 1 input key is needed for '${ctx.cmd.name}' command`);
  if (setnum > argv.length - (numkeysIndex + 1)) fail(errors.syntax);

  // Every input is looked up (and type-checked) before the options are parsed.
  const src: Src[] = new Array(setnum);
  let j = numkeysIndex + 1;
  for (let i = 0; i < setnum; i++, j++) {
    const o = ctx.lookupRead(argv[j]);
    if (o !== undefined && o.type !== 'zset' && o.type !== 'set') fail(errors.wrongType);
    src[i] = { o, weight: 1 };
  }

  let how = AGGR_SUM;
  let withScores = false;
  let limit = 0;
  let remaining = argv.length - j;
  while (remaining > 0) {
    const opt = argv[j];
    if (op !== DIFF && !cardinalityOnly && remaining >= setnum + 1 && eqi(opt, 'weights')) {
      j++;
      remaining--;
      for (let i = 0; i < setnum; i++, j++, remaining--) src[i].weight = getDoubleOrError(argv[j], 'ERR weight value is not a float');
    } else if (op !== DIFF && !cardinalityOnly && remaining >= 2 && eqi(opt, 'aggregate')) {
      const a = argv[j + 1];
      if (eqi(a, 'sum')) how = AGGR_SUM;
      else if (eqi(a, 'min')) how = AGGR_MIN;
      else if (eqi(a, 'max')) how = AGGR_MAX;
      else fail(errors.syntax);
      j += 2;
      remaining -= 2;
    } else if (remaining >= 1 && dstkey === null && !cardinalityOnly && eqi(opt, 'withscores')) {
      j++;
      remaining--;
      withScores = true;
    } else if (cardinalityOnly && remaining >= 2 && eqi(opt, 'limit')) {
      limit = getRangeLongOrError(argv[j + 1], 0, 9223372036854775807, "ERR LIMIT can't be negative");
      j += 2;
      remaining -= 2;
    } else {
      fail(errors.syntax);
    }
  }

  // Smallest input first (a stable sort, as glibc's qsort here): the order sums are taken in.
  if (op !== DIFF) src.sort((a, b) => srcLength(a) - srcLength(b));

  const members: string[] = [];
  const scores: number[] = [];
  let cardinality = 0;
  if (op === INTER) {
    if (srcLength(src[0]) > 0) {
      const first = src[0];
      srcForEach(first, (member, s) => {
        let score = first.weight * s;
        if (Number.isNaN(score)) score = 0;
        let k = 1;
        for (; k < setnum; k++) {
          const other = src[k];
          if (other.o === first.o) {
            score = aggregate(score, s * other.weight, how);
          } else {
            const v = other.o === undefined ? undefined : srcFind(other, member);
            if (v === undefined) break;
            score = aggregate(score, v * other.weight, how);
          }
        }
        if (k < setnum) return true;
        if (cardinalityOnly) {
          cardinality++;
          return !(limit && cardinality >= limit);
        }
        members.push(member);
        scores.push(score);
        return true;
      });
    }
  } else if (op === UNION) {
    const acc = new Map<string, number>();
    for (let i = 0; i < setnum; i++) {
      const s = src[i];
      if (srcLength(s) === 0) continue;
      srcForEach(s, (member, v) => {
        let score = s.weight * v;
        if (Number.isNaN(score)) score = 0;
        const cur = acc.get(member);
        acc.set(member, cur === undefined ? score : aggregate(cur, score, how));
      });
    }
    for (const [m, s] of acc) {
      members.push(m);
      scores.push(s);
    }
  } else {
    // zdiff: the first input's members found in no other input, with their own scores.
    const first = src[0];
    if (srcLength(first) > 0) {
      srcForEach(first, (member, s) => {
        for (let k = 1; k < setnum; k++) {
          const other = src[k];
          if (other.o === first.o) return;
          if (other.o !== undefined && srcFind(other, member) !== undefined) return;
        }
        members.push(member);
        scores.push(s);
      });
    }
  }

  if (cardinalityOnly) return cardinality;
  sortResult(members, scores);
  const n = members.length;

  if (dstkey !== null) {
    if (n > 0) {
      // Built as a skiplist; zsetConvertToListpackIfNeeded makes a small result a listpack.
      let maxelelen = 0;
      for (const m of members) if (m.length > maxelelen) maxelelen = m.length;
      const listpack = n <= maxListpackEntries(ctx.engine) && maxelelen <= maxListpackValue(ctx.engine);
      const dst = new RObj('zset', zsetFromSorted(members, scores, listpack), listpack ? 'listpack' : 'skiplist', 0);
      storeKey(ctx, dstkey, dst);
      ctx.notify('z', op === UNION ? 'zunionstore' : op === INTER ? 'zinterstore' : 'zdiffstore', dstkey);
      ctx.dirty++;
      return n;
    }
    if (ctx.deleteKey(dstkey)) {
      ctx.signalModifiedKey(dstkey);
      ctx.notify('g', 'del', dstkey);
      ctx.dirty++;
    }
    return 0;
  }

  return withScores ? pairsReply(ctx, members, scores) : members;
}

// ---- Commands --------------------------------------------------------------------------------

// ZUNIONSTORE destination numkeys key [key ...] [WEIGHTS weight [weight ...]] [AGGREGATE SUM|MIN|MAX]
function zunionstoreCommand(ctx: Ctx, argv: string[]): Reply {
  return zunionInterDiffGeneric(ctx, argv, argv[1], 2, UNION, false);
}

// ZINTERSTORE destination numkeys key [key ...] [WEIGHTS weight [weight ...]] [AGGREGATE SUM|MIN|MAX]
function zinterstoreCommand(ctx: Ctx, argv: string[]): Reply {
  return zunionInterDiffGeneric(ctx, argv, argv[1], 2, INTER, false);
}

// ZDIFFSTORE destination numkeys key [key ...]
function zdiffstoreCommand(ctx: Ctx, argv: string[]): Reply {
  return zunionInterDiffGeneric(ctx, argv, argv[1], 2, DIFF, false);
}

// ZUNION numkeys key [key ...] [WEIGHTS weight [weight ...]] [AGGREGATE SUM|MIN|MAX] [WITHSCORES]
function zunionCommand(ctx: Ctx, argv: string[]): Reply {
  return zunionInterDiffGeneric(ctx, argv, null, 1, UNION, false);
}

// ZINTER numkeys key [key ...] [WEIGHTS weight [weight ...]] [AGGREGATE SUM|MIN|MAX] [WITHSCORES]
function zinterCommand(ctx: Ctx, argv: string[]): Reply {
  return zunionInterDiffGeneric(ctx, argv, null, 1, INTER, false);
}

// ZINTERCARD numkeys key [key ...] [LIMIT limit]
function zintercardCommand(ctx: Ctx, argv: string[]): Reply {
  return zunionInterDiffGeneric(ctx, argv, null, 1, INTER, true);
}

// ZDIFF numkeys key [key ...] [WITHSCORES]
function zdiffCommand(ctx: Ctx, argv: string[]): Reply {
  return zunionInterDiffGeneric(ctx, argv, null, 1, DIFF, false);
}

// ---- Declarations ----------------------------------------------------------------------------

const getKeys = numkeysGetKeys(1, false);
const storeGetKeys = numkeysGetKeys(2, true);

function readDecl(name: string, since: string, handler: CommandDecl['handler']): CommandDecl {
  return {
    name, arity: -3, flags: ['readonly'], group: 'sorted-set', since, acl: ['sortedset'],
    keySpecs: [ksKeynum('RO access', 1, 0, 1)], getKeys, handler,
  };
}

function storeDecl(name: string, since: string, handler: CommandDecl['handler']): CommandDecl {
  return {
    name, arity: -4, flags: ['write', 'denyoom'], group: 'sorted-set', since, acl: ['sortedset'],
    keys: { first: 1, last: 1, step: 1 }, keySpecs: [ks('OW update', 1), ksKeynum('RO access', 2, 0, 1)], getKeys: storeGetKeys, handler,
  };
}

export const zsetStoreCommands: CommandDecl[] = [
  storeDecl('zunionstore', '2.0.0', zunionstoreCommand),
  storeDecl('zinterstore', '2.0.0', zinterstoreCommand),
  storeDecl('zdiffstore', '6.2.0', zdiffstoreCommand),
  readDecl('zunion', '6.2.0', zunionCommand),
  readDecl('zinter', '6.2.0', zinterCommand),
  readDecl('zintercard', '7.0.0', zintercardCommand),
  readDecl('zdiff', '6.2.0', zdiffCommand),
];

