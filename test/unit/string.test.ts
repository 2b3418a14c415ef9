import { describe, expect, it } from 'vitest';
import { ErrorReply, MapReply, SimpleString } from '../../src/core/index.js';
import { testEngine } from './harness.js';

const OK = new SimpleString('OK');
const err = (m: string) => new ErrorReply(m);
const WRONGTYPE = err('WRONGTYPE Operation against a key holding the wrong kind of value');
const SYNTAX = err('ERR syntax error');
const NOT_INTEGER = err('ERR value is not an integer or out of range');
const NOT_FLOAT = err('ERR value is not a valid float');

const setup = () => testEngine();

describe('GET and SET', () => {
  it('SET and GET an empty item', () => {
    const { r } = setup();
    expect(r('set', 'x', '')).toEqual(OK);
    expect(r('get', 'x')).toBe('');
  });

  it('SET and GET keep every byte, NUL and 0xff included', () => {
    const { r } = setup();
    const v = '\x00\xff\x80a\r\n\x00';
    expect(r('set', '\x00k\xff', v)).toEqual(OK);
    expect(r('get', '\x00k\xff')).toBe(v);
  });

  it('GET of a key of another type is WRONGTYPE', () => {
    const { r, hash } = setup();
    hash('h');
    expect(r('get', 'h')).toEqual(WRONGTYPE);
  });

  it('SET stores int, embstr or raw as tryObjectEncoding does', () => {
    const { r, enc } = setup();
    const cases: Array<[string, string]> = [
      ['123', 'int'],
      ['-9223372036854775808', 'int'],
      ['9223372036854775807', 'int'],
      ['9223372036854775808', 'embstr'],
      ['-0', 'embstr'],
      ['01', 'embstr'],
      ['+1', 'embstr'],
      ['x'.repeat(44), 'embstr'],
      ['x'.repeat(45), 'raw'],
      ['', 'embstr'],
    ];
    for (const [v, e] of cases) {
      r('set', 'k', v);
      expect([v, enc('k')]).toEqual([v, e]);
    }
  });

  it('SET overwrites a key of any type and drops its TTL', () => {
    const { r, hash, ttl } = setup();
    hash('h');
    expect(r('set', 'h', 'v')).toEqual(OK);
    expect(r('get', 'h')).toBe('v');
    r('set', 'k', 'v', 'EX', '100');
    r('set', 'k', 'w');
    expect(ttl('k')).toBe(undefined);
  });

  it('SET NX and XX set only when the key is missing or present', () => {
    const { r, effects } = setup();
    expect(r('set', 'k', 'a', 'XX')).toBe(null);
    expect(r('set', 'k', 'a', 'NX')).toEqual(OK);
    expect(r('set', 'k', 'b', 'nx')).toBe(null);
    expect(r('set', 'k', 'b', 'xx')).toEqual(OK);
    expect(r('get', 'k')).toBe('b');
    expect(effects()).toEqual([
      ['set', 'k', 'a', 'NX'],
      ['set', 'k', 'b', 'xx'],
    ]);
  });

  it('SET GET replies the old value and propagates without GET', () => {
    const { r, effects } = setup();
    expect(r('set', 'k', '1', 'GET')).toBe(null);
    expect(r('set', 'k', '2', 'get', 'GET')).toBe('1');
    expect(r('get', 'k')).toBe('2');
    expect(effects()).toEqual([
      ['set', 'k', '1'],
      ['set', 'k', '2'],
    ]);
  });

  it('SET NX GET replies the old value and sets nothing when the key exists', () => {
    const { r, effects } = setup();
    r('set', 'k', 'old');
    effects();
    expect(r('set', 'k', 'new', 'NX', 'GET')).toBe('old');
    expect(r('get', 'k')).toBe('old');
    expect(effects()).toEqual([]);
    expect(r('set', 'k2', 'v', 'NX', 'GET')).toBe(null);
    expect(effects()).toEqual([['set', 'k2', 'v', 'NX']]);
  });

  it('SET GET on a key of another type is WRONGTYPE and changes nothing', () => {
    const { r, hash, effects } = setup();
    hash('h');
    expect(r('set', 'h', 'v', 'GET')).toEqual(WRONGTYPE);
    expect(r('get', 'h')).toEqual(WRONGTYPE);
    expect(effects()).toEqual([]);
  });

  it('SET with EX, PX, EXAT and PXAT sets the TTL and propagates SET PXAT with the absolute time', () => {
    const { r, effects, ttl, now } = setup();
    r('set', 'a', 'v', 'EX', '10');
    r('set', 'b', 'v', 'px', '1500');
    r('set', 'c', 'v', 'EXAT', '1800000000');
    r('set', 'd', 'v', 'PXAT', '1800000000123');
    expect([ttl('a'), ttl('b'), ttl('c'), ttl('d')]).toEqual([now() + 10000, now() + 1500, 1800000000000, 1800000000123]);
    expect(effects()).toEqual([
      ['SET', 'a', 'v', 'PXAT', String(now() + 10000)],
      ['SET', 'b', 'v', 'PXAT', String(now() + 1500)],
      ['SET', 'c', 'v', 'PXAT', '1800000000000'],
      ['SET', 'd', 'v', 'PXAT', '1800000000123'],
    ]);
  });

  it('SET takes a repeated expire option, the last one winning', () => {
    const { r, ttl, now } = setup();
    expect(r('set', 'k', 'v', 'EX', '1', 'EX', '2')).toEqual(OK);
    expect(ttl('k')).toBe(now() + 2000);
  });

  it('SET KEEPTTL keeps the TTL', () => {
    const { r, ttl, now } = setup();
    r('set', 'k', 'v', 'EX', '10');
    r('set', 'k', 'w', 'KEEPTTL');
    expect(ttl('k')).toBe(now() + 10000);
    expect(r('get', 'k')).toBe('w');
  });

  it('SET keeps the exact expire time past 2^53 in what it propagates', () => {
    const { r, effects } = setup();
    expect(r('set', 'k', 'v', 'EXAT', '9223372036854775')).toEqual(OK);
    expect(effects()).toEqual([['SET', 'k', 'v', 'PXAT', '9223372036854775000']]);
  });

  it('SET with a time in the past replies OK and the key expires at the next access', () => {
    const { r, effects, events } = setup();
    expect(r('set', 'k', 'v', 'EXAT', '1')).toEqual(OK);
    expect(effects()).toEqual([['SET', 'k', 'v', 'PXAT', '1000']]);
    expect(events()).toEqual(['set:k', 'expire:k']);
    expect(r('get', 'k')).toBe(null);
    expect(effects()).toEqual([['DEL', 'k']]);
    expect(events()).toEqual(['expired:k']);
  });

  it('SET refuses conflicting options with a syntax error', () => {
    const { r } = setup();
    const bad = [
      ['NX', 'XX'],
      ['XX', 'NX'],
      ['EX', '1', 'PX', '1'],
      ['KEEPTTL', 'EX', '1'],
      ['PXAT', '1', 'KEEPTTL'],
      ['EXAT', '1', 'PXAT', '1'],
      ['EX'],
      ['PERSIST'],
      ['foo'],
    ];
    for (const opts of bad) expect([opts, r('set', 'k', 'v', ...opts)]).toEqual([opts, SYNTAX]);
    expect(r('get', 'k')).toBe(null);
  });

  it('SET with a bad expire time names the command', () => {
    const { r } = setup();
    const invalid = err("ERR invalid expire time in 'set' command");
    expect(r('set', 'k', 'v', 'EX', '0')).toEqual(invalid);
    expect(r('set', 'k', 'v', 'PX', '-1')).toEqual(invalid);
    expect(r('set', 'k', 'v', 'EX', '9223372036854776')).toEqual(invalid);
    expect(r('set', 'k', 'v', 'PX', '9223372036854775807')).toEqual(invalid);
    expect(r('set', 'k', 'v', 'EX', 'abc')).toEqual(NOT_INTEGER);
    expect(r('set', 'k', 'v', 'EX', '1.5')).toEqual(NOT_INTEGER);
    expect(r('get', 'k')).toBe(null);
  });

  it('SET notifies set, then expire when a TTL is given', () => {
    const { r, events } = setup();
    r('set', 'k', 'v');
    r('set', 'k', 'v', 'PX', '100');
    expect(events()).toEqual(['set:k', 'set:k', 'expire:k']);
  });

  it('SET on an expired key expires it first', () => {
    const { r, tick, effects, events } = setup();
    r('set', 'k', 'v', 'PX', '10');
    tick(11);
    effects();
    events();
    expect(r('set', 'k', 'w')).toEqual(OK);
    expect(effects()).toEqual([['DEL', 'k'], ['set', 'k', 'w']]);
    expect(events()).toEqual(['expired:k', 'set:k']);
  });
});

describe('SETNX, SETEX, PSETEX, GETSET, GETDEL', () => {
  it('SETNX replies 1 when it sets and 0 when the key exists', () => {
    const { r, effects } = setup();
    expect(r('setnx', 'k', 'a')).toBe(1);
    expect(r('setnx', 'k', 'b')).toBe(0);
    expect(r('get', 'k')).toBe('a');
    expect(effects()).toEqual([['setnx', 'k', 'a']]);
  });

  it('SETEX and PSETEX set a TTL and propagate SET PXAT', () => {
    const { r, effects, ttl, now, enc } = setup();
    expect(r('setex', 'k', '10', '42')).toEqual(OK);
    expect(ttl('k')).toBe(now() + 10000);
    expect(enc('k')).toBe('int');
    expect(r('psetex', 'p', '1500', 'v')).toEqual(OK);
    expect(ttl('p')).toBe(now() + 1500);
    expect(effects()).toEqual([
      ['SET', 'k', '42', 'PXAT', String(now() + 10000)],
      ['SET', 'p', 'v', 'PXAT', String(now() + 1500)],
    ]);
  });

  it('SETEX and PSETEX refuse times that are not positive', () => {
    const { r } = setup();
    expect(r('setex', 'k', '0', 'v')).toEqual(err("ERR invalid expire time in 'setex' command"));
    expect(r('psetex', 'k', '-5', 'v')).toEqual(err("ERR invalid expire time in 'psetex' command"));
    expect(r('setex', 'k', 'abc', 'v')).toEqual(NOT_INTEGER);
    expect(r('setex', 'k', '10')).toEqual(err("ERR wrong number of arguments for 'setex' command"));
  });

  it('GETSET replies the old value, drops the TTL and propagates SET', () => {
    const { r, effects, ttl, events } = setup();
    expect(r('getset', 'k', 'a')).toBe(null);
    r('set', 'k', 'b', 'EX', '100');
    effects();
    events();
    expect(r('getset', 'k', 'c')).toBe('b');
    expect(ttl('k')).toBe(undefined);
    expect(effects()).toEqual([['SET', 'k', 'c']]);
    expect(events()).toEqual(['set:k']);
  });

  it('GETSET on a key of another type is WRONGTYPE', () => {
    const { r, hash } = setup();
    hash('h');
    expect(r('getset', 'h', 'v')).toEqual(WRONGTYPE);
  });

  it('GETDEL replies the value, deletes the key and propagates DEL', () => {
    const { r, effects, events } = setup();
    r('set', 'k', 'v');
    effects();
    events();
    expect(r('getdel', 'k')).toBe('v');
    expect(r('getdel', 'k')).toBe(null);
    expect(r('get', 'k')).toBe(null);
    expect(effects()).toEqual([['DEL', 'k']]);
    expect(events()).toEqual(['del:k']);
  });
});

describe('GETEX', () => {
  it('GETEX without options is a plain read', () => {
    const { r, effects } = setup();
    r('set', 'k', 'v');
    effects();
    expect(r('getex', 'k')).toBe('v');
    expect(r('getex', 'nokey')).toBe(null);
    expect(effects()).toEqual([]);
  });

  it('GETEX EX, PX, EXAT and PXAT set the TTL and propagate PEXPIREAT', () => {
    const { r, effects, events, ttl, now } = setup();
    r('set', 'k', 'v');
    effects();
    events();
    expect(r('getex', 'k', 'EX', '100')).toBe('v');
    expect(ttl('k')).toBe(now() + 100000);
    expect(r('getex', 'k', 'PX', '100')).toBe('v');
    expect(r('getex', 'k', 'EXAT', '1800000000')).toBe('v');
    expect(r('getex', 'k', 'PXAT', '1800000000001')).toBe('v');
    expect(ttl('k')).toBe(1800000000001);
    expect(effects()).toEqual([
      ['PEXPIREAT', 'k', String(now() + 100000)],
      ['PEXPIREAT', 'k', String(now() + 100)],
      ['PEXPIREAT', 'k', '1800000000000'],
      ['PEXPIREAT', 'k', '1800000000001'],
    ]);
    expect(events()).toEqual(['expire:k', 'expire:k', 'expire:k', 'expire:k']);
  });

  it('GETEX PERSIST removes the TTL and propagates PERSIST only when there was one', () => {
    const { r, effects, events, ttl } = setup();
    r('set', 'k', 'v', 'EX', '100');
    effects();
    events();
    expect(r('getex', 'k', 'PERSIST')).toBe('v');
    expect(ttl('k')).toBe(undefined);
    expect(r('getex', 'k', 'persist')).toBe('v');
    expect(effects()).toEqual([['PERSIST', 'k']]);
    expect(events()).toEqual(['persist:k']);
  });

  it('GETEX EXAT in the past replies the value, deletes the key and propagates DEL', () => {
    const { r, effects, events } = setup();
    r('set', 'k', 'v');
    effects();
    events();
    expect(r('getex', 'k', 'PXAT', '1')).toBe('v');
    expect(r('get', 'k')).toBe(null);
    expect(effects()).toEqual([['DEL', 'k']]);
    expect(events()).toEqual(['del:k']);
  });

  it('GETEX checks its options before the key, and the time after it', () => {
    const { r, hash } = setup();
    expect(r('getex', 'nokey', 'EX', 'abc')).toBe(null);
    expect(r('getex', 'nokey', 'KEEPTTL')).toEqual(SYNTAX);
    r('set', 'k', 'v');
    expect(r('getex', 'k', 'EX', '0')).toEqual(err("ERR invalid expire time in 'getex' command"));
    expect(r('getex', 'k', 'EX', 'abc')).toEqual(NOT_INTEGER);
    expect(r('getex', 'k', 'NX')).toEqual(SYNTAX);
    expect(r('getex', 'k', 'GET')).toEqual(SYNTAX);
    expect(r('getex', 'k', 'EX', '1', 'PERSIST')).toEqual(SYNTAX);
    expect(r('getex', 'k', 'PERSIST', 'PX', '1')).toEqual(SYNTAX);
    hash('h');
    expect(r('getex', 'h', 'EX', '1')).toEqual(WRONGTYPE);
  });
});

describe('MGET, MSET, MSETNX', () => {
  it('MGET replies null for missing keys and keys of other types', () => {
    const { r, hash } = setup();
    r('set', 'a', '1');
    hash('h');
    expect(r('mget', 'a', 'nokey', 'h', 'a')).toEqual(['1', null, null, '1']);
  });

  it('MSET sets every pair, notifies each key and propagates as is', () => {
    const { r, effects, events, enc } = setup();
    expect(r('mset', 'a', '1', 'b', 'x', 'a', '2')).toEqual(OK);
    expect(r('mget', 'a', 'b')).toEqual(['2', 'x']);
    expect(enc('a')).toBe('int');
    expect(effects()).toEqual([['mset', 'a', '1', 'b', 'x', 'a', '2']]);
    expect(events()).toEqual(['set:a', 'set:b', 'set:a']);
  });

  it('MSET and MSETNX with an odd number of arguments are arity errors', () => {
    const { r } = setup();
    expect(r('mset', 'a', '1', 'b')).toEqual(err("ERR wrong number of arguments for 'mset' command"));
    expect(r('msetnx', 'a')).toEqual(err("ERR wrong number of arguments for 'msetnx' command"));
  });

  it('MSETNX sets all or nothing', () => {
    const { r, effects } = setup();
    expect(r('msetnx', 'a', '1', 'b', '2')).toBe(1);
    expect(r('msetnx', 'c', '3', 'a', '9')).toBe(0);
    expect(r('mget', 'a', 'b', 'c')).toEqual(['1', '2', null]);
    expect(effects()).toEqual([['msetnx', 'a', '1', 'b', '2']]);
  });
});

describe('APPEND, STRLEN, SETRANGE, GETRANGE', () => {
  it('APPEND creates the key with its argument encoding, then makes it raw', () => {
    const { r, enc, events } = setup();
    expect(r('append', 'k', '12')).toBe(2);
    expect(enc('k')).toBe('int');
    expect(r('append', 'k', '')).toBe(2);
    expect(enc('k')).toBe('raw');
    expect(r('append', 'k', '\x00\xff')).toBe(4);
    expect(r('get', 'k')).toBe('12\x00\xff');
    expect(events()).toEqual(['append:k', 'append:k', 'append:k']);
  });

  it('APPEND keeps the TTL', () => {
    const { r, ttl, now } = setup();
    r('set', 'k', 'a', 'EX', '10');
    r('append', 'k', 'b');
    expect(ttl('k')).toBe(now() + 10000);
  });

  it('APPEND past proto-max-bulk-len is an error', () => {
    const { r, engine } = setup();
    engine.config.set('proto-max-bulk-len', '10');
    r('set', 'k', '12345');
    expect(r('append', 'k', '12345')).toBe(10);
    expect(r('append', 'k', 'x')).toEqual(err('ERR string exceeds maximum allowed size (proto-max-bulk-len)'));
    expect(r('strlen', 'k')).toBe(10);
  });

  it('APPEND many times builds the value in order', () => {
    const { r } = setup();
    let expected = '';
    for (let i = 0; i < 2000; i++) {
      r('append', 'k', String(i));
      expected += String(i);
    }
    expect(r('get', 'k')).toBe(expected);
  });

  it('STRLEN counts bytes, of int-encoded values too', () => {
    const { r, hash } = setup();
    expect(r('strlen', 'nokey')).toBe(0);
    r('set', 'i', '-12345');
    expect(r('strlen', 'i')).toBe(6);
    r('set', 'b', '\xff\x00');
    expect(r('strlen', 'b')).toBe(2);
    hash('h');
    expect(r('strlen', 'h')).toEqual(WRONGTYPE);
  });

  it('SETRANGE overwrites and pads with zero bytes', () => {
    const { r, enc, events } = setup();
    r('set', 'k', 'hello');
    expect(r('setrange', 'k', '2', 'XYZABC')).toBe(8);
    expect(r('get', 'k')).toBe('heXYZABC');
    expect(r('setrange', 'k', '10', 'Q')).toBe(11);
    expect(r('get', 'k')).toBe('heXYZABC\x00\x00Q');
    expect(r('setrange', 'n', '3', 'ab')).toBe(5);
    expect(r('get', 'n')).toBe('\x00\x00\x00ab');
    expect(enc('n')).toBe('raw');
    expect(events()).toEqual(['set:k', 'setrange:k', 'setrange:k', 'setrange:n']);
  });

  it('SETRANGE with an empty value creates nothing and changes nothing', () => {
    const { r, enc, effects } = setup();
    expect(r('setrange', 'nokey', '5', '')).toBe(0);
    expect(r('get', 'nokey')).toBe(null);
    r('set', 'k', '12');
    effects();
    expect(r('setrange', 'k', '100', '')).toBe(2);
    expect(enc('k')).toBe('int');
    expect(effects()).toEqual([]);
  });

  it('a value longer than V8 allows (2^29 - 24 bytes) is refused, where Redis would build it (a known deviation)', () => {
    const { r } = setup();
    // 536870887 + 2 bytes is within Redis's 512MB proto-max-bulk-len, but past V8's longest string.
    expect(r('setrange', 'k', '536870887', 'xy')).toEqual(err('ERR string exceeds maximum allowed size (proto-max-bulk-len)'));
    expect(r('exists', 'k')).toBe(0);
  });

  it('SETRANGE errors: negative offset, not an integer, too long, wrong type', () => {
    const { r, engine, hash } = setup();
    expect(r('setrange', 'k', '-1', 'x')).toEqual(err('ERR offset is out of range'));
    expect(r('setrange', 'k', 'a', 'x')).toEqual(NOT_INTEGER);
    expect(r('setrange', 'k', '536870912', 'x')).toEqual(err('ERR string exceeds maximum allowed size (proto-max-bulk-len)'));
    engine.config.set('proto-max-bulk-len', '10');
    expect(r('setrange', 'k', '9', 'xy')).toEqual(err('ERR string exceeds maximum allowed size (proto-max-bulk-len)'));
    expect(r('setrange', 'k', '8', 'xy')).toBe(10);
    hash('h');
    expect(r('setrange', 'h', '0', 'x')).toEqual(WRONGTYPE);
    expect(r('setrange', 'h', '0', '')).toEqual(WRONGTYPE);
  });

  it('GETRANGE follows Redis index rules', () => {
    const { r } = setup();
    r('set', 's', 'hello');
    const cases: Array<[string, string, string]> = [
      ['0', '-1', 'hello'],
      ['-3', '-1', 'llo'],
      ['-1', '-3', ''],
      ['1', '0', ''],
      ['0', '100', 'hello'],
      ['-100', '-50', 'h'],
      ['4', '4', 'o'],
      ['5', '5', ''],
      ['9223372036854775807', '-9223372036854775808', ''],
      ['-9223372036854775808', '9223372036854775807', 'hello'],
      // Compared exactly past 2^53, where doubles would call these equal.
      ['-9007199254740992', '-9007199254740993', ''],
      ['-9007199254740993', '-9007199254740992', 'h'],
    ];
    for (const [a, b, want] of cases) expect([a, b, r('getrange', 's', a, b)]).toEqual([a, b, want]);
    expect(r('substr', 's', '1', '2')).toBe('el');
  });

  it('GETRANGE of an empty or missing value is empty; bad indexes are errors first', () => {
    const { r, hash } = setup();
    r('set', 'e', '');
    expect(r('getrange', 'e', '0', '-1')).toBe('');
    expect(r('getrange', 'nokey', '0', '1')).toBe('');
    expect(r('getrange', 'nokey', 'a', '1')).toEqual(NOT_INTEGER);
    r('set', 'i', '12345');
    expect(r('getrange', 'i', '1', '2')).toBe('23');
    hash('h');
    expect(r('getrange', 'h', '0', '1')).toEqual(WRONGTYPE);
  });
});

describe('INCR, DECR, INCRBY, DECRBY', () => {
  it('INCR creates the key, stores an int and notifies incrby', () => {
    const { r, enc, events, effects } = setup();
    expect(r('incr', 'k')).toBe(1);
    expect(r('incr', 'k')).toBe(2);
    expect(r('decr', 'k')).toBe(1);
    expect(r('incrby', 'k', '10')).toBe(11);
    expect(r('decrby', 'k', '20')).toBe(-9);
    expect(enc('k')).toBe('int');
    expect(r('get', 'k')).toBe('-9');
    expect(events()).toEqual(['incrby:k', 'incrby:k', 'incrby:k', 'incrby:k', 'incrby:k']);
    expect(effects()).toEqual([['incr', 'k'], ['incr', 'k'], ['decr', 'k'], ['incrby', 'k', '10'], ['decrby', 'k', '20']]);
  });

  it('INCR of a raw value holding an integer stores an int again', () => {
    const { r, enc } = setup();
    r('set', 'k', '5');
    r('setrange', 'k', '0', '7');
    expect(enc('k')).toBe('raw');
    expect(r('incr', 'k')).toBe(8);
    expect(enc('k')).toBe('int');
  });

  it('INCR keeps the TTL', () => {
    const { r, ttl, now } = setup();
    r('set', 'k', '1', 'EX', '10');
    r('incr', 'k');
    expect(ttl('k')).toBe(now() + 10000);
  });

  it('INCR refuses values that string2ll refuses', () => {
    const { r, hash } = setup();
    for (const v of [' 1', '1 ', '+1', '1.0', '007', '-0', '', 'abc', '9223372036854775808', '1e3']) {
      r('set', 'k', v);
      expect([v, r('incr', 'k')]).toEqual([v, NOT_INTEGER]);
    }
    hash('h');
    expect(r('incr', 'h')).toEqual(WRONGTYPE);
    expect(r('incrby', 'k', 'abc')).toEqual(NOT_INTEGER);
    expect(r('incrby', 'k', '1.5')).toEqual(NOT_INTEGER);
    expect(r('incrby', 'k', '99999999999999999999')).toEqual(NOT_INTEGER);
  });

  it('INCR stays exact past 2^53 and stops at the int64 edges', () => {
    const { r } = setup();
    const overflow = err('ERR increment or decrement would overflow');
    expect(r('incrby', 'a', '9007199254740993')).toBe(9007199254740993n);
    expect(r('incrby', 'a', '9007199254740993')).toBe(18014398509481986n);
    r('set', 'k', '9223372036854775806');
    expect(r('incr', 'k')).toBe(9223372036854775807n);
    expect(r('incr', 'k')).toEqual(overflow);
    expect(r('decrby', 'k', '-1')).toEqual(overflow);
    expect(r('decrby', 'k', '9223372036854775807')).toBe(0);
    r('set', 'k', '-9223372036854775807');
    expect(r('decr', 'k')).toBe(-9223372036854775808n);
    expect(r('decr', 'k')).toEqual(overflow);
    expect(r('incrby', 'k', '9223372036854775807')).toBe(-1);
    expect(r('get', 'k')).toBe('-1');
  });

  it('DECRBY of LLONG_MIN is its own error', () => {
    const { r } = setup();
    r('set', 'k', '0');
    expect(r('decrby', 'k', '-9223372036854775808')).toEqual(err('ERR decrement would overflow'));
    expect(r('incrby', 'k', '-9223372036854775808')).toBe(-9223372036854775808n);
  });
});

describe('INCRBYFLOAT', () => {
  it('INCRBYFLOAT computes in long double and propagates SET KEEPTTL', () => {
    const { r, effects, events, enc } = setup();
    r('set', 't', '10.5');
    effects();
    events();
    expect(r('incrbyfloat', 't', '0.1')).toBe('10.6');
    expect(r('incrbyfloat', 'n', '3.0e3')).toBe('3000');
    expect(r('incrbyfloat', 'n', '1.1')).toBe('3001.10000000000000009');
    expect(enc('n')).toBe('embstr');
    expect(effects()).toEqual([
      ['SET', 't', '10.6', 'KEEPTTL'],
      ['SET', 'n', '3000', 'KEEPTTL'],
      ['SET', 'n', '3001.10000000000000009', 'KEEPTTL'],
    ]);
    expect(events()).toEqual(['incrbyfloat:t', 'incrbyfloat:n', 'incrbyfloat:n']);
  });

  it('INCRBYFLOAT stores embstr, or raw past 44 bytes, never int', () => {
    const { r, enc } = setup();
    expect(r('incrbyfloat', 'a', '1')).toBe('1');
    expect(enc('a')).toBe('embstr');
    expect(r('incrbyfloat', 'b', '1e50')).toBe('100000000000000000003583830118858923890798487404544');
    expect(enc('b')).toBe('raw');
  });

  it('INCRBYFLOAT keeps the TTL', () => {
    const { r, ttl, now } = setup();
    r('set', 'k', '1', 'EX', '10');
    r('incrbyfloat', 'k', '1.5');
    expect(ttl('k')).toBe(now() + 10000);
  });

  it('INCRBYFLOAT errors', () => {
    const { r, hash } = setup();
    r('set', 'k', 'abc');
    expect(r('incrbyfloat', 'k', '1')).toEqual(NOT_FLOAT);
    r('set', 'k', '1');
    expect(r('incrbyfloat', 'k', 'nan')).toEqual(NOT_FLOAT);
    expect(r('incrbyfloat', 'k', ' 1')).toEqual(NOT_FLOAT);
    expect(r('incrbyfloat', 'k', '1e5000')).toEqual(NOT_FLOAT);
    expect(r('incrbyfloat', 'k', 'inf')).toEqual(err('ERR increment would produce NaN or Infinity'));
    r('set', 'k', 'inf');
    expect(r('incrbyfloat', 'k', '-inf')).toEqual(err('ERR increment would produce NaN or Infinity'));
    hash('h');
    expect(r('incrbyfloat', 'h', '1')).toEqual(WRONGTYPE);
  });
});

describe('LCS', () => {
  it('LCS replies the longest common subsequence, its length, or its ranges', () => {
    const { r } = setup();
    r('mset', 'a', 'ohmytext', 'b', 'mynewtext');
    expect(r('lcs', 'a', 'b')).toBe('mytext');
    expect(r('lcs', 'a', 'b', 'LEN')).toBe(6);
    expect(r('lcs', 'a', 'b', 'IDX')).toEqual(
      new MapReply([
        ['matches', [[[4, 7], [5, 8]], [[2, 3], [0, 1]]]],
        ['len', 6],
      ]),
    );
    expect(r('lcs', 'a', 'b', 'idx', 'minmatchlen', '4', 'withmatchlen')).toEqual(
      new MapReply([
        ['matches', [[[4, 7], [5, 8], 4]]],
        ['len', 6],
      ]),
    );
  });

  it('LCS treats missing keys as empty strings', () => {
    const { r } = setup();
    r('set', 'a', 'abc');
    expect(r('lcs', 'a', 'nokey')).toBe('');
    expect(r('lcs', 'x', 'y', 'IDX')).toEqual(new MapReply([['matches', []], ['len', 0]]));
  });

  it('LCS errors', () => {
    const { r, hash } = setup();
    r('set', 'a', 'abc');
    hash('h');
    expect(r('lcs', 'a', 'h')).toEqual(err('ERR The specified keys must contain string values'));
    expect(r('lcs', 'a', 'a', 'IDX', 'LEN')).toEqual(err('ERR If you want both the length and indexes, please just use IDX.'));
    expect(r('lcs', 'a', 'a', 'MINMATCHLEN')).toEqual(SYNTAX);
    expect(r('lcs', 'a', 'a', 'MINMATCHLEN', 'x')).toEqual(NOT_INTEGER);
    expect(r('lcs', 'a', 'a', 'foo')).toEqual(SYNTAX);
  });

  it('LCS refuses a table larger than proto-max-bulk-len', () => {
    const { r, engine } = setup();
    engine.config.set('proto-max-bulk-len', '1000');
    r('mset', 'a', 'x'.repeat(20), 'b', 'y'.repeat(20));
    expect(r('lcs', 'a', 'b')).toEqual(err('ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len'));
  });
});
