// Log records stored as their UTF-8 bytes (format 2 on), on IndexedDB (fake-indexeddb) and in
// memory alike: they load as the strings they encode, a format-1 database (string records) and a
// format-2 one (byte records of varint-packed effects) still load and are stamped 3 before anything
// is written, every kind loads in order in one log, and a record whose bytes do not decode to its
// char count is never stored and never loaded.
import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import type { Effect } from '../../src/core/index.js';
import { RecordBytes, unpackEffects } from '../../src/persistence/format.js';
import { IdbStore } from '../../src/persistence/idb-store.js';
import { MemoryBackend, MemoryStore } from '../../src/persistence/memory-store.js';
import { checkRecord, FORMAT_VERSION, type BytesRecord, type Meta, type Store, type StoredRecord } from '../../src/persistence/store.js';
import { durableEngine, packLog } from './harness.js';

let n = 0;

/** A format-1 or format-2 log record's string, written the plain way (what those formats stored). */
const packEffects = (effects: Effect[]) => packLog(effects, 2);

function bytesRecord(seq: number, effects: Effect[]): BytesRecord {
  const r = new RecordBytes(new Uint8Array(16));
  r.add(effects);
  return { seq, count: effects.length, chars: r.chars, bytes: r.bytes, format: FORMAT_VERSION };
}

const allBytes = Array.from({ length: 256 }, (_, i) => String.fromCharCode(i)).join('');

const format1Meta: Meta = { format: 1, dbId: '0123456789abcdef', snapshotId: 0, snapshotSeq: 0, snapshotChunks: 0, snapshotKeys: 0, snapshotBytes: 0, savedAt: 0 };

/** A database on one backend: a store on it, and its meta and log records as kept. */
interface Db {
  store(): Store;
  meta(): Promise<Meta>;
  raw(seq: number): Promise<StoredRecord | undefined>;
  /** Writes meta and log records as they are (a database an older version wrote, or a corrupt one). */
  write(meta: Meta, records: StoredRecord[]): Promise<void>;
}

function idbDb(): Db {
  const name = `log-bytes-${++n}`;
  const open = () =>
    openDB(name, 1, {
      upgrade: (d) => {
        for (const s of ['meta', 'chunks', 'log']) d.createObjectStore(s);
      },
    });
  return {
    store: () => new IdbStore(name),
    async meta() {
      const db = await open();
      const m = (await db.get('meta', 'meta')) as Meta;
      db.close();
      return m;
    },
    async raw(seq) {
      const db = await open();
      const r = (await db.get('log', seq)) as StoredRecord | undefined;
      db.close();
      return r;
    },
    async write(meta, records) {
      const db = await open();
      await db.put('meta', meta, 'meta');
      for (const r of records) await db.put('log', r, r.seq);
      db.close();
    },
  };
}

function memoryDb(): Db {
  const backend = new MemoryBackend();
  return {
    store: () => new MemoryStore(backend),
    meta: async () => ({ ...backend.meta! }),
    raw: async (seq) => backend.log.get(seq),
    async write(meta, records) {
      backend.meta = { ...meta };
      for (const r of records) backend.log.set(r.seq, r);
    },
  };
}

const backends: Array<[string, () => Db]> = [
  ['IndexedDB', idbDb],
  ['memory', memoryDb],
];

describe.each(backends)('log records as bytes (%s)', (_, makeDb) => {
  it('are stored as the bytes appended and read back as the strings they encode', async () => {
    const db = makeDb();
    const store = db.store();
    await store.open();
    const effects: Effect[][] = [
      [{ db: 0, argv: ['SET', 'k', allBytes.repeat(40)] }],
      [{ db: 1, argv: ['SET', 'small', '\xff'] }, { db: 0, argv: ['DEL', 'k'] }],
      [{ db: 2, argv: ['RPUSH', 'l', ...Array.from({ length: 500 }, (_, i) => `${i}\x80`)] }],
      [{ db: 0, argv: ['SET', 'not a byte string', 'a\u20acb\ud83d\ude00c'] }],
    ];
    const records = effects.map((e, i) => bytesRecord(i + 1, e));
    // Several records in one append (each is put from the same reused buffer), then one more.
    await store.append(records.slice(0, 3));
    await store.append(records.slice(3));
    for (const r of records) {
      const kept = await db.raw(r.seq);
      expect(kept).toEqual({ seq: r.seq, count: r.count, chars: r.chars, bytes: expect.any(Uint8Array), format: 3 });
      expect([...(kept as { bytes: Uint8Array }).bytes]).toEqual([...r.bytes]);
    }
    const read = await db.store().readLog(0, 16);
    expect(read.map((r) => [r.seq, r.count, r.data, r.format])).toEqual(effects.map((e, i) => [i + 1, e.length, packLog(e), 3]));
    expect(read.map((r) => unpackEffects(r.data, r.format))).toEqual(effects);
  });

  it('a format-1 database (string records) loads, stamped 3 before anything is written', async () => {
    const db = makeDb();
    const old: Effect[][] = [[{ db: 0, argv: ['SET', 'a', 'old \xe9'] }, { db: 0, argv: ['SET', 'b', 'x'] }], [{ db: 0, argv: ['DEL', 'b'] }]];
    const records = old.map((e, i) => ({ seq: i + 1, count: e.length, data: packEffects(e) }));
    await db.write(format1Meta, records);
    const meta = await db.store().open();
    expect(meta.format).toBe(3);
    expect(await db.meta()).toEqual({ ...format1Meta, format: 3 });
    expect(await db.raw(1)).toEqual(records[0]);
    expect(await db.store().readLog(0, 16)).toEqual(records.map((r) => ({ ...r, format: 1 })));
    const a = await durableEngine(db.store());
    expect(a.exec('GET', 'a')).toBe('old \xe9');
    expect(a.exec('EXISTS', 'b')).toBe(0);
    await a.durable.close();
  });

  it('a format-2 database (byte records of varint-packed effects) loads, stamped 3 before anything is written', async () => {
    const db = makeDb();
    const old: Effect[][] = [[{ db: 0, argv: ['SET', 'a', 'old \xe9'] }, { db: 4, argv: ['SET', 'b', 'x'] }], [{ db: 4, argv: ['RPUSH', 'l', 'p', 'q'] }]];
    const records = old.map((e, i) => {
      const data = packEffects(e);
      return { seq: i + 1, count: e.length, chars: data.length, bytes: new TextEncoder().encode(data) };
    });
    await db.write({ ...format1Meta, format: 2 }, records);
    expect((await db.store().open()).format).toBe(3);
    expect(await db.meta()).toEqual({ ...format1Meta, format: 3 });
    expect((await db.store().readLog(0, 16)).map((r) => [r.data, r.format])).toEqual(old.map((e) => [packEffects(e), 2]));
    const a = await durableEngine(db.store(), { appendfsync: 'always' });
    expect(a.exec('GET', 'a')).toBe('old \xe9');
    await a.run('SELECT', '4');
    expect(a.exec('LRANGE', 'l', '0', '-1')).toEqual(['p', 'q']);
    await a.run('RPUSH', 'l', 'r');
    await a.durable.close();
    expect(await db.raw(3)).toHaveProperty('format', 3);
    const b = await durableEngine(db.store());
    await b.run('SELECT', '4');
    expect(b.exec('LRANGE', 'l', '0', '-1')).toEqual(['p', 'q', 'r']);
    expect(b.exec('GET', 'b')).toBe('x');
    await b.durable.close();
  });

  it('loads old string records and new byte records of one log in order', async () => {
    const db = makeDb();
    const old: Effect[][] = [[{ db: 0, argv: ['SET', 'a', 'old'] }], [{ db: 0, argv: ['RPUSH', 'l', 'x\xfe'] }]];
    await db.write(
      format1Meta,
      old.map((e, i) => ({ seq: i + 1, count: e.length, data: packEffects(e) })),
    );
    const a = await durableEngine(db.store(), { appendfsync: 'always' });
    expect(a.exec('GET', 'a')).toBe('old');
    await a.run('SET', 'a', 'new');
    await a.run('RPUSH', 'l', 'y\xff');
    await a.durable.close();
    expect(await db.raw(2)).toHaveProperty('data');
    expect(await db.raw(3)).toHaveProperty('bytes');
    expect(await db.raw(4)).toHaveProperty('bytes');
    const read = await db.store().readLog(0, 16);
    expect(read.map((r) => r.seq)).toEqual([1, 2, 3, 4]);
    const b = await durableEngine(db.store());
    expect(b.exec('GET', 'a')).toBe('new');
    expect(b.exec('LRANGE', 'l', '0', '-1')).toEqual(['x\xfe', 'y\xff']);
    await b.durable.close();
  });

  it('never stores a record whose bytes do not decode to its chars, and refuses to load one', async () => {
    const db = makeDb();
    const store = db.store();
    await store.open();
    const good = bytesRecord(1, [{ db: 0, argv: ['SET', 'k', allBytes] }]);
    await expect(store.append([{ ...good, chars: good.chars + 1 }])).rejects.toThrow(`log record 1 decoded to ${good.chars} chars instead of ${good.chars + 1}`);
    expect(await store.lastSeq()).toBe(0);
    // One stored anyway (a corrupt database): the load stops with the same error.
    await db.write(await db.meta(), [{ seq: 1, count: 1, chars: good.chars - 1, bytes: good.bytes.slice() }]);
    const error = `log record 1 decoded to ${good.chars} chars instead of ${good.chars - 1}`;
    await expect(db.store().readLog(0, 16)).rejects.toThrow(error);
    await expect(durableEngine(db.store())).rejects.toThrow(error);
  });
});

describe('checkRecord', () => {
  it('counts the chars of UTF-8 bytes at any offset in their buffer', () => {
    const text = packEffects([{ db: 0, argv: ['SET', allBytes.repeat(3), 'ascii only, long enough for several words', 'a\u20acb\ud83d\ude00c\u00e9'] }]);
    const utf8 = new TextEncoder().encode(text);
    for (let offset = 0; offset < 8; offset++) {
      const buffer = new Uint8Array(utf8.length + 16);
      buffer.set(utf8, offset);
      const bytes = buffer.subarray(offset, offset + utf8.length);
      expect(() => checkRecord({ seq: 7, count: 1, format: 3, chars: text.length, bytes })).not.toThrow();
      expect(() => checkRecord({ seq: 7, count: 1, format: 3, chars: text.length + 1, bytes })).toThrow(`log record 7 decoded to ${text.length} chars instead of ${text.length + 1}`);
    }
  });
});
