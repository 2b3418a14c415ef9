// Sets: SADD and SISMEMBER on a 1,000,000-member set, SINTER of two 10,000-member sets (5,000 in
// common), in-process (our core against ioredis-mock and a plain Set) and over the network (our
// server against a real redis-server, redis-benchmark -P 16), plus heap bytes per member
// (bench/memory-set.ts, its own process).
import RedisMock from 'ioredis-mock';
import { coreExec, fewCalls, fmt, fmtSlow, measure, memoryScript, networkTable, percent, preload, randIntName, ratio, ROUND_MS, ROUNDS, tableHead, type Op } from './lib.js';

const SIZE = 1_000_000;
const KEY = 'bigset';
const SMALL = 10_000;
const memberName = (i: number) => randIntName('m:', i);
/** The two 10,000-member sets: members 0..9999 and 5000..14999. */
const SMALL_SETS: Array<[string, number]> = [
  ['small:a', 0],
  ['small:b', SMALL / 2],
];

/** SADD of 1,000 members per command: the big set, then the two small ones. */
function* sadds(): Generator<string[]> {
  const sadd = function* (key: string, from: number, to: number) {
    for (let i = from; i < to; i += 1000) {
      const argv = ['SADD', key];
      for (let j = i; j < i + 1000; j++) argv.push(memberName(j));
      yield argv;
    }
  };
  yield* sadd(KEY, 0, SIZE);
  for (const [key, from] of SMALL_SETS) yield* sadd(key, from, from + SMALL);
}

async function inProcess(): Promise<void> {
  const exec = coreExec();
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
  // ioredis-mock copies a whole set on each call (a SADD or SISMEMBER on 1,000,000 members takes
  // seconds): 2 calls after a warm-up on the big set.
  const rows: Array<[string, Op, () => Promise<number>, Op, number]> = [
    ['SADD (existing member)', () => (sink[0] = exec(['SADD', KEY, next()])), () => fewCalls(() => mock.sadd(KEY, next()), 2), () => (sink[0] = plain.add(next())), 1000],
    ['SISMEMBER', () => (sink[0] = exec(['SISMEMBER', KEY, next()])), () => fewCalls(() => mock.sismember(KEY, next()), 2), () => (sink[0] = plain.has(next())), 1000],
    [
      'SINTER of two 10,000-member sets', () => (sink[0] = exec(sinter)), () => measure(() => mock.sinter(SMALL_SETS[0][0], SMALL_SETS[1][0]), 1, true),
      () => (sink[0] = plainInter()), 10,
    ],
  ];
  tableHead(
    `\nSets in-process, a 1,000,000-member set (median ops/s of ${ROUNDS} rounds of ${ROUND_MS} ms; ioredis-mock: 2 calls after a warm-up on the big set)`,
    ['command', 'localredis core', 'ioredis-mock', 'plain Set', 'core / mock', 'core / Set'],
  );
  for (const [name, core, mockRate, setOp, batch] of rows) {
    const a = await measure(core, batch);
    const b = await mockRate();
    const c = await measure(setOp, batch);
    console.log(`| ${name} | ${fmt(a)} | ${fmtSlow(b)} | ${fmt(c)} | ${ratio(a, b)} | ${percent(a, c)} |`);
  }
  if (exec(['SCARD', KEY]) !== SIZE) console.log('(the set did not keep its size)');
}

async function overServer(): Promise<void> {
  const n = process.env.BENCH_N ?? '1000000';
  const base = ['-P', '16', '-q', '-n', n, '-r', String(SIZE)];
  // SINTER replies 5,000 members: fewer requests, or a run would take minutes.
  const interN = String(Math.max(1000, Math.floor(Number(n) / 200)));
  await networkTable(
    '\nSets over the network: redis-benchmark -P 16 on a 1,000,000-member set (requests/s)',
    [
      ['SADD (existing member)', [...base, 'SADD', KEY, 'm:__rand_int__']],
      ['SISMEMBER', [...base, 'SISMEMBER', KEY, 'm:__rand_int__']],
      ['SINTER of two 10,000-member sets', ['-P', '16', '-q', '-n', interN, 'SINTER', SMALL_SETS[0][0], SMALL_SETS[1][0]]],
    ],
    (port) => preload(port, sadds()),
  );
}

async function memory(): Promise<void> {
  const m = await memoryScript<{ plainBytesPerMember: number; setBytesPerMember: number; encoding: string }>('memory-set.ts');
  tableHead('\nSet memory: heap bytes per member of a 1,000,000-member set after GC (members `member:N`)', ['structure', 'bytes per member', 'vs plain Set']);
  console.log(`| plain Set<string> | ${m.plainBytesPerMember.toFixed(1)} | 1.00x |`);
  console.log(`| localredis set (${m.encoding}) | ${m.setBytesPerMember.toFixed(1)} | ${(m.setBytesPerMember / m.plainBytesPerMember).toFixed(2)}x |`);
}

export async function benchSet(): Promise<void> {
  await inProcess();
  await overServer();
  await memory();
}
