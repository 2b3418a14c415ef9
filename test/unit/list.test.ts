import { describe, expect, it } from 'vitest';
import { ErrorReply, NULL_ARRAY, SimpleString, type Reply } from '../../src/core/index.js';
import { codecOf } from '../../src/core/codec.js';
import { testEngine } from './harness.js';

const OK = new SimpleString('OK');
const err = (m: string) => new ErrorReply(m);
const WRONGTYPE = err('WRONGTYPE Operation against a key holding the wrong kind of value');
const SYNTAX = err('ERR syntax error');
const NOT_INTEGER = err('ERR value is not an integer or out of range');
const NOT_POSITIVE = err('ERR value is out of range, must be positive');
const LONG_MAX = '9223372036854775807';
const LONG_MIN = '-9223372036854775808';

const setup = () => testEngine();

describe('pushes', () => {
  it('LPUSH and RPUSH return the new length and keep every byte', () => {
    const { r } = setup();
    expect(r('rpush', 'l', 'a', '', '\x00\xff')).toBe(3);
    expect(r('lpush', 'l', 'x', 'y')).toBe(5);
    expect(r('lrange', 'l', '0', '-1')).toEqual(['y', 'x', 'a', '', '\x00\xff']);
  });

  it('keeps integer-looking elements as they were written', () => {
    const { r } = setup();
    r('rpush', 'l', '-0', '+1', '01', '0', LONG_MIN, '9223372036854775808', ' 1', '1.0');
    expect(r('lrange', 'l', '0', '-1')).toEqual(['-0', '+1', '01', '0', LONG_MIN, '9223372036854775808', ' 1', '1.0']);
  });

  it('LPUSHX and RPUSHX push only onto an existing list', () => {
    const { r, effects } = setup();
    expect(r('lpushx', 'l', 'a')).toBe(0);
    expect(r('exists', 'l')).toBe(0);
    expect(effects()).toEqual([]);
    r('rpush', 'l', 'a');
    expect(r('lpushx', 'l', 'b', 'c')).toBe(3);
    expect(r('rpushx', 'l', 'd')).toBe(4);
    expect(r('lrange', 'l', '0', '-1')).toEqual(['c', 'b', 'a', 'd']);
  });

  it('a push onto another type is WRONGTYPE and changes nothing', () => {
    const { r, hash, effects } = setup();
    hash('h');
    for (const cmd of ['lpush', 'rpush', 'lpushx', 'rpushx']) expect(r(cmd, 'h', 'a')).toEqual(WRONGTYPE);
    expect(effects()).toEqual([]);
  });

  it('pushes notify lpush/rpush and propagate as they are', () => {
    const { r, events, effects } = setup();
    r('lpush', 'l', 'a', 'b');
    r('rpush', 'l', 'c');
    expect(events()).toEqual(['lpush:l', 'rpush:l']);
    expect(effects()).toEqual([['lpush', 'l', 'a', 'b'], ['rpush', 'l', 'c']]);
  });

  it('a list is always a quicklist, as in Redis 7.0', () => {
    const { r } = setup();
    r('rpush', 'l', 'a');
    expect(r('object', 'encoding', 'l')).toBe('quicklist');
    r('rpush', 'big', ...Array.from({ length: 1000 }, (_, i) => String(i)));
    expect(r('object', 'encoding', 'big')).toBe('quicklist');
  });
});

describe('pops', () => {
  it('LPOP and RPOP take one element from each end', () => {
    const { r } = setup();
    r('rpush', 'l', 'a', 'b', 'c');
    expect(r('lpop', 'l')).toBe('a');
    expect(r('rpop', 'l')).toBe('c');
    expect(r('llen', 'l')).toBe(1);
  });

  it('with a count they answer an array, in pop order', () => {
    const { r } = setup();
    r('rpush', 'l', 'a', 'b', 'c', 'd', 'e');
    expect(r('lpop', 'l', '2')).toEqual(['a', 'b']);
    expect(r('rpop', 'l', '2')).toEqual(['e', 'd']);
    expect(r('rpop', 'l', LONG_MAX)).toEqual(['c']);
    expect(r('exists', 'l')).toBe(0);
  });

  it('a missing key is a null, or a null array with a count; count 0 is an empty array', () => {
    const { r } = setup();
    expect(r('lpop', 'nokey')).toBe(null);
    expect(r('lpop', 'nokey', '1')).toBe(NULL_ARRAY);
    expect(r('rpop', 'nokey', '0')).toBe(NULL_ARRAY);
    r('rpush', 'l', 'a');
    expect(r('lpop', 'l', '0')).toEqual([]);
    expect(r('llen', 'l')).toBe(1);
  });

  it('a bad count is refused before the key is looked at', () => {
    const { r, hash } = setup();
    hash('h');
    expect(r('lpop', 'h', '-1')).toEqual(NOT_POSITIVE);
    expect(r('lpop', 'h', 'abc')).toEqual(NOT_POSITIVE);
    expect(r('rpop', 'h', '9223372036854775808')).toEqual(NOT_POSITIVE);
    expect(r('lpop', 'h', '0')).toEqual(WRONGTYPE);
    expect(r('lpop', 'h')).toEqual(WRONGTYPE);
    expect(r('lpop', 'l', '1', '2')).toEqual(err("ERR wrong number of arguments for 'lpop' command"));
    expect(r('rpop', 'l', '1', '2')).toEqual(err("ERR wrong number of arguments for 'rpop' command"));
  });

  it('popping the last element deletes the key with lpop then del events', () => {
    const { r, events, effects } = setup();
    r('rpush', 'l', 'a', 'b');
    events();
    effects();
    expect(r('rpop', 'l', '5')).toEqual(['b', 'a']);
    expect(events()).toEqual(['rpop:l', 'del:l']);
    expect(effects()).toEqual([['rpop', 'l', '5']]);
    expect(r('exists', 'l')).toBe(0);
  });

  it('a pop that finds nothing propagates nothing', () => {
    const { r, effects } = setup();
    r('lpop', 'nokey');
    r('lpop', 'nokey', '3');
    r('rpush', 'l', 'a');
    effects();
    r('lpop', 'l', '0');
    expect(effects()).toEqual([]);
  });
});

describe('LRANGE, LINDEX, LLEN', () => {
  it('LRANGE clamps and converts negative indexes as Redis does', () => {
    const { r } = setup();
    r('rpush', 'l', 'a', 'b', 'c', 'd');
    const cases: Array<[string, string, Reply]> = [
      ['0', '-1', ['a', 'b', 'c', 'd']],
      ['1', '2', ['b', 'c']],
      ['-2', '-1', ['c', 'd']],
      ['-100', '100', ['a', 'b', 'c', 'd']],
      ['2', '1', []],
      ['4', '10', []],
      ['-1', '-2', []],
      [LONG_MIN, LONG_MAX, ['a', 'b', 'c', 'd']],
      [LONG_MAX, LONG_MIN, []],
      ['0', LONG_MIN, []],
    ];
    for (const [a, b, want] of cases) expect([a, b, r('lrange', 'l', a, b)]).toEqual([a, b, want]);
  });

  it('LRANGE parses its indexes before it looks at the key', () => {
    const { r, hash } = setup();
    hash('h');
    expect(r('lrange', 'h', 'x', '0')).toEqual(NOT_INTEGER);
    expect(r('lrange', 'nokey', '0', '1.5')).toEqual(NOT_INTEGER);
    expect(r('lrange', 'h', '0', '1')).toEqual(WRONGTYPE);
    expect(r('lrange', 'nokey', '0', '1')).toEqual([]);
  });

  it('LINDEX answers null past either end and looks at the key before the index', () => {
    const { r, hash } = setup();
    hash('h');
    r('rpush', 'l', 'a', 'b', 'c');
    expect(r('lindex', 'l', '0')).toBe('a');
    expect(r('lindex', 'l', '-1')).toBe('c');
    expect(r('lindex', 'l', '-3')).toBe('a');
    expect(r('lindex', 'l', '3')).toBe(null);
    expect(r('lindex', 'l', '-4')).toBe(null);
    expect(r('lindex', 'l', LONG_MIN)).toBe(null);
    expect(r('lindex', 'l', 'abc')).toEqual(NOT_INTEGER);
    expect(r('lindex', 'nokey', 'abc')).toBe(null);
    expect(r('lindex', 'h', 'abc')).toEqual(WRONGTYPE);
  });

  it('LLEN is 0 for a missing key', () => {
    const { r, hash } = setup();
    hash('h');
    expect(r('llen', 'nokey')).toBe(0);
    expect(r('llen', 'h')).toEqual(WRONGTYPE);
  });

  it('LRANGE and LINDEX reach the middle of a long list', () => {
    const { r } = setup();
    const n = 10_000;
    for (let i = 0; i < n; i += 1000) r('rpush', 'l', ...Array.from({ length: 1000 }, (_, j) => String(i + j)));
    expect(r('lindex', 'l', '5000')).toBe('5000');
    expect(r('lindex', 'l', '-5001')).toBe('4999');
    expect(r('lrange', 'l', '4998', '5001')).toEqual(['4998', '4999', '5000', '5001']);
  });
});

describe('LSET and LINSERT', () => {
  it('LSET replaces by index, negative from the tail', () => {
    const { r, events, effects } = setup();
    r('rpush', 'l', 'a', 'b', 'c');
    events();
    effects();
    expect(r('lset', 'l', '-1', 'z')).toEqual(OK);
    expect(r('lset', 'l', '0', '')).toEqual(OK);
    expect(r('lrange', 'l', '0', '-1')).toEqual(['', 'b', 'z']);
    expect(events()).toEqual(['lset:l', 'lset:l']);
    expect(effects()).toEqual([['lset', 'l', '-1', 'z'], ['lset', 'l', '0', '']]);
  });

  it('LSET errors: no such key, then the type, then the index, then the range', () => {
    const { r, hash } = setup();
    hash('h');
    r('rpush', 'l', 'a');
    expect(r('lset', 'nokey', 'abc', 'x')).toEqual(err('ERR no such key'));
    expect(r('lset', 'h', 'abc', 'x')).toEqual(WRONGTYPE);
    expect(r('lset', 'l', 'abc', 'x')).toEqual(NOT_INTEGER);
    expect(r('lset', 'l', '1', 'x')).toEqual(err('ERR index out of range'));
    expect(r('lset', 'l', '-2', 'x')).toEqual(err('ERR index out of range'));
  });

  it('LINSERT puts the element before or after the first pivot', () => {
    const { r, events } = setup();
    r('rpush', 'l', 'a', 'b', 'a');
    events();
    expect(r('linsert', 'l', 'BEFORE', 'a', 'x')).toBe(4);
    expect(r('linsert', 'l', 'after', 'a', 'y')).toBe(5);
    expect(r('linsert', 'l', 'after', 'a', 'y')).toBe(6);
    expect(r('lrange', 'l', '0', '-1')).toEqual(['x', 'a', 'y', 'y', 'b', 'a']);
    expect(r('linsert', 'l', 'before', 'nope', 'z')).toBe(-1);
    expect(events()).toEqual(['linsert:l', 'linsert:l', 'linsert:l']);
  });

  it('LINSERT checks the direction first, then the key', () => {
    const { r, hash } = setup();
    hash('h');
    expect(r('linsert', 'h', 'middle', 'a', 'b')).toEqual(SYNTAX);
    expect(r('linsert', 'h', 'before', 'a', 'b')).toEqual(WRONGTYPE);
    expect(r('linsert', 'nokey', 'before', 'a', 'b')).toBe(0);
    expect(r('linsert', 'nokey', 'before\x00junk', 'a', 'b')).toBe(0);
  });

  it('LINSERT into the middle of a long list keeps the order', () => {
    const { r } = setup();
    r('rpush', 'l', ...Array.from({ length: 1000 }, (_, i) => String(i)));
    for (let i = 0; i < 300; i++) r('linsert', 'l', 'after', '500', `n${i}`);
    expect(r('llen', 'l')).toBe(1300);
    expect(r('lrange', 'l', '499', '502')).toEqual(['499', '500', 'n299', 'n298']);
    expect(r('lindex', 'l', '800')).toBe('n0');
    expect(r('lindex', 'l', '801')).toBe('501');
  });
});

describe('LREM and LTRIM', () => {
  it('LREM removes from the head, from the tail, or all', () => {
    const { r } = setup();
    const fill = () => (r('del', 'l'), r('rpush', 'l', 'a', 'b', 'a', 'c', 'a'));
    fill();
    expect(r('lrem', 'l', '2', 'a')).toBe(2);
    expect(r('lrange', 'l', '0', '-1')).toEqual(['b', 'c', 'a']);
    fill();
    expect(r('lrem', 'l', '-2', 'a')).toBe(2);
    expect(r('lrange', 'l', '0', '-1')).toEqual(['a', 'b', 'c']);
    fill();
    expect(r('lrem', 'l', '0', 'a')).toBe(3);
    expect(r('lrange', 'l', '0', '-1')).toEqual(['b', 'c']);
    fill();
    expect(r('lrem', 'l', LONG_MIN, 'a')).toBe(3);
  });

  it('LREM that empties the list deletes it; one that removes nothing notifies nothing', () => {
    const { r, events, effects } = setup();
    r('rpush', 'l', 'a', 'a');
    events();
    effects();
    expect(r('lrem', 'l', '1', 'x')).toBe(0);
    expect(events()).toEqual([]);
    expect(effects()).toEqual([]);
    expect(r('lrem', 'l', '0', 'a')).toBe(2);
    expect(events()).toEqual(['lrem:l', 'del:l']);
    expect(effects()).toEqual([['lrem', 'l', '0', 'a']]);
    expect(r('exists', 'l')).toBe(0);
  });

  it('LREM parses the count before it looks at the key', () => {
    const { r, hash } = setup();
    hash('h');
    expect(r('lrem', 'h', 'x', 'a')).toEqual(NOT_INTEGER);
    expect(r('lrem', 'h', '1', 'a')).toEqual(WRONGTYPE);
    expect(r('lrem', 'nokey', '1', 'a')).toBe(0);
  });

  it('LTRIM keeps the range, deletes an emptied list, and always notifies ltrim', () => {
    const { r, events, effects } = setup();
    r('rpush', 'l', 'a', 'b', 'c', 'd', 'e');
    events();
    effects();
    expect(r('ltrim', 'l', '1', '-2')).toEqual(OK);
    expect(r('lrange', 'l', '0', '-1')).toEqual(['b', 'c', 'd']);
    expect(r('ltrim', 'l', '0', '-1')).toEqual(OK);
    expect(events()).toEqual(['ltrim:l', 'ltrim:l']);
    // Trimming nothing changes nothing: not propagated.
    expect(effects()).toEqual([['ltrim', 'l', '1', '-2']]);
    expect(r('ltrim', 'l', '5', '10')).toEqual(OK);
    expect(events()).toEqual(['ltrim:l', 'del:l']);
    expect(r('exists', 'l')).toBe(0);
    expect(r('ltrim', 'nokey', 'a', '0')).toEqual(NOT_INTEGER);
    expect(r('ltrim', 'nokey', '0', '1')).toEqual(OK);
  });
});

describe('LPOS', () => {
  const fill = () => {
    const t = setup();
    t.r('rpush', 'l', 'a', 'b', 'a', 'c', 'a');
    return t;
  };

  it('finds the first match, or the Nth with RANK, negative from the tail', () => {
    const { r } = fill();
    expect(r('lpos', 'l', 'a')).toBe(0);
    expect(r('lpos', 'l', 'a', 'rank', '2')).toBe(2);
    expect(r('lpos', 'l', 'a', 'rank', '-1')).toBe(4);
    expect(r('lpos', 'l', 'a', 'rank', '-3')).toBe(0);
    expect(r('lpos', 'l', 'a', 'rank', '4')).toBe(null);
    expect(r('lpos', 'l', 'z')).toBe(null);
  });

  it('COUNT answers an array (0 for all matches), MAXLEN bounds the scan', () => {
    const { r } = fill();
    expect(r('lpos', 'l', 'a', 'count', '0')).toEqual([0, 2, 4]);
    expect(r('lpos', 'l', 'a', 'count', '2')).toEqual([0, 2]);
    expect(r('lpos', 'l', 'a', 'count', '2', 'rank', '2')).toEqual([2, 4]);
    expect(r('lpos', 'l', 'a', 'count', '0', 'rank', '-1')).toEqual([4, 2, 0]);
    expect(r('lpos', 'l', 'a', 'count', '0', 'maxlen', '3')).toEqual([0, 2]);
    expect(r('lpos', 'l', 'a', 'maxlen', '1', 'rank', '2')).toBe(null);
    expect(r('lpos', 'l', 'z', 'count', '1')).toEqual([]);
    expect(r('lpos', 'nokey', 'a', 'count', '1')).toEqual([]);
    expect(r('lpos', 'nokey', 'a')).toBe(null);
  });

  it('RANK LONG_MIN scans from the tail and COUNT never stops it, as in Redis 7.0', () => {
    const { r } = fill();
    expect(r('lpos', 'l', 'a', 'rank', LONG_MIN)).toBe(4);
    expect(r('lpos', 'l', 'a', 'rank', LONG_MIN, 'count', '1')).toEqual([4, 2, 0]);
    expect(r('lpos', 'l', 'a', 'rank', LONG_MIN, 'count', '1', 'maxlen', '4')).toEqual([4, 2]);
    expect(r('lpos', 'l', 'a', 'rank', '-9223372036854775807', 'count', '1')).toEqual([]);
  });

  it('option errors come before the key is looked at', () => {
    const { r, hash } = fill();
    hash('h');
    expect(r('lpos', 'h', 'a', 'rank', '0')).toEqual(
      err("ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list"),
    );
    expect(r('lpos', 'h', 'a', 'rank', 'x')).toEqual(NOT_INTEGER);
    expect(r('lpos', 'h', 'a', 'count', '-1')).toEqual(err("ERR COUNT can't be negative"));
    expect(r('lpos', 'h', 'a', 'count', 'x')).toEqual(err("ERR COUNT can't be negative"));
    expect(r('lpos', 'h', 'a', 'maxlen', '-1')).toEqual(err("ERR MAXLEN can't be negative"));
    expect(r('lpos', 'h', 'a', 'rank')).toEqual(SYNTAX);
    expect(r('lpos', 'h', 'a', 'foo', '1')).toEqual(SYNTAX);
    expect(r('lpos', 'h', 'a')).toEqual(WRONGTYPE);
  });
});

describe('LMOVE and RPOPLPUSH', () => {
  it('moves between the four ends', () => {
    const { r } = setup();
    r('rpush', 's', 'a', 'b', 'c');
    expect(r('lmove', 's', 'd', 'LEFT', 'RIGHT')).toBe('a');
    expect(r('lmove', 's', 'd', 'right', 'left')).toBe('c');
    expect(r('rpoplpush', 's', 'd')).toBe('b');
    expect(r('lrange', 'd', '0', '-1')).toEqual(['b', 'c', 'a']);
    expect(r('exists', 's')).toBe(0);
  });

  it('rotates a list onto itself, even a single element', () => {
    const { r } = setup();
    r('rpush', 'l', 'a', 'b', 'c');
    expect(r('rpoplpush', 'l', 'l')).toBe('c');
    expect(r('lrange', 'l', '0', '-1')).toEqual(['c', 'a', 'b']);
    r('rpush', 'one', 'x');
    expect(r('lmove', 'one', 'one', 'left', 'right')).toBe('x');
    expect(r('lrange', 'one', '0', '-1')).toEqual(['x']);
  });

  it('a missing source is null before the destination type is checked', () => {
    const { r, hash, effects } = setup();
    hash('h');
    expect(r('lmove', 'nokey', 'h', 'left', 'left')).toBe(null);
    expect(r('rpoplpush', 'nokey', 'h')).toBe(null);
    r('rpush', 's', 'a');
    expect(r('lmove', 's', 'h', 'left', 'left')).toEqual(WRONGTYPE);
    expect(r('lmove', 'h', 's', 'left', 'left')).toEqual(WRONGTYPE);
    expect(r('lmove', 'h', 's', 'up', 'left')).toEqual(SYNTAX);
    expect(r('lmove', 's', 'd', 'left', 'down')).toEqual(SYNTAX);
    expect(r('llen', 's')).toBe(1);
    effects();
    expect(effects()).toEqual([]);
  });

  it('notifies the push on the destination before the pop on the source', () => {
    const { r, events, effects } = setup();
    r('rpush', 's', 'a');
    events();
    effects();
    r('lmove', 's', 'd', 'left', 'right');
    expect(events()).toEqual(['rpush:d', 'lpop:s', 'del:s']);
    expect(effects()).toEqual([['lmove', 's', 'd', 'left', 'right']]);
  });

  it('COPY duplicates a list deeply', () => {
    const { r } = setup();
    r('rpush', 'l', 'a', 'b');
    expect(r('copy', 'l', 'c')).toBe(1);
    r('rpush', 'c', 'z');
    r('lset', 'c', '0', 'y');
    expect(r('lrange', 'l', '0', '-1')).toEqual(['a', 'b']);
    expect(r('lrange', 'c', '0', '-1')).toEqual(['y', 'b', 'z']);
    expect(r('object', 'encoding', 'c')).toBe('quicklist');
  });
});

describe('LMPOP', () => {
  it('pops from the first non-empty list and propagates the plain pop with the count taken', () => {
    const { r, effects, events } = setup();
    r('rpush', 'b', 'x', 'y', 'z');
    effects();
    events();
    expect(r('lmpop', '3', 'a', 'b', 'c', 'LEFT')).toEqual(['b', ['x']]);
    expect(r('lmpop', '2', 'a', 'b', 'right', 'count', '10')).toEqual(['b', ['z', 'y']]);
    expect(effects()).toEqual([['LPOP', 'b', '1'], ['RPOP', 'b', '2']]);
    expect(events()).toEqual(['lpop:b', 'rpop:b', 'del:b']);
    expect(r('lmpop', '2', 'a', 'b', 'left')).toBe(NULL_ARRAY);
    expect(effects()).toEqual([]);
  });

  it('a key of another type before the first non-empty list is WRONGTYPE; after it, unseen', () => {
    const { r, hash } = setup();
    hash('h');
    r('rpush', 'l', 'a', 'b');
    expect(r('lmpop', '2', 'h', 'l', 'left')).toEqual(WRONGTYPE);
    expect(r('lmpop', '2', 'l', 'h', 'left')).toEqual(['l', ['a']]);
  });

  it('checks numkeys, the direction and COUNT in that order', () => {
    const { r } = setup();
    const numkeys = err('ERR numkeys should be greater than 0');
    expect(r('lmpop', '0', 'a', 'left')).toEqual(numkeys);
    expect(r('lmpop', '-1', 'a', 'left')).toEqual(numkeys);
    expect(r('lmpop', 'x', 'a', 'left')).toEqual(numkeys);
    expect(r('lmpop', '2', 'a', 'left')).toEqual(SYNTAX);
    expect(r('lmpop', LONG_MAX, 'a', 'left')).toEqual(SYNTAX);
    expect(r('lmpop', '1', 'a', 'up')).toEqual(SYNTAX);
    expect(r('lmpop', '1', 'a', 'left', 'count', '0')).toEqual(err('ERR count should be greater than 0'));
    expect(r('lmpop', '1', 'a', 'left', 'count')).toEqual(SYNTAX);
    expect(r('lmpop', '1', 'a', 'left', 'count', '1', 'count', '1')).toEqual(SYNTAX);
    expect(r('lmpop', '1', 'a', 'left', 'foo')).toEqual(SYNTAX);
  });

  it('COMMAND GETKEYS finds the keys from numkeys', () => {
    const { r } = setup();
    expect(r('command', 'getkeys', 'lmpop', '2', 'a', 'b', 'left')).toEqual(['a', 'b']);
    expect(r('command', 'getkeys', 'blmpop', '0', '1', 'a', 'left', 'count', '3')).toEqual(['a']);
    expect(r('command', 'getkeys', 'blpop', 'a', 'b', '0')).toEqual(['a', 'b']);
    // atoi skips C's white space only: a leading 0xA0 byte makes numkeys 0 (redis-server 7.0.15).
    expect(r('command', 'getkeys', 'lmpop', ' 1', 'a', 'left')).toEqual(['a']);
    expect(r('command', 'getkeys', 'lmpop', '\xa01', 'a', 'left')).toEqual(err('ERR Invalid arguments specified for command'));
  });
});

describe('blocking pops', () => {
  it('pop at once when a list has elements, propagated as the plain pop', () => {
    const { r, effects } = setup();
    r('rpush', 'b', 'x', 'y', 'z');
    effects();
    expect(r('blpop', 'a', 'b', '0')).toEqual(['b', 'x']);
    expect(r('brpop', 'a', 'b', '0')).toEqual(['b', 'z']);
    expect(r('blmpop', '0', '2', 'a', 'b', 'left', 'count', '5')).toEqual(['b', ['y']]);
    r('rpush', 's', '1', '2');
    effects();
    expect(r('blmove', 's', 'd', 'LeFt', 'right', '0')).toBe('1');
    expect(r('brpoplpush', 's', 'd', '0')).toBe('2');
    expect(effects()).toEqual([
      ['LMOVE', 's', 'd', 'LeFt', 'right'],
      ['RPOPLPUSH', 's', 'd'],
    ]);
  });

  it('inside MULTI they answer as the non-blocking forms', () => {
    const { r } = setup();
    r('multi');
    for (const argv of [['blpop', 'q', '0'], ['brpop', 'q', '0'], ['blmpop', '0', '1', 'q', 'left'], ['blmove', 'q', 'd', 'left', 'left', '0'], ['brpoplpush', 'q', 'd', '0']]) {
      r(...argv);
    }
    expect(r('exec')).toEqual([NULL_ARRAY, NULL_ARRAY, NULL_ARRAY, null, null]);
  });

  it('check the timeout first (BLMPOP after its other arguments)', () => {
    const { r, hash } = setup();
    hash('h');
    expect(r('blpop', 'h', '-1')).toEqual(err('ERR timeout is negative'));
    expect(r('blpop', 'h', 'x')).toEqual(err('ERR timeout is not a float or out of range'));
    expect(r('blpop', 'h', '0')).toEqual(WRONGTYPE);
    expect(r('blmove', 'h', 'd', 'up', 'left', '-1')).toEqual(SYNTAX);
    expect(r('blmove', 'h', 'd', 'left', 'left', '-1')).toEqual(err('ERR timeout is negative'));
    expect(r('brpoplpush', 'h', 'd', 'x')).toEqual(err('ERR timeout is not a float or out of range'));
    expect(r('blmpop', '-1', '0', 'h', 'left')).toEqual(err('ERR numkeys should be greater than 0'));
    expect(r('blmpop', '-1', '1', 'h', 'left', 'count', '0')).toEqual(err('ERR count should be greater than 0'));
    expect(r('blmpop', '-1', '1', 'h', 'left')).toEqual(err('ERR timeout is negative'));
    expect(r('blmpop', '0', '1', 'h', 'left')).toEqual(WRONGTYPE);
  });

  it('a blocked BLPOP is served by a push from another session, and propagated as LPOP', async () => {
    const { engine, rb, effects, events } = setup();
    const other = engine.createSession();
    const p = rb('blpop', 'q', '0');
    expect(p).toBeInstanceOf(Promise);
    expect(engine.exec(other, ['rpush', 'q', 'x', 'y'])).toBe(2);
    expect(await p).toEqual(['q', 'x']);
    expect(effects()).toEqual([['rpush', 'q', 'x', 'y'], ['LPOP', 'q']]);
    expect(events()).toEqual(['rpush:q', 'lpop:q']);
  });

  it('several blocked clients are served first come, first served', async () => {
    const { engine } = setup();
    const [a, b, c, pusher] = [engine.createSession(), engine.createSession(), engine.createSession(), engine.createSession()];
    const pa = engine.exec(a, ['brpop', 'q', '0']);
    const pb = engine.exec(b, ['blpop', 'q', '0']);
    const pc = engine.exec(c, ['blpop', 'q', '0']);
    expect(engine.exec(pusher, ['rpush', 'q', '1', '2'])).toBe(2);
    expect(await pa).toEqual(['q', '2']);
    expect(await pb).toEqual(['q', '1']);
    expect(engine.blocking.size).toBe(1);
    engine.exec(pusher, ['lpush', 'q', '3']);
    expect(await pc).toEqual(['q', '3']);
  });

  it('a served BLMOVE propagates LMOVE with Redis\'s lower-case directions and may serve another client', async () => {
    const { engine, effects } = setup();
    const [a, b, pusher] = [engine.createSession(), engine.createSession(), engine.createSession()];
    const pb = engine.exec(b, ['blpop', 'd', '0']);
    const pa = engine.exec(a, ['blmove', 'q', 'd', 'LEFT', 'RIGHT', '0']);
    engine.exec(pusher, ['rpush', 'q', 'x']);
    expect(await pa).toBe('x');
    expect(await pb).toEqual(['d', 'x']);
    expect(effects()).toEqual([['rpush', 'q', 'x'], ['LMOVE', 'q', 'd', 'left', 'right'], ['LPOP', 'd']]);
  });

  it('a served BLMPOP propagates the pop with the count it took', async () => {
    const { engine, effects } = setup();
    const [a, pusher] = [engine.createSession(), engine.createSession()];
    const p = engine.exec(a, ['blmpop', '0', '2', 'n', 'm', 'RIGHT', 'COUNT', '5']);
    engine.exec(pusher, ['rpush', 'm', '1', '2']);
    expect(await p).toEqual(['m', ['2', '1']]);
    expect(effects()).toEqual([['rpush', 'm', '1', '2'], ['RPOP', 'm', '2']]);
  });

  it('a served BLMOVE into a key of another type gets WRONGTYPE and leaves the element', async () => {
    const { engine, hash } = setup();
    hash('h');
    const [a, pusher] = [engine.createSession(), engine.createSession()];
    const p = engine.exec(a, ['brpoplpush', 'q', 'h', '0']);
    engine.exec(pusher, ['rpush', 'q', 'x']);
    expect(await p).toEqual(WRONGTYPE);
    expect(engine.exec(pusher, ['llen', 'q'])).toBe(1);
  });

  it('time out with a null array after the deadline, fractions of a second included', async () => {
    const { rb, tick, engine } = setup();
    const p = rb('blpop', 'q', '0.5');
    tick(500);
    expect(engine.blocking.size).toBe(1);
    tick(1);
    expect(await p).toBe(NULL_ARRAY);
    const p2 = rb('blmove', 'q', 'd', 'left', 'left', '1.25');
    tick(1251);
    expect(await p2).toBe(NULL_ARRAY);
  });

  it('timeout 0 waits until served', async () => {
    const { engine, rb, tick } = setup();
    const p = rb('blmpop', '0', '1', 'q', 'left');
    tick(1e9);
    expect(engine.blocking.size).toBe(1);
    engine.exec(engine.createSession(), ['rpush', 'q', 'v']);
    expect(await p).toEqual(['q', ['v']]);
  });

  it('a push inside MULTI serves the blocked client after EXEC, from the first key made ready', async () => {
    const { engine } = setup();
    const [a, pusher] = [engine.createSession(), engine.createSession()];
    const p = engine.exec(a, ['blpop', 'q', '0']);
    engine.exec(pusher, ['multi']);
    engine.exec(pusher, ['rpush', 'q', 'x']);
    engine.exec(pusher, ['lpop', 'q']);
    engine.exec(pusher, ['rpush', 'q', 'y']);
    expect(engine.blocking.size).toBe(1);
    expect(engine.exec(pusher, ['exec'])).toEqual([1, 'x', 1]);
    expect(await p).toEqual(['q', 'y']);
  });

  it('a disconnected blocked client is forgotten', () => {
    const { engine } = setup();
    const a = engine.createSession();
    void engine.exec(a, ['blpop', 'q', '0']);
    expect(engine.blocking.size).toBe(1);
    engine.closeSession(a);
    expect(engine.blocking.size).toBe(0);
    expect(engine.exec(engine.createSession(), ['rpush', 'q', 'x'])).toBe(1);
  });
});

describe('snapshots', () => {
  it('a list encodes and decodes to the same elements, as a quicklist', () => {
    const { r, engine } = setup();
    const items = ['', '\x00\xff', 'a', 'x'.repeat(300), ...Array.from({ length: 500 }, (_, i) => String(i))];
    r('rpush', 'l', ...items);
    const codec = codecOf('list');
    const o = engine.keyspace.dbs[0].dict.get('l')!;
    const back = codec.decode(codec.encode(o), engine);
    expect(back.type).toBe('list');
    expect(back.enc).toBe('quicklist');
    engine.keyspace.dbs[0].dict.set('copy', back);
    expect(r('lrange', 'copy', '0', '-1')).toEqual(items);
  });
});
