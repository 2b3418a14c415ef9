// Keyspace commands of the generic group (db.c, object.c): DEL UNLINK EXISTS TYPE RENAME RENAMENX
// COPY MOVE KEYS SCAN RANDOMKEY TOUCH OBJECT. The "Keyspace API" section holds what other groups
// reuse: the no-touch read lookup, exact expire times, copyObject, SCAN's option parsing.
import { ks, type CommandDecl } from '../table.js';
import { OK, SimpleString, helpReply, type Reply } from '../reply.js';
import { cstr, errors, fail, lower } from '../errors.js';
import { eqi, getIntOrError, getLongLongOrError } from '../args.js';
import { RObj, type Db, type RType } from '../keyspace.js';
import { compileGlob, type Matcher } from '../structures/glob.js';
import { parseScanCursor, scanCursorsOf, type Scannable } from '../structures/scan-cursor.js';
import { randomKey } from '../structures/random-key.js';
import type { Ctx } from '../engine.js';

// ---- Keyspace API ----------------------------------------------------------------------------

/**
 * lookupKeyReadWithFlags(LOOKUP_NOTOUCH): expires the key if due and counts a keyspace hit or
 * miss, but leaves the access time alone (EXISTS, TYPE, TTL, SCAN's TYPE filter). OBJECT also
 * passes LOOKUP_NONOTIFY: `notifyMiss` false skips the keymiss event.
 */
export function lookupReadNoTouch(ctx: Ctx, key: string, notifyMiss = true): RObj | undefined {
  const db = ctx.db;
  let o = db.dict.get(key);
  if (o !== undefined && db.expires.size !== 0 && ctx.expireIfNeeded(db, key)) o = undefined;
  if (o === undefined) {
    ctx.engine.stats.keyspaceMisses++;
    if (notifyMiss) ctx.notify('m', 'keymiss', key);
  } else {
    ctx.engine.stats.keyspaceHits++;
  }
  return o;
}

/**
 * Expire times are int64 ms in Redis; db.expires holds JS numbers, exact to 2^53 ms (year
 * 287396). Past that (PEXPIREAT key 9223372036854775807) the exact value is kept here, keyed by
 * the db's expires map so it follows SWAPDB and goes with FLUSHDB; a value is trusted only while
 * db.expires still holds its nearest double.
 */
const exactExpires = new WeakMap<Map<string, number>, Map<string, bigint>>();

/** getExpire, exact: the absolute expire time in ms (a bigint past 2^53), or -1. */
export function getExpireExact(db: Db, key: string): number | bigint {
  const when = db.expires.get(key);
  if (when === undefined) return -1;
  if (Number.isSafeInteger(when)) return when;
  const exact = exactExpires.get(db.expires)?.get(key);
  return exact !== undefined && Number(exact) === when ? exact : BigInt(when);
}

/** setExpire on ctx.db, exact past 2^53 ms (see getExpireExact). */
export function setExpireExact(ctx: Ctx, key: string, when: number | bigint): void {
  ctx.setExpire(key, Number(when));
  if (typeof when === 'bigint') {
    const expires = ctx.db.expires;
    let m = exactExpires.get(expires);
    if (m === undefined) {
      m = new Map();
      exactExpires.set(expires, m);
    }
    m.set(key, when);
  }
}

/** Duplicates a value of one type, deeply (COPY). Collection groups register theirs. */
export type Duplicator = (value: unknown) => unknown;

// Strings are immutable JS strings: sharing the value is a copy.
const duplicators: Partial<Record<RType, Duplicator>> = { string: (v) => v };

/** Registers how COPY duplicates values of a type (listTypeDup, setTypeDup, zsetDup, ...). */
export function registerDuplicator(type: RType, dup: Duplicator): void {
  duplicators[type] = dup;
}

/**
 * Int-encoded strings from COPY: dupStringObject makes a private object, so OBJECT REFCOUNT
 * reports 1 where the original, a shared integer, reports INT_MAX.
 */
const unsharedInts = new WeakSet<RObj>();

/** COPY's duplicate of an object: same type and encoding, a deep copy of the value. */
export function copyObject(o: RObj, now: number): RObj {
  const dup = duplicators[o.type];
  if (dup === undefined) throw new Error(`copyObject: no duplicator registered for type ${o.type}`);
  const c = new RObj(o.type, dup(o.value), o.enc, now);
  if (o.enc === 'int') unsharedInts.add(c);
  return c;
}

const TYPE_REPLIES: Record<RType | 'none', SimpleString> = {
  string: new SimpleString('string'),
  list: new SimpleString('list'),
  set: new SimpleString('set'),
  zset: new SimpleString('zset'),
  hash: new SimpleString('hash'),
  stream: new SimpleString('stream'),
  none: new SimpleString('none'),
};

/** SCAN's options: COUNT (default 10), MATCH (null when absent or `*`), TYPE (keyspace only). */
export interface ScanOptions {
  count: number;
  match: Matcher | null;
  /** The TYPE argument, ASCII-lowered (strcasecmp against the type name). */
  type: string | null;
}

/** scanGenericCommand's option parsing, from argv[start]. TYPE only when `allowType` (SCAN). */
export function parseScanOptionsOrError(argv: string[], start: number, allowType: boolean): ScanOptions {
  const opts: ScanOptions = { count: 10, match: null, type: null };
  for (let i = start; i < argv.length; i += 2) {
    const opt = argv[i];
    const more = i + 1 < argv.length;
    if (more && eqi(opt, 'count')) {
      opts.count = getLongLongOrError(argv[i + 1]);
      if (opts.count < 1) fail(errors.syntax);
    } else if (more && eqi(opt, 'match')) {
      const pat = argv[i + 1];
      // Exactly "*" always matches: Redis turns the filter off (and so keeps the empty key).
      opts.match = pat === '*' ? null : compileGlob(pat);
    } else if (more && allowType && eqi(opt, 'type')) {
      // Compared with strcasecmp: ASCII case, and only up to a NUL.
      opts.type = lower(cstr(argv[i + 1]));
    } else {
      fail(errors.syntax);
    }
  }
  return opts;
}

/** ctx.lookupWrite in another db (MOVE, COPY ... DB): the ctx primitives act on ctx.db. */
function lookupWriteIn(ctx: Ctx, db: Db, key: string): RObj | undefined {
  const saved = ctx.db;
  ctx.db = db;
  try {
    return ctx.lookupWrite(key);
  } finally {
    ctx.db = saved;
  }
}

/** dbAdd plus setExpire in another db. */
function addIn(ctx: Ctx, db: Db, key: string, o: RObj, expire: number | bigint): void {
  const saved = ctx.db;
  ctx.db = db;
  try {
    ctx.add(key, o);
    if (expire !== -1) setExpireExact(ctx, key, expire);
  } finally {
    ctx.db = saved;
  }
}

/** selectDb's check for a DB argument (MOVE, COPY ... DB). */
function dbArgOrError(ctx: Ctx, arg: string): Db {
  const id = getIntOrError(arg);
  const dbs = ctx.engine.keyspace.dbs;
  if (id < 0 || id >= dbs.length) fail(errors.dbIndexOutOfRange);
  return dbs[id];
}

const SAME_OBJECT = 'ERR source and destination objects are the same';

// ---- Commands --------------------------------------------------------------------------------

// DEL key [key ...]   (UNLINK frees in the background in Redis: the same here)
function delGenericCommand(ctx: Ctx, argv: string[]): Reply {
  const db = ctx.db;
  let deleted = 0;
  for (let j = 1; j < argv.length; j++) {
    const key = argv[j];
    // An expired key is deleted (and propagated) as expired, then not counted.
    if (db.expires.size !== 0) ctx.expireIfNeeded(db, key);
    if (ctx.deleteKey(key)) {
      ctx.signalModifiedKey(key);
      ctx.notify('g', 'del', key);
      deleted++;
    }
  }
  ctx.dirty += deleted;
  return deleted;
}

// EXISTS key [key ...]
function existsCommand(ctx: Ctx, argv: string[]): Reply {
  let count = 0;
  for (let j = 1; j < argv.length; j++) if (lookupReadNoTouch(ctx, argv[j]) !== undefined) count++;
  return count;
}

// TYPE key
function typeCommand(ctx: Ctx, argv: string[]): Reply {
  const o = lookupReadNoTouch(ctx, argv[1]);
  return TYPE_REPLIES[o === undefined ? 'none' : o.type];
}

// RENAME key newkey  /  RENAMENX key newkey
function renameGenericCommand(ctx: Ctx, argv: string[], nx: boolean): Reply {
  const src = argv[1];
  const dst = argv[2];
  const o = ctx.lookupWrite(src);
  if (o === undefined) fail(errors.noSuchKey);
  // Same name: nothing to do, but only once we know the key exists.
  if (src === dst) return nx ? 0 : OK;
  const expire = getExpireExact(ctx.db, src);
  if (ctx.lookupWrite(dst) !== undefined) {
    if (nx) return 0;
    ctx.deleteKey(dst);
  }
  ctx.add(dst, o);
  if (expire !== -1) setExpireExact(ctx, dst, expire);
  ctx.deleteKey(src);
  ctx.signalModifiedKey(src);
  ctx.signalModifiedKey(dst);
  ctx.notify('g', 'rename_from', src);
  ctx.notify('g', 'rename_to', dst);
  ctx.dirty++;
  return nx ? 1 : OK;
}

function renameCommand(ctx: Ctx, argv: string[]): Reply {
  return renameGenericCommand(ctx, argv, false);
}

function renamenxCommand(ctx: Ctx, argv: string[]): Reply {
  return renameGenericCommand(ctx, argv, true);
}

// COPY source destination [DB destination-db] [REPLACE]
function copyCommand(ctx: Ctx, argv: string[]): Reply {
  const src = ctx.db;
  let dst = src;
  let replace = false;
  for (let j = 3; j < argv.length; j++) {
    if (eqi(argv[j], 'replace')) {
      replace = true;
    } else if (eqi(argv[j], 'db') && j + 1 < argv.length) {
      dst = dbArgOrError(ctx, argv[++j]);
    } else {
      fail(errors.syntax);
    }
  }
  const key = argv[1];
  const newkey = argv[2];
  if (src === dst && key === newkey) fail(SAME_OBJECT);
  const o = ctx.lookupRead(key);
  if (o === undefined) return 0;
  const expire = getExpireExact(src, key);
  let del = false;
  if (lookupWriteIn(ctx, dst, newkey) !== undefined) {
    if (!replace) return 0;
    del = true;
  }
  const copy = copyObject(o, ctx.now);
  if (del) ctx.deleteKey(newkey, dst);
  addIn(ctx, dst, newkey, copy, expire);
  ctx.signalModifiedKey(newkey, dst);
  ctx.notify('g', 'copy_to', newkey, dst.id);
  ctx.dirty++;
  return 1;
}

// MOVE key db
function moveCommand(ctx: Ctx, argv: string[]): Reply {
  const src = ctx.db;
  const dst = dbArgOrError(ctx, argv[2]);
  if (src === dst) fail(SAME_OBJECT);
  const key = argv[1];
  const o = ctx.lookupWrite(key);
  if (o === undefined) return 0;
  const expire = getExpireExact(src, key);
  if (lookupWriteIn(ctx, dst, key) !== undefined) return 0;
  addIn(ctx, dst, key, o, expire);
  ctx.deleteKey(key, src);
  ctx.signalModifiedKey(key, src);
  ctx.signalModifiedKey(key, dst);
  ctx.notify('g', 'move_from', key, src.id);
  ctx.notify('g', 'move_to', key, dst.id);
  ctx.dirty++;
  return 1;
}

// KEYS pattern
function keysCommand(ctx: Ctx, argv: string[]): Reply {
  const db = ctx.db;
  const pattern = argv[1];
  const match = pattern === '*' ? null : compileGlob(pattern);
  const withTtl = db.expires.size !== 0;
  const out: string[] = [];
  for (const key of db.dict.keys()) {
    if (match !== null && !match(key)) continue;
    // keysCommand skips logically expired keys without deleting them.
    if (withTtl && ctx.isExpired(db, key)) continue;
    out.push(key);
  }
  return out;
}

// SCAN cursor [MATCH pattern] [COUNT count] [TYPE type]
function scanCommand(ctx: Ctx, argv: string[]): Reply {
  const cursor = parseScanCursor(argv[1]);
  if (cursor === null) fail('ERR invalid cursor');
  const opts = parseScanOptionsOrError(argv, 2, true);
  const db = ctx.db;
  const keys: string[] = [];
  const next = scanCursorsOf(ctx.engine).scan(db.dict as Scannable<string>, cursor, opts.count, ctx.now, keys);
  // Filter as scanGenericCommand does: pattern, then type (a no-touch lookup, which may expire
  // the key and then sees it as "none"), then expiry.
  let n = 0;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (opts.match !== null && !opts.match(key)) continue;
    if (opts.type !== null) {
      const o = lookupReadNoTouch(ctx, key);
      if (opts.type !== (o === undefined ? 'none' : o.type)) continue;
    }
    if (db.expires.size !== 0 && ctx.expireIfNeeded(db, key)) continue;
    keys[n++] = key;
  }
  keys.length = n;
  return [next, keys];
}

// RANDOMKEY
function randomkeyCommand(ctx: Ctx): Reply {
  const db = ctx.db;
  // dbRandomKey: an expired pick is deleted and another one drawn.
  const key = randomKey(
    db.dict,
    () => ctx.random(),
    db.expires.size === 0 ? undefined : (k) => ctx.expireIfNeeded(db, k),
  );
  return key === undefined ? null : key;
}

// TOUCH key [key ...]
function touchCommand(ctx: Ctx, argv: string[]): Reply {
  let touched = 0;
  for (let j = 1; j < argv.length; j++) if (ctx.lookupRead(argv[j]) !== undefined) touched++;
  return touched;
}

// ---- OBJECT ----------------------------------------------------------------------------------

const LFU_NOT_SELECTED =
  'ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.';
const LFU_SELECTED =
  'ERR An LFU maxmemory policy is selected, idle time not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.';

/** OBJ_SHARED_REFCOUNT: what OBJECT REFCOUNT says of a shared integer (0..9999). */
const SHARED_REFCOUNT = 2147483647;
/** LFU_INIT_VAL: the counter of a new object under an LFU policy. */
const LFU_INIT_VAL = 5;

function lfuSelected(ctx: Ctx): boolean {
  const policy = ctx.engine.config.get('maxmemory-policy');
  return policy === 'allkeys-lfu' || policy === 'volatile-lfu';
}

/** Shared integers: int-encoded strings in [0, 10000) (OBJ_SHARED_INTEGERS), unless a COPY. */
function isSharedInteger(o: RObj): boolean {
  if (o.type !== 'string' || o.enc !== 'int' || unsharedInts.has(o)) return false;
  const s = o.value as string;
  if (s.length > 4 || s.charCodeAt(0) === 45) return false;
  return true;
}

// OBJECT ENCODING key
function objectEncodingCommand(ctx: Ctx, argv: string[]): Reply {
  const o = lookupReadNoTouch(ctx, argv[2], false);
  return o === undefined ? null : o.enc;
}

// OBJECT FREQ key
function objectFreqCommand(ctx: Ctx, argv: string[]): Reply {
  const o = lookupReadNoTouch(ctx, argv[2], false);
  if (o === undefined) return null;
  if (!lfuSelected(ctx)) fail(LFU_NOT_SELECTED);
  // No access counter is kept (lookups only stamp the time): report LFU_INIT_VAL decayed by one
  // per lfu-decay-time minutes idle, which is what Redis reports for a key not read since.
  const decay = Number(ctx.engine.config.get('lfu-decay-time') ?? '1');
  const idleMinutes = Math.floor(Math.max(0, ctx.now - o.lru) / 60000);
  const periods = decay > 0 ? Math.floor(idleMinutes / decay) : 0;
  return Math.max(0, LFU_INIT_VAL - periods);
}

// OBJECT IDLETIME key
function objectIdletimeCommand(ctx: Ctx, argv: string[]): Reply {
  const o = lookupReadNoTouch(ctx, argv[2], false);
  if (o === undefined) return null;
  if (lfuSelected(ctx)) fail(LFU_SELECTED);
  // The LRU clock ticks in seconds: whole seconds between the two clock readings.
  return Math.max(0, Math.floor(ctx.now / 1000) - Math.floor(o.lru / 1000));
}

// OBJECT REFCOUNT key
function objectRefcountCommand(ctx: Ctx, argv: string[]): Reply {
  const o = lookupReadNoTouch(ctx, argv[2], false);
  if (o === undefined) return null;
  if (isSharedInteger(o)) return SHARED_REFCOUNT;
  // Stored from an argument of a command of the running EXEC, unchanged since: the queued argv
  // still holds it.
  return ctx.engine.isHeldByExec(o) ? 2 : 1;
}

const OBJECT_HELP = [
  'ENCODING <key>',
  '    Return the kind of internal representation used in order to store the value',
  '    associated with a <key>.',
  'FREQ <key>',
  '    Return the access frequency index of the <key>. The returned integer is',
  '    proportional to the logarithm of the recent access frequency of the key.',
  'IDLETIME <key>',
  '    Return the idle time of the <key>, that is the approximated number of',
  '    seconds elapsed since the last access to the key.',
  'REFCOUNT <key>',
  '    Return the number of references of the value associated with the specified',
  '    <key>.',
];

// OBJECT HELP
function objectHelpCommand(): Reply {
  return helpReply('OBJECT', OBJECT_HELP);
}

// ---- Declarations ----------------------------------------------------------------------------

const MULTI_KEY_TIPS = ['request_policy:multi_shard', 'response_policy:agg_sum'];
const OBJECT_SUB_TIPS = ['nondeterministic_output'];

/** OBJECT <sub> key: one read-only key at argv[2]. */
function objectSub(name: string, since: string, handler: CommandDecl['handler']): CommandDecl {
  return {
    name: `object|${name}`, arity: 3, flags: ['readonly'], group: 'generic', since, acl: ['keyspace'],
    tips: OBJECT_SUB_TIPS, keys: { first: 2, last: 2, step: 1 }, keySpecs: [ks('RO', 2)], handler,
  };
}

export const keysCommands: CommandDecl[] = [
  {
    name: 'del', arity: -2, flags: ['write'], group: 'generic', since: '1.0.0', acl: ['keyspace'], tips: MULTI_KEY_TIPS,
    keys: { first: 1, last: -1, step: 1 }, keySpecs: [ks('RM delete', 1, -1)], handler: delGenericCommand,
  },
  {
    name: 'unlink', arity: -2, flags: ['write', 'fast'], group: 'generic', since: '4.0.0', acl: ['keyspace'], tips: MULTI_KEY_TIPS,
    keys: { first: 1, last: -1, step: 1 }, keySpecs: [ks('RM delete', 1, -1)], handler: delGenericCommand,
  },
  {
    name: 'exists', arity: -2, flags: ['readonly', 'fast'], group: 'generic', since: '1.0.0', acl: ['keyspace'], tips: MULTI_KEY_TIPS,
    keys: { first: 1, last: -1, step: 1 }, keySpecs: [ks('RO', 1, -1)], handler: existsCommand,
  },
  {
    name: 'type', arity: 2, flags: ['readonly', 'fast'], group: 'generic', since: '1.0.0', acl: ['keyspace'],
    keys: { first: 1, last: 1, step: 1 }, keySpecs: [ks('RO', 1)], handler: typeCommand,
  },
  {
    name: 'rename', arity: 3, flags: ['write'], group: 'generic', since: '1.0.0', acl: ['keyspace'],
    keys: { first: 1, last: 2, step: 1 }, keySpecs: [ks('RW access delete', 1), ks('OW update', 2)], handler: renameCommand,
  },
  {
    name: 'renamenx', arity: 3, flags: ['write', 'fast'], group: 'generic', since: '1.0.0', acl: ['keyspace'],
    keys: { first: 1, last: 2, step: 1 }, keySpecs: [ks('RW access delete', 1), ks('OW insert', 2)], handler: renamenxCommand,
  },
  {
    name: 'copy', arity: -3, flags: ['write', 'denyoom'], group: 'generic', since: '6.2.0', acl: ['keyspace'],
    keys: { first: 1, last: 2, step: 1 }, keySpecs: [ks('RO access', 1), ks('OW update', 2)], handler: copyCommand,
  },
  {
    name: 'move', arity: 3, flags: ['write', 'fast'], group: 'generic', since: '1.0.0', acl: ['keyspace'],
    keys: { first: 1, last: 1, step: 1 }, keySpecs: [ks('RW access update', 1)], handler: moveCommand,
  },
  {
    name: 'keys', arity: 2, flags: ['readonly'], group: 'generic', since: '1.0.0', acl: ['keyspace', 'dangerous'],
    tips: ['request_policy:all_shards', 'nondeterministic_output_order'], handler: keysCommand,
  },
  {
    name: 'scan', arity: -2, flags: ['readonly'], group: 'generic', since: '2.8.0', acl: ['keyspace'],
    tips: ['nondeterministic_output', 'request_policy:special'], handler: scanCommand,
  },
  {
    name: 'randomkey', arity: 1, flags: ['readonly'], group: 'generic', since: '1.0.0', acl: ['keyspace'],
    tips: ['request_policy:all_shards', 'nondeterministic_output'], handler: randomkeyCommand,
  },
  {
    name: 'touch', arity: -2, flags: ['readonly', 'fast'], group: 'generic', since: '3.2.1', acl: ['keyspace'], tips: MULTI_KEY_TIPS,
    keys: { first: 1, last: -1, step: 1 }, keySpecs: [ks('RO', 1, -1)], handler: touchCommand,
  },
  {
    name: 'object', arity: -2, flags: [], group: 'generic', since: '2.2.3',
    subcommands: [
      objectSub('encoding', '2.2.3', objectEncodingCommand),
      objectSub('freq', '4.0.0', objectFreqCommand),
      {
        name: 'object|help', arity: 2, flags: ['loading', 'stale'], group: 'generic', since: '6.2.0', acl: ['keyspace'],
        handler: objectHelpCommand,
      },
      objectSub('idletime', '2.2.3', objectIdletimeCommand),
      objectSub('refcount', '2.2.3', objectRefcountCommand),
    ],
  },
];
