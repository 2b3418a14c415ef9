// Generators for the hash commands (t_hash.c): HSET HSETNX HMSET HGET HMGET HDEL HLEN HSTRLEN
// HEXISTS HGETALL HKEYS HVALS HINCRBY HINCRBYFLOAT HRANDFIELD HSCAN, and OBJECT ENCODING on hashes.
//
// Three kinds of keys, so every reply can be compared as strictly as Redis's determinism allows:
// - the shared keys (g.key()): hashes meet the other types; fields and values are hostile (empty,
//   NUL, 0xff, 63-66 bytes, long), so a hash may be a listpack or a hashtable: replies whose order
//   is the hash table's are compared sorted. Their fields come from a small set, so a hash there
//   has at most about 15 fields, and a negative HRANDFIELD count of several hundred picks all of
//   them (with certainty for the test's purposes).
// - 'hl:1' 'hl:2': only short fields and values (<= 64 bytes) and increments that stay short, so
//   they are always listpacks: HGETALL, HKEYS, HVALS, HSCAN, and HRANDFIELD of the whole hash are
//   compared byte for byte (insertion order, updates in place).
// - 'hb:1' 'hb:2': hundreds of fields written in bulk, so they cross hash-max-listpack-entries
//   (512) and become hashtables.
// HRANDFIELD counts stay clear of Redis's own limits: a count near -2^62 makes redis-server 7.0.15
// allocate until it dies, and arity noise can drop a WITHVALUES that made such a count an error.
import type { Cmp } from './call.js';
import type { CommandGen, G } from './generator.js';
import { fromUtf8 } from '../../src/core/index.js';

const LISTPACK_KEYS = ['hl:1', 'hl:2'];
const BIG_KEYS = ['hb:1', 'hb:2'];

/** Fields of the shared keys: hostile, and few (see the file comment). */
const SHARED_FIELDS = ['f1', 'f2', 'a', '', '\x00', '\xff\x00', 'n', 'x'.repeat(64), 'y'.repeat(65), fromUtf8('поле'), '-0'];
/** Fields of the listpack keys: at most 64 bytes. */
const LISTPACK_FIELDS = ['a', 'b', 'c', '', '\x00', '\xff', 'n', 'x'.repeat(64), fromUtf8('поле'), '1', '-0', 'a\r\nb'];

/** Increments for HINCRBYFLOAT that keep a listpack's values short (no 1e308). */
const SHORT_FLOATS = [
  '1.5', '-0.1', '3e2', '1e-5', '0.1', '17', '-0', '5.', '.5', '3.0000000000000004', '123456789.123456789', '2.5e-3',
  '-1.5E+2', '5e-324', '1e-320', '1e15', 'inf', '-inf', '+inf', 'nan', 'NaN', '0x10', ' 1', '1 ', '', 'abc', '1e', '1e5000',
];

type Kind = 'shared' | 'listpack' | 'big';

let kind: Kind = 'shared';

/** A key for a hash command; `kind` says which of the three sets it came from. */
function hkey(g: G, shared = 0.5, listpack = 0.3): string {
  const x = g.r.float();
  if (x < shared) {
    kind = 'shared';
    return g.key();
  }
  if (x < shared + listpack) {
    kind = 'listpack';
    return g.pick(LISTPACK_KEYS);
  }
  kind = 'big';
  return g.pick(BIG_KEYS);
}

/** A field for the key `hkey` chose last. */
function field(g: G): string {
  if (kind === 'listpack') return g.pick(LISTPACK_FIELDS);
  if (kind === 'big') return g.chance(0.9) ? `f:${g.int(0, 699)}` : g.pick(['', '\x00', 'x'.repeat(65), 'a']);
  return g.pick(SHARED_FIELDS);
}

/** A value for the key `hkey` chose last: around 64 bytes now and then, short on listpack keys. */
function value(g: G): string {
  const x = g.r.float();
  if (kind === 'listpack') {
    if (x < 0.35) return g.ascii(g.int(0, 10));
    if (x < 0.55) return String(g.int(-100, 1000));
    if (x < 0.65) return g.pick(['1.5', '-0', '007', ' 1', '9223372036854775807', '-9223372036854775808', '3e2', '0.1']);
    if (x < 0.75) return g.bytes(g.int(1, 8));
    if (x < 0.85) return 'v'.repeat(g.int(60, 64));
    return g.pick(['', 'value', fromUtf8('日本語'), '\x00', '\xff']);
  }
  if (x < 0.12) return 'v'.repeat(g.int(62, 66));
  if (x < 0.2) return g.pick(['', '\x00', '\xff\xfe']);
  // Numbers an increment overflows: int64 edges, long doubles near their limit, inf and nan.
  if (x < 0.26) return g.pick(['9223372036854775807', '-9223372036854775808', '9223372036854775806', '1e4932', '-1.1e4932', 'inf', '-inf', 'nan', '0x1p3']);
  if (kind === 'big') return x < 0.6 ? String(g.int(0, 99)) : g.ascii(g.int(1, 8));
  return g.value();
}

function pairs(g: G, min: number, max: number): string[] {
  const out: string[] = [];
  const n = g.int(min, max);
  for (let i = 0; i < n; i++) out.push(field(g), value(g));
  return out;
}

/** Field-value pairs for an HSET/HMSET on the key chosen: hundreds at once on the big keys. */
function setPairs(g: G): string[] {
  if (kind === 'big') return pairs(g, g.chance(0.7) ? 60 : 1, g.chance(0.3) ? 300 : 40);
  const out = pairs(g, 1, 4);
  if (g.chance(0.04)) out.push(field(g)); // an odd count: the command's own arity error
  return out;
}

function fields(g: G, min: number, max: number): string[] {
  const out: string[] = [];
  const n = g.int(min, max);
  for (let i = 0; i < n; i++) out.push(field(g));
  return out;
}

/** An integer increment: small, the int64 edges (overflow), or not an integer. */
function increment(g: G): string {
  const x = g.r.float();
  if (x < 0.55) return String(g.int(-50, 50));
  if (x < 0.7) return g.pick(['9223372036854775807', '-9223372036854775808', '1', '-1']);
  return g.integer();
}

function floatIncrement(g: G): string {
  if (kind === 'listpack') return g.pick(SHORT_FLOATS);
  const x = g.r.float();
  if (x < 0.15) return String(g.int(-5, 5));
  if (x < 0.22) return g.pick(['1e4932', '-1e4932', '1.18973149535723176502e+4932', '1e-4950', '1e4933']);
  return g.float();
}

/** The comparison of a reply whose order is the hash's: exact on listpack keys only. */
function ordered(unordered: Cmp): Cmp {
  return kind === 'listpack' ? 'exact' : unordered;
}

/** HRANDFIELD with a count, and the comparison that count allows (see Cmp rand:<flags>). */
function hrandfield(g: G) {
  const key = hkey(g, 0.45, 0.3);
  const withValues = g.chance(0.4);
  const wv = withValues ? [g.cased('withvalues')] : [];
  const v = withValues ? 'v' : '';
  const x = g.r.float();
  // One pick (arity noise may add a count of 1: still one distinct pick).
  if (x < 0.12) return g.call([g.name('hrandfield'), key], 'rand:u');
  if (x < 0.3) {
    // Positive and small: distinct picks.
    const n = kind === 'big' ? g.int(1, 600) : g.int(1, 6);
    return g.call([g.name('hrandfield'), key, String(n), ...wv], `rand:u${v}`);
  }
  if (x < 0.45) {
    // Covers the hash: all of it, in the hash's order (exact on a listpack key).
    const n = kind === 'big' ? g.pick(['100000', '9223372036854775807']) : g.pick(['20', '50', '1000', '9223372036854775807']);
    // (LONG_MAX WITHVALUES is out of range; the comparison still holds if arity noise drops WITHVALUES.)
    return g.call([g.name('hrandfield'), key, n, ...wv], kind === 'listpack' ? 'rand:x' : `rand:uc${v}`);
  }
  if (x < 0.7) {
    // Negative: picks with repetition.
    return g.call([g.name('hrandfield'), key, String(-g.int(1, 12)), ...wv], `rand:${v}`);
  }
  if (x < 0.82 && kind !== 'big') {
    // Many more picks than fields: every field turns up on both sides.
    return g.call([g.name('hrandfield'), key, String(-g.int(400, 600)), ...wv], `rand:c${v}`);
  }
  const bad = g.pick([
    ['0'], ['0', 'WITHVALUES'], ['abc'], ['1.5'], [''], [' 1'], ['-9223372036854775808'], ['-9223372036854775808', 'WITHVALUES'],
    ['9223372036854775808'], ['4611686018427387904', 'WITHVALUES'], ['5', 'WITHVALUE'], ['5', 'WITHVALUES', 'x'], ['-3', 'foo'], ['1', ''],
  ]);
  // Errors are compared byte for byte under rand: too; a WITHVALUES lost to arity noise makes picks.
  return g.call([g.name('hrandfield'), key, ...bad], 'rand:');
}

/** HSCAN: whole pages where both sides must end in one call, else the shape of a page. */
function hscan(g: G) {
  const key = hkey(g, 0.45, 0.3);
  const opts: string[] = [];
  const n = g.pick([0, 0, 1, 1, 2]);
  for (let i = 0; i < n; i++) {
    if (g.chance(0.5)) opts.push(g.cased('match'), g.chance(0.5) ? g.pattern() : g.pick(['f:1*', '*1', 'f:[0-9]', 'a*', '\x00*', '?']));
    else opts.push(g.cased('count'), g.pick(['1', '3', '10', '100']));
  }
  const x = g.r.float();
  if (x < 0.85) {
    if (kind === 'big' && g.chance(0.6)) opts.push('COUNT', '100000'); // one page on both sides
    // A cursor we never handed out: a listpack ignores it. (A hashtable would start from one of
    // Redis's buckets, and ours a fresh iteration: nothing to compare, so not sent there.)
    if (kind === 'listpack' && g.chance(0.15)) {
      return g.call([g.name('hscan'), key, g.pick(['1', '17', '18446744073709551615', '-1']), ...opts]);
    }
    return g.call([g.name('hscan'), key, '0', ...opts], kind === 'listpack' ? 'exact' : 'scan-page');
  }
  const bad = g.pick([
    ['abc'], [' 1'], ['1.5'], ['0x1'], ['18446744073709551616'], ['0', 'COUNT', '0'], ['0', 'COUNT', '-1'], ['0', 'COUNT', 'abc'],
    ['0', 'MATCH'], ['0', 'FOO', 'bar'], ['0', 'COUNT'], ['0', 'TYPE', 'hash'], ['0', 'NOVALUES'],
  ]);
  return g.call([g.name('hscan'), key, ...bad], 'scan-page');
}

export const hashGens: CommandGen[] = [
  { name: 'hset', weight: 14, gen: (g) => { const key = hkey(g); return g.call([g.name('hset'), key, ...setPairs(g)]); } },
  { name: 'hmset', weight: 4, gen: (g) => { const key = hkey(g); return g.call([g.name('hmset'), key, ...setPairs(g)]); } },
  { name: 'hsetnx', weight: 5, gen: (g) => { const key = hkey(g); return g.call([g.name('hsetnx'), key, field(g), value(g)]); } },
  { name: 'hget', weight: 8, gen: (g) => { const key = hkey(g); return g.call([g.name('hget'), key, field(g)]); } },
  { name: 'hmget', weight: 5, gen: (g) => { const key = hkey(g); return g.call([g.name('hmget'), key, ...fields(g, 1, 5)]); } },
  {
    name: 'hdel', weight: 8,
    gen: (g) => {
      const key = hkey(g);
      return g.call([g.name('hdel'), key, ...(kind === 'big' && g.chance(0.5) ? fields(g, 20, 250) : fields(g, 1, 4))]);
    },
  },
  { name: 'hlen', weight: 4, gen: (g) => g.call([g.name('hlen'), hkey(g)]) },
  { name: 'hstrlen', weight: 4, gen: (g) => { const key = hkey(g); return g.call([g.name('hstrlen'), key, field(g)]); } },
  { name: 'hexists', weight: 4, gen: (g) => { const key = hkey(g); return g.call([g.name('hexists'), key, field(g)]); } },
  { name: 'hgetall', weight: 5, gen: (g) => { const key = hkey(g); return g.call([g.name('hgetall'), key], ordered('pairs')); } },
  { name: 'hkeys', weight: 3, gen: (g) => { const key = hkey(g); return g.call([g.name('hkeys'), key], ordered('sorted')); } },
  { name: 'hvals', weight: 3, gen: (g) => { const key = hkey(g); return g.call([g.name('hvals'), key], ordered('sorted')); } },
  { name: 'hincrby', weight: 7, gen: (g) => { const key = hkey(g); return g.call([g.name('hincrby'), key, field(g), increment(g)]); } },
  {
    name: 'hincrbyfloat', weight: 7,
    gen: (g) => { const key = hkey(g); return g.call([g.name('hincrbyfloat'), key, field(g), floatIncrement(g)]); },
  },
  { name: 'hrandfield', weight: 8, gen: hrandfield },
  { name: 'hscan', weight: 4, gen: hscan },
  {
    // A whole iteration, page by page with a small COUNT (a hashtable's cursors are ours).
    name: 'hscan', weight: 3, noMulti: true,
    gen: (g) => {
      const key = hkey(g, 0.4, 0.1);
      const opts = g.chance(0.3) ? [g.cased('match'), g.pick(['f:1*', '*1', 'f:[0-9]', 'a*', '*'])] : [];
      opts.push(g.cased('count'), g.pick(['1', '5', '10', '50']));
      return g.call([g.name('hscan'), key, '0', ...opts], 'exact', 'scanAll');
    },
  },
  { name: 'object', sub: 'encoding', weight: 5, gen: (g) => g.call([g.name('object'), g.name('encoding'), hkey(g, 0.4, 0.2)]) },
  { name: 'type', weight: 1, gen: (g) => g.call([g.name('type'), hkey(g)]) },
];
