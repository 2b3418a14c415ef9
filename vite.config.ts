// Vite: the library build (client, worker, core, server entries), the playground and vitest.
import { posix } from 'node:path';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * Keeps the client's `new Worker(new URL('../worker/entry.js', import.meta.url), { type: 'module' })`
 * (and the SharedWorker's `../worker/shared-entry.js`, and the engine's IO worker
 * `./io-worker.js` in src/persistence/io-store.ts, which src/client/io.ts starts too for a
 * SharedWorker) as written in the published dist, so that the app's bundler finds dist/worker/*.js
 * and dist/persistence/io-worker.js and bundles them. Left alone, Vite's library build would
 * rewrite them to absolute /assets/ URLs and ship a second copy of the engine.
 */
function keepWorkerUrl(): Plugin {
  const url = /new URL\('\.\.\/worker\/(entry|shared-entry)\.js', import\.meta\.url\)/g;
  const ioUrl = /new URL\('(?:\.\/|\.\.\/persistence\/)io-worker\.js', import\.meta\.url\)/g;
  const marker = /__LOCALREDIS_WORKER_URL_(entry|shared_entry|io_worker)__/g;
  const target: Record<string, string> = { entry: 'worker/entry.js', shared_entry: 'worker/shared-entry.js', io_worker: 'persistence/io-worker.js' };
  let lib = false;
  return {
    name: 'localredis:keep-worker-url',
    enforce: 'pre',
    configResolved(config) {
      lib = config.command === 'build' && Boolean(config.build.lib);
    },
    transform(code, id) {
      if (lib && (id.endsWith('/src/persistence/io-store.ts') || id.endsWith('/src/client/io.ts')) && ioUrl.test(code)) {
        ioUrl.lastIndex = 0;
        return { code: code.replace(ioUrl, '__LOCALREDIS_WORKER_URL_io_worker__'), map: null };
      }
      if (!lib || !id.endsWith('/src/client/create-client.ts') || !url.test(code)) return null;
      url.lastIndex = 0;
      return { code: code.replace(url, (_m, file: string) => `__LOCALREDIS_WORKER_URL_${file.replace('-', '_')}__`), map: null };
    },
    renderChunk(code, chunk) {
      if (!marker.test(code)) return null;
      marker.lastIndex = 0;
      return {
        code: code.replace(marker, (_m, file: string) => {
          const rel = posix.relative(posix.dirname(chunk.fileName), target[file]);
          return `new URL('${rel.startsWith('.') ? rel : './' + rel}', import.meta.url)`;
        }),
        map: null,
      };
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
        'worker/shared-entry': 'src/worker/shared-entry.ts',
        'persistence/io-worker': 'src/persistence/io-worker.ts',
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
