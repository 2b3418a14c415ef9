// The host's side of sharing an engine across tabs (rpc/tabs.ts has the names and messages): it
// serves every tab that forwards to it over BroadcastChannel, with a session each, as if they were
// connected directly, and frees a tab's session when that tab closes or crashes.
import type { Endpoint, MessageEventLike } from '../rpc/endpoint.js';
import type { ClientMessage, HostMessage } from '../rpc/messages.js';
import { announceChannel, clientChannel, clientLock, hostChannel, randomId, webLocks, type HostAnnounce, type ToClient, type ToHost } from '../rpc/tabs.js';
import type { WorkerHost } from './host.js';

interface Forwarder {
  listeners: Set<(ev: MessageEventLike) => void>;
  out: BroadcastChannel;
}

/**
 * Serves the tabs forwarding to database `name` with `host`'s engine; returns a function that
 * stops serving them. Call it once the caller holds the database's lock.
 */
export function serveTabs(host: WorkerHost, name: string): () => void {
  const id = randomId();
  const inbox = new BroadcastChannel(hostChannel(name));
  const forwarders = new Map<string, Forwarder>();
  const locks = webLocks();

  const deliver = (f: Forwarder, msg: ClientMessage) => {
    for (const l of f.listeners) l({ data: msg });
  };

  const connect = (key: string, locked: boolean): Forwarder => {
    const out = new BroadcastChannel(clientChannel(name, key));
    const f: Forwarder = { listeners: new Set(), out };
    const ep: Endpoint = {
      postMessage: (msg) => out.postMessage({ k: 'msg', host: id, msg: msg as HostMessage } satisfies ToClient),
      addEventListener: (_type, l) => f.listeners.add(l),
      removeEventListener: (_type, l) => f.listeners.delete(l),
    };
    forwarders.set(key, f);
    // A tab that arrives while the engine loads (a takeover) sees the progress too.
    if (host.ready !== null) host.loadingWatchers.add(ep);
    host.connect(ep, {
      client: key,
      remote: true,
      onClose: () => {
        host.loadingWatchers.delete(ep);
        forwarders.delete(key);
        out.close();
      },
    });
    // The client holds this lock while it lives: it is ours once the tab closed or crashed.
    if (locked) {
      void locks?.request(clientLock(name, key), () => {
        if (forwarders.get(key) === f) deliver(f, { type: 'close' });
      });
    }
    return f;
  };

  inbox.onmessage = (ev: MessageEvent) => {
    const m = ev.data as ToHost;
    if (m.k === 'hello') {
      const f = forwarders.get(m.c) ?? connect(m.c, m.locked);
      f.out.postMessage({ k: 'welcome', host: id } satisfies ToClient);
    } else if (m.k === 'msg') {
      // A client that has not said hello to this host sent it to the previous one: it re-sends
      // what is unanswered once welcomed, so running it now could run it twice.
      const f = forwarders.get(m.c);
      if (f !== undefined) deliver(f, m.msg);
    }
  };
  const announce = new BroadcastChannel(announceChannel(name));
  announce.postMessage({ k: 'host', host: id } satisfies HostAnnounce);
  announce.close();

  return () => {
    inbox.close();
    for (const f of forwarders.values()) deliver(f, { type: 'close' });
  };
}
