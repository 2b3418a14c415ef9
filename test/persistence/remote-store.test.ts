// The store in another thread (remote-store.ts, the engine's IO worker): calls cross a real
// MessageChannel (structured clone, a transferred buffer for the log) to serveStore on a store the
// test controls. Every transaction runs there, not here; errors come back as the store raised them
// (MISCONF, nothing acknowledged lost); a port that fails hands its calls to the fallback store.
import 'fake-indexeddb/auto';
import { deleteDB } from 'idb';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorReply, SimpleString } from '../../src/core/index.js';
import { IdbStore } from '../../src/persistence/idb-store.js';
import { MemoryBackend, MemoryStore } from '../../src/persistence/memory-store.js';
import { RemoteStore, serveStore, type StorePort } from '../../src/persistence/remote-store.js';
import { digest, domError, durableEngine, sleep, TestStore, until } from './harness.js';

const OK = new SimpleString('OK');
const open: MessagePort[] = [];
afterEach(() => {
  for (const p of open.splice(0)) p.close();
});

/** A port pair: ours (with terminate, and an error we can raise) and the far end served on `far`. */
function channel(far: (name: string) => TestStore) {
  const { port1, port2 } = new MessageChannel();
  open.push(port1, port2);
  serveStore(port2 as unknown as StorePort, far);
  const errorListeners: Array<(ev: { data?: unknown }) => void> = [];
  let terminated = false;
  const port: StorePort & { fail(): void; readonly terminated: boolean } = {
    postMessage: (m, transfer) => port1.postMessage(m, transfer as never),
    addEventListener: (type, l) => (type === 'error' ? errorListeners.push(l) : port1.addEventListener(type, l as never)),
    removeEventListener: (type, l) => void (type === 'error' ? errorListeners.splice(errorListeners.indexOf(l), 1) : port1.removeEventListener(type, l as never)),
    terminate: () => {
      terminated = true;
      port2.close();
    },
    fail: () => {
      port2.close(); // the worker died: nothing more comes back
      for (const l of [...errorListeners]) l({});
    },
    get terminated() {
      return terminated;
    },
  };
  return port;
}

/** A memory database served in "another thread", with the far store and the local fallback reachable. */
function remote(backend = new MemoryBackend()) {
  const far: TestStore[] = [];
  const local: TestStore[] = [];
  const readers: TestStore[] = [];
  let port!: ReturnType<typeof channel>;
  const store = new RemoteStore(
    'remote-test',
    () => (port = channel(() => (far[far.length] = new TestStore(new MemoryStore(backend, 'remote-test'))))),
    () => (local[local.length] = new TestStore(new MemoryStore(backend, 'remote-test'))),
    () => (readers[readers.length] = new TestStore(new MemoryStore(backend, 'remote-test'))),
  );
  return { backend, store, far, local, readers, port: () => port };
}

describe('a store in another thread', () => {
  it('runs every transaction there, the log crossing as bytes, and a reload gets it all back, whatever the bytes', async () => {
    const r = remote();
    const a = await durableEngine(r.store, { appendfsync: 'always' });
    const binary = Array.from({ length: 256 }, (_, i) => String.fromCharCode(i)).join('');
    for (let i = 0; i < 20; i++) expect(await a.run('SET', `k${i}`, `${binary}${i}`)).toEqual(OK);
    expect(await a.run('SAVE')).toEqual(OK);
    expect(await a.run('RPUSH', 'l', binary, '', 'é')).toBe(3);
    // Past ASCII every byte takes two in UTF-8: a record larger than the buffer in hand.
    expect(await a.run('SET', 'wide', '\xe9\xff'.repeat(100_000))).toEqual(OK);
    expect(r.far[0].calls).toEqual(expect.arrayContaining(['open', 'append', 'putChunks', 'commitSnapshot']));
    expect(r.local).toEqual([]); // nothing ran in this thread
    expect(r.store.remote).toBe(true);
    // A reload through another: the load's reads run in this thread, its writes there.
    const r2 = remote(r.backend);
    const b = await durableEngine(r2.store, { appendfsync: 'always' });
    expect(r2.readers[0].calls).toEqual(expect.arrayContaining(['readChunks', 'readLog', 'lastSeq']));
    expect(r2.readers[0].calls.filter((c) => !c.startsWith('read') && c !== 'countLog' && c !== 'lastSeq')).toEqual([]);
    expect(r2.far[0].calls).toEqual(['open']);
    expect(await b.run('SET', 'later', '1')).toEqual(OK);
    expect(r2.far[0].calls).toEqual(['open', 'append']);
    expect(digest(b.engine).filter((l) => !l.includes('later'))).toEqual(digest(a.engine));
    expect(b.exec('LRANGE', 'l', '0', '-1')).toEqual([binary, '', 'é']);
    expect(b.exec('GET', 'wide')).toBe('\xe9\xff'.repeat(100_000));
  });

  it('a write failing there (quota) refuses writes with MISCONF, reads go on, writes resume, and nothing acknowledged is lost', async () => {
    const r = remote();
    const a = await durableEngine(r.store, { appendfsync: 'everysec' });
    expect(await a.run('SET', 'before', '1')).toEqual(OK);
    await a.p.flush();
    r.far[0].failWrites = domError('QuotaExceededError', 'The quota has been exceeded.');
    expect(await a.run('SET', 'acked', 'x'.repeat(100_000))).toEqual(OK); // everysec: acknowledged before its commit
    await until(() => a.engine.writeRefusal !== null, 6000);
    const misconf = 'MISCONF Errors writing to the AOF file: QuotaExceededError: The quota has been exceeded.';
    expect(await a.run('SET', 'refused', '1')).toEqual(new ErrorReply(misconf));
    expect(await a.run('GET', 'before')).toBe('1');
    expect(a.p.info().aofLastWriteOk).toBe(false);
    r.far[0].failWrites = null;
    await until(() => a.engine.writeRefusal === null, 6000);
    expect(await a.run('SET', 'after', '1')).toEqual(OK);
    await a.durable.close();
    expect(r.port().terminated).toBe(true); // closed and idle: the worker is stopped
    const b = await durableEngine(new MemoryStore(r.backend));
    expect((b.exec('KEYS', '*') as string[]).sort()).toEqual(['acked', 'after', 'before']);
    expect(r.local).toEqual([]);
  });

  it('appendfsync always: a write failing there holds its reply until the store takes it', async () => {
    const r = remote();
    const a = await durableEngine(r.store, { appendfsync: 'always' });
    r.far[0].failWrites = domError('QuotaExceededError', 'quota');
    let settled = false;
    const pending = a.run('SET', 'k', 'v').then((reply) => ((settled = true), reply));
    await until(() => a.engine.writeRefusal !== null, 6000);
    await sleep(50);
    expect(settled).toBe(false);
    r.far[0].failWrites = null;
    expect(await pending).toEqual(OK);
    const b = await durableEngine(new MemoryStore(r.backend));
    expect(b.exec('GET', 'k')).toBe('v');
  });

  it('if the worker dies, its unanswered calls and all later ones run in this thread: nothing lost', async () => {
    const r = remote();
    const a = await durableEngine(r.store, { appendfsync: 'always' });
    expect(await a.run('SET', 'k1', 'v1')).toEqual(OK);
    r.far[0].dieAfter = r.far[0].transactions; // it never answers again
    const pending = a.run('SET', 'k2', 'v2');
    await sleep(20);
    r.port().fail();
    expect(await pending).toEqual(OK);
    expect(r.store.remote).toBe(false);
    expect(await a.run('SET', 'k3', 'v3')).toEqual(OK);
    expect(r.local[0].calls.filter((c) => c === 'append').length).toBe(2);
    const b = await durableEngine(new MemoryStore(r.backend));
    expect(b.exec('MGET', 'k1', 'k2', 'k3')).toEqual(['v1', 'v2', 'v3']);
  });

  it('a store made later (its worker died) expects the same database: one deleted meanwhile is seen, and all is written again', async () => {
    const name = 'remote-idb-deleted';
    let port!: ReturnType<typeof channel>;
    const store = new RemoteStore(name, () => (port = channel(() => new TestStore(new IdbStore(name)))), () => new IdbStore(name), () => new IdbStore(name));
    const a = await durableEngine(store, { appendfsync: 'always' });
    for (let i = 0; i < 10; i++) await a.run('SET', `k${i}`, 'v');
    await deleteDB(name); // the far connection lets it happen
    port.fail(); // and that worker dies: the next calls run on a new store in this thread
    expect(await a.run('SET', 'after', 'delete')).toEqual(OK);
    await until(() => a.p.info().aofRewrites === 1);
    await a.durable.close();
    const b = await durableEngine(new IdbStore(name));
    expect(digest(b.engine)).toEqual(digest(a.engine));
  });

  it('reports a database lost there (deleted by someone else) as the store in this thread would', async () => {
    const r = remote();
    const a = await durableEngine(r.store, { appendfsync: 'always' });
    let lost = 0;
    const before = r.store.onLost;
    r.store.onLost = () => {
      lost++;
      before?.();
    };
    r.far[0].inner.onLost?.();
    await until(() => lost === 1);
    await until(() => a.p.info().aofRewrites === 1, 6000); // a full snapshot again
  });
});
