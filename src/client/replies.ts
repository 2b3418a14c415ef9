// Wire replies to JS values, the way ioredis maps them: bulk strings decoded as UTF-8 (or kept as
// bytes), nil to null, integers to numbers, status replies to strings, errors to RedisError, and
// ioredis's one reply transformer (HGETALL to an object) and argument transformers (MSET, MSETNX,
// HSET and HMSET take an object or a Map).
import type { WireArg, WireReply } from '../rpc/messages.js';
import { RedisError } from './errors.js';

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** A char past ASCII (a regex test beats a charCodeAt loop on V8). */
const NON_ASCII = /[^\x00-\x7f]/;

/**
 * Whether every char of `s` is ASCII: one regex pass over a whole batch. (TextEncoder.encodeInto
 * is 15x faster in Node, but in Chromium it costs 3x the regex on a 55 KB reply batch.)
 */
export function isAscii(s: string): boolean {
  return !NON_ASCII.test(s);
}

/** A byte string (one char per byte) decoded as UTF-8; ASCII passes through. */
export function decodeUtf8(b: string): string {
  return NON_ASCII.test(b) ? decoder.decode(byteStringToBytes(b)) : b;
}

/** Text as a UTF-8 byte string (one char per byte); ASCII passes through. */
export function encodeUtf8(text: string): string {
  return NON_ASCII.test(text) ? bytesToByteString(encoder.encode(text)) : text;
}

/** Bytes as a byte string (one char per byte). */
export function bytesToByteString(u8: Uint8Array): string {
  let s = '';
  for (let i = 0; i < u8.length; i += 8192) s += String.fromCharCode.apply(null, u8.subarray(i, i + 8192) as unknown as number[]);
  return s;
}

export function byteStringToBytes(b: string): Uint8Array {
  const u8 = new Uint8Array(b.length);
  for (let i = 0; i < b.length; i++) u8[i] = b.charCodeAt(i);
  return u8;
}

/** Sets a property even when its name is `__proto__` (ioredis #1267). */
function put(o: Record<string, unknown>, k: string, v: unknown): void {
  if (k in o) Object.defineProperty(o, k, { value: v, configurable: true, enumerable: true, writable: true });
  else o[k] = v;
}

/** What a reply becomes for the caller. An error inside an array stays a RedisError value. */
export function fromWire(r: WireReply, bytes: boolean): unknown {
  if (typeof r === 'string') return bytes ? byteStringToBytes(r) : decodeUtf8(r);
  if (typeof r !== 'object' || r === null) return r;
  if (Array.isArray(r)) return r.map((x) => fromWire(x, bytes));
  if ('err' in r) return new RedisError(r.err);
  if ('status' in r) return r.status;
  if ('double' in r) return r.double;
  if ('map' in r) {
    const o: Record<string, unknown> = {};
    for (const [k, v] of r.map) put(o, String(fromWire(k, false)), fromWire(v, bytes));
    return o;
  }
  if ('set' in r) return r.set.map((x) => fromWire(x, bytes));
  if ('bool' in r) return r.bool;
  if ('verbatim' in r) return bytes ? byteStringToBytes(r.verbatim) : decodeUtf8(r.verbatim);
  return r.push.map((x) => fromWire(x, bytes));
}

/** A command's own reply mapping (ioredis's reply transformers). */
export type ReplyTransform = (r: WireReply, bytes: boolean) => unknown;

/** HGETALL: field/value pairs to an object; field names are always text. */
function hgetallReply(r: WireReply, bytes: boolean): unknown {
  if (!Array.isArray(r)) return fromWire(r, bytes);
  const o: Record<string, unknown> = {};
  for (let i = 0; i + 1 < r.length; i += 2) put(o, decodeUtf8(r[i] as string), fromWire(r[i + 1], bytes));
  return o;
}

/** Reply transformers by command name. */
export const replyTransforms: Record<string, ReplyTransform> = { hgetall: hgetallReply };

/** An argument list rewritten before it is sent (ioredis's argument transformers). */
export type ArgTransform = (args: unknown[]) => unknown[];

function pairs(data: Map<unknown, unknown> | Record<string, unknown>): unknown[] {
  const out: unknown[] = [];
  if (data instanceof Map) for (const [k, v] of data) out.push(k, v);
  else for (const k of Object.keys(data)) out.push(k, data[k]);
  return out;
}

const isPairs = (a: unknown): a is Map<unknown, unknown> | Record<string, unknown> =>
  typeof a === 'object' && a !== null && !(a instanceof Uint8Array) && !Array.isArray(a);

/** MSET / MSETNX: `mset({ a: 1, b: 2 })` or a Map. */
const msetArgs: ArgTransform = (args) => (args.length === 1 && isPairs(args[0]) ? pairs(args[0]) : args);

/** HSET / HMSET: `hset(key, { field: value })` or a Map. */
const hsetArgs: ArgTransform = (args) => (args.length === 2 && isPairs(args[1]) ? [args[0], ...pairs(args[1])] : args);

/** Argument transformers by command name. */
export const argTransforms: Record<string, ArgTransform> = { mset: msetArgs, msetnx: msetArgs, hset: hsetArgs, hmset: hsetArgs };

/**
 * Arguments as they cross the wire: strings and Uint8Arrays as they are, numbers (and bigints,
 * booleans) as their decimal text; an array argument stands for its items, as in ioredis
 * (`del(['a', 'b'])`). Returns null when an argument is null or undefined.
 */
export function toArgv(name: string, args: unknown[]): WireArg[] | null {
  const argv = new Array<WireArg>(args.length + 1);
  argv[0] = name;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (typeof a === 'string' || a instanceof Uint8Array) argv[i + 1] = a;
    else if (a === null || a === undefined) return null;
    else if (Array.isArray(a)) return flatArgv(name, args);
    else argv[i + 1] = String(a);
  }
  return argv;
}

function flatArgv(name: string, args: unknown[]): WireArg[] | null {
  const flat: unknown[] = [];
  for (const a of args) {
    if (Array.isArray(a)) flat.push(...(a as unknown[]));
    else flat.push(a);
  }
  return flat.some(Array.isArray) ? null : toArgv(name, flat);
}
