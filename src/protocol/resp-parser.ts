// The incremental request parser: bytes from a client in, argv arrays of byte strings out, as
// networking.c's processInputBuffer / processMultibulkBuffer / processInlineBuffer read them,
// with Redis's limits and protocol error replies (limits.ts).
import { fromBytes } from '../core/bytes.js';
import { defaultLimits, MAX_STRING_LENGTH, protocolErrors, UNAUTH_MAX_BULK_LEN, UNAUTH_MAX_MULTIBULK_LEN, type ProtocolLimits } from './limits.js';

/** A broken request: `reply` is the error to send before closing (null: close without one). */
export interface ProtocolError {
  reply: string | null;
  /** setProtocolError's reason, for logs. */
  reason: string;
}

/** PROTO_MBULK_BIG_ARG: a bulk this long is collected chunk by chunk as it arrives. */
const BIG_ARG = 32 * 1024;
/** V8 copies slices shorter than this (SlicedString::kMinLength); see latin1(). */
const SHORT = 13;
const EMPTY = new Uint8Array(0);
// Module-local copies: the hot loop reads plain constants, not imported bindings.
const UNAUTH_BULK = UNAUTH_MAX_BULK_LEN;
const UNAUTH_MULTIBULK = UNAUTH_MAX_MULTIBULK_LEN;
const MAX_STRING = MAX_STRING_LENGTH;

const REQ_NONE = 0;
const REQ_INLINE = 1;
const REQ_MULTIBULK = 2;

type Latin1Slice = (this: Uint8Array, start: number, end: number) => string;

/**
 * Feed it chunks as they arrive; call next() for each complete command. A chunk may end anywhere:
 * inside a count, a bulk, or between CR and LF. next() returns null when it needs more bytes or
 * when the stream is broken, in which case `error` is set and stays set.
 *
 * Commands are pulled one at a time so that the caller runs each before the next is read: an AUTH
 * in a pipeline lifts the unauthenticated limits for the commands after it, as in Redis.
 */
export class RequestParser {
  /** authRequired(c): set by the caller before next() while the client has not authenticated. */
  authRequired = false;
  error: ProtocolError | null = null;

  private buf: Uint8Array = EMPTY;
  private pos = 0;
  private end = 0;
  private reqtype = REQ_NONE;
  /** Arguments still to read of the current multibulk request (c->multibulklen). */
  private multibulklen = 0;
  /** Length of the bulk being read, or -1 before its `$` line (c->bulklen). */
  private bulklen = -1;
  private argv: string[] = [];
  /** A big bulk collected across chunks, and how many of its bytes have arrived. */
  private bigArg: string | null = null;
  private bigHave = 0;
  private readonly limits: ProtocolLimits;
  /** Buffer.prototype.latin1Slice when the chunks are Node Buffers: one native copy per string. */
  private slice: Latin1Slice | null = null;

  constructor(limits: Partial<ProtocolLimits> = {}) {
    this.limits = { ...defaultLimits, ...limits };
  }

  /** Bytes received and not yet turned into commands (the query buffer). */
  get buffered(): number {
    return this.end - this.pos + (this.bigArg === null ? 0 : this.bigHave);
  }

  /** Adds bytes from the client. */
  feed(chunk: Uint8Array): void {
    if (this.error !== null || chunk.length === 0) return;
    if (this.slice === null) {
      const s = (chunk as { latin1Slice?: Latin1Slice }).latin1Slice;
      if (typeof s === 'function') this.slice = s;
    }
    if (this.bigArg !== null && this.bigHave < this.bulklen) {
      // A big bulk goes straight into its string: no growing buffer, no copy of what came before.
      const take = Math.min(this.bulklen - this.bigHave, chunk.length);
      this.bigArg += this.latin1(chunk, 0, take);
      this.bigHave += take;
      if (take === chunk.length) return this.checkQuerybuf();
      chunk = chunk.subarray(take);
    }
    if (this.pos >= this.end) {
      this.buf = chunk;
      this.pos = 0;
      this.end = chunk.length;
    } else {
      const rest = this.end - this.pos;
      const merged = new Uint8Array(rest + chunk.length);
      merged.set(this.buf.subarray(this.pos, this.end), 0);
      merged.set(chunk, rest);
      this.buf = merged;
      this.pos = 0;
      this.end = merged.length;
    }
    this.checkQuerybuf();
  }

  /** readQueryFromClient: past client-query-buffer-limit the client is closed, with no reply. */
  private checkQuerybuf(): void {
    if (this.buffered > this.limits.maxQuerybufLen) {
      this.fail(null, 'max query buffer length');
    }
  }

  /** The next complete command, or null (need more bytes, or `error` is set). */
  next(): string[] | null {
    while (this.error === null && this.pos < this.end) {
      if (this.reqtype === REQ_NONE) {
        this.reqtype = this.buf[this.pos] === 42 /* * */ ? REQ_MULTIBULK : REQ_INLINE;
      }
      const argv = this.reqtype === REQ_MULTIBULK ? this.processMultibulk() : this.processInline();
      if (argv === null) break;
      this.reqtype = REQ_NONE;
      // An empty line or `*0` / `*-1` is no command (resetClient).
      if (argv.length > 0) return argv;
    }
    if (this.pos >= this.end && this.bigArg === null) {
      this.buf = EMPTY;
      this.pos = this.end = 0;
    }
    return null;
  }

  /** processInlineBuffer: one line split with sdssplitargs' rules. */
  private processInline(): string[] | null {
    const buf = this.buf;
    const start = this.pos;
    const nl = scanTo(buf, start, this.end, 10 /* \n */);
    if (nl < 0) {
      if (this.end - start > this.limits.inlineMaxSize) {
        this.fail(protocolErrors.tooBigInline, 'too big inline request');
      }
      return null;
    }
    const lineEnd = nl > start && buf[nl - 1] === 13 ? nl - 1 : nl;
    const argv = splitArgs(this.latin1(buf, start, lineEnd));
    if (argv === null) {
      this.fail(protocolErrors.unbalancedQuotes, 'unbalanced quotes in inline request');
      return null;
    }
    this.pos = nl + 1;
    return argv;
  }

  /** processMultibulkBuffer: `*<count>` then `$<len>` + bytes for each argument. */
  private processMultibulk(): string[] | null {
    const buf = this.buf;
    if (this.multibulklen === 0) {
      let cr = fastLine(buf, this.pos, this.end, 42 /* * */);
      let ll = fastValue;
      if (cr < 0) {
        cr = scanTo(buf, this.pos, this.end, 13 /* \r */);
        if (cr < 0) {
          if (this.end - this.pos > this.limits.inlineMaxSize) {
            this.fail(protocolErrors.tooBigMbulkCount, 'too big mbulk count string');
          }
          return null;
        }
        // The byte after CR is skipped unread, as Redis does: wait until it has arrived.
        if (cr + 1 >= this.end) return null;
        ll = parseCount(buf, this.pos + 1, cr);
      }
      if (Number.isNaN(ll) || ll > this.limits.maxMultibulkLen) {
        this.fail(protocolErrors.invalidMultibulkLength, 'invalid mbulk count');
        return null;
      }
      if (ll > UNAUTH_MULTIBULK && this.authRequired) {
        this.fail(protocolErrors.unauthMultibulkLength, 'unauth mbulk count');
        return null;
      }
      this.pos = cr + 2;
      if (ll <= 0) return [];
      this.multibulklen = ll;
      this.argv = [];
    }
    while (this.multibulklen > 0) {
      if (this.bulklen === -1) {
        const p0 = this.pos;
        let cr = fastLine(buf, p0, this.end, 36 /* $ */);
        let ll = fastValue;
        if (cr < 0) {
          cr = scanTo(buf, p0, this.end, 13);
          if (cr < 0) {
            if (this.end - p0 > this.limits.inlineMaxSize) {
              this.fail(protocolErrors.tooBigBulkCount, 'too big bulk count string');
            }
            return null;
          }
          if (cr + 1 >= this.end) return null;
          const first = buf[p0];
          if (first !== 36 /* $ */) {
            // addReplyErrorFormat turns CR and LF into spaces so the reply stays one line.
            const got = first === 13 || first === 10 ? ' ' : String.fromCharCode(first);
            this.fail(protocolErrors.expectedDollar(got), 'expected $ but got something else');
            return null;
          }
          ll = parseCount(buf, p0 + 1, cr);
        }
        if (Number.isNaN(ll) || ll < 0 || ll > this.limits.maxBulkLen || ll > MAX_STRING) {
          this.fail(protocolErrors.invalidBulkLength, 'invalid bulk length');
          return null;
        }
        if (ll > UNAUTH_BULK && this.authRequired) {
          this.fail(protocolErrors.unauthBulkLength, 'unauth bulk length');
          return null;
        }
        this.pos = cr + 2;
        this.bulklen = ll;
      }
      const len = this.bulklen;
      const avail = this.end - this.pos;
      if (this.bigArg !== null) {
        // feed() has been filling it; the two bytes after it (CRLF, unchecked) must arrive too.
        if (this.bigHave < len || avail < 2) return null;
        this.argv.push(this.bigArg);
        this.bigArg = null;
        this.pos += 2;
      } else if (avail >= len + 2) {
        this.argv.push(this.latin1(buf, this.pos, this.pos + len));
        this.pos += len + 2;
      } else {
        if (len >= BIG_ARG) {
          const take = Math.min(avail, len);
          this.bigArg = this.latin1(buf, this.pos, this.pos + take);
          this.bigHave = take;
          this.pos += take;
        }
        return null;
      }
      this.bulklen = -1;
      this.multibulklen--;
    }
    const argv = this.argv;
    this.argv = [];
    return argv;
  }

  private fail(reply: string | null, reason: string): void {
    this.error = { reply, reason };
    this.buf = EMPTY;
    this.pos = this.end = 0;
    this.bigArg = null;
  }

  /**
   * Bytes as a byte string. Short ones are built in JS (cheaper than a native call); longer ones
   * are one native copy, never a slice of a bigger string, which would keep that string alive for
   * as long as the key or value is stored.
   */
  private latin1(buf: Uint8Array, start: number, end: number): string {
    if (end - start < SHORT) {
      let s = '';
      for (let i = start; i < end; i++) s += String.fromCharCode(buf[i]);
      return s;
    }
    if (this.slice !== null) return this.slice.call(buf, start, end);
    return fromBytes(buf.subarray(start, end));
  }
}

/** The value of the line fastLine() read last. */
let fastValue = 0;

/**
 * The common count line, `type`, 1 to 9 digits without a leading zero, CR and one more byte, read
 * in one pass: the index of its CR (its value in fastValue), or -1 for the general path.
 */
function fastLine(buf: Uint8Array, p0: number, end: number, type: number): number {
  if (buf[p0] !== type) return -1;
  let p = p0 + 1;
  let c = buf[p];
  if (!(c >= 49 && c <= 57)) return -1;
  let v = 0;
  do {
    v = v * 10 + c - 48;
    c = buf[++p];
  } while (c >= 48 && c <= 57 && p - p0 <= 9);
  if (c !== 13 || p + 1 >= end) return -1;
  fastValue = v;
  return p;
}

/**
 * The index of `byte` in buf[from, end), or -1. Like Redis's strchr on the query buffer, a NUL
 * byte ends the search: a line with a NUL before its terminator is never found.
 */
function scanTo(buf: Uint8Array, from: number, end: number, byte: number): number {
  for (let i = from; i < end; i++) {
    const c = buf[i];
    if (c === byte) return i;
    if (c === 0) return -1;
  }
  return -1;
}

/**
 * string2ll over buf[start, end): an optional '-', digits without a leading zero (or "0"), within
 * int64. NaN when it is not one. Values past 2^53 are approximate, which no limit can tell apart.
 */
function parseCount(buf: Uint8Array, start: number, end: number): number {
  const len = end - start;
  if (len === 0 || len > 20) return NaN;
  let i = start;
  let neg = false;
  if (buf[i] === 48 /* 0 */) return len === 1 ? 0 : NaN;
  if (buf[i] === 45 /* - */) {
    neg = true;
    i++;
  }
  if (i === end || buf[i] < 49 || buf[i] > 57) return NaN;
  let v = 0;
  for (; i < end; i++) {
    const d = buf[i] - 48;
    if (d < 0 || d > 9) return NaN;
    v = v * 10 + d;
  }
  if (end - start > 15) {
    // Past 15 digits only an exact comparison tells whether it fits in int64.
    let digits = '';
    for (let j = start; j < end; j++) digits += String.fromCharCode(buf[j]);
    const big = BigInt(digits);
    if (big > 9223372036854775807n || big < -9223372036854775808n) return NaN;
  }
  return neg ? -v : v;
}

/** C's isspace in the C locale. */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/**
 * sdssplitargs: splits a line into arguments the way redis-cli and the inline protocol do.
 * "double quotes" take \n \r \t \b \a \xHH and \<any>; 'single quotes' take \' only; a closing
 * quote must be followed by a space or the end. Returns null on unbalanced quotes.
 */
export function splitArgs(line: string): string[] | null {
  const out: string[] = [];
  const n = line.length;
  // The line ends at its first NUL, as the C string does.
  const at = (i: number): number => (i < n ? line.charCodeAt(i) : 0);
  let p = 0;
  for (;;) {
    while (p < n && isSpace(at(p))) p++;
    if (p >= n || at(p) === 0) return out;
    let inq = false;
    let insq = false;
    let current = '';
    for (let done = false; !done; ) {
      const c = at(p);
      if (inq) {
        if (c === 92 /* \ */ && at(p + 1) === 120 /* x */ && hexValue(at(p + 2)) >= 0 && hexValue(at(p + 3)) >= 0) {
          current += String.fromCharCode(hexValue(at(p + 2)) * 16 + hexValue(at(p + 3)));
          p += 3;
        } else if (c === 92 && at(p + 1) !== 0) {
          p++;
          const e = at(p);
          current +=
            e === 110 ? '\n' : e === 114 ? '\r' : e === 116 ? '\t' : e === 98 ? '\b' : e === 97 ? '\x07' : String.fromCharCode(e);
        } else if (c === 34 /* " */) {
          if (at(p + 1) !== 0 && !isSpace(at(p + 1))) return null;
          done = true;
        } else if (c === 0) {
          return null;
        } else {
          current += String.fromCharCode(c);
        }
      } else if (insq) {
        if (c === 92 && at(p + 1) === 39 /* ' */) {
          p++;
          current += "'";
        } else if (c === 39) {
          if (at(p + 1) !== 0 && !isSpace(at(p + 1))) return null;
          done = true;
        } else if (c === 0) {
          return null;
        } else {
          current += String.fromCharCode(c);
        }
      } else if (c === 32 || c === 10 || c === 13 || c === 9 || c === 0) {
        done = true;
      } else if (c === 34) {
        inq = true;
      } else if (c === 39) {
        insq = true;
      } else {
        current += String.fromCharCode(c);
      }
      if (c !== 0) p++;
    }
    out.push(current);
  }
}
