// Redis's glob-style pattern matching (util.c stringmatchlen), byte for byte, with its quirks:
// `*` `?` `[abc]` `[^a]` `[a-z]` (reversed ranges swap, bytes compare as C's signed char), `\x`
// escapes, an unterminated `[` class running to the end of the pattern, a non-empty pattern never
// matching the empty string (so `*` does not match ``), and the nesting limit of 1000 stars that
// Redis added against abusive patterns. Used by KEYS, SCAN MATCH, and later PUBSUB and H/S/ZSCAN.
//
// compileGlob() picks a fast path for the patterns people write (`prefix*`, `*suffix`, `*mid*`,
// plain literals, any mix of literals and `*`), and falls back to the interpreter otherwise.

const STAR = 42; // *
const QMARK = 63; // ?
const LBRACKET = 91; // [
const RBRACKET = 93; // ]
const CARET = 94; // ^
const DASH = 45; // -
const BACKSLASH = 92; // \

/** Redis gives up (no match) past this depth of `*` recursion. */
const MAX_NESTING = 1000;

/** A compiled pattern: true when the byte string matches. */
export type Matcher = (s: string) => boolean;

/**
 * stringmatchlen(pattern, s, nocase): the whole of `s` must match. `nocase` lowers ASCII letters
 * only, as tolower() in the C locale does.
 */
export function stringMatch(pattern: string, s: string, nocase = false): boolean {
  skipLongerMatches = false;
  return matchFrom(pattern, 0, s, 0, nocase, 0);
}

/** A matcher for `pattern`, with a fast path when the pattern has no `?`, `[` or `\`. */
export function compileGlob(pattern: string, nocase = false): Matcher {
  if (!nocase && isStarsAndLiterals(pattern)) return literalsMatcher(pattern);
  return (s) => stringMatch(pattern, s, nocase);
}

// ---- fast path -------------------------------------------------------------------------------

function isStarsAndLiterals(pattern: string): boolean {
  let stars = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charCodeAt(i);
    if (c === QMARK || c === LBRACKET || c === BACKSLASH) return false;
    if (c === STAR && (i === 0 || pattern.charCodeAt(i - 1) !== STAR)) stars++;
  }
  // Past the nesting limit Redis's answer depends on where the stars are: leave it to the interpreter.
  return stars <= MAX_NESTING;
}

/**
 * Literals separated by `*`: the first must start the string, the last must end it, the middle
 * ones must appear in order in between (leftmost placement is always the best one). The empty
 * string matches only the empty pattern, as in stringmatchlen.
 */
function literalsMatcher(pattern: string): Matcher {
  if (pattern.indexOf('*') < 0) return (s) => s === pattern;
  const segs = pattern.split('*');
  const first = segs[0];
  const last = segs[segs.length - 1];
  const middle = segs.slice(1, -1).filter((x) => x.length > 0);
  let minLen = first.length + last.length;
  for (const m of middle) minLen += m.length;
  if (middle.length === 0) {
    if (last.length === 0) {
      if (first.length === 0) return (s) => s.length > 0; // "*", "**"
      return (s) => s.startsWith(first); // "prefix*"
    }
    if (first.length === 0) return (s) => s.endsWith(last); // "*suffix"
    return (s) => s.length >= minLen && s.startsWith(first) && s.endsWith(last);
  }
  if (middle.length === 1 && first.length === 0 && last.length === 0) {
    const mid = middle[0];
    return (s) => s.includes(mid); // "*mid*"
  }
  return (s) => {
    if (s.length < minLen || !s.startsWith(first) || !s.endsWith(last)) return false;
    let pos = first.length;
    const limit = s.length - last.length;
    for (let i = 0; i < middle.length; i++) {
      const at = s.indexOf(middle[i], pos);
      if (at < 0 || at + middle[i].length > limit) return false;
      pos = at + middle[i].length;
    }
    return true;
  };
}

// ---- the interpreter -------------------------------------------------------------------------

/**
 * Set when the rest of a pattern after a `*` matched nowhere in the rest of the string: an outer
 * `*` trying a longer run cannot do better, so the whole match fails at once (Redis's
 * skipLongerMatches, which keeps `a*a*a*...b` linear instead of exponential).
 */
let skipLongerMatches = false;

/** The byte at i, or 0 past the end: C reads the terminating NUL of the sds there. */
function at(s: string, i: number): number {
  return i < s.length ? s.charCodeAt(i) : 0;
}

/** A byte as C's (signed) char: ranges compare bytes >= 128 as negative numbers. */
function signedChar(c: number): number {
  return c >= 128 ? c - 256 : c;
}

function lowerAscii(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

function matchFrom(p: string, pi: number, s: string, si: number, nocase: boolean, nesting: number): boolean {
  if (nesting > MAX_NESTING) return false;
  const plen = p.length;
  const slen = s.length;
  while (pi < plen && si < slen) {
    const c = p.charCodeAt(pi);
    if (c === STAR) {
      while (pi + 1 < plen && p.charCodeAt(pi + 1) === STAR) pi++;
      if (pi + 1 === plen) return true;
      for (; si < slen; si++) {
        if (matchFrom(p, pi + 1, s, si, nocase, nesting + 1)) return true;
        if (skipLongerMatches) return false;
      }
      skipLongerMatches = true;
      return false;
    } else if (c === QMARK) {
      si++;
    } else if (c === LBRACKET) {
      pi++;
      const not = at(p, pi) === CARET;
      if (not) pi++;
      const sc = s.charCodeAt(si);
      let match = false;
      for (;;) {
        if (pi < plen && p.charCodeAt(pi) === BACKSLASH && plen - pi >= 2) {
          pi++;
          if (p.charCodeAt(pi) === sc) match = true;
        } else if (pi < plen && p.charCodeAt(pi) === RBRACKET) {
          break;
        } else if (pi >= plen) {
          // Unterminated class: step back so the pattern ends right after it.
          pi--;
          break;
        } else if (plen - pi >= 3 && p.charCodeAt(pi + 1) === DASH) {
          let start = signedChar(p.charCodeAt(pi));
          let end = signedChar(p.charCodeAt(pi + 2));
          let ch = signedChar(sc);
          if (start > end) {
            const t = start;
            start = end;
            end = t;
          }
          if (nocase) {
            start = lowerAscii(start);
            end = lowerAscii(end);
            ch = lowerAscii(ch);
          }
          pi += 2;
          if (ch >= start && ch <= end) match = true;
        } else {
          const pc = p.charCodeAt(pi);
          if (nocase ? lowerAscii(pc) === lowerAscii(sc) : pc === sc) match = true;
        }
        pi++;
      }
      if (not) match = !match;
      if (!match) return false;
      si++;
    } else {
      let pc = c;
      if (c === BACKSLASH && plen - pi >= 2) pc = p.charCodeAt(++pi);
      const sc = s.charCodeAt(si);
      if (nocase ? lowerAscii(pc) !== lowerAscii(sc) : pc !== sc) return false;
      si++;
    }
    pi++;
    if (si === slen) {
      while (at(p, pi) === STAR) pi++;
      break;
    }
  }
  return pi === plen && si === slen;
}
