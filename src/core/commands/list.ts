// List commands (t_list.c, Redis 7.0): pushes, pops (with COUNT), ranges, LINSERT LSET LREM LTRIM
// LPOS, LMOVE, LMPOP, and the blocking pops BLPOP BRPOP BLMOVE BRPOPLPUSH BLMPOP. A list value is a
// ChunkedDeque (structures/chunked-deque.ts); OBJECT ENCODING reports "quicklist" always, as 7.0
// does. An emptied list is deleted (with a `del` event) where Redis deletes it.
//
// Blocking: a blocking handler tries its pop; finding nothing it answers as the non-blocking form
// inside MULTI (ctx.canBlock false) or parks the session (ctx.block). When a key it waits on
// becomes ready the engine runs the same handler again with ctx.served set; the pop it then does is
// propagated as the plain pop (LPOP, LPOP key count, LMOVE, RPOPLPUSH), as Redis 7.0's
// serveClientBlockedOnList propagates it.
import { ks, ksKeynum, numkeysGetKeys, type CommandDecl } from '../table.js';
import { NULL_ARRAY, OK, type Reply } from '../reply.js';
import { errors, fail, wrongArity } from '../errors.js';
import { eqi, getExactLongLongOrError, getLongLongOrError, getPositiveLongOrError, getRangeLongOrError, getTimeoutOrError, LONG_MAX } from '../args.js';
import { RObj } from '../keyspace.js';
import { ChunkedDeque } from '../structures/chunked-deque.js';
import { registerDuplicator } from './keys.js';
import { packStrings, registerCodec, unpackStrings } from '../codec.js';
import type { Ctx } from '../engine.js';

// ---- List API --------------------------------------------------------------------------------

/** createQuicklistObject: Redis 7.0 creates every list as a quicklist. */
function newListObject(): RObj {
  return new RObj('list', new ChunkedDeque(), 'quicklist', 0);
}

registerDuplicator('list', (v) => (v as ChunkedDeque).dup());

// Snapshots: the elements in order; a loaded list is a quicklist whatever its size, as in 7.0.
registerCodec('list', {
  encode: (o) => {
    const list = o.value as ChunkedDeque;
    return packStrings(list, list.length);
  },
  decode: (data) => new RObj('list', ChunkedDeque.from(unpackStrings(data)), 'quicklist', 0),
});

const NOT_POSITIVE = 'ERR value is out of range, must be positive';

/** getListPositionFromObjectOrReply: true for LEFT (the head), false for RIGHT. */
function getListPositionOrError(arg: string): boolean {
  if (eqi(arg, 'left')) return true;
  if (eqi(arg, 'right')) return false;
  fail(errors.syntax);
}

/**
 * listElementsRemoved: the pop event, the deletion of an emptied list, signalModifiedKey and
 * dirty. `signal` false for a served BLPOP/BRPOP, which Redis does not signal again.
 */
function listElementsRemoved(ctx: Ctx, key: string, head: boolean, list: ChunkedDeque, count: number, signal = true): void {
  ctx.notify('l', head ? 'lpop' : 'rpop', key);
  if (list.length === 0) {
    ctx.deleteKey(key);
    ctx.notify('g', 'del', key);
  }
  if (signal) ctx.signalModifiedKey(key);
  ctx.dirty += count;
}

/** Pops up to `count` elements from one end, in pop order (listPopRange). */
function popRange(list: ChunkedDeque, head: boolean, count: number): string[] {
  const n = Math.min(count, list.length);
  const out: string[] = new Array(n);
  if (head) for (let i = 0; i < n; i++) out[i] = list.popFront()!;
  else for (let i = 0; i < n; i++) out[i] = list.popBack()!;
  return out;
}

/** addListRangeReply: elements start..end with Redis's index rules (negative from the end, clamped). */
function listRange(list: ChunkedDeque, start: number, end: number): string[] {
  const llen = list.length;
  if (start < 0) start = llen + start;
  if (end < 0) end = llen + end;
  if (start < 0) start = 0;
  if (start > end || start >= llen) return [];
  if (end >= llen) end = llen - 1;
  return list.slice(start, end);
}

/** An index as LINDEX / LSET take it (negative from the tail), or -1 when out of range. */
function listIndex(list: ChunkedDeque, index: number): number {
  if (index < 0) index = list.length + index;
  return index < 0 || index >= list.length ? -1 : index;
}

// ---- Commands --------------------------------------------------------------------------------

// LPUSH key element [element ...] / RPUSH / LPUSHX / RPUSHX
function pushGenericCommand(ctx: Ctx, argv: string[], head: boolean, xx: boolean): Reply {
  const key = argv[1];
  let o = ctx.lookupWriteOfType(key, 'list');
  if (o === undefined) {
    if (xx) return 0;
    o = newListObject();
    ctx.add(key, o);
  }
  const list = o.value as ChunkedDeque;
  if (head) for (let j = 2; j < argv.length; j++) list.pushFront(argv[j]);
  else for (let j = 2; j < argv.length; j++) list.pushBack(argv[j]);
  ctx.dirty += argv.length - 2;
  ctx.signalModifiedKey(key);
  ctx.notify('l', head ? 'lpush' : 'rpush', key);
  return list.length;
}

const lpushCommand = (ctx: Ctx, argv: string[]) => pushGenericCommand(ctx, argv, true, false);
const rpushCommand = (ctx: Ctx, argv: string[]) => pushGenericCommand(ctx, argv, false, false);
const lpushxCommand = (ctx: Ctx, argv: string[]) => pushGenericCommand(ctx, argv, true, true);
const rpushxCommand = (ctx: Ctx, argv: string[]) => pushGenericCommand(ctx, argv, false, true);

// LINSERT key BEFORE|AFTER pivot element
function linsertCommand(ctx: Ctx, argv: string[]): Reply {
  let after: boolean;
  if (eqi(argv[2], 'after')) after = true;
  else if (eqi(argv[2], 'before')) after = false;
  else fail(errors.syntax);
  const key = argv[1];
  const o = ctx.lookupWriteOfType(key, 'list');
  if (o === undefined) return 0;
  const list = o.value as ChunkedDeque;
  const i = list.indexOf(argv[3]);
  if (i < 0) return -1;
  list.insert(after ? i + 1 : i, argv[4]);
  ctx.signalModifiedKey(key);
  ctx.notify('l', 'linsert', key);
  ctx.dirty++;
  return list.length;
}

// LLEN key
function llenCommand(ctx: Ctx, argv: string[]): Reply {
  const o = ctx.lookupReadOfType(argv[1], 'list');
  return o === undefined ? 0 : (o.value as ChunkedDeque).length;
}

// LINDEX key index
function lindexCommand(ctx: Ctx, argv: string[]): Reply {
  const o = ctx.lookupReadOfType(argv[1], 'list');
  if (o === undefined) return null;
  const list = o.value as ChunkedDeque;
  const i = listIndex(list, getLongLongOrError(argv[2]));
  return i < 0 ? null : list.get(i);
}

// LSET key index element
function lsetCommand(ctx: Ctx, argv: string[]): Reply {
  const key = argv[1];
  const o = ctx.lookupWriteOfType(key, 'list');
  if (o === undefined) fail(errors.noSuchKey);
  const list = o.value as ChunkedDeque;
  const i = listIndex(list, getLongLongOrError(argv[2]));
  if (i < 0) fail(errors.outOfRange);
  list.set(i, argv[3]);
  ctx.signalModifiedKey(key);
  ctx.notify('l', 'lset', key);
  ctx.dirty++;
  return OK;
}

// LPOP key [count] / RPOP key [count]
function popGenericCommand(ctx: Ctx, argv: string[], head: boolean): Reply {
  if (argv.length > 3) fail(wrongArity(ctx.cmd.name));
  const hasCount = argv.length === 3;
  const count = hasCount ? getPositiveLongOrError(argv[2], NOT_POSITIVE) : 0;
  const key = argv[1];
  const o = ctx.lookupWriteOfType(key, 'list');
  if (o === undefined) return hasCount ? NULL_ARRAY : null;
  if (hasCount && count === 0) return [];
  const list = o.value as ChunkedDeque;
  if (!hasCount) {
    const v = head ? list.popFront()! : list.popBack()!;
    listElementsRemoved(ctx, key, head, list, 1);
    return v;
  }
  const out = popRange(list, head, count);
  listElementsRemoved(ctx, key, head, list, out.length);
  return out;
}

const lpopCommand = (ctx: Ctx, argv: string[]) => popGenericCommand(ctx, argv, true);
const rpopCommand = (ctx: Ctx, argv: string[]) => popGenericCommand(ctx, argv, false);

// LRANGE key start stop
function lrangeCommand(ctx: Ctx, argv: string[]): Reply {
  const start = getLongLongOrError(argv[2]);
  const end = getLongLongOrError(argv[3]);
  const o = ctx.lookupReadOfType(argv[1], 'list');
  if (o === undefined) return [];
  return listRange(o.value as ChunkedDeque, start, end);
}

// LTRIM key start stop
function ltrimCommand(ctx: Ctx, argv: string[]): Reply {
  let start = getLongLongOrError(argv[2]);
  let end = getLongLongOrError(argv[3]);
  const key = argv[1];
  const o = ctx.lookupWriteOfType(key, 'list');
  if (o === undefined) return OK;
  const list = o.value as ChunkedDeque;
  const llen = list.length;
  if (start < 0) start = llen + start;
  if (end < 0) end = llen + end;
  if (start < 0) start = 0;
  let ltrim: number;
  let rtrim: number;
  if (start > end || start >= llen) {
    ltrim = llen;
    rtrim = 0;
  } else {
    if (end >= llen) end = llen - 1;
    ltrim = start;
    rtrim = llen - end - 1;
  }
  list.trimFront(ltrim);
  list.trimBack(rtrim);
  ctx.notify('l', 'ltrim', key);
  if (list.length === 0) {
    ctx.deleteKey(key);
    ctx.notify('g', 'del', key);
  }
  ctx.signalModifiedKey(key);
  ctx.dirty += ltrim + rtrim;
  return OK;
}

const RANK_ZERO =
  "ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list";

// LPOS key element [RANK rank] [COUNT num-matches] [MAXLEN len]
function lposCommand(ctx: Ctx, argv: string[]): Reply {
  const ele = argv[2];
  let rank = 1;
  // RANK LONG_MIN: Redis negates it in a long, which leaves it negative, so every match counts as
  // past the rank and COUNT never stops the scan.
  let rankIsLongMin = false;
  let count = -1;
  let maxlen = 0;
  for (let j = 3; j < argv.length; j++) {
    const opt = argv[j];
    const more = j < argv.length - 1;
    if (more && eqi(opt, 'rank')) {
      const r = getExactLongLongOrError(argv[++j]);
      if (r == 0) fail(RANK_ZERO);
      rankIsLongMin = r === -9223372036854775808n;
      rank = Number(r);
    } else if (more && eqi(opt, 'count')) {
      count = getPositiveLongOrError(argv[++j], "ERR COUNT can't be negative");
    } else if (more && eqi(opt, 'maxlen')) {
      maxlen = getPositiveLongOrError(argv[++j], "ERR MAXLEN can't be negative");
    } else {
      fail(errors.syntax);
    }
  }
  const fromTail = rank < 0;
  if (fromTail) rank = rankIsLongMin ? 1 : -rank;
  const o = ctx.lookupReadOfType(argv[1], 'list');
  if (o === undefined) return count !== -1 ? [] : null;
  const list = o.value as ChunkedDeque;
  const out: number[] = [];
  let scanned = 0;
  let matches = 0;
  let found = -1;
  list.scan(fromTail, (v, i) => {
    if (maxlen !== 0 && scanned >= maxlen) return true;
    scanned++;
    if (v !== ele) return false;
    matches++;
    if (matches < rank) return false;
    if (count === -1) {
      found = i;
      return true;
    }
    out.push(i);
    return count !== 0 && !rankIsLongMin && matches - rank + 1 >= count;
  });
  if (count !== -1) return out;
  return found === -1 ? null : found;
}

// LREM key count element
function lremCommand(ctx: Ctx, argv: string[]): Reply {
  const toremove = getLongLongOrError(argv[2]);
  const key = argv[1];
  const o = ctx.lookupWriteOfType(key, 'list');
  if (o === undefined) return 0;
  const list = o.value as ChunkedDeque;
  // count 0 removes all; a negative count walks from the tail (LONG_MIN stays "all from the tail").
  const removed = list.removeMatching(argv[3], Math.abs(toremove), toremove < 0);
  ctx.dirty += removed;
  if (removed !== 0) {
    ctx.signalModifiedKey(key);
    ctx.notify('l', 'lrem', key);
  }
  if (list.length === 0) {
    ctx.deleteKey(key);
    ctx.notify('g', 'del', key);
  }
  return removed;
}

/** lmoveHandlePush: creates the destination if needed, pushes, notifies. */
function lmoveHandlePush(ctx: Ctx, dstKey: string, dst: RObj | undefined, value: string, toHead: boolean): void {
  if (dst === undefined) {
    dst = newListObject();
    ctx.add(dstKey, dst);
  }
  ctx.signalModifiedKey(dstKey);
  const list = dst.value as ChunkedDeque;
  if (toHead) list.pushFront(value);
  else list.pushBack(value);
  ctx.notify('l', toHead ? 'lpush' : 'rpush', dstKey);
}

/**
 * lmoveGenericCommand (LMOVE, RPOPLPUSH, and BLMOVE/BRPOPLPUSH once the source has elements):
 * null when the source is missing; WRONGTYPE for either key before anything moves.
 */
function lmoveGenericCommand(ctx: Ctx, argv: string[], fromHead: boolean, toHead: boolean): Reply {
  const srcKey = argv[1];
  const dstKey = argv[2];
  const src = ctx.lookupWriteOfType(srcKey, 'list');
  if (src === undefined) return null;
  const dst = ctx.lookupWriteOfType(dstKey, 'list');
  const list = src.value as ChunkedDeque;
  const value = fromHead ? list.popFront()! : list.popBack()!;
  lmoveHandlePush(ctx, dstKey, dst, value, toHead);
  ctx.notify('l', fromHead ? 'lpop' : 'rpop', srcKey);
  if (list.length === 0) {
    ctx.deleteKey(srcKey);
    ctx.notify('g', 'del', srcKey);
  }
  // A served BLMOVE does not signal the source again (serveClientBlockedOnList).
  if (!ctx.served) ctx.signalModifiedKey(srcKey);
  ctx.dirty++;
  return value;
}

// LMOVE source destination LEFT|RIGHT LEFT|RIGHT
function lmoveCommand(ctx: Ctx, argv: string[]): Reply {
  const fromHead = getListPositionOrError(argv[3]);
  const toHead = getListPositionOrError(argv[4]);
  return lmoveGenericCommand(ctx, argv, fromHead, toHead);
}

// RPOPLPUSH source destination
function rpoplpushCommand(ctx: Ctx, argv: string[]): Reply {
  return lmoveGenericCommand(ctx, argv, false, true);
}

/**
 * mpopGenericCommand / the pop of blockingPopGenericCommand: pops from the first non-empty list
 * among `keys` (argv[first..first+numkeys)). `count` -1 is BLPOP/BRPOP's single pop ([key, value]),
 * otherwise [key, [values]]; the effect is the plain pop. Returns undefined when every list is
 * empty. A served command skips keys of another type: Redis serves it from the list that became
 * ready and never looks at them.
 */
function popFirstNonEmpty(ctx: Ctx, argv: string[], first: number, numkeys: number, head: boolean, count: number): Reply | undefined {
  for (let j = first; j < first + numkeys; j++) {
    const key = argv[j];
    // Served, Redis pops from the key that became ready, whatever the others hold.
    if (ctx.served && key !== ctx.readyKey) continue;
    const o = ctx.served ? ctx.lookupWrite(key) : ctx.lookupWriteOfType(key, 'list');
    if (o === undefined || o.type !== 'list') continue;
    const list = o.value as ChunkedDeque;
    const cmd = head ? 'LPOP' : 'RPOP';
    if (count === -1) {
      const v = head ? list.popFront()! : list.popBack()!;
      listElementsRemoved(ctx, key, head, list, 1, !ctx.served);
      ctx.rewrite([cmd, key]);
      return [key, v];
    }
    const out = popRange(list, head, count);
    listElementsRemoved(ctx, key, head, list, out.length);
    ctx.rewrite([cmd, key, String(out.length)]);
    return [key, out];
  }
  return undefined;
}

/**
 * lmpopGenericCommand's parsing: numkeys at argv[numkeysIdx], then LEFT|RIGHT, then at most one
 * COUNT. Sets parsedNumkeys, parsedHead and parsedCount (1 without COUNT).
 */
let parsedNumkeys = 0;
let parsedHead = true;
let parsedCount = 1;

function parseMpopOrError(argv: string[], numkeysIdx: number): void {
  const numkeys = getRangeLongOrError(argv[numkeysIdx], 1, LONG_MAX, 'ERR numkeys should be greater than 0');
  const whereIdx = numkeysIdx + numkeys + 1;
  if (whereIdx >= argv.length) fail(errors.syntax);
  const head = getListPositionOrError(argv[whereIdx]);
  let count = -1;
  for (let j = whereIdx + 1; j < argv.length; j++) {
    if (count === -1 && eqi(argv[j], 'count') && j < argv.length - 1) {
      count = getRangeLongOrError(argv[++j], 1, LONG_MAX, 'ERR count should be greater than 0');
    } else {
      fail(errors.syntax);
    }
  }
  parsedNumkeys = numkeys;
  parsedHead = head;
  parsedCount = count === -1 ? 1 : count;
}

// LMPOP numkeys key [key ...] LEFT|RIGHT [COUNT count]
function lmpopCommand(ctx: Ctx, argv: string[]): Reply {
  parseMpopOrError(argv, 1);
  return popFirstNonEmpty(ctx, argv, 2, parsedNumkeys, parsedHead, parsedCount) ?? NULL_ARRAY;
}

/** blockingPopGenericCommand: pop now, or answer a null array in MULTI, or block on the keys. */
function blockingPopGenericCommand(ctx: Ctx, argv: string[], first: number, numkeys: number, head: boolean, timeoutArg: string, count: number): Reply {
  const deadline = getTimeoutOrError(ctx, timeoutArg);
  const reply = popFirstNonEmpty(ctx, argv, first, numkeys, head, count);
  if (reply !== undefined) return reply;
  if (!ctx.canBlock) return NULL_ARRAY;
  return ctx.block(argv, argv.slice(first, first + numkeys), deadline, NULL_ARRAY);
}

// BLPOP key [key ...] timeout
function blpopCommand(ctx: Ctx, argv: string[]): Reply {
  return blockingPopGenericCommand(ctx, argv, 1, argv.length - 2, true, argv[argv.length - 1], -1);
}

// BRPOP key [key ...] timeout
function brpopCommand(ctx: Ctx, argv: string[]): Reply {
  return blockingPopGenericCommand(ctx, argv, 1, argv.length - 2, false, argv[argv.length - 1], -1);
}

// BLMPOP timeout numkeys key [key ...] LEFT|RIGHT [COUNT count]
function blmpopCommand(ctx: Ctx, argv: string[]): Reply {
  // Redis parses numkeys, the direction and COUNT before the timeout.
  parseMpopOrError(argv, 2);
  return blockingPopGenericCommand(ctx, argv, 3, parsedNumkeys, parsedHead, argv[1], parsedCount);
}

/** The words a served BLMOVE propagates (shared.left / shared.right). */
const positionWord = (head: boolean) => (head ? 'left' : 'right');

/** blmoveGenericCommand: LMOVE now, or a null in MULTI, or block on the source. */
function blmoveGenericCommand(ctx: Ctx, argv: string[], fromHead: boolean, toHead: boolean, deadline: number, rpoplpush: boolean): Reply {
  const src = ctx.lookupWriteOfType(argv[1], 'list');
  if (src === undefined) {
    if (!ctx.canBlock) return null;
    return ctx.block(argv, [argv[1]], deadline, NULL_ARRAY);
  }
  const reply = lmoveGenericCommand(ctx, argv, fromHead, toHead);
  if (rpoplpush) ctx.rewrite(['RPOPLPUSH', argv[1], argv[2]]);
  else if (ctx.served) ctx.rewrite(['LMOVE', argv[1], argv[2], positionWord(fromHead), positionWord(toHead)]);
  else ctx.rewrite(['LMOVE', argv[1], argv[2], argv[3], argv[4]]);
  return reply;
}

// BLMOVE source destination LEFT|RIGHT LEFT|RIGHT timeout
function blmoveCommand(ctx: Ctx, argv: string[]): Reply {
  const fromHead = getListPositionOrError(argv[3]);
  const toHead = getListPositionOrError(argv[4]);
  const deadline = getTimeoutOrError(ctx, argv[5]);
  return blmoveGenericCommand(ctx, argv, fromHead, toHead, deadline, false);
}

// BRPOPLPUSH source destination timeout
function brpoplpushCommand(ctx: Ctx, argv: string[]): Reply {
  const deadline = getTimeoutOrError(ctx, argv[3]);
  return blmoveGenericCommand(ctx, argv, false, true, deadline, true);
}

const KEY1: CommandDecl['keys'] = { first: 1, last: 1, step: 1 };
const KEY12: CommandDecl['keys'] = { first: 1, last: 2, step: 1 };
const MOVE_SPECS = [ks('RW access delete', 1), ks('RW insert', 2)];

export const listCommands: CommandDecl[] = [
  { name: 'lpush', arity: -3, flags: ['write', 'denyoom', 'fast'], group: 'list', since: '1.0.0', acl: ['list'], keys: KEY1, keySpecs: [ks('RW insert', 1)], handler: lpushCommand },
  { name: 'rpush', arity: -3, flags: ['write', 'denyoom', 'fast'], group: 'list', since: '1.0.0', acl: ['list'], keys: KEY1, keySpecs: [ks('RW insert', 1)], handler: rpushCommand },
  { name: 'lpushx', arity: -3, flags: ['write', 'denyoom', 'fast'], group: 'list', since: '2.2.0', acl: ['list'], keys: KEY1, keySpecs: [ks('RW insert', 1)], handler: lpushxCommand },
  { name: 'rpushx', arity: -3, flags: ['write', 'denyoom', 'fast'], group: 'list', since: '2.2.0', acl: ['list'], keys: KEY1, keySpecs: [ks('RW insert', 1)], handler: rpushxCommand },
  { name: 'linsert', arity: 5, flags: ['write', 'denyoom'], group: 'list', since: '2.2.0', acl: ['list'], keys: KEY1, keySpecs: [ks('RW insert', 1)], handler: linsertCommand },
  { name: 'llen', arity: 2, flags: ['readonly', 'fast'], group: 'list', since: '1.0.0', acl: ['list'], keys: KEY1, keySpecs: [ks('RO', 1)], handler: llenCommand },
  { name: 'lindex', arity: 3, flags: ['readonly'], group: 'list', since: '1.0.0', acl: ['list'], keys: KEY1, keySpecs: [ks('RO access', 1)], handler: lindexCommand },
  { name: 'lset', arity: 4, flags: ['write', 'denyoom'], group: 'list', since: '1.0.0', acl: ['list'], keys: KEY1, keySpecs: [ks('RW update', 1)], handler: lsetCommand },
  { name: 'lpop', arity: -2, flags: ['write', 'fast'], group: 'list', since: '1.0.0', acl: ['list'], keys: KEY1, keySpecs: [ks('RW access delete', 1)], handler: lpopCommand },
  { name: 'rpop', arity: -2, flags: ['write', 'fast'], group: 'list', since: '1.0.0', acl: ['list'], keys: KEY1, keySpecs: [ks('RW access delete', 1)], handler: rpopCommand },
  { name: 'lrange', arity: 4, flags: ['readonly'], group: 'list', since: '1.0.0', acl: ['list'], keys: KEY1, keySpecs: [ks('RO access', 1)], handler: lrangeCommand },
  { name: 'ltrim', arity: 4, flags: ['write'], group: 'list', since: '1.0.0', acl: ['list'], keys: KEY1, keySpecs: [ks('RW delete', 1)], handler: ltrimCommand },
  { name: 'lpos', arity: -3, flags: ['readonly'], group: 'list', since: '6.0.6', acl: ['list'], keys: KEY1, keySpecs: [ks('RO access', 1)], handler: lposCommand },
  { name: 'lrem', arity: 4, flags: ['write'], group: 'list', since: '1.0.0', acl: ['list'], keys: KEY1, keySpecs: [ks('RW delete', 1)], handler: lremCommand },
  { name: 'lmove', arity: 5, flags: ['write', 'denyoom'], group: 'list', since: '6.2.0', acl: ['list'], keys: KEY12, keySpecs: MOVE_SPECS, handler: lmoveCommand },
  {
    name: 'rpoplpush', arity: 3, flags: ['write', 'denyoom'], group: 'list', since: '1.2.0', docFlags: ['deprecated'], deprecatedSince: '6.2.0',
    acl: ['list'], keys: KEY12, keySpecs: MOVE_SPECS, handler: rpoplpushCommand,
  },
  {
    name: 'lmpop', arity: -4, flags: ['write'], group: 'list', since: '7.0.0', acl: ['list'],
    keySpecs: [ksKeynum('RW access delete', 1, 0, 1)], getKeys: numkeysGetKeys(1), handler: lmpopCommand,
  },
  {
    name: 'blpop', arity: -3, flags: ['write', 'noscript', 'blocking'], group: 'list', since: '2.0.0', acl: ['list'],
    keys: { first: 1, last: -2, step: 1 }, keySpecs: [ks('RW access delete', 1, -2)], handler: blpopCommand,
  },
  {
    name: 'brpop', arity: -3, flags: ['write', 'noscript', 'blocking'], group: 'list', since: '2.0.0', acl: ['list'],
    keys: { first: 1, last: -2, step: 1 }, keySpecs: [ks('RW access delete', 1, -2)], handler: brpopCommand,
  },
  {
    name: 'blmove', arity: 6, flags: ['write', 'denyoom', 'noscript', 'blocking'], group: 'list', since: '6.2.0', acl: ['list'],
    keys: KEY12, keySpecs: MOVE_SPECS, handler: blmoveCommand,
  },
  {
    name: 'brpoplpush', arity: 4, flags: ['write', 'denyoom', 'noscript', 'blocking'], group: 'list', since: '2.2.0',
    docFlags: ['deprecated'], deprecatedSince: '6.2.0', acl: ['list'], keys: KEY12, keySpecs: MOVE_SPECS, handler: brpoplpushCommand,
  },
  {
    name: 'blmpop', arity: -5, flags: ['write', 'blocking'], group: 'list', since: '7.0.0', acl: ['list'],
    keySpecs: [ksKeynum('RW access delete', 2, 0, 1)], getKeys: numkeysGetKeys(2), handler: blmpopCommand,
  },
];
