// String commands (t_string.c): "String API" helpers, then the commands.
// Values are byte strings. `enc` follows what OBJECT ENCODING reports in Redis: tryObjectEncoding
// for values taken from arguments (int / embstr / raw by length), raw once APPEND, SETRANGE or a
// bit command changed a value in place, int after the INCR family.
//
// Cost per call: GET, SET, INCR, MSET are O(1) plus the value. APPEND is O(appended bytes)
// amortized: V8 concatenates into a rope that is flattened once when read. A JS string cannot
// change in place, so SETRANGE (and the bit commands) edit values of 8KB and more through a
// ByteRope (structures/byte-rope.ts): O(log n + written bytes), the tree kept with the stored
// object for the next edit. Reading the whole value after an edit (GET, BITCOUNT) flattens it once:
// O(n). LCS is O(len1 * len2), as in Redis.
import { ks, type CommandDecl } from '../table.js';
import { setExpireExact } from './keys.js';
import { OK, MapReply, type Reply } from '../reply.js';
import { errors, fail, wrongArity } from '../errors.js';
import { RObj, stringEncoding } from '../keyspace.js';
import { LLONG_MAX, LLONG_MIN, addLongLong, parseLongLong } from '../bytes.js';
import { eqi, getExactLongLongOrError, getLongLongOrError, setHasGetOption } from '../args.js';
import { addLongDouble, formatLongDouble, isFiniteLongDouble, parseLongDouble } from '../long-double.js';
import { ByteRope } from '../structures/byte-rope.js';
import type { Ctx } from '../engine.js';

// ---- String API ------------------------------------------------------------------------------

/** proto-max-bulk-len's default: 512MB. */
const DEFAULT_PROTO_MAX_BULK_LEN = 512 * 1024 * 1024;
/** V8's longest string (2^29 - 24 chars): a value can never be longer, whatever the config says. */
export const MAX_JS_STRING = (1 << 29) - 24;

/** server.proto_max_bulk_len: the longest string a command may build. */
export function protoMaxBulkLen(ctx: Ctx): number {
  const v = ctx.engine.config.get('proto-max-bulk-len');
  if (v === undefined) return DEFAULT_PROTO_MAX_BULK_LEN;
  const n = Number(v);
  return Number.isFinite(n) ? n : DEFAULT_PROTO_MAX_BULK_LEN;
}

/** checkStringLength: the size a write would reach, against proto-max-bulk-len. */
export function checkStringLengthOrError(ctx: Ctx, size: number, append: number): void {
  const total = size + append;
  if (total > protoMaxBulkLen(ctx) || total > MAX_JS_STRING) fail(errors.stringTooLong);
}

/** createStringObject + tryObjectEncoding: a value from an argument. */
export function newStringObject(value: string): RObj {
  return new RObj('string', value, stringEncoding(value, true), 0);
}

/**
 * setKey(key, newStringObject(value)) given lookupWrite's result `old`: a string object that is
 * not int-encoded is reused in place (an int one may be a COPY's private integer, whose OBJECT
 * REFCOUNT must not carry over to a new shared integer).
 */
function setStringValue(ctx: Ctx, key: string, old: RObj | undefined, value: string, keepTtl: boolean): void {
  let o: RObj;
  if (old !== undefined && old.type === 'string' && old.enc !== 'int') {
    ctx.overwriteString(key, old, value, stringEncoding(value, true), keepTtl);
    o = old;
  } else {
    o = newStringObject(value);
    ctx.setKey(key, o, keepTtl);
  }
  heldByArgv(ctx, o);
}

/** The object stands for a command argument Redis stored as it is (see Engine.heldByExec). */
function heldByArgv(ctx: Ctx, o: RObj): void {
  const held = ctx.engine.heldByExec;
  if (held !== null) held.set(o, o.value as string);
}

/** A string changed in place (APPEND, SETRANGE, SETBIT ...): Redis's unshared sds is `raw`. */
export function newRawStringObject(value: string): RObj {
  return new RObj('string', value, 'raw', 0);
}

/** Values at least this long are changed in place through a ByteRope. */
const ROPE_MIN = 8192;
/** The rope the last in-place write left on the object it stored, for the next write to reuse. */
const ropes = new WeakMap<RObj, ByteRope>();

function ropeOf(o: RObj): ByteRope | null {
  const r = ropes.get(o);
  // The same string object unless someone replaced the value: then the rope is stale.
  return r !== undefined && r.toString() === o.value ? r : null;
}

/**
 * The bytes of a string value being changed in place (SETRANGE, SETBIT, BITFIELD). A small value
 * is edited as a plain string (each edit O(1) to build, one O(n) flatten when next read); a large
 * one through a ByteRope (O(log n) per edit), which stays with the stored object for the next
 * write. A rope is built only when a large value is first changed.
 */
export class ByteEditor {
  private s: string;
  private rope: ByteRope | null;

  constructor(o: RObj | undefined) {
    this.s = o === undefined ? '' : (o.value as string);
    this.rope = o === undefined ? null : ropeOf(o);
  }

  get length(): number {
    return this.rope !== null ? this.rope.length : this.s.length;
  }

  /** The byte at i, 0 past the end. */
  byteAt(i: number): number {
    if (i >= this.length) return 0;
    return this.rope !== null ? this.rope.byteAt(i) : this.s.charCodeAt(i);
  }

  /** Pads with zero bytes up to `length` (sdsgrowzero). */
  grow(length: number): void {
    if (length <= this.length) return;
    if (length > MAX_JS_STRING) fail(errors.stringTooLong);
    if (this.rope === null && length >= ROPE_MIN) this.rope = ByteRope.from(this.s);
    if (this.rope !== null) this.rope = this.rope.grow(length);
    else this.s += zeros(length - this.s.length);
  }

  /** Sets byte i (i < length). */
  setByte(i: number, b: number): void {
    if (this.rope === null && this.s.length >= ROPE_MIN) this.rope = ByteRope.from(this.s);
    if (this.rope !== null) this.rope = this.rope.setByte(i, b);
    else this.s = this.s.slice(0, i) + String.fromCharCode(b) + this.s.slice(i + 1);
  }

  /** Writes bytes at offset, padding with zeros before it if needed. */
  write(offset: number, bytes: string): void {
    const end = offset + bytes.length;
    const len = Math.max(end, this.length);
    if (len > MAX_JS_STRING) fail(errors.stringTooLong);
    if (len >= ROPE_MIN && bytes.length * 8 < len) {
      // A small edit of a large value: through the rope.
      if (this.rope === null) this.rope = ByteRope.from(this.s);
      this.rope = this.rope.write(offset, bytes);
      return;
    }
    // A large part of the value changes: a plain string is as cheap and leaves no tree behind.
    const old = this.value();
    this.rope = null;
    this.s =
      old.length <= offset
        ? old + zeros(offset - old.length) + bytes
        : old.slice(0, offset) + bytes + (end < old.length ? old.slice(end) : '');
  }

  /**
   * Appends bytes. Through the rope only when the value already has one (a bitmap being edited);
   * otherwise V8's own concatenation, O(1) until the value is read, is the cheaper rope.
   */
  append(bytes: string): void {
    if (this.rope !== null && bytes.length * 8 < this.rope.length) {
      this.rope = this.rope.write(this.rope.length, bytes);
    } else {
      this.s = this.value() + bytes;
      this.rope = null;
    }
  }

  /** The bytes as one string. */
  value(): string {
    return this.rope !== null ? this.rope.toString() : this.s;
  }

  /** Stores the result as a raw string (dbAdd for a new key, dbOverwrite keeping the TTL). */
  store(ctx: Ctx, key: string, o: RObj | undefined): void {
    const obj = newRawStringObject(this.value());
    if (this.rope !== null) ropes.set(obj, this.rope);
    if (o === undefined) ctx.add(key, obj);
    else ctx.setKey(key, obj, true);
  }
}

/** Byte i of a string object (0 past the end), read through its rope if a write left one. */
export function stringByteAt(o: RObj, i: number): number {
  const r = ropeOf(o);
  if (r !== null) return i < r.length ? r.byteAt(i) : 0;
  const v = o.value as string;
  return i < v.length ? v.charCodeAt(i) : 0;
}

/** getGenericCommand: the value of a string key, null when missing, WRONGTYPE otherwise. */
export function getStringOrNull(ctx: Ctx, key: string): string | null {
  const o = ctx.lookupReadOfType(key, 'string');
  return o === undefined ? null : (o.value as string);
}

/** `count` zero bytes (sdsgrowzero's padding). */
export function zeros(count: number): string {
  return count <= 0 ? '' : '\0'.repeat(count);
}

const OBJ_SET_NX = 1 << 0;
const OBJ_SET_XX = 1 << 1;
const OBJ_EX = 1 << 2;
const OBJ_PX = 1 << 3;
const OBJ_KEEPTTL = 1 << 4;
const OBJ_SET_GET = 1 << 5;
const OBJ_EXAT = 1 << 6;
const OBJ_PXAT = 1 << 7;
const OBJ_PERSIST = 1 << 8;
const ANY_EXPIRE = OBJ_EX | OBJ_PX | OBJ_EXAT | OBJ_PXAT;

const COMMAND_GET = 0;
const COMMAND_SET = 1;

/** What parseExtendedStringArgumentsOrReply found: the flags and the expire argument's index. */
let parsedFlags = 0;
let parsedExpire = -1;

/**
 * parseExtendedStringArgumentsOrReply: SET's NX XX GET KEEPTTL and GETEX's PERSIST, with
 * EX PX EXAT PXAT for both. A second, conflicting option is a syntax error, as in Redis.
 * Results go to parsedFlags / parsedExpire (no allocation on the hot path).
 */
function parseExtendedStringArgumentsOrError(argv: string[], commandType: number): void {
  let flags = 0;
  let expire = -1;
  const isSet = commandType === COMMAND_SET;
  for (let j = isSet ? 3 : 2; j < argv.length; j++) {
    const opt = argv[j];
    const hasNext = j < argv.length - 1;
    if (isSet && eqi(opt, 'nx') && !(flags & OBJ_SET_XX)) {
      flags |= OBJ_SET_NX;
    } else if (isSet && eqi(opt, 'xx') && !(flags & OBJ_SET_NX)) {
      flags |= OBJ_SET_XX;
    } else if (isSet && eqi(opt, 'get')) {
      flags |= OBJ_SET_GET;
    } else if (isSet && eqi(opt, 'keepttl') && !(flags & (OBJ_PERSIST | ANY_EXPIRE))) {
      flags |= OBJ_KEEPTTL;
    } else if (!isSet && eqi(opt, 'persist') && !(flags & (ANY_EXPIRE | OBJ_KEEPTTL))) {
      flags |= OBJ_PERSIST;
    } else if (eqi(opt, 'ex') && !(flags & (OBJ_KEEPTTL | OBJ_PERSIST | OBJ_EXAT | OBJ_PX | OBJ_PXAT)) && hasNext) {
      flags |= OBJ_EX;
      expire = ++j;
    } else if (eqi(opt, 'px') && !(flags & (OBJ_KEEPTTL | OBJ_PERSIST | OBJ_EX | OBJ_EXAT | OBJ_PXAT)) && hasNext) {
      flags |= OBJ_PX;
      expire = ++j;
    } else if (eqi(opt, 'exat') && !(flags & (OBJ_KEEPTTL | OBJ_PERSIST | OBJ_EX | OBJ_PX | OBJ_PXAT)) && hasNext) {
      flags |= OBJ_EXAT;
      expire = ++j;
    } else if (eqi(opt, 'pxat') && !(flags & (OBJ_KEEPTTL | OBJ_PERSIST | OBJ_EX | OBJ_EXAT | OBJ_PX)) && hasNext) {
      flags |= OBJ_PXAT;
      expire = ++j;
    } else {
      fail(errors.syntax);
    }
  }
  parsedFlags = flags;
  parsedExpire = expire;
}

/**
 * getExpireMillisecondsOrReply: the absolute expire time in ms of an EX/PX/EXAT/PXAT argument,
 * exact (a bigint past 2^53, for propagation). Relative times are added to the command's time.
 */
function getExpireMillisecondsOrError(ctx: Ctx, arg: string, flags: number): number | bigint {
  const v = getExactLongLongOrError(arg);
  const seconds = (flags & (OBJ_EX | OBJ_EXAT)) !== 0;
  const relative = (flags & (OBJ_EX | OBJ_PX)) !== 0;
  if (typeof v === 'number') {
    // A number is below 2^53, so seconds * 1000 cannot pass LLONG_MAX.
    if (v <= 0) fail(errors.invalidExpire(ctx.cmd.name));
    const ms = (seconds ? v * 1000 : v) + (relative ? ctx.now : 0);
    if (Number.isSafeInteger(ms)) return ms;
  } else if (v <= 0n || (seconds && v > 9223372036854775n)) {
    fail(errors.invalidExpire(ctx.cmd.name));
  }
  let ms = BigInt(v) * (seconds ? 1000n : 1n);
  if (relative) ms += BigInt(ctx.now);
  // In C the sum wraps to a negative number: Redis reports it as an invalid expire time.
  if (ms > LLONG_MAX) fail(errors.invalidExpire(ctx.cmd.name));
  return ms;
}

/**
 * setGenericCommand: SET and its variants. `okReply`/`abortReply` are what SETNX replies
 * instead of OK and null. Propagates SET key value PXAT <ms> when an expire was given, and
 * the command without its GET options otherwise.
 */
function setGeneric(
  ctx: Ctx,
  argv: string[],
  flags: number,
  key: string,
  val: string,
  expireArg: number,
  okReply: Reply,
  abortReply: Reply,
): Reply {
  let when: number | bigint = 0;
  if (expireArg >= 0) when = getExpireMillisecondsOrError(ctx, argv[expireArg], flags);
  let reply: Reply = okReply;
  if (flags & OBJ_SET_GET) reply = getStringOrNull(ctx, key);
  const old = ctx.lookupWrite(key);
  const found = old !== undefined;
  if ((flags & OBJ_SET_NX && found) || (flags & OBJ_SET_XX && !found)) {
    return flags & OBJ_SET_GET ? reply : abortReply;
  }
  // With an expire the old TTL is overwritten in place just below: deleting it first would leave
  // a tombstone in the expires map per call, and SETEX-heavy loads would keep rehashing it.
  setStringValue(ctx, key, old, val, (flags & OBJ_KEEPTTL) !== 0 || expireArg >= 0);
  ctx.dirty++;
  ctx.notify('$', 'set', key);
  if (expireArg >= 0) {
    setExpireExact(ctx, key, when);
    if (ctx.engine.recordEffects) ctx.rewrite(['SET', key, val, 'PXAT', String(when)]);
    ctx.notify('g', 'expire', key);
  } else if (flags & OBJ_SET_GET) {
    const out: string[] = [];
    for (let j = 0; j < argv.length; j++) if (j < 3 || !eqi(argv[j], 'get')) out.push(argv[j]);
    ctx.rewrite(out);
  }
  return reply;
}

/** incrDecrCommand: adds `incr` to the integer at key, stored with the `int` encoding. */
function incrDecr(ctx: Ctx, key: string, incr: number | bigint): Reply {
  const o = ctx.lookupWriteOfType(key, 'string');
  let value: number | bigint = 0;
  if (o !== undefined) {
    const v = parseLongLong(o.value as string);
    if (v === null) fail(errors.notInteger);
    value = v;
  }
  const result = addLongLong(value, incr);
  if (result === null) fail(errors.overflow);
  if (o !== undefined && o.enc === 'int' && (result < 0 || result >= 10000) && !ctx.engine.isHeldByExec(o)) {
    // As Redis: an int object outside the shared range [0, 10000) is updated in place, unless
    // the queued argv of the running EXEC still holds it (refcount 2): then it gets a new object.
    ctx.overwriteString(key, o, String(result), 'int', true);
  } else {
    const obj = new RObj('string', String(result), 'int', 0);
    if (o !== undefined) ctx.setKey(key, obj, true);
    else ctx.add(key, obj);
  }
  ctx.notify('$', 'incrby', key);
  ctx.dirty++;
  return result;
}

/** GETRANGE's and BITCOUNT's index arithmetic on a length, after the negative-index rules. */
export function clampRange(start: number, end: number, len: number): [number, number] {
  if (start < 0) start = len + start;
  if (end < 0) end = len + end;
  if (start < 0) start = 0;
  if (end < 0) end = 0;
  if (end >= len) end = len - 1;
  return [start, end];
}

const LD_ZERO = parseLongDouble('0');

// ---- Commands --------------------------------------------------------------------------------

// GET key
function getCommand(ctx: Ctx, argv: string[]): Reply {
  return getStringOrNull(ctx, argv[1]);
}

// SET key value [NX | XX] [GET] [EX seconds | PX milliseconds | EXAT unix-time-seconds |
//   PXAT unix-time-milliseconds | KEEPTTL]
function setCommand(ctx: Ctx, argv: string[]): Reply {
  const key = argv[1];
  if (argv.length === 3) {
    // The common case, without option parsing: lookupKeyWrite (it may expire the key), setKey.
    setStringValue(ctx, key, ctx.lookupWrite(key), argv[2], false);
    ctx.dirty++;
    ctx.notify('$', 'set', key);
    return OK;
  }
  parseExtendedStringArgumentsOrError(argv, COMMAND_SET);
  return setGeneric(ctx, argv, parsedFlags, key, argv[2], parsedExpire, OK, null);
}

// SETNX key value
function setnxCommand(ctx: Ctx, argv: string[]): Reply {
  return setGeneric(ctx, argv, OBJ_SET_NX, argv[1], argv[2], -1, 1, 0);
}

// SETEX key seconds value
function setexCommand(ctx: Ctx, argv: string[]): Reply {
  return setGeneric(ctx, argv, OBJ_EX, argv[1], argv[3], 2, OK, null);
}

// PSETEX key milliseconds value
function psetexCommand(ctx: Ctx, argv: string[]): Reply {
  return setGeneric(ctx, argv, OBJ_PX, argv[1], argv[3], 2, OK, null);
}

// GETSET key value
function getsetCommand(ctx: Ctx, argv: string[]): Reply {
  const key = argv[1];
  const old = getStringOrNull(ctx, key);
  const o = newStringObject(argv[2]);
  ctx.setKey(key, o, false);
  heldByArgv(ctx, o);
  ctx.notify('$', 'set', key);
  ctx.dirty++;
  ctx.rewrite(['SET', key, argv[2]]);
  return old;
}

// GETDEL key
function getdelCommand(ctx: Ctx, argv: string[]): Reply {
  const key = argv[1];
  const old = getStringOrNull(ctx, key);
  if (old !== null && ctx.deleteKey(key)) {
    ctx.rewrite(['DEL', key]);
    ctx.signalModifiedKey(key);
    ctx.notify('g', 'del', key);
    ctx.dirty++;
  }
  return old;
}

// GETEX key [EX seconds | PX milliseconds | EXAT unix-time-seconds | PXAT unix-time-milliseconds
//   | PERSIST]
function getexCommand(ctx: Ctx, argv: string[]): Reply {
  const key = argv[1];
  parseExtendedStringArgumentsOrError(argv, COMMAND_GET);
  const flags = parsedFlags;
  const expireArg = parsedExpire;
  const o = ctx.lookupReadOfType(key, 'string');
  if (o === undefined) return null;
  let when: number | bigint = 0;
  if (expireArg >= 0) when = getExpireMillisecondsOrError(ctx, argv[expireArg], flags);
  const value = o.value as string;
  // Never propagated as is: PEXPIREAT, DEL or PERSIST.
  if (flags & (OBJ_EXAT | OBJ_PXAT) && when <= ctx.now) {
    // checkAlreadyExpired: an absolute time in the past deletes the key.
    ctx.deleteKey(key);
    ctx.rewrite(['DEL', key]);
    ctx.signalModifiedKey(key);
    ctx.notify('g', 'del', key);
    ctx.dirty++;
  } else if (expireArg >= 0) {
    setExpireExact(ctx, key, when);
    ctx.rewrite(['PEXPIREAT', key, String(when)]);
    ctx.signalModifiedKey(key);
    ctx.notify('g', 'expire', key);
    ctx.dirty++;
  } else if (flags & OBJ_PERSIST) {
    if (ctx.removeExpire(key)) {
      ctx.signalModifiedKey(key);
      ctx.rewrite(['PERSIST', key]);
      ctx.notify('g', 'persist', key);
      ctx.dirty++;
    }
  }
  return value;
}

// MGET key [key ...]
function mgetCommand(ctx: Ctx, argv: string[]): Reply {
  const out: Reply[] = new Array(argv.length - 1);
  for (let j = 1; j < argv.length; j++) {
    const o = ctx.lookupRead(argv[j]);
    out[j - 1] = o === undefined || o.type !== 'string' ? null : (o.value as string);
  }
  return out;
}

/** msetGenericCommand: MSET, and MSETNX which sets nothing when any key exists. */
function msetGeneric(ctx: Ctx, argv: string[], nx: boolean): Reply {
  if (argv.length % 2 === 0) fail(wrongArity(ctx.cmd.name));
  if (nx) {
    for (let j = 1; j < argv.length; j += 2) {
      if (ctx.lookupWrite(argv[j]) !== undefined) return 0;
    }
  }
  for (let j = 1; j < argv.length; j += 2) {
    // setKey without flags looks the key up for write first: an expired key is expired.
    const old = nx ? undefined : ctx.lookupWrite(argv[j]);
    setStringValue(ctx, argv[j], old, argv[j + 1], false);
    ctx.notify('$', 'set', argv[j]);
  }
  ctx.dirty += (argv.length - 1) / 2;
  return nx ? 1 : OK;
}

// MSET key value [key value ...]
function msetCommand(ctx: Ctx, argv: string[]): Reply {
  return msetGeneric(ctx, argv, false);
}

// MSETNX key value [key value ...]
function msetnxCommand(ctx: Ctx, argv: string[]): Reply {
  return msetGeneric(ctx, argv, true);
}

// APPEND key value
function appendCommand(ctx: Ctx, argv: string[]): Reply {
  const key = argv[1];
  const append = argv[2];
  const o = ctx.lookupWriteOfType(key, 'string');
  let totlen: number;
  if (o === undefined) {
    const created = newStringObject(append);
    ctx.add(key, created);
    heldByArgv(ctx, created);
    totlen = append.length;
  } else {
    checkStringLengthOrError(ctx, (o.value as string).length, append.length);
    const ed = new ByteEditor(o);
    ed.append(append);
    ed.store(ctx, key, o);
    totlen = ed.length;
  }
  ctx.signalModifiedKey(key);
  ctx.notify('$', 'append', key);
  ctx.dirty++;
  return totlen;
}

// STRLEN key
function strlenCommand(ctx: Ctx, argv: string[]): Reply {
  const o = ctx.lookupReadOfType(argv[1], 'string');
  return o === undefined ? 0 : (o.value as string).length;
}

// SETRANGE key offset value
function setrangeCommand(ctx: Ctx, argv: string[]): Reply {
  const key = argv[1];
  const value = argv[3];
  const offset = getLongLongOrError(argv[2]);
  if (offset < 0) fail('ERR offset is out of range');
  const o = ctx.lookupWriteOfType(key, 'string');
  if (o === undefined) {
    // Setting nothing on a missing key creates nothing.
    if (value.length === 0) return 0;
  } else if (value.length === 0) {
    return (o.value as string).length;
  }
  checkStringLengthOrError(ctx, offset, value.length);
  const ed = new ByteEditor(o);
  ed.write(offset, value);
  ed.store(ctx, key, o);
  ctx.signalModifiedKey(key);
  ctx.notify('$', 'setrange', key);
  ctx.dirty++;
  return ed.length;
}

// GETRANGE key start end
function getrangeCommand(ctx: Ctx, argv: string[]): Reply {
  // Exact (bigint past 2^53) for the comparison; the clamping below is exact with numbers.
  const start = getExactLongLongOrError(argv[2]);
  const end = getExactLongLongOrError(argv[3]);
  const o = ctx.lookupReadOfType(argv[1], 'string');
  if (o === undefined) return '';
  const str = o.value as string;
  if (start < 0 && end < 0 && start > end) return '';
  const [s, e] = clampRange(Number(start), Number(end), str.length);
  if (s > e || str.length === 0) return '';
  return str.slice(s, e + 1);
}

// INCR key
function incrCommand(ctx: Ctx, argv: string[]): Reply {
  return incrDecr(ctx, argv[1], 1);
}

// DECR key
function decrCommand(ctx: Ctx, argv: string[]): Reply {
  return incrDecr(ctx, argv[1], -1);
}

// INCRBY key increment
function incrbyCommand(ctx: Ctx, argv: string[]): Reply {
  return incrDecr(ctx, argv[1], getExactLongLongOrError(argv[2]));
}

// DECRBY key decrement
function decrbyCommand(ctx: Ctx, argv: string[]): Reply {
  const incr = getExactLongLongOrError(argv[2]);
  // Negating LLONG_MIN overflows.
  if (incr === LLONG_MIN) fail('ERR decrement would overflow');
  return incrDecr(ctx, argv[1], -incr);
}

// INCRBYFLOAT key increment
function incrbyfloatCommand(ctx: Ctx, argv: string[]): Reply {
  const key = argv[1];
  const o = ctx.lookupWriteOfType(key, 'string');
  const value = o === undefined ? LD_ZERO : parseLongDouble(o.value as string);
  const incr = parseLongDouble(argv[2]);
  if (value === null || incr === null) fail(errors.notFloat);
  const sum = addLongDouble(value, incr);
  if (!isFiniteLongDouble(sum)) fail('ERR increment would produce NaN or Infinity');
  const str = formatLongDouble(sum);
  // createStringObjectFromLongDouble: never int-encoded, embstr or raw by length.
  const obj = new RObj('string', str, stringEncoding(str, false), 0);
  if (o !== undefined) ctx.setKey(key, obj, true);
  else ctx.add(key, obj);
  ctx.notify('$', 'incrbyfloat', key);
  ctx.dirty++;
  // Always propagated as SET with the result, so float formatting never differs on replay.
  ctx.rewrite(['SET', key, str, 'KEEPTTL']);
  return str;
}

// LCS key1 key2 [LEN] [IDX] [MINMATCHLEN min-match-len] [WITHMATCHLEN]
function lcsCommand(ctx: Ctx, argv: string[]): Reply {
  const oa = ctx.lookupRead(argv[1]);
  const ob = ctx.lookupRead(argv[2]);
  if ((oa !== undefined && oa.type !== 'string') || (ob !== undefined && ob.type !== 'string')) {
    fail('ERR The specified keys must contain string values');
  }
  const a = oa === undefined ? '' : (oa.value as string);
  const b = ob === undefined ? '' : (ob.value as string);
  let getlen = false;
  let getidx = false;
  let withmatchlen = false;
  let minmatchlen = 0;
  for (let j = 3; j < argv.length; j++) {
    const opt = argv[j];
    const moreargs = argv.length - 1 - j;
    if (eqi(opt, 'idx')) getidx = true;
    else if (eqi(opt, 'len')) getlen = true;
    else if (eqi(opt, 'withmatchlen')) withmatchlen = true;
    else if (eqi(opt, 'minmatchlen') && moreargs > 0) {
      minmatchlen = getLongLongOrError(argv[++j]);
      if (minmatchlen < 0) minmatchlen = 0;
    } else fail(errors.syntax);
  }
  if (getidx && getlen) fail('ERR If you want both the length and indexes, please just use IDX.');
  const alen = a.length;
  const blen = b.length;
  const cells = (alen + 1) * (blen + 1);
  if (cells * 4 > protoMaxBulkLen(ctx)) {
    fail('ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len');
  }
  let lcs: Uint32Array;
  try {
    lcs = new Uint32Array(cells);
  } catch {
    fail('ERR Insufficient memory, failed allocating transient memory for LCS');
  }
  // lcs[j + (blen+1)*i] is the LCS length of a[0..i-1] and b[0..j-1].
  const w = blen + 1;
  for (let i = 1; i <= alen; i++) {
    const ai = a.charCodeAt(i - 1);
    const row = w * i;
    const prev = row - w;
    for (let j = 1; j <= blen; j++) {
      if (ai === b.charCodeAt(j - 1)) {
        lcs[row + j] = lcs[prev + j - 1] + 1;
      } else {
        const l1 = lcs[prev + j];
        const l2 = lcs[row + j - 1];
        lcs[row + j] = l1 > l2 ? l1 : l2;
      }
    }
  }
  const total = lcs[w * alen + blen];
  const computelcs = getidx || !getlen;
  // Walk back from the end, collecting the LCS bytes and, for IDX, the matching ranges.
  const bytes: number[] = computelcs ? new Array(total) : [];
  const matches: Reply[] = [];
  let idx = total;
  let arangeStart = alen; // alen: no range open
  let arangeEnd = 0;
  let brangeStart = 0;
  let brangeEnd = 0;
  let i = alen;
  let j = blen;
  while (computelcs && i > 0 && j > 0) {
    let emitRange = false;
    const ca = a.charCodeAt(i - 1);
    if (ca === b.charCodeAt(j - 1)) {
      bytes[idx - 1] = ca;
      if (arangeStart === alen) {
        arangeStart = i - 1;
        arangeEnd = i - 1;
        brangeStart = j - 1;
        brangeEnd = j - 1;
      } else if (arangeStart === i && brangeStart === j) {
        arangeStart--;
        brangeStart--;
      } else {
        emitRange = true;
      }
      if (arangeStart === 0 || brangeStart === 0) emitRange = true;
      idx--;
      i--;
      j--;
    } else {
      const l1 = lcs[w * (i - 1) + j];
      const l2 = lcs[w * i + j - 1];
      if (l1 > l2) i--;
      else j--;
      if (arangeStart !== alen) emitRange = true;
    }
    if (emitRange) {
      const matchLen = arangeEnd - arangeStart + 1;
      if (getidx && (minmatchlen === 0 || matchLen >= minmatchlen)) {
        const m: Reply[] = [
          [arangeStart, arangeEnd],
          [brangeStart, brangeEnd],
        ];
        if (withmatchlen) m.push(matchLen);
        matches.push(m);
      }
      arangeStart = alen;
    }
  }
  if (getidx) {
    return new MapReply([
      ['matches', matches],
      ['len', total],
    ]);
  }
  if (getlen) return total;
  let out = '';
  for (let k = 0; k < bytes.length; k += 0x2000) {
    out += String.fromCharCode.apply(null, bytes.slice(k, k + 0x2000));
  }
  return out;
}

// ---- Declarations ----------------------------------------------------------------------------

const KEY1 = { first: 1, last: 1, step: 1 };

export const stringCommands: CommandDecl[] = [
  {
    name: 'get', arity: 2, flags: ['readonly', 'fast'], group: 'string', since: '1.0.0', acl: ['string'],
    keys: KEY1, keySpecs: [ks('RO access', 1)], handler: getCommand,
  },
  {
    name: 'set', arity: -3, flags: ['write', 'denyoom'], group: 'string', since: '1.0.0', acl: ['string'],
    keys: KEY1, keySpecs: [{ notes: 'RW and ACCESS due to the optional `GET` argument', ...ks('RW access update variable_flags', 1) }],
    // setGetKeys: reading the old value only with GET (compared as C compares "get\0...").
    keyFlags: (argv) => (setHasGetOption(argv) ? ['RW', 'access', 'update'] : ['OW', 'update']),
    handler: setCommand,
  },
  {
    name: 'setnx', arity: 3, flags: ['write', 'denyoom', 'fast'], group: 'string', since: '1.0.0', acl: ['string'],
    keys: KEY1, keySpecs: [ks('OW insert', 1)], handler: setnxCommand,
  },
  {
    name: 'setex', arity: 4, flags: ['write', 'denyoom'], group: 'string', since: '2.0.0', acl: ['string'],
    keys: KEY1, keySpecs: [ks('OW update', 1)], handler: setexCommand,
  },
  {
    name: 'psetex', arity: 4, flags: ['write', 'denyoom'], group: 'string', since: '2.6.0', acl: ['string'],
    keys: KEY1, keySpecs: [ks('OW update', 1)], handler: psetexCommand,
  },
  {
    name: 'getset', arity: 3, flags: ['write', 'denyoom', 'fast'], group: 'string', since: '1.0.0', acl: ['string'],
    docFlags: ['deprecated'], deprecatedSince: '6.2.0',
    keys: KEY1, keySpecs: [ks('RW access update', 1)], handler: getsetCommand,
  },
  {
    name: 'getdel', arity: 2, flags: ['write', 'fast'], group: 'string', since: '6.2.0', acl: ['string'],
    keys: KEY1, keySpecs: [ks('RW access delete', 1)], handler: getdelCommand,
  },
  {
    name: 'getex', arity: -2, flags: ['write', 'fast'], group: 'string', since: '6.2.0', acl: ['string'],
    keys: KEY1, keySpecs: [{ notes: 'RW and UPDATE because it changes the TTL', ...ks('RW access update', 1) }], handler: getexCommand,
  },
  {
    name: 'mget', arity: -2, flags: ['readonly', 'fast'], group: 'string', since: '1.0.0', acl: ['string'],
    tips: ['request_policy:multi_shard'],
    keys: { first: 1, last: -1, step: 1 }, keySpecs: [ks('RO access', 1, -1)], handler: mgetCommand,
  },
  {
    name: 'mset', arity: -3, flags: ['write', 'denyoom'], group: 'string', since: '1.0.1', acl: ['string'],
    tips: ['request_policy:multi_shard', 'response_policy:all_succeeded'],
    keys: { first: 1, last: -1, step: 2 }, keySpecs: [ks('OW update', 1, -1, 2)], handler: msetCommand,
  },
  {
    name: 'msetnx', arity: -3, flags: ['write', 'denyoom'], group: 'string', since: '1.0.1', acl: ['string'],
    tips: ['request_policy:multi_shard', 'response_policy:agg_min'],
    keys: { first: 1, last: -1, step: 2 }, keySpecs: [ks('OW insert', 1, -1, 2)], handler: msetnxCommand,
  },
  {
    name: 'append', arity: 3, flags: ['write', 'denyoom', 'fast'], group: 'string', since: '2.0.0', acl: ['string'],
    keys: KEY1, keySpecs: [ks('RW insert', 1)], handler: appendCommand,
  },
  {
    name: 'strlen', arity: 2, flags: ['readonly', 'fast'], group: 'string', since: '2.2.0', acl: ['string'],
    keys: KEY1, keySpecs: [ks('RO', 1)], handler: strlenCommand,
  },
  {
    name: 'setrange', arity: 4, flags: ['write', 'denyoom'], group: 'string', since: '2.2.0', acl: ['string'],
    keys: KEY1, keySpecs: [ks('RW update', 1)], handler: setrangeCommand,
  },
  {
    name: 'getrange', arity: 4, flags: ['readonly'], group: 'string', since: '2.4.0', acl: ['string'],
    keys: KEY1, keySpecs: [ks('RO access', 1)], handler: getrangeCommand,
  },
  {
    name: 'substr', arity: 4, flags: ['readonly'], group: 'string', since: '1.0.0', acl: ['string'],
    docFlags: ['deprecated'], deprecatedSince: '2.0.0',
    keys: KEY1, keySpecs: [ks('RO access', 1)], handler: getrangeCommand,
  },
  {
    name: 'incr', arity: 2, flags: ['write', 'denyoom', 'fast'], group: 'string', since: '1.0.0', acl: ['string'],
    keys: KEY1, keySpecs: [ks('RW access update', 1)], handler: incrCommand,
  },
  {
    name: 'decr', arity: 2, flags: ['write', 'denyoom', 'fast'], group: 'string', since: '1.0.0', acl: ['string'],
    keys: KEY1, keySpecs: [ks('RW access update', 1)], handler: decrCommand,
  },
  {
    name: 'incrby', arity: 3, flags: ['write', 'denyoom', 'fast'], group: 'string', since: '1.0.0', acl: ['string'],
    keys: KEY1, keySpecs: [ks('RW access update', 1)], handler: incrbyCommand,
  },
  {
    name: 'decrby', arity: 3, flags: ['write', 'denyoom', 'fast'], group: 'string', since: '1.0.0', acl: ['string'],
    keys: KEY1, keySpecs: [ks('RW access update', 1)], handler: decrbyCommand,
  },
  {
    name: 'incrbyfloat', arity: 3, flags: ['write', 'denyoom', 'fast'], group: 'string', since: '2.6.0', acl: ['string'],
    keys: KEY1, keySpecs: [ks('RW access update', 1)], handler: incrbyfloatCommand,
  },
  {
    name: 'lcs', arity: -3, flags: ['readonly'], group: 'string', since: '7.0.0', acl: ['string'],
    keys: { first: 1, last: 2, step: 1 }, keySpecs: [ks('RO access', 1, 1)], handler: lcsCommand,
  },
];
