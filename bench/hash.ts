// Hashes with 1,000,000 fields: HSET (of existing fields) and HGET, in-process (our core against
// ioredis-mock and a plain Map) and over the network (our server against a real redis-server,
// redis-benchmark -P 16), plus heap bytes per field (bench/memory-hash.ts, its own process).
import RedisMock from 'ioredis-mock';
import { coreExec, fewCalls, fmt, fmtSlow, measure, memoryScript, networkTable, percent, preload, randIntName, ratio, ROUND_MS, ROUNDS, tableHead, type Op } from './lib.js';

const SIZE = 1_000_000;
const KEY = 'bighash';
const fieldName = (i: number) => randIntName('f:', i);
const value = 'x'.repeat(16);

/** HSET of 1,000 pairs per command. */
function* hsets(): Generator<string[]> {
  for (let i = 0; i < SIZE; i += 1000) {
    const argv = ['HSET', KEY];
    for (let j = i; j < i + 1000; j++) argv.push(fieldName(j), value);
    yield argv;
  }
}

async function inProcess(): Promise<void> {
  const exec = coreExec();
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
  for (const [, , mockOp] of rows) mocked.push(await fewCalls(mockOp, 3));
  await mock.flushall();
  mock.disconnect();
  tableHead(`\nHashes in-process, a 1,000,000-field hash (median ops/s of ${ROUNDS} rounds of ${ROUND_MS} ms)`, ['command', 'localredis core', 'ioredis-mock', 'plain Map', 'core / mock', 'core / Map']);
  rows.forEach(([name], i) => {
    const [a, b, c] = [core[i], mocked[i], plain[i]];
    console.log(`| ${name} | ${fmt(a)} | ${fmtSlow(b, 100)} | ${fmt(c)} | ${ratio(a, b)} | ${percent(a, c)} |`);
  });
  if (exec(['HLEN', KEY]) !== SIZE) console.log('(the hash did not keep its size)');
}

async function overServer(): Promise<void> {
  const base = ['-P', '16', '-q', '-n', process.env.BENCH_N ?? '1000000', '-r', String(SIZE)];
  await networkTable(
    '\nHashes over the network: redis-benchmark -P 16 on a 1,000,000-field hash (requests/s)',
    [
      ['HSET (existing field)', [...base, 'HSET', KEY, 'f:__rand_int__', value]],
      ['HGET', [...base, 'HGET', KEY, 'f:__rand_int__']],
    ],
    (port) => preload(port, hsets()),
  );
}

async function memory(): Promise<void> {
  const m = await memoryScript<{ mapBytesPerField: number; hashBytesPerField: number; encoding: string }>('memory-hash.ts');
  tableHead('\nHash memory: heap bytes per field of a 1,000,000-field hash after GC (fields `field:N`, values `value:N`)', ['structure', 'bytes per field', 'vs plain Map']);
  console.log(`| plain Map<string, string> | ${m.mapBytesPerField.toFixed(1)} | 1.00x |`);
  console.log(`| localredis hash (${m.encoding}) | ${m.hashBytesPerField.toFixed(1)} | ${(m.hashBytesPerField / m.mapBytesPerField).toFixed(2)}x |`);
}

export async function benchHash(): Promise<void> {
  await inProcess();
  await overServer();
  await memory();
}
