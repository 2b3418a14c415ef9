// Hash commands (t_hash.c, Redis 7.0): HSET HSETNX HMSET HGET HMGET HDEL HLEN HSTRLEN HEXISTS
// HGETALL HKEYS HVALS HINCRBY HINCRBYFLOAT HRANDFIELD HSCAN.
//
// A hash value is a Map<string, string> (field -> value) in both of Redis's encodings, so a hash
// costs what a plain Map of the same strings costs. OBJECT ENCODING follows Redis exactly: a new
// hash is a "listpack"; it becomes a "hashtable" for good when a write brings a field or value
// longer than hash-max-listpack-value, or more than hash-max-listpack-entries fields. Only the
// `enc` label changes: a Map keeps insertion order with updates in place, which is a listpack's
// order, so replies of listpack hashes come in Redis's order. Hashtable order is the dict's
// business (the differential tests compare those sorted).
//
// Cost per call: HSET HGET HDEL HINCRBY O(1) per field; HGETALL HKEYS HVALS O(n); HSCAN of a
// hashtable O(COUNT) per page through a live Map iterator (structures/scan-cursor.ts); HRANDFIELD
// O(count), or O(n) where Redis copies the hash too (count close to the size).
import { ks, type CommandDecl } from '../table.js';
import { MapReply, OK, type Reply } from '../reply.js';
import { errors, fail, wrongArity } from '../errors.js';
import { eqi, getExactLongLongOrError } from '../args.js';
import { LLONG_MIN, addLongLong, parseLongLong } from '../bytes.js';
import { addLongDouble, formatLongDouble, isFiniteLongDouble, parseLongDouble, type LongDouble } from '../long-double.js';
import { RObj } from '../keyspace.js';
import { PackReader, packString, packUint, registerCodec } from '../codec.js';
import { parseScanCursor, scanCursorsOf } from '../structures/scan-cursor.js';
import { MAX_RANDOM_REPLY, randomIndex, randomKey, sampleInPlace } from '../structures/random-key.js';
import { parseScanOptionsOrError, registerDuplicator } from './keys.js';
import type { Ctx, Engine } from '../engine.js';

// ---- Hash API --------------------------------------------------------------------------------

/** The value of a hash key, whatever OBJECT ENCODING says. */
export type HashValue = Map<string, string>;

const LISTPACK = 'listpack';
const HASHTABLE = 'hashtable';

/** The compiled defaults (server.h): redis.conf's 128 entries is not what a bare server uses. */
const DEFAULT_MAX_ENTRIES = 512;
const DEFAULT_MAX_VALUE = 64;

// The thresholds live in engine.config as strings; the last string seen is parsed once.
let entriesRaw: string | undefined;
let entriesMax = DEFAULT_MAX_ENTRIES;
let valueRaw: string | undefined;
let valueMax = DEFAULT_MAX_VALUE;

/** server.hash_max_listpack_entries. */
function maxListpackEntries(engine: Engine): number {
  const raw = engine.config.get('hash-max-listpack-entries');
  if (raw !== entriesRaw) {
    entriesRaw = raw;
    entriesMax = raw === undefined ? DEFAULT_MAX_ENTRIES : Number(raw);
  }
  return entriesMax;
}

/** server.hash_max_listpack_value. */
function maxListpackValue(engine: Engine): number {
  const raw = engine.config.get('hash-max-listpack-value');
  if (raw !== valueRaw) {
    valueRaw = raw;
    valueMax = raw === undefined ? DEFAULT_MAX_VALUE : Number(raw);
  }
  return valueMax;
}

/** createHashObject: every hash starts as a listpack. */
function newHashObject(): RObj {
  return new RObj('hash', new Map<string, string>(), LISTPACK, 0);
}

// COPY (hashTypeDup): same encoding, a new Map with the same pairs in the same order.
registerDuplicator('hash', (v) => new Map(v as HashValue));

// Snapshots: the pair count, then field and value of each pair. Loading picks the encoding the way
// rdbLoadObject does: a listpack when the pairs fit the thresholds, whatever the hash was before.
registerCodec('hash', {
  encode: (o) => {
    const h = o.value as HashValue;
    const out: string[] = [];
    packUint(out, h.size);
    for (const [f, v] of h) {
      packString(out, f);
      packString(out, v);
    }
    return out.join('');
  },
  decode: (data, engine) => {
    const r = new PackReader(data);
    const n = r.uint();
    const h: HashValue = new Map();
    const maxValue = maxListpackValue(engine);
    let fits = n <= maxListpackEntries(engine);
    for (let i = 0; i < n; i++) {
      const f = r.string();
      const v = r.string();
      if (f.length > maxValue || v.length > maxValue) fits = false;
      h.set(f, v);
    }
    return new RObj('hash', h, fits ? LISTPACK : HASHTABLE, 0);
  },
});

/**
 * hashTypeTryConversion: before argv[start..end] are written into a listpack, convert it when one
 * of them is longer than hash-max-listpack-value. (7.0 does not convert ahead on the number of
 * pairs: HSET of 513 copies of one field stays a listpack.)
 */
function hashTypeTryConversion(ctx: Ctx, o: RObj, argv: string[], start: number, end: number): void {
  if (o.enc !== LISTPACK) return;
  const max = maxListpackValue(ctx.engine);
  for (let i = start; i <= end; i++) {
    if (argv[i].length > max) {
      o.enc = HASHTABLE;
      return;
    }
  }
}

/**
 * hashTypeSet: sets a field; true when it existed (an update), false when it was created. A
 * listpack converts first when the field or value is too long (HINCRBY's and HINCRBYFLOAT's path:
 * the others checked their arguments already), and after an insert that passes the entry limit.
 */
function hashTypeSet(ctx: Ctx, o: RObj, field: string, value: string): boolean {
  const h = o.value as HashValue;
  const size = h.size;
  if (o.enc !== LISTPACK) {
    h.set(field, value);
    return h.size === size;
  }
  const maxValue = maxListpackValue(ctx.engine);
  if (field.length > maxValue || value.length > maxValue) o.enc = HASHTABLE;
  h.set(field, value);
  if (h.size === size) return true;
  if (o.enc === LISTPACK && h.size > maxListpackEntries(ctx.engine)) o.enc = HASHTABLE;
  return false;
}

/** hashTypeLookupWriteOrCreate: the hash at key, created (dbAdd) when missing; WRONGTYPE otherwise. */
function lookupWriteOrCreate(ctx: Ctx, key: string): RObj {
  let o = ctx.lookupWriteOfType(key, 'hash');
  if (o === undefined) {
    o = newHashObject();
    ctx.add(key, o);
  }
  return o;
}

/** The hash at key for a read, or undefined; WRONGTYPE for another type. */
function lookupHash(ctx: Ctx, key: string): HashValue | undefined {
  const o = ctx.lookupReadOfType(key, 'hash');
  return o === undefined ? undefined : (o.value as HashValue);
}

const LD_ZERO: LongDouble = parseLongDouble('0')!;

/** LONG_MAX / 2 (integer division): HRANDFIELD WITHVALUES refuses counts past it (count * 2 overflows). */
const HALF_LONG_MAX = 4611686018427387903n;


/** HRANDFIELD copies the whole hash (CASE 3) when count * 3 > size, as Redis does. */
const HRANDFIELD_SUB_STRATEGY_MUL = 3;

/** Appends one field (and its value) to an HRANDFIELD reply in the shape of the protocol. */
function pushField(out: Reply[], h: HashValue, f: string, withvalues: boolean, resp3: boolean): void {
  if (!withvalues) out.push(f);
  else if (resp3) out.push([f, h.get(f)!]);
  else out.push(f, h.get(f)!);
}



/** hrandfieldWithCountCommand: Redis's four cases by count against the size. */
function hrandfieldWithCount(ctx: Ctx, key: string, l: number, withvalues: boolean): Reply {
  const h = lookupHash(ctx, key);
  if (h === undefined) return [];
  const size = h.size;
  const uniq = l >= 0;
  const count = uniq ? l : -l;
  // Served at once, so the cases below never see it (a wrong type was refused above).
  if (count === 0) return [];
  const resp3 = ctx.session.resp === 3;
  const out: Reply[] = [];

  // CASE 1: a negative count (picks with repetition) or a count of 1.
  if (!uniq || count === 1) {
    if (count * (withvalues && !resp3 ? 2 : 1) > MAX_RANDOM_REPLY) fail('ERR value is out of range');
    const random = ctx.engine.random;
    // Small hashes, or many picks: one array of the fields, then O(1) per pick.
    if (size <= 1024 || count >= size >> 3) {
      const keys = Array.from(h.keys());
      for (let i = 0; i < count; i++) pushField(out, h, keys[randomIndex(ctx.engine.random, size)], withvalues, resp3);
    } else {
      for (let i = 0; i < count; i++) pushField(out, h, randomKey(h, random)!, withvalues, resp3);
    }
    return out;
  }

  // CASE 2: the count covers the hash: all of it, in the hash's order.
  if (count >= size) {
    for (const f of h.keys()) pushField(out, h, f, withvalues, resp3);
    return out;
  }

  // CASE 3: the count is close to the size: copy the fields and keep a random `count` of them.
  // (A small hash goes this way too: copying 1,024 fields costs less than random walks to them.)
  if (count * HRANDFIELD_SUB_STRATEGY_MUL > size || size <= 1024) {
    const keys = Array.from(h.keys());
    sampleInPlace(ctx.engine.random, keys, count);
    for (let i = 0; i < count; i++) pushField(out, h, keys[i], withvalues, resp3);
    return out;
  }

  // CASE 4: a big hash and a small count: random picks until `count` distinct ones.
  const random = ctx.engine.random;
  const picked = new Set<string>();
  while (picked.size < count) {
    const f = randomKey(h, random)!;
    if (picked.has(f)) continue;
    picked.add(f);
    pushField(out, h, f, withvalues, resp3);
  }
  return out;
}

// ---- Commands --------------------------------------------------------------------------------

/** hsetCommand: HSET replies the number of fields created, HMSET (deprecated) OK. */
function hsetGenericCommand(ctx: Ctx, argv: string[], hmset: boolean): Reply {
  const argc = argv.length;
  if ((argc & 1) === 1) fail(wrongArity(ctx.cmd.name));
  const key = argv[1];
  const o = lookupWriteOrCreate(ctx, key);
  const h = o.value as HashValue;
  hashTypeTryConversion(ctx, o, argv, 2, argc - 1);
  const before = h.size;
  for (let i = 2; i < argc; i += 2) h.set(argv[i], argv[i + 1]);
  const created = h.size - before;
  // hashTypeSet converts once an insert passes the entry limit; HSET only adds, so checking after
  // the loop gives the same encoding (only the label changes).
  if (o.enc === LISTPACK && h.size > maxListpackEntries(ctx.engine)) o.enc = HASHTABLE;
  ctx.signalModifiedKey(key);
  ctx.notify('h', 'hset', key);
  ctx.dirty += (argc - 2) / 2;
  return hmset ? OK : created;
}

// HSET key field value [field value ...]
function hsetCommand(ctx: Ctx, argv: string[]): Reply {
  return hsetGenericCommand(ctx, argv, false);
}

// HMSET key field value [field value ...]
function hmsetCommand(ctx: Ctx, argv: string[]): Reply {
  return hsetGenericCommand(ctx, argv, true);
}

// HSETNX key field value
function hsetnxCommand(ctx: Ctx, argv: string[]): Reply {
  const key = argv[1];
  const o = lookupWriteOrCreate(ctx, key);
  // The field is looked up before any conversion: an existing field leaves a listpack alone.
  if ((o.value as HashValue).has(argv[2])) return 0;
  hashTypeTryConversion(ctx, o, argv, 2, 3);
  hashTypeSet(ctx, o, argv[2], argv[3]);
  ctx.signalModifiedKey(key);
  ctx.notify('h', 'hset', key);
  ctx.dirty++;
  return 1;
}

// HGET key field
function hgetCommand(ctx: Ctx, argv: string[]): Reply {
  const h = lookupHash(ctx, argv[1]);
  if (h === undefined) return null;
  const v = h.get(argv[2]);
  return v === undefined ? null : v;
}

// HMGET key field [field ...]
function hmgetCommand(ctx: Ctx, argv: string[]): Reply {
  const h = lookupHash(ctx, argv[1]);
  const out: Reply[] = new Array(argv.length - 2);
  for (let i = 2; i < argv.length; i++) {
    const v = h === undefined ? undefined : h.get(argv[i]);
    out[i - 2] = v === undefined ? null : v;
  }
  return out;
}

// HDEL key field [field ...]
function hdelCommand(ctx: Ctx, argv: string[]): Reply {
  const key = argv[1];
  const o = ctx.lookupWriteOfType(key, 'hash');
  if (o === undefined) return 0;
  const h = o.value as HashValue;
  let deleted = 0;
  let keyRemoved = false;
  for (let j = 2; j < argv.length; j++) {
    if (h.delete(argv[j])) {
      deleted++;
      if (h.size === 0) {
        ctx.deleteKey(key);
        keyRemoved = true;
        break;
      }
    }
  }
  if (deleted > 0) {
    ctx.signalModifiedKey(key);
    ctx.notify('h', 'hdel', key);
    if (keyRemoved) ctx.notify('g', 'del', key);
    ctx.dirty += deleted;
  }
  return deleted;
}

// HLEN key
function hlenCommand(ctx: Ctx, argv: string[]): Reply {
  const h = lookupHash(ctx, argv[1]);
  return h === undefined ? 0 : h.size;
}

// HSTRLEN key field
function hstrlenCommand(ctx: Ctx, argv: string[]): Reply {
  const h = lookupHash(ctx, argv[1]);
  const v = h === undefined ? undefined : h.get(argv[2]);
  return v === undefined ? 0 : v.length;
}

// HEXISTS key field
function hexistsCommand(ctx: Ctx, argv: string[]): Reply {
  const h = lookupHash(ctx, argv[1]);
  return h !== undefined && h.has(argv[2]) ? 1 : 0;
}

// HGETALL key   (a map in RESP3)
function hgetallCommand(ctx: Ctx, argv: string[]): Reply {
  const h = lookupHash(ctx, argv[1]);
  return new MapReply(h === undefined ? [] : Array.from(h));
}

// HKEYS key
function hkeysCommand(ctx: Ctx, argv: string[]): Reply {
  const h = lookupHash(ctx, argv[1]);
  return h === undefined ? [] : Array.from(h.keys());
}

// HVALS key
function hvalsCommand(ctx: Ctx, argv: string[]): Reply {
  const h = lookupHash(ctx, argv[1]);
  return h === undefined ? [] : Array.from(h.values());
}

// HINCRBY key field increment
function hincrbyCommand(ctx: Ctx, argv: string[]): Reply {
  const incr = getExactLongLongOrError(argv[3]);
  const key = argv[1];
  const field = argv[2];
  let o = ctx.lookupWriteOfType(key, 'hash');
  let value: number | bigint = 0;
  const cur = o === undefined ? undefined : (o.value as HashValue).get(field);
  if (cur !== undefined) {
    const v = parseLongLong(cur);
    if (v === null) fail('ERR hash value is not an integer');
    value = v;
  }
  const result = addLongLong(value, incr);
  if (result === null) fail(errors.overflow);
  if (o === undefined) {
    o = newHashObject();
    ctx.add(key, o);
  }
  hashTypeSet(ctx, o, field, String(result));
  ctx.signalModifiedKey(key);
  ctx.notify('h', 'hincrby', key);
  ctx.dirty++;
  return result;
}

// HINCRBYFLOAT key field increment
function hincrbyfloatCommand(ctx: Ctx, argv: string[]): Reply {
  const incr = parseLongDouble(argv[3]);
  if (incr === null) fail(errors.notFloat);
  if (!isFiniteLongDouble(incr)) fail('ERR value is NaN or Infinity');
  const key = argv[1];
  const field = argv[2];
  let o = ctx.lookupWriteOfType(key, 'hash');
  let value = LD_ZERO;
  const cur = o === undefined ? undefined : (o.value as HashValue).get(field);
  if (cur !== undefined) {
    const v = parseLongDouble(cur);
    if (v === null) fail('ERR hash value is not a float');
    value = v;
  }
  const sum = addLongDouble(value, incr);
  if (!isFiniteLongDouble(sum)) fail('ERR increment would produce NaN or Infinity');
  const str = formatLongDouble(sum);
  if (o === undefined) {
    o = newHashObject();
    ctx.add(key, o);
  }
  hashTypeSet(ctx, o, field, str);
  ctx.signalModifiedKey(key);
  ctx.notify('h', 'hincrbyfloat', key);
  ctx.dirty++;
  // Propagated as HSET with the result, so float formatting never differs on replay.
  ctx.rewrite(['HSET', key, field, str]);
  return str;
}

// HRANDFIELD key [count [WITHVALUES]]
function hrandfieldCommand(ctx: Ctx, argv: string[]): Reply {
  if (argv.length >= 3) {
    // getRangeLongFromObjectOrReply(-LONG_MAX, LONG_MAX): only LLONG_MIN is out of that range.
    const l = parseLongLong(argv[2]);
    if (l === null) fail(errors.notInteger);
    if (l === LLONG_MIN) fail('ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807');
    let withvalues = false;
    if (argv.length > 4 || (argv.length === 4 && !eqi(argv[3], 'withvalues'))) fail(errors.syntax);
    if (argv.length === 4) {
      withvalues = true;
      if (l < -HALF_LONG_MAX || l > HALF_LONG_MAX) fail('ERR value is out of range');
    }
    return hrandfieldWithCount(ctx, argv[1], Number(l), withvalues);
  }
  const h = lookupHash(ctx, argv[1]);
  if (h === undefined) return null;
  return randomKey(h, ctx.engine.random)!;
}

// HSCAN key cursor [MATCH pattern] [COUNT count]
function hscanCommand(ctx: Ctx, argv: string[]): Reply {
  const cursor = parseScanCursor(argv[2]);
  if (cursor === null) fail('ERR invalid cursor');
  const o = ctx.lookupReadOfType(argv[1], 'hash');
  if (o === undefined) return ['0', []];
  const opts = parseScanOptionsOrError(argv, 3, false);
  const h = o.value as HashValue;
  const match = opts.match;
  const out: string[] = [];
  if (o.enc === LISTPACK) {
    // A listpack answers in one page whatever the cursor and COUNT, as scanGenericCommand does.
    for (const [f, v] of h) if (match === null || match(f)) out.push(f, v);
    return ['0', out];
  }
  const fields: string[] = [];
  const next = scanCursorsOf(ctx.engine).scan(h, cursor, opts.count, ctx.now, fields);
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i];
    if (match === null || match(f)) out.push(f, h.get(f)!);
  }
  return [next, out];
}

// ---- Declarations ----------------------------------------------------------------------------

const KEY1 = { first: 1, last: 1, step: 1 };
const ORDER_TIPS = ['nondeterministic_output_order'];
const RANDOM_TIPS = ['nondeterministic_output'];

export const hashCommands: CommandDecl[] = [
  {
    name: 'hset', arity: -4, flags: ['write', 'denyoom', 'fast'], group: 'hash', since: '2.0.0', acl: ['hash'],
    keys: KEY1, keySpecs: [ks('RW update', 1)], handler: hsetCommand,
  },
  {
    name: 'hsetnx', arity: 4, flags: ['write', 'denyoom', 'fast'], group: 'hash', since: '2.0.0', acl: ['hash'],
    keys: KEY1, keySpecs: [ks('RW insert', 1)], handler: hsetnxCommand,
  },
  {
    name: 'hmset', arity: -4, flags: ['write', 'denyoom', 'fast'], group: 'hash', since: '2.0.0', acl: ['hash'],
    docFlags: ['deprecated'], deprecatedSince: '4.0.0',
    keys: KEY1, keySpecs: [ks('RW update', 1)], handler: hmsetCommand,
  },
  {
    name: 'hget', arity: 3, flags: ['readonly', 'fast'], group: 'hash', since: '2.0.0', acl: ['hash'],
    keys: KEY1, keySpecs: [ks('RO access', 1)], handler: hgetCommand,
  },
  {
    name: 'hmget', arity: -3, flags: ['readonly', 'fast'], group: 'hash', since: '2.0.0', acl: ['hash'],
    keys: KEY1, keySpecs: [ks('RO access', 1)], handler: hmgetCommand,
  },
  {
    name: 'hdel', arity: -3, flags: ['write', 'fast'], group: 'hash', since: '2.0.0', acl: ['hash'],
    keys: KEY1, keySpecs: [ks('RW delete', 1)], handler: hdelCommand,
  },
  {
    name: 'hlen', arity: 2, flags: ['readonly', 'fast'], group: 'hash', since: '2.0.0', acl: ['hash'],
    keys: KEY1, keySpecs: [ks('RO', 1)], handler: hlenCommand,
  },
  {
    name: 'hstrlen', arity: 3, flags: ['readonly', 'fast'], group: 'hash', since: '3.2.0', acl: ['hash'],
    keys: KEY1, keySpecs: [ks('RO', 1)], handler: hstrlenCommand,
  },
  {
    name: 'hexists', arity: 3, flags: ['readonly', 'fast'], group: 'hash', since: '2.0.0', acl: ['hash'],
    keys: KEY1, keySpecs: [ks('RO', 1)], handler: hexistsCommand,
  },
  {
    name: 'hgetall', arity: 2, flags: ['readonly'], group: 'hash', since: '2.0.0', acl: ['hash'], tips: ORDER_TIPS,
    keys: KEY1, keySpecs: [ks('RO access', 1)], handler: hgetallCommand,
  },
  {
    name: 'hkeys', arity: 2, flags: ['readonly'], group: 'hash', since: '2.0.0', acl: ['hash'], tips: ORDER_TIPS,
    keys: KEY1, keySpecs: [ks('RO access', 1)], handler: hkeysCommand,
  },
  {
    name: 'hvals', arity: 2, flags: ['readonly'], group: 'hash', since: '2.0.0', acl: ['hash'], tips: ORDER_TIPS,
    keys: KEY1, keySpecs: [ks('RO access', 1)], handler: hvalsCommand,
  },
  {
    name: 'hincrby', arity: 4, flags: ['write', 'denyoom', 'fast'], group: 'hash', since: '2.0.0', acl: ['hash'],
    keys: KEY1, keySpecs: [ks('RW access update', 1)], handler: hincrbyCommand,
  },
  {
    name: 'hincrbyfloat', arity: 4, flags: ['write', 'denyoom', 'fast'], group: 'hash', since: '2.6.0', acl: ['hash'],
    keys: KEY1, keySpecs: [ks('RW access update', 1)], handler: hincrbyfloatCommand,
  },
  {
    name: 'hrandfield', arity: -2, flags: ['readonly'], group: 'hash', since: '6.2.0', acl: ['hash'], tips: RANDOM_TIPS,
    keys: KEY1, keySpecs: [ks('RO access', 1)], handler: hrandfieldCommand,
  },
  {
    name: 'hscan', arity: -3, flags: ['readonly'], group: 'hash', since: '2.8.0', acl: ['hash'], tips: RANDOM_TIPS,
    keys: KEY1, keySpecs: [ks('RO access', 1)], handler: hscanCommand,
  },
];
