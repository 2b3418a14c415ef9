// What every benchmark file shares: median-of-rounds measurement, number formatting, a free port,
// a real redis-server child, and redis-benchmark runs (built-in tests or one custom command).
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { performance } from 'node:perf_hooks';

export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
export const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? 300);

export type Op = () => unknown;

/** Runs `op` in batches for ROUND_MS, ROUNDS times (after one warm-up round); the median ops/s. */
export async function measure(op: Op, batch = 1000, isAsync = false): Promise<number> {
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
