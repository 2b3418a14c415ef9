// Generators for the list commands (t_list.c): pushes, pops with COUNT, LRANGE LINDEX LSET LINSERT
// LREM LTRIM LPOS, LMOVE RPOPLPUSH LMPOP, and the blocking pops. Elements come mostly from a small
// hostile set (empty, NUL, 0xff, integers in several spellings) so LREM, LPOS and LINSERT find
// them; indexes and counts are out of range, negative, huge, LONG_MIN or not integers.
//
// Blocking pops never block for long: inside MULTI they act as their non-blocking form; outside
// it most are malformed (an error before any key is looked at), and a few carry a 10 ms timeout,
// so an empty key times out the same way on both sides.
import type { CommandGen, G } from './generator.js';

const ELEMENTS = ['a', 'b', 'c', '', '\x00', '\xff\x00', '1', '-1', '0', '-0', '01', '100', ' 1', 'x'.repeat(70), 'A'];

function element(g: G): string {
  return g.chance(0.8) ? g.pick(ELEMENTS) : g.value();
}

function elements(g: G, min: number, max: number): string[] {
  const out: string[] = [];
  const n = g.int(min, max);
  for (let i = 0; i < n; i++) out.push(element(g));
  return out;
}

/** A list index or range bound: small mostly, past the ends, the int64 edges, or not an integer. */
function index(g: G): string {
  const x = g.r.float();
  if (x < 0.7) return String(g.int(-8, 10));
  if (x < 0.85) return g.pick(['0', '-1', '100', '-100', '2147483647', '-2147483648']);
  return g.pick(['9223372036854775807', '-9223372036854775808', '9223372036854775808', '-9223372036854775809', 'abc', '', '1.0', ' 1', '-0', '+1', '0x1']);
}

/** A COUNT for LPOP/RPOP, LMPOP, LREM, LPOS: small, zero, negative, huge, malformed. */
function count(g: G): string {
  const x = g.r.float();
  if (x < 0.6) return String(g.int(0, 6));
  if (x < 0.7) return g.pick(['-1', '-2']);
  if (x < 0.85) return g.pick(['100', '9223372036854775807', '-9223372036854775808', '9223372036854775808', '4294967296']);
  return g.pick(['abc', '', '1.5', ' 1', '+1', '-0']);
}

function side(g: G): string {
  if (g.chance(0.95)) return g.cased(g.pick(['left', 'right']));
  return g.pick(['up', '', 'LEFTX', 'middle']);
}

/** A timeout for a blocking pop that cannot stall the sequence (see the file comment). */
function timeout(g: G): string {
  if (g.inMulti) {
    return g.pick(['0', '0', '1', '0.01', '100', '-1', 'abc', '', '1e3', 'inf', '-0', '0.0001', '9223372036854775807', '1.5e-3']);
  }
  if (g.chance(0.08)) return '0.01';
  return g.pick(['-1', '-0.5', 'abc', '', 'inf', '-inf', 'nan', '1x', '9223372036854775807', '-9223372036854775808', '1e400']);
}

function lposOptions(g: G): string[] {
  const out: string[] = [];
  const n = g.pick([0, 1, 1, 2, 2, 3]);
  for (let i = 0; i < n; i++) {
    const x = g.r.float();
    if (x < 0.4) {
      const rank = g.chance(0.8) ? g.pick(['1', '2', '3', '-1', '-2', '-3']) : g.pick(['0', '-9223372036854775808', '-9223372036854775807', '9223372036854775807', 'abc', '']);
      out.push(g.cased('rank'), rank);
    } else if (x < 0.7) out.push(g.cased('count'), count(g));
    else if (x < 0.95) out.push(g.cased('maxlen'), g.chance(0.8) ? g.pick(['0', '1', '2', '3', '5']) : count(g));
    else out.push(g.pick(['RANK', 'FOO', 'COUNT']));
  }
  return out;
}

/** LMPOP/BLMPOP's tail: numkeys keys... LEFT|RIGHT [COUNT n], sometimes with numkeys off. */
function mpopArgs(g: G): string[] {
  const keys = g.keys(1, 3);
  const x = g.r.float();
  let numkeys: string;
  if (x < 0.85) numkeys = String(keys.length);
  else if (x < 0.92) numkeys = String(keys.length + g.pick([-1, 1, 2]));
  else numkeys = g.pick(['0', '-1', 'abc', '9223372036854775807', '']);
  const out = [numkeys, ...keys, side(g)];
  const y = g.r.float();
  if (y < 0.45) out.push(g.cased('count'), count(g));
  else if (y < 0.5) out.push(g.cased('count'));
  else if (y < 0.55) out.push(g.cased('count'), '1', g.cased('count'), '2');
  else if (y < 0.58) out.push('FOO');
  return out;
}

export const listGens: CommandGen[] = [
  { name: 'lpush', weight: 9, gen: (g) => g.call([g.name('lpush'), g.key(), ...elements(g, 1, 5)]) },
  { name: 'rpush', weight: 9, gen: (g) => g.call([g.name('rpush'), g.key(), ...elements(g, 1, 5)]) },
  { name: 'lpushx', weight: 3, gen: (g) => g.call([g.name('lpushx'), g.key(), ...elements(g, 1, 3)]) },
  { name: 'rpushx', weight: 3, gen: (g) => g.call([g.name('rpushx'), g.key(), ...elements(g, 1, 3)]) },
  { name: 'lpop', weight: 5, gen: (g) => g.call([g.name('lpop'), g.key(), ...(g.chance(0.5) ? [count(g)] : [])]) },
  { name: 'rpop', weight: 5, gen: (g) => g.call([g.name('rpop'), g.key(), ...(g.chance(0.5) ? [count(g)] : [])]) },
  { name: 'llen', weight: 4, gen: (g) => g.call([g.name('llen'), g.key()]) },
  { name: 'lrange', weight: 7, gen: (g) => g.call([g.name('lrange'), g.key(), index(g), index(g)]) },
  { name: 'lindex', weight: 5, gen: (g) => g.call([g.name('lindex'), g.key(), index(g)]) },
  { name: 'lset', weight: 4, gen: (g) => g.call([g.name('lset'), g.key(), index(g), element(g)]) },
  {
    name: 'linsert', weight: 5,
    gen: (g) => {
      const where = g.chance(0.93) ? g.cased(g.pick(['before', 'after'])) : g.pick(['middle', '', 'BEFOREX']);
      return g.call([g.name('linsert'), g.key(), where, element(g), element(g)]);
    },
  },
  { name: 'lrem', weight: 5, gen: (g) => g.call([g.name('lrem'), g.key(), g.chance(0.8) ? String(g.int(-3, 3)) : count(g), element(g)]) },
  { name: 'ltrim', weight: 3, gen: (g) => g.call([g.name('ltrim'), g.key(), index(g), index(g)]) },
  { name: 'lpos', weight: 6, gen: (g) => g.call([g.name('lpos'), g.key(), element(g), ...lposOptions(g)]) },
  { name: 'lmove', weight: 5, gen: (g) => g.call([g.name('lmove'), g.key(), g.key(), side(g), side(g)]) },
  { name: 'rpoplpush', weight: 3, gen: (g) => g.call([g.name('rpoplpush'), g.key(), g.key()]) },
  { name: 'lmpop', weight: 5, gen: (g) => g.call([g.name('lmpop'), ...mpopArgs(g)]) },
  { name: 'blpop', weight: 2, gen: (g) => g.call([g.name('blpop'), ...g.keys(1, 3), timeout(g)]) },
  { name: 'brpop', weight: 2, gen: (g) => g.call([g.name('brpop'), ...g.keys(1, 3), timeout(g)]) },
  { name: 'blmove', weight: 2, gen: (g) => g.call([g.name('blmove'), g.key(), g.key(), side(g), side(g), timeout(g)]) },
  { name: 'brpoplpush', weight: 1.5, gen: (g) => g.call([g.name('brpoplpush'), g.key(), g.key(), timeout(g)]) },
  { name: 'blmpop', weight: 2, gen: (g) => g.call([g.name('blmpop'), timeout(g), ...mpopArgs(g)]) },
];
