// What every benchmark file shares: median-of-rounds measurement, number formatting, a free port,
// a real redis-server child, redis-benchmark runs (built-in tests or one custom command), an
// in-process engine, preloading a server, our server against redis-server in one table, and the
// memory scripts' child processes.
import { spawn, type ChildProcess } from 'node:child_process';
import { connect, createServer } from 'node:net';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createEngine, type Reply } from '../src/core/index.js';
import { encodeCommand } from '../src/protocol/resp-encoder.js';
import { startServer } from '../src/server/server.js';

export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
export const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? 300);

export type Op = () => unknown;

/** Runs `op` in batches for ROUND_MS, ROUNDS times (after one warm-up round); the median ops/s. */
export async function measure(op: Op, batch = 1000, isAsync = false): Promise<number> {
  const rates: number[] = [];
  for (let r = 0; r < ROUNDS + 1; r++) {
    const rate = await round(op, batch, isAsync);
    if (r > 0) rates.push(rate); // the first round warms up the JIT
  }
  return median(rates);
}

/** ops/s of `op` run in batches for ROUND_MS. */
async function round(op: Op, batch: number, isAsync: boolean): Promise<number> {
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
  return (n / elapsed) * 1000;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/**
 * The ops in turns, one round each per turn, ROUNDS turns after a warm-up one: each op's ops/s per
 * turn. A ratio taken within a turn compares rounds run side by side, so a change in the machine's
 * load between rows or columns does not enter it (the machine is shared).
 */
export async function measureTurns(ops: Array<{ op: Op; isAsync?: boolean }>): Promise<number[][]> {
  const rates: number[][] = ops.map(() => []);
  for (let r = 0; r < ROUNDS + 1; r++) {
    for (let i = 0; i < ops.length; i++) {
      const rate = await round(ops[i].op, 1000, ops[i].isAsync ?? false);
      if (r > 0) rates[i].push(rate);
    }
  }
  return rates;
}

/** The median of a/b taken turn by turn (measureTurns). */
export function medianRatio(a: number[], b: number[]): number {
  return median(a.map((x, i) => x / b[i]));
}

export function fmt(n: number): string {
  return Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '-';
}

export function ratio(a: number, b: number): string {
  return Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(1)}x` : '-';
}

export function percent(a: number, b: number): string {
  return Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${((a / b) * 100).toFixed(0)}%` : '-';
}

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

/** A real redis-server on a free loopback port, without persistence. */
export async function startRealRedis(): Promise<{ port: number; stop(): void }> {
  const port = await freePort();
  const child: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  await new Promise((r) => setTimeout(r, 300));
  return { port, stop: () => void child.kill() };
}

/**
 * redis-benchmark as a child process (our server shares this event loop, so never block it).
 * `args` follow the connection options: e.g. ['-t', 'set,get', '-P', '16', '-q', '-n', '300000'], or
 * ['-P', '16', '-q', '-n', '100000', '-r', '1000000', 'ZADD', 'z', '__rand_int__', 'm:__rand_int__'].
 * Returns requests/s by test name (a custom command's name is its command line).
 */
export function redisBenchmark(port: number, args: string[]): Promise<Map<string, number>> {
  return new Promise((resolve, reject) => {
    const child = spawn('redis-benchmark', ['-h', '127.0.0.1', '-p', String(port), ...args]);
    let text = '';
    child.stdout.on('data', (d) => (text += d));
    child.on('error', reject);
    child.on('exit', () => {
      const rates = new Map<string, number>();
      for (const line of text.split(/[\r\n]+/)) {
        const m = /^(.+?): ([\d.]+) requests per second/.exec(line.trim());
        if (m) rates.set(m[1], Number(m[2]));
      }
      resolve(rates);
    });
  });
}

/** The rate of a single custom-command redis-benchmark run (its only line). */
export async function redisBenchmarkOne(port: number, args: string[]): Promise<number> {
  const rates = await redisBenchmark(port, args);
  const first = rates.values().next();
  return first.done ? NaN : first.value;
}

/** redis-benchmark's __rand_int__ with -r 1000000 is 12 digits, zero-padded: preloaded names use it too. */
export function randIntName(prefix: string, i: number): string {
  return `${prefix}${String(i).padStart(12, '0')}`;
}

/** An in-process engine's `exec` on one session. */
export function coreExec(): (argv: string[]) => Reply | Promise<Reply> {
  const engine = createEngine();
  const s = engine.createSession();
  return (argv) => engine.exec(s, argv);
}

/**
 * The rate of `n` calls of a slow async op (ioredis-mock copying a whole collection on each call)
 * after one warm-up call, timed once rather than over measure()'s rounds.
 */
export async function fewCalls(op: Op, n: number): Promise<number> {
  await op();
  const start = performance.now();
  for (let i = 0; i < n; i++) await op();
  return (n / (performance.now() - start)) * 1000;
}

/** fmt, with two decimals for the slow rates (below `under` ops/s). */
export function fmtSlow(n: number, under = 10): string {
  return Number.isFinite(n) && n < under ? n.toFixed(2) : fmt(n);
}

/** Prints a table's title, its header row (the first column left-aligned, the rest right) and rule. */
export function tableHead(title: string, columns: string[]): void {
  console.log(title);
  console.log(`| ${columns.join(' | ')} |`);
  console.log(`|---|${columns.slice(1).map(() => '---:|').join('')}`);
}

/** Sends commands (argv arrays) pipelined through one socket; resolves once each has its one-line reply. */
export function preload(port: number, commands: Iterable<string[]>): Promise<void> {
  return new Promise((resolve, reject) => {
    const sock = connect(port, '127.0.0.1');
    let sent = 0;
    let lines = 0;
    let done = false;
    sock.on('error', reject);
    sock.on('data', (d: Buffer) => {
      for (let i = 0; i < d.length; i++) if (d[i] === 10) lines++;
      if (done && lines >= sent) {
        sock.end();
        resolve();
      }
    });
    sock.on('connect', () => {
      for (const argv of commands) {
        sock.write(encodeCommand(argv), 'latin1');
        sent++;
      }
      done = true;
    });
  });
}

/**
 * Our server against a real redis-server over the network: both get `load(port)` first, then each
 * row is one redis-benchmark run per server (or `runs` alternating runs each, keeping the medians:
 * on a shared machine a single run of each can land in a busier moment than the other).
 */
export async function networkTable(title: string, rows: Array<[string, string[]]>, load: (port: number) => Promise<unknown>, runs = 1): Promise<void> {
  const ours = await startServer({ port: 0 });
  const real = await startRealRedis();
  try {
    await load(ours.port);
    await load(real.port);
    tableHead(title, ['command', 'localredis-server', 'redis-server 7.0', 'ratio']);
    const median = (xs: number[]) => xs.sort((x, y) => x - y)[xs.length >> 1];
    for (const [name, args] of rows) {
      const as: number[] = [];
      const bs: number[] = [];
      for (let r = 0; r < runs; r++) {
        as.push(await redisBenchmarkOne(ours.port, args));
        bs.push(await redisBenchmarkOne(real.port, args));
      }
      const a = median(as);
      const b = median(bs);
      console.log(`| ${name} | ${fmt(a)} | ${fmt(b)} | ${percent(a, b)} |`);
    }
  } finally {
    real.stop();
    await ours.close();
  }
}

/** Runs a bench/memory-*.ts script in a fresh `node --expose-gc` and parses its last line (JSON). */
export function memoryScript<T>(file: string, args: string[] = []): Promise<T> {
  const script = fileURLToPath(new URL(`./${file}`, import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    child.stdout.on('data', (d) => (text += d));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(text.trim().split('\n').pop()!) as T) : reject(new Error(`${file} ${args.join(' ')} exited with ${code}`))));
  });
}
