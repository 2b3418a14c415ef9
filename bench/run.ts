// `npm run bench`: ops/s of the core in-process, ioredis-mock and a plain Map, then redis-benchmark
// against our server and a real redis-server, all in one run; prints medians and ratios.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { performance } from 'node:perf_hooks';
import RedisMock from 'ioredis-mock';
import { createEngine } from '../src/core/index.js';
import { startServer } from '../src/server/server.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? 300);
const KEYS = 10_000;

type Op = () => void | Promise<unknown>;

/** Runs `op` in batches for ROUND_MS, ROUNDS times; returns the median ops/s. */
async function measure(op: Op, batch = 1000, isAsync = false): Promise<number> {
  const rates: number[] = [];
  for (let r = 0; r < ROUNDS + 1; r++) {
    let n = 0;
    const start = performance.now();
    let elapsed = 0;
    while (elapsed < ROUND_MS) {
      if (isAsync) {
        const ps: unknown[] = new Array(batch);
        for (let i = 0; i < batch; i++) ps[i] = op();
        await Promise.all(ps);
      } else {
        for (let i = 0; i < batch; i++) op();
      }
      n += batch;
      elapsed = performance.now() - start;
    }
    if (r > 0) rates.push((n / elapsed) * 1000); // the first round warms up the JIT
  }
  rates.sort((a, b) => a - b);
  return rates[Math.floor(rates.length / 2)];
}

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

  const rows: Array<[string, Op, Op, Op | null]> = [
    ['SET', () => void exec(['SET', nextKey(), value]), () => mock.set(nextKey(), value), () => void map.set(nextKey(), value)],
    ['GET', () => void exec(['GET', nextKey()]), () => mock.get(nextKey()), () => void map.get(nextKey())],
    ['INCR', () => void exec(['INCR', 'counter:' + (i++ % 100)]), () => mock.incr('counter:' + (i++ % 100)), null],
    ['MSET (10 keys)', () => void exec(msetArgs()), () => mock.mset(...msetPairs()), null],
    ['SETEX', () => void exec(['SETEX', nextKey(), '100', value]), () => mock.setex(nextKey(), 100, value), null],
  ];
  console.log('\nIn-process (median ops/s of %d rounds of %d ms)', ROUNDS, ROUND_MS);
  console.log('| command | localredis core | ioredis-mock | plain Map | core / mock | core / Map |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const [name, core, mockOp, mapOp] of rows) {
    const a = await measure(core);
    const b = await measure(mockOp, 1000, true);
    const c = mapOp ? await measure(mapOp) : NaN;
    console.log(
      `| ${name} | ${fmt(a)} | ${fmt(b)} | ${mapOp ? fmt(c) : '-'} | ${(a / b).toFixed(1)}x | ${mapOp ? ((a / c) * 100).toFixed(0) + '%' : '-'} |`,
    );
  }
}

function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

/** redis-benchmark as a child process (our server shares this event loop, so never block it). */
function redisBenchmark(port: number): Promise<Map<string, number>> {
  const args = ['-h', '127.0.0.1', '-p', String(port), '-t', 'set,get,incr', '-P', '16', '-q', '-n', process.env.BENCH_N ?? '300000'];
  return new Promise((resolve, reject) => {
    const child = spawn('redis-benchmark', args);
    let text = '';
    child.stdout.on('data', (d) => (text += d));
    child.on('error', reject);
    child.on('exit', () => {
      const rates = new Map<string, number>();
      for (const line of text.split(/[\r\n]+/)) {
        const m = /^(\w+): ([\d.]+) requests per second/.exec(line.trim());
        if (m) rates.set(m[1], Number(m[2]));
      }
      resolve(rates);
    });
  });
}

async function overServer() {
  const ours = await startServer({ port: 0 });
  const port = await freePort();
  const real = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  await new Promise((r) => setTimeout(r, 300));
  try {
    const oursRates = await redisBenchmark(ours.port);
    const realRates = await redisBenchmark(port);
    console.log('\nOver the network: redis-benchmark -t set,get,incr -P 16 -q (requests/s)');
    console.log('| command | localredis-server | redis-server 7.0 | ratio |');
    console.log('|---|---:|---:|---:|');
    for (const name of ['SET', 'GET', 'INCR']) {
      const a = oursRates.get(name) ?? NaN;
      const b = realRates.get(name) ?? NaN;
      console.log(`| ${name} | ${fmt(a)} | ${fmt(b)} | ${((a / b) * 100).toFixed(0)}% |`);
    }
  } finally {
    real.kill();
    await ours.close();
  }
}

await inProcess();
if (process.env.BENCH_SKIP_SERVER !== '1') await overServer();
