// Exactly-once across a host change (worker/dedupe.ts): the host leaves a marker of each write
// batch of a forwarding client in the same group commit as its effects; the next host, loaded
// from the same store, answers a re-sent batch it finds a marker for with the stored replies and
// runs the others.
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/core/index.js';
import { createEndpointPair, type Endpoint } from '../../src/rpc/endpoint.js';
import type { HostMessage, ReplyBatch, RequestBatch } from '../../src/rpc/messages.js';
import { packCommands, unpackReplies } from '../../src/rpc/pack.js';
import { MemoryBackend, MemoryStore } from '../../src/persistence/memory-store.js';
import { WorkerHost } from '../../src/worker/host.js';
import { openDurable } from '../../src/worker/open.js';

/** A host on `backend`, loaded (or loading), and a forwarding client `key` connected to it. */
async function hostOn(backend: MemoryBackend, key: string, loaded = true): Promise<{ host: WorkerHost; ep: Endpoint; replies: ReplyBatch[] }> {
  const host = new WorkerHost(createEngine());
  const [client, hostEnd] = createEndpointPair();
  const durable = openDurable(host, hostEnd, { type: 'open', name: 'db', appendfsync: 'always' }, new MemoryStore(backend, 'db'));
  if (loaded) await host.ready;
  host.connect(hostEnd, { client: key, remote: true });
  const replies: ReplyBatch[] = [];
  client.addEventListener('message', (ev) => {
    const m = ev.data as HostMessage;
    if (m.type === 'reply') replies.push(m);
  });
  void durable;
  return { host, ep: client, replies };
}

const request = (id: number, ...argvs: string[][]): RequestBatch => ({ type: 'request', id, commands: [], packed: packCommands(argvs) });

async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 1));
}

describe('re-sent batches after a host change', () => {
  it('a batch the previous host committed is answered with its replies, not run again; the others run', async () => {
    const backend = new MemoryBackend();
    const first = await hostOn(backend, 'tab-1');
    first.ep.postMessage(request(1, ['INCR', 'n'], ['INCR', 'n']));
    first.ep.postMessage(request(2, ['GET', 'n']));
    await settle();
    expect(first.replies.map((r) => unpackReplies(r.packed!))).toEqual([[1, 2], ['2']]);
    // The host dies; the client got no answer for batch 3 and re-sends 1..3 to the next host.
    first.ep.postMessage(request(3, ['INCR', 'n']));
    await settle();
    first.host.close();

    // Re-sent while the next host is still loading (the markers are read then).
    const next = await hostOn(backend, 'tab-1', false);
    next.ep.postMessage(request(1, ['INCR', 'n'], ['INCR', 'n']));
    next.ep.postMessage(request(3, ['INCR', 'n']));
    next.ep.postMessage(request(4, ['INCR', 'n']));
    await settle();
    expect(next.replies.map((r) => [r.id, unpackReplies(r.packed!)])).toEqual([
      [1, [1, 2]],
      [3, [3]],
      [4, [4]],
    ]);
    // A batch is answered from its marker once; another client's ids are its own.
    const other = await hostOn(backend, 'tab-2');
    other.ep.postMessage(request(1, ['GET', 'n']));
    await settle();
    expect(unpackReplies(other.replies[0].packed!)).toEqual(['4']);
  });

  it('read-only batches leave no marker and are simply run again', async () => {
    const backend = new MemoryBackend();
    const first = await hostOn(backend, 'tab-1');
    first.ep.postMessage(request(1, ['SET', 'k', 'a']));
    first.ep.postMessage(request(2, ['GET', 'k']));
    await settle();
    first.host.close();
    const next = await hostOn(backend, 'tab-1');
    next.ep.postMessage(request(0, ['SET', 'k', 'b']));
    next.ep.postMessage(request(2, ['GET', 'k']));
    await settle();
    expect(next.replies.map((r) => unpackReplies(r.packed!))).toEqual([[{ status: 'OK' }], ['b']]);
  });
});
