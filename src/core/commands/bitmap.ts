// Bitmap commands (bitops.c): SETBIT GETBIT BITCOUNT BITPOS BITOP BITFIELD BITFIELD_RO.
// A bitmap is a string value; bit 0 is the most significant bit of the first byte.
//
// Cost per call: writes (SETBIT, BITFIELD SET/INCRBY) go through string.ts's ByteEditor: O(1)
// on small values, O(log n) on values of 8KB and more (a ByteRope), growth with zeros included.
// GETBIT and BITFIELD GET are O(1) (O(log n) through a rope); BITCOUNT, BITPOS and BITOP are
// O(bytes in range) plus one O(n) flatten after a write.
import { ks, type CommandDecl } from '../table.js';
import type { Reply } from '../reply.js';
import { errors, fail } from '../errors.js';
import { normalizeInt, parseLongLong } from '../bytes.js';
import { eqi, getExactLongLongOrError, getLongLongOrError } from '../args.js';
import type { RObj } from '../keyspace.js';
import type { Ctx } from '../engine.js';
import { ByteEditor, clampRange, newRawStringObject, protoMaxBulkLen, stringByteAt } from './string.js';

// ---- Bitmap API ------------------------------------------------------------------------------

/** Bits set in each byte value. */
const POPCOUNT = new Uint8Array(256);
for (let i = 1; i < 256; i++) POPCOUNT[i] = (i & 1) + POPCOUNT[i >> 1];

/** redisPopcount over s[start .. start+count). */
function popcount(s: string, start: number, count: number): number {
  let n = 0;
  const end = start + count;
  for (let i = start; i < end; i++) n += POPCOUNT[s.charCodeAt(i)];
  return n;
}

/**
 * redisBitpos over `count` bytes read by `byteAt`: the first bit equal to `bit`, counted from the
 * first byte's MSB. Not found: -1 for a 1, count*8 for a 0 (the string is seen as zero padded).
 */
function bitposBytes(byteAt: (i: number) => number, count: number, bit: number): number {
  const skip = bit ? 0 : 0xff;
  for (let i = 0; i < count; i++) {
    const b = byteAt(i);
    if (b === skip) continue;
    for (let k = 0; k < 8; k++) {
      if (((b >> (7 - k)) & 1) === bit) return i * 8 + k;
    }
  }
  return bit ? -1 : count * 8;
}

/**
 * getBitOffsetFromArgument: a bit offset below proto-max-bulk-len bytes. With `hash`, BITFIELD's
 * "#<n>" means n * bits (multiplied in int64, wrapping as C does).
 */
function getBitOffsetOrError(ctx: Ctx, arg: string, hash: boolean, bits: number): number {
  const usehash = hash && bits > 0 && arg.charCodeAt(0) === 35; /* # */
  const v = parseLongLong(usehash ? arg.slice(1) : arg);
  if (v === null) fail(errors.bitOffset);
  let off: number;
  if (usehash) {
    off = Number(BigInt.asIntN(64, BigInt(v) * BigInt(bits)));
  } else {
    off = Number(v);
  }
  if (off < 0 || Math.floor(off / 8) >= protoMaxBulkLen(ctx)) fail(errors.bitOffset);
  return off;
}

/**
 * lookupStringForBitCommand: the string at key (WRONGTYPE otherwise) in an editor, grown with
 * zero bytes to hold bit `maxbit`.
 */
function lookupStringForBitOrError(ctx: Ctx, key: string, maxbit: number): { o: RObj | undefined; ed: ByteEditor; grown: boolean } {
  const o = ctx.lookupWriteOfType(key, 'string');
  const ed = new ByteEditor(o);
  const before = ed.length;
  ed.grow(Math.floor(maxbit / 8) + 1);
  return { o, ed, grown: o === undefined || ed.length !== before };
}

/** getUnsignedBitfield: `bits` bits from bit `offset`, MSB first. */
function getUnsignedBitfield(p: { byteAt(i: number): number }, offset: number, bits: number): bigint {
  const first = Math.floor(offset / 8);
  const last = Math.floor((offset + bits - 1) / 8);
  let acc = 0n;
  for (let i = first; i <= last; i++) acc = (acc << 8n) | BigInt(p.byteAt(i));
  const shift = (last - first + 1) * 8 - (offset - first * 8) - bits;
  return (acc >> BigInt(shift)) & ((1n << BigInt(bits)) - 1n);
}

/** setUnsignedBitfield: writes the low `bits` bits of `value` at bit `offset`. */
function setUnsignedBitfield(p: ByteEditor, offset: number, bits: number, value: bigint): void {
  const first = Math.floor(offset / 8);
  const last = Math.floor((offset + bits - 1) / 8);
  let acc = 0n;
  for (let i = first; i <= last; i++) acc = (acc << 8n) | BigInt(p.byteAt(i));
  const shift = BigInt((last - first + 1) * 8 - (offset - first * 8) - bits);
  const mask = ((1n << BigInt(bits)) - 1n) << shift;
  acc = (acc & ~mask) | ((BigInt.asUintN(bits, value) << shift) & mask);
  for (let i = last; i >= first; i--) {
    p.setByte(i, Number(acc & 0xffn));
    acc >>= 8n;
  }
}

const BFOVERFLOW_WRAP = 0;
const BFOVERFLOW_SAT = 1;
const BFOVERFLOW_FAIL = 2;

const OP_GET = 0;
const OP_SET = 1;
const OP_INCRBY = 2;

interface BitfieldOp {
  opcode: number;
  offset: number;
  value: bigint;
  sign: boolean;
  bits: number;
  owtype: number;
}

const BITFIELD_TYPE_ERR = 'ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.';

/** getBitfieldTypeFromArgument: i1..i64 or u1..u63. The width is read up to a NUL, as strlen does. */
function getBitfieldTypeOrError(arg: string): { sign: boolean; bits: number } {
  const c = arg.charCodeAt(0);
  let sign: boolean;
  // Lower case only: Redis 7.0 compares the first byte with 'i' and 'u'.
  if (c === 105) sign = true; /* i */
  else if (c === 117) sign = false; /* u */
  else fail(BITFIELD_TYPE_ERR);
  let rest = arg.slice(1);
  const nul = rest.indexOf('\0');
  if (nul >= 0) rest = rest.slice(0, nul);
  const bits = parseLongLong(rest);
  if (bits === null || bits < 1 || (sign && bits > 64) || (!sign && bits > 63)) fail(BITFIELD_TYPE_ERR);
  return { sign, bits: Number(bits) };
}

/**
 * checkSignedBitfieldOverflow / checkUnsignedBitfieldOverflow: 1 when value + incr passes the
 * field's maximum, -1 below its minimum, 0 when it fits. Redis computes max - value and
 * min - value in int64, where they can wrap (SET i63 -9223372036854775808 counts as passing the
 * maximum), so they are computed the same way here.
 */
function bitfieldOverflow(value: bigint, incr: bigint, sign: boolean, bits: number): number {
  if (sign) {
    const max = bits === 64 ? 9223372036854775807n : (1n << BigInt(bits - 1)) - 1n;
    const min = -max - 1n;
    const maxincr = BigInt.asIntN(64, max - value);
    const minincr = BigInt.asIntN(64, min - value);
    if (value > max || (bits !== 64 && incr > maxincr) || (value >= 0n && incr > 0n && incr > maxincr)) return 1;
    if (value < min || (bits !== 64 && incr < minincr) || (value < 0n && incr < 0n && incr < minincr)) return -1;
    return 0;
  }
  // value is a uint64 here; the increments are int64, as in C.
  const max = (1n << BigInt(bits)) - 1n;
  const maxincr = BigInt.asIntN(64, max - value);
  const minincr = BigInt.asIntN(64, -value);
  if (value > max || (incr > 0n && incr > maxincr)) return 1;
  if (incr < 0n && incr < minincr) return -1;
  return 0;
}

/**
 * The field's new value after adding `incr` to `value` (SET passes the new value and 0) under
 * the overflow type; null when the type is FAIL and the result does not fit.
 */
function bitfieldResult(value: bigint, incr: bigint, sign: boolean, bits: number, owtype: number): bigint | null {
  const overflow = bitfieldOverflow(value, incr, sign, bits);
  if (overflow === 0) return value + incr;
  if (owtype === BFOVERFLOW_FAIL) return null;
  if (owtype === BFOVERFLOW_SAT) {
    if (overflow > 0) return sign ? (bits === 64 ? 9223372036854775807n : (1n << BigInt(bits - 1)) - 1n) : (1n << BigInt(bits)) - 1n;
    return sign ? (bits === 64 ? -9223372036854775808n : -(1n << BigInt(bits - 1))) : 0n;
  }
  return sign ? BigInt.asIntN(bits, value + incr) : BigInt.asUintN(bits, value + incr);
}

/** bitfieldGeneric: BITFIELD, and BITFIELD_RO which accepts only GET. */
function bitfieldGeneric(ctx: Ctx, argv: string[], readonlyCommand: boolean): Reply {
  const key = argv[1];
  const ops: BitfieldOp[] = [];
  let owtype = BFOVERFLOW_WRAP;
  let readonly = true;
  let highestWriteOffset = 0;
  for (let j = 2; j < argv.length; j++) {
    const remargs = argv.length - j - 1;
    const sub = argv[j];
    let opcode: number;
    if (eqi(sub, 'get') && remargs >= 2) opcode = OP_GET;
    else if (eqi(sub, 'set') && remargs >= 3) opcode = OP_SET;
    else if (eqi(sub, 'incrby') && remargs >= 3) opcode = OP_INCRBY;
    else if (eqi(sub, 'overflow') && remargs >= 1) {
      const name = argv[++j];
      if (eqi(name, 'wrap')) owtype = BFOVERFLOW_WRAP;
      else if (eqi(name, 'sat')) owtype = BFOVERFLOW_SAT;
      else if (eqi(name, 'fail')) owtype = BFOVERFLOW_FAIL;
      else fail('ERR Invalid OVERFLOW type specified');
      continue;
    } else {
      fail(errors.syntax);
    }
    const { sign, bits } = getBitfieldTypeOrError(argv[j + 1]);
    const offset = getBitOffsetOrError(ctx, argv[j + 2], true, bits);
    let value = 0n;
    if (opcode !== OP_GET) {
      readonly = false;
      if (highestWriteOffset < offset + bits - 1) highestWriteOffset = offset + bits - 1;
      value = BigInt(getExactLongLongOrError(argv[j + 3]));
    }
    ops.push({ opcode, offset, value, sign, bits, owtype });
    j += opcode === OP_GET ? 2 : 3;
  }

  let o: RObj | undefined;
  let ed: ByteEditor;
  let grown = false;
  if (readonly) {
    o = ctx.lookupReadOfType(key, 'string');
    ed = new ByteEditor(o);
  } else {
    if (readonlyCommand) fail('ERR BITFIELD_RO only supports the GET subcommand');
    ({ o, ed, grown } = lookupStringForBitOrError(ctx, key, highestWriteOffset));
  }

  const replies: Reply[] = new Array(ops.length);
  let changes = 0;
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i];
    const raw = getUnsignedBitfield(ed, op.offset, op.bits);
    const old = op.sign ? BigInt.asIntN(op.bits, raw) : raw;
    if (op.opcode === OP_GET) {
      replies[i] = normalizeInt(old);
      continue;
    }
    let next: bigint | null;
    if (op.opcode === OP_INCRBY) {
      next = bitfieldResult(old, op.value, op.sign, op.bits, op.owtype);
    } else {
      // SET takes the int64 as the field's type: an unsigned field sees it as uint64.
      next = bitfieldResult(op.sign ? op.value : BigInt.asUintN(64, op.value), 0n, op.sign, op.bits, op.owtype);
    }
    if (next === null) {
      replies[i] = null;
    } else {
      replies[i] = normalizeInt(op.opcode === OP_INCRBY ? next : old);
      setUnsignedBitfield(ed, op.offset, op.bits, next);
      // A write counts as a change when the string grew or the field changed.
      if (grown || next !== old) changes++;
    }
  }
  if (readonly) return replies;
  // The string was unshared and grown even if nothing counts as a change (Redis propagates
  // nothing then, but the key exists and reports raw).
  if (changes > 0 || grown) ed.store(ctx, key, o);
  else if (o !== undefined) o.enc = 'raw';
  if (changes > 0) {
    ctx.signalModifiedKey(key);
    ctx.notify('$', 'setbit', key);
    ctx.dirty += changes;
  }
  return replies;
}

/**
 * The start/end arguments of BITCOUNT and BITPOS as a byte range [start, end] with masks of
 * the bits outside a BIT range in the first and last byte (Redis's *_byte_neg_mask).
 */
interface BitRange {
  start: number;
  end: number;
  firstMask: number;
  lastMask: number;
}

function toBitRange(start: number, end: number, totlen: number, isbit: boolean): BitRange {
  [start, end] = clampRange(start, end, isbit ? totlen * 8 : totlen);
  let firstMask = 0;
  let lastMask = 0;
  if (isbit && start <= end) {
    firstMask = ~((1 << (8 - (start % 8))) - 1) & 0xff;
    lastMask = (1 << (7 - (end % 8))) - 1;
    start = Math.floor(start / 8);
    end = Math.floor(end / 8);
  }
  return { start, end, firstMask, lastMask };
}

/** BIT or BYTE, case-insensitively; a syntax error otherwise. */
function isBitUnitOrError(arg: string): boolean {
  if (eqi(arg, 'bit')) return true;
  if (eqi(arg, 'byte')) return false;
  fail(errors.syntax);
}

// ---- Commands --------------------------------------------------------------------------------

// SETBIT key offset value
function setbitCommand(ctx: Ctx, argv: string[]): Reply {
  const key = argv[1];
  const bitoffset = getBitOffsetOrError(ctx, argv[2], false, 0);
  const on = parseLongLong(argv[3]);
  if (on !== 0 && on !== 1) fail('ERR bit is not an integer or out of range');
  const { o, ed, grown } = lookupStringForBitOrError(ctx, key, bitoffset);
  const byte = Math.floor(bitoffset / 8);
  const shift = 7 - (bitoffset % 8);
  const byteval = ed.byteAt(byte);
  const bitval = (byteval >> shift) & 1;
  if (grown || bitval !== on) {
    ed.setByte(byte, (byteval & ~(1 << shift)) | (on << shift));
    ed.store(ctx, key, o);
    ctx.signalModifiedKey(key);
    ctx.notify('$', 'setbit', key);
    ctx.dirty++;
  } else if (o !== undefined) {
    // Unchanged, but Redis still unshared the value: it reports raw from now on.
    o.enc = 'raw';
  }
  return bitval;
}

// GETBIT key offset
function getbitCommand(ctx: Ctx, argv: string[]): Reply {
  const bitoffset = getBitOffsetOrError(ctx, argv[2], false, 0);
  const o = ctx.lookupReadOfType(argv[1], 'string');
  if (o === undefined) return 0;
  return (stringByteAt(o, Math.floor(bitoffset / 8)) >> (7 - (bitoffset % 8))) & 1;
}

// BITCOUNT key [start end [BYTE | BIT]]
function bitcountCommand(ctx: Ctx, argv: string[]): Reply {
  // Redis looks the key up before it parses the range: a missing key is 0 whatever follows.
  const o = ctx.lookupReadOfType(argv[1], 'string');
  if (o === undefined) return 0;
  const s = o.value as string;
  let range: BitRange;
  if (argv.length === 4 || argv.length === 5) {
    // Exact (bigint past 2^53) for the comparison; the clamping below is exact with numbers.
    const start = getExactLongLongOrError(argv[2]);
    const end = getExactLongLongOrError(argv[3]);
    if (start < 0 && end < 0 && start > end) return 0;
    const isbit = argv.length === 5 && isBitUnitOrError(argv[4]);
    range = toBitRange(Number(start), Number(end), s.length, isbit);
  } else if (argv.length === 2) {
    range = { start: 0, end: s.length - 1, firstMask: 0, lastMask: 0 };
  } else {
    fail(errors.syntax);
  }
  const { start, end, firstMask, lastMask } = range;
  if (start > end) return 0;
  let count = popcount(s, start, end - start + 1);
  // Take away the bits of the edge bytes that lie outside a BIT range.
  if (firstMask !== 0) count -= POPCOUNT[s.charCodeAt(start) & firstMask];
  if (lastMask !== 0) count -= POPCOUNT[s.charCodeAt(end) & lastMask];
  return count;
}

// BITPOS key bit [start [end [BYTE | BIT]]]
function bitposCommand(ctx: Ctx, argv: string[]): Reply {
  const bitArg = getLongLongOrError(argv[2]);
  if (bitArg !== 0 && bitArg !== 1) fail('ERR The bit argument must be 1 or 0.');
  const bit = bitArg;
  // A missing key is an endless run of zeros.
  const o = ctx.lookupReadOfType(argv[1], 'string');
  if (o === undefined) return bit ? -1 : 0;
  const s = o.value as string;
  let endGiven = false;
  let range: BitRange;
  if (argv.length >= 4 && argv.length <= 6) {
    const start = getLongLongOrError(argv[3]);
    const isbit = argv.length === 6 && isBitUnitOrError(argv[5]);
    let end: number;
    if (argv.length >= 5) {
      end = getLongLongOrError(argv[4]);
      endGiven = true;
    } else {
      end = isbit ? s.length * 8 + 7 : s.length - 1;
    }
    range = toBitRange(start, end, s.length, isbit);
  } else if (argv.length === 3) {
    range = { start: 0, end: s.length - 1, firstMask: 0, lastMask: 0 };
  } else {
    fail(errors.syntax);
  }
  let { start } = range;
  const { end, firstMask, lastMask } = range;
  // Empty ranges hold neither a 0 nor a 1.
  if (start > end) return -1;
  let bytes = end - start + 1;
  let pos: number;
  // The edge bytes of a BIT range, with the bits outside it forced to the value not searched.
  const edge = (b: number, mask: number): number => (bit ? b & ~mask : b | mask) & 0xff;
  found: {
    if (firstMask !== 0) {
      let tmp = edge(s.charCodeAt(start), firstMask);
      if (lastMask !== 0 && bytes === 1) tmp = edge(tmp, lastMask);
      pos = bitposBytes(() => tmp, 1, bit);
      if (bytes === 1 || (pos !== -1 && pos !== 8)) break found;
      start++;
      bytes--;
    }
    const curbytes = bytes - (lastMask !== 0 ? 1 : 0);
    if (curbytes > 0) {
      const from = start;
      pos = bitposBytes((i) => s.charCodeAt(from + i), curbytes, bit);
      if (bytes === curbytes || (pos !== -1 && pos !== curbytes * 8)) break found;
      start += curbytes;
      bytes -= curbytes;
    }
    const tmp = edge(s.charCodeAt(end), lastMask);
    pos = bitposBytes(() => tmp, 1, bit);
  }
  // With an explicit end, the bits right of the range are not zero padding: no clear bit found.
  if (endGiven && bit === 0 && pos === bytes * 8) return -1;
  if (pos !== -1) pos += start * 8;
  return pos;
}

// BITOP AND | OR | XOR | NOT destkey key [key ...]
function bitopCommand(ctx: Ctx, argv: string[]): Reply {
  const opname = argv[1];
  let op: number;
  if (eqi(opname, 'and')) op = 0;
  else if (eqi(opname, 'or')) op = 1;
  else if (eqi(opname, 'xor')) op = 2;
  else if (eqi(opname, 'not')) op = 3;
  else fail(errors.syntax);
  if (op === 3 && argv.length !== 4) fail('ERR BITOP NOT must be called with a single source key.');
  const target = argv[2];
  const numkeys = argv.length - 3;
  const src: string[] = new Array(numkeys);
  let maxlen = 0;
  for (let j = 0; j < numkeys; j++) {
    const o = ctx.lookupReadOfType(argv[j + 3], 'string');
    src[j] = o === undefined ? '' : (o.value as string);
    if (src[j].length > maxlen) maxlen = src[j].length;
  }
  if (maxlen > 0) {
    const res = new Uint8Array(maxlen);
    const s0 = src[0];
    const n0 = Math.min(s0.length, maxlen);
    for (let i = 0; i < n0; i++) res[i] = s0.charCodeAt(i);
    if (op === 3) {
      for (let i = 0; i < maxlen; i++) res[i] = ~res[i];
    } else {
      for (let j = 1; j < numkeys; j++) {
        const s = src[j];
        const n = s.length;
        if (op === 0) {
          for (let i = 0; i < maxlen; i++) res[i] &= i < n ? s.charCodeAt(i) : 0;
        } else if (op === 1) {
          for (let i = 0; i < n; i++) res[i] |= s.charCodeAt(i);
        } else {
          for (let i = 0; i < n; i++) res[i] ^= s.charCodeAt(i);
        }
      }
    }
    let value = '';
    for (let i = 0; i < maxlen; i += 0x2000) {
      value += String.fromCharCode.apply(null, res.subarray(i, i + 0x2000) as unknown as number[]);
    }
    // setKey looks the target up for write first, so an expired target is expired (and a DEL
    // propagated) before it is replaced. The delete below does not look: it deletes it as is.
    ctx.lookupWrite(target);
    ctx.setKey(target, newRawStringObject(value), false);
    ctx.notify('$', 'set', target);
    ctx.dirty++;
  } else if (ctx.deleteKey(target)) {
    ctx.signalModifiedKey(target);
    ctx.notify('g', 'del', target);
    ctx.dirty++;
  }
  return maxlen;
}

// BITFIELD key [GET encoding offset | [OVERFLOW WRAP | SAT | FAIL] SET encoding offset value |
//   INCRBY encoding offset increment ...]
function bitfieldCommand(ctx: Ctx, argv: string[]): Reply {
  return bitfieldGeneric(ctx, argv, false);
}

// BITFIELD_RO key [GET encoding offset ...]
function bitfieldRoCommand(ctx: Ctx, argv: string[]): Reply {
  return bitfieldGeneric(ctx, argv, true);
}

// ---- Declarations ----------------------------------------------------------------------------

const KEY1 = { first: 1, last: 1, step: 1 };

/** bitfieldGetKeys: read-only while only GET and OVERFLOW (with their arguments) come. */
function bitfieldKeyFlags(argv: string[]): string[] {
  for (let i = 2; i < argv.length; i++) {
    const rem = argv.length - i - 1;
    if (eqi(argv[i], 'get') && rem >= 2) i += 2;
    else if (eqi(argv[i], 'overflow') && rem >= 1) i += 1;
    else return ['RW', 'access', 'update']; // SET, INCRBY, or a syntax error: not read-only
  }
  return ['RO', 'access'];
}

export const bitmapCommands: CommandDecl[] = [
  {
    name: 'setbit', arity: 4, flags: ['write', 'denyoom'], group: 'bitmap', since: '2.2.0', acl: ['bitmap'],
    keys: KEY1, keySpecs: [ks('RW access update', 1)], handler: setbitCommand,
  },
  {
    name: 'getbit', arity: 3, flags: ['readonly', 'fast'], group: 'bitmap', since: '2.2.0', acl: ['bitmap'],
    keys: KEY1, keySpecs: [ks('RO access', 1)], handler: getbitCommand,
  },
  {
    name: 'bitcount', arity: -2, flags: ['readonly'], group: 'bitmap', since: '2.6.0', acl: ['bitmap'],
    keys: KEY1, keySpecs: [ks('RO access', 1)], handler: bitcountCommand,
  },
  {
    name: 'bitpos', arity: -3, flags: ['readonly'], group: 'bitmap', since: '2.8.7', acl: ['bitmap'],
    keys: KEY1, keySpecs: [ks('RO access', 1)], handler: bitposCommand,
  },
  {
    name: 'bitop', arity: -4, flags: ['write', 'denyoom'], group: 'bitmap', since: '2.6.0', acl: ['bitmap'],
    keys: { first: 2, last: -1, step: 1 }, keySpecs: [ks('OW update', 2), ks('RO access', 3, -1)], handler: bitopCommand,
  },
  {
    name: 'bitfield', arity: -2, flags: ['write', 'denyoom'], group: 'bitmap', since: '3.2.0', acl: ['bitmap'],
    keys: KEY1,
    keySpecs: [{ notes: 'This command allows both access and modification of the key', ...ks('RW access update variable_flags', 1) }],
    keyFlags: bitfieldKeyFlags,
    handler: bitfieldCommand,
  },
  {
    name: 'bitfield_ro', arity: -2, flags: ['readonly', 'fast'], group: 'bitmap', since: '6.0.0', acl: ['bitmap'],
    keys: KEY1, keySpecs: [ks('RO access', 1)], handler: bitfieldRoCommand,
  },
];
