// The client in inline mode (the whole path a page's command takes: typed method, batching per
// microtask, wire replies, decoding; no postMessage): SET and GET ops/s with auto-pipelining
// (1,000 commands in flight) and one awaited command at a time, next to ioredis-mock and the core
// called directly.
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import RedisMock from 'ioredis-mock';
import { launchChromium } from '../test/e2e/chromium.js';
import { createServer } from 'vite';
import { createClient } from '../src/client/index.js';
import { createEngine } from '../src/core/index.js';
import { fmt, measure, ratio, ROUND_MS, ROUNDS, type Op } from './lib.js';
import { ThreadCpuMeter } from './thread-cpu.js';

const KEYS = 10_000;
const keys = Array.from({ length: KEYS }, (_, i) => `key:${i}`);
const value = 'x'.repeat(100);
let i = 0;
const nextKey = () => keys[i++ % KEYS];

/** ops/s of `op` awaited one at a time, in rounds of `n` calls (median of ROUNDS after a warm-up). */
async function sequential(op: () => Promise<unknown>, n = 20_000): Promise<number> {
  const rates: number[] = [];
  for (let r = 0; r < ROUNDS + 1; r++) {
    const start = performance.now();
    for (let k = 0; k < n; k++) await op();
    if (r > 0) rates.push((n / (performance.now() - start)) * 1000);
  }
  rates.sort((a, b) => a - b);
  return rates[Math.floor(rates.length / 2)];
}


interface BrowserFigures {
  echoLatency: { p50: number; p99: number };
  getLatency: { p50: number; p99: number };
  rawBatched: number;
  rawPacked: number;
  rawBytes: number;
  getSetStrings: number;
  getSetPipelined: number;
  getPipelined: number;
  setPipelined: number;
  idbGetLatency: { p50: number; p99: number };
  idbSetLatency: { p50: number; p99: number };
  idbGetConcurrent: number;
  idbSetConcurrent: number;
  lfGetLatency: { p50: number; p99: number };
  lfSetLatency: { p50: number; p99: number };
  lfGetConcurrent: number;
  lfSetConcurrent: number;
  lfDriver: string;
  inFlight: Array<{ n: number; client: number; raw: number }>;
}

/** The page bench/browser/client.html in Chromium, served by Vite's dev server. */
async function inChromium(): Promise<void> {
  const root = fileURLToPath(new URL('./browser/', import.meta.url));
  // Cross-origin isolation gives performance.now() a 5 µs grain instead of 100 µs.
  const headers = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
  const server = await createServer({ root, configFile: false, logLevel: 'warn', server: { port: 0, host: '127.0.0.1', headers, hmr: false }, optimizeDeps: { include: ['idb-keyval', 'idb', 'localforage'] } });
  await server.listen();
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const meter = ThreadCpuMeter.create();
    if (meter !== null) {
      await page.exposeFunction('cpuStart', () => meter.start());
      await page.exposeFunction('cpuStop', (ops: number) => meter.stop(ops));
    }
    await page.goto(new URL('client.html', server.resolvedUrls!.local[0]).href);
    await page.waitForFunction(() => document.title === 'ready', null, { timeout: 60_000 });
    if (!(await page.evaluate(() => crossOriginIsolated))) console.warn('not cross-origin isolated: timings have a 100 µs grain');
    const f = await page.evaluate(() => (window as unknown as { runClientBench(): Promise<BrowserFigures> }).runClientBench());
    const us = (x: number) => `${x.toFixed(0)} µs`;
    console.log('\nClient in Chromium, through its dedicated worker (same page, same run; the latencies and the GET/SET rate are measured in turns with their references)');
    console.log('| measure | localredis | reference | ratio |');
    console.log('|---|---:|---:|---:|');
    console.log(`| sequential awaited GET, p50 | ${us(f.getLatency.p50)} | ${us(f.echoLatency.p50)} (raw postMessage echo) | ${(f.getLatency.p50 / f.echoLatency.p50).toFixed(2)}x |`);
    console.log(`| sequential awaited GET, p99 | ${us(f.getLatency.p99)} | ${us(f.echoLatency.p99)} (raw postMessage echo) | ${(f.getLatency.p99 / f.echoLatency.p99).toFixed(2)}x |`);
    console.log(`| GET/SET 1:1, auto-pipelined (1,000 in flight), ops/s | ${fmt(f.getSetPipelined)} | ${fmt(f.rawBatched)} (raw batched postMessage echo, commands/s) | ${((f.getSetPipelined / f.rawBatched) * 100).toFixed(0)}% |`);
    console.log(`| GET/SET 1:1, auto-pipelined, ops/s | ${fmt(f.getSetPipelined)} | ${fmt(f.rawPacked)} (raw echo of the same batches packed in one string, commands/s) | ${((f.getSetPipelined / f.rawPacked) * 100).toFixed(0)}% |`);
    console.log(`| GET/SET 1:1, auto-pipelined, ops/s | ${fmt(f.getSetPipelined)} | ${fmt(f.rawBytes)} (raw echo of the same packed batches as bytes in one transferred buffer, commands/s) | ${((f.getSetPipelined / f.rawBytes) * 100).toFixed(0)}% |`);
    console.log(`| GET/SET 1:1, auto-pipelined, ops/s | ${fmt(f.getSetPipelined)} | ${fmt(f.getSetStrings)} (the same client with every microtask in one message, a packed string each way: the transport before transferred buffers) | ${ratio(f.getSetPipelined, f.getSetStrings)} |`);
    console.log(`| GET, auto-pipelined, ops/s | ${fmt(f.getPipelined)} | ${fmt(f.idbGetConcurrent)} (idb-keyval get, 1,000 concurrent) | ${ratio(f.getPipelined, f.idbGetConcurrent)} |`);
    console.log(`| SET, auto-pipelined, ops/s | ${fmt(f.setPipelined)} | ${fmt(f.idbSetConcurrent)} (idb-keyval set, 1,000 concurrent) | ${ratio(f.setPipelined, f.idbSetConcurrent)} |`);
    console.log(`| GET, auto-pipelined, ops/s | ${fmt(f.getPipelined)} | ${fmt(f.lfGetConcurrent)} (localForage getItem, ${f.lfDriver}, 1,000 concurrent) | ${ratio(f.getPipelined, f.lfGetConcurrent)} |`);
    console.log(`| SET, auto-pipelined, ops/s | ${fmt(f.setPipelined)} | ${fmt(f.lfSetConcurrent)} (localForage setItem, ${f.lfDriver}, 1,000 concurrent) | ${ratio(f.setPipelined, f.lfSetConcurrent)} |`);
    console.log(`| sequential awaited GET vs idb-keyval get, p50 | ${us(f.getLatency.p50)} | ${us(f.idbGetLatency.p50)} | ${(f.idbGetLatency.p50 / f.getLatency.p50).toFixed(1)}x faster |`);
    console.log(`| sequential awaited GET vs localForage getItem, p50 | ${us(f.getLatency.p50)} | ${us(f.lfGetLatency.p50)} | ${(f.lfGetLatency.p50 / f.getLatency.p50).toFixed(1)}x faster |`);
    console.log(`| sequential awaited SET: idb-keyval set / localForage setItem, p50 | - | ${us(f.idbSetLatency.p50)} / ${us(f.lfSetLatency.p50)} | - |`);
    console.log('\nGET/SET 1:1 through the worker by commands in flight, next to the raw echo of that many commands packed as bytes in one transferred buffer (in turns, same page)');
    console.log('| commands in flight | client, ops/s | raw echo, commands/s | client / raw |');
    console.log('|---:|---:|---:|---:|');
    for (const r of f.inFlight) console.log(`| ${fmt(r.n)} | ${fmt(r.client)} | ${fmt(r.raw)} | ${((r.client / r.raw) * 100).toFixed(0)}% |`);
    const cpu = meter?.result();
    if (cpu) {
      // The page and the worker run in parallel, each on a core: the busier one bounds the rate.
      const bound = 1e6 / Math.max(cpu.page, cpu.worker);
      console.log('\nCPU of the GET/SET 1:1 auto-pipelined turns above (the rate in its first row), per operation, from /proc');
      console.log('| page thread | worker thread | browser\'s other threads | at most (the busier thread alone, on a free core) | other processes meanwhile |');
      console.log('|---:|---:|---:|---:|---:|');
      console.log(`| ${cpu.page.toFixed(2)} µs | ${cpu.worker.toFixed(2)} µs | ${cpu.otherThreads.toFixed(2)} µs | ${fmt(bound)} ops/s | ${cpu.othersCores.toFixed(2)} of ${availableParallelism()} cores busy |`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

/** Sizes of esbuild's minified bundle of an entry (one file), plain and gzipped. */
async function bundleSize(entry: string, external: string[] = []): Promise<[number, number]> {
  // esbuild comes with tsx (a devDependency).
  const { build } = await import('esbuild');
  const { gzipSync } = await import('node:zlib');
  const r = await build({
    entryPoints: [fileURLToPath(new URL(entry, import.meta.url))], bundle: true, minify: true, format: 'esm', write: false,
    platform: 'browser', target: 'es2022', logLevel: 'silent', external,
  });
  const code = r.outputFiles[0].contents;
  return [code.length, gzipSync(code).length];
}

async function sizes(): Promise<void> {
  const kb = (n: number) => `${(n / 1024).toFixed(2)} KB`;
  // The inline host (inline mode) and the tab election (dedicated mode on a named database) are
  // imported lazily: chunks of their own in an app's bundle.
  const [cMin, cGz] = await bundleSize('../src/client/index.ts', ['../worker/inline.js', './tabs.js']);
  const [tMin, tGz] = await bundleSize('../src/client/tabs.ts');
  const [wMin, wGz] = await bundleSize('../src/worker/entry.ts');
  console.log('\nSizes (esbuild --bundle --minify, one file each, gzip -6)');
  console.log('| bundle | min | min+gzip |');
  console.log('|---|---:|---:|');
  console.log(`| client entry (src/client/index.ts, without the lazily imported inline host and tab election) | ${kb(cMin)} | ${kb(cGz)} |`);
  console.log(`| tab election (src/client/tabs.ts, loaded in dedicated mode on a named database) | ${kb(tMin)} | ${kb(tGz)} |`);
  console.log(`| worker (src/worker/entry.ts: engine, persistence, host) | ${kb(wMin)} | ${kb(wGz)} |`);
}

export async function benchClient(): Promise<void> {
  await sizes();
  await inNode();
  if (process.env.BENCH_BROWSER !== '0') await inChromium();
}

async function inNode(): Promise<void> {
  const redis = await createClient({ mode: 'inline' });
  const mock = new RedisMock();
  const engine = createEngine();
  const s = engine.createSession();
  for (const k of keys) {
    await redis.set(k, value);
    await mock.set(k, value);
    engine.exec(s, ['SET', k, value]);
  }
  const sink: unknown[] = [null];
  const rows: Array<[string, Op, Op, Op]> = [
    ['SET', () => redis.set(nextKey(), value), () => mock.set(nextKey(), value), () => (sink[0] = engine.exec(s, ['SET', nextKey(), value]))],
    ['GET', () => redis.get(nextKey()), () => mock.get(nextKey()), () => (sink[0] = engine.exec(s, ['GET', nextKey()]))],
  ];
  console.log('\nClient, inline mode (median ops/s of %d rounds of %d ms; auto-pipelined: 1,000 commands per microtask)', ROUNDS, ROUND_MS);
  console.log('| command | client, auto-pipelined | ioredis-mock, same | client / mock | client, one awaited at a time | ioredis-mock, same | core exec() alone | client / core |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const [name, ours, theirs, core] of rows) {
    const a = await measure(ours, 1000, true);
    const b = await measure(theirs, 1000, true);
    const c = await sequential(ours as () => Promise<unknown>);
    const d = await sequential(theirs as () => Promise<unknown>);
    const e = await measure(core);
    console.log(`| ${name} | ${fmt(a)} | ${fmt(b)} | ${ratio(a, b)} | ${fmt(c)} | ${fmt(d)} | ${fmt(e)} | ${((a / e) * 100).toFixed(0)}% |`);
  }
  await redis.close();
}
