// Vite: the library build (client, worker, core, server entries), the playground and vitest.
import { posix } from 'node:path';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * Keeps the client's `new Worker(new URL('../worker/entry.js', import.meta.url), { type: 'module' })`
 * as written in the published dist/client/index.js, so that the app's bundler finds
 * dist/worker/entry.js and bundles it. Left alone, Vite's library build would rewrite it to an
 * absolute /assets/ URL and ship a second copy of the engine.
 */
function keepWorkerUrl(): Plugin {
  const marker = '__LOCALREDIS_WORKER_URL__';
  const url = "new URL('../worker/entry.js', import.meta.url)";
  let lib = false;
  return {
    name: 'localredis:keep-worker-url',
    enforce: 'pre',
    configResolved(config) {
      lib = config.command === 'build' && Boolean(config.build.lib);
    },
    transform(code, id) {
      if (!lib || !id.endsWith('/src/client/create-client.ts') || !code.includes(url)) return null;
      return { code: code.replace(url, marker), map: null };
    },
    renderChunk(code, chunk) {
      if (!code.includes(marker)) return null;
      const rel = posix.relative(posix.dirname(chunk.fileName), 'worker/entry.js');
      return { code: code.replace(marker, `new URL('${rel.startsWith('.') ? rel : './' + rel}', import.meta.url)`), map: null };
    },
  };
}

export default defineConfig({
  plugins: [keepWorkerUrl()],
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    lib: {
      entry: {
        'client/index': 'src/client/index.ts',
        'worker/entry': 'src/worker/entry.ts',
        'core/index': 'src/core/index.ts',
        'server/server': 'src/server/server.ts',
        'server/main': 'src/server/main.ts',
      },
      formats: ['es'],
    },
    rollupOptions: { external: [/^node:/, 'idb'] },
  },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
