// Sets: SADD and SISMEMBER on a 1,000,000-member set, SINTER of two 10,000-member sets (5,000 in
// common), in-process (our core against ioredis-mock and a plain Set) and over the network (our
// server against a real redis-server, redis-benchmark -P 16), plus heap bytes per member
// (bench/memory-set.ts, its own process).
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import RedisMock from 'ioredis-mock';
import { createEngine } from '../src/core/index.js';
import { startServer } from '../src/server/server.js';
import { fmt, measure, percent, ratio, redisBenchmarkOne, ROUND_MS, ROUNDS, startRealRedis, type Op } from './lib.js';

const SIZE = 1_000_000;
const KEY = 'bigset';
const SMALL = 10_000;
/** redis-benchmark's __rand_int__ with -r 1000000 is 12 digits, zero-padded: the preloaded members use it too. */
const memberName = (i: number) => `m:${String(i).padStart(12, '0')}`;
/** The two 10,000-member sets: members 0..9999 and 5000..14999. */
const SMALL_SETS: Array<[string, number]> = [
  ['small:a', 0],
  ['small:b', SMALL / 2],
];

/**
 * ioredis-mock copies a whole set on each call (a SADD or SISMEMBER on 1,000,000 members takes
 * seconds): the rate of `n` calls after one warm-up, timed once.
 */
async function fewCalls(op: Op, n: number): Promise<number> {
  await op();
  const start = performance.now();
  for (let i = 0; i < n; i++) await op();
  return (n / (performance.now() - start)) * 1000;
}

/** fmt, with decimals for the mock's rates below 10 ops/s. */
function fmtRate(n: number): string {
  return Number.isFinite(n) && n < 10 ? n.toFixed(2) : fmt(n);
}

async function inProcess(): Promise<void> {
  const engine = createEngine();
  const s = engine.createSession();
  const exec = (argv: string[]) => engine.exec(s, argv);
  const plain = new Set<string>();
  const members = Array.from({ length: SIZE }, (_, i) => memberName(i));
  for (let i = 0; i < SIZE; i += 1000) exec(['SADD', KEY, ...members.slice(i, i + 1000)]);
  for (const m of members) plain.add(m);
  const plainSmall: Array<Set<string>> = [];
  for (const [key, from] of SMALL_SETS) {
    const chunk = members.slice(from, from + SMALL);
    exec(['SADD', key, ...chunk]);
    plainSmall.push(new Set(chunk));
  }
  // Its SADD is quadratic (a new Set per call): the mock gets its sets as initial data instead.
  const mock = new RedisMock({ data: { [KEY]: new Set(members), [SMALL_SETS[0][0]]: plainSmall[0], [SMALL_SETS[1][0]]: plainSmall[1] } });
  const plainInter = () => {
    const out: string[] = [];
    for (const m of plainSmall[0]) if (plainSmall[1].has(m)) out.push(m);
    return out;
  };
  // A stride through the members, so consecutive calls do not touch neighbours.
  let at = 0;
  const next = () => members[(at = (at + 7919) % SIZE)];
  const sink: unknown[] = [null];
  const sinter = ['SINTER', SMALL_SETS[0][0], SMALL_SETS[1][0]];
  const rows: Array<[string, Op, () => Promise<number>, Op, number]> = [
    ['SADD (existing member)', () => (sink[0] = exec(['SADD', KEY, next()])), () => fewCalls(() => mock.sadd(KEY, next()), 2), () => (sink[0] = plain.add(next())), 1000],
    ['SISMEMBER', () => (sink[0] = exec(['SISMEMBER', KEY, next()])), () => fewCalls(() => mock.sismember(KEY, next()), 2), () => (sink[0] = plain.has(next())), 1000],
    [
      'SINTER of two 10,000-member sets', () => (sink[0] = exec(sinter)), () => measure(() => mock.sinter(SMALL_SETS[0][0], SMALL_SETS[1][0]), 1, true),
      () => (sink[0] = plainInter()), 10,
    ],
  ];
  console.log('\nSets in-process, a 1,000,000-member set (median ops/s of %d rounds of %d ms; ioredis-mock: 2 calls after a warm-up on the big set)', ROUNDS, ROUND_MS);
  console.log('| command | localredis core | ioredis-mock | plain Set | core / mock | core / Set |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const [name, core, mockRate, setOp, batch] of rows) {
    const a = await measure(core, batch);
    const b = await mockRate();
    const c = await measure(setOp, batch);
    console.log(`| ${name} | ${fmt(a)} | ${fmtRate(b)} | ${fmt(c)} | ${ratio(a, b)} | ${percent(a, c)} |`);
  }
  if (exec(['SCARD', KEY]) !== SIZE) console.log('(the set did not keep its size)');
}

/** Loads the sets through a socket: SADD of 1,000 members per command, pipelined. */
function preload(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const sock = connect(port, '127.0.0.1');
    const commands: string[] = [];
    const sadd = (key: string, from: number, to: number) => {
      for (let i = from; i < to; i += 1000) {
        let req = `*${2 + 1000}\r\n$4\r\nSADD\r\n$${key.length}\r\n${key}\r\n`;
        for (let j = i; j < i + 1000; j++) {
          const m = memberName(j);
          req += `$${m.length}\r\n${m}\r\n`;
        }
        commands.push(req);
      }
    };
    sadd(KEY, 0, SIZE);
    for (const [key, from] of SMALL_SETS) sadd(key, from, from + SMALL);
    let lines = 0;
    sock.on('error', reject);
    sock.on('data', (d: Buffer) => {
      for (let i = 0; i < d.length; i++) if (d[i] === 10) lines++;
      if (lines >= commands.length) {
        sock.end();
        resolve();
      }
    });
    sock.on('connect', () => {
      for (const req of commands) sock.write(req);
    });
  });
}

async function overServer(): Promise<void> {
  const ours = await startServer({ port: 0 });
  const real = await startRealRedis();
  const n = process.env.BENCH_N ?? '1000000';
  const base = ['-P', '16', '-q', '-n', n, '-r', String(SIZE)];
  // SINTER replies 5,000 members: fewer requests, or a run would take minutes.
  const interN = String(Math.max(1000, Math.floor(Number(n) / 200)));
  const rows: Array<[string, string[]]> = [
    ['SADD (existing member)', [...base, 'SADD', KEY, 'm:__rand_int__']],
    ['SISMEMBER', [...base, 'SISMEMBER', KEY, 'm:__rand_int__']],
    ['SINTER of two 10,000-member sets', ['-P', '16', '-q', '-n', interN, 'SINTER', SMALL_SETS[0][0], SMALL_SETS[1][0]]],
  ];
  try {
    await preload(ours.port);
    await preload(real.port);
    console.log('\nSets over the network: redis-benchmark -P 16 on a 1,000,000-member set (requests/s)');
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

/** Runs bench/memory-set.ts in a fresh `node --expose-gc` and prints its figures. */
async function memory(): Promise<void> {
  const script = fileURLToPath(new URL('./memory-set.ts', import.meta.url));
  const out = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    child.stdout.on('data', (d) => (text += d));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`memory-set.ts exited with ${code}`))));
  });
  const m = JSON.parse(out.trim().split('\n').pop()!) as { plainBytesPerMember: number; setBytesPerMember: number; encoding: string };
  console.log('\nSet memory: heap bytes per member of a 1,000,000-member set after GC (members `member:N`)');
  console.log('| structure | bytes per member | vs plain Set |');
  console.log('|---|---:|---:|');
  console.log(`| plain Set<string> | ${m.plainBytesPerMember.toFixed(1)} | 1.00x |`);
  console.log(`| localredis set (${m.encoding}) | ${m.setBytesPerMember.toFixed(1)} | ${(m.setBytesPerMember / m.plainBytesPerMember).toFixed(2)}x |`);
}

export async function benchSet(): Promise<void> {
  await inProcess();
  await overServer();
  await memory();
}
