// Log records as bytes: Persistence packs each batch's effects into a group (format.ts RecordBytes),
// encoded into the group's buffer outside the JS heap, or copied there from the request's bytes
// for an effect that is its command verbatim, and reuses a committed group's buffer for a later
// group. The bytes must be those of the packed string whichever way they came, and a buffer must
// not be written again before the store has settled the append that holds it (a store may read
// the bytes until then).
import { describe, expect, it } from 'vitest';
import { SimpleString, type Effect } from '../../src/core/index.js';
import { RecordBytes, unpackEffects, type VerbatimBatch } from '../../src/persistence/format.js';
import { FORMAT_VERSION } from '../../src/persistence/store.js';
import { MemoryBackend, MemoryStore } from '../../src/persistence/memory-store.js';
import type { BytesRecord } from '../../src/persistence/store.js';
import { packCommands } from '../../src/rpc/pack.js';
import { durableEngine, packLog, TestStore, until } from './harness.js';

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
    // (Across batches the db carries on: `@<db>:` only where it changes, as packLog writes it.)
    const r = new RecordBytes(new Uint8Array(8));
    let text = '';
    for (const b of batches) {
      r.add(b);
      text += packLog(b);
    }
    expect(r.chars).toBe(text.length);
    expect([...r.bytes]).toEqual([...new TextEncoder().encode(text)]);
    expect(unpackEffects(new TextDecoder().decode(r.bytes), FORMAT_VERSION)).toEqual(batches.flat());
  });
});

/** A batch as the client sends it (rpc/pack.ts, ASCII) and where its commands start, as the host finds them. */
function requestOf(argvs: string[][]): { bytes: Uint8Array; starts: number[] } {
  const packed = packCommands(argvs);
  const starts: number[] = [];
  let p = 0;
  for (const argv of argvs) {
    starts.push(p);
    p += packCommands([argv]).length;
  }
  starts.push(p);
  return { bytes: new TextEncoder().encode(packed), starts };
}

describe('a record with effects that are their commands verbatim', () => {
  // A batch as the client sent it; the effects the engine gives for its writes are offered as
  // verbatim, with an argv the test makes differ from the request's bytes ('<' for '>'), so the
  // record shows whether each was copied from those bytes or packed from the effect.
  const argvs = [
    ['SET', 'a', '>1'], ['SET', 'b', '>'.repeat(300)], ['GET', 'a'], ['SET', 'c', '>3'], ['INCR', 'n'], ['SET', 'd', '>4'],
    ['SELECT', '5'], ['SET', 'e', '>5'], ['SET', 'f', '>6'], ['SET', 'g', '>7'], ['SET', 'h', '>8'], ['DEL', 'b'],
  ];
  const { bytes, starts } = requestOf(argvs);
  const unlike = (argv: string[]) => argv.map((x) => x.replaceAll('>', '<'));
  const written = [0, 1, 3, 4, 5, 7, 8, 9, 10, 11];
  const dbOf = (i: number) => (i >= 6 ? 5 : 0);
  /** The batch as the host unpacked it, command `i` being the argv of `effects[k]` where `commands[k]` is `i`. */
  const batchOf = (from: Uint8Array, effects: Effect[], commands: number[]): VerbatimBatch => {
    const unpacked = argvs.map((a) => [...a]);
    commands.forEach((c, k) => (unpacked[c] = effects[k].argv));
    return { bytes: from, starts, argvs: unpacked, commands };
  };

  it('copies their bytes, and packs the others, the dbs and what came before, in order', () => {
    // Another batch's effect before, INCR's not offered (as if rewritten), an expired key's DEL after.
    const before = { db: 3, argv: ['SET', 'earlier', '\xff'] };
    const own = written.map((i) => ({ db: dbOf(i), argv: unlike(argvs[i]) }));
    const expired = { db: 0, argv: ['DEL', 'gone'] };
    const effects = [before, ...own, expired];
    const offered = written.map((i, k) => [i, own[k]] as const).filter(([i]) => i !== 4);
    const verbatim = batchOf(bytes, offered.map(([, e]) => e), offered.map(([i]) => i));
    const copied = effects.map((e) => {
      const k = own.indexOf(e);
      return k < 0 || written[k] === 4 ? e : { db: e.db, argv: argvs[written[k]] };
    });
    for (const size of [8, 4096]) {
      const r = new RecordBytes(new Uint8Array(size));
      r.add(effects, verbatim);
      const text = packLog(copied);
      expect(r.chars).toBe(text.length);
      expect(new TextDecoder().decode(r.bytes)).toBe(text);
      expect(unpackEffects(new TextDecoder().decode(r.bytes), FORMAT_VERSION)).toEqual(copied);
    }
  });

  it('packs them all when they come one by one between packed effects (copying would cost more)', () => {
    const effects: Effect[] = [];
    const offered: Effect[] = [];
    for (const i of [0, 1, 3, 5]) {
      const e = { db: 0, argv: unlike(argvs[i]) };
      effects.push(e, { db: 0, argv: ['PEXPIREAT', argvs[i][1], '1'] });
      offered.push(e);
    }
    const r = new RecordBytes(new Uint8Array(64));
    r.add(effects, batchOf(bytes, offered, [0, 1, 3, 5]));
    expect(new TextDecoder().decode(r.bytes)).toBe(packLog(effects));
  });

  it('copies within add() only: the host writes the replies over the request next', () => {
    const own = [0, 1, 3, 5].map((i) => ({ db: 0, argv: unlike(argvs[i]) }));
    const first = requestOf(argvs).bytes;
    const r = new RecordBytes(new Uint8Array(8));
    r.add(own, batchOf(first, own, [0, 1, 3, 5]));
    first.fill(0x2a); // the replies
    expect(new TextDecoder().decode(r.bytes)).toBe(packLog([0, 1, 3, 5].map((i) => ({ db: 0, argv: argvs[i] }))));
  });
});

describe('a record of a large value', () => {
  it('grows its buffer to the bytes it needs at most, not three times the chars', () => {
    const r = new RecordBytes(new Uint8Array(8));
    const value = 'x'.repeat(1_000_000) + '\xff'.repeat(1000);
    const effects = [{ db: 0, argv: ['SET', 'k', value] }];
    r.add(effects);
    // (toEqual over a megabyte of bytes takes seconds.)
    expect(Buffer.compare(r.bytes, new TextEncoder().encode(packLog(effects)))).toBe(0);
    expect(r.buffer.length).toBeLessThan(2.1e6);
    expect(unpackEffects(new TextDecoder().decode(r.bytes), FORMAT_VERSION)[0].argv[2]).toBe(value);
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
    const logged = backend.records().flatMap((r) => unpackEffects(r.data, r.format).map((e) => e.argv));
    expect(logged).toEqual([1, 2, 3, 4].map((n) => ['SET', `k${n}`, value(n)]));
  });
});
