// Generators for the bitmap commands (bitops.c): SETBIT GETBIT BITCOUNT BITPOS BITOP BITFIELD
// BITFIELD_RO. Offsets that would be written stay small (a valid huge one allocates 512 MB on both
// sides); reads go anywhere.
import type { CommandGen, G } from './generator.js';

/** A bit offset that SETBIT may write. */
function writeOffset(g: G): string {
  const x = g.r.float();
  if (x < 0.85) return String(g.int(0, 200));
  if (x < 0.92) return String(g.int(200, 10_000));
  return g.pick(['-1', '4294967296', '9223372036854775807', 'abc', '', '1.5', ' 1']);
}

/** A bit offset for reads: anything. */
function readOffset(g: G): string {
  return g.chance(0.85) ? String(g.int(0, 300)) : g.pick(['4294967295', '4294967296', '-1', 'abc', '9223372036854775807']);
}

function range(g: G): string[] {
  const n = g.pick([0, 0, 1, 2, 2, 2, 3, 3, 4]);
  if (n === 0) return [];
  if (n === 1) return [g.index()]; // start without end: a syntax error
  const out = [g.index(), g.index()];
  if (n >= 3) out.push(g.chance(0.85) ? g.cased(g.pick(['byte', 'bit'])) : g.pick(['BITS', 'FOO', '']));
  if (n === 4) out.push('extra');
  return out;
}

const TYPES_OK = ['i1', 'i8', 'u8', 'i16', 'u16', 'i5', 'u3', 'i32', 'u32', 'i63', 'u63', 'i64', 'u1'];
const TYPES_BAD = ['u64', 'i65', 'i0', 'u0', 'x8', 'i', '', 'I8', 'U8', 'i-1', 'u 8'];

function bfType(g: G): string {
  return g.chance(0.9) ? g.pick(TYPES_OK) : g.pick(TYPES_BAD);
}

/** A BITFIELD offset: bits, or '#n' counted in units of the type's width. */
function bfOffset(g: G, key: string): string {
  const x = g.r.float();
  if (x < 0.55) {
    const off = g.int(0, 300);
    g.wrote(key, (off >> 3) + 8);
    return String(off);
  }
  if (x < 0.9) {
    const n = g.int(0, 20);
    g.wrote(key, n * 8 + 8);
    return '#' + n;
  }
  return g.pick(['-1', '#-1', 'abc', '#', '4294967296', '#abc', '']);
}

function bitfieldOps(g: G, key: string, readOnly: boolean): string[] {
  const out: string[] = [];
  const n = g.pick([0, 1, 1, 2, 2, 3, 4]);
  for (let i = 0; i < n; i++) {
    const x = g.r.float();
    if (x < 0.35 || (readOnly && x < 0.9)) out.push(g.cased('get'), bfType(g), bfOffset(g, key));
    else if (x < 0.6) out.push(g.cased('set'), bfType(g), bfOffset(g, key), g.integer());
    else if (x < 0.8) out.push(g.cased('incrby'), bfType(g), bfOffset(g, key), g.integer());
    else if (x < 0.93) out.push(g.cased('overflow'), g.chance(0.9) ? g.cased(g.pick(['wrap', 'sat', 'fail'])) : 'FOO');
    else out.push(g.pick(['GET', 'SET', 'FOO', 'INCRBY']));
  }
  return out;
}

export const bitmapGens: CommandGen[] = [
  {
    name: 'setbit', weight: 8,
    gen: (g) => {
      const key = g.key();
      const off = writeOffset(g);
      if (Number(off) <= 10_000) g.wrote(key, (Number(off) >> 3) + 1);
      return g.call([g.name('setbit'), key, off, g.chance(0.9) ? g.pick(['0', '1']) : g.pick(['2', '-1', 'abc', '', '01'])]);
    },
  },
  { name: 'getbit', weight: 6, gen: (g) => (g.usePool(), g.call([g.name('getbit'), g.key(), readOffset(g)])) },
  { name: 'bitcount', weight: 7, gen: (g) => (g.usePool(), g.call([g.name('bitcount'), g.key(), ...range(g)])) },
  {
    name: 'bitpos', weight: 7,
    gen: (g) => {
      g.usePool();
      const bit = g.chance(0.9) ? g.pick(['0', '1']) : g.pick(['2', '-1', 'abc']);
      const r = range(g);
      // BITPOS also takes a start alone.
      const args = r.length === 1 || g.chance(0.8) ? r : [g.index()];
      return g.call([g.name('bitpos'), g.key(), bit, ...args]);
    },
  },
  {
    name: 'bitop', weight: 6,
    gen: (g) => {
      g.usePool(0.04);
      const op = g.chance(0.92) ? g.cased(g.pick(['and', 'or', 'xor', 'not'])) : g.pick(['NAND', 'ANDX', '']);
      const dest = g.key();
      const srcs = g.keys(1, op.toLowerCase() === 'not' && g.chance(0.8) ? 1 : 3);
      g.wrote(dest, Math.max(...srcs.map((k) => g.lenOf(k))));
      return g.call([g.name('bitop'), op, dest, ...srcs]);
    },
  },
  {
    name: 'bitfield', weight: 8,
    gen: (g) => {
      const key = g.key();
      return g.call([g.name('bitfield'), key, ...bitfieldOps(g, key, false)]);
    },
  },
  {
    name: 'bitfield_ro', weight: 4,
    gen: (g) => {
      g.usePool();
      const key = g.key();
      return g.call([g.name('bitfield_ro'), key, ...bitfieldOps(g, key, true)]);
    },
  },
];
