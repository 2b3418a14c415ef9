// Generators for the string commands (t_string.c): GET SET and its options, the SET variants,
// GETEX GETDEL, MGET MSET MSETNX, APPEND STRLEN SETRANGE GETRANGE SUBSTR, INCR and friends, LCS.
import type { CommandGen, G } from './generator.js';

/** SET's options, a few at a time, including conflicting, repeated, malformed and unknown ones. */
function setOptions(g: G, key: string): string[] {
  const out: string[] = [];
  const n = g.pick([0, 0, 1, 1, 1, 2, 2, 3]);
  for (let i = 0; i < n; i++) {
    const x = g.r.float();
    if (x < 0.14) out.push(g.cased('nx'));
    else if (x < 0.28) out.push(g.cased('xx'));
    else if (x < 0.42) out.push(g.cased('get'));
    else if (x < 0.56) out.push(g.cased('ex'), g.seconds(false));
    else if (x < 0.68) out.push(g.cased('px'), g.millis(key, false));
    else if (x < 0.76) out.push(g.cased('exat'), g.unixSeconds(key, true));
    else if (x < 0.84) out.push(g.cased('pxat'), g.unixMillis(key, true));
    else if (x < 0.94) out.push(g.cased('keepttl'));
    else if (x < 0.97) out.push(g.cased('ex')); // EX without its value
    else out.push(g.pick(['FOO', 'E X', 'PERSIST', '']));
  }
  return out;
}

/** GETEX's options: one mostly, sometimes two (a syntax error) or a malformed one. */
function getexOptions(g: G, key: string): string[] {
  const one = (): string[] => {
    const x = g.r.float();
    if (x < 0.22) return [g.cased('ex'), g.seconds(false)];
    if (x < 0.42) return [g.cased('px'), g.millis(key, false)];
    if (x < 0.56) return [g.cased('exat'), g.unixSeconds(key, true)];
    if (x < 0.7) return [g.cased('pxat'), g.unixMillis(key, true)];
    if (x < 0.9) return [g.cased('persist')];
    if (x < 0.95) return [g.cased('px')];
    return [g.pick(['KEEPTTL', 'NX', 'FOO'])];
  };
  const n = g.pick([0, 1, 1, 1, 1, 2]);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(...one());
  return out;
}

/** A key and a value for it, with the value's length noted for LCS's bound. */
function kv(g: G): [string, string] {
  const key = g.key();
  const value = g.value();
  g.wrote(key, value.length);
  return [key, value];
}

function pairs(g: G, min: number, max: number): string[] {
  const out: string[] = [];
  const n = g.int(min, max);
  for (let i = 0; i < n; i++) out.push(...kv(g));
  if (g.chance(0.05)) out.push(g.key()); // odd count: MSET's own arity error
  return out;
}

/** LCS's options: LEN, IDX, MINMATCHLEN n, WITHMATCHLEN in any mix. */
function lcsOptions(g: G): string[] {
  const out: string[] = [];
  const n = g.pick([0, 0, 1, 1, 2, 3]);
  for (let i = 0; i < n; i++) {
    const x = g.r.float();
    if (x < 0.3) out.push(g.cased('len'));
    else if (x < 0.6) out.push(g.cased('idx'));
    else if (x < 0.8) out.push(g.cased('minmatchlen'), g.pick(['0', '1', '2', '3', '-1', 'abc', '100']));
    else if (x < 0.97) out.push(g.cased('withmatchlen'));
    else out.push('FOO');
  }
  return out;
}

export const stringGens: CommandGen[] = [
  {
    name: 'get', weight: 12,
    gen: (g) => (g.usePool(), g.call([g.name('get'), g.key()])),
  },
  {
    name: 'set', weight: 22,
    gen: (g) => {
      g.usePool();
      const [key, value] = kv(g);
      return g.call([g.name('set'), key, value, ...setOptions(g, key)]);
    },
  },
  { name: 'setnx', weight: 4, gen: (g) => (g.usePool(), g.call([g.name('setnx'), ...kv(g)])) },
  {
    name: 'setex', weight: 4,
    gen: (g) => {
      const [key, value] = kv(g);
      return g.call([g.name('setex'), key, g.seconds(false), value]);
    },
  },
  {
    name: 'psetex', weight: 4,
    gen: (g) => {
      const [key, value] = kv(g);
      return g.call([g.name('psetex'), key, g.millis(key, false), value]);
    },
  },
  { name: 'getset', weight: 4, gen: (g) => (g.usePool(), g.call([g.name('getset'), ...kv(g)])) },
  { name: 'getdel', weight: 4, gen: (g) => (g.usePool(), g.call([g.name('getdel'), g.key()])) },
  {
    name: 'getex', weight: 6,
    gen: (g) => {
      const key = g.key();
      return g.call([g.name('getex'), key, ...getexOptions(g, key)]);
    },
  },
  { name: 'mget', weight: 5, gen: (g) => (g.usePool(0.03), g.call([g.name('mget'), ...g.keys(1, 5)])) },
  { name: 'mset', weight: 5, gen: (g) => (g.usePool(0.03), g.call([g.name('mset'), ...pairs(g, 1, 4)])) },
  { name: 'msetnx', weight: 4, gen: (g) => (g.usePool(0.03), g.call([g.name('msetnx'), ...pairs(g, 1, 3)])) },
  {
    name: 'append', weight: 7,
    gen: (g) => {
      g.usePool(0.1);
      const key = g.key();
      const value = g.value();
      g.grew(key, value.length);
      return g.call([g.name('append'), key, value]);
    },
  },
  { name: 'strlen', weight: 5, gen: (g) => (g.usePool(), g.call([g.name('strlen'), g.key()])) },
  {
    name: 'setrange', weight: 6,
    gen: (g) => {
      g.usePool();
      // Offsets stay small or past the 512 MB limit: a valid offset near it would allocate 512 MB.
      const key = g.key();
      const off = g.chance(0.9) ? String(g.int(0, 120)) : g.pick(['-1', '536870912', '9223372036854775807', 'abc', '', '1.5']);
      const value = g.chance(0.1) ? '' : g.value();
      if (Number(off) < 1000) g.wrote(key, Number(off) + value.length);
      return g.call([g.name('setrange'), key, off, value]);
    },
  },
  { name: 'getrange', weight: 6, gen: (g) => (g.usePool(), g.call([g.name('getrange'), g.key(), g.index(), g.index()])) },
  { name: 'substr', weight: 3, gen: (g) => (g.usePool(), g.call([g.name('substr'), g.key(), g.index(), g.index()])) },
  { name: 'incr', weight: 6, gen: (g) => g.call([g.name('incr'), g.key()]) },
  { name: 'decr', weight: 5, gen: (g) => g.call([g.name('decr'), g.key()]) },
  { name: 'incrby', weight: 6, gen: (g) => g.call([g.name('incrby'), g.key(), g.integer()]) },
  { name: 'decrby', weight: 5, gen: (g) => g.call([g.name('decrby'), g.key(), g.integer()]) },
  {
    name: 'incrbyfloat', weight: 7,
    gen: (g) => {
      const key = g.key();
      g.wrote(key, 64);
      return g.call([g.name('incrbyfloat'), key, g.float()]);
    },
  },
  {
    // LCS stays on the normal keys and on small values: its table is len(a) * len(b) cells.
    name: 'lcs', weight: 5,
    gen: (g) => {
      let a = g.key();
      let b = g.key();
      if (g.lenOf(a) * g.lenOf(b) > 4_000_000) {
        if (g.lenOf(a) >= g.lenOf(b)) a = 'lcs:none';
        else b = 'lcs:none';
      }
      return g.call([g.name('lcs'), a, b, ...lcsOptions(g)]);
    },
  },
];
