// Heap bytes per member of a 1,000,000-member sorted set built by ZADD in our core, next to a plain
// Map<string, number> holding the same strings and scores. One measurement per process (what one
// leaves behind cannot blur the next): `node --expose-gc --import tsx bench/memory-zset.ts <row>`
// with row map-int, zset-int-ascending, zset-int-shuffled, map-frac or zset-frac-shuffled
// (bench/zset.ts runs them all); prints one JSON line.
import { ourBytes, plainBytes, SIZE } from './memory-lib.js';

// Fresh strings on each side, made the same way, so each side pays for its own: flat one-byte
// strings, as our server's parser makes them (a template literal would make a two-part cons string,
// flattened into a third string when first hashed). Scores are integers (small integers are unboxed
// everywhere) or fractions (a boxed double in a Map value, unboxed in our score arrays).
const member = (i: number) => {
  const b = Buffer.from(`member:${i}`, 'latin1');
  return b.toString('latin1');
};

/** A fixed shuffle of 0..SIZE-1, made before any measurement. */
const shuffled = new Int32Array(SIZE);
for (let i = 0; i < SIZE; i++) shuffled[i] = i;
let seed = 12345;
for (let i = SIZE - 1; i > 0; i--) {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  const j = seed % (i + 1);
  const t = shuffled[i];
  shuffled[i] = shuffled[j];
  shuffled[j] = t;
}

function plainMap(score: (i: number) => number): number {
  return plainBytes('map', () => {
    const map = new Map<string, number>();
    for (let i = 0; i < SIZE; i++) map.set(member(i), score(i));
    return map;
  });
}

function ourZset(score: (i: number) => number, order: (k: number) => number): { bytes: number; encoding: unknown } {
  return ourBytes('ZADD', 'z', 'ZCARD', (argv, j) => {
    const i = order(j);
    argv.push(String(score(i)), member(i));
  });
}

const int = (i: number) => i;
const frac = (i: number) => i + 0.5;
const row = process.argv[2];
let out: { bytesPerMember: number; encoding?: unknown };
if (row === 'map-int') out = { bytesPerMember: plainMap(int) / SIZE };
else if (row === 'map-frac') out = { bytesPerMember: plainMap(frac) / SIZE };
else {
  const score = row === 'zset-frac-shuffled' ? frac : int;
  const order = row === 'zset-int-ascending' ? (k: number) => k : (k: number) => shuffled[k];
  const z = ourZset(score, order);
  out = { bytesPerMember: z.bytes / SIZE, encoding: z.encoding };
}
console.log(JSON.stringify({ row, size: SIZE, ...out }));
