// RESP2 and RESP3 encoder: Reply values to wire bytes as byte strings (one char per byte), one reply
// at a time (encodeReply) or a batch for one socket write (ReplyWriter); and argv to a request.
import {
  BoolReply,
  DoubleReply,
  ErrorReply,
  MapReply,
  NULL_ARRAY,
  PushReply,
  ProtocolReply,
  ReplySequence,
  SetReply,
  SimpleString,
  VerbatimReply,
  type Reply,
} from '../core/reply.js';
import { formatDouble17g } from '../core/bytes.js';

/** A bulk string at least this long is kept as a part of its own instead of being concatenated. */
const BIG_BULK = 64 * 1024;

/** `$<len>\r\n` for short bulk strings, built once (no number formatting per reply). */
const BULK_HEADERS = Array.from({ length: 1024 }, (_, i) => '$' + i + '\r\n');
/** `:<n>\r\n` for 0..9999, as Redis's shared.integers. */
const INTEGERS = Array.from({ length: 10000 }, (_, i) => ':' + i + '\r\n');

/**
 * Collects the replies of a batch. Small replies are concatenated into one string, so a pipeline
 * of N commands costs one conversion to bytes and one socket write; a big bulk string is kept as
 * a part of its own, so it is never copied into a bigger string (nor hits V8's string length
 * limit inside an aggregate).
 */
export class ReplyWriter {
  private parts: string[] = [];
  private cur = '';
  private partsSize = 0;

  /** Bytes collected since the last take(). */
  get size(): number {
    return this.partsSize + this.cur.length;
  }

  /** Appends one reply, encoded for a connection speaking RESP `resp`. */
  write(r: Reply, resp: 2 | 3): void {
    if (typeof r === 'string') {
      const len = r.length;
      if (len < 1024) this.cur += BULK_HEADERS[len] + r + '\r\n';
      else if (len < BIG_BULK) this.cur += '$' + len + '\r\n' + r + '\r\n';
      else this.bigBulk('$' + len + '\r\n', r);
    } else if (r instanceof SimpleString) {
      this.cur += '+' + r.value + '\r\n';
    } else if (typeof r === 'number') {
      this.cur += r >= 0 && r < 10000 && Number.isInteger(r) ? INTEGERS[r] : ':' + r + '\r\n';
    } else if (typeof r === 'bigint') {
      this.cur += ':' + r + '\r\n';
    } else if (r === null) {
      this.cur += resp === 2 ? '$-1\r\n' : '_\r\n';
    } else if (Array.isArray(r)) {
      this.cur += '*' + r.length + '\r\n';
      for (let i = 0; i < r.length; i++) this.write(r[i], resp);
    } else if (r instanceof ErrorReply) {
      this.cur += '-' + r.message + '\r\n';
    } else if (r === NULL_ARRAY) {
      this.cur += resp === 2 ? '*-1\r\n' : '_\r\n';
    } else if (r instanceof DoubleReply) {
      // addReplyDouble: %.17g, a bulk string in RESP2.
      const s = formatDouble17g(r.value);
      this.cur += resp === 2 ? '$' + s.length + '\r\n' + s + '\r\n' : ',' + s + '\r\n';
    } else if (r instanceof MapReply) {
      const entries = r.entries;
      this.cur += (resp === 2 ? '*' + entries.length * 2 : '%' + entries.length) + '\r\n';
      for (let i = 0; i < entries.length; i++) {
        this.write(entries[i][0], resp);
        this.write(entries[i][1], resp);
      }
    } else if (r instanceof SetReply) {
      this.aggregate(resp === 2 ? '*' : '~', r.items, resp);
    } else if (r instanceof BoolReply) {
      this.cur += resp === 2 ? (r.value ? ':1\r\n' : ':0\r\n') : r.value ? '#t\r\n' : '#f\r\n';
    } else if (r instanceof VerbatimReply) {
      // addReplyVerbatim: RESP2 sends the text alone as a bulk string.
      if (resp === 2) this.write(r.text, resp);
      else if (r.text.length < BIG_BULK) this.cur += '=' + (r.text.length + 4) + '\r\n' + r.format + ':' + r.text + '\r\n';
      else this.bigBulk('=' + (r.text.length + 4) + '\r\n' + r.format + ':', r.text);
    } else if (r instanceof PushReply) {
      this.aggregate(resp === 2 ? '*' : '>', r.items, resp);
    } else if (r instanceof ProtocolReply) {
      this.write(r.reply, r.resp);
    } else if (r instanceof ReplySequence) {
      for (let i = 0; i < r.items.length; i++) this.write(r.items[i], resp);
    } else {
      throw new Error('unknown reply type');
    }
  }

  private aggregate(type: string, items: Reply[], resp: 2 | 3): void {
    this.cur += type + items.length + '\r\n';
    for (let i = 0; i < items.length; i++) this.write(items[i], resp);
  }

  private bigBulk(header: string, body: string): void {
    this.parts.push(this.cur + header, body);
    this.partsSize += this.cur.length + header.length + body.length;
    this.cur = '\r\n';
  }

  /** The bytes collected so far as byte strings, in order, and a fresh start. */
  take(): string[] {
    const parts = this.parts;
    if (this.cur.length > 0) parts.push(this.cur);
    this.parts = [];
    this.cur = '';
    this.partsSize = 0;
    return parts;
  }
}

/** Encodes one reply for a connection speaking RESP `resp`. */
export function encodeReply(r: Reply, resp: 2 | 3): string {
  const w = new ReplyWriter();
  w.write(r, resp);
  return w.take().join('');
}

/** A request as clients send it: a multibulk of bulk strings. */
export function encodeCommand(argv: string[]): string {
  let out = '*' + argv.length + '\r\n';
  for (let i = 0; i < argv.length; i++) out += '$' + argv[i].length + '\r\n' + argv[i] + '\r\n';
  return out;
}
