// Hashes with 1,000,000 fields: HSET (of existing fields) and HGET, in-process (our core against
// ioredis-mock and a plain Map) and over the network (our server against a real redis-server,
// redis-benchmark -P 16), plus heap bytes per field (bench/memory-hash.ts, its own process).
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import RedisMock from 'ioredis-mock';
import { createEngine } from '../src/core/index.js';
import { startServer } from '../src/server/server.js';
import { fmt, measure, percent, ratio, redisBenchmarkOne, ROUND_MS, ROUNDS, startRealRedis, type Op } from './lib.js';

const SIZE = 1_000_000;
const KEY = 'bighash';
/** redis-benchmark's __rand_int__ with -r 1000000 is 12 digits, zero-padded: the preloaded fields use it too. */
const fieldName = (i: number) => `f:${String(i).padStart(12, '0')}`;
const value = 'x'.repeat(16);

async function inProcess(): Promise<void> {
  const engine = createEngine();
  const s = engine.createSession();
  const exec = (argv: string[]) => engine.exec(s, argv);
  const map = new Map<string, string>();
  const fields = Array.from({ length: SIZE }, (_, i) => fieldName(i));
  const initial: Record<string, string> = {};
  for (let i = 0; i < SIZE; i += 1000) {
    const pairs: string[] = [];
    for (let j = i; j < i + 1000; j++) pairs.push(fields[j], value);
    exec(['HSET', KEY, ...pairs]);
  }
  for (const f of fields) {
    map.set(f, value);
    initial[f] = value;
  }
  // ioredis-mock copies a hash (an object) on every read and write of it, so HSET calls of 1,000
  // pairs would take quadratic time to load it: it starts from its `data` option instead.
  const mock = new RedisMock({ data: { [KEY]: initial } });
  // A stride through the fields, so consecutive calls do not touch neighbours.
  let at = 0;
  const next = () => fields[(at = (at + 7919) % SIZE)];
  const sink: unknown[] = [null];
  const rows: Array<[string, Op, Op, Op]> = [
    ['HSET (existing field)', () => (sink[0] = exec(['HSET', KEY, next(), value])), () => mock.hset(KEY, next(), value), () => (sink[0] = map.set(next(), value))],
    ['HGET', () => (sink[0] = exec(['HGET', KEY, next()])), () => mock.hget(KEY, next()), () => (sink[0] = map.get(next()))],
  ];
  // Ours and the Map first: each ioredis-mock call leaves a copy of the 1,000,000-field object
  // behind, whose collection would stall whatever is measured next.
  const core: number[] = [];
  const plain: number[] = [];
  for (const [, coreOp, , mapOp] of rows) {
    core.push(await measure(coreOp));
    plain.push(await measure(mapOp));
  }
  const mocked: number[] = [];
  for (const [, , mockOp] of rows) mocked.push(await mockRate(mockOp));
  await mock.flushall();
  mock.disconnect();
  console.log('\nHashes in-process, a 1,000,000-field hash (median ops/s of %d rounds of %d ms)', ROUNDS, ROUND_MS);
  console.log('| command | localredis core | ioredis-mock | plain Map | core / mock | core / Map |');
  console.log('|---|---:|---:|---:|---:|---:|');
  rows.forEach(([name], i) => {
    const [a, b, c] = [core[i], mocked[i], plain[i]];
    console.log(`| ${name} | ${fmt(a)} | ${b < 100 ? b.toFixed(2) : fmt(b)} | ${fmt(c)} | ${ratio(a, b)} | ${percent(a, c)} |`);
  });
  if (exec(['HLEN', KEY]) !== SIZE) console.log('(the hash did not keep its size)');
}

/**
 * ioredis-mock copies the whole 1,000,000-field object on each call (seconds per call): its rate
 * is timed over a few calls after one warm-up, not over measure()'s rounds.
 */
async function mockRate(op: Op, calls = 3): Promise<number> {
  await op();
  const start = performance.now();
  for (let i = 0; i < calls; i++) await op();
  return (calls / (performance.now() - start)) * 1000;
}

/** Loads the 1,000,000 fields through a socket: HSET of 1,000 pairs per command, pipelined. */
function preload(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const sock = connect(port, '127.0.0.1');
    const commands = SIZE / 1000;
    let lines = 0;
    sock.on('error', reject);
    sock.on('data', (d: Buffer) => {
      for (let i = 0; i < d.length; i++) if (d[i] === 10) lines++;
      if (lines >= commands) {
        sock.end();
        resolve();
      }
    });
    sock.on('connect', () => {
      for (let i = 0; i < SIZE; i += 1000) {
        let req = `*${2 + 2000}\r\n$4\r\nHSET\r\n$${KEY.length}\r\n${KEY}\r\n`;
        for (let j = i; j < i + 1000; j++) {
          const f = fieldName(j);
          req += `$${f.length}\r\n${f}\r\n$${value.length}\r\n${value}\r\n`;
        }
        sock.write(req);
      }
    });
  });
}

async function overServer(): Promise<void> {
  const ours = await startServer({ port: 0 });
  const real = await startRealRedis();
  const n = process.env.BENCH_N ?? '1000000';
  const base = ['-P', '16', '-q', '-n', n, '-r', String(SIZE)];
  const rows: Array<[string, string[]]> = [
    ['HSET (existing field)', [...base, 'HSET', KEY, 'f:__rand_int__', value]],
    ['HGET', [...base, 'HGET', KEY, 'f:__rand_int__']],
  ];
  try {
    await preload(ours.port);
    await preload(real.port);
    console.log('\nHashes over the network: redis-benchmark -P 16 on a 1,000,000-field hash (requests/s)');
    console.log('| command | localredis-server | redis-server 7.0 | ratio |');
    console.log('|---|---:|---:|---:|');
    for (const [name, args] of rows) {
      const a = await redisBenchmarkOne(ours.port, args);
      const b = await redisBenchmarkOne(real.port, args);
      console.log(`| ${name} | ${fmt(a)} | ${fmt(b)} | ${percent(a, b)} |`);
    }
  } finally {
    real.stop();
    await ours.close();
  }
}

/** Runs bench/memory-hash.ts in a fresh `node --expose-gc` and prints its figures. */
async function memory(): Promise<void> {
  const script = fileURLToPath(new URL('./memory-hash.ts', import.meta.url));
  const out = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    child.stdout.on('data', (d) => (text += d));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`memory-hash.ts exited with ${code}`))));
  });
  const m = JSON.parse(out.trim().split('\n').pop()!) as { mapBytesPerField: number; hashBytesPerField: number; encoding: string };
  console.log('\nHash memory: heap bytes per field of a 1,000,000-field hash after GC (fields `field:N`, values `value:N`)');
  console.log('| structure | bytes per field | vs plain Map |');
  console.log('|---|---:|---:|');
  console.log(`| plain Map<string, string> | ${m.mapBytesPerField.toFixed(1)} | 1.00x |`);
  console.log(`| localredis hash (${m.encoding}) | ${m.hashBytesPerField.toFixed(1)} | ${(m.hashBytesPerField / m.mapBytesPerField).toFixed(2)}x |`);
}

export async function benchHash(): Promise<void> {
  await inProcess();
  await overServer();
  await memory();
}
