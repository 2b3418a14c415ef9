// x87 80-bit long double, exactly, with BigInt: what INCRBYFLOAT and HINCRBYFLOAT compute in C.
// Redis parses with strtold (string2ld), adds in long double, and prints with "%.17Lf" before
// stripping trailing zeros (ld2string, LD_STR_HUMAN). A JS double gives other digits
// (10.5 + 0.1, 3.0e3 + 1.1), so the value is kept as sign * m * 2^e with a 64-bit mantissa m,
// rounded to nearest-even like the FPU, with the long double's exponent range and subnormals.

/** A finite long double: (-1)^neg * m * 2^e, m < 2^64. `inf` marks +-infinity, `nan` NaN. */
export interface LongDouble {
  neg: boolean;
  m: bigint;
  e: number;
  inf?: boolean;
  nan?: boolean;
}

const MANT_BITS = 64;
/** The exponent of the smallest subnormal: 2^-16445 (LDBL_TRUE_MIN). */
const MIN_EXP = -16445;
/** Values of 2^16384 and more overflow to infinity. */
const MAX_BIT = 16384;
/** string2ld's buffer: MAX_LONG_DOUBLE_CHARS (5k). */
const MAX_LONG_DOUBLE_CHARS = 5 * 1024;

const ZERO: LongDouble = { neg: false, m: 0n, e: 0 };

function bitLength(n: bigint): number {
  // toString(16) is linear in the size and exact; fine for the few thousand bits seen here.
  const h = n.toString(16);
  const top = parseInt(h[0], 16);
  return (h.length - 1) * 4 + (32 - Math.clz32(top));
}

/**
 * Rounds (-1)^neg * n * 2^e (+ a nonzero remainder below n's last bit when `sticky`) to the
 * nearest long double, ties to even. The caller gives n at least two bits more than the
 * mantissa when sticky is set, so the remainder only ever breaks ties.
 */
function round(neg: boolean, n: bigint, e: number, sticky: boolean): LongDouble {
  if (n === 0n) return { neg, m: 0n, e: 0 };
  const bl = bitLength(n);
  let shift = Math.max(bl - MANT_BITS, MIN_EXP - e);
  let m = n;
  if (shift > 0) {
    if (shift > bl + 1) {
      // Far below the smallest subnormal: rounds to zero.
      return { neg, m: 0n, e: 0 };
    }
    const s = BigInt(shift);
    m = n >> s;
    const rem = n - (m << s);
    const half = 1n << (s - 1n);
    if (rem > half || (rem === half && (sticky || (m & 1n) === 1n))) m += 1n;
    e += shift;
    if (m === 1n << 64n) {
      m >>= 1n;
      e += 1;
    }
  } else {
    shift = 0;
  }
  if (m === 0n) return { neg, m: 0n, e: 0 };
  if (e + bitLength(m) > MAX_BIT) return { neg, m: 0n, e: 0, inf: true };
  return { neg, m, e };
}

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
const HEX = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?(?:[pP]([+-]?\d+))?$/;
const INF = /^([+-]?)(?:inf|infinity)$/i;

/** An exponent as written, clamped far past any range that matters (its digits can be many). */
function clampExp(s: string | undefined): number {
  if (s === undefined) return 0;
  const v = parseInt(s, 10);
  if (v > 1e9) return 1e9;
  if (v < -1e9) return -1e9;
  return v;
}

/**
 * strtold over the whole string, as Redis's string2ld accepts it: no leading space, nothing left
 * over, no NaN, no overflow to infinity and no underflow to zero (ERANGE). "inf" itself passes.
 * Returns null where Redis replies "value is not a valid float".
 */
export function parseLongDouble(s: string): LongDouble | null {
  const len = s.length;
  if (len === 0 || len >= MAX_LONG_DOUBLE_CHARS) return null;
  let r = DECIMAL.exec(s);
  if (r !== null) {
    const intDigits = r[2];
    const fracDigits = r[3] ?? '';
    if (intDigits.length === 0 && fracDigits.length === 0) return null;
    const neg = r[1] === '-';
    let digits = (intDigits + fracDigits).replace(/^0+/, '');
    if (digits.length === 0) return { neg, m: 0n, e: 0 };
    let exp10 = clampExp(r[4]) - fracDigits.length;
    const trailing = digits.length - digits.replace(/0+$/, '').length;
    if (trailing > 0) {
      digits = digits.slice(0, digits.length - trailing);
      exp10 += trailing;
    }
    // The leading digit's decimal exponent: LDBL_MAX is 1.19e4932, LDBL_TRUE_MIN 3.6e-4951.
    const lead = exp10 + digits.length - 1;
    if (lead > 4933) return null;
    if (lead < -4953) return null;
    const d = BigInt(digits);
    let v: LongDouble;
    if (exp10 >= 0) {
      v = round(neg, d * 10n ** BigInt(exp10), 0, false);
    } else {
      const q = 10n ** BigInt(-exp10);
      // Scale so the quotient has at least 66 bits; the remainder becomes the sticky bit.
      const k = Math.max(0, MANT_BITS + 2 - (bitLength(d) - bitLength(q)) + 1);
      const num = d << BigInt(k);
      const quo = num / q;
      v = round(neg, quo, -k, quo * q !== num);
    }
    if (v.inf || v.m === 0n) return null;
    return v;
  }
  r = HEX.exec(s);
  if (r !== null) {
    const intDigits = r[2];
    const fracDigits = r[3] ?? '';
    if (intDigits.length === 0 && fracDigits.length === 0) return null;
    const neg = r[1] === '-';
    const n = BigInt('0x' + (intDigits + fracDigits || '0'));
    if (n === 0n) return { neg, m: 0n, e: 0 };
    const e = clampExp(r[4]) - 4 * fracDigits.length;
    const v = round(neg, n, e, false);
    if (v.inf || v.m === 0n) return null;
    return v;
  }
  r = INF.exec(s);
  if (r !== null) return { neg: r[1] === '-', m: 0n, e: 0, inf: true };
  return null;
}

/** a + b in long double, rounded to nearest-even. inf - inf gives NaN. */
export function addLongDouble(a: LongDouble, b: LongDouble): LongDouble {
  if (a.nan || b.nan) return { neg: false, m: 0n, e: 0, nan: true };
  if (a.inf || b.inf) {
    if (a.inf && b.inf && a.neg !== b.neg) return { neg: false, m: 0n, e: 0, nan: true };
    return a.inf ? a : b;
  }
  if (b.m === 0n) return a.m === 0n ? { neg: a.neg && b.neg, m: 0n, e: 0 } : a;
  if (a.m === 0n) return b;
  const e = Math.min(a.e, b.e);
  const na = a.m << BigInt(a.e - e);
  const nb = b.m << BigInt(b.e - e);
  const sum = (a.neg ? -na : na) + (b.neg ? -nb : nb);
  if (sum === 0n) return ZERO;
  return sum < 0n ? round(true, -sum, e, false) : round(false, sum, e, false);
}

export function isFiniteLongDouble(v: LongDouble): boolean {
  return !v.inf && !v.nan;
}

const TEN17 = 10n ** 17n;

/** ld2string with LD_STR_HUMAN: "%.17Lf" (rounded half-even, as glibc), trailing zeros cut. */
export function formatLongDouble(v: LongDouble): string {
  if (v.nan) return 'nan';
  if (v.inf) return v.neg ? '-inf' : 'inf';
  let digits: string;
  if (v.e >= 0) {
    digits = (v.m << BigInt(v.e)).toString();
  } else {
    const sh = BigInt(-v.e);
    const scaled = v.m * TEN17;
    let q = scaled >> sh;
    const rem = scaled - (q << sh);
    const half = 1n << (sh - 1n);
    if (rem > half || (rem === half && (q & 1n) === 1n)) q += 1n;
    const s = q.toString().padStart(18, '0');
    let end = s.length;
    while (end > s.length - 17 && s.charCodeAt(end - 1) === 48) end--;
    const intPart = s.slice(0, s.length - 17);
    digits = end === s.length - 17 ? intPart : intPart + '.' + s.slice(s.length - 17, end);
  }
  if (!v.neg) return digits;
  // "-0" after the cut becomes "0", as ld2string does.
  return digits === '0' ? '0' : '-' + digits;
}

const LLONG_MIN_BIG = -(1n << 63n);

/**
 * C's `(long long) ceill(v * k)` for a small positive integer k: the product rounded to a long
 * double, then rounded up; on x86 a NaN, an infinity or anything out of range converts to
 * LLONG_MIN (the "integer indefinite" value). getTimeoutFromObjectOrReply uses it (seconds * 1000).
 */
export function ceilLongDoubleTimes(v: LongDouble, k: number): bigint {
  if (v.nan || v.inf) return LLONG_MIN_BIG;
  // The product, rounded to a long double as the FPU does.
  const { m, e, inf } = round(v.neg, v.m * BigInt(k), v.e, false);
  if (m === 0n) return 0n;
  // Infinite, or bits at or past 2^63: integer indefinite.
  if (inf || bitLength(m) + e > 63) return LLONG_MIN_BIG;
  if (e >= 0) {
    const t = m << BigInt(e);
    return v.neg ? -t : t;
  }
  const sh = BigInt(-e);
  const t = m >> sh;
  const fraction = m !== t << sh;
  // Up toward +inf: a positive value with a fraction gains one, a negative one loses its fraction.
  return v.neg ? -t : fraction ? t + 1n : t;
}
