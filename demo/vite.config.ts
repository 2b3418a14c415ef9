// Vite for the playground: `vite demo` serves it, `vite build demo` writes a static site to
// demo/dist/ with relative URLs (any static host, any sub-path) and the engine's worker bundled
// as an ES module.
import { defineConfig } from 'vite';

export default defineConfig({
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
  },
  worker: { format: 'es' },
  server: { host: '127.0.0.1', port: 5173 },
});
