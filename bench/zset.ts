// Sorted sets with 1,000,000 members: ZRANK, ZSCORE, ZRANGE 0 99, ZRANGEBYSCORE with LIMIT 0 10
// and ZADD (a new score for an existing member), in-process (our core against ioredis-mock) and
// over the network (our server against a real redis-server, redis-benchmark -P 16), plus heap
// bytes per member (bench/memory-zset.ts, one process per figure).
//
// ioredis-mock keeps a sorted set as a Map it copies on every read and write, and sorts it for
// every rank or range: an operation on 1,000,000 members takes it about a second. It is preloaded
// through its data store (one Map copy instead of 1,000 growing ones through ZADD) and measured
// for a capped time (at least one call), so the table can be printed at all.
import { performance } from 'node:perf_hooks';
import RedisMock from 'ioredis-mock';
import { coreExec, fmt, fmtSlow, measure, memoryScript, networkTable, preload, randIntName, ratio, ROUND_MS, ROUNDS, tableHead, type Op } from './lib.js';

const SIZE = 1_000_000;
const KEY = 'bigzset';
const memberName = (i: number) => randIntName('m:', i);
/** A flat one-byte string, as our server's parser makes them (a template literal is a cons string). */
const flat = (s: string) => {
  const b = Buffer.from(s, 'latin1');
  return b.toString('latin1');
};
/** How long ioredis-mock gets per row (it needs about a second per call on 1,000,000 members). */
const MOCK_CAP_MS = Number(process.env.BENCH_MOCK_MS ?? 3000);
/** redis-benchmark runs per server and row (the median is kept). */
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

/** Calls an async op one at a time for `capMs` (at least once); ops/s. */
async function measureCapped(op: Op, capMs: number): Promise<number> {
  await op(); // warm-up
  let n = 0;
  const start = performance.now();
  do {
    await op();
    n++;
  } while (performance.now() - start < capMs);
  return (n / (performance.now() - start)) * 1000;
}

async function inProcess(): Promise<void> {
  const exec = coreExec();
  const members = Array.from({ length: SIZE }, (_, i) => flat(memberName(i)));
  const scores = Array.from({ length: SIZE }, (_, i) => flat(String(i)));
  for (let i = 0; i < SIZE; i += 1000) {
    const argv = ['ZADD', KEY];
    for (let j = i; j < i + 1000; j++) argv.push(scores[j], members[j]);
    exec(argv);
  }
  const mock = new RedisMock();
  const mockMap = new Map<string, { score: number; value: string }>();
  for (let i = 0; i < SIZE; i++) mockMap.set(members[i], { score: i, value: members[i] });
  (mock as unknown as { data: { set(k: string, v: unknown): void } }).data.set(KEY, mockMap);

  // A stride through the members, so consecutive calls do not touch neighbours.
  let at = 0;
  const next = () => (at = (at + 7919) % SIZE);
  const sink: unknown[] = [null];
  const rows: Array<[string, Op, Op]> = [
    ['ZRANK', () => (sink[0] = exec(['ZRANK', KEY, members[next()]])), () => mock.zrank(KEY, members[next()])],
    ['ZSCORE', () => (sink[0] = exec(['ZSCORE', KEY, members[next()]])), () => mock.zscore(KEY, members[next()])],
    ['ZRANGE 0 99', () => (sink[0] = exec(['ZRANGE', KEY, '0', '99'])), () => mock.zrange(KEY, 0, 99)],
    [
      'ZRANGEBYSCORE min +inf LIMIT 0 10',
      () => (sink[0] = exec(['ZRANGEBYSCORE', KEY, scores[next()], '+inf', 'LIMIT', '0', '10'])),
      () => mock.zrangebyscore(KEY, next(), '+inf', 'LIMIT', 0, 10),
    ],
    // Last, as over the network: the reads run on the zset as loaded.
    ['ZADD (new score, existing member)', () => (sink[0] = exec(['ZADD', KEY, scores[next()], members[next()]])), () => mock.zadd(KEY, next(), members[next()])],
  ];
  tableHead(
    `\nSorted sets in-process, a 1,000,000-member zset (core: median ops/s of ${ROUNDS} rounds of ${ROUND_MS} ms; ioredis-mock: ${MOCK_CAP_MS} ms per row)`,
    ['command', 'localredis core', 'ioredis-mock', 'core / mock'],
  );
  for (const [name, core, mockOp] of rows) {
    const a = await measure(core);
    const b = await measureCapped(mockOp, MOCK_CAP_MS);
    console.log(`| ${name} | ${fmt(a)} | ${fmtSlow(b)} | ${ratio(a, b)} |`);
  }
  if (exec(['ZCARD', KEY]) !== SIZE) console.log('(the zset did not keep its size)');
}

/** ZADD of 1,000 pairs per command (score i for member i). */
function* zadds(): Generator<string[]> {
  for (let i = 0; i < SIZE; i += 1000) {
    const argv = ['ZADD', KEY];
    for (let j = i; j < i + 1000; j++) argv.push(String(j), memberName(j));
    yield argv;
  }
}

async function overServer(): Promise<void> {
  const n = process.env.BENCH_N ?? '300000';
  const base = (count: string) => ['-P', '16', '-q', '-n', count, '-r', String(SIZE)];
  // ZRANGE 0 99 sends 100 members a call: fewer calls keep the row as long as the others.
  const rangeN = String(Math.max(10000, Math.floor(Number(n) / 5)));
  // ZADD runs last on both servers: the garbage of 300,000 writes would otherwise be collected
  // during the next row on our side, and the reads run on the zset as loaded.
  await networkTable(
    `\nSorted sets over the network: redis-benchmark -P 16 on a 1,000,000-member zset (requests/s, median of ${RUNS} runs each, alternating)`,
    [
      ['ZRANK', [...base(n), 'ZRANK', KEY, 'm:__rand_int__']],
      ['ZSCORE', [...base(n), 'ZSCORE', KEY, 'm:__rand_int__']],
      ['ZRANGE 0 99', [...base(rangeN), 'ZRANGE', KEY, '0', '99']],
      ['ZRANGEBYSCORE min +inf LIMIT 0 10', [...base(n), 'ZRANGEBYSCORE', KEY, '__rand_int__', '+inf', 'LIMIT', '0', '10']],
      ['ZADD (random score and member)', [...base(n), 'ZADD', KEY, '__rand_int__', 'm:__rand_int__']],
    ],
    (port) => preload(port, zadds()),
    RUNS,
  );
}

/** One bench/memory-zset.ts figure, in a fresh `node --expose-gc`. */
const memoryRow = (row: string) => memoryScript<{ bytesPerMember: number; encoding?: string }>('memory-zset.ts', [row]);

async function memory(): Promise<void> {
  const mapInt = await memoryRow('map-int');
  const asc = await memoryRow('zset-int-ascending');
  const shuffled = await memoryRow('zset-int-shuffled');
  const mapFrac = await memoryRow('map-frac');
  const frac = await memoryRow('zset-frac-shuffled');
  const x = (a: number, b: number) => `${(a / b).toFixed(2)}x`;
  tableHead('\nSorted set memory: heap bytes per member of a 1,000,000-member zset after GC (members `member:N`, added by ZADD of 1,000 pairs)', ['structure', 'bytes per member', 'vs plain Map']);
  console.log(`| plain Map<string, number>, integer scores | ${mapInt.bytesPerMember.toFixed(1)} | 1.00x |`);
  console.log(`| localredis zset (${asc.encoding}), integer scores added in order | ${asc.bytesPerMember.toFixed(1)} | ${x(asc.bytesPerMember, mapInt.bytesPerMember)} |`);
  console.log(`| localredis zset (${shuffled.encoding}), integer scores in random order | ${shuffled.bytesPerMember.toFixed(1)} | ${x(shuffled.bytesPerMember, mapInt.bytesPerMember)} |`);
  console.log(`| plain Map<string, number>, fractional scores | ${mapFrac.bytesPerMember.toFixed(1)} | 1.00x |`);
  console.log(`| localredis zset (${frac.encoding}), fractional scores in random order | ${frac.bytesPerMember.toFixed(1)} | ${x(frac.bytesPerMember, mapFrac.bytesPerMember)} |`);
}

export async function benchZset(): Promise<void> {
  await inProcess();
  await overServer();
  await memory();
}
