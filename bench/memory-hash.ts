// Heap bytes per field of a 1,000,000-field hash built by HSET in our core, next to a plain
// Map<string, string> holding the same strings. Run alone with `node --expose-gc --import tsx
// bench/memory-hash.ts` (bench/hash.ts does): prints one JSON line.
import { createEngine } from '../src/core/index.js';

const SIZE = 1_000_000;
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with node --expose-gc');

function heap(): number {
  for (let i = 0; i < 4; i++) gc!();
  return process.memoryUsage().heapUsed;
}

// Fresh strings on each side, made the same way, so each side pays for its own.
const field = (i: number) => `field:${i}`;
const value = (i: number) => `value:${i}`;

function plainMap(): number {
  const before = heap();
  const map = new Map<string, string>();
  for (let i = 0; i < SIZE; i++) map.set(field(i), value(i));
  const after = heap();
  if (map.size !== SIZE) throw new Error('map size');
  return after - before;
}

function ourHash(): { bytes: number; encoding: unknown } {
  const engine = createEngine();
  const s = engine.createSession();
  const before = heap();
  for (let i = 0; i < SIZE; i += 1000) {
    const argv = ['HSET', 'h'];
    for (let j = i; j < i + 1000; j++) argv.push(field(j), value(j));
    engine.exec(s, argv);
  }
  const after = heap();
  if (engine.exec(s, ['HLEN', 'h']) !== SIZE) throw new Error('hash size');
  return { bytes: after - before, encoding: engine.exec(s, ['OBJECT', 'ENCODING', 'h']) };
}

const map = plainMap();
const ours = ourHash();
console.log(JSON.stringify({ size: SIZE, mapBytesPerField: map / SIZE, hashBytesPerField: ours.bytes / SIZE, encoding: ours.encoding }));
