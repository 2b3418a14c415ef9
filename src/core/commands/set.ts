// Set commands (t_set.c, Redis 7.0): the "Set API" (creation, the two encodings and the one-way
// conversion, add/remove/member tests, random members), then SADD SREM SMOVE SISMEMBER SMISMEMBER
// SCARD SPOP SRANDMEMBER SINTER SINTERCARD SINTERSTORE SMEMBERS SUNION SUNIONSTORE SDIFF SDIFFSTORE
// SSCAN.
//
// The value is an IntSet (structures/intset.ts: sorted int64 values, OBJECT ENCODING "intset")
// while every member is an integer in canonical form (string2ll) and there are at most
// set-max-intset-entries of them, else a Set<string> ("hashtable"), forever: 7.0 has no listpack
// sets and never converts back. An intset replies in ascending numeric order, as Redis's does;
// a Set replies in insertion order where Redis's dict has its own order (the differential tests
// compare those sorted). Results of SINTERSTORE, SUNION(STORE), SDIFF(STORE) and the whole-set
// SPOP start as an intset and convert as members are added, exactly as Redis builds them, so
// their encoding and order are Redis's.
//
// Costs: SADD SREM SISMEMBER SMOVE O(1) per member on a Set (O(log n) search plus a shift of at
// most 512 values on an intset); random members O(1) amortized (structures/random-key.ts);
// SINTER O(n * sets) of the smallest; SUNION and SDIFF O(total members).
import { ks, ksKeynum, numkeysGetKeys, type CommandDecl } from '../table.js';
import { SetReply, type Reply } from '../reply.js';
import { errors, fail } from '../errors.js';
import { eqi, getRangeLongOrError, LONG_MAX } from '../args.js';
import { LLONG_MIN, parseLongLong } from '../bytes.js';
import { RObj } from '../keyspace.js';
import { packStrings, registerCodec, unpackStrings } from '../codec.js';
import { IntSet, type IntValue } from '../structures/intset.js';
import { parseScanCursor, scanCursorsOf } from '../structures/scan-cursor.js';
import { MAX_RANDOM_REPLY, randomIndex, randomKey, sampleInPlace } from '../structures/random-key.js';
import { parseScanOptionsOrError, registerDuplicator } from './keys.js';
import type { Ctx, Engine } from '../engine.js';

// ---- Set API ---------------------------------------------------------------------------------

const INTSET = 'intset';
const HASHTABLE = 'hashtable';

/** The compiled default of set-max-intset-entries. */
const DEFAULT_MAX_INTSET_ENTRIES = 512;
// The threshold lives in engine.config as a string; the last string seen is parsed once.
let maxRaw: string | undefined;
let maxEntries = DEFAULT_MAX_INTSET_ENTRIES;

/** server.set_max_intset_entries, capped at 2^30 as setTypeAdd caps it. */
function maxIntsetEntries(engine: Engine): number {
  const raw = engine.config.get('set-max-intset-entries');
  if (raw !== maxRaw) {
    maxRaw = raw;
    const n = raw === undefined ? DEFAULT_MAX_INTSET_ENTRIES : Number(raw);
    maxEntries = n >= 1 << 30 ? 1 << 30 : n;
  }
  return maxEntries;
}

function newIntsetObject(): RObj {
  return new RObj('set', new IntSet(), INTSET, 0);
}

function newHashtableObject(members?: Iterable<string>): RObj {
  return new RObj('set', new Set<string>(members), HASHTABLE, 0);
}

/** setTypeCreate: a set that can hold `first`: an intset when it is an integer, else a hashtable. */
export function setTypeCreate(first: string): RObj {
  return parseLongLong(first) !== null ? newIntsetObject() : newHashtableObject();
}

/** setTypeConvert: intset -> hashtable, members in ascending order. */
function setTypeConvert(o: RObj): void {
  o.value = new Set<string>((o.value as IntSet).toStrings());
  o.enc = HASHTABLE;
}

/** setTypeAdd: true when `member` was added; converts the intset as Redis does. */
export function setTypeAdd(engine: Engine, o: RObj, member: string): boolean {
  if (o.enc === HASHTABLE) {
    const s = o.value as Set<string>;
    const n = s.size;
    s.add(member);
    return s.size !== n;
  }
  const v = parseLongLong(member);
  if (v === null) {
    setTypeConvert(o);
    (o.value as Set<string>).add(member);
    return true;
  }
  const is = o.value as IntSet;
  if (!is.add(v)) return false;
  if (is.size > maxIntsetEntries(engine)) setTypeConvert(o);
  return true;
}

/** setTypeRemove: true when `member` was there. */
export function setTypeRemove(o: RObj, member: string): boolean {
  if (o.enc === HASHTABLE) return (o.value as Set<string>).delete(member);
  const v = parseLongLong(member);
  return v !== null && (o.value as IntSet).remove(v);
}

/** setTypeIsMember. */
export function setTypeIsMember(o: RObj, member: string): boolean {
  if (o.enc === HASHTABLE) return (o.value as Set<string>).has(member);
  const v = parseLongLong(member);
  return v !== null && (o.value as IntSet).has(v);
}

/** setTypeSize. */
export function setTypeSize(o: RObj): number {
  return (o.value as Set<string> | IntSet).size;
}

/** The members in the set's own order (an intset's is ascending). */
export function setMembers(o: RObj): string[] {
  return o.enc === HASHTABLE ? Array.from(o.value as Set<string>) : (o.value as IntSet).toStrings();
}


/** setTypeRandomElement: a random member of a non-empty set. */
function setTypeRandomElement(ctx: Ctx, o: RObj): string {
  if (o.enc === HASHTABLE) return randomKey(o.value as Set<string>, ctx.engine.random)!;
  const is = o.value as IntSet;
  return String(is.at(randomIndex(ctx.engine.random, is.size)));
}

// COPY (setTypeDup): the same encoding, a private copy of the members.
registerDuplicator('set', (v) => (v instanceof IntSet ? v.clone() : new Set(v as Set<string>)));

// Snapshots: the members. Loading picks the encoding as rdbLoadObject does for a set: an intset when
// every member is an integer and they fit set-max-intset-entries, else a hashtable (so a hashtable
// of integers comes back as an intset, as it does from Redis's RDB).
registerCodec('set', {
  encode: (o) => packStrings(o.enc === HASHTABLE ? (o.value as Set<string>) : (o.value as IntSet).toStrings(), setTypeSize(o)),
  decode: (data, engine) => {
    const members = unpackStrings(data);
    if (members.length <= maxIntsetEntries(engine)) {
      const values: IntValue[] = [];
      for (const m of members) {
        const v = parseLongLong(m);
        if (v === null) return newHashtableObject(members);
        values.push(v);
      }
      values.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      return new RObj('set', new IntSet(values), INTSET, 0);
    }
    return newHashtableObject(members);
  },
});

/** A set's value for reading, after the type check; undefined when the key is missing. */
function lookupSetRead(ctx: Ctx, key: string): RObj | undefined {
  return ctx.lookupReadOfType(key, 'set');
}

/** shared.emptyset: `*0` in RESP2, `~0` in RESP3. */
const EMPTY_SET = new SetReply([]);


const NOT_POSITIVE = 'ERR value is out of range, must be positive';

/** SPOP with a count keeps what stays in a new set once that is at most a fifth of what goes (SPOP_MOVE_STRATEGY_MUL). */
const SPOP_MOVE_STRATEGY_MUL = 5;
/** SRANDMEMBER with a count copies the set and drops members once the count is over a third of it (SRANDMEMBER_SUB_STRATEGY_MUL). */
const SRANDMEMBER_SUB_STRATEGY_MUL = 3;


/**
 * sinterGenericCommand's core: the members of the intersection of `sets` (none missing), in the
 * iteration order of the smallest (the first of the smallest, as Redis's qsort leaves it), or only
 * their count up to `limit` (0: no limit) when `countOnly`.
 */
function intersect(sets: RObj[], countOnly: boolean, limit: number): string[] | number {
  // Smallest first; Array.prototype.sort is stable, as glibc's merge sort qsort is on small arrays.
  if (sets.length > 1) sets = sets.slice().sort((a, b) => setTypeSize(a) - setTypeSize(b));
  const first = sets[0];
  const n = sets.length;
  const out: string[] = [];
  let count = 0;
  if (first.enc === INTSET) {
    const is = first.value as IntSet;
    for (let i = 0; i < is.size; i++) {
      const v = is.at(i);
      let str: string | null = null;
      let j = 1;
      for (; j < n; j++) {
        const other = sets[j];
        if (other === first) continue;
        if (other.enc === INTSET) {
          if (!(other.value as IntSet).has(v)) break;
        } else {
          str ??= String(v);
          if (!(other.value as Set<string>).has(str)) break;
        }
      }
      if (j < n) continue;
      if (countOnly) {
        if (++count === limit) break;
      } else {
        out.push(str ?? String(v));
      }
    }
  } else {
    for (const m of first.value as Set<string>) {
      let j = 1;
      for (; j < n; j++) {
        const other = sets[j];
        if (other !== first && !setTypeIsMember(other, m)) break;
      }
      if (j < n) continue;
      if (countOnly) {
        if (++count === limit) break;
      } else {
        out.push(m);
      }
    }
  }
  return countOnly ? count : out;
}

/** The set objects of `keys` in order, null for a missing key; WRONGTYPE at the first of another type. */
function lookupSets(ctx: Ctx, argv: string[], from: number, to: number): Array<RObj | null> {
  const sets: Array<RObj | null> = [];
  for (let j = from; j < to; j++) sets.push(lookupSetRead(ctx, argv[j]) ?? null);
  return sets;
}

/**
 * The end of every STORE form: the result replaces `dst` (its TTL dropped), or an empty result
 * deletes it. Replies the result's size.
 */
function storeResult(ctx: Ctx, dst: string, result: RObj, event: string): Reply {
  const size = setTypeSize(result);
  if (size > 0) {
    ctx.setKey(dst, result);
    ctx.notify('s', event, dst);
    ctx.dirty++;
    return size;
  }
  if (ctx.deleteKey(dst)) {
    ctx.dirty++;
    ctx.signalModifiedKey(dst);
    ctx.notify('g', 'del', dst);
  }
  return 0;
}

/** SINTER / SINTERSTORE / SINTERCARD (sinterGenericCommand). */
function sinterGenericCommand(ctx: Ctx, argv: string[], from: number, to: number, dst: string | null, countOnly: boolean, limit: number): Reply {
  const found = lookupSets(ctx, argv, from, to);
  const sets: RObj[] = [];
  for (const o of found) if (o !== null) sets.push(o);
  // An intersection with a missing (empty) set is empty.
  if (sets.length < found.length) {
    if (dst !== null) {
      if (ctx.deleteKey(dst)) {
        ctx.signalModifiedKey(dst);
        ctx.notify('g', 'del', dst);
        ctx.dirty++;
      }
      return 0;
    }
    return countOnly ? 0 : EMPTY_SET;
  }
  const result = intersect(sets, countOnly, limit);
  if (typeof result === 'number') return result;
  if (dst === null) return new SetReply(result);
  // The stored set starts as an intset and converts as members come (createIntsetObject + setTypeAdd).
  const o = newIntsetObject();
  for (const m of result) setTypeAdd(ctx.engine, o, m);
  return storeResult(ctx, dst, o, 'sinterstore');
}

const SET_OP_UNION = 0;
const SET_OP_DIFF = 1;

/**
 * sunionDiffGenericCommand: the union or difference as a new set object, built from an intset
 * with setTypeAdd / setTypeRemove as Redis builds it, so its encoding is Redis's.
 */
function unionDiff(ctx: Ctx, sets: Array<RObj | null>, op: number): RObj {
  const engine = ctx.engine;
  const result = newIntsetObject();
  const first = sets[0];
  if (op === SET_OP_UNION) {
    for (const o of sets) {
      if (o === null) continue;
      for (const m of setMembers(o)) setTypeAdd(engine, result, m);
    }
    return result;
  }
  if (first === null) return result;
  // Another argument naming the first key makes the difference empty.
  for (let j = 1; j < sets.length; j++) if (sets[j] === first) return result;
  // Redis picks the cheaper algorithm; they build the result differently (the second adds, then
  // removes), which can leave a different encoding, so the choice is Redis's exactly.
  let algoOne = 0;
  let algoTwo = 0;
  const firstSize = setTypeSize(first);
  for (const o of sets) {
    if (o === null) continue;
    algoOne += firstSize;
    algoTwo += setTypeSize(o);
  }
  algoOne = Math.floor(algoOne / 2);
  if (algoOne <= algoTwo) {
    // Algorithm 1: each member of the first set that no other set has.
    for (const m of setMembers(first)) {
      let j = 1;
      for (; j < sets.length; j++) {
        const o = sets[j];
        if (o !== null && setTypeIsMember(o, m)) break;
      }
      if (j === sets.length) setTypeAdd(engine, result, m);
    }
    return result;
  }
  // Algorithm 2: add the first set, remove the others, stop once empty.
  for (let j = 0; j < sets.length; j++) {
    const o = sets[j];
    if (o === null) continue;
    if (j === 0) for (const m of setMembers(o)) setTypeAdd(engine, result, m);
    else for (const m of setMembers(o)) setTypeRemove(result, m);
    if (setTypeSize(result) === 0) break;
  }
  return result;
}

/** SUNION / SUNIONSTORE / SDIFF / SDIFFSTORE, of the keys argv[from..to). */
function sunionDiffGenericCommand(ctx: Ctx, argv: string[], from: number, to: number, dst: string | null, op: number): Reply {
  const result = unionDiff(ctx, lookupSets(ctx, argv, from, to), op);
  if (dst === null) return new SetReply(setMembers(result));
  return storeResult(ctx, dst, result, op === SET_OP_UNION ? 'sunionstore' : 'sdiffstore');
}

// ---- Commands --------------------------------------------------------------------------------

// SADD key member [member ...]
function saddCommand(ctx: Ctx, argv: string[]): Reply {
  const key = argv[1];
  let o = ctx.lookupWriteOfType(key, 'set');
  if (o === undefined) {
    o = setTypeCreate(argv[2]);
    ctx.add(key, o);
  }
  const engine = ctx.engine;
  let added = 0;
  if (o.enc === HASHTABLE) {
    // The common case, inline: one hash operation per member.
    const s = o.value as Set<string>;
    for (let j = 2; j < argv.length; j++) {
      const n = s.size;
      s.add(argv[j]);
      if (s.size !== n) added++;
    }
  } else {
    for (let j = 2; j < argv.length; j++) if (setTypeAdd(engine, o, argv[j])) added++;
  }
  if (added !== 0) {
    ctx.signalModifiedKey(key);
    ctx.notify('s', 'sadd', key);
  }
  ctx.dirty += added;
  return added;
}

// SREM key member [member ...]
function sremCommand(ctx: Ctx, argv: string[]): Reply {
  const key = argv[1];
  const o = ctx.lookupWriteOfType(key, 'set');
  if (o === undefined) return 0;
  let deleted = 0;
  let keyRemoved = false;
  for (let j = 2; j < argv.length; j++) {
    if (!setTypeRemove(o, argv[j])) continue;
    deleted++;
    if (setTypeSize(o) === 0) {
      ctx.deleteKey(key);
      keyRemoved = true;
      break;
    }
  }
  if (deleted !== 0) {
    ctx.signalModifiedKey(key);
    ctx.notify('s', 'srem', key);
    if (keyRemoved) ctx.notify('g', 'del', key);
    ctx.dirty += deleted;
  }
  return deleted;
}

// SMOVE source destination member
function smoveCommand(ctx: Ctx, argv: string[]): Reply {
  const srcKey = argv[1];
  const dstKey = argv[2];
  const member = argv[3];
  const src = ctx.lookupWrite(srcKey);
  let dst = ctx.lookupWrite(dstKey);
  // A missing source moves nothing, whatever the destination holds.
  if (src === undefined) return 0;
  if (src.type !== 'set' || (dst !== undefined && dst.type !== 'set')) fail(errors.wrongType);
  // The same set: nothing moves; the reply says whether the member is there.
  if (src === dst) return setTypeIsMember(src, member) ? 1 : 0;
  if (!setTypeRemove(src, member)) return 0;
  ctx.notify('s', 'srem', srcKey);
  if (setTypeSize(src) === 0) {
    ctx.deleteKey(srcKey);
    ctx.notify('g', 'del', srcKey);
  }
  if (dst === undefined) {
    dst = setTypeCreate(member);
    ctx.add(dstKey, dst);
  }
  ctx.signalModifiedKey(srcKey);
  ctx.dirty++;
  // The destination changed only when the member was not there yet.
  if (setTypeAdd(ctx.engine, dst, member)) {
    ctx.dirty++;
    ctx.signalModifiedKey(dstKey);
    ctx.notify('s', 'sadd', dstKey);
  }
  return 1;
}

// SISMEMBER key member
function sismemberCommand(ctx: Ctx, argv: string[]): Reply {
  const o = lookupSetRead(ctx, argv[1]);
  return o !== undefined && setTypeIsMember(o, argv[2]) ? 1 : 0;
}

// SMISMEMBER key member [member ...]
function smismemberCommand(ctx: Ctx, argv: string[]): Reply {
  // A missing key is an empty set: a zero per member.
  const o = lookupSetRead(ctx, argv[1]);
  const out: number[] = new Array(argv.length - 2);
  for (let j = 2; j < argv.length; j++) out[j - 2] = o !== undefined && setTypeIsMember(o, argv[j]) ? 1 : 0;
  return out;
}

// SCARD key
function scardCommand(ctx: Ctx, argv: string[]): Reply {
  const o = lookupSetRead(ctx, argv[1]);
  return o === undefined ? 0 : setTypeSize(o);
}

// SPOP key [count]
function spopCommand(ctx: Ctx, argv: string[]): Reply {
  if (argv.length === 3) return spopWithCountCommand(ctx, argv);
  if (argv.length > 3) fail(errors.syntax);
  const key = argv[1];
  const o = ctx.lookupWriteOfType(key, 'set');
  if (o === undefined) return null;
  const member = setTypeRandomElement(ctx, o);
  setTypeRemove(o, member);
  ctx.notify('s', 'spop', key);
  // Propagated as the SREM of what was popped.
  ctx.rewrite(['SREM', key, member]);
  if (setTypeSize(o) === 0) {
    ctx.deleteKey(key);
    ctx.notify('g', 'del', key);
  }
  ctx.signalModifiedKey(key);
  ctx.dirty++;
  return member;
}

/** spopWithCountCommand: Redis's three cases by count against the size. */
function spopWithCountCommand(ctx: Ctx, argv: string[]): Reply {
  const count = getRangeLongOrError(argv[2], 0, LONG_MAX, NOT_POSITIVE);
  const key = argv[1];
  const o = ctx.lookupWriteOfType(key, 'set');
  if (o === undefined || count === 0) return EMPTY_SET;
  const size = setTypeSize(o);
  ctx.notify('s', 'spop', key);
  ctx.dirty += count >= size ? size : count;

  // CASE 1: the count covers the set: all of it (as SUNION of the key builds it), then the key goes,
  // propagated as DEL.
  if (count >= size) {
    const reply = sunionDiffGenericCommand(ctx, argv, 1, 2, null, SET_OP_UNION) as SetReply;
    ctx.deleteKey(key);
    ctx.notify('g', 'del', key);
    ctx.rewrite(['DEL', key]);
    ctx.signalModifiedKey(key);
    return reply;
  }

  // CASES 2 and 3 propagate one SREM per popped member instead of the SPOP.
  const popped: string[] = [];
  const remaining = size - count;
  if (remaining * SPOP_MOVE_STRATEGY_MUL > count) {
    // CASE 2: few members go: pick and remove them one by one.
    for (let i = 0; i < count; i++) {
      const m = setTypeRandomElement(ctx, o);
      setTypeRemove(o, m);
      popped.push(m);
    }
  } else {
    // CASE 3: most members go: pick the few that stay into a new set (created for the first of
    // them, so its encoding is Redis's), and pop what is left of the old one.
    let kept: RObj | null = null;
    for (let i = 0; i < remaining; i++) {
      const m = setTypeRandomElement(ctx, o);
      kept ??= setTypeCreate(m);
      setTypeAdd(ctx.engine, kept, m);
      setTypeRemove(o, m);
    }
    for (const m of setMembers(o)) popped.push(m);
    // dbOverwrite: the key keeps its TTL and now holds the new set.
    o.value = kept!.value;
    o.enc = kept!.enc;
  }
  for (const m of popped) ctx.propagate(['SREM', key, m]);
  ctx.signalModifiedKey(key);
  return new SetReply(popped);
}

// SRANDMEMBER key [count]
function srandmemberCommand(ctx: Ctx, argv: string[]): Reply {
  if (argv.length === 3) return srandmemberWithCountCommand(ctx, argv);
  if (argv.length > 3) fail(errors.syntax);
  const o = lookupSetRead(ctx, argv[1]);
  return o === undefined ? null : setTypeRandomElement(ctx, o);
}

/** srandmemberWithCountCommand: Redis's four cases by count against the size. */
function srandmemberWithCountCommand(ctx: Ctx, argv: string[]): Reply {
  // getRangeLongFromObjectOrReply(-LONG_MAX, LONG_MAX): only LLONG_MIN is out of that range.
  const l = parseLongLong(argv[2]);
  if (l === null) fail(errors.notInteger);
  if (l === LLONG_MIN) fail('ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807');
  const uniq = l >= 0;
  const count = Number(uniq ? l : -l);
  const o = lookupSetRead(ctx, argv[1]);
  if (o === undefined || count === 0) return [];
  const size = setTypeSize(o);

  // CASE 1: a negative count (picks with repetition) or a count of 1.
  if (!uniq || count === 1) {
    if (count > MAX_RANDOM_REPLY) fail('ERR value is out of range');
    const out = new Array<string>(count);
    if (o.enc === INTSET || size <= 1024 || count >= size >> 3) {
      // One array of the members, then O(1) per pick.
      const members = setMembers(o);
      for (let i = 0; i < count; i++) out[i] = members[randomIndex(ctx.engine.random, size)];
    } else {
      const s = o.value as Set<string>;
      const random = ctx.engine.random;
      for (let i = 0; i < count; i++) out[i] = randomKey(s, random)!;
    }
    return out;
  }

  // CASE 2: the count covers the set: all of it, in the set's order.
  if (count >= size) return setMembers(o);

  // CASE 3: the count is close to the size: the members, less random ones down to the count.
  if (count * SRANDMEMBER_SUB_STRATEGY_MUL > size || o.enc === INTSET || size <= 1024) {
    const members = setMembers(o);
    sampleInPlace(ctx.engine.random, members, count);
    return members;
  }

  // CASE 4: a big set and a small count: random picks until `count` distinct ones.
  const s = o.value as Set<string>;
  const random = ctx.engine.random;
  const picked = new Set<string>();
  while (picked.size < count) picked.add(randomKey(s, random)!);
  return Array.from(picked);
}

// SMEMBERS key   (Redis 7.0 runs it as SINTER of one key)
function smembersCommand(ctx: Ctx, argv: string[]): Reply {
  const o = lookupSetRead(ctx, argv[1]);
  return o === undefined ? EMPTY_SET : new SetReply(setMembers(o));
}

// SINTER key [key ...]
function sinterCommand(ctx: Ctx, argv: string[]): Reply {
  return sinterGenericCommand(ctx, argv, 1, argv.length, null, false, 0);
}

// SINTERCARD numkeys key [key ...] [LIMIT limit]
function sintercardCommand(ctx: Ctx, argv: string[]): Reply {
  const numkeys = getRangeLongOrError(argv[1], 1, LONG_MAX, 'ERR numkeys should be greater than 0');
  if (numkeys > argv.length - 2) fail("ERR Number of keys can't be greater than number of args");
  let limit = 0;
  for (let j = 2 + numkeys; j < argv.length; j++) {
    if (eqi(argv[j], 'limit') && j + 1 < argv.length) {
      limit = getRangeLongOrError(argv[++j], 0, LONG_MAX, "ERR LIMIT can't be negative");
    } else {
      fail(errors.syntax);
    }
  }
  return sinterGenericCommand(ctx, argv, 2, 2 + numkeys, null, true, limit);
}

// SINTERSTORE destination key [key ...]
function sinterstoreCommand(ctx: Ctx, argv: string[]): Reply {
  return sinterGenericCommand(ctx, argv, 2, argv.length, argv[1], false, 0);
}

// SUNION key [key ...]
function sunionCommand(ctx: Ctx, argv: string[]): Reply {
  return sunionDiffGenericCommand(ctx, argv, 1, argv.length, null, SET_OP_UNION);
}

// SUNIONSTORE destination key [key ...]
function sunionstoreCommand(ctx: Ctx, argv: string[]): Reply {
  return sunionDiffGenericCommand(ctx, argv, 2, argv.length, argv[1], SET_OP_UNION);
}

// SDIFF key [key ...]
function sdiffCommand(ctx: Ctx, argv: string[]): Reply {
  return sunionDiffGenericCommand(ctx, argv, 1, argv.length, null, SET_OP_DIFF);
}

// SDIFFSTORE destination key [key ...]
function sdiffstoreCommand(ctx: Ctx, argv: string[]): Reply {
  return sunionDiffGenericCommand(ctx, argv, 2, argv.length, argv[1], SET_OP_DIFF);
}

// SSCAN key cursor [MATCH pattern] [COUNT count]
function sscanCommand(ctx: Ctx, argv: string[]): Reply {
  const cursor = parseScanCursor(argv[2]);
  if (cursor === null) fail('ERR invalid cursor');
  const o = lookupSetRead(ctx, argv[1]);
  if (o === undefined) return ['0', []];
  // The options are parsed after the lookup, as scanGenericCommand does (a missing key ignores them).
  const opts = parseScanOptionsOrError(argv, 3, false);
  let members: string[];
  let next = '0';
  if (o.enc === INTSET) {
    // A small encoding is answered whole, whatever the cursor and COUNT.
    members = (o.value as IntSet).toStrings();
  } else {
    members = [];
    next = scanCursorsOf(ctx.engine).scan(o.value as Set<string>, cursor, opts.count, ctx.now, members);
  }
  const match = opts.match;
  if (match !== null) {
    let n = 0;
    for (let i = 0; i < members.length; i++) if (match(members[i])) members[n++] = members[i];
    members.length = n;
  }
  return [next, members];
}

// ---- Declarations ----------------------------------------------------------------------------

const KEY1 = { first: 1, last: 1, step: 1 };
const ALL_KEYS = { first: 1, last: -1, step: 1 };
const ORDER_TIPS = ['nondeterministic_output_order'];
const RANDOM_TIPS = ['nondeterministic_output'];
const STORE_SPECS = (dstFlags: string) => [ks(dstFlags, 1), ks('RO access', 2, -1)];


export const setCommands: CommandDecl[] = [
  {
    name: 'sadd', arity: -3, flags: ['write', 'denyoom', 'fast'], group: 'set', since: '1.0.0', acl: ['set'],
    keys: KEY1, keySpecs: [ks('RW insert', 1)], handler: saddCommand,
  },
  {
    name: 'srem', arity: -3, flags: ['write', 'fast'], group: 'set', since: '1.0.0', acl: ['set'],
    keys: KEY1, keySpecs: [ks('RW delete', 1)], handler: sremCommand,
  },
  {
    name: 'smove', arity: 4, flags: ['write', 'fast'], group: 'set', since: '1.0.0', acl: ['set'],
    keys: { first: 1, last: 2, step: 1 }, keySpecs: [ks('RW access delete', 1), ks('RW insert', 2)], handler: smoveCommand,
  },
  {
    name: 'sismember', arity: 3, flags: ['readonly', 'fast'], group: 'set', since: '1.0.0', acl: ['set'],
    keys: KEY1, keySpecs: [ks('RO', 1)], handler: sismemberCommand,
  },
  {
    name: 'smismember', arity: -3, flags: ['readonly', 'fast'], group: 'set', since: '6.2.0', acl: ['set'],
    keys: KEY1, keySpecs: [ks('RO access', 1)], handler: smismemberCommand,
  },
  {
    name: 'scard', arity: 2, flags: ['readonly', 'fast'], group: 'set', since: '1.0.0', acl: ['set'],
    keys: KEY1, keySpecs: [ks('RO', 1)], handler: scardCommand,
  },
  {
    name: 'spop', arity: -2, flags: ['write', 'fast'], group: 'set', since: '1.0.0', acl: ['set'], tips: RANDOM_TIPS,
    keys: KEY1, keySpecs: [ks('RW access delete', 1)], handler: spopCommand,
  },
  {
    name: 'srandmember', arity: -2, flags: ['readonly'], group: 'set', since: '1.0.0', acl: ['set'], tips: RANDOM_TIPS,
    keys: KEY1, keySpecs: [ks('RO access', 1)], handler: srandmemberCommand,
  },
  {
    name: 'smembers', arity: 2, flags: ['readonly'], group: 'set', since: '1.0.0', acl: ['set'], tips: ORDER_TIPS,
    keys: KEY1, keySpecs: [ks('RO access', 1)], handler: smembersCommand,
  },
  {
    name: 'sinter', arity: -2, flags: ['readonly'], group: 'set', since: '1.0.0', acl: ['set'], tips: ORDER_TIPS,
    keys: ALL_KEYS, keySpecs: [ks('RO access', 1, -1)], handler: sinterCommand,
  },
  {
    name: 'sintercard', arity: -3, flags: ['readonly'], group: 'set', since: '7.0.0', acl: ['set'],
    keySpecs: [ksKeynum('RO access', 1, 0, 1)], getKeys: numkeysGetKeys(1), handler: sintercardCommand,
  },
  {
    name: 'sinterstore', arity: -3, flags: ['write', 'denyoom'], group: 'set', since: '1.0.0', acl: ['set'],
    keys: ALL_KEYS, keySpecs: STORE_SPECS('RW update'), handler: sinterstoreCommand,
  },
  {
    name: 'sunion', arity: -2, flags: ['readonly'], group: 'set', since: '1.0.0', acl: ['set'], tips: ORDER_TIPS,
    keys: ALL_KEYS, keySpecs: [ks('RO access', 1, -1)], handler: sunionCommand,
  },
  {
    name: 'sunionstore', arity: -3, flags: ['write', 'denyoom'], group: 'set', since: '1.0.0', acl: ['set'],
    keys: ALL_KEYS, keySpecs: STORE_SPECS('OW update'), handler: sunionstoreCommand,
  },
  {
    name: 'sdiff', arity: -2, flags: ['readonly'], group: 'set', since: '1.0.0', acl: ['set'], tips: ORDER_TIPS,
    keys: ALL_KEYS, keySpecs: [ks('RO access', 1, -1)], handler: sdiffCommand,
  },
  {
    name: 'sdiffstore', arity: -3, flags: ['write', 'denyoom'], group: 'set', since: '1.0.0', acl: ['set'],
    keys: ALL_KEYS, keySpecs: STORE_SPECS('OW update'), handler: sdiffstoreCommand,
  },
  {
    name: 'sscan', arity: -3, flags: ['readonly'], group: 'set', since: '2.8.0', acl: ['set'], tips: RANDOM_TIPS,
    keys: KEY1, keySpecs: [ks('RO access', 1)], handler: sscanCommand,
  },
];
