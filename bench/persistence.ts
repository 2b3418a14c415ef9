// Persistence in Chromium (bench/persistence-page): the load time of 100,000 and 1,000,000 string
// keys of ~100 bytes, command latency while a snapshot of 1,000,000 keys is written, and SET
// writes/s with each appendfsync next to the engine in memory (a private Worker, and a named
// database without the log: the same worker as the persisted runs), idb-keyval's set() and Dexie's
// put() doing the same writes, one awaited at a time and 100 in flight, and everysec in shared mode
// (a SharedWorker) next to a SharedWorker in memory and a named one without the log; every writer
// runs once per round, in turn, and the tables show medians (the machine is shared and noisy).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { build } from 'vite';
import { launchChromium, serveStatic } from '../test/e2e/chromium.js';
import { fmt, median, medianRatio, ratio } from './lib.js';
import { ThreadCpuMeter, type ThreadCpu } from './thread-cpu.js';

const here = fileURLToPath(new URL('./persistence-page/', import.meta.url));
/** Keys of the large runs (BENCH_PERSIST_KEYS to try fewer). */
const BIG = Number(process.env.BENCH_PERSIST_KEYS ?? 1_000_000);
const WRITE_MS = Number(process.env.BENCH_PERSIST_WRITE_MS ?? 1500);
/** Rounds of the write runs (every writer once per round, in turn); the table shows medians. */
const ROUNDS = Number(process.env.BENCH_PERSIST_ROUNDS ?? 5);
/** BENCH_PERSIST_WRITES_ONLY=1: only the writes/s table (quick runs while working on the log). */
const WRITES_ONLY = process.env.BENCH_PERSIST_WRITES_ONLY === '1';
/**
 * BENCH_PERSIST_SUSTAINED=1: only the sustained storm and a rewrite of its keys alone
 * (sustainedSection, ~4 minutes; a full run ends with it). BENCH_CPU_THREADS=1 adds its CPU per
 * SET by thread name.
 */
const SUSTAINED = process.env.BENCH_PERSIST_SUSTAINED === '1';
/** Rounds of the sustained storm: its ratio swung 72-114% between runs of 3 on this 2-core VM. */
const SUSTAINED_ROUNDS = 5;

type Bench = {
  fill(name: string, n: number): Promise<{ ms: number; saveMs: number }>;
  load(name: string): Promise<{ ms: number; keys: number }>;
  start(): Promise<number>;
  latency(name: string): Promise<Record<string, number>>;
  clientWrites(mode: string, ms: number, inflight: number): Promise<number>;
  sustainedWrites(mode: string, warm: number, n: number): Promise<{ rate: number; rewrites: number }>;
  rewriteAlone(keys: number, logged: number): Promise<{ ms: number }>;
  idbKeyvalWrites(ms: number, inflight: number): Promise<number>;
  dexieWrites(ms: number, inflight: number): Promise<number>;
};

function inPage<A extends unknown[], R>(page: Page, fn: keyof Bench, ...args: A): Promise<R> {
  return page.evaluate(
    ([fn, args]) => ((globalThis as unknown as { bench: Record<string, (...a: unknown[]) => Promise<unknown>> }).bench[fn as string](...(args as unknown[]))),
    [fn, args] as const,
  ) as Promise<R>;
}

const ms = (n: number) => `${n < 10 ? n.toFixed(2) : n.toFixed(0)} ms`;

/** Load times, and command latency while a snapshot is written. */
async function loadSections(page: Page): Promise<void> {
  const empty = await inPage<[], number>(page, 'start');
  console.log('\nPersistence in Chromium: loading a snapshot of N string keys of ~100 bytes (createClient to ready, a new worker included)');
  console.log('| keys | fill (MSET) | SAVE | load | keys loaded |');
  console.log('|---:|---:|---:|---:|---:|');
  console.log(`| 0 (no name: a worker, nothing to load) | | | ${ms(empty)} | 0 |`);
  for (const n of [100_000, BIG]) {
    const f = await inPage<[string, number], { ms: number; saveMs: number }>(page, 'fill', `load-${n}`, n);
    const l = await inPage<[string], { ms: number; keys: number }>(page, 'load', `load-${n}`);
    console.log(`| ${fmt(n)} | ${ms(f.ms)} | ${ms(f.saveMs)} | ${ms(l.ms)} | ${fmt(l.keys)} |`);
  }

  const lat = await inPage<[string], Record<string, number>>(page, 'latency', `load-${BIG}`);
  console.log(`\nAwaited SET/GET round trips (page -> worker -> page) on ${fmt(BIG)} keys, idle and while BGSAVE writes a snapshot`);
  console.log('| | p50 | p99 | max | commands | snapshot took |');
  console.log('|---|---:|---:|---:|---:|---:|');
  console.log(`| idle | ${ms(lat.idleP50)} | ${ms(lat.idleP99)} | ${ms(lat.idleMax)} | 3,000 | |`);
  console.log(`| during BGSAVE | ${ms(lat.p50)} | ${ms(lat.p99)} | ${ms(lat.max)} | ${fmt(lat.commands)} | ${ms(lat.saveMs)} |`);
}

/**
 * Everysec against in memory in a sustained storm (dedicated mode, 100 in flight, 100,000 keys): a
 * worker warmed by 1,000,000 SETs, then 300,000 measured, SUSTAINED_ROUNDS rounds in turns. The writes table's
 * bursts (a fresh worker and database each, 30-40 MB of log) never reach the 64 MB past which
 * automatic rewrites start; here they run, and `everysec, no automatic rewrites` shows their cost;
 * `nolog` (a named database with appendonly no) shows what the named worker costs without a log.
 */
async function sustainedSection(page: Page): Promise<void> {
  const modes = ['memory', 'nolog', 'everysec', 'everysec-norw'] as const;
  const rates = modes.map(() => [] as number[]);
  const rewrites = modes.map(() => [] as number[]);
  // A meter per measured turn: each turn has a worker of its own, and a meter counts the busiest thread of its turns as the worker.
  const meters = new Map(modes.map((m) => [m as string, [] as ThreadCpuMeter[]]));
  await page.exposeFunction('cpuStart', (mode: string) => {
    const meter = ThreadCpuMeter.create();
    if (meter === null) return;
    meters.get(mode)?.push(meter);
    meter.start();
  });
  await page.exposeFunction('cpuStop', (mode: string, ops: number) => meters.get(mode)?.at(-1)?.stop(ops));
  for (let round = 0; round < SUSTAINED_ROUNDS; round++) {
    for (let m = 0; m < modes.length; m++) {
      const r = await inPage<[string, number, number], { rate: number; rewrites: number }>(page, 'sustainedWrites', modes[m], 1_000_000, 300_000);
      rates[m].push(r.rate);
      rewrites[m].push(r.rewrites);
    }
  }
  console.log(`\nA sustained storm: SET writes/s, 100 in flight, after 1,000,000 SETs warmed the worker (300,000 measured, median of ${SUSTAINED_ROUNDS} rounds in turns)`);
  console.log('| writer | SET/s | rewrites while measured | against in memory (median of the rounds\' ratios) |');
  console.log('|---|---:|---:|---:|');
  const label = {
    memory: 'in memory (a private Worker)', nolog: 'a named database, appendonly no (its worker, nothing logged)',
    everysec: 'appendfsync everysec', 'everysec-norw': 'everysec, no automatic rewrites',
  };
  for (let m = 0; m < modes.length; m++) {
    const vs = m === 0 ? '' : `${(medianRatio(rates[m], rates[0]) * 100).toFixed(0)}%`;
    console.log(`| ${label[modes[m]]} | ${fmt(median(rates[m]))} | ${rewrites[m].join(', ')} | ${vs} |`);
  }
  if (meters.get('memory')!.length === 0) return;
  // The engine's worker is the busiest; the IO worker, IndexedDB's threads in the browser and V8's GC helpers are "other".
  console.log('\nCPU per SET of those measured SETs (mean of the rounds), from /proc');
  console.log('| writer | page thread | engine\'s worker | browser\'s other threads | all | other processes meanwhile |');
  console.log('|---|---:|---:|---:|---:|---:|');
  const us = (x: number) => `${x.toFixed(2)} µs`;
  /** The mean over `mode`'s meters of each figure, null when none measured. */
  const cpuOf = (mode: string) => {
    const cs = meters.get(mode)!.map((meter) => meter.result()).filter((c) => c !== null);
    if (cs.length === 0) return null;
    const f = (k: keyof ThreadCpu) => cs.reduce((x, c) => x + c[k], 0) / cs.length;
    return { page: f('page'), worker: f('worker'), other: f('otherThreads'), all: f('page') + f('worker') + f('otherThreads'), othersCores: f('othersCores') };
  };
  for (const m of modes) {
    const c = cpuOf(m);
    if (c !== null) console.log(`| ${label[m]} | ${us(c.page)} | ${us(c.worker)} | ${us(c.other)} | ${us(c.all)} | ${c.othersCores.toFixed(2)} cores |`);
  }
  // What one automatic rewrite of the storm's keys costs, alone (the storm does one every ~300,000 SETs).
  const rw: number[] = [];
  meters.set('rewrite', []);
  for (let round = 0; round < 3; round++) rw.push((await inPage<[number, number], { ms: number }>(page, 'rewriteAlone', 100_000, 400_000)).ms);
  const c = cpuOf('rewrite');
  if (c !== null) {
    console.log(`\nOne BGREWRITEAOF of 100,000 keys alone, after 400,000 SETs (median of 3): ${fmt(median(rw))} ms; CPU per key: page ${us(c.page)}, engine's worker ${us(c.worker)}, others ${us(c.other)}, all ${us(c.all)}`);
  }
  if (process.env.BENCH_CPU_THREADS === '1') {
    for (const m of modes) {
      const sums = new Map<string, number>();
      for (const meter of meters.get(m)!) for (const [k, v] of meter.byThread()) sums.set(k, (sums.get(k) ?? 0) + v / meters.get(m)!.length);
      const top = [...sums].sort((x, y) => y[1] - x[1]).slice(0, 8);
      console.log(`${label[m]}: ${top.map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ')}`);
    }
  }
}

export async function benchPersistence(): Promise<void> {
  const outDir = await mkdtemp(join(tmpdir(), 'lr-bench-page-'));
  await build({
    root: here, base: './', logLevel: 'warn', configFile: false,
    build: { outDir, emptyOutDir: true, target: 'es2022', sourcemap: false }, worker: { format: 'es' },
  });
  const { server, url } = await serveStatic(outDir);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    page.setDefaultTimeout(600_000);
    await page.goto(url);
    await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });

    if (SUSTAINED) return await sustainedSection(page);
    if (!WRITES_ONLY) await loadSections(page);

    console.log(
      `\nSET writes/s acknowledged, ~100-byte values (${WRITE_MS} ms each, median of ${ROUNDS} rounds, every writer once per round in turn; ` +
        'idb-keyval: one set() per write; Dexie: one put() per write)',
    );
    console.log('| writer | one awaited at a time | 100 in flight |');
    console.log('|---|---:|---:|');
    const writers: Array<[string, (inflight: number) => Promise<number>]> = [];
    const label: Record<string, string> = {
      memory: 'localredis, in memory (no name: a private Worker)',
      nolog: 'localredis, named, appendonly no (the persisted runs\' worker, nothing logged)',
    };
    for (const mode of ['memory', 'always', 'everysec', 'no', 'nolog']) {
      writers.push([
        label[mode] ?? `localredis, appendfsync ${mode}`,
        (inflight) => inPage<[string, number, number], number>(page, 'clientWrites', mode, WRITE_MS, inflight),
      ]);
    }
    writers.push(['idb-keyval set()', (inflight) => inPage<[number, number], number>(page, 'idbKeyvalWrites', WRITE_MS, inflight)]);
    writers.push(['Dexie put()', (inflight) => inPage<[number, number], number>(page, 'dexieWrites', WRITE_MS, inflight)]);
    // Shared mode (a SharedWorker: `auto` for a named database in Chromium) and its in-memory peer.
    // Each run in a page of its own: a SharedWorker outlives close() while the page that started it
    // lives (the nameless one would be warm and hold its keys from the round before; the named
    // ones would linger, each with its engine and timers).
    const sharedLabel: Record<string, string> = {
      'shared-memory': 'localredis, shared mode, in memory (no name)',
      'shared-nolog': 'localredis, shared mode, named, appendonly no (nothing logged)',
      'shared-everysec': 'localredis, shared mode, appendfsync everysec',
    };
    for (const mode of ['shared-memory', 'shared-nolog', 'shared-everysec']) {
      writers.push([
        sharedLabel[mode],
        async (inflight) => {
          const own = await browser.newPage();
          try {
            own.setDefaultTimeout(600_000);
            await own.goto(url);
            await own.waitForSelector('body[data-ready="true"]', { state: 'attached' });
            // The new page's client warmed up (through a private Worker), as the other rows' is.
            await inPage<[string, number, number], number>(own, 'clientWrites', 'memory', 500, inflight);
            return await inPage<[string, number, number], number>(own, 'clientWrites', mode, WRITE_MS, inflight);
          } finally {
            await own.close();
          }
        },
      ]);
    }
    // samples[writer][inflight 1 | 100][round]
    const samples = writers.map(() => [[] as number[], [] as number[]]);
    for (let round = 0; round < ROUNDS; round++) {
      for (let w = 0; w < writers.length; w++) {
        samples[w][0].push(await writers[w][1](1));
        samples[w][1].push(await writers[w][1](100));
      }
    }
    const rows = writers.map(([name], w): [string, number, number] => [name, median(samples[w][0]), median(samples[w][1])]);
    for (const [name, one, many] of rows) console.log(`| ${name} | ${fmt(one)} | ${fmt(many)} |`);
    const [mem, always, everysec, no, nolog] = rows;
    // Writer w against writer `peer`: the median of each round's ratio (both measured seconds apart).
    const paired = (w: number, k: number, peer: number) => medianRatio(samples[w][k], samples[peer][k]) * 100;
    const kvOne = rows[5][1];
    const kvMany = rows[5][2];
    const dxOne = rows[6][1];
    const dxMany = rows[6][2];
    console.log(
      `\neverysec / in memory: ${((everysec[2] / mem[2]) * 100).toFixed(0)}% (100 in flight; median of the rounds' ratios ${paired(2, 1, 0).toFixed(0)}%), ` +
        `${((everysec[1] / mem[1]) * 100).toFixed(0)}% (one at a time); everysec / appendonly no (same worker): ${((everysec[2] / nolog[2]) * 100).toFixed(0)}% ` +
        `(100 in flight; rounds' ratios ${paired(2, 1, 4).toFixed(0)}%); no / in memory: ${((no[2] / mem[2]) * 100).toFixed(0)}% (100 in flight); ` +
        `always / idb-keyval: ${ratio(always[2], kvOne)} (100 in flight vs idb-keyval awaited), ${ratio(always[1], kvOne)} (both awaited), ${ratio(always[2], kvMany)} (both 100 in flight); ` +
        `always / Dexie: ${ratio(always[2], dxOne)} (100 in flight vs Dexie awaited), ${ratio(always[1], dxOne)} (both awaited), ${ratio(always[2], dxMany)} (both 100 in flight)`,
    );
    const [sharedMem, sharedNolog, sharedEverysec] = [rows[7], rows[8], rows[9]];
    console.log(
      `shared mode: everysec / in memory: ${((sharedEverysec[2] / sharedMem[2]) * 100).toFixed(0)}% (100 in flight; median of the rounds' ratios ${paired(9, 1, 7).toFixed(0)}%), ` +
        `${((sharedEverysec[1] / sharedMem[1]) * 100).toFixed(0)}% (one at a time); everysec / appendonly no (a new SharedWorker each): ` +
        `${((sharedEverysec[2] / sharedNolog[2]) * 100).toFixed(0)}% (100 in flight; rounds' ratios ${paired(9, 1, 8).toFixed(0)}%)`,
    );
    if (!WRITES_ONLY) await sustainedSection(page);
  } finally {
    await browser.close();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await rm(outDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await benchPersistence();
