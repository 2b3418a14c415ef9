// The hash group in-process: replies, errors, encodings (listpack -> hashtable as Redis 7.0
// converts), reply order, keyspace events, propagation, HRANDFIELD's cases, HSCAN and its guarantee.
import { describe, expect, it } from 'vitest';
import { ErrorReply, MapReply, SimpleString, type Reply } from '../../src/core/index.js';
import { codecOf } from '../../src/core/codec.js';
import { RObj } from '../../src/core/keyspace.js';
import { mulberry32 } from '../prng.js';
import { testEngine } from './harness.js';

const OK = new SimpleString('OK');
const err = (m: string) => new ErrorReply(m);
const WRONGTYPE = err('WRONGTYPE Operation against a key holding the wrong kind of value');
const NOT_INTEGER = err('ERR value is not an integer or out of range');
const NOT_FLOAT = err('ERR value is not a valid float');
const SYNTAX = err('ERR syntax error');

const setup = (seed = 1) => testEngine({ random: mulberry32(seed) });

/** HSET key f0 v0 ... f(n-1) v(n-1) in one command. */
function fill(r: (...a: string[]) => Reply, key: string, n: number, from = 0, value = 'v'): void {
  const argv = ['hset', key];
  for (let i = from; i < from + n; i++) argv.push(`f${i}`, value);
  r(...argv);
}

describe('HSET, HGET, HMSET, HSETNX', () => {
  it('HSET replies the number of fields created and HGET reads them back', () => {
    const { r } = setup();
    expect(r('hset', 'h', 'a', '1', 'b', '2')).toBe(2);
    expect(r('hset', 'h', 'a', '3', 'c', '4')).toBe(1);
    expect(r('hget', 'h', 'a')).toBe('3');
    expect(r('hget', 'h', 'nofield')).toBe(null);
    expect(r('hget', 'nokey', 'a')).toBe(null);
  });

  it('fields and values keep every byte, empty ones included', () => {
    const { r } = setup();
    expect(r('hset', 'h', '', '', '\x00\xff', 'a\x00b\r\n')).toBe(2);
    expect(r('hget', 'h', '')).toBe('');
    expect(r('hget', 'h', '\x00\xff')).toBe('a\x00b\r\n');
    expect(r('hstrlen', 'h', '\x00\xff')).toBe(5);
    expect(r('hlen', 'h')).toBe(2);
  });

  it('HMSET replies OK; both refuse an odd number of arguments before looking at the key', () => {
    const { r, hash } = setup();
    expect(r('hmset', 'h', 'a', '1', 'b', '2')).toEqual(OK);
    expect(r('hset', 'h', 'a', '1', 'b')).toEqual(err("ERR wrong number of arguments for 'hset' command"));
    expect(r('hmset', 'h', 'a', '1', 'b')).toEqual(err("ERR wrong number of arguments for 'hmset' command"));
    r('set', 's', 'x');
    expect(r('hset', 's', 'a', '1', 'b')).toEqual(err("ERR wrong number of arguments for 'hset' command"));
    expect(r('hset', 's', 'a', '1')).toEqual(WRONGTYPE);
    hash('empty');
    expect(r('hlen', 'empty')).toBe(0);
  });

  it('HSETNX sets only a missing field', () => {
    const { r } = setup();
    expect(r('hsetnx', 'h', 'a', '1')).toBe(1);
    expect(r('hsetnx', 'h', 'a', '2')).toBe(0);
    expect(r('hget', 'h', 'a')).toBe('1');
  });

  it('HMGET replies a null for each missing field, and for every field of a missing key', () => {
    const { r } = setup();
    r('hset', 'h', 'a', '1');
    expect(r('hmget', 'h', 'a', 'b', 'a')).toEqual(['1', null, '1']);
    expect(r('hmget', 'nokey', 'a', 'b')).toEqual([null, null]);
  });

  it('HLEN, HSTRLEN and HEXISTS answer 0 for missing keys and fields', () => {
    const { r } = setup();
    r('hset', 'h', 'a', 'hello');
    expect([r('hlen', 'h'), r('hlen', 'nokey')]).toEqual([1, 0]);
    expect([r('hstrlen', 'h', 'a'), r('hstrlen', 'h', 'b'), r('hstrlen', 'nokey', 'a')]).toEqual([5, 0, 0]);
    expect([r('hexists', 'h', 'a'), r('hexists', 'h', 'b'), r('hexists', 'nokey', 'a')]).toEqual([1, 0, 0]);
  });

  it('every hash command is WRONGTYPE on a key of another type', () => {
    const { r } = setup();
    r('set', 's', 'x');
    const calls = [
      ['hset', 's', 'a', '1'], ['hsetnx', 's', 'a', '1'], ['hmset', 's', 'a', '1'], ['hget', 's', 'a'], ['hmget', 's', 'a'],
      ['hdel', 's', 'a'], ['hlen', 's'], ['hstrlen', 's', 'a'], ['hexists', 's', 'a'], ['hgetall', 's'], ['hkeys', 's'],
      ['hvals', 's'], ['hincrby', 's', 'a', '1'], ['hincrbyfloat', 's', 'a', '1'], ['hrandfield', 's'], ['hrandfield', 's', '0'],
      ['hscan', 's', '0'],
    ];
    for (const c of calls) expect([c[0], r(...c)]).toEqual([c[0], WRONGTYPE]);
    expect(r('get', 's')).toBe('x');
  });
});

describe('reply order and encodings', () => {
  it('a listpack hash answers in insertion order; an update keeps its place, a re-added field goes last', () => {
    const { r } = setup();
    r('hset', 'h', 'c', '1', 'a', '2', 'b', '3');
    r('hset', 'h', 'c', '9');
    r('hdel', 'h', 'a');
    r('hset', 'h', 'a', '4');
    expect(r('hgetall', 'h')).toEqual(new MapReply([['c', '9'], ['b', '3'], ['a', '4']]));
    expect(r('hkeys', 'h')).toEqual(['c', 'b', 'a']);
    expect(r('hvals', 'h')).toEqual(['9', '3', '4']);
  });

  it('HGETALL of a missing key is an empty map, HKEYS and HVALS an empty array', () => {
    const { r } = setup();
    expect(r('hgetall', 'nokey')).toEqual(new MapReply([]));
    expect(r('hkeys', 'nokey')).toEqual([]);
    expect(r('hvals', 'nokey')).toEqual([]);
  });

  it('a hash is a listpack up to 512 fields and a hashtable from the 513th, for good', () => {
    const { r } = setup();
    fill(r, 'h', 512);
    expect(r('object', 'encoding', 'h')).toBe('listpack');
    expect(r('hset', 'h', 'f0', 'w')).toBe(0);
    expect(r('object', 'encoding', 'h')).toBe('listpack');
    r('hset', 'h', 'new', 'w');
    expect(r('object', 'encoding', 'h')).toBe('hashtable');
    const argv = ['hdel', 'h'];
    for (let i = 0; i < 510; i++) argv.push(`f${i}`);
    expect(r(...argv)).toBe(510);
    expect(r('hlen', 'h')).toBe(3);
    expect(r('object', 'encoding', 'h')).toBe('hashtable');
  });

  it('a field or value longer than 64 bytes converts; 64 bytes does not', () => {
    const { r } = setup();
    r('hset', 'a', 'x'.repeat(64), 'y'.repeat(64));
    expect(r('object', 'encoding', 'a')).toBe('listpack');
    r('hset', 'a', 'b', 'y'.repeat(65));
    expect(r('object', 'encoding', 'a')).toBe('hashtable');
    r('hset', 'b', 'x'.repeat(65), '1');
    expect(r('object', 'encoding', 'b')).toBe('hashtable');
    // One long argument converts before any pair is written, short pairs included.
    r('hset', 'c', 'a', '1', 'b', 'z'.repeat(100), 'c', '3');
    expect(r('object', 'encoding', 'c')).toBe('hashtable');
  });

  it('HSET of 513 copies of one field stays a listpack (7.0 does not convert ahead on the count)', () => {
    const { r } = setup();
    const argv = ['hset', 'h'];
    for (let i = 0; i < 513; i++) argv.push('f', String(i));
    expect(r(...argv)).toBe(1);
    expect(r('object', 'encoding', 'h')).toBe('listpack');
    expect(r('hget', 'h', 'f')).toBe('512');
  });

  it('HSETNX of an existing field with a long value leaves a listpack alone', () => {
    const { r } = setup();
    r('hset', 'h', 'a', '1');
    expect(r('hsetnx', 'h', 'a', 'x'.repeat(65))).toBe(0);
    expect(r('object', 'encoding', 'h')).toBe('listpack');
    expect(r('hsetnx', 'h', 'b', 'x'.repeat(65))).toBe(1);
    expect(r('object', 'encoding', 'h')).toBe('hashtable');
  });

  it('HINCRBY and HINCRBYFLOAT convert for a long field, HINCRBYFLOAT for a long result', () => {
    const { r } = setup();
    r('hset', 'a', 'f', '1');
    r('hincrby', 'a', 'y'.repeat(65), '1');
    expect(r('object', 'encoding', 'a')).toBe('hashtable');
    r('hset', 'b', 'f', '1');
    r('hincrbyfloat', 'b', 'y'.repeat(65), '1');
    expect(r('object', 'encoding', 'b')).toBe('hashtable');
    r('hset', 'c', 'f', '1e70');
    expect(r('hincrbyfloat', 'c', 'f', '1')).toBe('10000000000000000000222479489586148259025995410601157579323600873193472');
    expect(r('object', 'encoding', 'c')).toBe('hashtable');
    // A long increment is not stored, so it does not convert.
    r('hset', 'd', 'f', '1');
    r('hincrbyfloat', 'd', 'f', '0.' + '0'.repeat(70) + '1');
    expect(r('object', 'encoding', 'd')).toBe('listpack');
  });

  it('the thresholds are read from CONFIG SET hash-max-listpack-entries and -value', () => {
    const { r } = setup();
    expect(r('config', 'set', 'hash-max-listpack-entries', '2')).toEqual(OK);
    r('hset', 'h', 'a', '1', 'b', '2');
    expect(r('object', 'encoding', 'h')).toBe('listpack');
    r('hset', 'h', 'c', '3');
    expect(r('object', 'encoding', 'h')).toBe('hashtable');
    r('config', 'set', 'hash-max-listpack-entries', '512');
    r('config', 'set', 'hash-max-ziplist-value', '3');
    r('hset', 'k', 'abc', '123');
    expect(r('object', 'encoding', 'k')).toBe('listpack');
    r('hset', 'k', 'abcd', '1');
    expect(r('object', 'encoding', 'k')).toBe('hashtable');
    r('config', 'set', 'hash-max-listpack-value', '64');
  });
});

describe('HDEL', () => {
  it('deletes fields, counts them, and deletes the emptied key with hdel then del events', () => {
    const { r, events, effects } = setup();
    r('hset', 'h', 'a', '1', 'b', '2');
    events();
    effects();
    expect(r('hdel', 'h', 'a', 'nofield', 'a')).toBe(1);
    expect(events()).toEqual(['hdel:h']);
    expect(r('hdel', 'h', 'zz')).toBe(0);
    expect(events()).toEqual([]);
    expect(r('hdel', 'h', 'b', 'c')).toBe(1);
    expect(events()).toEqual(['hdel:h', 'del:h']);
    expect(r('exists', 'h')).toBe(0);
    expect(r('hdel', 'h', 'b')).toBe(0);
    expect(effects()).toEqual([
      ['hdel', 'h', 'a', 'nofield', 'a'],
      ['hdel', 'h', 'b', 'c'],
    ]);
  });
});

describe('HINCRBY and HINCRBYFLOAT', () => {
  it('HINCRBY adds in int64 and creates missing keys and fields', () => {
    const { r, events, effects } = setup();
    expect(r('hincrby', 'h', 'n', '5')).toBe(5);
    expect(r('hincrby', 'h', 'n', '-7')).toBe(-2);
    r('hset', 'h', 'big', '9223372036854775806');
    expect(r('hincrby', 'h', 'big', '1')).toBe(9223372036854775807n);
    expect(r('hget', 'h', 'big')).toBe('9223372036854775807');
    expect(events()).toEqual(['hincrby:h', 'hincrby:h', 'hset:h', 'hincrby:h']);
    expect(effects()).toEqual([
      ['hincrby', 'h', 'n', '5'],
      ['hincrby', 'h', 'n', '-7'],
      ['hset', 'h', 'big', '9223372036854775806'],
      ['hincrby', 'h', 'big', '1'],
    ]);
  });

  it('HINCRBY errors: a bad increment, a value that is no integer, overflow', () => {
    const { r, effects } = setup();
    r('hset', 'h', 'max', '9223372036854775807', 'min', '-9223372036854775808', 's', ' 1');
    effects();
    expect(r('hincrby', 'h', 'max', '1.5')).toEqual(NOT_INTEGER);
    expect(r('hincrby', 'h', 'max', '9223372036854775808')).toEqual(NOT_INTEGER);
    expect(r('hincrby', 'h', 's', '1')).toEqual(err('ERR hash value is not an integer'));
    expect(r('hincrby', 'h', 'max', '1')).toEqual(err('ERR increment or decrement would overflow'));
    expect(r('hincrby', 'h', 'min', '-1')).toEqual(err('ERR increment or decrement would overflow'));
    expect(r('hincrby', 'h', 'min', '9223372036854775807')).toBe(-1);
    expect(r('hincrby', 'nokey', 'f', 'x')).toEqual(NOT_INTEGER);
    expect(r('exists', 'nokey')).toBe(0);
    expect(effects()).toEqual([['hincrby', 'h', 'min', '9223372036854775807']]);
  });

  it('HINCRBYFLOAT computes in long double and propagates HSET with the result', () => {
    const { r, events, effects } = setup();
    expect(r('hincrbyfloat', 'h', 'f', '10.5')).toBe('10.5');
    expect(r('hincrbyfloat', 'h', 'f', '0.1')).toBe('10.6');
    r('hset', 'h', 'g', '3.0e3');
    // The long double's digits, as redis-server prints them (a double would say 3001.1).
    expect(r('hincrbyfloat', 'h', 'g', '1.1')).toBe('3001.10000000000000009');
    expect(r('hincrbyfloat', 'h', 'g', '-3001.1')).toBe('0');
    expect(events()).toEqual(['hincrbyfloat:h', 'hincrbyfloat:h', 'hset:h', 'hincrbyfloat:h', 'hincrbyfloat:h']);
    expect(effects()).toEqual([
      ['HSET', 'h', 'f', '10.5'],
      ['HSET', 'h', 'f', '10.6'],
      ['hset', 'h', 'g', '3.0e3'],
      ['HSET', 'h', 'g', '3001.10000000000000009'],
      ['HSET', 'h', 'g', '0'],
    ]);
  });

  it('HINCRBYFLOAT errors: a bad increment, inf or nan, a value that is no float, an infinite result', () => {
    const { r, effects } = setup();
    r('hset', 'h', 'f', '1', 's', 'abc', 'i', 'inf', 'm', '1e4932');
    effects();
    expect(r('hincrbyfloat', 'h', 'f', 'abc')).toEqual(NOT_FLOAT);
    expect(r('hincrbyfloat', 'h', 'f', 'nan')).toEqual(NOT_FLOAT);
    expect(r('hincrbyfloat', 'h', 'f', '1e5000')).toEqual(NOT_FLOAT);
    expect(r('hincrbyfloat', 'h', 'f', 'inf')).toEqual(err('ERR value is NaN or Infinity'));
    expect(r('hincrbyfloat', 'h', 'f', '-Infinity')).toEqual(err('ERR value is NaN or Infinity'));
    expect(r('hincrbyfloat', 'h', 's', '1')).toEqual(err('ERR hash value is not a float'));
    expect(r('hincrbyfloat', 'h', 'i', '1')).toEqual(err('ERR increment would produce NaN or Infinity'));
    expect(r('hincrbyfloat', 'h', 'm', '1e4932')).toEqual(err('ERR increment would produce NaN or Infinity'));
    expect(r('hget', 'h', 'm')).toBe('1e4932');
    expect(effects()).toEqual([]);
  });
});

describe('HRANDFIELD', () => {
  it('without a count replies one field, or null for a missing key', () => {
    const { r } = setup();
    expect(r('hrandfield', 'nokey')).toBe(null);
    r('hset', 'h', 'a', '1', 'b', '2', 'c', '3');
    for (let i = 0; i < 20; i++) expect(['a', 'b', 'c']).toContain(r('hrandfield', 'h'));
  });

  it('count errors, in Redis order: integer, range, syntax, WITHVALUES range; 0 and missing keys are empty', () => {
    const { r } = setup();
    r('hset', 'h', 'a', '1');
    expect(r('hrandfield', 'h', 'abc')).toEqual(NOT_INTEGER);
    expect(r('hrandfield', 'h', '-9223372036854775808')).toEqual(
      err('ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807'),
    );
    expect(r('hrandfield', 'h', 'abc', 'foo')).toEqual(NOT_INTEGER);
    expect(r('hrandfield', 'h', '1', 'foo')).toEqual(SYNTAX);
    expect(r('hrandfield', 'h', '1', 'withvalues', 'x')).toEqual(SYNTAX);
    expect(r('hrandfield', 'h', '4611686018427387904', 'withvalues')).toEqual(err('ERR value is out of range'));
    expect(r('hrandfield', 'h', '-4611686018427387904', 'withvalues')).toEqual(err('ERR value is out of range'));
    expect(r('hrandfield', 'h', '0')).toEqual([]);
    expect(r('hrandfield', 'nokey', '5', 'withvalues')).toEqual([]);
    r('set', 's', 'x');
    expect(r('hrandfield', 's', '0')).toEqual(WRONGTYPE);
  });

  it('a count that covers the hash replies all of it in listpack order', () => {
    const { r } = setup();
    r('hset', 'h', 'c', '1', 'a', '2', 'b', '3');
    expect(r('hrandfield', 'h', '3')).toEqual(['c', 'a', 'b']);
    expect(r('hrandfield', 'h', '9223372036854775807')).toEqual(['c', 'a', 'b']);
    expect(r('hrandfield', 'h', '100', 'WITHVALUES')).toEqual(['c', '1', 'a', '2', 'b', '3']);
  });

  it('WITHVALUES replies flat pairs in RESP2 and two-element arrays in RESP3', () => {
    const { r } = setup();
    r('hset', 'h', 'a', '1');
    expect(r('hrandfield', 'h', '-2', 'withvalues')).toEqual(['a', '1', 'a', '1']);
    r('hello', '3');
    expect(r('hrandfield', 'h', '-2', 'withvalues')).toEqual([['a', '1'], ['a', '1']]);
    expect(r('hrandfield', 'h', '1', 'withvalues')).toEqual([['a', '1']]);
    expect(r('hrandfield', 'h', '2')).toEqual(['a']);
  });

  it('a negative count picks that many with repetition', () => {
    const { r } = setup();
    r('hset', 'h', 'a', '1', 'b', '2', 'c', '3');
    const picks = r('hrandfield', 'h', '-1000') as string[];
    expect(picks.length).toBe(1000);
    expect(new Set(picks)).toEqual(new Set(['a', 'b', 'c']));
    const pairs = r('hrandfield', 'h', '-50', 'withvalues') as string[];
    expect(pairs.length).toBe(100);
    for (let i = 0; i < 100; i += 2) expect(r('hget', 'h', pairs[i])).toBe(pairs[i + 1]);
  });

  it('a positive count picks distinct fields, on listpacks and hashtables, in each of Redis cases', () => {
    const { r } = setup();
    fill(r, 'small', 10);
    fill(r, 'big', 3000);
    expect(r('object', 'encoding', 'big')).toBe('hashtable');
    for (const [key, size, count] of [['small', 10, 5], ['small', 10, 2], ['big', 3000, 2000], ['big', 3000, 50], ['big', 3000, 999]] as const) {
      const picks = r('hrandfield', key, String(count), 'withvalues') as string[];
      expect(picks.length).toBe(count * 2);
      const fields = picks.filter((_, i) => i % 2 === 0);
      expect(new Set(fields).size).toBe(count);
      for (const f of fields) expect(Number(f.slice(1))).toBeLessThan(size);
    }
  });

  it('a huge negative count is refused instead of exhausting memory (a deviation: Redis tries)', () => {
    const { r } = setup();
    r('hset', 'h', 'a', '1');
    expect(r('hrandfield', 'h', '-9223372036854775807')).toEqual(err('ERR value is out of range'));
  });
});

describe('HSCAN', () => {
  it('a listpack answers everything with cursor 0, whatever the cursor and COUNT', () => {
    const { r } = setup();
    r('hset', 'h', 'a', '1', 'b', '2', 'ab', '3');
    expect(r('hscan', 'h', '0')).toEqual(['0', ['a', '1', 'b', '2', 'ab', '3']]);
    expect(r('hscan', 'h', '123', 'COUNT', '1')).toEqual(['0', ['a', '1', 'b', '2', 'ab', '3']]);
    expect(r('hscan', 'h', '0', 'MATCH', 'a*')).toEqual(['0', ['a', '1', 'ab', '3']]);
  });

  it('errors in Redis order: cursor, missing key (no option parsing), type, options', () => {
    const { r } = setup();
    r('set', 's', 'x');
    r('hset', 'h', 'a', '1');
    expect(r('hscan', 'nokey', 'abc')).toEqual(err('ERR invalid cursor'));
    expect(r('hscan', 'nokey', '0', 'COUNT', '0')).toEqual(['0', []]);
    expect(r('hscan', 's', '0', 'COUNT', '0')).toEqual(WRONGTYPE);
    expect(r('hscan', 'h', '0', 'COUNT', '0')).toEqual(SYNTAX);
    expect(r('hscan', 'h', '0', 'MATCH')).toEqual(SYNTAX);
    expect(r('hscan', 'h', '0', 'TYPE', 'hash')).toEqual(SYNTAX);
    expect(r('hscan', 'h', '0', 'COUNT', 'x')).toEqual(NOT_INTEGER);
  });

  it('a hashtable pages by COUNT and a whole iteration returns every pair once', () => {
    const { r } = setup();
    fill(r, 'h', 1000);
    let cursor = '0';
    const seen = new Map<string, string>();
    let pages = 0;
    do {
      const [next, items] = r('hscan', 'h', cursor, 'COUNT', '100') as [string, string[]];
      expect(items.length).toBeLessThanOrEqual(200);
      for (let i = 0; i < items.length; i += 2) {
        expect(seen.has(items[i])).toBe(false);
        seen.set(items[i], items[i + 1]);
      }
      cursor = next;
      pages++;
    } while (cursor !== '0');
    expect(seen.size).toBe(1000);
    expect(pages).toBe(10);
  });

  it('a full iteration returns every field present for all of it, while fields are added and deleted', () => {
    const { r } = setup();
    fill(r, 'h', 6000);
    // Even fields stay; odd ones are deleted along the way, from everywhere in the hash (ahead of
    // the iteration and behind it); new fields keep coming, so the table grows and shrinks.
    const volatile: string[] = [];
    for (let i = 1; i < 6000; i += 2) volatile.push(`f${i}`);
    const rnd = mulberry32(7);
    let cursor = '0';
    const seen = new Set<string>();
    let step = 0;
    let added = 6000;
    do {
      const [next, items] = r('hscan', 'h', cursor, 'COUNT', '37') as [string, string[]];
      for (let i = 0; i < items.length; i += 2) seen.add(items[i]);
      cursor = next;
      const del = ['hdel', 'h'];
      for (let j = 0; j < 25 && volatile.length > 0; j++) {
        const k = Math.floor(rnd() * volatile.length);
        del.push(volatile[k]);
        volatile[k] = volatile[volatile.length - 1];
        volatile.pop();
      }
      if (del.length > 2) r(...del);
      fill(r, 'h', step % 3 === 0 ? 60 : 5, added, 'w');
      added += step % 3 === 0 ? 60 : 5;
      step++;
      expect(step).toBeLessThan(10_000);
    } while (cursor !== '0');
    for (let i = 0; i < 6000; i += 2) expect(seen.has(`f${i}`)).toBe(true);
    expect(step).toBeGreaterThan(50);
    expect(r('object', 'encoding', 'h')).toBe('hashtable');
  });

  it('MATCH filters fields on a hashtable, values going with their fields', () => {
    const { r } = setup();
    fill(r, 'h', 600);
    const [cursor, items] = r('hscan', 'h', '0', 'MATCH', 'f1?', 'COUNT', '1000') as [string, string[]];
    expect(cursor).toBe('0');
    expect(items.length).toBe(20);
    for (let i = 0; i < items.length; i += 2) expect([items[i].length, items[i + 1]]).toEqual([3, 'v']);
  });
});

describe('keyspace, propagation, COPY and snapshots', () => {
  it('HSET, HMSET and a successful HSETNX raise dirty per pair and notify hset', () => {
    const { r, events, effects, engine } = setup();
    const dirty = () => engine.ctx.dirty;
    const d0 = dirty();
    r('hset', 'h', 'a', '1', 'b', '2');
    expect(dirty() - d0).toBe(2);
    r('hmset', 'h', 'a', '1');
    r('hsetnx', 'h', 'a', '1');
    r('hsetnx', 'h', 'c', '1');
    expect(dirty() - d0).toBe(4);
    expect(events()).toEqual(['hset:h', 'hset:h', 'hset:h']);
    expect(effects()).toEqual([
      ['hset', 'h', 'a', '1', 'b', '2'],
      ['hmset', 'h', 'a', '1'],
      ['hsetnx', 'h', 'c', '1'],
    ]);
  });

  it('a WATCHed hash is touched by HSET and not by a failed HSETNX', () => {
    const { r, engine } = setup();
    r('hset', 'h', 'a', '1');
    const other = engine.createSession();
    engine.exec(other, ['watch', 'h']);
    r('hsetnx', 'h', 'a', '2');
    expect(other.dirtyCas).toBe(false);
    r('hset', 'h', 'a', '2');
    expect(other.dirtyCas).toBe(true);
  });

  it('COPY duplicates a hash with its encoding; the copy is independent', () => {
    const { r } = setup();
    r('hset', 'h', 'a', '1', 'b', '2');
    fill(r, 'big', 600);
    expect(r('copy', 'h', 'h2')).toBe(1);
    expect(r('copy', 'big', 'big2')).toBe(1);
    r('hset', 'h2', 'c', '3');
    expect(r('hgetall', 'h')).toEqual(new MapReply([['a', '1'], ['b', '2']]));
    expect(r('hgetall', 'h2')).toEqual(new MapReply([['a', '1'], ['b', '2'], ['c', '3']]));
    expect(r('object', 'encoding', 'h2')).toBe('listpack');
    expect(r('object', 'encoding', 'big2')).toBe('hashtable');
    expect(r('hlen', 'big2')).toBe(600);
  });

  it('every write looks the key up for writing first, so a running snapshot keeps the old value', () => {
    const { r, engine } = setup();
    const touched: string[] = [];
    engine.capture = { beforeWrite: (_db, key) => void touched.push(key) };
    r('hset', 'a', 'f', '1');
    r('hsetnx', 'b', 'f', '1');
    r('hincrby', 'c', 'f', '1');
    r('hincrbyfloat', 'd', 'f', '1');
    r('hdel', 'a', 'f');
    expect(new Set(touched)).toEqual(new Set(['a', 'b', 'c', 'd']));
    engine.capture = null;
  });

  it('the snapshot codec round-trips a hash, loading a small hashtable back as a listpack as rdbLoad does', () => {
    const { engine } = setup();
    const codec = codecOf('hash');
    const small = new RObj('hash', new Map([['a', '1'], ['\x00', '\xff']]), 'hashtable', 0);
    const back = codec.decode(codec.encode(small), engine);
    expect([...(back.value as Map<string, string>)]).toEqual([['a', '1'], ['\x00', '\xff']]);
    expect(back.enc).toBe('listpack');
    const long = new RObj('hash', new Map([['a', 'x'.repeat(65)]]), 'hashtable', 0);
    expect(codec.decode(codec.encode(long), engine).enc).toBe('hashtable');
    const many = new RObj('hash', new Map(Array.from({ length: 513 }, (_, i): [string, string] => [`f${i}`, 'v'])), 'hashtable', 0);
    expect(codec.decode(codec.encode(many), engine).enc).toBe('hashtable');
  });
});
