// The workload `BENCH_ONLY=instructions` counts under valgrind: `count` operations of one row of
// the in-process table (bench/run.ts), after the rows before it ran as the bench runs them (their
// type feedback shapes the JIT's code). A run with count 0 is subtracted from one with count N.
import RedisMock from 'ioredis-mock';
import { createEngine } from '../src/core/index.js';

const KEYS = 10_000;
const WARM = 300_000;
const keys = Array.from({ length: KEYS }, (_, i) => `key:${i}`);
const value = 'x'.repeat(100);
let i = 0;
const nextKey = () => keys[i++ % KEYS];
const pairs = (): string[] => {
  const a: string[] = [];
  for (let j = 0; j < 10; j++) a.push(nextKey(), value);
  return a;
};

const engine = createEngine();
const session = engine.createSession();
const exec = (argv: string[]) => engine.exec(session, argv);
const sink: unknown[] = [null];
const core: Record<string, () => unknown> = {
  SET: () => (sink[0] = exec(['SET', nextKey(), value])),
  GET: () => (sink[0] = exec(['GET', nextKey()])),
  INCR: () => (sink[0] = exec(['INCR', 'counter:' + (i++ % 100)])),
  MSET: () => (sink[0] = exec(['MSET', ...pairs()])),
  SETEX: () => (sink[0] = exec(['SETEX', nextKey(), '100', value])),
};
const mock = new RedisMock();
const mockOps: Record<string, () => Promise<unknown>> = {
  SET: () => mock.set(nextKey(), value),
  GET: () => mock.get(nextKey()),
  INCR: () => mock.incr('counter:' + (i++ % 100)),
  MSET: () => mock.mset(...pairs()),
  SETEX: () => mock.setex(nextKey(), 100, value),
};

const [who, row, countArg] = process.argv.slice(2);
const count = Number(countArg);
if (who === 'core') {
  for (const name of Object.keys(core)) {
    for (let j = 0; j < WARM; j++) core[name]();
    if (name === row) break;
  }
  const op = core[row];
  for (let j = 0; j < count; j++) op();
} else {
  // As measure() drives it: batches of 1,000 promises awaited together.
  const op = mockOps[row];
  const run = async (n: number) => {
    for (let k = 0; k < n; k += 1000) {
      const ps: Array<Promise<unknown>> = new Array(1000);
      for (let x = 0; x < 1000; x++) ps[x] = op();
      await Promise.all(ps);
    }
  };
  await run(100_000);
  await run(count);
}
