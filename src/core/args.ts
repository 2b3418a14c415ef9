// Argument parsers that reply with Redis's error on failure (Redis's get...FromObjectOrReply).
// They throw ReplyError, which engine.exec turns into the reply; they run before any mutation.
import { parseDouble, parseLongLong } from './bytes.js';
import { errors, fail } from './errors.js';
import { ceilLongDoubleTimes, parseLongDouble } from './long-double.js';

/** getLongLongFromObjectOrReply: an int64 as a number (exact to 2^53, which offsets and counts need). */
export function getLongLongOrError(s: string, message: string = errors.notInteger): number {
  const v = parseLongLong(s);
  if (v === null) fail(message);
  return typeof v === 'number' ? v : Number(v);
}

/** An int64 kept exactly (a bigint past 2^53), for values that are stored or echoed back. */
export function getExactLongLongOrError(s: string, message: string = errors.notInteger): number | bigint {
  const v = parseLongLong(s);
  if (v === null) fail(message);
  return v;
}

/** getRangeLongFromObjectOrReply with a [min, max] range. */
export function getRangeLongOrError(s: string, min: number, max: number, message: string): number {
  const v = parseLongLong(s);
  if (v === null || v < min || v > max) fail(message);
  return Number(v);
}

/**
 * LONG_MAX as a double, the upper bound of getRangeLongFromObjectOrReply(min, LONG_MAX). The value
 * such a parse returns is inexact past 2^53, which only compares it with sizes and counts.
 */
export const LONG_MAX = 2 ** 63;

/** getPositiveLongFromObjectOrReply: a long >= 0; `message` for a non-integer and a negative. */
export function getPositiveLongOrError(s: string, message: string): number {
  return getRangeLongOrError(s, 0, LONG_MAX, message);
}

/** getDoubleFromObjectOrReply. */
export function getDoubleOrError(s: string, message: string = errors.notFloat): number {
  const v = parseDouble(s);
  if (v === null) fail(message);
  return v;
}

/**
 * Case-insensitive ASCII comparison of an argument with a lower-case option name, as Redis's
 * strcasecmp: it stops at a NUL, so "nx\0junk" is the option "nx".
 */
export function eqi(arg: string, lowerName: string): boolean {
  const n = lowerName.length;
  if (arg.length === n) return arg === lowerName || arg.toLowerCase() === lowerName;
  return arg.length > n && arg.charCodeAt(n) === 0 && arg.slice(0, n).toLowerCase() === lowerName;
}

/** SET's GET option among its options (setGetKeys; the keyspace events' order around the reply). */
export function setHasGetOption(argv: string[]): boolean {
  for (let i = 3; i < argv.length; i++) if (eqi(argv[i], 'get')) return true;
  return false;
}

/**
 * getIntFromObjectOrReply: an int32. Without `message`, a non-integer gets errors.notInteger and
 * an integer past int32 Redis's range message; with it, both get `message`.
 */
export function getIntOrError(s: string, message?: string): number {
  const v = parseLongLong(s);
  if (v === null) fail(message ?? errors.notInteger);
  if (v < -2147483648 || v > 2147483647) {
    fail(message ?? 'ERR value is out of range, value must between -2147483648 and 2147483647');
  }
  return Number(v);
}

/**
 * getTimeoutFromObjectOrReply in seconds (BLPOP, BZPOPMIN, ...): a long double of seconds, times
 * 1000 and rounded up as 7.0.15 does (so 0.0001 is 1 ms, -0.0001 is 0, and inf or a huge value
 * converts to a "negative" LLONG_MIN); returns the absolute deadline in ms from the command's time,
 * or 0 to wait forever.
 */
export function getTimeoutOrError(ctx: { readonly now: number }, arg: string): number {
  const v = parseLongDouble(arg);
  if (v === null) fail('ERR timeout is not a float or out of range');
  const ms = ceilLongDoubleTimes(v, 1000);
  if (ms < 0n) fail('ERR timeout is negative');
  return ms === 0n ? 0 : ctx.now + Number(ms);
}
