// Driving the playground in Chromium as a person does: the built static site (relative base)
// served from a sub-path on loopback, a tab opened and waited for, a line typed at the prompt and
// its reply read on screen. Shared by the playground's e2e files; screenshots go to
// ./screenshots/latest (ignored by git).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { servePage } from '../chromium.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const demoRoot = join(here, '../../../demo');
export const shots = join(here, 'screenshots', 'latest');
const BASE = '/some/sub/path/';

export interface Playground {
  url: string;
  browser: Browser;
  close(): Promise<void>;
}

/** Builds the playground, serves it as a plain static host would, and launches Chromium. */
export function startPlayground(): Promise<Playground> {
  return servePage(demoRoot, 'playground-', { configFile: join(demoRoot, 'vite.config.ts'), base: BASE });
}

/** A condition the page reaches on its own: polled, never slept on. */
export const poll = <T>(fn: () => Promise<T>) => expect.poll(fn, { timeout: 15_000, interval: 50 });

/** The page errors seen since the tab was opened (or first waited for). */
export function errorsOf(page: Page): string[] {
  const p = page as Page & { errors?: string[] };
  if (p.errors === undefined) {
    const errors: string[] = (p.errors = []);
    page.on('pageerror', (e) => errors.push(e.message));
  }
  return p.errors;
}

/** Waits for a tab's playground to be ready (a tab the page opened itself, say). */
export async function ready(page: Page): Promise<Page> {
  errorsOf(page);
  page.setDefaultTimeout(15_000);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
  return page;
}

/** Opens the playground (`search`: e.g. '?mode=dedicated') in a new tab of `context`. */
export async function open(context: BrowserContext, url: string, search = ''): Promise<Page> {
  const page = await context.newPage();
  errorsOf(page);
  await page.goto(url + search);
  return ready(page);
}

/** Types a line at the prompt, presses Enter, and returns the text of its reply as shown. */
export async function run(page: Page, line: string): Promise<string> {
  const before = await page.locator('#output .entry:not(.note)').count();
  await page.locator('#cmd').fill(line);
  await page.locator('#cmd').press('Enter');
  await page.waitForFunction(
    (n) => document.querySelectorAll('#output .entry:not(.note)').length > n && document.getElementById('output')!.getAttribute('aria-busy') === 'false',
    before,
  );
  const entry = page.locator('#output .entry:not(.note)').last();
  const reply = entry.locator('pre');
  return (await reply.count()) ? reply.innerText() : '';
}
