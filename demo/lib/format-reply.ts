// Replies printed the way redis-cli 7.0 prints them on a terminal (cliFormatReplyTTY), or raw for
// the commands redis-cli prints raw (INFO, CLIENT LIST, ...). Input is what the client's
// callBuffer() resolves with: bulk strings as Uint8Array, status replies as strings, integers and
// doubles as numbers, RESP3 maps as objects, errors inside arrays as Error values.
//
// The client gives a double and an integer as the same JS number, and a RESP3 set as an array, so
// the command decides: the commands below answer their numbers as doubles (scores, distances) or
// their collections as sets, as Redis's addReplyDouble / addReplySetLen calls do.
import { repr } from './bytes.js';

const DOUBLE_COMMANDS = new Set([
  'zscore', 'zincrby', 'zmscore', 'zrange', 'zrevrange', 'zrangebyscore', 'zrevrangebyscore', 'zrandmember',
  'zunion', 'zinter', 'zdiff', 'zpopmin', 'zpopmax', 'bzpopmin', 'bzpopmax', 'zmpop', 'bzmpop', 'geodist',
  'geopos', 'geosearch', 'georadius', 'georadius_ro', 'georadiusbymember', 'georadiusbymember_ro',
]);
const SET_COMMANDS = new Set(['smembers', 'sinter', 'sunion', 'sdiff']);

/** How one command's reply is printed. */
export interface ReplyContext {
  resp: 2 | 3;
  /** Printed as cliFormatReplyRaw does (INFO, CLIENT LIST, ...). */
  raw: boolean;
  /** Numbers in this reply are doubles. */
  doubles: boolean;
  /** A top-level array is a RESP3 set. */
  set: boolean;
  /** EXEC: the context of each queued command, for the elements of its reply. */
  exec?: ReplyContext[];
}

const lower = (s: string | undefined) => (s ?? '').toLowerCase();
const eqAny = (argv: string[], from: number, word: string) => argv.slice(from).some((a) => lower(a) === word);

/** cliSendCommand's list of commands whose replies redis-cli prints raw even in TTY mode. */
export function isRawCommand(argv: string[]): boolean {
  const c = lower(argv[0]);
  const s = lower(argv[1]);
  const n = argv.length;
  return (
    c === 'info' ||
    c === 'lolwut' ||
    (n >= 2 && c === 'debug' && (s === 'htstats' || s === 'htstats-key')) ||
    (n >= 2 && c === 'memory' && (s === 'malloc-stats' || s === 'doctor')) ||
    (n === 2 && c === 'cluster' && (s === 'nodes' || s === 'info')) ||
    (n >= 2 && c === 'client' && (s === 'list' || s === 'info')) ||
    (n === 3 && c === 'latency' && s === 'graph') ||
    (n === 2 && c === 'latency' && s === 'doctor') ||
    (n >= 2 && c === 'proxy' && s === 'info')
  );
}

/** The context of the reply to `argv` (byte strings); `queued` are the commands EXEC runs. */
export function replyContextOf(argv: string[], resp: 2 | 3, queued?: string[][]): ReplyContext {
  const c = lower(argv[0]);
  // HELLO's own reply already comes in the protocol it asks for.
  if (c === 'hello' && (argv[1] === '2' || argv[1] === '3')) resp = argv[1] === '3' ? 3 : 2;
  const ctx: ReplyContext = {
    resp,
    raw: isRawCommand(argv),
    doubles: DOUBLE_COMMANDS.has(c) || (c === 'zadd' && eqAny(argv, 2, 'incr')),
    set: resp === 3 && (SET_COMMANDS.has(c) || (c === 'spop' && argv.length > 2)),
  };
  if (c === 'exec' && queued) ctx.exec = queued.map((q) => ({ ...replyContextOf(q, resp), raw: false }));
  return ctx;
}

/**
 * The exact decimal digits of a finite positive double (a double is m * 2^e, so its decimal
 * expansion ends): the significant digits and the power of ten of the first one.
 */
function exactDigits(x: number): { digits: string; exp: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const frac = bits & ((1n << 52n) - 1n);
  const m = biased === 0 ? frac : frac | (1n << 52n);
  const e = biased === 0 ? -1074 : biased - 1075;
  let digits: string;
  let point: number;
  if (e >= 0) {
    digits = (m << BigInt(e)).toString();
    point = digits.length;
  } else {
    digits = (m * 5n ** BigInt(-e)).toString();
    point = digits.length + e;
  }
  const lead = digits.length - digits.replace(/^0+/, '').length;
  digits = digits.slice(lead).replace(/0+$/, '');
  return { digits, exp: point - lead - 1 };
}

/** %.17g's text from 17 significant digits and the exponent of the first. */
function gFormat(sig: string, exp: number, negative: boolean): string {
  const sign = negative ? '-' : '';
  if (exp < -4 || exp >= 17) {
    const mant = sig.length > 1 ? `${sig[0]}.${sig.slice(1)}` : sig;
    return `${sign}${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  let text: string;
  if (exp < 0) text = `0.${'0'.repeat(-exp - 1)}${sig}`;
  else if (sig.length <= exp + 1) text = sig + '0'.repeat(exp + 1 - sig.length);
  else text = `${sig.slice(0, exp + 1)}.${sig.slice(exp + 1)}`;
  return sign + text;
}

/**
 * printf's %.17g, which Redis uses for doubles (addReplyDouble): 17 significant digits, rounded
 * to nearest with ties to even as glibc rounds (JS's toPrecision rounds ties away from zero),
 * trailing zeros dropped, exponent form below 1e-4 and from 1e17.
 */
export function formatDouble(d: number): string {
  if (Number.isNaN(d)) return 'nan';
  if (d === Infinity) return 'inf';
  if (d === -Infinity) return '-inf';
  if (d === 0) return Object.is(d, -0) ? '-0' : '0';
  const { digits, exp } = exactDigits(Math.abs(d));
  let sig = digits.slice(0, 17);
  let e = exp;
  if (digits.length > 17) {
    const rest = digits.slice(17);
    const half = rest[0] === '5' && rest.length === 1;
    const up = rest[0] > '5' || (rest[0] === '5' && !half) || (half && Number(sig[16]) % 2 === 1);
    if (up) {
      const n = (BigInt(sig) + 1n).toString();
      if (n.length > 17) e++;
      sig = n.slice(0, 17);
    }
  }
  return gFormat(sig.replace(/0+$/, '') || '0', e, d < 0);
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

type Kind = 'array' | 'set' | 'map';

function isError(v: unknown): v is Error {
  return v instanceof Error;
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array) && !isError(v);
}

/** A map as the flat list RESP2 sends: key, value, key, value. */
function flatten(m: Record<string, unknown>): unknown[] {
  const out: unknown[] = [];
  for (const k of Object.keys(m)) out.push(encoder.encode(k), m[k]);
  return out;
}

function number(v: number | bigint, ctx: ReplyContext, doubles: boolean): string {
  if (typeof v === 'bigint' || (!doubles && Number.isInteger(v))) return `(integer) ${v}\n`;
  const text = formatDouble(v);
  return ctx.resp === 3 ? `(double) ${text}\n` : `${repr(encoder.encode(text))}\n`;
}

/** cliIsMultilineValueTTY: a map value that takes several lines starts on a line of its own. */
function multiline(v: unknown, ctx: ReplyContext): boolean {
  if (Array.isArray(v)) return v.length > 1 || (v.length === 1 && multiline(v[0], ctx));
  if (isMap(v)) {
    if (ctx.resp === 2) return multiline(flatten(v), ctx);
    const keys = Object.keys(v);
    return keys.length > 1 || (keys.length === 1 && multiline(v[keys[0]], ctx));
  }
  return false;
}

function tty(v: unknown, prefix: string, ctx: ReplyContext, kind: Kind | null, execCtx?: ReplyContext[]): string {
  if (v === null || v === undefined) return '(nil)\n';
  if (isError(v)) return `(error) ${v.message}\n`;
  if (typeof v === 'string') return `${v}\n`;
  if (v instanceof Uint8Array) return `${repr(v)}\n`;
  if (typeof v === 'boolean') return ctx.resp === 3 ? (v ? '(true)\n' : '(false)\n') : `(integer) ${v ? 1 : 0}\n`;
  if (typeof v === 'number' || typeof v === 'bigint') return number(v, ctx, ctx.doubles);
  let items: unknown[];
  if (Array.isArray(v)) {
    items = v;
    kind = kind === 'set' ? 'set' : 'array';
  } else if (isMap(v)) {
    if (ctx.resp === 2) {
      items = flatten(v);
      kind = 'array';
    } else {
      items = [];
      for (const k of Object.keys(v)) items.push(encoder.encode(k), v[k]);
      kind = 'map';
    }
  } else {
    return `${String(v)}\n`;
  }
  if (items.length === 0) return kind === 'map' ? '(empty hash)\n' : kind === 'set' ? '(empty set)\n' : '(empty array)\n';
  const count = kind === 'map' ? items.length / 2 : items.length;
  const idxlen = String(count).length;
  const inner = prefix + ' '.repeat(idxlen + 2);
  const sep = kind === 'set' ? '~' : kind === 'map' ? '#' : ')';
  let out = '';
  for (let i = 0; i < items.length; i++) {
    const human = (kind === 'map' ? i / 2 : i) + 1;
    out += `${i === 0 ? '' : prefix}${String(human).padStart(idxlen)}${sep} `;
    const elCtx = execCtx?.[i] ?? ctx;
    out += tty(items[i], inner, elCtx, execCtx?.[i]?.set ? 'set' : null);
    if (kind === 'map') {
      i++;
      out = out.slice(0, -1) + ' => ';
      if (multiline(items[i], ctx)) out += '\n' + inner;
      out += tty(items[i], inner, ctx, null);
    }
  }
  return out;
}

function raw(v: unknown, ctx: ReplyContext): string {
  if (v === null || v === undefined) return '';
  if (isError(v)) return `${v.message}\n`;
  if (typeof v === 'string') return v;
  if (v instanceof Uint8Array) return decoder.decode(v);
  if (typeof v === 'boolean') return v ? '(true)' : '(false)';
  if (typeof v === 'number' || typeof v === 'bigint') {
    return typeof v === 'bigint' || (!ctx.doubles && Number.isInteger(v)) ? String(v) : formatDouble(v);
  }
  if (Array.isArray(v)) return v.map((x) => raw(x, ctx)).join('\n');
  if (isMap(v)) return raw(flatten(v), ctx);
  return String(v);
}

/**
 * The text redis-cli writes for a reply (a top-level error is passed as the Error it rejected
 * with), newline-terminated as redis-cli writes it.
 */
export function formatReply(v: unknown, ctx: ReplyContext): string {
  if (ctx.raw) return raw(v, ctx);
  return tty(v, '', ctx, ctx.set ? 'set' : null, ctx.exec);
}
