// A crash at every transaction boundary of a rewrite (and of SAVE): the store dies after N
// transactions, is reopened, and holds the old state or the new one, never a mix. On the memory
// store and on IndexedDB (fake-indexeddb).
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { IdbStore } from '../../src/persistence/idb-store.js';
import { MemoryBackend, MemoryStore } from '../../src/persistence/memory-store.js';
import type { Store } from '../../src/persistence/store.js';
import { digest, durableEngine, TestStore, until } from './harness.js';

interface Backend {
  name: string;
  /** A new connection to the same database. */
  open(): Store;
}

let dbCounter = 0;
const backends: Array<() => Backend> = [
  () => {
    const b = new MemoryBackend();
    return { name: 'memory', open: () => new MemoryStore(b) };
  },
  () => {
    const name = `crash-${++dbCounter}`;
    return { name: 'indexeddb', open: () => new IdbStore(name) };
  },
];

const SMALL = { chunkBytes: 300, chunksPerTransaction: 1 };

/** Fills a database: a snapshot of 40 keys, then a log on top of it. */
async function prepare(backend: Backend, appendonly: boolean) {
  const a = await durableEngine(backend.open(), { appendfsync: 'always', appendonly, ...SMALL });
  for (let i = 0; i < 40; i++) a.exec('SET', `k${i}`, `value-${i}-`.repeat(5));
  await a.batch();
  await a.run('SAVE');
  for (let i = 0; i < 10; i++) await a.run('INCR', `n${i % 3}`);
  await a.durable.close();
}

/** Reopens and loads; the digest of what loads. */
async function reload(backend: Backend): Promise<string[]> {
  const r = await durableEngine(backend.open(), SMALL);
  const d = digest(r.engine);
  await r.durable.close();
  return d;
}

for (const make of backends) {
  describe(`a crash during a rewrite (${make().name})`, () => {
    it('leaves the old state or the new one at every transaction boundary', async () => {
      let completed = false;
      let k = 0;
      for (; !completed && k < 200; k++) {
        const backend = make();
        await prepare(backend, true);
        const store = new TestStore(backend.open());
        const a = await durableEngine(store, { appendfsync: 'always', ...SMALL });
        // Changes logged before the rewrite, then the rewrite, dying after k more transactions.
        for (let i = 0; i < 5; i++) await a.run('SET', `k${i}`, 'changed');
        await a.run('DEL', 'k39');
        const expected = digest(a.engine);
        store.dieAfter = store.transactions + k;
        a.exec('BGREWRITEAOF');
        try {
          await until(() => store.dead || !a.p.info().aofRewriteInProgress);
        } catch {
          // neither died nor finished: stop it here, the checks below still hold
        }
        completed = !store.dead && !a.p.info().aofRewriteInProgress;
        store.dieAfter = Math.min(store.dieAfter, store.transactions);
        store.inner.close();
        // Old snapshot plus log, or new snapshot plus what follows it: the same keys either way.
        expect(await reload(backend), `crash after ${k} transactions`).toEqual(expected);
      }
      expect(completed).toBe(true);
      // The rewrite took that many transactions: every boundary was a crash point.
      expect(k).toBeGreaterThan(8);
    });

    it('of SAVE with appendonly off leaves the old snapshot or the new one', async () => {
      let completed = false;
      let k = 0;
      for (; !completed && k < 200; k++) {
        const backend = make();
        await prepare(backend, false);
        const old = await reload(backend);
        const store = new TestStore(backend.open());
        const a = await durableEngine(store, { appendonly: false, ...SMALL });
        for (let i = 0; i < 5; i++) a.exec('SET', `k${i}`, 'changed');
        a.exec('DEL', 'k39');
        a.exec('SET', 'new', 'key');
        const changed = digest(a.engine);
        expect(changed).not.toEqual(old);
        store.dieAfter = store.transactions + k;
        const saved = a.engine.exec(a.session, ['SAVE']) as Promise<unknown>;
        let done = false;
        void saved.then(() => (done = true));
        try {
          await until(() => store.dead || done);
        } catch {
          // neither died nor finished: stop it here, the checks below still hold
        }
        completed = done;
        store.dieAfter = Math.min(store.dieAfter, store.transactions);
        store.inner.close();
        const now = await reload(backend);
        expect([old, changed], `crash after ${k} transactions`).toContainEqual(now);
        if (completed) expect(now).toEqual(changed);
      }
      expect(completed).toBe(true);
      // The rewrite took that many transactions: every boundary was a crash point.
      expect(k).toBeGreaterThan(8);
    });
  });
}
