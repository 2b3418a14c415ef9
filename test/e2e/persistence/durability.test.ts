// Persistence in real Chromium (Debian's, driven over CDP by playwright-core), with a persistent
// profile: data survives a reload; and a hard kill of the whole browser (SIGKILL to its process
// group) during a write storm loses no acknowledged write with appendfsync always, and at most
// about a second of writes with everysec. Reopening after a kill never fails.
import type http from 'node:http';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, CHROMIUM_FLAGS, serveStatic } from '../chromium.js';

const here = fileURLToPath(new URL('.', import.meta.url));

let outDir: string;
let server: http.Server;
let url: string;

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'lr-e2e-page-'));
  await build({
    root: here, base: './', logLevel: 'warn', configFile: false,
    build: { outDir, emptyOutDir: true, target: 'es2022', sourcemap: false }, worker: { format: 'es' },
  });
  // One port for the whole file: IndexedDB belongs to the origin, which must not change between runs.
  ({ server, url } = await serveStatic(outDir));
}, 60_000);

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

/** A Chromium of our own (its process group ours to kill) on a profile that outlives it. */
class Chrome {
  private constructor(
    readonly proc: ChildProcess,
    readonly browser: Browser,
  ) {}

  static async launch(profile: string): Promise<Chrome> {
    const proc = spawn(CHROMIUM, [...CHROMIUM_FLAGS, `--user-data-dir=${profile}`, '--remote-debugging-port=0', 'about:blank'], {
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const ws = await new Promise<string>((resolve, reject) => {
      let err = '';
      const timer = setTimeout(() => reject(new Error(`chromium did not start: ${err}`)), 20_000);
      proc.stderr!.on('data', (d: Buffer) => {
        err += d.toString();
        const m = /DevTools listening on (ws:\/\/\S+)/.exec(err);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      proc.on('exit', (code) => reject(new Error(`chromium exited (${code}): ${err}`)));
    });
    const browser = await chromium.connectOverCDP(ws);
    const chrome = new Chrome(proc, browser);
    running.add(chrome);
    return chrome;
  }

  async page(): Promise<Page> {
    const context = this.browser.contexts()[0];
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(url);
    await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
    return page;
  }

  /** SIGKILL to the browser and every process it started, as a crash or a killed tab would. */
  async kill(): Promise<void> {
    running.delete(this);
    if (this.proc.exitCode === null && this.proc.signalCode === null) {
      const exited = new Promise((r) => this.proc.once('exit', r));
      process.kill(-this.proc.pid!, 'SIGKILL');
      await exited;
    }
    await this.browser.close().catch(() => {});
  }

  async close(): Promise<void> {
    await this.browser.close().catch(() => {});
    await this.kill();
  }
}

/** Every browser still running: killed at the end whatever happened (they run detached). */
const running = new Set<Chrome>();
afterAll(async () => {
  for (const c of [...running]) await c.kill();
});

const profiles: string[] = [];
async function profile(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'lr-e2e-profile-'));
  profiles.push(dir);
  return dir;
}
afterAll(async () => {
  for (const p of profiles) await rm(p, { recursive: true, force: true });
});

/** Opens a client on `name` in the page; it stays as window.redis. */
function openClient(page: Page, name: string, appendfsync = 'everysec') {
  return page.evaluate(
    async ([name, appendfsync]) => {
      const w = globalThis as unknown as { lr: { createClient(o: object): Promise<unknown> }; redis: unknown };
      w.redis = await w.lr.createClient({ name, appendfsync, mode: 'dedicated' });
    },
    [name, appendfsync],
  );
}

/** Runs a command on window.redis. */
function call(page: Page, ...argv: string[]): Promise<unknown> {
  return page.evaluate((argv) => (globalThis as unknown as { redis: { call(...a: string[]): Promise<unknown> } }).redis.call(...argv), argv);
}

/** Keys k:0 .. k:n-1 that exist, as a set of indexes. */
async function present(page: Page, n: number): Promise<Set<number>> {
  const found = await page.evaluate(async (n) => {
    const r = (globalThis as unknown as { redis: { call(...a: string[]): Promise<unknown> } }).redis;
    const out: number[] = [];
    for (let from = 0; from < n; from += 5000) {
      const keys: string[] = [];
      for (let i = from; i < Math.min(n, from + 5000); i++) keys.push(`k:${i}`);
      const values = (await r.call('MGET', ...keys)) as Array<string | null>;
      values.forEach((v, j) => v !== null && out.push(from + j));
    }
    return out;
  }, n);
  return new Set(found);
}

/**
 * A write storm: batches of 20 SETs (k:i = i) in a loop; each acknowledged batch is reported to
 * the test with its time, so the test knows what was acknowledged when the browser dies.
 */
async function storm(page: Page, acks: Array<{ last: number; at: number }>): Promise<void> {
  await page.exposeFunction('ack', (last: number) => acks.push({ last, at: Date.now() }));
  await page.evaluate(() => {
    const w = globalThis as unknown as { redis: { call(...a: string[]): Promise<unknown> }; ack(n: number): void };
    let i = 0;
    void (async () => {
      for (;;) {
        const base = i;
        const batch: Promise<unknown>[] = [];
        for (let j = 0; j < 20; j++) batch.push(w.redis.call('SET', `k:${base + j}`, String(base + j)));
        i += 20;
        await Promise.all(batch);
        w.ack(base + 19);
      }
    })();
  });
}

const available = existsSync(CHROMIUM);

describe.runIf(available)('persistence in Chromium', () => {
  it('keeps the data across a reload', async () => {
    const chrome = await Chrome.launch(await profile());
    try {
      let page = await chrome.page();
      await openClient(page, 'reload', 'always');
      await call(page, 'SET', 'greeting', 'héllo');
      await call(page, 'HSET', 'h', 'a', '1', 'b', '2');
      await call(page, 'RPUSH', 'l', 'x', 'y', 'z');
      await call(page, 'ZADD', 'z', '1.5', 'm');
      await call(page, 'SET', 'ttl', 'v', 'EX', '1000');
      await call(page, 'SAVE');
      await call(page, 'INCR', 'after-save');
      await page.reload();
      await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
      await openClient(page, 'reload');
      expect(await call(page, 'GET', 'greeting')).toBe('héllo');
      expect(await call(page, 'HGETALL', 'h')).toEqual(['a', '1', 'b', '2']);
      expect(await call(page, 'LRANGE', 'l', '0', '-1')).toEqual(['x', 'y', 'z']);
      expect(await call(page, 'ZSCORE', 'z', 'm')).toBe('1.5');
      expect(await call(page, 'TTL', 'ttl')).toBeGreaterThan(990);
      expect(await call(page, 'GET', 'after-save')).toBe('1');
      await page.close();
      page = await chrome.page();
      await openClient(page, 'reload');
      expect(await call(page, 'DBSIZE')).toBe(6);
      // close() commits what everysec still holds before the worker stops.
      await openClient(page, 'closing', 'everysec');
      await page.evaluate(async () => {
        const r = (globalThis as unknown as { redis: { call(...a: string[]): Promise<unknown>; close(): Promise<void> } }).redis;
        for (let i = 0; i < 500; i++) void r.call('SET', `c:${i}`, 'v');
        await r.call('PING');
        await r.close();
      });
      await openClient(page, 'closing');
      expect(await call(page, 'DBSIZE')).toBe(500);
    } finally {
      await chrome.close();
    }
  });

  it('says so when Chromium deleted a database it found corrupt, and goes on with an empty one', async () => {
    const dir = await profile();
    let chrome = await Chrome.launch(dir);
    try {
      const page = await chrome.page();
      await openClient(page, 'corrupt', 'always');
      await call(page, 'SET', 'a', '1');
      await page.close();
    } finally {
      await chrome.close();
    }
    // Garble the origin's LevelDB files: Chromium's next open finds them corrupt.
    const base = join(dir, 'Default', 'IndexedDB');
    for (const d of await readdir(base)) {
      if (!d.endsWith('.indexeddb.leveldb')) continue;
      for (const f of await readdir(join(base, d))) {
        if (/\.(ldb|log)$|^MANIFEST/.test(f)) await writeFile(join(base, d, f), Buffer.alloc((await stat(join(base, d, f))).size, 0x5a));
      }
    }
    chrome = await Chrome.launch(dir);
    try {
      const page = await chrome.page();
      const warnings: string[] = [];
      page.on('console', (m) => m.text().includes('localredis') && warnings.push(m.text()));
      await openClient(page, 'corrupt', 'always');
      expect(await call(page, 'GET', 'a')).toBe(null);
      expect(await call(page, 'SET', 'b', '2')).toBe('OK');
      expect(await call(page, 'DBSIZE')).toBe(1);
      expect(warnings.join('\n')).toMatch(/"localredis:corrupt": the browser found the database corrupt and deleted it \(.+\); it starts empty/);
    } finally {
      await chrome.close();
    }
  });

  // A few trials in CI; E2E_KILL_TRIALS=20 for the long run.
  const trialsOf = Number(process.env.E2E_KILL_TRIALS ?? 2);
  for (const [fsync, trials] of [['always', trialsOf], ['everysec', trialsOf]] as const) {
    it(`loses ${fsync === 'always' ? 'no acknowledged write' : 'at most about a second of writes'} when the browser is killed (appendfsync ${fsync})`, async () => {
      const dir = await profile();
      let written = 0;
      /** Trials after which Chromium deleted the database it found corrupt (see below). */
      let browserLost = 0;
      for (let trial = 0; trial < trials; trial++) {
        const t0 = Date.now();
        const log = (m: string) => process.env.E2E_DEBUG && console.log(`${fsync} trial ${trial} +${Date.now() - t0}ms ${m}`);
        const chrome = await Chrome.launch(dir);
        log('launched');
        const page = await chrome.page();
        log('page');
        await openClient(page, `storm-${fsync}`, fsync);
        // Each trial starts where the last one's data ends.
        const acks: Array<{ last: number; at: number }> = [];
        await call(page, 'SET', 'trial', String(trial));
        await page.evaluate((start) => {
          (globalThis as unknown as { start: number }).start = start;
        }, written);
        log('opened');
        await storm(page, acks);
        await new Promise((r) => setTimeout(r, 1500 + trial * 300));
        const killedAt = Date.now();
        await chrome.kill();
        log(`killed, acked ${acks.at(-1)?.last}`);
        const acked = acks.length === 0 ? -1 : acks[acks.length - 1].last;
        expect(acked, 'the storm acknowledged writes').toBeGreaterThan(100);

        const again = await Chrome.launch(dir);
        try {
          const p = await again.page();
          // The load's warnings (a log record missing, records dropped after it), for a failure's message.
          const warnings: string[] = [];
          p.on('console', (m) => m.text().includes('localredis') && warnings.push(m.text()));
          log('relaunched');
          await openClient(p, `storm-${fsync}`, fsync);
          log('reopened');
          const trialKey = await call(p, 'GET', 'trial');
          const have = await present(p, acked + 2000);
          let prefix = 0;
          while (have.has(prefix)) prefix++;
          log(`checked: prefix ${prefix}`);
          // What the reopened database holds, should it miss the acknowledged `trial` key.
          const state = `DBSIZE ${await call(p, 'DBSIZE')}, k:0..${prefix - 1} present, ${have.size} of k:0..${acked + 1999}; ${warnings.join(' | ') || 'no warning'}`;
          if (warnings.some((w) => w.includes('the browser found the database corrupt and deleted it'))) {
            // Chromium deleted its own files after the kill (IDBVersionChangeEvent.dataLoss): no
            // store can keep what the browser deletes. Not counted; the next trial starts afresh.
            console.warn(`${fsync} trial ${trial}: Chromium found its IndexedDB corrupt after the kill and deleted it (${state}); not counted`);
            browserLost++;
            written = 0;
            await p.close();
            continue;
          }
          expect(trialKey, `trial ${trial}: the acknowledged SET trial ${trial} after the reopen (${state})`).toBe(String(trial));
          if (fsync === 'always') {
            // Every acknowledged write is there.
            expect(prefix, `trial ${trial}: keys 0..${acked} acknowledged`).toBeGreaterThan(acked);
          } else {
            // What is lost is a suffix, written in the last second or so before the kill (one
            // commit per second, plus the commit's own time on a loaded machine).
            const lostFrom = acks.find((a) => a.last >= prefix);
            if (lostFrom !== undefined) expect(killedAt - lostFrom.at, `trial ${trial}: lost writes acknowledged ${killedAt - lostFrom.at} ms before the kill`).toBeLessThan(2000);
          }
          // The storm rewrites the same keys every trial: nothing holds a key past the prefix but the lost tail.
          written = Math.max(written, prefix);
          await p.close();
        } finally {
          await again.close();
        }
      }
      expect(browserLost, 'trials whose database Chromium deleted as corrupt: none left to check').toBeLessThan(trials);
    }, 60_000 + trialsOf * 30_000);
  }
});
