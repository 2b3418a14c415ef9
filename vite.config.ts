// Vite: the library build (client, worker, core, server entries), the playground and vitest.
import { defineConfig } from 'vitest/config';

export default defineConfig({
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
