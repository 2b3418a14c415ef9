// Log records as bytes: Persistence packs each batch's effects into a group (format.ts RecordBytes),
// encoded into the group's buffer outside the JS heap for its commit, and reuses a committed group's
// buffer for a later group. The
// bytes must be those of the packed string, and a buffer must not be written again before the
// store has settled the append that holds it (a store may read the bytes until then).
import { describe, expect, it } from 'vitest';
import { SimpleString } from '../../src/core/index.js';
import { varint } from '../../src/core/codec.js';
import type { Effect } from '../../src/core/index.js';
import { RecordBytes, unpackEffects } from '../../src/persistence/format.js';
import { MemoryBackend, MemoryStore } from '../../src/persistence/memory-store.js';
import type { BytesRecord } from '../../src/persistence/store.js';
import { durableEngine, TestStore, until } from './harness.js';

/** The record's string as unpackEffects reads it, written the plain way: what the bytes must decode to. */
function packEffects(effects: Effect[]): string {
  const pieces: string[] = [];
  for (const { db, argv } of effects) {
    pieces.push(varint(db), varint(argv.length));
    for (const a of argv) pieces.push(varint(a.length), a);
  }
  return pieces.join('');
}

const allBytes = Array.from({ length: 256 }, (_, i) => String.fromCharCode(i)).join('');

describe('a record written as bytes', () => {
  it('holds the UTF-8 bytes of the packed effects, batch after batch, growing from a small buffer', () => {
    const batches = [
      [{ db: 0, argv: ['SET', 'k', allBytes] }, { db: 9, argv: ['DEL', ''] }],
      [{ db: 300, argv: ['FLUSHALL'] }, { db: 0, argv: ['RPUSH', 'l', ...Array.from({ length: 300 }, (_, i) => String(i))] }],
      [{ db: 1, argv: ['SET', allBytes.repeat(200), '\x80'.repeat(20_000)] }],
      // Not byte strings (the core never has them): kept as TextEncoder would.
      [{ db: 2, argv: ['SET', 'a\u20acb\ud83d\ude00c', 'x'] }],
    ];
    const r = new RecordBytes(new Uint8Array(8));
    let text = '';
    for (const b of batches) {
      r.add(b);
      text += packEffects(b);
    }
    expect(r.chars).toBe(text.length);
    expect([...r.bytes]).toEqual([...new TextEncoder().encode(text)]);
    expect(unpackEffects(new TextDecoder().decode(r.bytes))).toEqual(batches.flat());
  });
});

describe('a record of a large value', () => {
  it('grows its buffer to the bytes it needs at most, not three times the chars', () => {
    const r = new RecordBytes(new Uint8Array(8));
    const value = 'x'.repeat(1_000_000) + '\xff'.repeat(1000);
    const effects = [{ db: 0, argv: ['SET', 'k', value] }];
    r.add(effects);
    // (toEqual over a megabyte of bytes takes seconds.)
    expect(Buffer.compare(r.bytes, new TextEncoder().encode(packEffects(effects)))).toBe(0);
    expect(r.buffer.length).toBeLessThan(2.1e6);
    expect(unpackEffects(new TextDecoder().decode(r.bytes))[0].argv[2]).toBe(value);
  });
});

/** A store that reads an append's bytes only when the test lets that append commit. */
class LazyStore extends TestStore {
  readonly gates: Array<() => void> = [];

  override append(records: BytesRecord[]): Promise<void> {
    return new Promise<void>((resolve) => this.gates.push(resolve)).then(() => super.append(records));
  }
}

describe('a group buffer', () => {
  it('is written again only after the append holding it has settled', async () => {
    const backend = new MemoryBackend();
    const store = new LazyStore(new MemoryStore(backend));
    const a = await durableEngine(store, { appendfsync: 'everysec' });
    const OK = new SimpleString('OK');
    const value = (n: number) => String.fromCharCode(0x41 + n).repeat(1000);
    // Group 1 goes to the store and waits there. Then, for n = 2, 3, 4: group n is sealed while
    // group n - 1 waits; group n - 1 commits (its buffer is free) and group n goes to the store,
    // so group n + 1 takes that buffer while group n may still read its own.
    expect(await a.run('SET', 'k1', value(1))).toEqual(OK);
    let waiting = a.p.flush();
    await until(() => store.gates.length === 1);
    for (let n = 2; n <= 4; n++) {
      expect(await a.run('SET', `k${n}`, value(n))).toEqual(OK);
      const next = a.p.flush();
      store.gates.shift()!();
      await waiting;
      await until(() => store.gates.length === 1);
      waiting = next;
    }
    store.gates.shift()!();
    await waiting;
    const logged = backend.records().flatMap((r) => unpackEffects(r.data).map((e) => e.argv));
    expect(logged).toEqual([1, 2, 3, 4].map((n) => ['SET', `k${n}`, value(n)]));
  });
});
