// One engine per database across the tabs of an origin, in real Chromium: several tabs (pages of
// one browser context) increment one counter in `shared` mode (a SharedWorker hosts the engine)
// and in `dedicated` mode (one tab's worker hosts it, elected with Web Locks, the others forward
// over BroadcastChannel); in dedicated mode the hosting tab is closed, or its renderer crashed,
// halfway: another tab takes over from IndexedDB and no acknowledged increment is lost or doubled.
// Pub/sub, keyspace notifications and BLPOP work across tabs.
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servePage, type ServedPage } from '../chromium.js';

const here = fileURLToPath(new URL('.', import.meta.url));

let served: ServedPage | undefined;
let url: string;
let browser: Browser;

beforeAll(async () => {
  served = await servePage(here, 'lr-e2e-tabs-');
  ({ url, browser } = served);
}, 60_000);

afterAll(async () => {
  await served?.close();
});

interface TabApi {
  acked: number;
  hosts: boolean[];
  messages: string[];
  redis: { call(...argv: unknown[]): Promise<unknown>; subscribe?(...c: string[]): Promise<unknown>; psubscribe?(...c: string[]): Promise<unknown> };
  open(options: object): Promise<{ mode: string; isHost: boolean }>;
  incr(key: string, n: number, inFlight: number): Promise<number>;
}
declare const tab: TabApi;

async function newTab(context: BrowserContext, options: object): Promise<{ page: Page; mode: string; isHost: boolean }> {
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
  const info = await page.evaluate((o) => tab.open(o), options);
  return { page, ...info };
}

const call = (page: Page, ...argv: string[]) => page.evaluate((argv) => tab.redis.call(...argv), argv);
const isHost = (page: Page) => page.evaluate(() => (tab.redis as unknown as { isHost: boolean }).isHost);

/** Resolves once `check` holds, polling every 50 ms, or throws after `ms`. */
async function until(check: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('one engine per database across tabs', () => {
  for (const mode of ['shared', 'dedicated'] as const) {
    it(`4 tabs x 10,000 INCR on one counter give exactly 40,000 in ${mode} mode`, async () => {
      const context = await browser.newContext();
      try {
        const name = `count-${mode}`;
        const tabs: Array<{ page: Page; mode: string; isHost: boolean }> = [];
        for (let i = 0; i < 4; i++) tabs.push(await newTab(context, { name, mode }));
        expect(tabs.map((t) => t.mode)).toEqual([mode, mode, mode, mode]);
        // Shared: the SharedWorker hosts, no tab does. Dedicated: exactly one tab hosts.
        const hosting = await Promise.all(tabs.map((t) => isHost(t.page)));
        expect(hosting.filter(Boolean).length).toBe(mode === 'shared' ? 0 : 1);
        const acked = await Promise.all(tabs.map((t) => t.page.evaluate(() => tab.incr('counter', 10_000, 32))));
        expect(acked).toEqual([10_000, 10_000, 10_000, 10_000]);
        for (const t of tabs) expect(await call(t.page, 'GET', 'counter')).toBe('40000');
        // Every tab has a session of its own on the one engine.
        expect(await call(tabs[0].page, 'INFO', 'clients')).toMatch(/connected_clients:4\r\n/);
      } finally {
        await context.close();
      }
    }, 120_000);
  }

  // With everysec too: a forwarding tab keeps its answered writes until the host says they are
  // committed, and re-sends them to the next host, which runs those its predecessor had not.
  for (const [how, appendfsync] of [['closed', 'always'], ['crashed', 'always'], ['closed', 'everysec'], ['crashed', 'everysec']] as const) {
    it(`dedicated mode, appendfsync ${appendfsync}: the hosting tab ${how} halfway, another takes over, and 4 x 10,000 acknowledged INCR are exactly 40,000`, async () => {
      const context = await browser.newContext();
      try {
        const name = `takeover-${how}-${appendfsync}`;
        const options = { name, mode: 'dedicated', appendfsync };
        const host = await newTab(context, options);
        expect(host.isHost).toBe(true);
        const tabs: Array<{ page: Page; mode: string; isHost: boolean }> = [];
        for (let i = 0; i < 4; i++) tabs.push(await newTab(context, options));
        expect(tabs.map((t) => t.isHost)).toEqual([false, false, false, false]);
        const runs = tabs.map((t) => t.page.evaluate(() => tab.incr('counter', 10_000, 16)));
        const acked = () => Promise.all(tabs.map((t) => t.page.evaluate(() => tab.acked)));
        await until(async () => (await acked()).reduce((a, b) => a + b) >= 20_000, 60_000);
        const before = (await acked()).reduce((a, b) => a + b);
        if (how === 'closed') await host.page.close();
        else {
          const cdp = await context.newCDPSession(host.page);
          // The renderer dies before it answers (or the answer never comes).
          await Promise.race([cdp.send('Page.crash').catch(() => {}), new Promise((r) => setTimeout(r, 2000))]);
        }
        expect(await Promise.all(runs)).toEqual([10_000, 10_000, 10_000, 10_000]);
        expect(before).toBeLessThan(40_000);
        // Exactly one of the remaining tabs hosts now, and each saw the host change.
        const hosting = await Promise.all(tabs.map((t) => isHost(t.page)));
        expect(hosting.filter(Boolean).length).toBe(1);
        for (const t of tabs) expect(await t.page.evaluate(() => tab.hosts.length)).toBeGreaterThanOrEqual(1);
        for (const t of tabs) expect(await call(t.page, 'GET', 'counter')).toBe('40000');
      } finally {
        await context.close();
      }
    }, 180_000);
  }

  it('BLPOP in one tab is served by LPUSH in another, and PUBLISH and keyspace notifications reach other tabs', async () => {
    const context = await browser.newContext();
    try {
      const options = { name: 'messages', mode: 'dedicated' };
      const a = await newTab(context, options);
      const b = await newTab(context, options);
      const popped = a.page.evaluate(() => tab.redis.call('BLPOP', 'jobs', '10'));
      await until(async () => /blocked_clients:1\r\n/.test(String(await call(b.page, 'INFO', 'clients'))));
      expect(await call(b.page, 'LPUSH', 'jobs', 'job-1')).toBe(1);
      expect(await popped).toEqual(['jobs', 'job-1']);

      const sub = await newTab(context, options);
      await sub.page.evaluate(async () => {
        await tab.redis.call('CONFIG', 'SET', 'notify-keyspace-events', 'KEA');
        await tab.redis.psubscribe!('__keyspace@0__:*');
        await tab.redis.subscribe!('chat');
      });
      expect(await call(a.page, 'PUBLISH', 'chat', 'hello from a')).toBe(1);
      await call(b.page, 'SET', 'greeting', 'hi');
      await until(async () => (await sub.page.evaluate(() => tab.messages.length)) >= 2);
      expect(await sub.page.evaluate(() => tab.messages)).toEqual(['chat:hello from a', '__keyspace@0__:greeting:set']);
      // A forwarding tab that goes frees its session (and its subscriptions) on the host.
      expect(await call(a.page, 'INFO', 'clients')).toMatch(/connected_clients:3\r\n/);
      await sub.page.close();
      await until(async () => /connected_clients:2\r\n/.test(String(await call(a.page, 'INFO', 'clients'))));
      expect(await call(a.page, 'PUBSUB', 'NUMSUB', 'chat')).toEqual(['chat', 0]);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('shared mode: what the tabs wrote is there after every tab closed and a new one opens', async () => {
    const context = await browser.newContext();
    try {
      const options = { name: 'reopen-shared', mode: 'shared', appendfsync: 'always' };
      const a = await newTab(context, options);
      const b = await newTab(context, options);
      await call(a.page, 'SET', 'from-a', '1');
      await call(b.page, 'RPUSH', 'from-b', 'x', 'y');
      await a.page.close();
      // A tab that goes frees its session on the SharedWorker.
      await until(async () => /connected_clients:1\r\n/.test(String(await call(b.page, 'INFO', 'clients'))));
      await b.page.close();
      // The SharedWorker goes with its last tab; the next one loads the database again.
      const c = await newTab(context, options);
      expect(await call(c.page, 'GET', 'from-a')).toBe('1');
      expect(await call(c.page, 'LRANGE', 'from-b', '0', '-1')).toEqual(['x', 'y']);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('shared mode: when the SharedWorker dies, pending and later calls fail with a clear error instead of hanging', async () => {
    const context = await browser.newContext();
    try {
      const options = { name: 'sw-dies', mode: 'shared' };
      const a = await newTab(context, options);
      const b = await newTab(context, options);
      const pending = a.page.evaluate(() => tab.redis.call('BLPOP', 'q', '0').then(() => 'resolved', (e: Error) => e.message));
      await until(async () => /blocked_clients:1\r\n/.test(String(await call(b.page, 'INFO', 'clients'))));
      const cdp = await browser.newBrowserCDPSession();
      const { targetInfos } = await cdp.send('Target.getTargets');
      const worker = targetInfos.find((t) => t.type === 'shared_worker' && t.title === 'localredis:sw-dies')!;
      expect((await cdp.send('Target.closeTarget', { targetId: worker.targetId })).success).toBe(true);
      const stopped = "localredis: the SharedWorker hosting the database 'sw-dies' stopped; create a new client";
      expect(await pending).toBe(stopped);
      await until(async () => (await b.page.evaluate(() => (tab.redis as unknown as { status: string }).status)) === 'end');
      expect(await b.page.evaluate(() => tab.redis.call('PING').then(() => 'answered', (e: Error) => e.message))).toBe('Connection is closed.');
    } finally {
      await context.close();
    }
  }, 60_000);

  it('without navigator.locks a tab warns, uses the engine of a tab already open, and never starts a second one', async () => {
    const context = await browser.newContext();
    await context.addInitScript({ content: "Object.defineProperty(Navigator.prototype, 'locks', { get: () => undefined });" });
    try {
      const options = { name: 'no-locks', mode: 'dedicated' };
      const warnings = (page: Page) => page.evaluate(() => (tab as unknown as { warnings: string[] }).warnings);
      const a = await newTab(context, options);
      const b = await newTab(context, options);
      expect([a.isHost, b.isHost]).toEqual([true, false]);
      expect((await warnings(a.page))[0]).toMatch(/navigator\.locks is missing/);
      await call(a.page, 'SET', 'k', 'from a');
      expect(await call(b.page, 'GET', 'k')).toBe('from a');
      expect(await call(b.page, 'INFO', 'clients')).toMatch(/connected_clients:2\r\n/);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('inline mode on a named database serves the other tabs, and a second inline engine on it is refused', async () => {
    const context = await browser.newContext();
    try {
      const a = await newTab(context, { name: 'inline-db', mode: 'inline' });
      expect([a.mode, a.isHost]).toEqual(['inline', true]);
      const b = await newTab(context, { name: 'inline-db', mode: 'dedicated' });
      expect(b.isHost).toBe(false);
      await call(b.page, 'SET', 'k', 'from b');
      expect(await call(a.page, 'GET', 'k')).toBe('from b');
      const page = await context.newPage();
      await page.goto(url);
      await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
      const refused = await page.evaluate(() => tab.open({ name: 'inline-db', mode: 'inline' }).then(() => 'opened', (e: Error) => e.message));
      expect(refused).toBe("localredis: the database 'inline-db' is open in another tab; open it with mode 'shared' or 'dedicated' to share it");
    } finally {
      await context.close();
    }
  }, 60_000);

  it('a forwarding tab that subscribed is subscribed again on the next host', async () => {
    const context = await browser.newContext();
    try {
      const options = { name: 'resubscribe', mode: 'dedicated' };
      const host = await newTab(context, options);
      const sub = await newTab(context, options);
      const pub = await newTab(context, options);
      await sub.page.evaluate(() => tab.redis.subscribe!('news'));
      await host.page.close();
      await until(async () => (await sub.page.evaluate(() => tab.hosts.length)) >= 1 && (await pub.page.evaluate(() => tab.hosts.length)) >= 1);
      await until(async () => (await call(pub.page, 'PUBLISH', 'news', 'after the takeover')) === 1);
      await until(async () => (await sub.page.evaluate(() => tab.messages.length)) >= 1);
      expect(await sub.page.evaluate(() => tab.messages)).toEqual(['news:after the takeover']);
    } finally {
      await context.close();
    }
  }, 60_000);
});
