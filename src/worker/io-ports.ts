// Shared mode's IO worker. A SharedWorker's scope has no Worker constructor (Chromium), so its
// IndexedDB transactions (put() serialising every log record) would run on the engine's thread. A
// page can start a worker: the SharedWorker asks one connected client at a time to start an IO
// worker (persistence/io-worker.ts) and send a MessagePort to it, and its RemoteStore uses that
// port. Until one arrives, the store runs in this thread.
//
// A port dies with the page that gave it (its tab closed or crashed, its IO worker with it); a
// MessagePort does not say so, but the client's lock does (rpc/tabs.ts clientLock: free once the
// tab is gone, and the client terminates its IO worker before it frees it on close). Then the
// store drops the port: its unanswered calls run again in this thread, first and in order (every
// store call can run twice: puts by key, deletes by range), later ones after them, and the next
// client is asked for a port. The dead worker's transactions reached IndexedDB before its tab was
// gone, so they are ordered before anything this thread sends afterwards.
import { IdbStore } from '../persistence/idb-store.js';
import { RemoteStore, type StorePort } from '../persistence/remote-store.js';
import type { Store } from '../persistence/store.js';
import type { Endpoint, MessageEventLike } from '../rpc/endpoint.js';
import type { ClientMessage, IoRequestMessage } from '../rpc/messages.js';

/** The port a client sent, as a StorePort: closing it (the store stopped using it) lets the pool ask again. */
function storePortOf(port: MessagePort, onClosed: () => void): StorePort {
  return {
    postMessage: (message, transfer) => port.postMessage(message, transfer ?? []),
    addEventListener: (type, listener) => port.addEventListener(type, listener as (ev: Event) => void),
    removeEventListener: (type, listener) => port.removeEventListener(type, listener as (ev: Event) => void),
    terminate: () => {
      port.close();
      onClosed();
    },
  };
}

export class IoPorts {
  private store: RemoteStore | null = null;
  /** The clients that may be asked, in the order they came. */
  private readonly clients = new Map<Endpoint, (ev: MessageEventLike) => void>();
  /** The client asked for a port and not answered yet. */
  private asked: Endpoint | null = null;
  /** The client whose IO worker serves the store, and the port to it. */
  private serving: { ep: Endpoint; port: StorePort } | null = null;

  /** The store of IndexedDB database `name`: in this thread until a client's IO worker serves it. */
  storeOf(name: string, make: (name: string) => Store = (n) => new IdbStore(n)): RemoteStore {
    this.store = new RemoteStore(name, null, () => make(name), () => make(name));
    this.ask();
    return this.store;
  }

  /** A client that may be asked for an IO worker; call remove(ep) once its tab is gone (its client lock). */
  add(ep: Endpoint): void {
    if (this.clients.has(ep)) return;
    const onMessage = (ev: MessageEventLike) => {
      const msg = ev.data as ClientMessage;
      if (msg.type === 'io-port') this.received(ep, msg.port);
    };
    this.clients.set(ep, onMessage);
    ep.addEventListener('message', onMessage);
    this.ask();
  }

  /** The client is gone: if its IO worker served, the store drops its port (its unanswered calls run again here). */
  remove(ep: Endpoint): void {
    const onMessage = this.clients.get(ep);
    if (onMessage !== undefined) ep.removeEventListener('message', onMessage);
    this.clients.delete(ep);
    if (this.asked === ep) this.asked = null;
    const serving = this.serving;
    if (serving !== null && serving.ep === ep) {
      this.serving = null;
      this.store?.drop(serving.port);
    }
    this.ask();
  }

  private received(ep: Endpoint, port: MessagePort | null): void {
    if (port === null) {
      // It cannot start one, or the one it started failed (its script did not load).
      this.remove(ep);
      return;
    }
    if (ep !== this.asked || this.store === null) {
      port.close();
      return;
    }
    this.asked = null;
    const storePort = storePortOf(port, () => {
      if (this.serving?.port !== storePort) return;
      this.serving = null;
      this.ask();
    });
    if (!this.store.offer(storePort)) return port.close();
    this.serving = { ep, port: storePort };
    port.start();
  }

  /** Asks the first client for a port, unless one serves or is being asked for. */
  private ask(): void {
    if (this.store === null || this.serving !== null || this.asked !== null) return;
    const next = this.clients.keys().next();
    if (next.done === true) return;
    this.asked = next.value;
    next.value.postMessage({ type: 'io' } satisfies IoRequestMessage);
  }
}
