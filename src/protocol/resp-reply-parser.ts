// The incremental parser of server replies (RESP2 and RESP3) back into Reply values: what the tests
// and the differential suite read from our server and from a real redis-server.
import { fromBytes, normalizeInt } from '../core/bytes.js';
import {
  BoolReply,
  DoubleReply,
  ErrorReply,
  MapReply,
  NULL_ARRAY,
  PushReply,
  SetReply,
  SimpleString,
  VerbatimReply,
  type Reply,
} from '../core/reply.js';

/** What next() returns while a reply is incomplete (null is a reply). */
export const INCOMPLETE: unique symbol = Symbol('incomplete');

/** A stream that is not RESP. */
export class RespSyntaxError extends Error {}

interface Frame {
  /** `*` array, `%` map, `~` set, `>` push, `|` attribute (read and dropped). */
  type: string;
  items: Reply[];
  /** Elements still to read (a map counts keys and values). */
  left: number;
}

type Latin1Slice = (this: Uint8Array, start: number, end: number) => string;

export class ReplyParser {
  private buf = '';
  private pos = 0;
  private stack: Frame[] = [];
  /** Length the buffer needs before a pending bulk can be read: no rescans while a big one arrives. */
  private waitFor = 0;

  /** Adds bytes from the server (a Uint8Array, or a byte string). */
  feed(chunk: Uint8Array | string): void {
    const s = typeof chunk === 'string' ? chunk : latin1(chunk);
    if (this.pos >= this.buf.length) {
      this.buf = s;
      this.waitFor = 0;
    } else {
      this.buf = (this.pos === 0 ? this.buf : this.buf.slice(this.pos)) + s;
      if (this.waitFor > 0) this.waitFor -= this.pos;
    }
    this.pos = 0;
  }

  /** True while bytes of an incomplete reply are buffered. */
  get pending(): boolean {
    return this.pos < this.buf.length || this.stack.length > 0;
  }

  /** The next complete reply, or INCOMPLETE. Throws RespSyntaxError on a malformed stream. */
  next(): Reply | typeof INCOMPLETE {
    for (;;) {
      if (this.buf.length < this.waitFor) return INCOMPLETE;
      const v = this.value();
      if (v === INCOMPLETE) return INCOMPLETE;
      if (v === ATTRIBUTE) continue;
      if (this.pos >= this.buf.length) {
        this.buf = '';
        this.pos = 0;
      }
      return v;
    }
  }

  /** Reads one value, descending into aggregates; returns once the outermost one is complete. */
  private value(): Reply | typeof INCOMPLETE | typeof ATTRIBUTE {
    const stack = this.stack;
    for (;;) {
      const t = this.token();
      if (t === INCOMPLETE) return INCOMPLETE;
      if (t === OPENED) continue;
      let v: Reply | typeof ATTRIBUTE = t;
      // Close every aggregate this value completes.
      for (;;) {
        if (stack.length === 0) return v;
        const top = stack[stack.length - 1];
        if (v !== ATTRIBUTE) {
          top.items.push(v);
          top.left--;
        }
        if (top.left > 0) break;
        stack.pop();
        v = aggregate(top);
      }
    }
  }

  /** One type byte and what follows it: a scalar, ATTRIBUTE/an empty aggregate, or OPENED. */
  private token(): Reply | typeof INCOMPLETE | typeof OPENED | typeof ATTRIBUTE {
    const buf = this.buf;
    const pos = this.pos;
    if (pos >= buf.length) return INCOMPLETE;
    const eol = buf.indexOf('\r\n', pos + 1);
    if (eol < 0) return INCOMPLETE;
    const type = buf[pos];
    const line = buf.slice(pos + 1, eol);
    const next = eol + 2;
    switch (type) {
      case '+':
        this.pos = next;
        return new SimpleString(line);
      case '-':
        this.pos = next;
        return new ErrorReply(line);
      case ':':
        this.pos = next;
        return integer(line);
      case '(':
        this.pos = next;
        return BigInt(checkInteger(line));
      case ',':
        this.pos = next;
        return new DoubleReply(double(line));
      case '#':
        if (line !== 't' && line !== 'f') throw new RespSyntaxError(`bad boolean '${line}'`);
        this.pos = next;
        return new BoolReply(line === 't');
      case '_':
        if (line !== '') throw new RespSyntaxError('bad null');
        this.pos = next;
        return null;
      case '$':
      case '=':
      case '!': {
        const len = length(line);
        if (len === -1 && type === '$') {
          this.pos = next;
          return null;
        }
        if (len < 0) throw new RespSyntaxError(`bad length '${line}'`);
        if (buf.length < next + len + 2) {
          this.waitFor = next + len + 2;
          return INCOMPLETE;
        }
        this.waitFor = 0;
        if (buf.charCodeAt(next + len) !== 13 || buf.charCodeAt(next + len + 1) !== 10) {
          throw new RespSyntaxError('bulk string not terminated by CRLF');
        }
        const body = buf.slice(next, next + len);
        this.pos = next + len + 2;
        if (type === '$') return body;
        if (type === '!') return new ErrorReply(body);
        if (body[3] !== ':') throw new RespSyntaxError('bad verbatim string');
        return new VerbatimReply(body.slice(0, 3), body.slice(4));
      }
      case '*':
      case '%':
      case '~':
      case '>':
      case '|': {
        const n = length(line);
        this.pos = next;
        if (n === -1 && type === '*') return NULL_ARRAY;
        if (n < 0) throw new RespSyntaxError(`bad aggregate length '${line}'`);
        const frame: Frame = { type, items: [], left: type === '%' || type === '|' ? n * 2 : n };
        if (frame.left === 0) return aggregate(frame);
        this.stack.push(frame);
        return OPENED;
      }
      default:
        throw new RespSyntaxError(`unknown type byte ${JSON.stringify(type)}`);
    }
  }
}

const OPENED: unique symbol = Symbol('opened');
const ATTRIBUTE: unique symbol = Symbol('attribute');

function aggregate(f: Frame): Reply | typeof ATTRIBUTE {
  switch (f.type) {
    case '*':
      return f.items;
    case '~':
      return new SetReply(f.items);
    case '>':
      return new PushReply(f.items);
    case '|':
      return ATTRIBUTE;
    default: {
      const entries: Array<[Reply, Reply]> = [];
      for (let i = 0; i < f.items.length; i += 2) entries.push([f.items[i], f.items[i + 1]]);
      return new MapReply(entries);
    }
  }
}

function checkInteger(line: string): string {
  if (!/^-?\d+$/.test(line)) throw new RespSyntaxError(`bad integer '${line}'`);
  return line;
}

function integer(line: string): number | bigint {
  checkInteger(line);
  return line.length <= 15 ? Number(line) : normalizeInt(BigInt(line));
}

function length(line: string): number {
  if (!/^-?\d+$/.test(line)) throw new RespSyntaxError(`bad length '${line}'`);
  return Number(line);
}

function double(line: string): number {
  if (line === 'inf') return Infinity;
  if (line === '-inf') return -Infinity;
  if (line === 'nan' || line === '-nan') return NaN;
  const d = Number(line);
  if (line === '' || Number.isNaN(d)) throw new RespSyntaxError(`bad double '${line}'`);
  return d;
}

function latin1(u8: Uint8Array): string {
  const s = (u8 as { latin1Slice?: Latin1Slice }).latin1Slice;
  return typeof s === 'function' ? s.call(u8, 0, u8.length) : fromBytes(u8);
}

/** Every complete reply in `data` (tests): throws if the data ends inside a reply. */
export function parseReplies(data: Uint8Array | string): Reply[] {
  const p = new ReplyParser();
  p.feed(data);
  const out: Reply[] = [];
  for (let r = p.next(); r !== INCOMPLETE; r = p.next()) out.push(r);
  if (p.pending) throw new RespSyntaxError('data ends inside a reply');
  return out;
}
