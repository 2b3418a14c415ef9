// Debian's Chromium for the browser tests and benchmarks (DESIGN.md: Playwright's own download does
// not work here), launched once with the flags that work on these machines, and the plain static
// host that serves a built page to it from loopback.
import http from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { build } from 'vite';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];

/** A headless Chromium driven by playwright-core. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
}

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json' };

/**
 * Serves the files of `dir` under the path `base` on 127.0.0.1 (a free port), nothing else: no SPA
 * fallback, no headers. Resolves with the server and the URL of `base`.
 */
export async function serveStatic(dir: string, base = '/'): Promise<{ server: http.Server; url: string }> {
  const server = http.createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (!path.startsWith(base)) return void res.writeHead(404).end();
    let file = normalize(path.slice(base.length - 1));
    if (file.endsWith('/')) file += 'index.html';
    try {
      const body = await readFile(join(dir, file));
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}${base}` };
}

/** A test page built and served, and the Chromium that opens it; `close` undoes all three. */
export interface ServedPage {
  url: string;
  browser: Browser;
  close(): Promise<void>;
}

/**
 * Builds the page at `root` with Vite into a temporary directory named with `prefix` (by default
 * with no config file, workers as ES modules; or with the page's own `configFile`), serves it on
 * loopback under `base` and launches Chromium.
 */
export async function servePage(root: string, prefix: string, options: { configFile?: string; base?: string } = {}): Promise<ServedPage> {
  const outDir = await mkdtemp(join(tmpdir(), prefix));
  let server: http.Server | undefined;
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    server?.closeAllConnections();
    await new Promise((r) => (server ? server.close(r) : r(undefined)));
    await rm(outDir, { recursive: true, force: true });
  };
  try {
    const { configFile, base } = options;
    await build(
      configFile === undefined
        ? {
            root, base: './', logLevel: 'warn', configFile: false,
            build: { outDir, emptyOutDir: true, target: 'es2022', sourcemap: false }, worker: { format: 'es' },
          }
        : { root, configFile, logLevel: 'warn', build: { outDir, emptyOutDir: true, sourcemap: false } },
    );
    const served = await serveStatic(outDir, base);
    server = served.server;
    browser = await launchChromium();
    return { url: served.url, browser, close };
  } catch (e) {
    await close();
    throw e;
  }
}
