// The playground across tabs of one browser (one origin, one engine: issue 5), used as a person
// uses it: a second tab sees the first one's keys, is counted, follows writes live in its key
// browser, chats with the first, and a worker tab works through the jobs another tab pushes.
// In `?mode=dedicated` (the Web Locks leader election) the stats say which tab hosts the engine
// and the next tab takes over when the host closes.
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorsOf, open as openTab, poll, ready, run, shots, startPlayground, type Playground } from './drive.js';

let playground: Playground;

beforeAll(async () => {
  playground = await startPlayground();
}, 120_000);

afterAll(async () => playground?.close());

const modeOf = (page: Page) => page.evaluate(() => (window.redis as unknown as { mode?: string }).mode ?? null);

// Both of the contract's modes with a name: auto (a SharedWorker in Chromium) and dedicated.
const MODES = [
  { label: 'auto mode (a SharedWorker)', search: '', hosts: ['SharedWorker', 'SharedWorker'] },
  { label: 'dedicated mode (the first tab hosts)', search: '?mode=dedicated', hosts: ['this tab', 'another tab'] },
];

describe.each(MODES)('the playground in two tabs of Chromium, $label', { timeout: 90_000 }, ({ search, hosts }) => {
  let context: BrowserContext;
  let first: Page;
  let second: Page;
  let mode: string | null = null;

  beforeAll(async () => {
    // A context of its own: its own storage, so the two modes never meet on one database.
    context = await playground.browser.newContext({ viewport: { width: 1280, height: 900 } });
    first = await openTab(context, playground.url, search);
    mode = await modeOf(first);
    // Without cross-tab modes a second tab would start a second engine on the same database.
    expect(mode).toBe(search ? 'dedicated' : 'shared');
    second = await openTab(context, playground.url, search);
  }, 60_000);
  afterAll(async () => context?.close());

  it('says where the engine runs and counts both tabs', async () => {
    for (const [i, page] of [first, second].entries()) {
      await poll(() => page.locator('#stat-host').textContent()).toBe(hosts[i]);
      await poll(() => page.locator('#stat-tabs').textContent()).toBe('2');
    }
    expect(await modeOf(second)).toBe(mode);
    // The banner's hint opens this same database in a new tab.
    const hint = first.getByRole('link', { name: 'Open a second tab' });
    expect(await hint.getAttribute('target')).toBe('_blank');
    expect(new URL(await hint.evaluate((a) => (a as HTMLAnchorElement).href)).search).toBe(search);
    // CLIENT LIST in the console shows both tabs' names.
    const list = await run(second, 'CLIENT LIST');
    expect(list.match(/name=playground-tab:\w+/g)?.length).toBe(2);
  });

  it('shows a key written in one tab in the other', async () => {
    expect(await run(first, 'SET tabs:greeting "hello from the first tab"')).toBe('OK');
    expect(await run(second, 'GET tabs:greeting')).toBe('"hello from the first tab"');
    expect(await run(second, 'INCR tabs:counter')).toBe('(integer) 1');
    expect(await run(first, 'INCR tabs:counter')).toBe('(integer) 2');
  });

  it("updates the key browser live when the other tab writes", async () => {
    for (const page of [first, second]) await poll(() => page.locator('#live').textContent()).toBe('live (keyspace notifications)');
    const row = first.locator('#key-rows button.key[data-key="tabs:live"]');
    expect(await row.count()).toBe(0);
    expect(await run(second, 'RPUSH tabs:live a b c')).toBe('(integer) 3');
    // Nothing typed in the first tab: the notification alone rescans its browser.
    await poll(() => row.count()).toBe(1);
    const size = first.locator('#key-rows tr', { has: first.locator('button.key[data-key="tabs:live"]') }).locator('td').nth(3);
    await poll(() => size.textContent()).toBe('3 items');
    expect(await run(second, 'RPUSH tabs:live d')).toBe('(integer) 4');
    await poll(() => size.textContent()).toBe('4 items');
    expect(await run(second, 'DEL tabs:live')).toBe('(integer) 1');
    await poll(() => row.count()).toBe(0);
  });

  it('carries a chat message typed in one tab to the other', async () => {
    for (const page of [first, second]) await page.waitForSelector('body[data-chat="true"]');
    await first.getByRole('textbox', { name: 'Name', exact: true }).fill('ada');
    const message = first.getByRole('textbox', { name: 'Message', exact: true });
    await message.fill('hello, second tab');
    await message.press('Enter');
    await poll(() => second.getByRole('log', { name: 'Chat messages' }).textContent()).toContain('ada hello, second tab');
    await poll(() => first.getByRole('log', { name: 'Chat messages' }).textContent()).toContain('ada hello, second tab');
    await poll(() => first.locator('#sample-chat [role=status]').textContent()).toBe('Delivered to 2 subscribers (this tab included).');
    // And back, from the keyboard alone.
    await second.getByRole('textbox', { name: 'Message', exact: true }).focus();
    await second.keyboard.type('hi ada');
    await second.keyboard.press('Enter');
    await poll(() => first.getByRole('log', { name: 'Chat messages' }).textContent()).toContain('hi ada');
    await second.locator('#sample-chat').screenshot({ path: join(shots, `tabs-chat${search ? '-dedicated' : ''}.png`) });
  });

  it('has a worker tab, opened from the queue card, work through the jobs pushed here', async () => {
    expect(await run(first, 'DEL jobs:pending jobs:processing jobs:done')).toMatch(/^\(integer\) \d+$/);
    const [worker] = await Promise.all([context.waitForEvent('page'), first.getByRole('link', { name: 'Open a worker tab' }).click()]);
    await ready(worker);
    expect(new URL(worker.url()).search).toBe(search ? `${search}&role=worker` : '?role=worker');
    await poll(() => worker.title()).toBe('Worker · localredis playground');
    await poll(() => worker.locator('#queue-worker').getAttribute('aria-pressed')).toBe('true');
    await poll(() => worker.locator('#queue-state').textContent()).toContain('Waiting for a job: BLMOVE');
    // Three tabs now, and one worker.
    await poll(() => first.locator('#stat-tabs').textContent()).toBe('3');
    await poll(() => first.locator('#queue-counts').textContent()).toContain('workers 1');

    await first.getByRole('textbox', { name: 'Job', exact: true }).fill('resize cat.png');
    await first.getByRole('button', { name: 'Push job' }).click();
    await poll(() => first.locator('#sample-queue [role=status]').textContent()).toMatch(/^Pushed job #\d+\.$/);
    const log = worker.getByRole('list', { name: 'Jobs this worker finished' });
    await poll(() => log.textContent()).toContain('resize cat.png');
    await poll(() => worker.locator('#sample-queue [role=status]').textContent()).toBe('Worker: 1 job done.');
    expect(await run(first, 'LRANGE jobs:done 0 -1')).toMatch(/^1\) "\{\\"id\\":\d+,\\"task\\":\\"resize cat.png\\"\}"$/);
    expect(await run(first, 'LLEN jobs:processing')).toBe('(integer) 0');

    // Twelve more from the Load button: the worker takes them all, one at a time.
    await first.getByRole('button', { name: 'Load job queue' }).click();
    await poll(() => first.locator('#sample-queue [role=status]').textContent()).toBe('Queued 12 jobs.');
    await expect.poll(() => worker.locator('#sample-queue [role=status]').textContent(), { timeout: 30_000, interval: 100 }).toBe('Worker: 13 jobs done.');
    await worker.screenshot({ path: join(shots, `tabs-worker${search ? '-dedicated' : ''}.png`), fullPage: true });

    // Stopping wakes the blocked BLMOVE (CLIENT UNBLOCK) and closes its connection.
    await worker.locator('#queue-worker').click();
    await poll(() => worker.locator('#sample-queue [role=status]').textContent()).toBe('Worker stopped after 13 jobs.');
    await poll(() => first.locator('#queue-counts').textContent()).toContain('workers 0');
    expect(await run(first, 'LLEN jobs:done')).toBe('(integer) 13');
    expect(errorsOf(worker)).toEqual([]);
    await worker.close();
    await poll(() => first.locator('#stat-tabs').textContent()).toBe('2');
  });

  it('logged no page errors in either tab', async () => {
    expect(errorsOf(first)).toEqual([]);
    expect(errorsOf(second)).toEqual([]);
  });
});

describe('the playground in dedicated mode (a tab hosts the engine)', { timeout: 90_000 }, () => {
  let context: BrowserContext;
  let mode: string | null = null;
  let host: Page;

  beforeAll(async () => {
    // A context of its own: its own storage, so the two modes never meet on one database.
    context = await playground.browser.newContext({ viewport: { width: 1100, height: 900 } });
    host = await openTab(context, playground.url, '?mode=dedicated');
    mode = await modeOf(host);
  }, 60_000);
  afterAll(async () => context?.close());

  it('says which tab hosts the engine, and hands it over when that tab closes', async () => {
    expect(mode).toBe('dedicated');
    await poll(() => host.locator('#stat-host').textContent()).toBe('this tab');
    const other = await openTab(context, playground.url, '?mode=dedicated');
    await poll(() => other.locator('#stat-host').textContent()).toBe('another tab');
    await poll(() => other.locator('#banner-engine').textContent()).toBe("Redis runs in another tab's Web Worker; this tab uses it from here.");
    await poll(() => host.locator('#stat-tabs').textContent()).toBe('2');
    // Committed before the reply, so the next host loads it from IndexedDB.
    expect(await run(other, 'CONFIG SET appendfsync always')).toBe('OK');
    expect(await run(other, 'SET handover kept')).toBe('OK');
    await other.screenshot({ path: join(shots, 'tabs-dedicated.png') });

    await host.close();
    await poll(() => other.locator('#stat-host').textContent()).toBe('this tab');
    await poll(() => other.locator('#output').textContent()).toContain("The engine moved: it now runs in this tab's Web Worker.");
    expect(await run(other, 'GET handover')).toBe('"kept"');
    await poll(() => other.locator('#stat-tabs').textContent()).toBe('1');
    // The key browser's subscription moved to the new engine too.
    await poll(() => run(other, 'PUBSUB NUMPAT')).toBe('(integer) 1');
    expect(await run(other, 'CONFIG GET notify-keyspace-events')).toMatch(/^1\) "notify-keyspace-events"\n2\) "[^"]+"$/);
    expect(errorsOf(other)).toEqual([]);
  });

  it('keeps a worker tab blocked on BLMOVE working when the hosting tab closes', async () => {
    const feeder = await openTab(context, playground.url, '?mode=dedicated');
    const [worker] = await Promise.all([context.waitForEvent('page'), feeder.getByRole('link', { name: 'Open a worker tab' }).click()]);
    await ready(worker);
    await poll(() => worker.locator('#queue-state').textContent()).toContain('Waiting for a job: BLMOVE');
    // The tab the test before left hosts the engine: it closes while the worker waits.
    const hostTab = context.pages().find((p) => p !== feeder && p !== worker)!;
    expect(await hostTab.locator('#stat-host').textContent()).toBe('this tab');
    await hostTab.close();
    const hosts = async () => [await feeder.locator('#stat-host').textContent(), await worker.locator('#stat-host').textContent()].sort().join(', ');
    await poll(hosts).toBe('another tab, this tab');
    // The BLMOVE was re-sent to the new host: a job pushed now reaches the worker.
    await feeder.getByRole('textbox', { name: 'Job', exact: true }).fill('after the handover');
    await feeder.getByRole('button', { name: 'Push job' }).click();
    await poll(() => worker.getByRole('list', { name: 'Jobs this worker finished' }).textContent()).toContain('after the handover');
    expect(await run(feeder, 'LLEN jobs:processing')).toBe('(integer) 0');
    expect(await run(feeder, 'LRANGE jobs:done -1 -1')).toContain('after the handover');
    expect(errorsOf(worker)).toEqual([]);
    expect(errorsOf(feeder)).toEqual([]);
  });
});
