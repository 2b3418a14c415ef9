// Wire replies to JS values, the way ioredis maps them: bulk strings decoded as UTF-8 (or kept as
// bytes), nil to null, integers to numbers, status replies to strings, errors to RedisError.
import type { WireReply } from '../rpc/messages.js';
import { RedisError } from './errors.js';

const decoder = new TextDecoder();

/** A byte string (one char per byte) decoded as UTF-8; ASCII passes through. */
export function decodeUtf8(b: string): string {
  for (let i = 0; i < b.length; i++) {
    if (b.charCodeAt(i) > 0x7f) return decoder.decode(byteStringToBytes(b));
  }
  return b;
}

export function byteStringToBytes(b: string): Uint8Array {
  const u8 = new Uint8Array(b.length);
  for (let i = 0; i < b.length; i++) u8[i] = b.charCodeAt(i);
  return u8;
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
    for (const [k, v] of r.map) o[String(fromWire(k, false))] = fromWire(v, bytes);
    return o;
  }
  if ('set' in r) return r.set.map((x) => fromWire(x, bytes));
  if ('bool' in r) return r.bool;
  if ('verbatim' in r) return bytes ? byteStringToBytes(r.verbatim) : decodeUtf8(r.verbatim);
  return r.push.map((x) => fromWire(x, bytes));
}
