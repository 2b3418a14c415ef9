// The IndexedDB store (on fake-indexeddb): reopening, the format check, a connection closed
// under us, another tab's version change or deletion, and write failures.
import 'fake-indexeddb/auto';
import { openDB, deleteDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { ErrorReply, SimpleString } from '../../src/core/index.js';
import { IdbStore } from '../../src/persistence/idb-store.js';
import { FormatError, FORMAT_VERSION } from '../../src/persistence/store.js';
import { digest, domError, durableEngine, TestStore, until } from './harness.js';

const OK = new SimpleString('OK');
let n = 0;
const fresh = () => `idb-test-${++n}`;

/** What the database holds, raw. */
async function dump(name: string) {
  const db = await openDB(name);
  const out: Record<string, unknown> = { version: db.version };
  for (const s of db.objectStoreNames) out[s] = [await db.getAllKeys(s), await db.getAll(s)];
  db.close();
  return out;
}

describe('the IndexedDB store', () => {
  it('keeps data across reopening, snapshot and log alike', async () => {
    const name = fresh();
    const a = await durableEngine(new IdbStore(name), { appendfsync: 'always' });
    for (let i = 0; i < 30; i++) await a.run('SET', `k${i}`, `v${i}`);
    await a.run('SAVE');
    await a.run('SET', 'after', 'save');
    await a.run('HSET', 'h', 'f', 'v');
    await a.durable.close();
    const b = await durableEngine(new IdbStore(name));
    expect(digest(b.engine)).toEqual(digest(a.engine));
    const raw = await dump(name);
    expect((raw.chunks as unknown[][])[0].length).toBeGreaterThan(0);
    expect((raw.log as unknown[][])[0]).toEqual([31, 32]);
  });

  it('refuses a database of a newer format and leaves it untouched', async () => {
    const name = fresh();
    const a = await durableEngine(new IdbStore(name), { appendfsync: 'always' });
    await a.run('SET', 'k', 'v');
    await a.durable.close();
    const db = await openDB(name, 1);
    const meta = await db.get('meta', 'meta');
    await db.put('meta', { ...meta, format: FORMAT_VERSION + 1 }, 'meta');
    db.close();
    const before = await dump(name);
    const error = await durableEngine(new IdbStore(name)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FormatError);
    expect((error as Error).message).toContain('was written by a newer version');
    expect(await dump(name)).toEqual(before);
  });

  it('refuses a database whose schema a newer version upgraded', async () => {
    const name = fresh();
    const db = await openDB(name, 7, { upgrade: (d) => void d.createObjectStore('other') });
    db.close();
    const error = await durableEngine(new IdbStore(name)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FormatError);
    expect((await dump(name)).version).toBe(7);
  });

  it('reopens a connection closed under it and loses nothing', async () => {
    const name = fresh();
    const store = new IdbStore(name);
    const a = await durableEngine(store, { appendfsync: 'always' });
    await a.run('SET', 'a', '1');
    (store as unknown as { db: { close(): void } }).db.close();
    expect(await a.run('SET', 'b', '2')).toEqual(OK);
    expect(a.engine.writeRefusal).toBe(null);
    await a.durable.close();
    const b = await durableEngine(new IdbStore(name));
    expect((b.exec('KEYS', '*') as string[]).sort()).toEqual(['a', 'b']);
  });

  it('lets another tab upgrade the database without waiting, then refuses writes with MISCONF', async () => {
    const name = fresh();
    const a = await durableEngine(new IdbStore(name), { appendfsync: 'always' });
    await a.run('SET', 'a', '1');
    const other = await openDB(name, 2, { upgrade: (d) => void d.createObjectStore('newer') });
    other.close();
    // Its commit can never happen: the reply says so instead of waiting forever.
    const reply = (await a.run('SET', 'b', '2')) as ErrorReply;
    expect(reply.message).toMatch(/^MISCONF Errors writing to the AOF file: FormatError: localredis: the database ".*" was written by a newer version/);
    expect(a.engine.writeRefusal).toBe(reply.message);
    expect(await a.run('SET', 'c', '3')).toEqual(new ErrorReply(reply.message));
    expect(await a.run('GET', 'a')).toBe('1');
  });

  it('writes everything again when another tab deleted the database', async () => {
    const name = fresh();
    const a = await durableEngine(new IdbStore(name), { appendfsync: 'always' });
    for (let i = 0; i < 10; i++) await a.run('SET', `k${i}`, 'v');
    await deleteDB(name);
    await a.run('SET', 'after', 'delete');
    await until(() => a.p.info().aofRewrites === 1);
    await a.durable.close();
    const b = await durableEngine(new IdbStore(name));
    expect(digest(b.engine)).toEqual(digest(a.engine));
  });

  it('answers MISCONF while writes fail, and catches up once they work', async () => {
    const name = fresh();
    const store = new TestStore(new IdbStore(name));
    const a = await durableEngine(store, { appendfsync: 'everysec' });
    store.failWrites = domError('QuotaExceededError', 'quota');
    await a.run('SET', 'a', '1');
    await until(() => a.engine.writeRefusal !== null, 6000);
    expect(await a.run('SET', 'b', '1')).toEqual(new ErrorReply('MISCONF Errors writing to the AOF file: QuotaExceededError: quota'));
    store.failWrites = null;
    await until(() => a.engine.writeRefusal === null, 6000);
    await a.durable.close();
    const b = await durableEngine(new IdbStore(name));
    expect(b.exec('KEYS', '*')).toEqual(['a']);
  });
});
