// Heap bytes per member of a 1,000,000-member set built by SADD in our core, next to a plain
// Set<string> holding the same strings. Run alone with `node --expose-gc --import tsx
// bench/memory-set.ts` (bench/set.ts does): prints one JSON line.
import { ourBytes, plainBytes, SIZE } from './memory-lib.js';

// Fresh strings on each side, made the same way, so each side pays for its own.
const member = (i: number) => `member:${i}`;

const plain = plainBytes('set', () => {
  const set = new Set<string>();
  for (let i = 0; i < SIZE; i++) set.add(member(i));
  return set;
});
const ours = ourBytes('SADD', 's', 'SCARD', (argv, i) => argv.push(member(i)));
console.log(JSON.stringify({ size: SIZE, plainBytesPerMember: plain / SIZE, setBytesPerMember: ours.bytes / SIZE, encoding: ours.encoding }));
