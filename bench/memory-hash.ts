// Heap bytes per field of a 1,000,000-field hash built by HSET in our core, next to a plain
// Map<string, string> holding the same strings. Run alone with `node --expose-gc --import tsx
// bench/memory-hash.ts` (bench/hash.ts does): prints one JSON line.
import { ourBytes, plainBytes, SIZE } from './memory-lib.js';

// Fresh strings on each side, made the same way, so each side pays for its own.
const field = (i: number) => `field:${i}`;
const value = (i: number) => `value:${i}`;

const map = plainBytes('map', () => {
  const m = new Map<string, string>();
  for (let i = 0; i < SIZE; i++) m.set(field(i), value(i));
  return m;
});
const ours = ourBytes('HSET', 'h', 'HLEN', (argv, i) => argv.push(field(i), value(i)));
console.log(JSON.stringify({ size: SIZE, mapBytesPerField: map / SIZE, hashBytesPerField: ours.bytes / SIZE, encoding: ours.encoding }));
