// Sharing one engine across tabs, in Chromium (the page of test/e2e/tabs): how long a dedicated-mode
// takeover pauses the other tabs (the longest gap between two acknowledged INCRs of a forwarding
// tab while the hosting tab is closed, then crashed, over databases of 1,000 and 100,000 keys), and INCR
// throughput from the hosting tab, from a forwarding tab, and from a tab of a SharedWorker.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { build } from 'vite';
import { launchChromium, serveStatic } from '../test/e2e/chromium.js';
import { fmt } from './lib.js';

interface TabApi {
  acked: number;
  maxGap: number;
  stop: boolean;
  redis: { call(...argv: unknown[]): Promise<unknown> };
  open(options: object): Promise<{ mode: string; isHost: boolean }>;
  incr(key: string, n: number, inFlight: number): Promise<number>;
}
declare const tab: TabApi;

const TRIALS = Number(process.env.BENCH_TAB_TRIALS ?? 5);
const SIZES = [1_000, 100_000];

async function newTab(context: BrowserContext, url: string, options: object): Promise<Page> {
  const page = await context.newPage();
  page.setDefaultTimeout(120_000);
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
  await page.evaluate((o) => tab.open(o), options);
  return page;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** One takeover: the pause a forwarding tab sees when the hosting tab goes (`how`). */
async function takeover(browser: Browser, url: string, how: 'close' | 'crash', keys: number, trial: number): Promise<number> {
  const context = await browser.newContext();
  try {
    const options = { name: `takeover-${how}-${keys}-${trial}`, mode: 'dedicated' };
    const host = await newTab(context, url, options);
    await host.evaluate(async (n) => {
      for (let from = 0; from < n; from += 10_000) {
        const args: string[] = [];
        for (let k = from; k < Math.min(n, from + 10_000); k++) args.push(`key:${k}`, 'x'.repeat(100));
        await tab.redis.call('MSET', ...args);
      }
    }, keys);
    const follower = await newTab(context, url, options);
    const run = follower.evaluate(() => tab.incr('counter', 1e9, 4));
    await new Promise((r) => setTimeout(r, 500));
    await follower.evaluate(() => (tab.maxGap = 0));
    if (how === 'close') await host.close();
    else {
      const cdp = await context.newCDPSession(host);
      await Promise.race([cdp.send('Page.crash').catch(() => {}), new Promise((r) => setTimeout(r, 2000))]);
    }
    await new Promise((r) => setTimeout(r, 3000));
    await follower.evaluate(() => (tab.stop = true));
    await run;
    return await follower.evaluate(() => tab.maxGap);
  } finally {
    await context.close();
  }
}

/** INCR/s of `page` with 256 in flight, over about a second. */
async function incrRate(page: Page): Promise<number> {
  return page.evaluate(async () => {
    tab.stop = false;
    const start = performance.now();
    const before = tab.acked;
    setTimeout(() => (tab.stop = true), 1000);
    await tab.incr('rate', 1e9, 256);
    return ((tab.acked - before) / (performance.now() - start)) * 1000;
  });
}

export async function benchTabs(): Promise<void> {
  const outDir = await mkdtemp(join(tmpdir(), 'lr-bench-tabs-'));
  const root = fileURLToPath(new URL('../test/e2e/tabs/', import.meta.url));
  await build({ root, base: './', logLevel: 'warn', configFile: false, build: { outDir, emptyOutDir: true, target: 'es2022' }, worker: { format: 'es' } });
  const { server, url } = await serveStatic(outDir);
  const browser = await launchChromium();
  try {
    console.log(`\nTabs in Chromium: dedicated-mode takeover (longest pause of a forwarding tab's INCRs, median and max of ${TRIALS} trials; target 1 s)`);
    console.log('| keys | hosting tab closed | crashed |');
    console.log('|---:|---:|---:|');
    for (const keys of SIZES) {
      const closed: number[] = [];
      const crashed: number[] = [];
      for (let t = 0; t < TRIALS; t++) {
        closed.push(await takeover(browser, url, 'close', keys, t));
        crashed.push(await takeover(browser, url, 'crash', keys, t));
      }
      const cell = (xs: number[]) => `${median(xs).toFixed(0)} ms (max ${Math.max(...xs).toFixed(0)})`;
      console.log(`| ${keys.toLocaleString('en')} | ${cell(closed)} | ${cell(crashed)} |`);
    }

    const context = await browser.newContext();
    try {
      const dedicated = { name: 'rate-dedicated', mode: 'dedicated' };
      const host = await newTab(context, url, dedicated);
      const follower = await newTab(context, url, dedicated);
      const shared = await newTab(context, url, { name: 'rate-shared', mode: 'shared' });
      const rates: Array<[string, number[]]> = [['hosting tab (its own worker)', []], ['forwarding tab (BroadcastChannel)', []], ['tab of a SharedWorker', []]];
      for (const page of [host, follower, shared]) await incrRate(page); // warm-up: JIT, first commits
      for (let r = 0; r < 3; r++) {
        rates[0][1].push(await incrRate(host));
        rates[1][1].push(await incrRate(follower));
        rates[2][1].push(await incrRate(shared));
      }
      console.log('\nTabs in Chromium: INCR/s with 256 in flight (median of 3 runs of 1 s after a warm-up run)');
      console.log('| client | INCR/s | vs hosting tab |');
      console.log('|---|---:|---:|');
      const base = median(rates[0][1]);
      for (const [name, xs] of rates) console.log(`| ${name} | ${fmt(median(xs))} | ${((median(xs) / base) * 100).toFixed(0)}% |`);
    } finally {
      await context.close();
    }
  } finally {
    await browser.close();
    server.closeAllConnections();
    server.close();
    await rm(outDir, { recursive: true, force: true });
  }
}
