// Generators for the set commands (t_set.c): SADD SREM SMOVE SISMEMBER SMISMEMBER SCARD SPOP
// SRANDMEMBER SMEMBERS SINTER SINTERCARD SINTERSTORE SUNION SUNIONSTORE SDIFF SDIFFSTORE SSCAN, and
// OBJECT ENCODING on sets.
//
// Three kinds of keys, so every reply is compared as strictly as Redis's determinism allows:
// - the shared keys (g.key()): sets meet the other types; members are hostile (integers near the
//   int64 limits and past them, "+1", "01", "-0", " 1", "", NUL, 0xff, floats, long ones), so a
//   set there may be an intset or a hashtable: replies in the set's order are compared sorted.
//   Their members come from a small pool (at most ~30 per set), so several hundred SRANDMEMBER
//   picks with repetition cover every member (with certainty for the test's purposes).
// - 'si:1' 'si:2' 'si:3': only canonical integers ever go in (SADD, SMOVE and the STORE forms
//   write them only what keeps them integers), so they are always intsets and their replies
//   (SMEMBERS, SSCAN, SDIFF from one of them) are compared byte for byte: ascending.
//   Non-canonical spellings are still asked about (SISMEMBER, SREM, SMISMEMBER). Arity noise may
//   append a member ('x', '', 'EX') to an SADD: each SADD there is followed by the SREM of those
//   and an SUNIONSTORE of the key onto itself, which rebuilds it as Redis would (an intset again).
// - 'sb:1' 'sb:2': hundreds of integer members written in bulk, so they cross
//   set-max-intset-entries (512) and become hashtables, now and then by a non-integer too.
// 'se:1' is rebuilt around the threshold (512 integers) and its encoding asked.
// SPOP picks at random, so it runs on a COPY of a key ('sp:tmp', same encoding), followed by what
// is deterministic after it (its size, its union with the original) and its deletion; a SPOP whose
// count covers the set runs on the key itself, followed by a DEL in case arity noise dropped the
// count. SRANDMEMBER counts stay far from -2^63: redis-server 7.0.15 allocates until it dies.
import type { Cmp } from './call.js';
import type { CommandGen, G } from './generator.js';
import { fromUtf8 } from '../../src/core/index.js';
import { isLongLong } from '../../src/core/bytes.js';

const INT_KEYS = ['si:1', 'si:2', 'si:3'];
const BIG_KEYS = ['sb:1', 'sb:2'];
/** Where SPOP pops (a copy of the key it was given). */
const SPOP_KEY = 'sp:tmp';

/** Members of the shared keys: hostile, and few (see the file comment). */
const SHARED_MEMBERS = [
  '1', '2', '3', '-1', '0', '10', '-0', '+1', '01', ' 1', '1 ', '', 'a', 'b', '\x00', '\xff', 'x\x00y',
  '9223372036854775807', '-9223372036854775808', '9223372036854775808', '-9223372036854775809', '9007199254740993',
  '18446744073709551615', '1.5', '1e3', fromUtf8('ü'), 'x'.repeat(70),
];

/** Canonical integers (string2ll accepts them): the members of the intset keys. */
const INT_MEMBERS = [
  '0', '1', '2', '3', '5', '7', '10', '42', '100', '-1', '-2', '-100', '1000000', '9223372036854775807', '-9223372036854775808',
  '9223372036854775806', '-9223372036854775807', '9007199254740991', '9007199254740992', '9007199254740993', '-9007199254740993',
  '4294967296', '2147483647', '-2147483648', '123456789012345678',
];

/** Spellings an intset must not find: not canonical, or past int64. */
const NOT_CANONICAL = ['01', '+1', '-0', ' 1', '1 ', '1.0', '9223372036854775808', '-9223372036854775809', '', 'a', '0x1'];

type Kind = 'shared' | 'int' | 'big';

let kind: Kind = 'shared';

/** A key for a set command; `kind` says which of the three sets it came from. */
function skey(g: G, shared = 0.45, int = 0.35): string {
  const x = g.r.float();
  if (x < shared) {
    kind = 'shared';
    return g.key();
  }
  if (x < shared + int) {
    kind = 'int';
    return g.pick(INT_KEYS);
  }
  kind = 'big';
  return g.pick(BIG_KEYS);
}

/** A member to write into a key of `k`. */
function member(g: G, k: Kind = kind): string {
  if (k === 'int') return g.chance(0.6) ? g.pick(INT_MEMBERS) : String(g.int(-20, 20));
  if (k === 'big') return g.chance(0.98) ? String(g.int(0, 699)) : g.pick(['a', '', '01', 'x'.repeat(70)]);
  return g.pick(SHARED_MEMBERS);
}

/** A member to look for or remove: on intset keys, non-canonical spellings too. */
function probe(g: G): string {
  if (kind === 'int' && g.chance(0.25)) return g.pick(NOT_CANONICAL);
  return member(g);
}

function members(g: G, min: number, max: number, f: (g: G) => string = member): string[] {
  const out: string[] = [];
  const n = g.int(min, max);
  for (let i = 0; i < n; i++) out.push(f(g));
  return out;
}

/** Members for an SADD on the key chosen: hundreds at once on the big keys. */
function addMembers(g: G): string[] {
  if (kind === 'big') return members(g, g.chance(0.7) ? 60 : 1, g.chance(0.3) ? 300 : 40);
  return members(g, 1, 5);
}

/** The comparison of a reply in a set's order: byte for byte when only intset keys were read. */
function ordered(allInt: boolean): Cmp {
  return allInt ? 'exact' : 'sorted';
}

/**
 * Keys for SINTER/SUNION/SDIFF and their STORE forms: two to five, with missing keys and keys of
 * other types now and then; `allInt` when every one is an intset key.
 */
function sourceKeys(g: G, min = 1, max = 5): { keys: string[]; allInt: boolean; firstInt: boolean; big: boolean } {
  const n = g.int(min, max);
  const onlyInt = g.chance(0.3);
  const keys: string[] = [];
  let allInt = true;
  for (let i = 0; i < n; i++) {
    const k = onlyInt ? g.pick(INT_KEYS) : skey(g, 0.5, 0.3);
    if (!INT_KEYS.includes(k)) allInt = false;
    keys.push(k);
  }
  if (g.chance(0.1)) {
    keys.splice(g.int(0, keys.length), 0, g.pick(['nosuch', 'nosuch:2']));
    allInt = false;
  }
  return { keys, allInt, firstInt: INT_KEYS.includes(keys[0]), big: keys.some((k) => BIG_KEYS.includes(k)) };
}

/**
 * The destination of a STORE form: an intset key only when the result is sure to hold integers
 * only (`intsOnly`), so those keys stay intsets; a shared key only when no big key is read, so
 * sets there stay small; else a big or dedicated key.
 */
function storeKey(g: G, src: { big: boolean }, intsOnly: boolean): string {
  if (intsOnly && g.chance(0.2)) return g.pick(INT_KEYS);
  return g.chance(0.5) && !src.big ? g.key() : g.pick(['sd:1', 'sd:2', ...BIG_KEYS]);
}

/**
 * After a STORE: the result's encoding and members (deterministic: Redis builds it from an
 * intset). `intResult`: the result holds integers only, so it is an intset, in ascending order;
 * compared so on an intset key (which stays one if the STORE fails).
 */
function inspectStore(g: G, dst: string, intResult: boolean): void {
  if (g.chance(0.5)) g.followUps.push(g.call([g.name('object'), g.name('encoding'), dst]));
  if (g.chance(0.4)) g.followUps.push(g.call([g.name('smembers'), dst], ordered(intResult && INT_KEYS.includes(dst))));
}

/** SRANDMEMBER: one pick, distinct picks, picks with repetition, the whole set, or bad counts. */
function srandmember(g: G) {
  const key = skey(g);
  const x = g.r.float();
  if (x < 0.15) return g.call([g.name('srandmember'), key], 'rand:u');
  if (x < 0.35) {
    const n = kind === 'big' ? g.int(1, 600) : g.int(1, 6);
    return g.call([g.name('srandmember'), key, String(n)], 'rand:u');
  }
  if (x < 0.5) {
    // Covers the set: all of it.
    return g.call([g.name('srandmember'), key, g.pick(['100000', '9223372036854775807'])], 'rand:uc');
  }
  if (x < 0.72) return g.call([g.name('srandmember'), key, String(-g.int(1, 12))], 'rand:');
  if (x < 0.85 && kind !== 'big') {
    // Many more picks than members (a few hundred at most): every member turns up on both sides.
    return g.call([g.name('srandmember'), key, String(-g.int(4000, 6000))], 'rand:c');
  }
  const bad = g.pick([
    ['0'], ['-0'], ['abc'], ['1.5'], [''], [' 1'], ['+1'], ['-9223372036854775808'], ['9223372036854775808'], ['5', 'x'], ['-3', 'foo'],
  ]);
  return g.call([g.name('srandmember'), key, ...bad], 'rand:');
}

/** SPOP on a copy of a key (see the file comment), then what is deterministic after it. */
function spopOnCopy(g: G) {
  const key = skey(g);
  const x = g.r.float();
  let args: string[];
  let cmp: Cmp = 'rand:u';
  if (x < 0.3) args = [];
  else if (x < 0.75) args = [String(kind === 'big' ? g.int(1, 700) : g.int(1, 8))];
  else if (x < 0.85) {
    args = [g.pick(['100000', '9223372036854775807'])];
    cmp = 'rand:uc';
  } else args = [g.pick(['0', '-1', 'abc', '1.5', '9223372036854775808', '-9223372036854775808', '', ' 1']), ...(g.chance(0.2) ? ['x'] : [])];
  g.followUps.push(g.call([g.name('spop'), SPOP_KEY, ...args], cmp));
  g.followUps.push(g.call([g.name('scard'), SPOP_KEY]));
  // What is left is a subset of the original: their union is the original.
  if (g.chance(0.6)) g.followUps.push(g.call([g.name('sunion'), key, SPOP_KEY], ordered(kind === 'int')));
  // An intset key's copy stays an intset whatever was popped (a new set for case 3 holds integers).
  if (kind === 'int' && g.chance(0.5)) g.followUps.push(g.call([g.name('object'), g.name('encoding'), SPOP_KEY]));
  g.followUps.push(g.call([g.name('del'), SPOP_KEY]));
  return g.call([g.name('copy'), key, SPOP_KEY, g.cased('replace')]);
}

/** SPOP on the key itself: a count that covers the set, or zero; then DEL in case noise dropped it. */
function spopDirect(g: G) {
  const key = skey(g);
  const count = g.pick(['100000', '9223372036854775807', '1000', '0']);
  g.followUps.push(g.call([g.name('del'), key]));
  return g.call([g.name('spop'), key, count], 'rand:uc');
}

/** SINTERCARD numkeys key... [LIMIT n], with hostile numkeys and limits. */
function sintercard(g: G) {
  const { keys } = sourceKeys(g);
  const x = g.r.float();
  let numkeys = String(keys.length);
  if (x < 0.12) numkeys = g.pick(['0', '-1', 'abc', '', '9223372036854775807', '9223372036854775808', String(keys.length + 1), '01']);
  else if (x < 0.2) numkeys = String(g.int(1, keys.length));
  const opts: string[] = [];
  const y = g.r.float();
  if (y < 0.4) opts.push(g.cased('limit'), g.pick(['0', '1', '2', '3', '5', '100', '9223372036854775807']));
  else if (y < 0.5) opts.push(...g.pick([['LIMIT'], ['LIMIT', '-1'], ['LIMIT', 'abc'], ['FOO'], ['LIMIT', '1', 'LIMIT', '2'], ['LIMIT', '9223372036854775808']]));
  return g.call([g.name('sintercard'), numkeys, ...keys, ...opts]);
}

/** SSCAN: an intset answers whole (compared byte for byte); a hashtable is iterated to the end. */
function sscan(g: G) {
  const key = skey(g, 0.4, 0.35);
  const opts: string[] = [];
  const n = g.pick([0, 0, 1, 1, 2]);
  for (let i = 0; i < n; i++) {
    if (g.chance(0.5)) opts.push(g.cased('match'), g.chance(0.5) ? g.pattern() : g.pick(['1*', '*1', '-*', '[0-4]*', '9*', '?', '*\\x*']));
    else opts.push(g.cased('count'), g.pick(['1', '3', '10', '100']));
  }
  const x = g.r.float();
  if (x < 0.8) {
    if (kind === 'int') {
      // An intset ignores the cursor: one whole page whatever it says.
      const cursor = g.chance(0.2) ? g.pick(['1', '17', '18446744073709551615', '-1']) : '0';
      return g.call([g.name('sscan'), key, cursor, ...opts]);
    }
    if (g.inMulti) return g.call([g.name('scard'), key]);
    return g.call([g.name('sscan'), key, '0', ...opts], 'exact', 'scanAll');
  }
  const bad = g.pick([
    ['abc'], [' 1'], ['1.5'], ['0x1'], ['18446744073709551616'], ['0', 'COUNT', '0'], ['0', 'COUNT', '-1'], ['0', 'COUNT', 'abc'],
    ['0', 'MATCH'], ['0', 'FOO', 'bar'], ['0', 'COUNT'], ['0', 'TYPE', 'set'], ['0', 'NOVALUES'],
  ]);
  return g.call([g.name('sscan'), key, ...bad], 'scan-page');
}

/** SMOVE: mostly within one kind of key; into an intset key only an integer member. */
function smove(g: G) {
  const src = skey(g);
  const srcKind = kind;
  let dst = skey(g);
  let m = g.chance(0.7) ? member(g, srcKind) : probe(g);
  if (kind === 'int' && !isLongLong(m)) {
    if (g.chance(0.5)) m = g.pick(INT_MEMBERS);
    else dst = g.pick(['sd:1', 'sd:2', 'nosuch']);
  }
  // Members of the big keys stay among the big keys, so the shared ones stay small.
  if (srcKind === 'big' && kind === 'shared') dst = g.pick([...BIG_KEYS, 'sd:1']);
  if (g.chance(0.08)) dst = src;
  return g.call([g.name('smove'), src, dst, m]);
}

/**
 * Around set-max-intset-entries: 'se:1' rebuilt with 508..516 consecutive integers (and maybe one
 * more, or one less), then its encoding and size.
 */
function aroundThreshold(g: G) {
  const key = 'se:1';
  const n = g.int(508, 516);
  const ints: string[] = [];
  for (let i = 0; i < n; i++) ints.push(String(i - 3));
  g.followUps.push(g.call([g.name('sadd'), key, ...ints]));
  if (g.chance(0.3)) g.followUps.push(g.call([g.name('srem'), key, String(g.int(-3, 10))]));
  if (g.chance(0.3)) g.followUps.push(g.call([g.name('sadd'), key, g.chance(0.8) ? String(g.int(505, 520)) : 'a']));
  g.followUps.push(g.call([g.name('object'), g.name('encoding'), key]));
  if (g.chance(0.5)) g.followUps.push(g.call([g.name('smembers'), key], 'sorted'));
  return g.call([g.name('del'), key]);
}

export const setGens: CommandGen[] = [
  { name: 'del', weight: 1, gen: aroundThreshold },
  {
    name: 'sadd', weight: 16,
    gen: (g) => {
      const key = skey(g);
      if (kind === 'int') g.followUps.push(g.call([g.name('srem'), key, 'x', '', 'EX']), g.call([g.name('sunionstore'), key, key]));
      return g.call([g.name('sadd'), key, ...addMembers(g)]);
    },
  },
  {
    name: 'srem', weight: 8,
    gen: (g) => {
      const key = skey(g);
      return g.call([g.name('srem'), key, ...(kind === 'big' && g.chance(0.5) ? members(g, 20, 250, probe) : members(g, 1, 4, probe))]);
    },
  },
  { name: 'smove', weight: 6, gen: smove },
  { name: 'sismember', weight: 6, gen: (g) => { const key = skey(g); return g.call([g.name('sismember'), key, probe(g)]); } },
  { name: 'smismember', weight: 5, gen: (g) => { const key = skey(g); return g.call([g.name('smismember'), key, ...members(g, 1, 6, probe)]); } },
  { name: 'scard', weight: 5, gen: (g) => g.call([g.name('scard'), skey(g)]) },
  { name: 'smembers', weight: 6, gen: (g) => { const key = skey(g); return g.call([g.name('smembers'), key], ordered(kind === 'int')); } },
  { name: 'srandmember', weight: 8, gen: srandmember },
  { name: 'copy', weight: 6, gen: spopOnCopy },
  { name: 'spop', weight: 1.5, gen: spopDirect },
  {
    name: 'sinter', weight: 5,
    gen: (g) => {
      // Sorted even over intset keys: arity noise may append the key '' (a hashtable, maybe the
      // smallest set, whose order the reply would take).
      const { keys } = sourceKeys(g);
      return g.call([g.name('sinter'), ...keys], 'sorted');
    },
  },
  { name: 'sintercard', weight: 5, gen: sintercard },
  {
    name: 'sinterstore', weight: 5,
    gen: (g) => {
      const src = sourceKeys(g);
      // An intersection with an intset key holds integers only (the first one: arity noise may
      // drop the keys after it).
      const dst = storeKey(g, src, src.firstInt);
      inspectStore(g, dst, src.firstInt);
      return g.call([g.name('sinterstore'), dst, ...src.keys]);
    },
  },
  {
    name: 'sunion', weight: 5,
    gen: (g) => {
      // Sorted even over intset keys: arity noise may append the key '' (any members). SDIFF checks
      // the order of a result built as an intset.
      const { keys } = sourceKeys(g);
      return g.call([g.name('sunion'), ...keys], 'sorted');
    },
  },
  {
    name: 'sunionstore', weight: 5,
    gen: (g) => {
      const src = sourceKeys(g);
      // Never into an intset key: arity noise may append a key of any members.
      const dst = storeKey(g, src, false);
      inspectStore(g, dst, src.allInt);
      return g.call([g.name('sunionstore'), dst, ...src.keys]);
    },
  },
  {
    name: 'sdiff', weight: 5,
    gen: (g) => {
      const { keys, firstInt } = sourceKeys(g);
      // Built from an intset holding the first key's integers: ascending.
      return g.call([g.name('sdiff'), ...keys], ordered(firstInt));
    },
  },
  {
    name: 'sdiffstore', weight: 5,
    gen: (g) => {
      const src = sourceKeys(g);
      const dst = storeKey(g, src, src.firstInt);
      inspectStore(g, dst, src.firstInt);
      return g.call([g.name('sdiffstore'), dst, ...src.keys]);
    },
  },
  { name: 'sscan', weight: 5, gen: sscan },
  { name: 'object', sub: 'encoding', weight: 6, gen: (g) => g.call([g.name('object'), g.name('encoding'), skey(g, 0.4, 0.2)]) },
  { name: 'type', weight: 1, gen: (g) => g.call([g.name('type'), skey(g)]) },
];
