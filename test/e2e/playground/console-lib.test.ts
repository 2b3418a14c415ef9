// The console's pieces that need no engine: the history (linenoise's rules, kept in storage),
// argument splitting corners, hex and display of bytes, and the lines answered locally.
import { describe, expect, it } from 'vitest';
import { displayBytes, fromHex, repr, toHex, utf8Bytes } from '../../../demo/lib/bytes.js';
import { ConsoleSession } from '../../../demo/lib/console-session.js';
import { History, type StorageLike } from '../../../demo/lib/history.js';
import { splitArgs } from '../../../demo/lib/split-args.js';

class MemoryStorage implements StorageLike {
  data = new Map<string, string>();
  getItem(k: string) {
    return this.data.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.data.set(k, v);
  }
}

describe('history', () => {
  it('walks up and down, returning to the line being typed past the newest', () => {
    const h = new History(new MemoryStorage());
    h.add('SET a 1');
    h.add('GET a');
    expect(h.prev('INC')).toBe('GET a');
    expect(h.prev('GET a')).toBe('SET a 1');
    expect(h.prev('SET a 1')).toBeNull();
    expect(h.next()).toBe('GET a');
    expect(h.next()).toBe('INC');
    expect(h.next()).toBeNull();
  });

  it('skips blank lines and a repeat of the last line, and keeps at most max lines', () => {
    const h = new History(new MemoryStorage(), 'k', 3);
    for (const l of ['a', 'a', '  ', 'b', 'c', 'd']) h.add(l);
    expect(h.all).toEqual(['b', 'c', 'd']);
  });

  it('is kept in storage across instances (a reload)', () => {
    const storage = new MemoryStorage();
    new History(storage).add('PING');
    const again = new History(storage);
    expect(again.all).toEqual(['PING']);
    expect(again.prev('')).toBe('PING');
  });

  it('survives a storage that holds garbage or throws', () => {
    const bad = new MemoryStorage();
    bad.setItem('localredis.playground.history', '{not json');
    expect(new History(bad).all).toEqual([]);
    const throwing: StorageLike = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('full');
      },
    };
    const h = new History(throwing);
    h.add('PING');
    expect(h.all).toEqual(['PING']);
  });
});

describe('arguments and bytes', () => {
  it('splits as sdssplitargs does', () => {
    expect(splitArgs('  set  k   v ')).toEqual(['set', 'k', 'v']);
    expect(splitArgs('"a b" \'c d\'')).toEqual(['a b', 'c d']);
    expect(splitArgs('"\\x41\\x4g\\n"')).toEqual(['Ax4g\n']);
    expect(splitArgs('a"b c"')).toEqual(['ab c']);
    expect(splitArgs('"a"b')).toBeNull();
    expect(splitArgs("'it\\'s'")).toEqual(["it's"]);
    expect(splitArgs('"open')).toBeNull();
    expect(splitArgs('')).toEqual([]);
    // Typed text is UTF-8; a character outside the BMP is encoded whole.
    expect(splitArgs('é 😀')).toEqual([utf8Bytes('é'), utf8Bytes('😀')]);
    expect(splitArgs('😀')![0].length).toBe(4);
  });

  it('shows bytes as text when printable UTF-8, else quoted as redis-cli quotes them', () => {
    expect(displayBytes(new TextEncoder().encode('café'))).toBe('café');
    expect(displayBytes(new Uint8Array([0x61, 0x00, 0xff]))).toBe('"a\\x00\\xff"');
    expect(repr('a"\\\n')).toBe('"a\\"\\\\\\n"');
  });

  it('reads and writes hex', () => {
    expect(toHex(new Uint8Array([0, 15, 255]))).toBe('00 0f ff');
    expect(fromHex('00 0F\nff')).toEqual(new Uint8Array([0, 15, 255]));
    expect(fromHex('abc')).toBeNull();
    expect(fromHex('zz')).toBeNull();
  });
});

describe('lines answered without the engine', () => {
  const session = () =>
    new ConsoleSession(() => {
      throw new Error('no engine here');
    });

  it('clear asks for a clear screen; quit and exit keep the shared connection', async () => {
    expect((await session().run('clear')).clear).toBe(true);
    expect((await session().run('QUIT')).output).toBe('(the console stays open: close the tab to quit)\n');
    expect((await session().run('')).output).toBe('');
  });

  it('SUBSCRIBE and MONITOR are refused: they would take over the panels\' connection', async () => {
    const r = await session().run('subscribe news');
    expect(r.error).toBe(true);
    expect(r.output).toContain('(error) SUBSCRIBE would take over the connection');
  });
});
