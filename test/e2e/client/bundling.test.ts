// The published package in a Vite app, with no configuration: the library is built as
// `npm run build` builds it, installed into a fresh app's node_modules, and the app is built
// (`vite build`) and served (`vite preview`, and `vite` in dev mode with dependency
// pre-bundling). In real Chromium, createClient() in its default mode starts the bundled worker
// and commands run through it.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { build, createServer, preview } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../chromium.js';

const ROOT = resolve(__dirname, '../../..');

let dir: string;
let app: string;
let browser: Browser;

const MAIN = `import { createClient } from 'localredis';
try {
  const redis = await createClient();
  await redis.set('k', 'v');
  const [n, v, h] = await Promise.all([redis.incr('n'), redis.get('k'), redis.hset('h', { a: 1 })]);
  // Through the worker, batches are packed: text, bytes and errors must come back exactly.
  await redis.set('bin', new Uint8Array([0, 255, 128]));
  await redis.set('é', 'ünïcødé ✓');
  const checks = [
    Array.from(await redis.getBuffer('bin')).join(','),
    await redis.get('é'),
    JSON.stringify(await redis.multi().incr('n').lpush('k', 'x').exec()),
    await redis.incr('k').catch((e) => e.name + ': ' + e.message),
  ];
  // A named database: one engine for every tab, in the bundled SharedWorker.
  const named = await createClient({ name: 'bundled' });
  checks.push(named.mode + ' ' + (await named.incr('tabs')));
  let failed = 'no error';
  await createClient({ workerUrl: '/nowhere.js' }).catch((e) => (failed = e.message));
  document.title = ['ok', n, v, h, JSON.stringify(await redis.hgetall('h')), ...checks, failed].join(' | ');
} catch (e) {
  document.title = 'error ' + e.message;
}
`;

const EXPECTED = [
  'ok', 1, 'v', 1, '{"a":"1"}', '0,255,128', 'ünïcødé ✓',
  '[[null,2],[{"name":"RedisError","code":"WRONGTYPE"}]]',
  'RedisError: ERR value is not an integer or out of range',
  'shared 1',
  'localredis worker failed: could not load the worker script',
].join(' | ');

/**
 * The page's title once the app has run, and the workers it started: the default client's, and
 * the IO worker the named database's SharedWorker asked it for (waited for: it starts on its own).
 */
async function titleOf(url: string): Promise<{ title: string; workers: string[] }> {
  const page = await browser.newPage();
  try {
    await page.goto(url);
    await page.waitForFunction(() => /^(ok|error)/.test(document.title), null, { timeout: 30_000 });
    const io = () => page.workers().some((w) => /\/io-worker[^/]*\.js$/.test(new URL(w.url()).pathname));
    for (let i = 0; i < 200 && !io(); i++) await new Promise((r) => setTimeout(r, 50));
    return { title: await page.title(), workers: page.workers().map((w) => new URL(w.url()).pathname) };
  } finally {
    await page.close();
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'localredis-bundling-'));
  // The package as npm would install it: package.json and the library build.
  const pkg = join(dir, 'app/node_modules/localredis');
  mkdirSync(pkg, { recursive: true });
  await build({ configFile: join(ROOT, 'vite.config.ts'), root: ROOT, logLevel: 'warn', build: { outDir: join(pkg, 'dist'), emptyOutDir: true, sourcemap: false } });
  cpSync(join(ROOT, 'package.json'), join(pkg, 'package.json'));
  symlinkSync(join(ROOT, 'node_modules/idb'), join(dir, 'app/node_modules/idb'));
  app = join(dir, 'app');
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module', dependencies: { localredis: '*' } }));
  writeFileSync(join(app, 'index.html'), '<!doctype html><script type="module" src="/main.js"></script>');
  writeFileSync(join(app, 'main.js'), MAIN);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('bundling the client in a Vite app', () => {
  it("the published client keeps new Worker(new URL('../worker/entry.js', import.meta.url)) and the SharedWorker's as written", () => {
    const client = readFileSync(join(app, 'node_modules/localredis/dist/client/index.js'), 'utf8');
    expect(client).toContain('new Worker(new URL("../worker/entry.js", import.meta.url), { type: "module" })');
    expect(client).toContain('new SharedWorker(new URL("../worker/shared-entry.js", import.meta.url), {');
    expect(readdirSync(join(app, 'node_modules/localredis/dist'))).not.toContain('assets');
    // The engine's IO worker (persistence/io-store.ts) too, relative to the chunk that starts it.
    const dist = join(app, 'node_modules/localredis/dist');
    const chunks = readdirSync(dist).filter((f) => f.endsWith('.js')).map((f) => readFileSync(join(dist, f), 'utf8'));
    expect(chunks.some((c) => c.includes('new Worker(new URL("./persistence/io-worker.js", import.meta.url), { type: "module" })'))).toBe(true);
    expect(readdirSync(join(dist, 'persistence'))).toContain('io-worker.js');
    // And the page's, for a SharedWorker (client/io.ts, a chunk of its own: loaded when asked).
    expect(chunks.filter((c) => c.includes('new Worker(new URL("./persistence/io-worker.js", import.meta.url), { type: "module" })'))).toHaveLength(2);
  });

  it('vite build bundles the worker; the page runs commands through it', async () => {
    await build({ root: app, configFile: false, logLevel: 'warn', build: { outDir: join(app, 'dist') } });
    const assets = readdirSync(join(app, 'dist/assets'));
    const worker = assets.find((f) => f.startsWith('entry-'));
    expect(worker).toBeDefined();
    expect(assets.find((f) => f.startsWith('shared-entry-'))).toBeDefined();
    const io = assets.find((f) => f.startsWith('io-worker-'));
    expect(io).toBeDefined();
    // The page's own chunk is the client (and a few lines of app): within the 8 KB min+gzip budget.
    const main = assets.find((f) => f.startsWith('index-') && f.endsWith('.js'))!;
    expect(gzipSync(readFileSync(join(app, 'dist/assets', main))).length).toBeLessThan(8 * 1024);
    const server = await preview({ root: app, configFile: false, logLevel: 'warn', preview: { port: 0, host: '127.0.0.1' }, build: { outDir: join(app, 'dist') } });
    try {
      const { title, workers } = await titleOf(server.resolvedUrls!.local[0]);
      expect(title).toBe(EXPECTED);
      expect(workers).toEqual([`/assets/${worker}`, `/assets/${io}`]);
    } finally {
      await server.close();
    }
  }, 120_000);

  it('the dev server (with dependency pre-bundling) serves the worker too', async () => {
    const server = await createServer({ root: app, configFile: false, logLevel: 'warn', server: { port: 0, host: '127.0.0.1' } });
    await server.listen();
    try {
      const { title, workers } = await titleOf(server.resolvedUrls!.local[0]);
      expect(title).toBe(EXPECTED);
      expect(workers).toEqual(['/node_modules/localredis/dist/worker/entry.js', '/node_modules/localredis/dist/persistence/io-worker.js']);
    } finally {
      await server.close();
    }
  }, 120_000);
});
