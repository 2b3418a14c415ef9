// `npm run bench`: ops/s of the core in-process, ioredis-mock and a plain Map, then redis-benchmark
// against our server and a real redis-server, all in one run; prints medians and ratios.
import RedisMock from 'ioredis-mock';
import { createEngine } from '../src/core/index.js';
import { startServer } from '../src/server/server.js';
import { fmt, measureTurns, median, medianRatio, percent, ratio, redisBenchmark, ROUND_MS, ROUNDS, startRealRedis, type Op } from './lib.js';
import { benchClient } from './client.js';
import { benchHash } from './hash.js';
import { benchList } from './list.js';
import { benchSet } from './set.js';
import { benchZset } from './zset.js';
import { benchPersistence } from './persistence.js';
import { benchTabs } from './tabs.js';
import { benchInstructions } from './instructions.js';

const KEYS = 10_000;

const keys = Array.from({ length: KEYS }, (_, i) => `key:${i}`);
const value = 'x'.repeat(100);
let i = 0;
const nextKey = () => keys[i++ % KEYS];

async function inProcess() {
  const engine = createEngine();
  const s = engine.createSession();
  const exec = (argv: string[]) => engine.exec(s, argv);
  const mock = new RedisMock();
  const map = new Map<string, string>();
  const msetArgs = (): string[] => {
    const a = ['MSET'];
    for (let j = 0; j < 10; j++) a.push(nextKey(), value);
    return a;
  };
  const msetPairs = (): string[] => {
    const a: string[] = [];
    for (let j = 0; j < 10; j++) a.push(nextKey(), value);
    return a;
  };
  for (const k of keys) map.set(k, value);
  // What each row's work costs a plain Map store, the same argv built: a bound on what any
  // Map-based engine can reach (INCR parses and prints the number, SETEX keeps a second map).
  const counters = new Map<string, string>();
  const ttls = new Map<string, number>();
  const mapIncr = () => {
    const k = 'counter:' + (i++ % 100);
    const v = String(Number(counters.get(k) ?? '0') + 1);
    counters.set(k, v);
    return v;
  };
  const mapMset = () => {
    const a = msetArgs();
    for (let j = 1; j < a.length; j += 2) map.set(a[j], a[j + 1]);
    return a;
  };
  const mapSetex = () => {
    const k = nextKey();
    ttls.set(k, Date.now() + 100 * 1000);
    return map.set(k, value);
  };

  // Every result goes to a sink, the Map's too: a Map.get whose result is unused is dead code the
  // JIT may drop, which would make the baseline measure an empty loop.
  const sink: unknown[] = [null];
  const rows: Array<[string, Op, Op, Op]> = [
    ['SET', () => (sink[0] = exec(['SET', nextKey(), value])), () => mock.set(nextKey(), value), () => (sink[0] = map.set(nextKey(), value))],
    ['GET', () => (sink[0] = exec(['GET', nextKey()])), () => mock.get(nextKey()), () => (sink[0] = map.get(nextKey()))],
    ['INCR', () => (sink[0] = exec(['INCR', 'counter:' + (i++ % 100)])), () => mock.incr('counter:' + (i++ % 100)), () => (sink[0] = mapIncr())],
    ['MSET (10 keys)', () => (sink[0] = exec(msetArgs())), () => mock.mset(...msetPairs()), () => (sink[0] = mapMset())],
    ['SETEX', () => (sink[0] = exec(['SETEX', nextKey(), '100', value])), () => mock.setex(nextKey(), 100, value), () => (sink[0] = mapSetex())],
  ];
  console.log('\nIn-process (median ops/s of %d rounds of %d ms, the three in turns; ratios: median of the turns\' ratios)', ROUNDS, ROUND_MS);
  console.log('| command | localredis core | ioredis-mock | plain Map | core / mock | core / Map | Map / mock |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const [name, core, mockOp, mapOp] of rows) {
    const [a, b, c] = await measureTurns([{ op: core }, { op: mockOp, isAsync: true }, { op: mapOp }]);
    console.log(
      `| ${name} | ${fmt(median(a))} | ${fmt(median(b))} | ${fmt(median(c))} | ${ratio(medianRatio(a, b), 1)} | ${percent(medianRatio(a, c), 1)} | ${ratio(medianRatio(c, b), 1)} |`,
    );
  }
}

async function overServer() {
  const ours = await startServer({ port: 0 });
  const real = await startRealRedis();
  const args = ['-t', 'set,get,incr', '-P', '16', '-q', '-n', process.env.BENCH_N ?? '300000'];
  try {
    const oursRates = await redisBenchmark(ours.port, args);
    const realRates = await redisBenchmark(real.port, args);
    console.log('\nOver the network: redis-benchmark -t set,get,incr -P 16 -q (requests/s)');
    console.log('| command | localredis-server | redis-server 7.0 | ratio |');
    console.log('|---|---:|---:|---:|');
    for (const name of ['SET', 'GET', 'INCR']) {
      const a = oursRates.get(name) ?? NaN;
      const b = realRates.get(name) ?? NaN;
      console.log(`| ${name} | ${fmt(a)} | ${fmt(b)} | ${percent(a, b)} |`);
    }
  } finally {
    real.stop();
    await ours.close();
  }
}

// Each section prints its own tables; BENCH_ONLY=strings,zset runs some of them.
const sections: Array<[string, () => Promise<void>]> = [
  ['strings', inProcess],
  ['server', overServer],
  ['hash', benchHash],
  ['list', benchList],
  ['set', benchSet],
  ['zset', benchZset],
  ['client', benchClient],
  ['persistence', benchPersistence],
  ['tabs', benchTabs],
];
// Opt-in sections: only when BENCH_ONLY names them.
const optIn: Array<[string, () => Promise<void>]> = [['instructions', benchInstructions]];
const only = process.env.BENCH_ONLY?.split(',');
for (const [name, run] of sections) {
  if (only === undefined || only.includes(name)) await run();
}
for (const [name, run] of optIn) {
  if (only?.includes(name)) await run();
}
