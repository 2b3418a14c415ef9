// The engine's IO worker in real Chromium: a dedicated-mode engine runs its IndexedDB transactions
// in a nested worker (persistence/io-worker.ts); a SharedWorker, which cannot start one, in the IO
// worker of a page it asked (worker/io-ports.ts), and in another page's once that page is gone. A failure there reaches the engine as it would
// from its own thread: another tab upgrading the database makes the IO worker's next transaction
// fail, and writes are refused with MISCONF while reads go on; a database deleted under it is
// reported lost and written again in full, so a reload finds every acknowledged write. (The quota
// cannot be lowered here: CDP's Storage.overrideQuotaForOrigin has no effect in this Chromium;
// test/persistence/remote-store.test.ts fails puts with QuotaExceededError through the same code.)
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, servePage, type ServedPage } from '../chromium.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const available = existsSync(CHROMIUM);

let served: ServedPage | undefined;
let url: string;
let browser: Browser;

beforeAll(async () => {
  if (!available) return;
  served = await servePage(here, 'lr-e2e-io-');
  ({ url, browser } = served);
}, 60_000);

afterAll(async () => {
  await served?.close();
});

type Redis = { call(...a: string[]): Promise<unknown>; close(): Promise<void> };

/** Opens `name` (in dedicated mode unless told) as window.redis. */
async function open(page: Page, name: string, appendfsync: string, mode = 'dedicated'): Promise<void> {
  await page.evaluate(
    async ([name, appendfsync, mode]) => {
      const w = globalThis as unknown as { lr: { createClient(o: object): Promise<Redis> }; redis: Redis };
      w.redis = await w.lr.createClient({ name, appendfsync, mode });
      await w.redis.call('PING');
    },
    [name, appendfsync, mode] as const,
  );
}

/** A command's reply, or its error's message. */
function call(page: Page, ...argv: string[]): Promise<unknown> {
  return page.evaluate(
    (argv) => (globalThis as unknown as { redis: Redis }).redis.call(...argv).catch((e: Error) => `error: ${e.message}`),
    argv,
  );
}

/** Calls until the reply satisfies `ok` (at most `ms`). */
async function callUntil(page: Page, ok: (r: unknown) => boolean, ms: number, ...argv: string[]): Promise<unknown> {
  const end = Date.now() + ms;
  for (;;) {
    const r = await call(page, ...argv);
    if (ok(r) || Date.now() > end) return r;
    await new Promise((res) => setTimeout(res, 100));
  }
}

/** A page of the app, with the client loaded (in `context`: tabs of one profile; else a context of its own). */
async function newPage(context?: BrowserContext): Promise<Page> {
  const page = await (context ?? browser).newPage();
  page.setDefaultTimeout(30_000);
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
  return page;
}

/** Opens IndexedDB database `name` from the page at `version` (another tab upgrading it), or deletes it. */
function touchDatabase(page: Page, name: string, action: 'upgrade' | 'delete'): Promise<string> {
  return page.evaluate(
    ([name, action]) =>
      new Promise<string>((resolve) => {
        const r = action === 'delete' ? indexedDB.deleteDatabase(name) : indexedDB.open(name, 2);
        r.onsuccess = () => {
          if (action === 'upgrade') (r.result as IDBDatabase).close();
          resolve('done');
        };
        r.onerror = () => resolve(`error ${r.error?.name}`);
        r.onblocked = () => resolve('blocked');
      }),
    [name, action] as const,
  );
}

describe.runIf(available)('the IO worker in Chromium', () => {
  it('runs the transactions of a dedicated engine; a failure there refuses writes with MISCONF, reads go on', async () => {
    const page = await newPage();
    try {
      await open(page, 'io-upgraded', 'always');
      // The engine's worker and, nested in it, the IO worker.
      const workers = page.workers().map((w) => new URL(w.url()).pathname);
      expect(workers.some((p) => /\/entry-[^/]*\.js$/.test(p))).toBe(true);
      expect(workers.some((p) => /\/io-worker-[^/]*\.js$/.test(p))).toBe(true);
      expect(await call(page, 'SET', 'before', '1')).toBe('OK');
      // Another tab upgrades the database: the IO worker's connection lets it, and its next
      // transaction fails (a newer version owns the database now).
      expect(await touchDatabase(page, 'localredis:io-upgraded', 'upgrade')).toBe('done');
      expect(await call(page, 'SET', 'refused', '1')).toMatch(
        /^error: MISCONF Errors writing to the AOF file: FormatError: localredis: the database "localredis:io-upgraded" was written by a newer version/,
      );
      expect(await call(page, 'GET', 'before')).toBe('1');
      expect(await call(page, 'SET', 'again', '1')).toMatch(/^error: MISCONF Errors writing to the AOF file: FormatError: /);
      await page.evaluate(() => (globalThis as unknown as { redis: Redis }).redis.close());
    } finally {
      await page.close();
    }
  }, 120_000);

  it('a database deleted under the IO worker is written again in full: a reload finds every acknowledged write', async () => {
    const page = await newPage();
    try {
      await open(page, 'io-deleted', 'always');
      for (let i = 0; i < 50; i++) expect(await call(page, 'SET', `k${i}`, String(i))).toBe('OK');
      expect(await touchDatabase(page, 'localredis:io-deleted', 'delete')).toBe('done');
      expect(await call(page, 'SET', 'after', 'x'.repeat(200_000))).toBe('OK');
      // The IO worker found the database created anew and said so: a full snapshot follows.
      const info = await callUntil(page, (r) => typeof r === 'string' && r.includes('aof_rewrites:1'), 10_000, 'INFO', 'persistence');
      expect(info).toContain('aof_rewrites:1');
      await page.evaluate(() => (globalThis as unknown as { redis: Redis }).redis.close());
      await open(page, 'io-deleted', 'always');
      expect(await call(page, 'DBSIZE')).toBe(51);
      expect(await call(page, 'GET', 'k49')).toBe('49');
      expect(await call(page, 'STRLEN', 'after')).toBe(200_000);
      await page.evaluate(() => (globalThis as unknown as { redis: Redis }).redis.close());
    } finally {
      await page.close();
    }
  }, 120_000);

  // With appendfsync always a write is acknowledged once committed: there are commits in flight
  // in the closing page's IO worker, and they must be committed again elsewhere for the storm to go on.
  it.each(['always', 'everysec'])("shared mode, appendfsync %s: a page's IO worker runs the SharedWorker's transactions; closing that page mid-write-storm loses no acknowledged write and the other tab keeps writing", async (appendfsync) => {
    const name = `io-shared-${appendfsync}`;
    const context = await browser.newContext();
    const a = await newPage(context);
    const b = await newPage(context);
    const c = await newPage(context);
    try {
      await open(a, name, appendfsync, 'shared'); // the first client: asked for an IO worker
      await open(b, name, appendfsync, 'shared');
      const ioA = await ioWorkerOf(a);
      await countPuts(ioA);
      expect(b.workers()).toEqual([]); // one IO worker at a time
      expect(await call(a, 'SET', 'first', '1')).toBe('OK');
      await until(async () => (await ioA.evaluate(() => (globalThis as unknown as { puts: number }).puts)) > 0);
      // Tab b writes without pause, 100 in flight; tab a closes in the middle of it.
      await b.evaluate(() => {
        const w = globalThis as unknown as { redis: Redis; storm: { acked: number; stop: boolean; error: string; done: Promise<void> } };
        const storm = (w.storm = { acked: 0, stop: false, error: '', done: Promise.resolve() });
        storm.done = (async () => {
          for (let i = 0; !storm.stop; i += 100) {
            const batch: Promise<unknown>[] = [];
            for (let j = i; j < i + 100; j++) batch.push(w.redis.call('SET', `s:${j}`, String(j)));
            const replies = await Promise.all(batch).catch((e: Error) => [e.message]);
            if (replies.some((r) => r !== 'OK')) return void (storm.error = String(replies.find((r) => r !== 'OK')));
            storm.acked = i + 100;
          }
        })();
      });
      const acked = () => b.evaluate(() => (globalThis as unknown as { storm: { acked: number; error: string } }).storm);
      await until(async () => (await acked()).acked >= 20_000);
      // Tab a's IO worker stops answering (a tab hanging before it goes): the calls it was sent
      // since, committed or not, are answered by no one until its tab is gone.
      await ioA.evaluate(() => {
        MessagePort.prototype.postMessage = () => {};
      });
      const silent = (await acked()).acked;
      await new Promise((r) => setTimeout(r, 300));
      const atClose = (await acked()).acked;
      if (appendfsync === 'always') expect(atClose - silent).toBeLessThanOrEqual(100); // every write waits for its commit
      await a.close();
      // b goes on writing, and is asked for an IO worker in turn: the writes go through it.
      await until(async () => (await acked()).acked >= atClose + 30_000, 30_000);
      const ioB = await ioWorkerOf(b);
      await countPuts(ioB);
      await until(async () => (await ioB.evaluate(() => (globalThis as unknown as { puts: number }).puts)) > 0);
      await b.evaluate(() => {
        const storm = (globalThis as unknown as { storm: { stop: boolean; done: Promise<void> } }).storm;
        storm.stop = true;
        return storm.done;
      });
      const { acked: total, error } = await acked();
      expect(error).toBe('');
      // Tab b goes too, once its client has closed (the SharedWorker committed what it holds, then
      // the client freed its lock); tab c then loads the database in its own thread, once the
      // SharedWorker is gone (it frees the database's lock).
      await b.evaluate(async (name) => {
        await (globalThis as unknown as { redis: Redis }).redis.close();
        const mine = (l: { name?: string }) => l.name?.startsWith(`localredis:${name}:client:`) === true;
        while ((await navigator.locks.query()).held?.some(mine)) await new Promise((r) => setTimeout(r, 20));
      }, name);
      await b.close();
      const keys = await c.evaluate(async (name) => {
        await navigator.locks.request(`localredis:${name}`, async () => {});
        const w = globalThis as unknown as { lr: { createClient(o: object): Promise<Redis> }; redis: Redis };
        w.redis = await w.lr.createClient({ name, mode: 'inline' });
        return w.redis.call('DBSIZE');
      }, name);
      expect(keys).toBe(total + 1);
      expect(await call(c, 'GET', `s:${total - 1}`)).toBe(String(total - 1));
      expect(await call(c, 'GET', `s:${atClose}`)).toBe(String(atClose));
      expect(await call(c, 'GET', 'first')).toBe('1');
    } finally {
      await context.close();
    }
  }, 180_000);
});

/** Waits until `cond` resolves true (at most `ms`). */
async function until(cond: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The IO worker a page started (shared mode), once it has. */
async function ioWorkerOf(page: Page): Promise<Worker> {
  let found: Worker | undefined;
  await until(async () => (found = page.workers().find((w) => /\/io-worker-[^/]*\.js$/.test(new URL(w.url()).pathname))) !== undefined);
  return found!;
}

/** Counts the IndexedDB put()s made in a worker from now on (globalThis.puts). */
async function countPuts(worker: Worker): Promise<void> {
  await worker.evaluate(() => {
    const g = globalThis as unknown as { puts: number };
    g.puts = 0;
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      g.puts++;
      return put.apply(this, args);
    };
  });
}
