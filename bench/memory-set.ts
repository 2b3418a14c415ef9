// Heap bytes per member of a 1,000,000-member set built by SADD in our core, next to a plain
// Set<string> holding the same strings. Run alone with `node --expose-gc --import tsx
// bench/memory-set.ts` (bench/set.ts does): prints one JSON line.
import { createEngine } from '../src/core/index.js';

const SIZE = 1_000_000;
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with node --expose-gc');

function heap(): number {
  for (let i = 0; i < 4; i++) gc!();
  return process.memoryUsage().heapUsed;
}

// Fresh strings on each side, made the same way, so each side pays for its own.
const member = (i: number) => `member:${i}`;

function plainSet(): number {
  const before = heap();
  const set = new Set<string>();
  for (let i = 0; i < SIZE; i++) set.add(member(i));
  const after = heap();
  if (set.size !== SIZE) throw new Error('set size');
  return after - before;
}

function ourSet(): { bytes: number; encoding: unknown } {
  const engine = createEngine();
  const s = engine.createSession();
  const before = heap();
  for (let i = 0; i < SIZE; i += 1000) {
    const argv = ['SADD', 's'];
    for (let j = i; j < i + 1000; j++) argv.push(member(j));
    engine.exec(s, argv);
  }
  const after = heap();
  if (engine.exec(s, ['SCARD', 's']) !== SIZE) throw new Error('set size');
  return { bytes: after - before, encoding: engine.exec(s, ['OBJECT', 'ENCODING', 's']) };
}

const plain = plainSet();
const ours = ourSet();
console.log(JSON.stringify({ size: SIZE, plainBytesPerMember: plain / SIZE, setBytesPerMember: ours.bytes / SIZE, encoding: ours.encoding }));
