// The host side of tab sharing in Node (BroadcastChannel is global in Node; no Web Locks here):
// a tab that says hello while the engine loads (a takeover) is welcomed and sees the progress.
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/core/index.js';
import { createEndpointPair } from '../../src/rpc/endpoint.js';
import type { HostMessage } from '../../src/rpc/messages.js';
import { packCommands } from '../../src/rpc/pack.js';
import { clientChannel, hostChannel, type ToClient } from '../../src/rpc/tabs.js';
import { MemoryBackend, MemoryStore } from '../../src/persistence/memory-store.js';
import type { Store } from '../../src/persistence/store.js';
import { WorkerHost } from '../../src/worker/host.js';
import { openDurable } from '../../src/worker/open.js';
import { serveTabs } from '../../src/worker/tabs.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The store, with every log read 20 ms late: a load that takes a while. */
function slow(store: Store): Store {
  return new Proxy(store, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver);
      if (prop !== 'readLog') return typeof v === 'function' ? v.bind(target) : v;
      return async (...args: unknown[]) => {
        await sleep(20);
        return (v as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

describe('serving tabs', () => {
  it('a tab that says hello while the engine loads is welcomed, sees the progress, then its commands run', async () => {
    const backend = new MemoryBackend();
    const first = new WorkerHost(createEngine());
    const [client, hostEnd] = createEndpointPair();
    const durable = openDurable(first, hostEnd, { type: 'open', name: 'db', appendfsync: 'always' }, new MemoryStore(backend, 'db'));
    await first.ready;
    first.connect(hostEnd);
    for (let i = 0; i < 5; i++) client.postMessage({ type: 'request', id: i + 1, commands: [], packed: packCommands([['INCR', 'n']]) });
    await sleep(50);
    await durable.close();
    first.close();

    const next = new WorkerHost(createEngine());
    const opener = createEndpointPair();
    openDurable(next, opener[1], { type: 'open', name: 'db' }, slow(new MemoryStore(backend, 'db')));
    const stop = serveTabs(next, 'tabs-host-test');
    const inbox = new BroadcastChannel(clientChannel('tabs-host-test', 'tab-1'));
    const heard: ToClient[] = [];
    inbox.onmessage = (ev: MessageEvent) => heard.push(ev.data as ToClient);
    const out = new BroadcastChannel(hostChannel('tabs-host-test'));
    out.postMessage({ k: 'hello', c: 'tab-1', locked: false });
    out.postMessage({ k: 'msg', c: 'tab-1', msg: { type: 'request', id: 1, commands: [['GET', 'n']] } });
    await next.ready;
    await sleep(50);
    const msgs = heard.filter((m): m is Extract<ToClient, { k: 'msg' }> => m.k === 'msg').map((m) => m.msg as HostMessage);
    expect(heard[0].k).toBe('welcome');
    const loading = msgs.filter((m) => m.type === 'loading');
    expect(loading.length).toBeGreaterThan(0);
    const last = loading.at(-1) as { loaded: number; total: number };
    expect(last.loaded).toBe(last.total);
    expect(msgs.filter((m) => m.type === 'reply')).toEqual([{ type: 'reply', id: 1, replies: ['5'] }]);
    stop();
    inbox.close();
    out.close();
    next.close();
  });
});
