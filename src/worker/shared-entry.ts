// The SharedWorker entry: one engine for every tab of the origin that opens the same database
// (the client names the SharedWorker after it), a session per connected port. It takes the
// database's lock before loading it, so that a tab in dedicated mode never hosts a second engine
// on the same data; such tabs forward to it instead (worker/tabs.ts).
import { createEngine } from '../core/index.js';
import type { Endpoint } from '../rpc/endpoint.js';
import type { ClientMessage } from '../rpc/messages.js';
import { clientLock, webLocks } from '../rpc/tabs.js';
import { WorkerHost, type ConnectOptions } from './host.js';
import { IoPorts } from './io-ports.js';
import { databaseName, listenForOpen, type OpenOptions } from './open.js';

const host = new WorkerHost(createEngine({ hrtime: () => performance.now() }));
// Where this scope cannot start the IO worker itself (Chromium), a page's IO worker serves it.
const io = typeof Worker === 'undefined' && typeof indexedDB !== 'undefined' && webLocks() !== undefined ? new IoPorts() : null;
const makeStore: OpenOptions['makeStore'] = io === null ? undefined : (name) => io.storeOf(databaseName(name));

(globalThis as unknown as { onconnect: (ev: MessageEvent) => void }).onconnect = (ev: MessageEvent) => {
  const port = ev.ports[0];
  const ep = port as unknown as Endpoint;
  const connection: ConnectOptions = {};
  listenForOpen(host, ep, { connection, takeLock: true, makeStore });
  const closeSession = host.connect(ep, connection);
  // A port says nothing when its tab closes or crashes; the tab's client holds a lock while it
  // lives, and the session is freed once that lock is free (and its IO worker, if it gave one,
  // is no longer used: io-ports.ts).
  port.addEventListener('message', (e: MessageEvent) => {
    const msg = e.data as ClientMessage;
    const locks = webLocks();
    if (msg.type === 'open' && msg.client !== undefined && locks !== undefined) {
      io?.add(ep);
      void locks.request(clientLock(msg.name, msg.client), () => {
        io?.remove(ep);
        closeSession();
      });
    }
  });
  port.start();
};
