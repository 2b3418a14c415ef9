// Generators for the sorted set commands (t_zset.c): ZADD (every flag and conflict) ZINCRBY ZREM
// ZCARD ZSCORE ZMSCORE ZRANK ZREVRANK ZCOUNT ZLEXCOUNT, the ZRANGE family and ZRANGESTORE,
// ZREMRANGEBY*, the pops (blocking ones included), ZRANDMEMBER, ZSCAN, ZUNION ZINTER ZDIFF (and
// STORE) ZINTERCARD, and OBJECT ENCODING, COPY, RENAME, DEL on sorted sets.
//
// Four kinds of keys, so every reply is compared as strictly as Redis's determinism allows:
// - the shared keys (g.key()) and 'z:1' 'z:2' 'z:3': members from a set of 40 (hostile bytes, the
//   empty string, integers in several spellings, one of exactly 64 bytes), so these stay listpacks
//   whatever is stored into them, and every command on them is exact, lex ranges over members of
//   mixed scores included (a listpack answers those by walking from its ends, deterministically).
// - 'zb:1' 'zb:2' (and 'zd:1' 'zd:2', the destinations of stores from them): hundreds of members
//   added in bulk, some longer than 64 bytes, so they cross zset-max-listpack-entries (128) or
//   start as skiplists. Redis finds a lex bound in a skiplist by a walk over its random levels,
//   which is only defined when the members are in lex order, so these get no lex range but the
//   whole one ("-" to "+").
// - 'zl:1' 'zl:2': every score is 0 (or -0), so members are in lex order and lex ranges are exact
//   on skiplists too; they grow past 128 members.
// Blocking pops never block for long: inside MULTI they act as their non-blocking form; outside
// it most are malformed, and a few carry a 10 ms timeout. ZRANDMEMBER counts stay far from Redis's
// own limits (a count near -2^62 makes redis-server allocate until it dies).
import type { Cmp } from './call.js';
import type { CommandGen, G } from './generator.js';
import { fromUtf8 } from '../../src/core/index.js';

type Kind = 'small' | 'big' | 'lex';

const SMALL_KEYS = ['z:1', 'z:2', 'z:3'];
const BIG_KEYS = ['zb:1', 'zb:2'];
const BIG_DEST_KEYS = ['zd:1', 'zd:2'];
const LEX_KEYS = ['zl:1', 'zl:2'];

/** Members of the shared and small keys: 40 at most, none longer than 64 bytes. */
const SMALL_MEMBERS = [
  'a', 'b', 'c', 'd', 'e', 'f', 'g', 'aa', 'ab', 'ba', 'A', 'B', 'Z', '', '\x00', '\x00a', 'a\x00', '\xff', '\xff\xfe', '\x7f',
  '0', '1', '-1', '10', '2', '01', '-0', ' 1', '1.5', 'inf', 'x'.repeat(63), 'x'.repeat(64), fromUtf8('é'), fromUtf8('日本'),
  'a b', 'a\r\nb', 'm1', 'm2', 'm10', '*',
];

/** Members of the lex keys: 300 short strings over a small alphabet (prefixes of each other). */
const LEX_MEMBERS: string[] = (() => {
  const alphabet = ['a', 'b', 'c', '\x00', '\xff', '0', 'B'];
  const out = new Set<string>(['', 'a', 'b', 'aa', 'ab', '\x00', '\xff']);
  let x = 12345;
  while (out.size < 300) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    const len = 1 + (x % 5);
    let s = '';
    let y = x;
    for (let i = 0; i < len; i++) {
      s += alphabet[y % alphabet.length];
      y = Math.floor(y / alphabet.length) + i * 7;
    }
    out.add(s);
  }
  return [...out];
})();

/** Scores as typed: integers mostly, then fractions, edges, and what is not a float. */
const SCORE_TRAPS = [
  'inf', '-inf', '+inf', 'Infinity', '-infinity', 'nan', 'NaN', '1e400', '-1e400', '1e-400', ' 1', '1 ', '', 'abc', '1e', '0x10',
  '1.7976931348623157e308', '-1.7976931348623157e308', '5e-324', '2e-324', '-0', '+0', '0.1', '9007199254740993', '1e17',
  '4611686018427387904', '123456789012345678', '.5', '5.', '1,5', '1\x00', '(1',
];

let kind: Kind = 'small';

/** A key for a sorted set command; `kind` says which kind it is (see the file comment). */
function zkey(g: G, big = 0.2, lex = 0.12): string {
  const x = g.r.float();
  if (x < big) {
    kind = 'big';
    return g.chance(0.8) ? g.pick(BIG_KEYS) : g.pick(BIG_DEST_KEYS);
  }
  if (x < big + lex) {
    kind = 'lex';
    return g.pick(LEX_KEYS);
  }
  kind = 'small';
  return g.chance(0.45) ? g.key() : g.pick(SMALL_KEYS);
}

/** Another key of the same kind as the last one (a source set, a destination). */
function sameKind(g: G): string {
  if (kind === 'big') return g.chance(0.6) ? g.pick(BIG_KEYS) : g.pick(BIG_DEST_KEYS);
  if (kind === 'lex') return g.pick(LEX_KEYS);
  return g.chance(0.45) ? g.key() : g.pick(SMALL_KEYS);
}

function member(g: G): string {
  if (kind === 'lex') return g.pick(LEX_MEMBERS);
  if (kind === 'big') {
    const x = g.r.float();
    if (x < 0.85) return `m:${g.int(0, 249)}`;
    if (x < 0.93) return 'y'.repeat(g.int(63, 70)) + g.int(0, 3);
    return g.pick(SMALL_MEMBERS);
  }
  // A core of 12 most of the time, so lookups find what was added.
  return g.chance(0.6) ? SMALL_MEMBERS[g.int(0, 11)] : g.pick(SMALL_MEMBERS);
}

function members(g: G, min: number, max: number): string[] {
  const out: string[] = [];
  const n = g.int(min, max);
  for (let i = 0; i < n; i++) out.push(member(g));
  return out;
}

/** A score for ZADD / ZINCRBY; the lex keys only ever get 0 (or -0, which still sorts as 0). */
function score(g: G): string {
  if (kind === 'lex') return g.chance(0.9) ? '0' : g.pick(['-0', '0.0', '+0']);
  // A bulk ZADD on a big key fails whole on one bad score: keep them rare there.
  const valid = kind === 'big' ? 0.998 : 0.93;
  const x = g.r.float();
  if (x > valid) return g.pick(SCORE_TRAPS);
  if (x < 0.55) return String(g.int(-5, 5));
  if (x < 0.75) return String(g.int(-40, 40) / 4);
  if (x < 0.85) return g.pick(['1.5', '-0.1', '0.1', '3e2', '1e-5', '-0', '17', '2.5', '1e15', '3.0000000000000004']);
  return g.pick(['inf', '-inf', '1e300', '-1e300', '5e-324', '9007199254740993', '1e17', '4611686018427387904', '-4611686018427387905']);
}

/** One end of a score range: "(" for exclusive, infinities, C-string corners, and invalid ones. */
function scoreBound(g: G): string {
  const x = g.r.float();
  if (x < 0.45) return (g.chance(0.3) ? '(' : '') + String(g.int(-5, 5));
  if (x < 0.65) return g.pick(['-inf', '+inf', 'inf', '(-inf', '(+inf', '-Infinity', '(inf']);
  if (x < 0.75) return (g.chance(0.3) ? '(' : '') + g.pick(['1.5', '-0.1', '2.5', '-0', '0', '1e300', '5e-324', '1e400', '-1e400']);
  return g.pick(['(', '', ' 1', '( 1', '1 ', '  ', '1\x00junk', '\x00', 'abc', 'nan', '(nan', '[1', '1e', '0x10', '((1', '+1', '-', '+']);
}

/** One end of a lex range. The big keys only get bounds that do not depend on member order. */
function lexBound(g: G): string {
  const x = g.r.float();
  if (kind === 'big') {
    if (x < 0.85) return g.pick(['-', '+']);
    return g.pick(['a', '', '-x', '+a', '[', '(', '+\x00x']);
  }
  if (x < 0.55) return g.pick(['[', '(']) + member(g);
  if (x < 0.75) return g.pick(['-', '+']);
  return g.pick(['[', '(', '', 'a', '-x', '+a', '+\x00x', '-\x00', '[\x00', '(\xff', '[a\x00', '[' + 'x'.repeat(64)]);
}

/** A rank or rank bound. */
function rank(g: G): string {
  const x = g.r.float();
  if (x < 0.7) return String(g.int(-8, 10));
  if (x < 0.85) return g.pick(['0', '-1', '100', '-100', '127', '128', '-129', '300', '2147483647']);
  return g.pick(['9223372036854775807', '-9223372036854775808', '9223372036854775808', 'abc', '', '1.0', ' 1', '-0', '+1']);
}

/** LIMIT offset count. */
function limit(g: G): string[] {
  const off = g.chance(0.8) ? String(g.int(0, 5)) : g.pick(['-1', '-5', '100', '9223372036854775807', 'abc', '']);
  const cnt = g.chance(0.7) ? String(g.int(0, 6)) : g.pick(['-1', '-2', '100', '9223372036854775807', '-9223372036854775808', 'x']);
  return [g.cased('limit'), off, cnt];
}

/** A count for ZPOPMIN/ZPOPMAX/ZMPOP. */
function popCount(g: G): string {
  const x = g.r.float();
  if (x < 0.6) return String(g.int(0, 5));
  if (x < 0.7) return kind === 'small' ? '50' : String(g.int(6, 30));
  if (x < 0.8) return g.pick(['-1', '-2']);
  return g.pick(['9223372036854775807', '9223372036854775808', 'abc', '', '1.5', ' 1', '+1', '-0']);
}

/** A timeout for a blocking pop that cannot stall the sequence (see the file comment). */
function timeout(g: G): string {
  if (g.inMulti) return g.pick(['0', '0', '1', '0.01', '100', '-1', 'abc', '', 'inf', '-0', '0.0001']);
  if (g.chance(0.1)) return '0.01';
  return g.pick(['-1', '-0.5', 'abc', '', 'inf', '-inf', 'nan', '1x', '9223372036854775807', '1e400']);
}

/** ZADD's flags: mostly none or one, sometimes conflicting ones. */
function zaddFlags(g: G): string[] {
  const out: string[] = [];
  const n = g.pick([0, 0, 0, 1, 1, 1, 2, 3]);
  for (let i = 0; i < n; i++) out.push(g.cased(g.pick(['nx', 'xx', 'gt', 'lt', 'ch', 'ch', 'incr'])));
  return out;
}

function pairs(g: G, min: number, max: number): string[] {
  const out: string[] = [];
  const n = g.int(min, max);
  for (let i = 0; i < n; i++) out.push(score(g), member(g));
  if (g.chance(0.03)) out.push(score(g)); // a score without its member
  return out;
}

function zadd(g: G) {
  const key = zkey(g);
  const flags = zaddFlags(g);
  if (flags.some((f) => f.toLowerCase().startsWith('incr')) && g.chance(0.8)) return g.call([g.name('zadd'), key, ...flags, score(g), member(g)]);
  const [min, max] = kind === 'big' ? [5, 60] : kind === 'lex' ? [5, 60] : [1, 8];
  return g.call([g.name('zadd'), key, ...flags, ...pairs(g, min, max)]);
}

/** ZRANGE's options in any order, sometimes conflicting or malformed. */
function zrangeOptions(g: G, allowed: string[]): string[] {
  const out: string[] = [];
  const n = g.pick([0, 1, 1, 2, 2, 3]);
  for (let i = 0; i < n; i++) {
    const o = g.pick(allowed);
    if (o === 'limit') out.push(...limit(g));
    else out.push(g.cased(o));
  }
  if (g.chance(0.03)) out.push(g.pick(['FOO', 'LIMIT', 'BYRANK']));
  return out;
}

/**
 * ZRANGE / ZRANGESTORE: a mode (rank, BYSCORE, BYLEX) with bounds and options that fit it mostly;
 * LIMIT on a rank range, WITHSCORES with BYLEX or both modes now and then (the errors).
 */
function zrangeArgs(g: G, store: boolean): string[] {
  const x = g.r.float();
  const ws = store ? [] : ['withscores', 'withscores'];
  const odd = g.chance(0.05);
  if (x < 0.4) return [rank(g), rank(g), ...zrangeOptions(g, ['rev', ...ws, ...(odd ? ['limit'] : [])])];
  if (x < 0.75) return [scoreBound(g), scoreBound(g), g.cased('byscore'), ...zrangeOptions(g, ['rev', 'limit', ...ws])];
  if (x < 0.97) return [lexBound(g), lexBound(g), g.cased('bylex'), ...zrangeOptions(g, ['rev', 'limit', ...(odd ? ws : [])])];
  return [rank(g), rank(g), g.cased('byscore'), g.cased('bylex'), ...zrangeOptions(g, ['rev'])];
}

function zrandmember(g: G) {
  const key = zkey(g);
  const withScores = g.chance(0.4);
  const ws = withScores ? [g.cased('withscores')] : [];
  const v = withScores ? 'v' : '';
  const x = g.r.float();
  if (x < 0.12) return g.call([g.name('zrandmember'), key], 'rand:u');
  if (x < 0.35) {
    const n = kind === 'small' ? g.int(1, 8) : g.int(1, 150);
    return g.call([g.name('zrandmember'), key, String(n), ...ws], `rand:u${v}` as Cmp);
  }
  if (x < 0.5) {
    // At least the whole set: all of it from the top, in both encodings.
    const n = g.pick(['1000', '100000', '9223372036854775807']);
    return g.call([g.name('zrandmember'), key, n, ...ws], 'rand:x');
  }
  if (x < 0.72) return g.call([g.name('zrandmember'), key, String(-g.int(1, 12)), ...ws], `rand:${v}` as Cmp);
  if (x < 0.82 && kind === 'small') {
    // Many more picks than members: every member turns up on both sides.
    return g.call([g.name('zrandmember'), key, String(-g.int(2000, 2500)), ...ws], `rand:c${v}` as Cmp);
  }
  const bad = g.pick([
    ['0'], ['0', 'WITHSCORES'], ['abc'], ['1.5'], [''], [' 1'], ['-9223372036854775808'], ['-9223372036854775808', 'WITHSCORES'],
    ['9223372036854775808'], ['4611686018427387904', 'WITHSCORES'], ['-4611686018427387904', 'WITHSCORES'], ['5', 'WITHSCORE'],
    ['5', 'WITHSCORES', 'x'], ['-3', 'foo'], ['1', ''],
  ]);
  return g.call([g.name('zrandmember'), key, ...bad], 'rand:');
}

/**
 * ZSCAN: mostly a whole iteration (the harness's scanAll: every member and score seen, sorted);
 * sometimes one page from 0 (a listpack answers it whole), or a cursor Redis refuses. A made-up
 * cursor is never sent: Redis resumes a hash table walk there, ours starts over.
 */
function zscan(g: G) {
  const key = zkey(g);
  const opts: string[] = [];
  const n = g.pick([0, 0, 1, 1, 2]);
  for (let i = 0; i < n; i++) {
    if (g.chance(0.5)) opts.push(g.cased('match'), g.chance(0.7) ? g.pick(['*', 'a*', '*a*', '[a-c]', '?', 'm:1*', '\x00*', '*\xff']) : g.pattern());
    else opts.push(g.cased('count'), g.chance(0.8) ? g.pick(['1', '10', '1000']) : g.pick(['0', '-1', 'abc', '']));
  }
  const x = g.r.float();
  if (x < 0.6) return g.call([g.name('zscan'), key, '0', ...opts], 'exact', 'scanAll');
  if (x < 0.9) return g.call([g.name('zscan'), key, '0', ...opts], 'scan-page');
  return g.call([g.name('zscan'), key, g.pick(['x', '', '18446744073709551616', ' 0', '0x1', '-']), ...opts], 'scan-page');
}

/** numkeys and keys of one kind for ZUNION and the like, sometimes with numkeys off. */
function setopKeys(g: G): string[] {
  const first = zkey(g);
  const keys = [first];
  const n = g.int(1, 3);
  for (let i = 1; i < n; i++) keys.push(g.chance(0.15) ? first : sameKind(g));
  const x = g.r.float();
  let numkeys = String(keys.length);
  if (x > 0.92) numkeys = g.pick(['0', '-1', 'abc', String(keys.length + 1), String(keys.length + 3), '9223372036854775807']);
  return [numkeys, ...keys];
}

function weight(g: G): string {
  if (kind === 'lex' && g.chance(0.8)) return g.pick(['1', '0', '-1', '2']);
  return g.chance(0.8) ? g.pick(['1', '2', '0', '-1', '0.5', '1.5', '-2.5', '3']) : g.pick(['inf', '-inf', 'nan', 'abc', '1e400', '', '-0', '1e300']);
}

/** WEIGHTS, AGGREGATE and WITHSCORES (LIMIT for ZINTERCARD) in any order. */
function setopOptions(g: G, numkeys: number, allowed: string[]): string[] {
  const out: string[] = [];
  const n = g.pick([0, 0, 1, 1, 2, 3]);
  for (let i = 0; i < n; i++) {
    const o = g.pick(allowed);
    if (o === 'weights') {
      const m = g.chance(0.9) ? numkeys : g.pick([numkeys - 1, numkeys + 1]);
      out.push(g.cased('weights'));
      for (let k = 0; k < m; k++) out.push(weight(g));
    } else if (o === 'aggregate') {
      out.push(g.cased('aggregate'), g.chance(0.9) ? g.cased(g.pick(['sum', 'min', 'max'])) : g.pick(['avg', '', 'SUMX']));
    } else if (o === 'limit') {
      out.push(g.cased('limit'), g.chance(0.8) ? String(g.int(0, 5)) : g.pick(['-1', 'abc', '9223372036854775807']));
    } else {
      out.push(g.cased(o));
    }
  }
  return out;
}

function setop(name: string, allowed: string[]) {
  return (g: G) => {
    const keys = setopKeys(g);
    const n = Number(keys[0]) > 0 && Number(keys[0]) < 10 ? Number(keys[0]) : keys.length - 1;
    return g.call([g.name(name), ...keys, ...setopOptions(g, n, allowed)]);
  };
}

function setopStore(name: string, allowed: string[]) {
  return (g: G) => {
    const keys = setopKeys(g);
    // A shared key may hold a set, whose members can be longer than 64 bytes: a result from one
    // goes to a key that gets no lex range, in case it is a skiplist.
    const fromShared = kind === 'small' && keys.slice(1).some((k) => !SMALL_KEYS.includes(k));
    const dst = kind === 'big' || fromShared ? g.pick(BIG_DEST_KEYS) : sameKind(g);
    const n = Number(keys[0]) > 0 && Number(keys[0]) < 10 ? Number(keys[0]) : keys.length - 1;
    return g.call([g.name(name), dst, ...keys, ...setopOptions(g, n, allowed)]);
  };
}

/** ZMPOP/BZMPOP's tail: numkeys keys... MIN|MAX [COUNT n]. */
function mpopArgs(g: G): string[] {
  const keys = [zkey(g)];
  const n = g.int(1, 3);
  for (let i = 1; i < n; i++) keys.push(sameKind(g));
  const x = g.r.float();
  let numkeys = String(keys.length);
  if (x > 0.88) numkeys = g.pick(['0', '-1', 'abc', String(keys.length + 1), String(keys.length - 1), '']);
  const where = g.chance(0.95) ? g.cased(g.pick(['min', 'max'])) : g.pick(['mid', '', 'MINX']);
  const out = [numkeys, ...keys, where];
  const y = g.r.float();
  if (y < 0.45) out.push(g.cased('count'), popCount(g));
  else if (y < 0.5) out.push(g.cased('count'));
  else if (y < 0.54) out.push(g.cased('count'), '1', g.cased('count'), '2');
  else if (y < 0.57) out.push('FOO');
  return out;
}

export const zsetGens: CommandGen[] = [
  { name: 'zadd', weight: 20, gen: zadd },
  {
    // Bulk loads of the big and lex keys, so they spend most of a sequence past 128 members.
    name: 'zadd', weight: 5,
    gen: (g) => {
      const key = g.chance(0.6) ? zkey(g, 1, 0) : zkey(g, 0, 1);
      return g.call([g.name('zadd'), key, ...(g.chance(0.2) ? zaddFlags(g) : []), ...pairs(g, 20, 60)]);
    },
  },
  { name: 'zincrby', weight: 5, gen: (g) => g.call([g.name('zincrby'), zkey(g), score(g), member(g)]) },
  { name: 'zrem', weight: 5, gen: (g) => g.call([g.name('zrem'), zkey(g), ...members(g, 1, 4)]) },
  { name: 'zcard', weight: 3, gen: (g) => g.call([g.name('zcard'), zkey(g)]) },
  { name: 'zscore', weight: 4, gen: (g) => g.call([g.name('zscore'), zkey(g), member(g)]) },
  { name: 'zmscore', weight: 3, gen: (g) => g.call([g.name('zmscore'), zkey(g), ...members(g, 1, 4)]) },
  { name: 'zrank', weight: 3, gen: (g) => g.call([g.name('zrank'), zkey(g), member(g)]) },
  { name: 'zrevrank', weight: 2, gen: (g) => g.call([g.name('zrevrank'), zkey(g), member(g)]) },
  { name: 'zcount', weight: 4, gen: (g) => g.call([g.name('zcount'), zkey(g), scoreBound(g), scoreBound(g)]) },
  { name: 'zlexcount', weight: 3, gen: (g) => g.call([g.name('zlexcount'), zkey(g), lexBound(g), lexBound(g)]) },
  { name: 'zrange', weight: 12, gen: (g) => g.call([g.name('zrange'), zkey(g), ...zrangeArgs(g, false)]) },
  {
    name: 'zrangestore', weight: 4,
    gen: (g) => {
      const src = zkey(g);
      const dst = kind === 'big' ? g.pick(BIG_DEST_KEYS) : sameKind(g);
      return g.call([g.name('zrangestore'), dst, src, ...zrangeArgs(g, true)]);
    },
  },
  { name: 'zrevrange', weight: 3, gen: (g) => g.call([g.name('zrevrange'), zkey(g), rank(g), rank(g), ...zrangeOptions(g, ['withscores', 'withscores', 'limit', 'rev'])]) },
  { name: 'zrangebyscore', weight: 4, gen: (g) => g.call([g.name('zrangebyscore'), zkey(g), scoreBound(g), scoreBound(g), ...zrangeOptions(g, ['withscores', 'limit', 'limit', 'byscore'])]) },
  { name: 'zrevrangebyscore', weight: 3, gen: (g) => g.call([g.name('zrevrangebyscore'), zkey(g), scoreBound(g), scoreBound(g), ...zrangeOptions(g, ['withscores', 'limit', 'limit', 'rev'])]) },
  { name: 'zrangebylex', weight: 3, gen: (g) => g.call([g.name('zrangebylex'), zkey(g), lexBound(g), lexBound(g), ...zrangeOptions(g, ['limit', 'limit', 'limit', 'withscores', 'bylex'])]) },
  { name: 'zrevrangebylex', weight: 3, gen: (g) => g.call([g.name('zrevrangebylex'), zkey(g), lexBound(g), lexBound(g), ...zrangeOptions(g, ['limit', 'limit', 'limit', 'withscores'])]) },
  { name: 'zremrangebyrank', weight: 2, gen: (g) => g.call([g.name('zremrangebyrank'), zkey(g), rank(g), rank(g)]) },
  { name: 'zremrangebyscore', weight: 2, gen: (g) => g.call([g.name('zremrangebyscore'), zkey(g), scoreBound(g), scoreBound(g)]) },
  { name: 'zremrangebylex', weight: 1.5, gen: (g) => g.call([g.name('zremrangebylex'), zkey(g, 0.05), lexBound(g), lexBound(g)]) },
  { name: 'zpopmin', weight: 3, gen: (g) => g.call([g.name('zpopmin'), zkey(g), ...(g.chance(0.5) ? [popCount(g)] : [])]) },
  { name: 'zpopmax', weight: 3, gen: (g) => g.call([g.name('zpopmax'), zkey(g), ...(g.chance(0.5) ? [popCount(g)] : [])]) },
  { name: 'zmpop', weight: 3, gen: (g) => g.call([g.name('zmpop'), ...mpopArgs(g)]) },
  { name: 'bzpopmin', weight: 1.5, gen: (g) => g.call([g.name('bzpopmin'), zkey(g), ...(g.chance(0.4) ? [sameKind(g)] : []), timeout(g)]) },
  { name: 'bzpopmax', weight: 1.5, gen: (g) => g.call([g.name('bzpopmax'), zkey(g), ...(g.chance(0.4) ? [sameKind(g)] : []), timeout(g)]) },
  { name: 'bzmpop', weight: 1.5, gen: (g) => g.call([g.name('bzmpop'), timeout(g), ...mpopArgs(g)]) },
  { name: 'zrandmember', weight: 4, gen: zrandmember },
  { name: 'zscan', weight: 3, noMulti: true, gen: zscan },
  { name: 'zunion', weight: 3, gen: setop('zunion', ['weights', 'aggregate', 'withscores', 'withscores']) },
  { name: 'zinter', weight: 3, gen: setop('zinter', ['weights', 'aggregate', 'withscores', 'withscores']) },
  { name: 'zdiff', weight: 2, gen: setop('zdiff', ['withscores', 'withscores', 'weights']) },
  { name: 'zintercard', weight: 2, gen: setop('zintercard', ['limit', 'limit', 'withscores']) },
  { name: 'zunionstore', weight: 2.5, gen: setopStore('zunionstore', ['weights', 'aggregate', 'withscores']) },
  { name: 'zinterstore', weight: 2.5, gen: setopStore('zinterstore', ['weights', 'aggregate']) },
  { name: 'zdiffstore', weight: 2, gen: setopStore('zdiffstore', ['weights', 'aggregate']) },
  { name: 'object', sub: 'encoding', weight: 3, gen: (g) => g.call([g.name('object'), 'ENCODING', zkey(g, 0.4, 0.2)]) },
  {
    name: 'copy', weight: 1,
    gen: (g) => {
      const src = zkey(g, 0.4, 0.2);
      return g.call([g.name('copy'), src, sameKind(g), ...(g.chance(0.6) ? [g.cased('replace')] : [])]);
    },
  },
  { name: 'rename', weight: 0.5, gen: (g) => g.call([g.name('rename'), zkey(g, 0.4, 0.2), sameKind(g)]) },
  { name: 'del', weight: 1, gen: (g) => g.call([g.name('del'), zkey(g, 0.3, 0.3)]) },
  { name: 'type', weight: 0.5, gen: (g) => g.call([g.name('type'), zkey(g)]) },
];
