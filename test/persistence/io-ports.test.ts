// Shared mode's IO worker (worker/io-ports.ts): the SharedWorker cannot start one, so a client is
// asked to and sends a port to it; the store runs in this thread until one arrives, then every
// transaction goes through the port, after what this thread still runs (a later append never
// commits before an earlier one). When the client's tab goes, the unanswered calls run again here,
// first and in order, and the next client is asked. Ports are real MessageChannels (structured
// clone, the log crossing as a transferred buffer); clients are in-memory endpoints.
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { SimpleString } from '../../src/core/index.js';
import { MemoryBackend, MemoryStore } from '../../src/persistence/memory-store.js';
import { RemoteStore, serveStore, type StorePort } from '../../src/persistence/remote-store.js';
import type { BytesRecord } from '../../src/persistence/store.js';
import { createEndpointPair, type Endpoint } from '../../src/rpc/endpoint.js';
import type { ClientMessage, HostMessage } from '../../src/rpc/messages.js';
import { IoPorts } from '../../src/worker/io-ports.js';
import { durableEngine, TestStore, until } from './harness.js';

const OK = new SimpleString('OK');
const open: MessagePort[] = [];
afterEach(() => {
  for (const p of open.splice(0)) p.close();
});

/** A store whose appends wait for `gate` (an IndexedDB transaction still committing), and a log of commits. */
class SlowStore extends TestStore {
  gate: Promise<void> | null = null;
  constructor(
    inner: MemoryStore,
    private readonly commits: string[],
    private readonly label: string,
  ) {
    super(inner);
  }
  override async append(records: BytesRecord[]): Promise<void> {
    if (this.gate !== null) await this.gate;
    await super.append(records);
    for (const r of records) this.commits.push(`${this.label}:${r.seq}`);
  }
}

const record = (seq: number): BytesRecord => {
  const data = `*1\r\n$4\r\nPING\r\n#${seq}`;
  return { seq, count: 1, chars: data.length, bytes: new TextEncoder().encode(data), format: 3 };
};

/** A tab's client as the SharedWorker sees it: asked (`io`), it serves a store on a new MessageChannel and sends the port. */
function tab(backend: MemoryBackend, commits: string[], label: string, answer: 'port' | 'none' = 'port') {
  const [host, client] = createEndpointPair();
  const far: SlowStore[] = [];
  const asked: number[] = [];
  client.addEventListener('message', (ev) => {
    if ((ev.data as HostMessage).type !== 'io') return;
    asked.push(1);
    if (answer === 'none') return client.postMessage({ type: 'io-port', port: null } satisfies ClientMessage);
    const { port1, port2 } = new MessageChannel();
    open.push(port1, port2);
    serveStore(port1 as unknown as StorePort, (name) => (far[far.length] = new SlowStore(new MemoryStore(backend, name), commits, label)));
    port1.start();
    client.postMessage({ type: 'io-port', port: port2 as unknown as globalThis.MessagePort } satisfies ClientMessage);
  });
  return { ep: host as Endpoint, far, asked };
}

describe("shared mode's IO worker, from a client", () => {
  it('the store runs here until a port is offered; a later append goes there only once the earlier ones here have committed', async () => {
    const backend = new MemoryBackend();
    const commits: string[] = [];
    const local: SlowStore[] = [];
    const far: SlowStore[] = [];
    const store = new RemoteStore('db', null, () => (local[local.length] = new SlowStore(new MemoryStore(backend, 'db'), commits, 'here')));
    await store.open();
    expect(store.remote).toBe(false);
    let openGate!: () => void;
    local[0].gate = new Promise<void>((r) => (openGate = r));
    const first = store.append([record(1)]);
    const { port1, port2 } = new MessageChannel();
    open.push(port1, port2);
    serveStore(port1 as unknown as StorePort, (name) => (far[far.length] = new SlowStore(new MemoryStore(backend, name), commits, 'there')));
    expect(store.offer(port2 as unknown as StorePort)).toBe(true);
    expect(store.offer(port2 as unknown as StorePort)).toBe(false); // one serves already
    const second = store.append([record(2)]);
    const third = store.append([record(3)]);
    await new Promise((r) => setTimeout(r, 30));
    expect(far.length === 0 || far[0].calls.length === 0).toBe(true); // held back: seq 1 is not committed yet
    openGate();
    await Promise.all([first, second, third]);
    expect(commits).toEqual(['here:1', 'there:2', 'there:3']);
    expect(store.remote).toBe(true);
    expect((await new MemoryStore(backend, 'db').readLog(0, 10)).map((r) => r.seq)).toEqual([1, 2, 3]);
  });

  it("the load's reads stay in this thread when a port is offered during the load", async () => {
    const backend = new MemoryBackend();
    const commits: string[] = [];
    const local: SlowStore[] = [];
    const readers: TestStore[] = [];
    const far: SlowStore[] = [];
    const store = new RemoteStore(
      'db',
      null,
      () => (local[local.length] = new SlowStore(new MemoryStore(backend, 'db'), commits, 'here')),
      () => (readers[readers.length] = new TestStore(new MemoryStore(backend, 'db'))),
    );
    const opening = store.open(); // runs here (no port yet), and has not settled when the port comes
    const { port1, port2 } = new MessageChannel();
    open.push(port1, port2);
    serveStore(port1 as unknown as StorePort, (name) => (far[far.length] = new SlowStore(new MemoryStore(backend, name), commits, 'there')));
    store.offer(port2 as unknown as StorePort);
    const reading = Promise.all([store.readLog(0, 10), store.countLog(0), store.lastSeq()]);
    await Promise.all([opening, reading]);
    expect(readers[0].calls).toEqual(['readLog', 'countLog', 'lastSeq']);
    await store.append([record(1)]); // the first write: through the port
    expect(far[0].calls).toEqual(['append']);
  });

  it("asks one client for a port; when that client's tab goes, its unanswered calls run here first, and the next client's port serves", async () => {
    const backend = new MemoryBackend();
    const commits: string[] = [];
    const local: SlowStore[] = [];
    const ports = new IoPorts();
    const store = ports.storeOf('db', (name) => (local[local.length] = new SlowStore(new MemoryStore(backend, name), commits, 'here')));
    const a = tab(backend, commits, 'a');
    const b = tab(backend, commits, 'b');
    ports.add(a.ep);
    ports.add(b.ep);
    await until(() => store.remote);
    expect([a.asked.length, b.asked.length]).toEqual([1, 0]); // one at a time
    const e = await durableEngine(store, { appendfsync: 'always' });
    expect(await e.run('SET', 'k1', 'v1')).toEqual(OK);
    expect(a.far[0].calls).toContain('append');
    // Tab a's IO worker stops answering (its tab is closing), with writes in flight.
    a.far[0].dieAfter = a.far[0].transactions;
    const inflight = [e.run('SET', 'k2', 'v2'), e.run('SET', 'k3', 'v3')];
    await until(() => a.far[0].dead);
    await new Promise((r) => setTimeout(r, 20));
    ports.remove(a.ep); // its client lock is free: the tab is gone
    expect(await Promise.all(inflight)).toEqual([OK, OK]); // appendfsync always: answered once committed here
    await until(() => store.remote); // b was asked, and its port serves
    expect(b.asked.length).toBe(1);
    expect(await e.run('SET', 'k4', 'v4')).toEqual(OK);
    expect(b.far[0].calls).toContain('append');
    // In sequence order, wherever they were committed: here the two a never answered, then b.
    const seqs = commits.map((c) => Number(c.split(':')[1]));
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    expect(commits.filter((c) => c.startsWith('here')).length).toBeGreaterThan(0);
    expect(commits[commits.length - 1]).toMatch(/^b:/);
    const reloaded = await durableEngine(new MemoryStore(backend, 'db'));
    expect(reloaded.exec('MGET', 'k1', 'k2', 'k3', 'k4')).toEqual(['v1', 'v2', 'v3', 'v4']);
  });

  it('a client that cannot start an IO worker (or whose worker failed) is passed over; with none left the store runs here', async () => {
    const backend = new MemoryBackend();
    const commits: string[] = [];
    const ports = new IoPorts();
    const store = ports.storeOf('db', (name) => new MemoryStore(backend, name));
    const a = tab(backend, commits, 'a', 'none');
    const b = tab(backend, commits, 'b');
    ports.add(a.ep);
    ports.add(b.ep);
    await until(() => store.remote);
    expect([a.asked.length, b.asked.length]).toEqual([1, 1]);
    const e = await durableEngine(store, { appendfsync: 'always' });
    expect(await e.run('SET', 'k', 'v')).toEqual(OK);
    expect(commits).toHaveLength(1);
    expect(commits[0]).toMatch(/^b:/);
    // b's worker fails: it says so, and the store goes on here.
    (b.ep as unknown as { deliver(m: unknown): void }).deliver({ type: 'io-port', port: null });
    expect(store.remote).toBe(false);
    expect(await e.run('SET', 'k2', 'v2')).toEqual(OK);
    expect(commits).toHaveLength(1);
    expect((await new MemoryStore(backend, 'db').readLog(0, 10)).length).toBe(2);
  });
});
