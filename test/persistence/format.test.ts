// The packed forms of snapshot records and effects.
import { describe, expect, it } from 'vitest';
import { packRecords, RecordBytes, unpackEffects, unpackRecords } from '../../src/persistence/format.js';
import { FORMAT_VERSION } from '../../src/persistence/store.js';
import type { Effect, SnapshotRecord } from '../../src/core/index.js';

const allBytes = Array.from({ length: 256 }, (_, i) => String.fromCharCode(i)).join('');

describe('packed records', () => {
  it('come back as they went, whatever the bytes, types and expiry', () => {
    const records: SnapshotRecord[] = [
      { db: 0, key: 'k', type: 'string', value: 'v', expire: -1 },
      { db: 15, key: allBytes, type: 'list', value: allBytes + allBytes, expire: 1_700_000_000_123 },
      { db: 200, key: '', type: 'zset', value: '', expire: 0 },
      { db: 3, key: 'neg', type: 'hash', value: 'x'.repeat(70_000), expire: -5 },
      { db: 1, key: 'far', type: 'set', value: 'y', expire: 9223372036854775807n },
      { db: 2, key: 'safe', type: 'stream', value: 'z', expire: Number.MAX_SAFE_INTEGER },
    ];
    expect(unpackRecords(packRecords(records))).toEqual(records);
  });

  it('refuse a truncated chunk', () => {
    const packed = packRecords([{ db: 0, key: 'key', type: 'string', value: 'value', expire: -1 }]);
    expect(() => unpackRecords(packed.slice(0, -2))).toThrow('persisted data is truncated');
  });
});

/** Effects as the string a store keeps: written as bytes (RecordBytes), decoded. */
function packEffects(effects: Effect[]): string {
  const r = new RecordBytes(new Uint8Array(16));
  r.add(effects);
  return new TextDecoder().decode(r.bytes);
}

describe('packed effects', () => {
  it('come back as they went, in order, with their dbs, over groups added one after the other', () => {
    const a = [{ db: 0, argv: ['SET', 'k', allBytes] }, { db: 9, argv: ['DEL', ''] }];
    const b = [{ db: 9, argv: ['FLUSHALL'] }, { db: 0, argv: ['RPUSH', 'l', ...Array.from({ length: 300 }, (_, i) => String(i))] }, { db: 1234567, argv: ['SET', '1:2', '3:'] }];
    const r = new RecordBytes(new Uint8Array(16));
    r.add(a);
    r.add(b);
    expect(unpackEffects(new TextDecoder().decode(r.bytes), FORMAT_VERSION)).toEqual([...a, ...b]);
    expect(unpackEffects(packEffects(b), FORMAT_VERSION)).toEqual(b);
    expect(unpackEffects(packEffects([]), FORMAT_VERSION)).toEqual([]);
  });

  it('are refused when truncated or malformed, with a clear error', () => {
    const data = packEffects([{ db: 3, argv: ['SET', 'key', 'value'] }]);
    expect(() => unpackEffects(data.slice(0, -2), FORMAT_VERSION)).toThrow('persisted data is truncated');
    expect(() => unpackEffects(data.slice(0, 4), FORMAT_VERSION)).toThrow('persisted data is truncated');
    expect(() => unpackEffects('3x' + data.slice(2), FORMAT_VERSION)).toThrow('persisted data holds a bad number at 1');
    expect(() => unpackEffects('@:' + data, FORMAT_VERSION)).toThrow('persisted data holds a bad number at 1');
  });
});
