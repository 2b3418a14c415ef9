// Hand-written hash sequences (t_hash.c's corners), each compared with redis-server reply by reply:
// encoding conversions at their exact thresholds, listpack order, increments at their limits,
// HRANDFIELD's count rules and RESP3 shapes, HSCAN.
import { scriptedSuite, step, type Step } from './harness.js';

const { cmp, scanAll } = step;

/** HSET key f<from>..f<from+n-1> with value v, as one command. */
function hsetMany(key: string, n: number, from = 0, value = 'v'): string[] {
  const argv = ['HSET', key];
  for (let i = from; i < from + n; i++) argv.push(`f${i}`, value);
  return argv;
}

const x64 = 'x'.repeat(64);
const x65 = 'x'.repeat(65);

/** A listpack of `n` fields read back every way whose order Redis defines. */
function readsInOrder(key: string): Step[] {
  return [['HGETALL', key], ['HKEYS', key], ['HVALS', key], ['HSCAN', key, '0'], ['HRANDFIELD', key, '100000', 'WITHVALUES'], ['OBJECT', 'ENCODING', key]];
}

scriptedSuite('differential scripted: hashes', [
  {
    name: 'listpack order: updates keep their place, deleted and re-added fields go last',
    steps: [
      ['HSET', 'h', 'c', '1', 'a', '2', 'b', '3', '', 'empty', '\x00\xff', '\xff\x00'], ['HSET', 'h', 'c', '9'], ['HDEL', 'h', 'a'],
      ['HSET', 'h', 'a', '4'], ['HMSET', 'h', 'b', '5', 'z', '6'], ['HSETNX', 'h', 'c', '0'], ['HSETNX', 'h', 'y', '7'],
      ['HINCRBY', 'h', 'c', '1'], ['HINCRBYFLOAT', 'h', 'new', '1.5'], ...readsInOrder('h'),
    ],
  },
  {
    name: 'a listpack of 512 fields converts at the 513th and never back',
    steps: [
      hsetMany('h', 512), ['OBJECT', 'ENCODING', 'h'], ['HLEN', 'h'], ['HSET', 'h', 'f0', 'w', 'f511', 'w'], ['OBJECT', 'ENCODING', 'h'],
      ...readsInOrder('h'), ['HSETNX', 'h', 'f512', 'v'], ['OBJECT', 'ENCODING', 'h'], ['HLEN', 'h'],
      ['HDEL', 'h', ...Array.from({ length: 510 }, (_, i) => `f${i}`)], ['HLEN', 'h'], ['OBJECT', 'ENCODING', 'h'],
      cmp('pairs', 'HGETALL', 'h'), hsetMany('g', 600), ['OBJECT', 'ENCODING', 'g'], ['HLEN', 'g'], cmp('sorted', 'HKEYS', 'g'),
      hsetMany('d', 511), ['HINCRBY', 'd', 'n', '1'], ['OBJECT', 'ENCODING', 'd'], ['HINCRBYFLOAT', 'd', 'm', '1'], ['OBJECT', 'ENCODING', 'd'],
    ],
  },
  {
    name: 'HSET of 513 pairs of one field stays a listpack; of 513 distinct fields converts',
    steps: [
      ['HSET', 'h', ...Array.from({ length: 513 }, (_, i) => ['f', String(i)]).flat()], ['OBJECT', 'ENCODING', 'h'], ['HGETALL', 'h'],
      ['HSET', 'g', ...Array.from({ length: 513 }, (_, i) => [`f${i}`, String(i)]).flat()], ['OBJECT', 'ENCODING', 'g'], ['HLEN', 'g'],
    ],
  },
  {
    name: 'fields and values of 64 bytes stay in a listpack, 65 bytes convert, on every write path',
    steps: [
      ['HSET', 'a', x64, x64], ['OBJECT', 'ENCODING', 'a'], ['HSET', 'a', 'b', x65], ['OBJECT', 'ENCODING', 'a'],
      ['HSET', 'b', x65, '1'], ['OBJECT', 'ENCODING', 'b'],
      ['HSET', 'c', 'a', '1', 'b', 'z'.repeat(100), 'c', '3'], ['OBJECT', 'ENCODING', 'c'],
      ['HSET', 'd', 'a', '1'], ['HSETNX', 'd', 'a', x65], ['OBJECT', 'ENCODING', 'd'], ['HSETNX', 'd', 'b', x65], ['OBJECT', 'ENCODING', 'd'],
      ['HMSET', 'e', 'a', '1', x65, '2'], ['OBJECT', 'ENCODING', 'e'],
      ['HSET', 'f', 'a', '1'], ['HINCRBY', 'f', x65, '1'], ['OBJECT', 'ENCODING', 'f'],
      ['HSET', 'g', 'a', '1'], ['HINCRBYFLOAT', 'g', x65, '1'], ['OBJECT', 'ENCODING', 'g'],
      ['HSET', 'i', 'a', '1e70'], ['HINCRBYFLOAT', 'i', 'a', '1'], ['OBJECT', 'ENCODING', 'i'], ['HGET', 'i', 'a'],
      ['HSET', 'j', 'a', '1'], ['HINCRBYFLOAT', 'j', 'a', '0.' + '0'.repeat(70) + '1'], ['OBJECT', 'ENCODING', 'j'], ['HGET', 'j', 'a'],
      ['HSET', 'k', 'a', '1'], ['HINCRBYFLOAT', 'k', 'a', '1e46'], ['OBJECT', 'ENCODING', 'k'], ['HINCRBYFLOAT', 'k', 'a', '1e46'], ['OBJECT', 'ENCODING', 'k'],
    ],
  },
  {
    name: 'CONFIG SET of the thresholds (and their ziplist names) applies to the next write',
    steps: [
      ['CONFIG', 'SET', 'hash-max-listpack-entries', '2'], ['HSET', 'h', 'a', '1', 'b', '2'], ['OBJECT', 'ENCODING', 'h'],
      ['HSET', 'h', 'a', '1', 'a', '2', 'a', '3'], ['OBJECT', 'ENCODING', 'h'], ['HSET', 'h', 'c', '3'], ['OBJECT', 'ENCODING', 'h'],
      ['CONFIG', 'SET', 'hash-max-ziplist-entries', '0'], ['HSET', 'z', 'a', '1'], ['OBJECT', 'ENCODING', 'z'],
      ['CONFIG', 'SET', 'hash-max-listpack-entries', '512'], ['CONFIG', 'SET', 'hash-max-ziplist-value', '3'],
      ['HSET', 'k', 'abc', '123'], ['OBJECT', 'ENCODING', 'k'], ['HSET', 'k', 'abc', '1234'], ['OBJECT', 'ENCODING', 'k'],
      ['HSET', 'm', 'a', '1234567'], ['CONFIG', 'SET', 'hash-max-listpack-value', '0'], ['HSET', 'n', '', ''], ['OBJECT', 'ENCODING', 'n'],
      ['HSET', 'n', 'a', ''], ['OBJECT', 'ENCODING', 'n'],
      ['CONFIG', 'SET', 'hash-max-listpack-value', '64'], ['OBJECT', 'ENCODING', 'm'], cmp('pairs', 'CONFIG', 'GET', 'hash-max-*'),
    ],
  },
  {
    name: 'HINCRBY at the int64 limits, on values that are no integers, with bad increments',
    steps: [
      ['HSET', 'h', 'max', '9223372036854775807', 'min', '-9223372036854775808', 's', ' 1', 'z', '-0', 'o', '007', 'e', ''],
      ['HINCRBY', 'h', 'max', '1'], ['HINCRBY', 'h', 'max', '0'], ['HINCRBY', 'h', 'max', '-9223372036854775808'], ['HINCRBY', 'h', 'min', '-1'],
      ['HINCRBY', 'h', 'min', '9223372036854775807'], ['HINCRBY', 'h', 's', '1'], ['HINCRBY', 'h', 'z', '1'], ['HINCRBY', 'h', 'o', '1'],
      ['HINCRBY', 'h', 'e', '1'], ['HINCRBY', 'h', 'new', '9223372036854775808'], ['HINCRBY', 'h', 'new', '1.0'], ['HINCRBY', 'h', 'new', ' 1'],
      ['HINCRBY', 'h', 'new', '-9223372036854775808'], ['HINCRBY', 'h', 'new', '-1'], ['HINCRBY', 'nokey', 'f', 'x'], ['EXISTS', 'nokey'],
      ['HGETALL', 'h'], ['HSTRLEN', 'h', 'max'], ['HSTRLEN', 'h', 'z'], ['HSTRLEN', 'h', 'o'], ['HSTRLEN', 'h', 'new'],
    ],
  },
  {
    name: 'HINCRBYFLOAT in long double: digits, limits, inf and nan',
    steps: [
      ['HINCRBYFLOAT', 'h', 'a', '10.5'], ['HINCRBYFLOAT', 'h', 'a', '0.1'], ['HSET', 'h', 'b', '3.0e3'], ['HINCRBYFLOAT', 'h', 'b', '1.1'],
      ['HINCRBYFLOAT', 'h', 'b', '-3001.10000000000000009'], ['HINCRBYFLOAT', 'h', 'c', '5e-324'], ['HINCRBYFLOAT', 'h', 'c', '-0'],
      ['HINCRBYFLOAT', 'h', 'd', '0x1p3'], ['HINCRBYFLOAT', 'h', 'd', '.5'], ['HINCRBYFLOAT', 'h', 'd', '5.'], ['HINCRBYFLOAT', 'h', 'd', '1e-5'],
      ['HINCRBYFLOAT', 'h', 'a', 'inf'], ['HINCRBYFLOAT', 'h', 'a', '-inf'], ['HINCRBYFLOAT', 'h', 'a', 'nan'], ['HINCRBYFLOAT', 'h', 'a', '1e5000'],
      ['HINCRBYFLOAT', 'h', 'a', ''], ['HINCRBYFLOAT', 'h', 'a', ' 1'], ['HINCRBYFLOAT', 'h', 'a', '1 '], ['HINCRBYFLOAT', 'h', 'a', 'abc'],
      ['HSET', 'h', 'i', 'inf', 'n', 'nan', 'm', '1e4932', 's', 'x', 'sp', ' 1', 'hx', '0x10'],
      ['HINCRBYFLOAT', 'h', 'i', '1'], ['HINCRBYFLOAT', 'h', 'n', '1'], ['HINCRBYFLOAT', 'h', 'm', '1e4932'], ['HINCRBYFLOAT', 'h', 'm', '-1e4932'],
      ['HINCRBYFLOAT', 'h', 's', '1'], ['HINCRBYFLOAT', 'h', 'sp', '1'], ['HINCRBYFLOAT', 'h', 'hx', '1'], ['HINCRBYFLOAT', 'h', 'e', '1e4933'],
      ['HINCRBYFLOAT', 'h', 'e', '1.18973149535723176502e+4932'], ['HINCRBYFLOAT', 'h', 'tiny', '1e-4950'], ['OBJECT', 'ENCODING', 'h'],
      cmp('pairs', 'HGETALL', 'h'),
      ['SET', 's', 'x'], ['HINCRBYFLOAT', 's', 'a', '1'], ['HINCRBYFLOAT', 's', 'a', 'inf'], ['HINCRBYFLOAT', 's', 'a', 'x'],
    ],
  },
  {
    name: 'HRANDFIELD count rules: errors in order, 0, the LONG_MAX/2 bound of WITHVALUES, missing and wrong keys',
    steps: [
      ['HSET', 'h', 'a', '1', 'b', '2', 'c', '3'], ['HRANDFIELD', 'h', 'abc'], ['HRANDFIELD', 'h', '1.5'], ['HRANDFIELD', 'h', ''],
      ['HRANDFIELD', 'h', '-9223372036854775808'], ['HRANDFIELD', 'h', '-9223372036854775808', 'WITHVALUES'], ['HRANDFIELD', 'h', '9223372036854775808'],
      ['HRANDFIELD', 'h', 'abc', 'foo'], ['HRANDFIELD', 'h', '1', 'foo'], ['HRANDFIELD', 'h', '1', 'WITHVALUES', 'x'], ['HRANDFIELD', 'h', '1', 'withvalue'],
      ['HRANDFIELD', 'h', '4611686018427387904', 'WITHVALUES'], ['HRANDFIELD', 'h', '-4611686018427387904', 'withvalues'],
      ['HRANDFIELD', 'h', '4611686018427387903', 'WITHVALUES'], ['HRANDFIELD', 'h', '9223372036854775807'], ['HRANDFIELD', 'h', '3'],
      ['HRANDFIELD', 'h', '0'], ['HRANDFIELD', 'h', '0', 'WITHVALUES'], ['HRANDFIELD', 'nokey'], ['HRANDFIELD', 'nokey', '5'],
      ['HRANDFIELD', 'nokey', '-5', 'WITHVALUES'], ['HRANDFIELD', 'nokey', 'x'], ['SET', 's', 'x'], ['HRANDFIELD', 's'], ['HRANDFIELD', 's', '0'],
      ['HRANDFIELD', 's', 'x'], ['HRANDFIELD', 's', '1', 'x'],
      cmp('rand:u', 'HRANDFIELD', 'h'), cmp('rand:u', 'HRANDFIELD', 'h', '2'), cmp('rand:uv', 'HRANDFIELD', 'h', '2', 'WITHVALUES'),
      cmp('rand:c', 'HRANDFIELD', 'h', '-500'), cmp('rand:cv', 'HRANDFIELD', 'h', '-500', 'WITHVALUES'), cmp('rand:u', 'HRANDFIELD', 'h', '1'),
    ],
  },
  {
    name: 'HRANDFIELD on a hashtable: each case of count against the size',
    steps: [
      hsetMany('h', 600), ['OBJECT', 'ENCODING', 'h'], cmp('rand:u', 'HRANDFIELD', 'h', '1'), cmp('rand:u', 'HRANDFIELD', 'h', '100'),
      cmp('rand:uv', 'HRANDFIELD', 'h', '250', 'WITHVALUES'), cmp('rand:u', 'HRANDFIELD', 'h', '599'), cmp('rand:uc', 'HRANDFIELD', 'h', '600'),
      cmp('rand:ucv', 'HRANDFIELD', 'h', '601', 'WITHVALUES'), cmp('rand:v', 'HRANDFIELD', 'h', '-1000', 'WITHVALUES'), cmp('rand:', 'HRANDFIELD', 'h', '-3'),
    ],
  },
  {
    name: 'RESP3: HGETALL is a map, HRANDFIELD WITHVALUES pairs are arrays, a missing single pick is null',
    steps: [
      cmp('shape', 'HELLO', '3'), ['HSET', 'h', 'a', '1', 'b', '2'], ['HGETALL', 'h'], ['HGETALL', 'nokey'], ['HKEYS', 'nokey'],
      ['HRANDFIELD', 'h', '10', 'WITHVALUES'], ['HRANDFIELD', 'h', '10'], ['HRANDFIELD', 'nokey'], ['HRANDFIELD', 'nokey', '3', 'WITHVALUES'],
      ['HMGET', 'h', 'a', 'x'], ['HGET', 'h', 'x'], ['HSCAN', 'h', '0'], ['HSCAN', 'nokey', '0'], ['HINCRBYFLOAT', 'h', 'a', '0.5'],
      cmp('rand:v', 'HRANDFIELD', 'h', '-7', 'WITHVALUES'), cmp('rand:uv', 'HRANDFIELD', 'h', '1', 'WITHVALUES'),
      hsetMany('big', 600), cmp('rand:uv', 'HRANDFIELD', 'big', '300', 'WITHVALUES'), cmp('sorted', 'HRANDFIELD', 'big', '1000', 'WITHVALUES'),
      cmp('pairs', 'HGETALL', 'big'),
    ],
  },
  {
    name: 'HSCAN: listpacks in one page whatever the cursor, MATCH on fields, errors in order, hashtable iterations',
    steps: [
      ['HSET', 'h', 'a', '1', 'ab', '2', 'b', '3', '', '4', '\x00x', '5', 'a*b', '6'], ['HSCAN', 'h', '0'], ['HSCAN', 'h', '42', 'COUNT', '1'],
      ['HSCAN', 'h', '0', 'MATCH', 'a*'], ['HSCAN', 'h', '0', 'MATCH', 'a\\*b'], ['HSCAN', 'h', '0', 'MATCH', ''], ['HSCAN', 'h', '0', 'MATCH', '*'],
      ['HSCAN', 'h', '0', 'MATCH', '\x00*', 'COUNT', '100', 'MATCH', '[ab]'], ['HSCAN', 'h', '18446744073709551615'], ['HSCAN', 'h', '-1'],
      ['HSCAN', 'h', 'abc'], ['HSCAN', 'h', '18446744073709551616'], ['HSCAN', 'h', '0', 'COUNT', '0'], ['HSCAN', 'h', '0', 'COUNT', 'x'],
      ['HSCAN', 'h', '0', 'MATCH'], ['HSCAN', 'h', '0', 'TYPE', 'hash'], ['HSCAN', 'nokey', '0', 'COUNT', '0'], ['HSCAN', 'nokey', 'x'],
      ['SET', 's', 'x'], ['HSCAN', 's', '0', 'COUNT', '0'], ['HSCAN', 's', 'x'],
      hsetMany('big', 700), scanAll('HSCAN', 'big', '0'), scanAll('HSCAN', 'big', '0', 'COUNT', '1'), scanAll('HSCAN', 'big', '0', 'MATCH', 'f1*', 'COUNT', '7'),
      cmp('scan-page', 'HSCAN', 'big', '0', 'COUNT', '100000'),
    ],
  },
  {
    name: 'HDEL deletes the emptied key; HSET recreates it as a listpack; TYPE, COPY, RENAME and MOVE keep a hash whole',
    steps: [
      ['HSET', 'h', 'a', '1', 'b', '2'], ['HDEL', 'h', 'a', 'a', 'zz'], ['HDEL', 'h', 'b', 'c'], ['EXISTS', 'h'], ['HLEN', 'h'], ['HDEL', 'h', 'b'],
      hsetMany('h', 600), ['HDEL', 'h', ...Array.from({ length: 600 }, (_, i) => `f${i}`)], ['EXISTS', 'h'], ['HSET', 'h', 'a', '1'],
      ['OBJECT', 'ENCODING', 'h'], ['TYPE', 'h'], ['COPY', 'h', 'h2'], ['HSET', 'h2', 'b', '2'], ['HGETALL', 'h'], ['HGETALL', 'h2'],
      hsetMany('big', 600), ['COPY', 'big', 'big2'], ['OBJECT', 'ENCODING', 'big2'], ['HLEN', 'big2'], ['RENAME', 'h2', 'h3'], ['HGETALL', 'h3'],
      ['MOVE', 'h3', '1'], ['SELECT', '1'], ['HGETALL', 'h3'], ['OBJECT', 'ENCODING', 'h3'], ['SCAN', '0', 'TYPE', 'hash'],
    ],
  },
  {
    name: 'hash commands inside MULTI/EXEC, HINCRBYFLOAT included',
    steps: [
      ['MULTI'], ['HSET', 'h', 'a', '1'], ['HINCRBYFLOAT', 'h', 'a', '0.25'], ['HINCRBY', 'h', 'a', '1'], ['HGETALL', 'h'], ['HDEL', 'h', 'a'],
      ['EXISTS', 'h'], ['EXEC'], ['MULTI'], ['HSET', 'h', 'a'], ['EXEC'], ['HSET', 'w', 'a', '1'], ['WATCH', 'w'], ['HSETNX', 'w', 'a', '2'],
      ['MULTI'], ['HGET', 'w', 'a'], ['EXEC'], ['WATCH', 'w'], ['HSET', 'w', 'a', '1'], ['MULTI'], ['HGET', 'w', 'a'], ['EXEC'],
    ],
  },
  {
    name: 'every hash command on a key of another type, and arity errors',
    steps: [
      ['LPUSH', 'l', 'x'], ['HSET', 'l', 'a', '1'], ['HSETNX', 'l', 'a', '1'], ['HMSET', 'l', 'a', '1'], ['HGET', 'l', 'a'], ['HMGET', 'l', 'a'],
      ['HDEL', 'l', 'a'], ['HLEN', 'l'], ['HSTRLEN', 'l', 'a'], ['HEXISTS', 'l', 'a'], ['HGETALL', 'l'], ['HKEYS', 'l'], ['HVALS', 'l'],
      ['HINCRBY', 'l', 'a', '1'], ['HINCRBYFLOAT', 'l', 'a', '1'], ['HRANDFIELD', 'l'], ['HSCAN', 'l', '0'],
      ['HSET', 'l', 'a'], ['HSET', 'l', 'a', '1', 'b'], ['HMSET', 'l', 'a', '1', 'b'], ['HGET', 'l'], ['HSETNX', 'l', 'a'], ['HDEL', 'l'],
      ['HINCRBY', 'l', 'a'], ['HRANDFIELD'], ['HSCAN', 'l'], ['HLEN'], ['HSTRLEN', 'l'],
    ],
  },
]);
