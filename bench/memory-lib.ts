// The heap-measuring harness of bench/memory-*.ts: heap bytes a 1,000,000-element structure keeps
// reachable, measured after repeated GC (the scripts run under `node --expose-gc`), for a plain JS
// collection and for a key built by our core's commands in batches of 1,000 elements.
import { createEngine } from '../src/core/index.js';

export const SIZE = 1_000_000;
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with node --expose-gc');

function heap(): number {
  for (let i = 0; i < 4; i++) gc!();
  return process.memoryUsage().heapUsed;
}

/** The heap bytes of the collection `build` returns (it must hold SIZE elements). */
export function plainBytes(what: string, build: () => { size: number }): number {
  const before = heap();
  const c = build();
  const after = heap();
  if (c.size !== SIZE) throw new Error(`${what} size`);
  return after - before;
}

/**
 * The heap bytes of key `key` built by `write` commands (e.g. HSET h), each adding elements k..k+999
 * through `push(argv, k)`, and its OBJECT ENCODING; `card` (e.g. HLEN) must then reply SIZE.
 */
export function ourBytes(write: string, key: string, card: string, push: (argv: string[], k: number) => void): { bytes: number; encoding: unknown } {
  const engine = createEngine();
  const s = engine.createSession();
  const before = heap();
  for (let k = 0; k < SIZE; k += 1000) {
    const argv = [write, key];
    for (let j = k; j < k + 1000; j++) push(argv, j);
    engine.exec(s, argv);
  }
  const after = heap();
  if (engine.exec(s, [card, key]) !== SIZE) throw new Error(`${write} ${key}: size`);
  return { bytes: after - before, encoding: engine.exec(s, ['OBJECT', 'ENCODING', key]) };
}
