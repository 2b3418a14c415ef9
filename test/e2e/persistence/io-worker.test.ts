// The engine's IO worker in real Chromium: a dedicated-mode engine runs its IndexedDB transactions
// in a nested worker (persistence/io-worker.ts). A failure there reaches the engine as it would
// from its own thread: another tab upgrading the database makes the IO worker's next transaction
// fail, and writes are refused with MISCONF while reads go on; a database deleted under it is
// reported lost and written again in full, so a reload finds every acknowledged write. (The quota
// cannot be lowered here: CDP's Storage.overrideQuotaForOrigin has no effect in this Chromium;
// test/persistence/remote-store.test.ts fails puts with QuotaExceededError through the same code.)
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
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

/** Opens `name` in dedicated mode as window.redis. */
async function open(page: Page, name: string, appendfsync: string): Promise<void> {
  await page.evaluate(
    async ([name, appendfsync]) => {
      const w = globalThis as unknown as { lr: { createClient(o: object): Promise<Redis> }; redis: Redis };
      w.redis = await w.lr.createClient({ name, appendfsync, mode: 'dedicated' });
      await w.redis.call('PING');
    },
    [name, appendfsync] as const,
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

/** A page of the app, with the client loaded. */
async function newPage(): Promise<Page> {
  const page = await browser.newPage();
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
});
