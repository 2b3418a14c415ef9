// Keyspace commands (DEL UNLINK EXISTS TYPE RENAME RENAMENX COPY MOVE KEYS SCAN RANDOMKEY TOUCH
// OBJECT) and the structures behind them (glob, SCAN cursors, random key sampling).
import { describe, expect, it } from 'vitest';
import { sync } from './harness.js';
import { createEngine, ErrorReply, NULL_ARRAY, SimpleString, type Reply } from '../../src/core/index.js';
import { RObj, stringEncoding, type RType } from '../../src/core/keyspace.js';
import { compileGlob, stringMatch } from '../../src/core/structures/glob.js';
import { parseScanCursor, ScanCursors } from '../../src/core/structures/scan-cursor.js';
import { randomKey } from '../../src/core/structures/random-key.js';

function setup(opts: { random?: () => number } = {}) {
  let now = 1_700_000_000_000;
  const engine = createEngine({ clock: () => now, random: opts.random, recordEffects: true });
  const s = engine.createSession();
  const events: string[] = [];
  engine.notifier = (cls, event, key, db) => events.push(`${cls} ${event} ${key} ${db}`);
  const r = (...argv: string[]) => sync(engine.exec(s, argv));
  /** A value written directly, so these tests need no other group's commands. */
  const put = (key: string, value: unknown = 'v', type: RType = 'string', db = s.db) => {
    const enc = type === 'string' ? stringEncoding(value as string, true) : 'quicklist';
    engine.keyspace.dbs[db].dict.set(key, new RObj(type, value, enc, now));
  };
  const get = (key: string, db = s.db) => engine.keyspace.dbs[db].dict.get(key)?.value;
  const effects = () => engine.takeEffects().map((e) => `${e.db}: ${e.argv.join(' ')}`);
  return { engine, s, r, put, get, events, effects, tick: (ms: number) => (now += ms), now: () => now };
}

const err = (m: string) => new ErrorReply(m);
const ok = new SimpleString('OK');
const sorted = (r: Reply) => [...(r as string[])].sort();

describe('DEL and UNLINK', () => {
  it('DEL counts the keys it removed, once each, and notifies del', () => {
    const { r, put, events, effects } = setup();
    put('a');
    put('b');
    expect(r('DEL', 'a', 'b', 'a', 'missing')).toBe(2);
    expect(r('EXISTS', 'a', 'b')).toBe(0);
    expect(events).toEqual(['g del a 0', 'g del b 0', 'm keymiss a 0', 'm keymiss b 0']);
    expect(effects()).toEqual(['0: DEL a b a missing']);
  });
  it('DEL of nothing propagates nothing', () => {
    const { r, effects } = setup();
    expect(r('del', 'x')).toBe(0);
    expect(effects()).toEqual([]);
  });
  it('DEL of an expired key expires it instead: not counted, an expired event and its own DEL', () => {
    const { r, put, tick, events, effects } = setup();
    put('k');
    r('pexpire', 'k', '10');
    effects();
    events.length = 0;
    tick(11);
    expect(r('del', 'k')).toBe(0);
    expect(events).toEqual(['x expired k 0']);
    expect(effects()).toEqual(['0: DEL k']);
  });
  it('UNLINK behaves as DEL', () => {
    const { r, put } = setup();
    put('a');
    expect(r('unlink', 'a', 'b')).toBe(1);
    expect(r('unlink')).toEqual(err("ERR wrong number of arguments for 'unlink' command"));
  });
});

describe('EXISTS, TYPE and TOUCH', () => {
  it('EXISTS counts repeated keys each time', () => {
    const { r, put } = setup();
    put('a');
    expect(r('exists', 'a', 'a', 'nokey')).toBe(2);
  });
  it('EXISTS and TYPE count hits and misses but leave the access time alone', () => {
    const { r, put, engine, tick } = setup();
    put('a');
    tick(5000);
    expect(r('exists', 'a', 'b')).toBe(1);
    expect(r('type', 'a')).toEqual(new SimpleString('string'));
    expect(r('type', 'b')).toEqual(new SimpleString('none'));
    expect(engine.stats.keyspaceHits).toBe(2);
    expect(engine.stats.keyspaceMisses).toBe(2);
    expect(r('object', 'idletime', 'a')).toBe(5);
  });
  it('TYPE names every type', () => {
    const { r, put } = setup();
    for (const t of ['list', 'set', 'zset', 'hash', 'stream'] as RType[]) {
      put(t, null, t);
      expect(r('type', t)).toEqual(new SimpleString(t));
    }
  });
  it('TOUCH counts existing keys and resets their idle time', () => {
    const { r, put, tick } = setup();
    put('a');
    tick(3000);
    expect(r('object', 'idletime', 'a')).toBe(3);
    expect(r('touch', 'a', 'nokey', 'a')).toBe(2);
    expect(r('object', 'idletime', 'a')).toBe(0);
  });
  it('an expired key does not exist', () => {
    const { r, put, tick } = setup();
    put('a');
    r('pexpire', 'a', '100');
    tick(100);
    expect(r('exists', 'a')).toBe(1);
    tick(1);
    expect(r('exists', 'a')).toBe(0);
    expect(r('type', 'a')).toEqual(new SimpleString('none'));
  });
});

describe('RENAME and RENAMENX', () => {
  it('RENAME moves the value and its TTL, overwriting the destination and its TTL', () => {
    const { r, put, get, events, effects } = setup();
    put('a', 'va');
    put('b', 'vb');
    r('pexpire', 'a', '5000');
    r('pexpire', 'b', '9000');
    effects();
    events.length = 0;
    expect(r('rename', 'a', 'b')).toEqual(ok);
    expect(get('b')).toBe('va');
    expect(r('exists', 'a')).toBe(0);
    expect(r('pttl', 'b')).toBe(5000);
    expect(events.slice(0, 2)).toEqual(['g rename_from a 0', 'g rename_to b 0']);
    expect(effects()).toEqual(['0: rename a b']);
  });
  it('RENAME of a key without TTL leaves the destination without one', () => {
    const { r, put } = setup();
    put('a');
    put('b');
    r('expire', 'b', '100');
    r('rename', 'a', 'b');
    expect(r('ttl', 'b')).toBe(-1);
  });
  it('RENAME of a missing key is an error, even onto itself', () => {
    const { r } = setup();
    expect(r('rename', 'x', 'y')).toEqual(err('ERR no such key'));
    expect(r('rename', 'x', 'x')).toEqual(err('ERR no such key'));
    expect(r('renamenx', 'x', 'x')).toEqual(err('ERR no such key'));
  });
  it('RENAME of a key onto itself changes nothing and propagates nothing', () => {
    const { r, put, effects } = setup();
    put('a');
    r('expire', 'a', '100');
    effects();
    expect(r('rename', 'a', 'a')).toEqual(ok);
    expect(r('renamenx', 'a', 'a')).toBe(0);
    expect(r('ttl', 'a')).toBe(100);
    expect(effects()).toEqual([]);
  });
  it('RENAMENX refuses an existing destination', () => {
    const { r, put, get } = setup();
    put('a', '1');
    put('b', '2');
    expect(r('renamenx', 'a', 'b')).toBe(0);
    expect(get('b')).toBe('2');
    expect(r('renamenx', 'a', 'c')).toBe(1);
    expect(get('c')).toBe('1');
  });
  it('RENAME of an expired key is an error; an expired destination counts as missing', () => {
    const { r, put, tick } = setup();
    put('a');
    put('b');
    r('pexpire', 'a', '10');
    r('pexpire', 'b', '10');
    tick(11);
    expect(r('rename', 'a', 'c')).toEqual(err('ERR no such key'));
    put('a');
    expect(r('renamenx', 'a', 'b')).toBe(1);
  });
  it('RENAME fails a transaction watching either key', () => {
    const { r, engine, put } = setup();
    put('a');
    const other = engine.createSession();
    engine.exec(other, ['watch', 'b']);
    r('rename', 'a', 'b');
    engine.exec(other, ['multi']);
    engine.exec(other, ['dbsize']);
    expect(engine.exec(other, ['exec'])).toBe(NULL_ARRAY);
  });
});

describe('COPY', () => {
  it('copies the value and its TTL, and notifies copy_to', () => {
    const { r, put, get, events, effects } = setup();
    put('a', 'hello');
    r('pexpire', 'a', '5000');
    events.length = 0;
    effects();
    expect(r('copy', 'a', 'b')).toBe(1);
    expect(get('b')).toBe('hello');
    expect(r('pttl', 'b')).toBe(5000);
    expect(events.slice(0, 1)).toEqual(['g copy_to b 0']);
    expect(effects()).toEqual(['0: copy a b']);
  });
  it('the copy is a separate object with the same encoding', () => {
    const { r, put, engine } = setup();
    put('a', '1');
    r('copy', 'a', 'b');
    const db = engine.keyspace.dbs[0];
    expect(db.dict.get('b')).not.toBe(db.dict.get('a'));
    expect(r('object', 'encoding', 'b')).toBe('int');
    // A shared integer is copied into a private object.
    expect(r('object', 'refcount', 'a')).toBe(2147483647);
    expect(r('object', 'refcount', 'b')).toBe(1);
  });
  it('refuses an existing destination unless REPLACE', () => {
    const { r, put, get } = setup();
    put('a', 'A');
    put('b', 'B');
    expect(r('copy', 'a', 'b')).toBe(0);
    expect(get('b')).toBe('B');
    expect(r('copy', 'a', 'b', 'REPLACE')).toBe(1);
    expect(get('b')).toBe('A');
    expect(r('copy', 'a', 'b', 'replace', 'replace')).toBe(1);
  });
  it('copies into another db', () => {
    const { r, put, get, events } = setup();
    put('a', 'A');
    r('expire', 'a', '100');
    events.length = 0;
    expect(r('copy', 'a', 'a', 'db', '3')).toBe(1);
    expect(get('a', 3)).toBe('A');
    expect(events).toContain('g copy_to a 3');
    r('select', '3');
    expect(r('ttl', 'a')).toBe(100);
  });
  it('a missing source copies nothing', () => {
    const { r } = setup();
    expect(r('copy', 'x', 'y')).toBe(0);
  });
  it('rejects the same key in the same db, bad dbs and bad options', () => {
    const { r, put } = setup();
    put('a');
    const same = err('ERR source and destination objects are the same');
    expect(r('copy', 'a', 'a')).toEqual(same);
    expect(r('copy', 'a', 'a', 'db', '0')).toEqual(same);
    expect(r('copy', 'nokey', 'nokey')).toEqual(same);
    expect(r('copy', 'a', 'b', 'db', '16')).toEqual(err('ERR DB index is out of range'));
    expect(r('copy', 'a', 'b', 'db', '-1')).toEqual(err('ERR DB index is out of range'));
    expect(r('copy', 'a', 'b', 'db', 'x')).toEqual(err('ERR value is not an integer or out of range'));
    expect(r('copy', 'a', 'b', 'db', '4294967296')).toEqual(
      err('ERR value is out of range, value must between -2147483648 and 2147483647'),
    );
    expect(r('copy', 'a', 'b', 'db')).toEqual(err('ERR syntax error'));
    expect(r('copy', 'a', 'b', 'foo')).toEqual(err('ERR syntax error'));
    expect(r('copy', 'a')).toEqual(err("ERR wrong number of arguments for 'copy' command"));
  });
  it('a type without a registered duplicator is an internal error, not a silent shallow copy', () => {
    const { r, put } = setup();
    put('l', [], 'stream'); // no stream group yet
    expect(() => r('copy', 'l', 'l2')).toThrow(/no duplicator/);
  });
});

describe('MOVE', () => {
  it('moves a key and its TTL to another db', () => {
    const { r, put, get, events, effects } = setup();
    put('k', 'v');
    r('pexpire', 'k', '7000');
    events.length = 0;
    effects();
    expect(r('move', 'k', '2')).toBe(1);
    expect(r('exists', 'k')).toBe(0);
    expect(get('k', 2)).toBe('v');
    expect(events.slice(0, 2)).toEqual(['g move_from k 0', 'g move_to k 2']);
    expect(effects()).toEqual(['0: move k 2']);
    r('select', '2');
    expect(r('pttl', 'k')).toBe(7000);
  });
  it('does nothing when the key is missing or already in the target db', () => {
    const { r, put, get } = setup();
    expect(r('move', 'k', '1')).toBe(0);
    put('k', 'here');
    put('k', 'there', 'string', 1);
    expect(r('move', 'k', '1')).toBe(0);
    expect(get('k')).toBe('here');
    expect(get('k', 1)).toBe('there');
  });
  it('rejects the same db and bad indexes', () => {
    const { r, put } = setup();
    put('k');
    expect(r('move', 'k', '0')).toEqual(err('ERR source and destination objects are the same'));
    expect(r('move', 'k', '16')).toEqual(err('ERR DB index is out of range'));
    expect(r('move', 'k', '-1')).toEqual(err('ERR DB index is out of range'));
    expect(r('move', 'k', 'x')).toEqual(err('ERR value is not an integer or out of range'));
    expect(r('move', 'k', '2147483648')).toEqual(
      err('ERR value is out of range, value must between -2147483648 and 2147483647'),
    );
  });
});

describe('KEYS', () => {
  it('returns the keys matching a glob pattern', () => {
    const { r, put } = setup();
    for (const k of ['foo', 'foobar', 'bar', 'f?o', 'f*o', '']) put(k);
    expect(sorted(r('keys', '*'))).toEqual(['', 'bar', 'f*o', 'f?o', 'foo', 'foobar']);
    expect(sorted(r('keys', 'foo*'))).toEqual(['foo', 'foobar']);
    expect(sorted(r('keys', 'f?o'))).toEqual(['f*o', 'f?o', 'foo']);
    expect(sorted(r('keys', 'f\\?o'))).toEqual(['f?o']);
    expect(sorted(r('keys', '*bar'))).toEqual(['bar', 'foobar']);
    expect(sorted(r('keys', '[bf]*'))).toEqual(['bar', 'f*o', 'f?o', 'foo', 'foobar']);
    expect(r('keys', '')).toEqual(['']);
    expect(r('keys', 'nomatch*')).toEqual([]);
  });
  it('skips expired keys without deleting them', () => {
    const { r, put, tick } = setup();
    put('a');
    put('b');
    r('pexpire', 'a', '1');
    tick(2);
    expect(r('keys', '*')).toEqual(['b']);
    expect(r('dbsize')).toBe(2);
  });
  it('is binary safe', () => {
    const { r, put } = setup();
    put('a\x00b');
    put('a\xffb');
    expect((r('keys', 'a?b') as string[]).length).toBe(2);
    expect(r('keys', 'a\x00*')).toEqual(['a\x00b']);
    expect(r('keys', 'a[\xfe-\xff]b')).toEqual(['a\xffb']);
  });
});

describe('SCAN', () => {
  /** Runs a full iteration, calling `between` after each page. */
  function fullScan(r: (...a: string[]) => Reply, extra: string[] = [], between?: (page: number) => void) {
    const seen: string[] = [];
    let cursor = '0';
    let pages = 0;
    do {
      const [next, keys] = r('scan', cursor, ...extra) as [string, string[]];
      seen.push(...keys);
      cursor = next;
      pages++;
      between?.(pages);
      if (pages > 100000) throw new Error('SCAN did not terminate');
    } while (cursor !== '0');
    return { seen, pages };
  }

  it('a full iteration returns every key once when nothing changes', () => {
    const { r, put } = setup();
    for (let i = 0; i < 1000; i++) put(`k${i}`);
    const { seen, pages } = fullScan(r, ['count', '7']);
    expect(seen.length).toBe(1000);
    expect(new Set(seen).size).toBe(1000);
    expect(pages).toBe(Math.ceil(1000 / 7));
  });
  it('COUNT bounds the keys visited per call', () => {
    const { r, put } = setup();
    for (let i = 0; i < 100; i++) put(`k${i}`);
    const [, keys] = r('scan', '0', 'count', '5') as [string, string[]];
    expect(keys.length).toBe(5);
    const [c10, k10] = r('scan', '0') as [string, string[]];
    expect(k10.length).toBe(10);
    expect(c10).not.toBe('0');
  });
  it('the last page says so: a small db is scanned in one call with cursor 0', () => {
    const { r, put } = setup();
    for (let i = 0; i < 10; i++) put(`k${i}`);
    const [cursor, keys] = r('scan', '0') as [string, string[]];
    expect(cursor).toBe('0');
    expect(keys.length).toBe(10);
    expect(r('scan', '0')).toEqual(['0', keys]);
  });
  it('returns every key present for the whole iteration while keys are added and removed', () => {
    const { r, put, engine } = setup();
    const dict = engine.keyspace.dbs[0].dict;
    let seed = 12345;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
    for (let i = 0; i < 2000; i++) put(`stable${i}`);
    for (let i = 0; i < 2000; i++) put(`churn${i}`);
    const stable = new Set([...dict.keys()].filter((k) => k.startsWith('stable')));
    let added = 0;
    const { seen, pages } = fullScan(r, ['count', '13'], () => {
      // Between pages: delete and re-add churn keys, add new keys, delete some stable ones (which
      // then are no longer "present for the whole iteration"), and rewrite values in place.
      for (let j = 0; j < 30; j++) {
        const c = `churn${rand(2000)}`;
        if (dict.has(c)) r('del', c);
        else put(c);
        put(`new${added++}`);
        const s = `stable${rand(2000)}`;
        if (rand(10) === 0 && dict.has(s)) {
          r('del', s);
          stable.delete(s);
        }
        put(`stable${rand(2000)}`, 'rewritten');
      }
    });
    const seenSet = new Set(seen);
    for (const k of stable) expect(seenSet.has(k)).toBe(true);
    // It ends once it has visited as many entries as the db held at the start.
    expect(pages).toBeLessThanOrEqual(Math.ceil(4000 / 13) + 1);
  });
  it('ends on a db of bounded size whose keys are replaced faster than they are scanned', () => {
    const { r, put, engine } = setup();
    const dict = engine.keyspace.dbs[0].dict;
    for (let i = 0; i < 500; i++) put(`gen0:${i}`);
    let gen = 0;
    const { pages } = fullScan(r, ['count', '10'], () => {
      gen++;
      for (let j = 0; j < 100; j++) {
        r('del', dict.keys().next().value as string);
        put(`gen${gen}:${j}`);
      }
    });
    expect(dict.size).toBe(500);
    expect(pages).toBeLessThanOrEqual(50);
  });
  it('a key deleted before it was reached is not returned', () => {
    const { r, put } = setup();
    for (let i = 0; i < 30; i++) put(`k${i}`);
    const [cursor] = r('scan', '0', 'count', '10') as [string, string[]];
    r('del', 'k25');
    const { seen } = (() => {
      const acc: string[] = [];
      let c = cursor;
      while (c !== '0') {
        const [n, ks] = r('scan', c) as [string, string[]];
        acc.push(...ks);
        c = n;
      }
      return { seen: acc };
    })();
    expect(seen).not.toContain('k25');
    expect(seen.length).toBe(19);
  });
  it('a reused or unknown cursor starts over instead of skipping keys', () => {
    const { r, put } = setup();
    for (let i = 0; i < 50; i++) put(`k${i}`);
    const [c1, first] = r('scan', '0', 'count', '10') as [string, string[]];
    const [c2, second] = r('scan', c1, 'count', '10') as [string, string[]];
    expect(second).not.toEqual(first);
    // The same cursor again (a retry): a fresh iteration from the start, never a gap.
    const [, again] = r('scan', c1, 'count', '10') as [string, string[]];
    expect(again).toEqual(first);
    const [, unknown] = r('scan', '987654321', 'count', '10') as [string, string[]];
    expect(unknown).toEqual(first);
    expect(c2).not.toBe(c1);
  });
  it('MATCH filters after the keys are visited', () => {
    const { r, put } = setup();
    for (let i = 0; i < 100; i++) put(i % 2 ? `odd${i}` : `even${i}`);
    const [, page] = r('scan', '0', 'match', 'odd*', 'count', '10') as [string, string[]];
    expect(page.length).toBe(5);
    const { seen } = fullScan(r, ['MATCH', 'odd*']);
    expect(seen.length).toBe(50);
    expect(fullScan(r, ['match', '*']).seen.length).toBe(100);
  });
  it('MATCH * keeps the empty key; other patterns never match it', () => {
    const { r, put } = setup();
    put('');
    expect(r('scan', '0', 'match', '*')).toEqual(['0', ['']]);
    expect(r('scan', '0', 'match', '**')).toEqual(['0', []]);
  });
  it('TYPE filters by type name, case-insensitively, with no-touch lookups counted as hits', () => {
    const { r, put, engine } = setup();
    put('s1');
    put('l1', [], 'list');
    put('s2');
    expect(sorted((r('scan', '0', 'type', 'string') as [string, string[]])[1])).toEqual(['s1', 's2']);
    expect((r('scan', '0', 'type', 'LIST') as [string, string[]])[1]).toEqual(['l1']);
    expect((r('scan', '0', 'type', 'nosuch') as [string, string[]])[1]).toEqual([]);
    // strcasecmp stops at a NUL, in option names and in the type name.
    expect((r('scan', '0', 'TYPE\x00x', 'list\x00x') as [string, string[]])[1]).toEqual(['l1']);
    expect(engine.stats.keyspaceHits).toBe(12);
  });
  it('expired keys are deleted and not returned', () => {
    const { r, put, tick, effects } = setup();
    put('a');
    put('b');
    r('pexpire', 'a', '1');
    effects();
    tick(2);
    expect(r('scan', '0')).toEqual(['0', ['b']]);
    expect(effects()).toEqual(['0: DEL a']);
    expect(r('dbsize')).toBe(1);
  });
  it('TYPE none returns an expired key, as Redis does (the type lookup deletes it first)', () => {
    const { r, put, tick } = setup();
    put('a');
    r('pexpire', 'a', '1');
    tick(2);
    expect(r('scan', '0', 'type', 'none')).toEqual(['0', ['a']]);
  });
  it('rejects bad cursors and options', () => {
    const { r } = setup();
    expect(r('scan', 'x')).toEqual(err('ERR invalid cursor'));
    expect(r('scan', ' 0')).toEqual(err('ERR invalid cursor'));
    expect(r('scan', '0 ')).toEqual(err('ERR invalid cursor'));
    expect(r('scan', '-')).toEqual(err('ERR invalid cursor'));
    expect(r('scan', '18446744073709551616')).toEqual(err('ERR invalid cursor'));
    expect(r('scan', '0x1')).toEqual(err('ERR invalid cursor'));
    expect(r('scan', '0', 'count')).toEqual(err('ERR syntax error'));
    expect(r('scan', '0', 'count', '0')).toEqual(err('ERR syntax error'));
    expect(r('scan', '0', 'count', '-1')).toEqual(err('ERR syntax error'));
    expect(r('scan', '0', 'count', 'x')).toEqual(err('ERR value is not an integer or out of range'));
    expect(r('scan', '0', 'match')).toEqual(err('ERR syntax error'));
    expect(r('scan', '0', 'type')).toEqual(err('ERR syntax error'));
    expect(r('scan', '0', 'foo', 'bar')).toEqual(err('ERR syntax error'));
    expect(r('scan')).toEqual(err("ERR wrong number of arguments for 'scan' command"));
  });
  it('accepts what strtoul accepts', () => {
    const { r } = setup();
    for (const c of ['', '-0', '+0', '00', '-1', '18446744073709551615', '-18446744073709551615']) {
      expect(r('scan', c)).toEqual(['0', []]);
    }
  });
  it('a db flushed or swapped under an iteration starts it over', () => {
    const { r, put } = setup();
    for (let i = 0; i < 30; i++) put(`k${i}`);
    const [c1] = r('scan', '0', 'count', '5') as [string, string[]];
    r('flushdb');
    put('fresh');
    expect(r('scan', c1)).toEqual(['0', ['fresh']]);
  });
});

describe('RANDOMKEY', () => {
  it('returns null on an empty db', () => {
    const { r } = setup();
    expect(r('randomkey')).toBe(null);
  });
  it('uses the engine random source', () => {
    let x = 0;
    const { r, put } = setup({ random: () => x });
    put('a');
    put('b');
    put('c');
    expect(r('randomkey')).toBe('a');
    x = 0.99;
    expect(r('randomkey')).toBe('c');
    x = 0.5;
    expect(r('randomkey')).toBe('b');
  });
  it('never returns an expired key: it deletes it and draws again', () => {
    const { r, put, tick, effects } = setup({ random: () => 0 });
    put('a');
    put('b');
    r('pexpire', 'a', '1');
    effects();
    tick(2);
    expect(r('randomkey')).toBe('b');
    expect(effects()).toEqual(['0: DEL a']);
  });
  it('returns null when every key has expired, deleting them all', () => {
    const { r, put, tick, engine } = setup();
    for (let i = 0; i < 3000; i++) {
      put(`k${i}`);
      r('pexpire', `k${i}`, '5');
    }
    tick(10);
    expect(r('randomkey')).toBe(null);
    expect(engine.keyspace.dbs[0].dict.size).toBe(0);
  });
  it('on a large db, picks are spread over every key, including keys added later', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const { r, put } = setup({ random: rnd });
    for (let i = 0; i < 3000; i++) put(`k${i}`);
    const counts = new Map<string, number>();
    for (let i = 0; i < 60000; i++) {
      const k = r('randomkey') as string;
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    expect(counts.size).toBe(3000);
    for (const c of counts.values()) expect(c).toBeGreaterThan(3);
    put('late');
    let found = false;
    for (let i = 0; i < 20000 && !found; i++) found = r('randomkey') === 'late';
    expect(found).toBe(true);
  });
  it('on a large db, deleted keys are never returned', () => {
    const { r, put } = setup();
    for (let i = 0; i < 3000; i++) put(`k${i}`);
    r('randomkey');
    for (let i = 0; i < 2999; i++) r('del', `k${i}`);
    for (let i = 0; i < 50; i++) expect(r('randomkey')).toBe('k2999');
    for (let i = 0; i < 3000; i++) put(`n${i}`);
    r('randomkey');
    for (let i = 0; i < 1500; i++) r('del', `n${i}`);
    for (let i = 0; i < 500; i++) expect(r('randomkey')).toMatch(/^(k2999|n(1[5-9]\d\d|2\d\d\d))$/);
  });
});

describe('OBJECT', () => {
  it('HELP lists the subcommands as status lines', () => {
    const { r } = setup();
    const help = (r('object', 'help') as SimpleString[]).map((l) => l.value);
    expect(help).toEqual([
      'OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
      'ENCODING <key>',
      '    Return the kind of internal representation used in order to store the value',
      '    associated with a <key>.',
      'FREQ <key>',
      '    Return the access frequency index of the <key>. The returned integer is',
      '    proportional to the logarithm of the recent access frequency of the key.',
      'IDLETIME <key>',
      '    Return the idle time of the <key>, that is the approximated number of',
      '    seconds elapsed since the last access to the key.',
      'REFCOUNT <key>',
      '    Return the number of references of the value associated with the specified',
      '    <key>.',
      'HELP',
      '    Prints this help.',
    ]);
    expect((r('OBJECT', 'HELP') as SimpleString[])[0]).toBeInstanceOf(SimpleString);
  });
  it('arity and unknown subcommands', () => {
    const { r } = setup();
    expect(r('object')).toEqual(err("ERR wrong number of arguments for 'object' command"));
    expect(r('object', 'foo')).toEqual(err("ERR unknown subcommand 'foo'. Try OBJECT HELP."));
    expect(r('object', 'encoding')).toEqual(err("ERR wrong number of arguments for 'object|encoding' command"));
    expect(r('object', 'help', 'x')).toEqual(err("ERR wrong number of arguments for 'object|help' command"));
  });
  it('a missing key is null for every subcommand', () => {
    const { r } = setup();
    for (const sub of ['encoding', 'freq', 'idletime', 'refcount']) expect(r('object', sub, 'nokey')).toBe(null);
  });
  it('ENCODING reports the object encoding', () => {
    const { r, put } = setup();
    put('i', '12345');
    put('e', 'hello');
    put('w', 'x'.repeat(45));
    put('l', [], 'list');
    expect(r('object', 'encoding', 'i')).toBe('int');
    expect(r('object', 'encoding', 'e')).toBe('embstr');
    expect(r('object', 'encoding', 'w')).toBe('raw');
    expect(r('object', 'encoding', 'l')).toBe('quicklist');
  });
  it('REFCOUNT: shared integers 0..9999 report INT_MAX, other values 1', () => {
    const { r, put } = setup();
    for (const [v, n] of [['0', 2147483647], ['9999', 2147483647], ['10000', 1], ['-1', 1], ['abc', 1]] as const) {
      put('k', v);
      expect(r('object', 'refcount', 'k')).toBe(n);
    }
  });
  it('IDLETIME counts whole seconds of the LRU clock and is not reset by OBJECT itself', () => {
    const { r, put, tick } = setup();
    put('k');
    tick(2999);
    expect(r('object', 'idletime', 'k')).toBe(2);
    tick(1);
    expect(r('object', 'idletime', 'k')).toBe(3);
    expect(r('object', 'idletime', 'k')).toBe(3);
  });
  it('OBJECT counts keyspace hits and misses but sends no keymiss event', () => {
    const { r, put, engine, events } = setup();
    put('k');
    r('object', 'encoding', 'k');
    r('object', 'encoding', 'nokey');
    expect(engine.stats.keyspaceHits).toBe(1);
    expect(engine.stats.keyspaceMisses).toBe(1);
    expect(events).toEqual([]);
  });
  it('FREQ needs an LFU policy, IDLETIME an LRU one', () => {
    const { r, put, engine } = setup();
    put('k');
    expect(r('object', 'freq', 'k')).toEqual(
      err(
        'ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.',
      ),
    );
    engine.config.set('maxmemory-policy', 'allkeys-lfu');
    expect(r('object', 'freq', 'k')).toBe(5);
    expect(r('object', 'idletime', 'k')).toEqual(
      err(
        'ERR An LFU maxmemory policy is selected, idle time not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.',
      ),
    );
  });
  it('OBJECT ENCODING is a read of key 2 in the table', () => {
    const { engine } = setup();
    const cmd = engine.table.lookup(['object', 'encoding', 'k'])!;
    expect(cmd.name).toBe('object|encoding');
    expect(cmd.aclCategories).toEqual(['@keyspace', '@read', '@slow']);
    expect(engine.table.lookup(['object'])!.aclCategories).toEqual(['@slow']);
  });
});

describe('glob (stringmatchlen)', () => {
  const cases: Array<[string, string, boolean]> = [
    ['', '', true],
    ['', 'a', false],
    ['*', '', false],
    ['*', 'anything', true],
    ['**', 'x', true],
    ['a*', 'a', true],
    ['a*', 'abc', true],
    ['a*', 'ba', false],
    ['*a', 'a', true],
    ['*a', 'ba', true],
    ['*a', 'ab', false],
    ['a*b', 'ab', true],
    ['a*b', 'axxb', true],
    ['a*b', 'axxbc', false],
    ['a*b*c', 'abc', true],
    ['a*b*c', 'aXbYc', true],
    ['a*b*c', 'acb', false],
    ['*ab*', 'xxabyy', true],
    ['?', '', false],
    ['?', 'a', true],
    ['?', 'ab', false],
    ['h?llo', 'hello', true],
    ['h[ae]llo', 'hallo', true],
    ['h[ae]llo', 'hillo', false],
    ['h[^e]llo', 'hallo', true],
    ['h[^e]llo', 'hello', false],
    ['h[a-b]llo', 'hbllo', true],
    ['h[b-a]llo', 'hallo', true], // reversed ranges swap
    ['[a-]', '-', false], // the range a-] swallows the closing bracket: [-1 .. a] is ']' to 'a'
    ['[a-]', '_', true],
    ['[]', ']', false],
    ['[]]', ']', false],
    ['[\\]]', ']', true],
    ['[\\', '\\', true], // a lone backslash at the end of a class is a literal
    ['[a', 'a', true], // an unterminated class runs to the end of the pattern
    ['[a', 'b', false],
    ['[^', 'x', true],
    ['[', '[', false],
    ['\\', '\\', true], // a trailing backslash is a literal
    ['\\*', '*', true],
    ['\\*', 'a', false],
    ['\\a', 'a', true],
    ['a\\', 'a\\', true],
    ['[\xff-a]', '0', true], // bytes >= 128 are negative chars in ranges: [-1, 97]
    ['[\xff-a]', 'b', false],
    ['[a-\xff]', '\x80', false],
    ['\x00*', '\x00abc', true],
  ];
  for (const [p, s, want] of cases) {
    it(`${JSON.stringify(p)} ${want ? 'matches' : 'does not match'} ${JSON.stringify(s)}`, () => {
      expect(stringMatch(p, s)).toBe(want);
      expect(compileGlob(p)(s)).toBe(want);
    });
  }
  it('nocase lowers ASCII letters only', () => {
    expect(stringMatch('HeLLo*', 'hello world', true)).toBe(true);
    expect(stringMatch('[A-C]x', 'bX', true)).toBe(true);
    expect(stringMatch('\xc9', '\xe9', true)).toBe(false);
    expect(compileGlob('ABC', true)('abc')).toBe(true);
  });
  it('gives up past 1000 nested stars, as Redis does', () => {
    const s = 'a'.repeat(1500);
    expect(stringMatch('*a'.repeat(1000), s)).toBe(true);
    expect(stringMatch('*a'.repeat(1001), s)).toBe(false);
    expect(compileGlob('*a'.repeat(1001))(s)).toBe(false);
    // A trailing star is reached without a recursion.
    expect(stringMatch('*a'.repeat(1000) + '*', s)).toBe(true);
  });
  it('stays fast on abusive patterns', () => {
    const t = Date.now();
    expect(stringMatch('a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b', 'a'.repeat(5000))).toBe(false);
    expect(stringMatch('*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?!', 'a'.repeat(5000))).toBe(false);
    expect(Date.now() - t).toBeLessThan(2000);
  });
  it('the compiled fast paths agree with the interpreter on random patterns', () => {
    let seed = 99;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
    const alphabet = ['a', 'b', 'ab', '*', '*', '\x00', '\xff'];
    const gen = (max: number) => {
      let out = '';
      for (let i = rnd(max + 1); i > 0; i--) out += alphabet[rnd(alphabet.length)];
      return out;
    };
    for (let i = 0; i < 3000; i++) {
      const p = gen(6);
      const m = compileGlob(p);
      for (let j = 0; j < 10; j++) {
        const s = gen(8).replace(/\*/g, 'c');
        expect([p, s, m(s)]).toEqual([p, s, stringMatch(p, s)]);
      }
    }
  });
});

describe('SCAN cursors (structure)', () => {
  it('parses cursors as strtoul does', () => {
    expect(parseScanCursor('')).toBe('0');
    expect(parseScanCursor('42')).toBe('42');
    expect(parseScanCursor('+42')).toBe('42');
    expect(parseScanCursor('0042')).toBe('42');
    expect(parseScanCursor('-1')).toBe('18446744073709551615');
    expect(parseScanCursor('7\x00junk')).toBe('7');
    expect(parseScanCursor('\t1')).toBe(null);
    expect(parseScanCursor('+')).toBe(null);
    expect(parseScanCursor('1e3')).toBe(null);
  });
  it('scans a Set and a Map alike', () => {
    const t = new ScanCursors();
    const set = new Set(['a', 'b', 'c']);
    const out: string[] = [];
    let c = t.scan(set, '0', 2, 0, out);
    expect(out).toEqual(['a', 'b']);
    c = t.scan(set, c, 2, 0, out);
    expect(c).toBe('0');
    expect(out).toEqual(['a', 'b', 'c']);
    const map = new Map([['x', 1]]);
    const out2: string[] = [];
    expect(t.scan(map, '0', 5, 0, out2)).toBe('0');
    expect(out2).toEqual(['x']);
  });
  it('a cursor of another collection starts over on this one', () => {
    const t = new ScanCursors();
    const a = new Set(['a1', 'a2', 'a3']);
    const b = new Set(['b1', 'b2']);
    const c = t.scan(a, '0', 1, 0, []);
    const out: string[] = [];
    expect(t.scan(b, c, 10, 0, out)).toBe('0');
    expect(out).toEqual(['b1', 'b2']);
  });
  it('keeps at most `capacity` iterations, dropping the least recently used', () => {
    const t = new ScanCursors({ capacity: 3 });
    const s = new Set(Array.from({ length: 100 }, (_, i) => `k${i}`));
    const cursors = Array.from({ length: 5 }, () => t.scan(s, '0', 1, 0, []));
    expect(t.size).toBe(3);
    const out: string[] = [];
    t.scan(s, cursors[0], 1, 0, out);
    expect(out).toEqual(['k0']); // evicted: restarted
    const out2: string[] = [];
    t.scan(s, cursors[4], 1, 0, out2);
    expect(out2).toEqual(['k1']); // kept: continued
  });
  it('drops iterations idle for too long', () => {
    const t = new ScanCursors({ maxIdleMs: 1000 });
    const s = new Set(['a', 'b', 'c']);
    t.scan(s, '0', 1, 0, []);
    t.scan(s, '0', 1, 700, []);
    t.scan(s, '0', 1, 1600, []);
    expect(t.size).toBe(2);
  });
});

describe('random key sampling (structure)', () => {
  it('rebuilds its snapshot when the container grew', () => {
    const m = new Map<string, number>();
    for (let i = 0; i < 2000; i++) m.set(`k${i}`, i);
    expect(randomKey(m, () => 0.5)).toBeDefined();
    for (let i = 2000; i < 3000; i++) m.set(`k${i}`, i);
    const seen = new Set<string>();
    let x = 0;
    for (let i = 0; i < 1000; i++) seen.add(randomKey(m, () => (x = (x + 0.618034) % 1))!);
    expect([...seen].some((k) => Number(k.slice(1)) >= 2000)).toBe(true);
  });
  it('returns undefined once every key was rejected', () => {
    const m = new Map<string, number>();
    for (let i = 0; i < 2000; i++) m.set(`k${i}`, i);
    const reject = (k: string) => m.delete(k);
    expect(randomKey(m, Math.random, reject)).toBe(undefined);
    expect(m.size).toBe(0);
  });
});
