// The playground in real Chromium, used as a person uses it: the built static site (relative
// base) served from a sub-path on loopback, commands typed and replies read on screen, history
// and completion from the keyboard, a key opened in the browser and edited, a reload, a sample,
// the phone layout and the dark theme. Screenshots go to ./screenshots.
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorsOf, open as openTab, poll, run, shots, startPlayground, type Playground } from './drive.js';

// PLAYGROUND_SCREENSHOT=1 also refreshes screenshots/playground.png, the one the README shows.
const readmeShot = process.env.PLAYGROUND_SCREENSHOT === '1' ? join(shots, '..', 'playground.png') : null;

let playground: Playground;

beforeAll(async () => {
  playground = await startPlayground();
}, 120_000);

afterAll(async () => playground?.close());

const open = (context: BrowserContext) => openTab(context, playground.url);

// Generous limits for a loaded machine; every wait is for a condition, never a fixed time.
describe('the playground in Chromium', { timeout: 90_000 }, () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await playground.browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await open(context);
  });
  afterAll(async () => context?.close());

  it('answers typed commands the way redis-cli prints them', async () => {
    await run(page, 'FLUSHALL');
    expect(await run(page, 'SET greeting "hello world"')).toBe('OK');
    expect(await run(page, 'GET greeting')).toBe('"hello world"');
    expect(await run(page, 'GET nothing')).toBe('(nil)');
    expect(await run(page, 'INCR visits')).toBe('(integer) 1');
    expect(await run(page, 'RPUSH letters a b c')).toBe('(integer) 3');
    expect(await run(page, 'LRANGE letters 0 -1')).toBe('1) "a"\n2) "b"\n3) "c"');
    expect(await run(page, 'LRANGE nothing 0 -1')).toBe('(empty array)');
    expect(await run(page, 'LPUSH greeting x')).toBe('(error) WRONGTYPE Operation against a key holding the wrong kind of value');
    await poll(() => page.locator('#output .entry pre.err').last().innerText()).toContain('WRONGTYPE');
    expect(await run(page, 'SET "unbalanced')).toBe('Invalid argument(s)');
    // A paste of several lines runs each of them.
    await page.locator('#cmd').focus();
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.setData('text/plain', 'SET pasted 1\nINCR pasted\nGET pas');
      document.getElementById('cmd')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    await poll(() => page.locator('#output .entry pre').last().textContent()).toBe('(integer) 2');
    await poll(() => page.locator('#cmd').inputValue()).toBe('GET pas');
    expect(await run(page, 'HELP GET')).toBe('\n  GET key\n  summary: Get the value of a key\n  since: 1.0.0\n  group: string\n');
  });

  it('shows MULTI with (TX) in the prompt, QUEUED replies and the list EXEC answers', async () => {
    expect(await run(page, 'SELECT 2')).toBe('OK');
    await poll(() => page.locator('#prompt').textContent()).toBe('localredis[2]> ');
    expect(await run(page, 'MULTI')).toBe('OK');
    await poll(() => page.locator('#prompt').textContent()).toBe('localredis[2](TX)> ');
    expect(await run(page, 'INCR counter')).toBe('QUEUED');
    expect(await run(page, 'ZADD board 1.5 ada')).toBe('QUEUED');
    expect(await run(page, 'ZSCORE board ada')).toBe('QUEUED');
    expect(await run(page, 'EXEC')).toBe('1) (integer) 1\n2) (integer) 1\n3) "1.5"');
    await poll(() => page.locator('#prompt').textContent()).toBe('localredis[2]> ');
    expect(await run(page, 'SELECT 0')).toBe('OK');
  });

  it('walks the history with the arrow keys and completes with Tab, showing the syntax hint', async () => {
    const input = page.locator('#cmd');
    await input.fill('');
    await input.press('ArrowUp');
    await poll(() => input.inputValue()).toBe('SELECT 0');
    await input.press('ArrowUp');
    await poll(() => input.inputValue()).toBe('EXEC');
    await input.press('ArrowDown');
    await input.press('ArrowDown');
    await poll(() => input.inputValue()).toBe('');
    await input.pressSequentially('hget');
    await poll(() => page.locator('#ghost-hint').textContent()).toBe(' key field');
    await input.fill('zrevr');
    await input.press('Tab');
    await poll(() => input.inputValue()).toBe('ZREVRANGE');
    await poll(() => page.locator('#completions').isVisible()).toBe(true);
    await input.press('Tab');
    await poll(() => input.inputValue()).toBe('ZREVRANGEBYLEX');
    await input.press('Escape');
    await poll(() => input.inputValue()).toBe('zrevr');
    await poll(() => page.locator('#completions').isHidden()).toBe(true);
    // Esc, then Tab leaves the console: no keyboard trap.
    await input.press('Tab');
    await poll(() => page.getByRole('button', { name: 'Run' }).evaluate((el) => el === document.activeElement)).toBe(true);
    await input.focus();
    await input.fill('ZADD ');
    await poll(() => page.locator('#ghost-hint').textContent()).toBe('key [NX|XX] [GT|LT] [CH] [INCR] score member [score member ...]');
    await input.fill('');
    await page.screenshot({ path: join(shots, 'console.png') });
  });

  it('opens a key in the browser, edits its value and its TTL, and sees the console agree', async () => {
    expect(await run(page, 'HSET user:1 name ada lang en')).toBe('(integer) 2');
    await page.locator('#key-rows button.key[data-key="user:1"]').click();
    const editor = page.locator('#editor');
    await poll(() => editor.locator('h3').textContent()).toBe('user:1');
    const value = editor.getByRole('textbox', { name: 'Value of lang' });
    await poll(() => value.inputValue()).toBe('en');
    await value.fill('fr');
    await editor.locator('.item', { has: page.getByRole('textbox', { name: 'Value of lang' }) }).getByRole('button', { name: 'Save' }).click();
    await poll(() => editor.locator('.msg').textContent()).toBe('Saved.');
    expect(await run(page, 'HGET user:1 lang')).toBe('"fr"');

    await editor.getByRole('spinbutton', { name: 'Expire in seconds' }).fill('100');
    await editor.getByRole('button', { name: 'Set TTL' }).click();
    await poll(() => page.locator('#key-rows tr', { has: page.locator('button.key[data-key="user:1"]') }).locator('td.ttl').textContent()).toMatch(/^1m [34]\ds$/);
    expect(await run(page, 'TTL user:1')).toMatch(/^\(integer\) (100|99|98)$/);

    // A string, edited as hex.
    expect(await run(page, 'SET blob abc')).toBe('OK');
    await page.locator('#key-rows button.key[data-key="blob"]').click();
    await poll(() => editor.locator('h3').textContent()).toBe('blob');
    await editor.getByRole('checkbox', { name: 'Hex' }).check();
    await poll(() => editor.getByRole('textbox', { name: 'Value' }).inputValue()).toBe('61 62 63');
    await editor.getByRole('textbox', { name: 'Value' }).fill('00 ff 41');
    await editor.getByRole('button', { name: 'Save' }).click();
    await poll(() => editor.locator('.msg').textContent()).toBe('Saved.');
    expect(await run(page, 'GET blob')).toBe('"\\x00\\xffA"');

    // A sorted set: a score changed from the form.
    expect(await run(page, 'ZADD scores 10 ada 20 bob')).toBe('(integer) 2');
    await page.locator('#key-rows button.key[data-key="scores"]').click();
    await editor.getByRole('textbox', { name: 'Score of bob' }).fill('5');
    await editor.locator('.item', { has: page.getByRole('textbox', { name: 'Score of bob' }) }).getByRole('button', { name: 'Save' }).click();
    expect(await run(page, 'ZRANGE scores 0 -1 WITHSCORES')).toBe('1) "bob"\n2) "5"\n3) "ada"\n4) "10"');
    await page.screenshot({ path: join(shots, 'key-browser.png') });

    // A list item removed by its index, though an equal item comes first.
    expect(await run(page, 'RPUSH todo a b a')).toBe('(integer) 3');
    await page.locator('#key-rows button.key[data-key="todo"]').click();
    await editor.getByRole('button', { name: 'Remove item 2' }).click();
    await poll(() => editor.locator('.msg').textContent()).toBe('Removed.');
    expect(await run(page, 'LRANGE todo 0 -1')).toBe('1) "a"\n2) "b"');

    // Deleting asks once more.
    await page.locator('#key-rows button.key[data-key="blob"]').click();
    await editor.getByRole('button', { name: 'Delete key' }).click();
    await editor.getByRole('button', { name: 'Confirm: delete key' }).click();
    await poll(() => page.locator('#key-rows button.key[data-key="blob"]').count()).toBe(0);
    expect(await run(page, 'EXISTS blob')).toBe('(integer) 0');
  });

  it('loads the 10,000-member leaderboard sample and puts a command to try in the console', async () => {
    await page.getByRole('button', { name: 'Load leaderboard' }).click();
    await poll(() => page.locator('#sample-leaderboard [role=status]').textContent()).toMatch(/^Loaded 10,000 members in \d+ ms\.$/);
    expect(await run(page, 'ZCARD leaderboard')).toBe('(integer) 10000');
    await page.getByRole('button', { name: 'ZREVRANGE leaderboard 0 9 WITHSCORES' }).click();
    await poll(() => page.locator('#cmd').inputValue()).toBe('ZREVRANGE leaderboard 0 9 WITHSCORES');
    await poll(() => page.locator('#cmd').evaluate((el) => el === document.activeElement)).toBe(true);
    const reply = await run(page, await page.locator('#cmd').inputValue());
    expect(reply.split('\n')).toHaveLength(20);
    expect(reply).toMatch(/^ 1\) "player:\d{5}"\n 2\) "\d+"/);
    await poll(() => page.locator('#stat-list').textContent()).toContain('Keys in db0');
    // Where the engine runs, and the tabs using it: this one alone.
    expect(await page.locator('#stat-host').textContent()).toMatch(/^(SharedWorker|this tab)$/);
    await poll(() => page.locator('#stat-tabs').textContent()).toBe('1');
    await page.screenshot({ path: join(shots, 'playground.png'), fullPage: true });
    if (readmeShot) await page.screenshot({ path: readmeShot, fullPage: true });
  });

  it('loads the session cache (TTLs counting down, filtered by pattern) and runs the job queue worker', async () => {
    await page.getByRole('button', { name: 'Load session cache' }).click();
    await poll(() => page.locator('#sample-sessions [role=status]').textContent()).toBe('Loaded 20 sessions with TTLs.');
    await page.getByLabel('Pattern').fill('session:*');
    await page.getByLabel('Pattern').press('Enter');
    await poll(() => page.locator('#key-count').textContent()).toBe('20 keys shown');
    const ttl = page.locator('#key-rows tr', { has: page.locator('button.key[data-key="session:0001"]') }).locator('td.ttl');
    const first = await ttl.textContent();
    expect(first).toMatch(/^(\d+s|1m \d+s|2m 0s)$/);
    await poll(() => ttl.textContent()).not.toBe(first);
    await page.getByLabel('Type').selectOption('hash');
    await poll(() => page.locator('#key-count').textContent()).toBe('20 keys shown');
    await page.getByLabel('Pattern').fill('*');
    await page.getByLabel('Type').selectOption('');

    await page.getByRole('button', { name: 'Load job queue' }).click();
    await poll(() => page.locator('#sample-queue [role=status]').textContent()).toBe('Queued 12 jobs.');
    const worker = page.getByRole('button', { name: 'Start worker' });
    await worker.click();
    await poll(() => page.locator('#sample-queue [role=status]').textContent()).toMatch(/^Worker: [2-9]\d* jobs done\.$/);
    await page.locator('#sample-queue button[aria-pressed="true"]').click();
    await poll(() => page.locator('#sample-queue [role=status]').textContent()).toMatch(/^Worker stopped after \d+ jobs?\.$/);
    const done = Number(/after (\d+)/.exec((await page.locator('#sample-queue [role=status]').textContent())!)![1]);
    expect(await run(page, 'LLEN jobs:done')).toBe(`(integer) ${done}`);
    expect(await run(page, 'LLEN jobs:pending')).toBe(`(integer) ${12 - done}`);
  });

  it('keeps the history across a reload, and the keys when the engine persists them', async () => {
    const persisted = (await page.locator('#status').textContent())!.includes('IndexedDB');
    if (persisted) {
      // appendfsync always: the reply waits for the commit, so a reload right after keeps it.
      await page.getByRole('radio', { name: 'always' }).check();
      await poll(() => page.locator('#persistence [role=status]').textContent()).toBe('appendfsync is always.');
      await page.getByRole('button', { name: 'SAVE' }).click();
      await poll(() => page.locator('#persistence [role=status]').textContent()).toBe('SAVE: OK');
    }
    expect(await run(page, 'SET kept yes')).toBe('OK');
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    const input = page.locator('#cmd');
    await poll(() => input.evaluate((el) => el === document.activeElement)).toBe(true);
    await input.press('ArrowUp');
    await poll(() => input.inputValue()).toBe('SET kept yes');
    await input.fill('');
    if (persisted) {
      expect(await run(page, 'GET kept')).toBe('"yes"');
      await poll(() => page.locator('#key-rows button.key[data-key="kept"]').count()).toBe(1);
    }
    expect(errorsOf(page)).toEqual([]);
  });

  it('works at a phone width in the dark theme, with the theme remembered', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.emulateMedia({ colorScheme: 'light' });
    const theme = page.getByRole('button', { name: 'Dark theme' });
    await poll(() => theme.getAttribute('aria-pressed')).toBe('false');
    await theme.focus();
    await page.keyboard.press('Enter');
    await poll(() => theme.getAttribute('aria-pressed')).toBe('true');
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    // Nothing wider than the screen.
    await poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.getByRole('button', { name: 'Clear' }).click();
    await poll(() => page.locator('#output .entry').count()).toBe(0);
    expect(await run(page, 'ZREVRANGE leaderboard 0 2 WITHSCORES')).toMatch(/^1\) "player:\d{5}"\n2\) "\d+"/);
    await page.screenshot({ path: join(shots, 'phone-dark.png') });
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
  });
});
