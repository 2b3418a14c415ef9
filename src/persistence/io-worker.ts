// The IO worker: a dedicated worker the engine's thread starts (io-store.ts) to run its IndexedDB
// transactions, so that serialising large log records for put() happens here, not between commands.
import { IdbStore } from './idb-store.js';
import { serveStore, type StorePort } from './remote-store.js';

serveStore(globalThis as unknown as StorePort, (name) => new IdbStore(name));
