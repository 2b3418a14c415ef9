// Batches as bytes in transferred buffers (rpc/transfer.ts) and large microtasks in chunks
// (client.ts CHUNK), in real Chromium, through a private dedicated Worker and a SharedWorker's
// port: 1,000 commands in one microtask come back in order and exact, with ASCII and non-ASCII
// text, bytes, errors and nil among them, and the buffers replies came in are kept for the next
// batches. (The tabs tests' page: test/e2e/tabs/page.ts.)
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servePage, type ServedPage } from '../chromium.js';

const root = fileURLToPath(new URL('../tabs/', import.meta.url));

let served: ServedPage | undefined;
let url: string;
let browser: Browser;

beforeAll(async () => {
  served = await servePage(root, 'lr-e2e-transfer-');
  ({ url, browser } = served);
}, 60_000);

afterAll(async () => {
  await served?.close();
});

interface Client {
  call(...argv: unknown[]): Promise<unknown>;
  callBuffer(...argv: unknown[]): Promise<unknown>;
  spares: Uint8Array[];
}
declare const tab: { redis: Client; open(options: object): Promise<{ mode: string; isHost: boolean }> };

describe('batches through a worker, as bytes and in chunks', () => {
  // The third: dedicated mode on a named database, the tab that hosts (its TabLink to its own worker).
  for (const options of [{ mode: 'dedicated' }, { mode: 'shared', name: 'transfer' }, { mode: 'dedicated', name: 'transfer-tabs' }]) {
    it(`1,000 commands of one microtask come back in order and exact (${options.mode}${'name' in options ? ', named' : ''})`, async () => {
      const context = await browser.newContext();
      try {
        const page = await context.newPage();
        await page.goto(url);
        await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
        expect((await page.evaluate((o) => tab.open(o), options)).mode).toBe(options.mode);
        const result = await page.evaluate(async () => {
          const r = tab.redis;
          const bad: string[] = [];
          const check = (what: string, got: unknown, want: unknown) => {
            if (JSON.stringify(got) !== JSON.stringify(want)) bad.push(`${what}: ${JSON.stringify(got)} != ${JSON.stringify(want)}`);
          };
          const value = (i: number) => 'v'.repeat(i % 50) + i;
          // ASCII only: bytes both ways, in chunks.
          const sets = await Promise.all(Array.from({ length: 1000 }, (_, i) => r.call('SET', `k${i}`, value(i))));
          check('sets', sets, new Array(1000).fill('OK'));
          const kept = r.spares.length;
          const mixed = await Promise.all(Array.from({ length: 1000 }, (_, i) => {
            if (i % 4 === 0) return r.call('GET', `k${i}`);
            if (i % 4 === 1) return r.call('INCR', 'n');
            if (i % 4 === 2) return r.call('GET', `missing${i}`);
            return r.call('INCR', `k${i}`).catch((e: Error) => e.message);
          }));
          mixed.forEach((got, i) => {
            const want = i % 4 === 0 ? value(i) : i % 4 === 1 ? (i - 1) / 4 + 1 : i % 4 === 2 ? null : 'ERR value is not an integer or out of range';
            check(`mixed ${i}`, got, want);
          });
          // Non-ASCII text and bytes among 1,000: packed strings, same values.
          const bin = new Uint8Array(256).map((_, i) => i);
          const more = await Promise.all([
            r.call('SET', 'text', 'ünïcødé ✓'), r.call('SET', 'bin', bin),
            ...Array.from({ length: 998 }, (_, i) => r.call('GET', `k${i}`)),
          ]);
          check('more', more.slice(0, 3), ['OK', 'OK', value(0)]);
          // An ASCII request whose replies are not.
          const back = await Promise.all([r.call('GET', 'text'), r.callBuffer('GET', 'bin'), ...Array.from({ length: 998 }, (_, i) => r.call('GET', `k${i}`))]);
          check('text', back[0], 'ünïcødé ✓');
          check('bin', Array.from(back[1] as Uint8Array), Array.from(bin));
          check('last', back[999], value(997));
          return { bad, kept };
        });
        expect(result.bad).toEqual([]);
        // Replies came as bytes: their buffers are kept for the next batches.
        expect(result.kept).toBeGreaterThan(0);
      } finally {
        await context.close();
      }
    }, 60_000);
  }

  it('a tab forwarding to the hosting tab sends strings, and both see the same keys (dedicated, named)', async () => {
    const context = await browser.newContext();
    try {
      const open = async () => {
        const page = await context.newPage();
        await page.goto(url);
        await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
        return page;
      };
      const host = await open();
      const options = { mode: 'dedicated', name: 'transfer-forward' };
      expect(await host.evaluate((o) => tab.open(o), options)).toMatchObject({ mode: 'dedicated', isHost: true });
      const other = await open();
      expect(await other.evaluate((o) => tab.open(o), options)).toMatchObject({ mode: 'dedicated', isHost: false });
      const setAll = (prefix: string) =>
        Promise.all(Array.from({ length: 1000 }, (_, i) => tab.redis.call('SET', `${prefix}${i}`, `value-${i}`))).then((r) => ({
          ok: r.every((x) => x === 'OK'),
          kept: tab.redis.spares.length,
        }));
      const getAll = (prefix: string) => Promise.all(Array.from({ length: 1000 }, (_, i) => tab.redis.call('GET', `${prefix}${i}`)));
      // The host's batches go as bytes (its replies' buffers are kept), the other tab's as strings.
      expect(await host.evaluate(setAll, 'h')).toEqual({ ok: true, kept: expect.any(Number) });
      expect(await host.evaluate(() => tab.redis.spares.length)).toBeGreaterThan(0);
      expect(await other.evaluate(setAll, 'o')).toEqual({ ok: true, kept: 0 });
      const want = Array.from({ length: 1000 }, (_, i) => `value-${i}`);
      expect(await other.evaluate(getAll, 'h')).toEqual(want);
      expect(await host.evaluate(getAll, 'o')).toEqual(want);
    } finally {
      await context.close();
    }
  }, 60_000);
});
