// The IO worker: a dedicated worker that runs an engine's IndexedDB transactions, so that
// serialising large log records for put() happens here, not between commands. The engine's thread
// starts it (io-store.ts) and it serves that thread on its own scope; or, in shared mode, a page
// starts it for the SharedWorker (which cannot start a worker) and sends it a port to serve.
import { IdbStore } from './idb-store.js';
import { serveStore, type StorePort, type StoreRequest } from './remote-store.js';

const make = (name: string) => new IdbStore(name);
serveStore(globalThis as unknown as StorePort, make);
addEventListener('message', (ev: MessageEvent) => {
  if ((ev.data as StoreRequest | null)?.type !== 'port' || ev.ports.length === 0) return;
  const port = ev.ports[0];
  serveStore(port as unknown as StorePort, make);
  port.start();
});
