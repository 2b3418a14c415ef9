// RESP2 and RESP3 encoder: a Reply to its wire bytes, as a byte string (one char per byte).
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
import { formatDouble17g } from '../core/bytes.js';

/** Encodes one reply for a connection speaking RESP `resp`. */
export function encodeReply(r: Reply, resp: 2 | 3): string {
  if (typeof r === 'string') return '$' + r.length + '\r\n' + r + '\r\n';
  if (typeof r === 'number' || typeof r === 'bigint') return ':' + r + '\r\n';
  if (r === null) return resp === 2 ? '$-1\r\n' : '_\r\n';
  if (Array.isArray(r)) {
    let out = '*' + r.length + '\r\n';
    for (let i = 0; i < r.length; i++) out += encodeReply(r[i], resp);
    return out;
  }
  if (r instanceof SimpleString) return '+' + r.value + '\r\n';
  if (r instanceof ErrorReply) return '-' + r.message + '\r\n';
  if (r === NULL_ARRAY) return resp === 2 ? '*-1\r\n' : '_\r\n';
  if (r instanceof DoubleReply) {
    const s = formatDouble17g(r.value);
    return resp === 2 ? '$' + s.length + '\r\n' + s + '\r\n' : ',' + s + '\r\n';
  }
  if (r instanceof MapReply) {
    let out = (resp === 2 ? '*' + r.entries.length * 2 : '%' + r.entries.length) + '\r\n';
    for (const [k, v] of r.entries) out += encodeReply(k, resp) + encodeReply(v, resp);
    return out;
  }
  if (r instanceof SetReply) {
    let out = (resp === 2 ? '*' : '~') + r.items.length + '\r\n';
    for (const v of r.items) out += encodeReply(v, resp);
    return out;
  }
  if (r instanceof BoolReply) return resp === 2 ? (r.value ? ':1\r\n' : ':0\r\n') : r.value ? '#t\r\n' : '#f\r\n';
  if (r instanceof VerbatimReply) {
    if (resp === 2) return '$' + r.text.length + '\r\n' + r.text + '\r\n';
    return '=' + (r.text.length + 4) + '\r\n' + r.format + ':' + r.text + '\r\n';
  }
  if (r instanceof PushReply) {
    let out = (resp === 2 ? '*' : '>') + r.items.length + '\r\n';
    for (const v of r.items) out += encodeReply(v, resp);
    return out;
  }
  throw new Error('unknown reply type');
}
