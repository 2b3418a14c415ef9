// The IndexedDB store for an engine: its transactions run in a nested IO worker (io-worker.ts)
// where this scope can start one (a page, a dedicated worker), in this thread otherwise or if that
// worker fails to start. (Chromium's SharedWorker scope has no Worker: there a page starts it,
// worker/io-ports.ts.) The load's reads stay in this thread (see RemoteStore's reader).
import { IdbStore } from './idb-store.js';
import { RemoteStore, type StorePort } from './remote-store.js';
import type { Store } from './store.js';

/** The store of IndexedDB database `name`: through an IO worker when possible. */
export function idbStoreOf(name: string): Store {
  if (typeof Worker === 'undefined') return new IdbStore(name);
  return new RemoteStore(name, startIoWorker, () => new IdbStore(name), () => new IdbStore(name));
}

function startIoWorker(): StorePort {
  // Written so that bundlers (Vite, webpack 5, esbuild's plugins) find and bundle the worker.
  return new Worker(new URL('./io-worker.js', import.meta.url), { type: 'module' }) as unknown as StorePort;
}
