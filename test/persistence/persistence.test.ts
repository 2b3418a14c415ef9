// Persistence on the memory store: reopening, group commit and appendfsync, rewrites, recovery,
// and failures of the store.
import { describe, expect, it } from 'vitest';
import { ErrorReply, SimpleString } from '../../src/core/index.js';
import { MemoryBackend, MemoryStore } from '../../src/persistence/memory-store.js';
import { FormatError, FORMAT_VERSION } from '../../src/persistence/store.js';
import { unpackEffects } from '../../src/persistence/format.js';
import { runOp, workload } from '../unit/snapshot-workload.js';
import { RECORD_BYTES } from '../../src/persistence/persistence.js';
import { digest, domError, durableEngine, live, memory, sleep, T0, TestStore, until } from './harness.js';

const OK = new SimpleString('OK');

describe('reopening', () => {
  it('gives back every key, value and TTL, in every db', async () => {
    const m = memory();
    const a = await durableEngine(m.store(), { appendfsync: 'always' });
    await a.batch(['SET', 'a', '1'], ['SET', 'b', 'two', 'PX', '60000'], ['SELECT', '3'], ['SET', 'c', '\0\xff']);
    await a.run('INCRBYFLOAT', 'f', '0.1');
    await a.durable.close();
    const b = await durableEngine(m.store());
    expect(digest(b.engine)).toEqual(digest(a.engine));
  });

  it('replays random writes, then a reload, to the same keyspace', async () => {
    for (let seed = 1; seed <= 12; seed++) {
      const m = memory();
      const a = await durableEngine(m.store(), { appendfsync: seed % 2 ? 'always' : 'everysec', autoAofRewriteMinSize: 2000, autoAofRewritePercentage: 50 });
      const w = workload(seed * 7, a.engine);
      for (let n = 0; n < 300; n++) {
        runOp(a, w.next());
        if (n % 10 === 0) await a.batch();
        if (n % 97 === 0) a.exec('BGREWRITEAOF');
      }
      await a.durable.close();
      const b = await durableEngine(m.store(), {}, a.now());
      expect(live(digest(b.engine), a.now()), `seed ${seed}`).toEqual(live(digest(a.engine), a.now()));
    }
  });

  it('drops keys that expired while closed, and logs their DELs', async () => {
    const m = memory();
    const a = await durableEngine(m.store(), { appendfsync: 'always' });
    await a.batch(['SET', 'gone', '1', 'PX', '100'], ['SET', 'kept', '1']);
    await a.durable.close();
    const b = await durableEngine(m.store(), { appendfsync: 'always' }, T0 + 1000);
    expect(b.engine.keyspace.dbs[0].dict.has('gone')).toBe(false);
    expect(b.p.info().lastLoadKeysExpired).toBe(1);
    await b.durable.close();
    const last = m.backend.records().at(-1)!;
    expect(unpackEffects(last.data, last.format)).toEqual([{ db: 0, argv: ['DEL', 'gone'] }]);
  });

  it('counts the replayed commands nowhere: INFO starts from zero', async () => {
    const m = memory();
    const a = await durableEngine(m.store(), { appendfsync: 'always' });
    for (let i = 0; i < 5; i++) await a.run('INCR', 'n');
    await a.durable.close();
    const b = await durableEngine(m.store());
    expect(b.engine.stats.numCommands).toBe(0);
    expect(b.engine.table.lookup(['incr'])!.calls).toBe(0);
    expect(await b.run('GET', 'n')).toBe('5');
  });

  it('refuses a database of a newer format and leaves it untouched', async () => {
    const backend = new MemoryBackend();
    const m = memory(backend);
    const a = await durableEngine(m.store(), { appendfsync: 'always' });
    await a.run('SET', 'k', 'v');
    await a.durable.close();
    backend.meta!.format = FORMAT_VERSION + 1;
    const before = JSON.stringify([backend.meta, [...backend.log], [...backend.chunks]]);
    const error = await durableEngine(m.store()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FormatError);
    expect((error as Error).message).toBe(
      `localredis: the database "memory" was written by a newer version (format ${FORMAT_VERSION + 1}, this version reads up to ${FORMAT_VERSION}); it is left untouched`,
    );
    expect(JSON.stringify([backend.meta, [...backend.log], [...backend.chunks]])).toBe(before);
  });

  it('reports progress while loading, up to the total', async () => {
    const m = memory();
    const a = await durableEngine(m.store(), { appendfsync: 'always' });
    for (let i = 0; i < 50; i++) a.exec('SET', `k${i}`, 'v');
    await a.batch();
    await a.run('SAVE');
    for (let i = 0; i < 3; i++) await a.run('SET', `late${i}`, 'v');
    await a.durable.close();
    const seen: Array<[number, number]> = [];
    await durableEngine(m.store(), { onProgress: (loaded, total) => seen.push([loaded, total]) });
    expect(seen[0]).toEqual([0, 53]);
    expect(seen.at(-1)).toEqual([53, 53]);
  });
});

describe('appendfsync', () => {
  it('always: a write is committed, in its own record, before its reply goes out', async () => {
    const m = memory();
    const a = await durableEngine(m.store(), { appendfsync: 'always' });
    await a.batch(['SET', 'a', '1'], ['SET', 'b', '2']);
    expect(m.backend.log.size).toBe(1);
    expect(unpackEffects(m.backend.records()[0].data, m.backend.records()[0].format).map((e) => e.argv[1])).toEqual(['a', 'b']);
    await a.run('SET', 'c', '3');
    expect(m.backend.log.size).toBe(2);
  });

  it('always: batches that arrive during a commit share the next record (group commit)', async () => {
    const m = memory();
    const a = await durableEngine(m.store(), { appendfsync: 'always' });
    const waits = [a.batch(['SET', 'a', '1'])];
    await Promise.resolve();
    for (let i = 0; i < 5; i++) waits.push(a.batch(['SET', `k${i}`, 'v']));
    await Promise.all(waits);
    expect(m.backend.log.size).toBe(2);
  });

  it('always: a read waits for the writes before it, unless nothing is pending or the store fails', async () => {
    const m = memory();
    const store = m.store();
    const a = await durableEngine(store, { appendfsync: 'always' });
    a.exec('SET', 'a', '1');
    const write = a.durable.afterBatch();
    a.exec('GET', 'a');
    const read = a.durable.afterBatch();
    expect(read).not.toBe(null);
    await Promise.all([write, read]);
    expect(m.backend.log.size).toBe(1);
    a.exec('GET', 'a');
    expect(a.durable.afterBatch()).toBe(null);
    store.failWrites = domError('QuotaExceededError');
    const failed = a.run('SET', 'b', '1');
    await until(() => a.p.failing);
    a.exec('GET', 'a');
    expect(a.durable.afterBatch()).toBe(null);
    store.failWrites = null;
    await failed;
  });

  it('always: a blocked pop served by another client answers once the push is committed', async () => {
    const m = memory();
    const a = await durableEngine(m.store(), { appendfsync: 'always' });
    const other = a.engine.createSession();
    const popped = a.engine.exec(other, ['BLPOP', 'q', '0']) as Promise<unknown>;
    a.exec('RPUSH', 'q', 'x');
    const pushWait = a.durable.afterBatch();
    // The host sends the served client's reply after its own afterBatch.
    expect(await popped).toEqual(['q', 'x']);
    const servedWait = a.durable.afterBatch();
    expect(servedWait).not.toBe(null);
    await servedWait;
    await pushWait;
    expect(unpackEffects(m.backend.records().at(-1)!.data, m.backend.records().at(-1)!.format).map((e) => e.argv)).toEqual([['RPUSH', 'q', 'x'], ['LPOP', 'q']]);
  });

  it('everysec: commits within about a second, without holding replies', async () => {
    const m = memory();
    const a = await durableEngine(m.store(), { appendfsync: 'everysec' });
    expect(a.durable.afterBatch()).toBe(null);
    a.exec('SET', 'a', '1');
    expect(a.durable.afterBatch()).toBe(null);
    expect(m.backend.log.size).toBe(0);
    await until(() => m.backend.log.size === 1, 4000);
  });

  it('everysec and no: a batch\'s effects are packed after its replies go (a microtask), in order with whatever takes them first', async () => {
    for (const appendfsync of ['everysec', 'no'] as const) {
      const m = memory();
      const a = await durableEngine(m.store(), { appendfsync });
      a.exec('SET', 'a', '1');
      expect(a.durable.afterBatch()).toBe(null);
      // The host posts the replies now; the effects wait in the engine until the microtask.
      expect(a.p.info().aofBufferLength).toBe(0);
      a.exec('SET', 'b', '2');
      expect(a.durable.afterBatch()).toBe(null);
      await Promise.resolve();
      const packed = a.p.info().aofBufferLength;
      expect(packed).toBeGreaterThan(0);
      // A rewrite started before the microtask takes the waiting effects first: its snapshot has them.
      a.exec('SET', 'c', '3');
      expect(a.durable.afterBatch()).toBe(null);
      expect(a.exec('BGREWRITEAOF')).toEqual(new SimpleString('Background append only file rewriting started'));
      a.exec('SET', 'c', '4');
      a.durable.afterBatch();
      await until(() => !a.p.info().aofRewriteInProgress, 2000);
      expect(m.backend.meta!.snapshotKeys).toBe(3);
      await a.durable.close();
      const b = await durableEngine(m.store());
      expect(digest(b.engine), appendfsync).toEqual(digest(a.engine));
    }
  });

  it('everysec and no: a record is committed once it holds RECORD_BYTES, without waiting; a reload replays them all in order', async () => {
    for (const appendfsync of ['everysec', 'no'] as const) {
      const m = memory();
      const a = await durableEngine(m.store(), { appendfsync });
      const big = 'x'.repeat(Math.floor(RECORD_BYTES / 10.5));
      // 25 batches of RECORD_BYTES / 10.5: the first 11 make one record (sealed past RECORD_BYTES), committed at once.
      for (let i = 0; i < 25; i++) await a.batch(['SET', `k${i % 7}`, big + i], ['APPEND', 'log', String(i)]);
      await until(() => m.backend.log.size === 2, 500);
      const sizes = m.backend.records().map((r) => r.data.length);
      expect(sizes.every((n) => n >= RECORD_BYTES && n < RECORD_BYTES + big.length + 100), `${appendfsync}: ${sizes}`).toBe(true);
      await a.durable.close();
      expect(m.backend.log.size).toBe(3);
      const b = await durableEngine(m.store());
      expect(digest(b.engine)).toEqual(digest(a.engine));
    }
  });

  it('always: a turn of more than RECORD_BYTES commits its records in one transaction before replying', async () => {
    const m = memory();
    const a = await durableEngine(m.store(), { appendfsync: 'always' });
    const big = 'x'.repeat(Math.ceil(RECORD_BYTES * 0.7));
    const store = a.durable.store as TestStore;
    const before = store.calls.length;
    // Two batches in the same turn: the first group is sealed past RECORD_BYTES, the second at the turn's end.
    const replies = Promise.all([a.batch(['SET', 'a', big], ['SET', 'b', big]), a.batch(['SET', 'c', big])]);
    expect(m.backend.log.size).toBe(0);
    expect(await replies).toEqual([[OK, OK], [OK]]);
    expect(store.calls.slice(before)).toEqual(['append']);
    expect([...m.backend.log.keys()]).toEqual([1, 2]);
    const b = await durableEngine(m.store());
    expect(digest(b.engine)).toEqual(digest(a.engine));
  });

  it('no: commits once the engine is idle', async () => {
    const m = memory();
    const a = await durableEngine(m.store(), { appendfsync: 'no' });
    a.exec('SET', 'a', '1');
    expect(a.durable.afterBatch()).toBe(null);
    await sleep(10);
    expect(m.backend.log.size).toBe(0);
    await until(() => m.backend.log.size === 1, 3000);
  });

  it('appendonly no still loads the log an earlier session wrote (Redis would load only its RDB file), and SAVE folds it into the snapshot', async () => {
    const m = memory();
    const a = await durableEngine(m.store(), { appendfsync: 'always' });
    await a.run('SET', 'a', '1');
    expect(await a.run('SAVE')).toEqual(OK);
    await a.run('SET', 'b', '2');
    await a.run('DEL', 'a');
    await a.durable.close();
    expect(m.backend.log.size).toBe(2);
    // One snapshot serves as both Redis's dump.rdb and its AOF base here: skipping the log would
    // silently drop acknowledged writes (b, and a's deletion), and the next SAVE would make it final.
    const b = await durableEngine(m.store(), { appendonly: false });
    expect(b.exec('KEYS', '*')).toEqual(['b']);
    expect(b.p.info().aofEnabled).toBe(false);
    await b.run('SET', 'c', '3');
    expect(m.backend.log.size).toBe(2);
    expect(await b.run('SAVE')).toEqual(OK);
    expect(m.backend.log.size).toBe(0);
    await b.durable.close();
    const c = await durableEngine(m.store());
    expect((c.exec('KEYS', '*') as string[]).sort()).toEqual(['b', 'c']);
  });

  it('appendonly no: nothing is logged; SAVE writes the snapshot', async () => {
    const m = memory();
    const a = await durableEngine(m.store(), { appendonly: false });
    await a.run('SET', 'a', '1');
    await a.durable.persistence.flush();
    expect(m.backend.log.size).toBe(0);
    expect(await a.run('SAVE')).toEqual(OK);
    expect(m.backend.meta!.snapshotKeys).toBe(1);
    await a.run('SET', 'b', '2');
    await a.durable.close();
    const b = await durableEngine(m.store());
    expect(b.exec('KEYS', '*')).toEqual(['a']);
  });
});

describe('snapshots and rewrites', () => {
  it('BGREWRITEAOF writes a snapshot, switches to it and drops the log it covers', async () => {
    const m = memory();
    const a = await durableEngine(m.store(), { appendfsync: 'always' });
    for (let i = 0; i < 20; i++) await a.run('SET', `k${i}`, 'v'.repeat(100));
    expect(m.backend.log.size).toBe(20);
    expect(a.exec('BGREWRITEAOF')).toEqual(new SimpleString('Background append only file rewriting started'));
    expect(a.exec('BGREWRITEAOF')).toEqual(new ErrorReply('ERR Background append only file rewriting already in progress'));
    await a.run('SET', 'during', 'x');
    await until(() => !a.p.info().aofRewriteInProgress);
    expect(m.backend.meta!.snapshotKeys).toBe(20);
    expect(m.backend.log.size).toBe(1);
    const info = a.p.info();
    expect(info.aofRewrites).toBe(1);
    expect(info.aofBaseSize).toBe(m.backend.meta!.snapshotBytes);
    expect(info.aofCurrentSize).toBe(m.backend.meta!.snapshotBytes + m.backend.records()[0].data.length);
    await a.durable.close();
    const b = await durableEngine(m.store());
    expect(digest(b.engine)).toEqual(digest(a.engine));
  });

  it('rewrite automatically when the log outgrows the snapshot (auto-aof-rewrite-*)', async () => {
    const m = memory();
    const a = await durableEngine(m.store(), { appendfsync: 'always', autoAofRewriteMinSize: 1000, autoAofRewritePercentage: 100 });
    for (let i = 0; i < 9; i++) await a.run('SET', 'k', 'v'.repeat(100));
    expect(a.p.info().aofRewrites).toBe(0);
    await a.run('SET', 'k', 'v'.repeat(100));
    await until(() => a.p.info().aofRewrites === 1);
    // The base is now one key: the next rewrite waits for the log to double it and pass 1000 bytes.
    expect(m.backend.log.size).toBeLessThanOrEqual(1);
  });

  it('keep commands running while a large snapshot is written', async () => {
    const m = memory();
    const a = await durableEngine(m.store(), { appendfsync: 'everysec', chunkBytes: 4096, chunksPerTransaction: 1 });
    for (let i = 0; i < 3000; i++) a.exec('SET', `k${i}`, 'v'.repeat(50));
    a.durable.afterBatch();
    const before = digest(a.engine);
    a.exec('BGSAVE');
    let turns = 0;
    while (a.p.info().bgsaveInProgress) {
      a.exec('SET', `k${turns}`, 'changed');
      a.exec('DEL', `k${turns + 1500}`);
      a.durable.afterBatch();
      turns++;
      await sleep(0);
    }
    expect(turns).toBeGreaterThan(10);
    // The snapshot alone is the keyspace when BGSAVE started.
    const snapshotOnly = new MemoryBackend();
    snapshotOnly.meta = { ...m.backend.meta! };
    for (const [k, v] of m.backend.chunks) snapshotOnly.chunks.set(k, v);
    const s = await durableEngine(new MemoryStore(snapshotOnly));
    expect(digest(s.engine)).toEqual(before);
    await a.durable.close();
    const b = await durableEngine(m.store());
    expect(digest(b.engine)).toEqual(digest(a.engine));
  });

  it('SAVE answers once the snapshot is durable; BGSAVE and LASTSAVE as Redis', async () => {
    const m = memory();
    const a = await durableEngine(m.store());
    await a.run('SET', 'k', 'v');
    const reply = a.engine.exec(a.session, ['SAVE']);
    expect(reply).toBeInstanceOf(Promise);
    expect(a.exec('BGSAVE')).toEqual(new ErrorReply('ERR Background save already in progress'));
    expect(a.exec('BGREWRITEAOF')).toEqual(new SimpleString('Background append only file rewriting scheduled'));
    expect(await reply).toEqual(OK);
    expect(m.backend.meta!.snapshotKeys).toBe(1);
    expect(a.p.info().rdbSaves).toBe(1);
    expect(a.p.info().changesSinceLastSave).toBe(0);
    await until(() => a.p.info().aofRewrites === 1);
    expect(a.exec('BGSAVE', 'SCHEDULE')).toEqual(new SimpleString('Background saving started'));
    await until(() => a.p.info().rdbSaves === 2);
  });
});

describe('failures', () => {
  it('a quota error refuses writes with MISCONF, reads go on, and writes resume when the store accepts them', async () => {
    const m = memory();
    const store = m.store();
    const a = await durableEngine(store, { appendfsync: 'always' });
    await a.run('SET', 'before', '1');
    store.failWrites = domError('QuotaExceededError', 'The quota has been exceeded.');
    const pending = a.run('SET', 'acked-later', '1');
    await until(() => a.engine.writeRefusal !== null);
    const misconf = 'MISCONF Errors writing to the AOF file: QuotaExceededError: The quota has been exceeded.';
    expect(await a.run('SET', 'refused', '1')).toEqual(new ErrorReply(misconf));
    expect(await a.run('GET', 'before')).toBe('1');
    expect(a.p.info().aofLastWriteOk).toBe(false);
    let settled = false;
    void pending.then(() => (settled = true));
    await sleep(50);
    expect(settled).toBe(false);
    store.failWrites = null;
    expect(await pending).toEqual(OK);
    await until(() => a.engine.writeRefusal === null, 6000);
    expect(await a.run('SET', 'after', '1')).toEqual(OK);
    const b = await durableEngine(m.store());
    expect((b.exec('KEYS', '*') as string[]).sort()).toEqual(['acked-later', 'after', 'before']);
  });

  it('a failed snapshot leaves the old one, and with appendonly off refuses writes (stop-writes-on-bgsave-error)', async () => {
    const m = memory();
    const store = m.store();
    const a = await durableEngine(store, { appendonly: false, save: '3600 1' });
    await a.run('SET', 'k', '1');
    expect(await a.run('SAVE')).toEqual(OK);
    await a.run('SET', 'k', '2');
    store.failWrites = domError('UnknownError', 'disk trouble');
    expect(await a.run('SAVE')).toEqual(new ErrorReply('ERR'));
    expect(a.p.info().lastBgsaveOk).toBe(false);
    expect((await a.run('SET', 'k', '3')) as ErrorReply).toEqual(
      new ErrorReply(
        "MISCONF Redis is configured to save RDB snapshots, but it's currently unable to persist to disk. Commands that may modify the data set are disabled, because this instance is configured to report errors during writes if RDB snapshotting fails (stop-writes-on-bgsave-error option). Please check the Redis logs for details about the RDB error.",
      ),
    );
    store.failWrites = null;
    expect(await a.run('SAVE')).toEqual(OK);
    expect(await a.run('SET', 'k', '3')).toEqual(OK);
    expect(m.backend.chunks.size).toBe(1);
  });

  it('a load stops at a missing sequence and drops what follows it', async () => {
    const m = memory();
    const a = await durableEngine(m.store(), { appendfsync: 'always' });
    await a.run('SET', 'a', '1');
    await a.run('SET', 'b', '1');
    await a.run('SET', 'c', '1');
    await a.durable.close();
    m.backend.log.delete(2);
    const b = await durableEngine(m.store(), { appendfsync: 'always' });
    expect(b.exec('KEYS', '*')).toEqual(['a']);
    expect([...m.backend.log.keys()]).toEqual([1]);
    await b.run('SET', 'd', '1');
    await b.durable.close();
    const c = await durableEngine(m.store());
    expect((c.exec('KEYS', '*') as string[]).sort()).toEqual(['a', 'd']);
  });

  it('says so when the browser emptied a corrupt database, and never stores the reason', async () => {
    const m = memory();
    const store = new TestStore(m.store());
    // As IdbStore's open() reports Chromium's IDBVersionChangeEvent.dataLoss.
    const open = store.open.bind(store);
    store.open = async () => ({ ...(await open()), dataLoss: 'IndexedDB (database was corrupt): no meta-nextfile entry' });
    const warnings: string[] = [];
    const a = await durableEngine(store, { appendfsync: 'always', warn: (w) => warnings.push(w) });
    expect(warnings).toEqual([expect.stringContaining('the browser found the database corrupt and deleted it (IndexedDB (database was corrupt): no meta-nextfile entry)')]);
    await a.run('SET', 'a', '1');
    expect(await a.run('SAVE')).toEqual(OK);
    expect(m.backend.meta).not.toHaveProperty('dataLoss');
  });

  it('appendonly turned on again: records follow the rewrite, never the stale snapshot', async () => {
    const m = memory();
    const a = await durableEngine(m.store(), { appendfsync: 'always' });
    await a.run('SET', 'a', '1');
    a.exec('CONFIG', 'SET', 'appendonly', 'no');
    a.p.configure('appendonly', 'no');
    await a.run('INCR', 'a');
    a.p.configure('appendonly', 'yes');
    await a.run('INCR', 'a');
    await until(() => a.p.info().aofRewrites === 1);
    await a.durable.close();
    const b = await durableEngine(m.store());
    expect(b.exec('GET', 'a')).toBe('3');
  });
});
