// A few writers and readers of the other types (list, set, hash, zset, stream) on the shared keys,
// so WRONGTYPE, TYPE, OBJECT ENCODING, COPY and SCAN TYPE meet every type. Each is used only once
// our engine has the command, so the suite grows as the groups land.
import type { CommandGen, G } from './generator.js';

function members(g: G, min: number, max: number): string[] {
  const out: string[] = [];
  const n = g.int(min, max);
  for (let i = 0; i < n; i++) out.push(g.chance(0.5) ? String(g.int(0, 20)) : g.pick(['a', 'b', 'c', '', 'x'.repeat(70)]));
  return out;
}

function scorePairs(g: G): string[] {
  const out: string[] = [];
  const n = g.int(1, 3);
  for (let i = 0; i < n; i++) out.push(g.chance(0.85) ? String(g.int(-5, 5)) : g.float(), g.pick(['a', 'b', 'c', 'd']));
  return out;
}

function fieldPairs(g: G): string[] {
  const out: string[] = [];
  const n = g.int(1, 3);
  for (let i = 0; i < n; i++) out.push(g.pick(['f1', 'f2', 'f3', '']), g.value().slice(0, 80));
  return out;
}

export const typeGens: CommandGen[] = [
  { name: 'lpush', weight: 2, gen: (g) => g.call([g.name('lpush'), g.key(), ...members(g, 1, 3)]) },
  { name: 'rpush', weight: 2, gen: (g) => g.call([g.name('rpush'), g.key(), ...members(g, 1, 3)]) },
  { name: 'lrange', weight: 1.5, gen: (g) => g.call([g.name('lrange'), g.key(), '0', '-1']) },
  { name: 'sadd', weight: 2, gen: (g) => g.call([g.name('sadd'), g.key(), ...members(g, 1, 4)]) },
  { name: 'smembers', weight: 1.5, gen: (g) => g.call([g.name('smembers'), g.key()], 'sorted') },
  { name: 'hset', weight: 2, gen: (g) => g.call([g.name('hset'), g.key(), ...fieldPairs(g)]) },
  { name: 'hgetall', weight: 1.5, gen: (g) => g.call([g.name('hgetall'), g.key()], 'pairs') },
  { name: 'zadd', weight: 2, gen: (g) => g.call([g.name('zadd'), g.key(), ...scorePairs(g)]) },
  { name: 'zrange', weight: 1.5, gen: (g) => g.call([g.name('zrange'), g.key(), '0', '-1', 'WITHSCORES']) },
  {
    name: 'xadd', weight: 1.5,
    gen: (g) => g.call([g.name('xadd'), g.key(), g.pick(['1-1', '2-0', '5', '0-1', '3-3']), 'f', g.pick(['v', '1', ''])]),
  },
  { name: 'xrange', weight: 1, gen: (g) => g.call([g.name('xrange'), g.key(), '-', '+']) },
];
