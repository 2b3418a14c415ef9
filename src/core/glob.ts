// Glob-style matching as Redis does it (util.c stringmatchlen): KEYS, SCAN MATCH, CONFIG GET,
// COMMAND LIST FILTERBY PATTERN, PSUBSCRIBE. Byte strings in, `*` `?` `[...]` `[^...]` `\x`.

/** stringmatchlen: true when `s` matches `pattern`; `nocase` folds ASCII letters only (C's tolower). */
export function stringMatch(pattern: string, s: string, nocase = false): boolean {
  const skipLonger = { value: false };
  return matchAt(pattern, 0, s, 0, nocase, skipLonger, 0);
}

function low(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/**
 * One step of the match from pattern[p] and s[i]. `skipLonger` is Redis's skipLongerMatches: once
 * the rest after a `*` failed from every position, earlier stars need not try longer spans.
 * Like Redis (since 7.0.9), deep nesting of stars gives up instead of recursing without bound.
 */
function matchAt(
  pat: string,
  p: number,
  s: string,
  i: number,
  nocase: boolean,
  skipLonger: { value: boolean },
  nesting: number,
): boolean {
  if (nesting > 1000) return false;
  const plen = pat.length;
  const slen = s.length;
  while (p < plen && i < slen) {
    const pc = pat.charCodeAt(p);
    if (pc === 42 /* * */) {
      while (p + 1 < plen && pat.charCodeAt(p + 1) === 42) p++;
      if (p + 1 === plen) return true;
      while (i < slen) {
        if (matchAt(pat, p + 1, s, i, nocase, skipLonger, nesting + 1)) return true;
        if (skipLonger.value) return false;
        i++;
      }
      skipLonger.value = true;
      return false;
    } else if (pc === 63 /* ? */) {
      i++;
    } else if (pc === 91 /* [ */) {
      p++;
      const not = p < plen && pat.charCodeAt(p) === 94; /* ^ */
      if (not) p++;
      let match = false;
      const c = s.charCodeAt(i);
      for (;;) {
        if (p >= plen) {
          // An unterminated class: Redis steps back so the final increment lands on the end.
          p--;
          break;
        }
        const cc = pat.charCodeAt(p);
        if (cc === 92 /* \ */ && plen - p >= 2) {
          p++;
          if (pat.charCodeAt(p) === c) match = true;
        } else if (cc === 93 /* ] */) {
          break;
        } else if (plen - p >= 3 && pat.charCodeAt(p + 1) === 45 /* - */) {
          let start = cc;
          let end = pat.charCodeAt(p + 2);
          let x = c;
          if (start > end) [start, end] = [end, start];
          if (nocase) {
            start = low(start);
            end = low(end);
            x = low(x);
          }
          p += 2;
          if (x >= start && x <= end) match = true;
        } else if (nocase ? low(cc) === low(c) : cc === c) {
          match = true;
        }
        p++;
      }
      if (not) match = !match;
      if (!match) return false;
      i++;
    } else {
      let lit = pc;
      if (pc === 92 /* \ */ && plen - p >= 2) {
        p++;
        lit = pat.charCodeAt(p);
      }
      const c = s.charCodeAt(i);
      if (nocase ? low(lit) !== low(c) : lit !== c) return false;
      i++;
    }
    p++;
    if (i === slen) {
      while (p < plen && pat.charCodeAt(p) === 42) p++;
      break;
    }
  }
  return p >= plen && i === slen;
}
