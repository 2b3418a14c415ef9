// Byte strings (a JS string whose code units are all 0-255), UTF-8 at the boundary, and numbers
// parsed and formatted the way Redis does (util.c: string2ll, string2d, ld2string, %.17g).

/** A JS string as UTF-8 bytes, one char per byte. ASCII passes through untouched. */
export function fromUtf8(s: string): string {
  let i = 0;
  while (i < s.length && s.charCodeAt(i) < 0x80) i++;
  if (i === s.length) return s;
  // The core has no TextEncoder (no DOM or Node types): encode by hand, lone surrogates as U+FFFD.
  const out: number[] = [];
  for (const ch of s.slice(i)) {
    let c = ch.codePointAt(0)!;
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return s.slice(0, i) + fromBytes(Uint8Array.from(out));
}

/** A byte string decoded as UTF-8; an invalid sequence becomes U+FFFD, as TextDecoder does. */
export function toUtf8(b: string): string {
  let i = 0;
  while (i < b.length && b.charCodeAt(i) < 0x80) i++;
  if (i === b.length) return b;
  let out = b.slice(0, i);
  const n = b.length;
  while (i < n) {
    const c = b.charCodeAt(i);
    if (c < 0x80) {
      out += b[i++];
      continue;
    }
    let need = 0;
    let cp = 0;
    let min = 0;
    if (c >= 0xc2 && c <= 0xdf) (need = 1), (cp = c & 0x1f), (min = 0x80);
    else if (c >= 0xe0 && c <= 0xef) (need = 2), (cp = c & 0x0f), (min = 0x800);
    else if (c >= 0xf0 && c <= 0xf4) (need = 3), (cp = c & 0x07), (min = 0x10000);
    else {
      out += '\ufffd';
      i++;
      continue;
    }
    let j = 1;
    for (; j <= need && i + j < n; j++) {
      const d = b.charCodeAt(i + j);
      if ((d & 0xc0) !== 0x80) break;
      cp = (cp << 6) | (d & 0x3f);
    }
    if (j <= need || cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
      out += '\ufffd';
      i += Math.max(1, j);
      continue;
    }
    out += String.fromCodePoint(cp);
    i += need + 1;
  }
  return out;
}

/** A byte string from bytes. */
export function fromBytes(u8: Uint8Array): string {
  let s = '';
  const CHUNK = 0x2000;
  for (let i = 0; i < u8.length; i += CHUNK) {
    s += String.fromCharCode.apply(null, u8.subarray(i, i + CHUNK) as unknown as number[]);
  }
  return s;
}

/** The bytes of a byte string. */
export function toBytes(b: string): Uint8Array {
  const u8 = new Uint8Array(b.length);
  for (let i = 0; i < b.length; i++) u8[i] = b.charCodeAt(i);
  return u8;
}

// ---------------------------------------------------------------------------------------------
// Integers. Redis's integers are int64; JS numbers are exact to 2^53, so values past that are
// bigints. Most callers want a number (offsets, counts); the few that keep the value exactly
// (INCR, INCRBY, ...) use parseLongLong and the checked arithmetic below.

export const LLONG_MAX = 9223372036854775807n;
export const LLONG_MIN = -9223372036854775808n;

/**
 * Redis's string2ll: an optional '-', then digits with no leading zero (or just "0"), no spaces,
 * no '+', at most 20 chars, within int64. Returns a number when exact, a bigint past 2^53, or
 * null when the string is not a valid integer.
 */
export function parseLongLong(s: string): number | bigint | null {
  const len = s.length;
  if (len === 0 || len > 20) return null;
  let i = 0;
  let neg = false;
  if (s.charCodeAt(0) === 45 /* - */) {
    neg = true;
    i = 1;
    if (len === 1) return null;
  }
  const first = s.charCodeAt(i);
  if (first === 48 /* 0 */) return len === 1 ? 0 : null;
  if (first < 49 || first > 57) return null;
  if (len - i <= 15) {
    let v = 0;
    for (; i < len; i++) {
      const c = s.charCodeAt(i) - 48;
      if (c < 0 || c > 9) return null;
      v = v * 10 + c;
    }
    return neg ? -v : v;
  }
  for (let j = i; j < len; j++) {
    const c = s.charCodeAt(j);
    if (c < 48 || c > 57) return null;
  }
  const big = BigInt(s);
  if (big > LLONG_MAX || big < LLONG_MIN) return null;
  return normalizeInt(big);
}

/** A bigint as a number when exact. */
export function normalizeInt(v: bigint): number | bigint {
  return v <= 9007199254740991n && v >= -9007199254740991n ? Number(v) : v;
}

/** a + b in int64, or null on overflow (INCRBY's check). */
export function addLongLong(a: number | bigint, b: number | bigint): number | bigint | null {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a + b;
    if (r <= 9007199254740991 && r >= -9007199254740991) return r;
  }
  const r = BigInt(a) + BigInt(b);
  if (r > LLONG_MAX || r < LLONG_MIN) return null;
  return normalizeInt(r);
}

/** True when a byte string is an integer Redis would store with the `int` encoding. */
export function isLongLong(s: string): boolean {
  return parseLongLong(s) !== null;
}

// ---------------------------------------------------------------------------------------------
// Doubles.

/**
 * Redis's string2d / getDoubleFromObject: strtod over the whole string, no leading space, no
 * NaN. Accepts what strtod accepts: "1e3", ".5", "+1", "inf", "-Infinity", hex floats "0x1p3".
 */
export function parseDouble(s: string): number | null {
  const len = s.length;
  if (len === 0 || len > 5 * 1024 + 2) return null;
  const c0 = s.charCodeAt(0);
  if (c0 === 32 || (c0 >= 9 && c0 <= 13)) return null;
  const v = strtod(s);
  if (v === null || Number.isNaN(v)) return null;
  // ERANGE: an overflow to +-inf or an underflow to 0 is refused ("1e400", "1e-400").
  if ((v === Infinity || v === -Infinity) && !INFINITY.test(s)) return null;
  if (v === 0 && NONZERO_MANTISSA.test(s)) return null;
  return v;
}

/** A non-zero digit before the exponent (decimal "e", or hex "p" after "0x"). */
const NONZERO_MANTISSA = /^[+-]?(?:0[xX][0-9a-fA-F.]*[1-9a-fA-F]|[0-9.]*[1-9])/;

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const INFINITY = /^([+-]?)(?:inf|infinity)$/i;
const HEX = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?(?:[pP]([+-]?\d+))?$/;

/** strtod over a whole string (null unless every char is consumed). NaN spellings give NaN. */
export function strtod(s: string): number | null {
  if (DECIMAL.test(s)) return Number(s);
  const inf = INFINITY.exec(s);
  if (inf) return inf[1] === '-' ? -Infinity : Infinity;
  if (/^[+-]?nan$/i.test(s)) return NaN;
  const hex = HEX.exec(s);
  if (hex && (hex[2].length > 0 || (hex[3] !== undefined && hex[3].length > 0))) {
    const digits = hex[2] + (hex[3] ?? '');
    let v = 0;
    for (let i = 0; i < digits.length; i++) v = v * 16 + parseInt(digits[i], 16);
    const exp = (hex[4] ? parseInt(hex[4], 10) : 0) - 4 * (hex[3]?.length ?? 0);
    v = v * Math.pow(2, exp);
    return hex[1] === '-' ? -v : v;
  }
  return null;
}

/** C's printf `%.17g`: what Redis 7.0 uses for double replies (addReplyDouble) and scores. */
export function formatDouble17g(d: number): string {
  if (d === Infinity) return 'inf';
  if (d === -Infinity) return '-inf';
  if (Number.isNaN(d)) return 'nan';
  if (d === 0) return Object.is(d, -0) ? '-0' : '0';
  const neg = d < 0;
  const a = neg ? -d : d;
  // Integers below 2^53 print as themselves: the common case, no digit work.
  if (a < 9007199254740992 && Number.isInteger(a)) return String(d);
  // 17 significant digits. JS rounds an exact decimal tie up, glibc's printf to even: a tie is an
  // 18th digit 5 that ends the value's exact expansion (1000000000000001.25 -> ...001.2).
  let exp = a.toExponential(16);
  const t = a.toExponential(17);
  if (t.charCodeAt(18) === 53 /* 5 */ && (t.charCodeAt(17) & 1) === 0) {
    const full = a.toExponential(100);
    if (/^0*$/.test(full.slice(19, full.indexOf('e')))) exp = t.slice(0, 18) + t.slice(t.indexOf('e'));
  }
  const e = exp.indexOf('e');
  const x = parseInt(exp.slice(e + 1), 10);
  const digits = exp[0] + exp.slice(2, e);
  let out: string;
  if (x < -4 || x >= 17) {
    let mant = exp.slice(0, e);
    if (mant.includes('.')) mant = mant.replace(/\.?0+$/, '');
    const ax = Math.abs(x);
    out = `${mant}e${x < 0 ? '-' : '+'}${ax < 10 ? '0' : ''}${ax}`;
  } else {
    out = x >= 0 ? digits.slice(0, x + 1) + (x < 16 ? '.' + digits.slice(x + 1) : '') : '0.' + '0'.repeat(-x - 1) + digits;
    if (out.includes('.')) out = out.replace(/\.?0+$/, '');
  }
  return neg ? '-' + out : out;
}

/** C's isspace in the C locale (not 0xA0, which JS's \s also matches). */
export function isCSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/** C's atoi, as Redis's getkeys functions read numkeys: C white space, a sign, digits; 0 without digits. */
export function atoi(s: string): number {
  let i = 0;
  while (i < s.length && isCSpace(s.charCodeAt(i))) i++;
  const m = /^[+-]?\d+/.exec(i === 0 ? s : s.slice(i));
  return m === null ? 0 : Number(m[0]);
}
