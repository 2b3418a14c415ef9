// Lists with 1,000,000 elements: LPUSH, RPOP and LRANGE 0 99, in-process (our core against
// ioredis-mock) and over the network (our server against a real redis-server, redis-benchmark -P 16).
import RedisMock from 'ioredis-mock';
import { performance } from 'node:perf_hooks';
import { coreExec, fmt, measure, networkTable, ratio, redisBenchmarkOne, ROUNDS, tableHead, type Op } from './lib.js';

const SIZE = 1_000_000;
const KEY = 'biglist';
const value = 'x'.repeat(16);

/**
 * The median rate of `n` calls of `op` over ROUNDS rounds (after one warm-up round), each after an
 * untimed `setup`: for ops that change the list's size, so every round starts from the same list.
 */
async function fixedRounds(setup: () => unknown, op: Op, n: number, isAsync = false): Promise<number> {
  const rates: number[] = [];
  for (let r = 0; r < ROUNDS + 1; r++) {
    await setup();
    const start = performance.now();
    for (let i = 0; i < n; i++) {
      if (isAsync) await op();
      else op();
    }
    const ms = performance.now() - start;
    if (r > 0) rates.push((n / ms) * 1000);
  }
  rates.sort((x, y) => x - y);
  return rates[Math.floor(rates.length / 2)];
}

async function inProcess(): Promise<void> {
  const exec = coreExec();
  const mock = new RedisMock();
  const chunk = Array.from({ length: 10_000 }, (_, i) => `element:${i}`);
  for (let i = 0; i < SIZE; i += chunk.length) {
    exec(['RPUSH', KEY, ...chunk]);
    await mock.rpush(KEY, ...chunk);
  }
  const llen = () => exec(['LLEN', KEY]) as number;
  const pushArgv = ['LPUSH', KEY, value];
  const popArgv = ['RPOP', KEY];
  const rangeArgv = ['LRANGE', KEY, '0', '99'];
  // LPUSH and RPOP alone change the list's size: rounds of N calls, each from a list of 1M.
  const N = 200_000;
  const backTo1M = () => exec(['LTRIM', KEY, String(llen() - SIZE), '-1']);
  const upTo1MPlusN = () => {
    while (llen() < SIZE + N) exec(['RPUSH', KEY, ...chunk]);
  };
  // ioredis-mock's list is a JS array: each LPUSH is an unshift, O(n), so a few calls a round.
  const M = 3;
  const rows: Array<[string, () => Promise<number>, () => Promise<number>]> = [
    ['LPUSH + RPOP (a pair)', () => measure(() => (exec(pushArgv), exec(popArgv))), () => measure(async () => (await mock.lpush(KEY, value), await mock.rpop(KEY)), 2, true)],
    ['LRANGE 0 99', () => measure(() => exec(rangeArgv)), () => measure(() => mock.lrange(KEY, 0, 99), 2, true)],
    ['LPUSH', () => fixedRounds(backTo1M, () => exec(pushArgv), N), () => fixedRounds(() => {}, () => mock.lpush(KEY, value), M, true)],
    ['RPOP', () => fixedRounds(upTo1MPlusN, () => exec(popArgv), N), () => fixedRounds(() => {}, () => mock.rpop(KEY), M, true)],
  ];
  tableHead(`\nLists in-process, a 1,000,000-element list (median ops/s of ${ROUNDS} rounds)`, ['command', 'localredis core', 'ioredis-mock', 'core / mock']);
  for (const [name, core, mockOp] of rows) {
    const a = await core();
    const b = await mockOp();
    console.log(`| ${name} | ${fmt(a)} | ${fmt(b)} | ${ratio(a, b)} |`);
  }
}

async function overServer(): Promise<void> {
  const n = process.env.BENCH_N ?? '1000000';
  const base = ['-P', '16', '-q'];
  const fill = ['-P', '1000', '-q', '-n', String(SIZE), 'RPUSH', KEY, value];
  await networkTable(
    '\nLists over the network: redis-benchmark -P 16 on a 1,000,000-element list (requests/s)',
    [
      // 1M elements, then LPUSH takes it to 2M and RPOP back to 1M.
      ['LPUSH', [...base, '-n', n, 'LPUSH', KEY, value]],
      ['RPOP', [...base, '-n', n, 'RPOP', KEY]],
      ['LRANGE 0 99', [...base, '-n', '200000', 'LRANGE', KEY, '0', '99']],
    ],
    (port) => redisBenchmarkOne(port, fill),
  );
}

// The network part first, so the in-process part's big heap does not slow our server's GC.
export async function benchList(): Promise<void> {
  await overServer();
  await inProcess();
}
