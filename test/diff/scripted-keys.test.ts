// Hand-written keyspace and expiry sequences (db.c, expire.c, object.c), compared with redis-server.
import { fromUtf8 } from '../../src/core/index.js';
import { scriptedSuite, step } from './harness.js';

const { cmp, sleep, scanAll } = step;

const KEYS_FOR_GLOB = ['a', 'ab', 'abc', 'b', 'a*b', 'a?c', 'a[b', 'a\\b', '[', 'x\x00y', '\xff', fromUtf8('ключ'), 'h{t}llo', 'hallo', 'hbllo', ''];

scriptedSuite('differential scripted: keys', [
  {
    name: 'DEL UNLINK EXISTS TOUCH count repeated and missing keys',
    steps: [
      ['MSET', 'a', '1', 'b', '2'], ['EXISTS', 'a', 'a', 'b', 'c'], ['TOUCH', 'a', 'a', 'c'], ['DEL', 'a', 'a', 'c'], ['UNLINK', 'b', 'b'], ['EXISTS', 'a', 'b'],
      ['DEL', 'nothing'], ['EXISTS', ''], ['SET', '', 'x'], ['EXISTS', '', ''], ['DEL', ''],
    ],
  },
  {
    name: 'TYPE of each kind and of a missing key',
    steps: [['SET', 's', 'x'], ['TYPE', 's'], ['TYPE', 'missing'], ['SET', 'n', '1'], ['TYPE', 'n']],
  },
  {
    name: 'RENAME and RENAMENX move the value and the TTL',
    steps: [
      ['SET', 'a', '1', 'EX', '1000'], ['RENAME', 'a', 'b'], ['EXISTS', 'a'], ['GET', 'b'], cmp('approx-s', 'TTL', 'b'), ['RENAME', 'b', 'b'], ['RENAME', 'missing', 'x'],
      ['RENAME', 'missing', 'missing'], ['SET', 'c', '3'], ['RENAMENX', 'b', 'c'], ['RENAMENX', 'b', 'b'], ['RENAMENX', 'b', 'd'], ['GET', 'd'],
      cmp('approx-s', 'TTL', 'd'), ['RENAMENX', 'missing', 'e'], ['SET', 'c', '3', 'EX', '500'], ['SET', 'f', 'x'], ['RENAME', 'f', 'c'], ['TTL', 'c'],
    ],
  },
  {
    name: 'COPY to other keys and databases, with and without REPLACE',
    steps: [
      ['SET', 'a', '1', 'PX', '1000000'], ['COPY', 'a', 'b'], ['GET', 'b'], cmp('approx-ms', 'PTTL', 'b'), ['COPY', 'a', 'b'], ['COPY', 'a', 'b', 'REPLACE'],
      ['COPY', 'a', 'a'], ['COPY', 'a', 'a', 'DB', '1'], ['COPY', 'a', 'a', 'DB', '0'], ['COPY', 'missing', 'x'], ['COPY', 'a', 'c', 'DB', '16'], ['COPY', 'a', 'c', 'DB', '-1'],
      ['COPY', 'a', 'c', 'DB', 'x'], ['COPY', 'a', 'c', 'DB'], ['COPY', 'a', 'c', 'FOO'], ['COPY', 'a', 'c', 'replace', 'replace', 'db', '2'], ['SELECT', '2'], ['GET', 'c'],
      cmp('approx-ms', 'PTTL', 'c'), ['SELECT', '1'], ['GET', 'a'], ['SET', 'n', '12345'], ['COPY', 'n', 'm'], ['OBJECT', 'ENCODING', 'm'],
    ],
  },
  {
    name: 'MOVE between databases',
    steps: [
      ['SET', 'a', '1', 'EX', '1000'], ['MOVE', 'a', '0'], ['MOVE', 'a', '1'], ['EXISTS', 'a'], ['SELECT', '1'], ['GET', 'a'], cmp('approx-s', 'TTL', 'a'), ['SET', 'b', 'x'],
      ['SELECT', '0'], ['SET', 'b', 'y'], ['MOVE', 'b', '1'], ['MOVE', 'missing', '1'], ['MOVE', 'b', '16'], ['MOVE', 'b', '-1'], ['MOVE', 'b', 'x'], ['MOVE', 'b', '9223372036854775807'],
    ],
  },
  {
    name: 'KEYS and SCAN MATCH follow the glob rules',
    steps: [
      ['MSET', ...KEYS_FOR_GLOB.flatMap((k) => [k, 'v'])],
      ...['*', 'a*', '*b', 'a?c', 'a\\*b', 'a\\?c', 'a[b]', 'a[\\[]b', 'a[^b]c', 'a[!b]c', 'a[a-c]*', 'a[c-a]*', '[', 'a[', '\\', 'a\\', '*\\', '?', '',
        'x\x00y', 'x*', '\xff', 'h[^e]llo', 'h[a-b]llo', 'h{t}*', '**', '*?*', 'A*', '[a-', 'a[b-]', 'a[\\', fromUtf8('к*')].flatMap((p) => [
        cmp('sorted', 'KEYS', p), scanAll('MATCH', p, 'COUNT', '3'),
      ]),
    ],
  },
  {
    name: 'SCAN COUNT TYPE and malformed cursors',
    steps: [
      ['MSET', 'a', '1', 'b', '2', 'c', '3', 'd', '4', 'e', '5'], scanAll(), scanAll('COUNT', '1'), scanAll('COUNT', '1000'), scanAll('TYPE', 'string'),
      scanAll('TYPE', 'list'), scanAll('TYPE', 'STRING'), scanAll('TYPE', 'nosuch'), scanAll('MATCH', 'a', 'TYPE', 'string', 'COUNT', '2'),
      ['SCAN', 'abc'], ['SCAN', ' 1'], ['SCAN', '1.5'], ['SCAN', '0', 'COUNT', '0'], ['SCAN', '0', 'COUNT', '-1'], ['SCAN', '0', 'COUNT', 'x'],
      ['SCAN', '0', 'MATCH'], ['SCAN', '0', 'FOO', 'x'], ['SCAN', '18446744073709551616'], cmp('scan-page', 'SCAN', '0', 'COUNT', '100'),
    ],
  },
  {
    name: 'RANDOMKEY on empty and non-empty databases',
    steps: [['RANDOMKEY'], ['SET', 'a', '1'], ['RANDOMKEY'], ['SET', 'b', '1'], cmp('key-or-null', 'RANDOMKEY'), ['FLUSHDB'], ['RANDOMKEY']],
  },
  {
    name: 'EXPIRE family: relative, absolute, past, overflowing',
    steps: [
      ['SET', 'k', 'v'], ['EXPIRE', 'k', '100'], cmp('approx-s', 'TTL', 'k'), ['PEXPIRE', 'k', '100000'], cmp('approx-ms', 'PTTL', 'k'),
      ['EXPIREAT', 'k', '99999999999'], ['EXPIRETIME', 'k'], ['PEXPIREAT', 'k', '99999999999999'], ['PEXPIRETIME', 'k'], ['TTL', 'missing'], ['PTTL', 'missing'],
      ['EXPIRETIME', 'missing'], ['PERSIST', 'k'], ['TTL', 'k'], ['EXPIRETIME', 'k'], ['PERSIST', 'k'], ['PERSIST', 'missing'], ['EXPIRE', 'missing', '10'],
      ['EXPIRE', 'k', 'abc'], ['EXPIRE', 'k', ''], ['EXPIRE', 'k', '1.5'], ['EXPIRE', 'k', '9223372036854775807'], ['EXPIRE', 'k', '9223372036854775'],
      ['PEXPIRE', 'k', '9223372036854775807'], ['EXPIREAT', 'k', '9223372036854775807'], ['PEXPIREAT', 'k', '9223372036854775807'], ['EXPIRE', 'k', '-9223372036854775808'],
      ['TTL', 'k'], ['EXPIRE', 'k', '0'], ['EXISTS', 'k'], ['SET', 'k', 'v'], ['EXPIRE', 'k', '-1'], ['EXISTS', 'k'], ['SET', 'k', 'v'], ['EXPIREAT', 'k', '1'],
      ['EXISTS', 'k'], ['SET', 'k', 'v'], ['PEXPIREAT', 'k', '0'], ['GET', 'k'], ['SET', 'k', 'v'], ['PEXPIRE', 'k', '1'], sleep(5), ['GET', 'k'], ['DBSIZE'],
    ],
  },
  {
    name: 'absolute expiry times near 2^63 are kept exactly',
    steps: [
      ['SET', 'k', 'v'], ['PEXPIREAT', 'k', '9223372036854775000'], ['PEXPIRETIME', 'k'], ['EXPIRETIME', 'k'], ['PEXPIREAT', 'k', '9223372036854775001', 'GT'],
      ['PEXPIRETIME', 'k'], ['PEXPIREAT', 'k', '9223372036854775001', 'GT'], ['PEXPIREAT', 'k', '9223372036854775000', 'LT'], ['PEXPIRETIME', 'k'],
      ['SET', 'k', 'v', 'EXAT', '9223372036854775'], ['PEXPIRETIME', 'k'], ['EXPIREAT', 'k', '9223372036854775', 'GT'], ['EXPIREAT', 'k', '9223372036854775', 'LT'],
      ['SET', 'k', 'v', 'PXAT', '9223372036854775807'], ['PEXPIRETIME', 'k'], ['GETEX', 'k', 'PXAT', '9007199254740993'], ['PEXPIRETIME', 'k'],
      ['COPY', 'k', 'k2'], ['PEXPIRETIME', 'k2'], ['RENAME', 'k2', 'k3'], ['PEXPIRETIME', 'k3'], ['MOVE', 'k3', '1'], ['SELECT', '1'], ['PEXPIRETIME', 'k3'],
    ],
  },
  {
    name: 'EXPIRE NX XX GT LT, alone and together',
    steps: [
      ['SET', 'k', 'v'], ['EXPIRE', 'k', '100', 'XX'], ['EXPIRE', 'k', '100', 'GT'], ['EXPIRE', 'k', '100', 'LT'], cmp('approx-s', 'TTL', 'k'), ['EXPIRE', 'k', '200', 'NX'],
      ['EXPIRE', 'k', '200', 'XX'], cmp('approx-s', 'TTL', 'k'), ['EXPIRE', 'k', '100', 'GT'], ['EXPIRE', 'k', '300', 'GT'], ['EXPIRE', 'k', '400', 'LT'],
      ['EXPIRE', 'k', '50', 'LT'], cmp('approx-s', 'TTL', 'k'), ['EXPIRE', 'k', '10', 'NX', 'XX'], ['EXPIRE', 'k', '10', 'GT', 'LT'], ['EXPIRE', 'k', '10', 'NX', 'GT'],
      ['EXPIRE', 'k', '10', 'XX', 'GT'], ['EXPIRE', 'k', '10', 'FOO'], ['EXPIRE', 'k', '10', 'nx', 'nx'], ['PEXPIRE', 'k', '10', 'Gt', 'lT'],
      ['EXPIRE', 'k', '-1', 'GT'], ['EXISTS', 'k'], ['EXPIRE', 'k', '-1', 'LT'], ['EXISTS', 'k'], ['EXPIRE', 'missing', '10', 'NX'],
      ['SET', 'p', 'v'], ['EXPIRE', 'p', '-1', 'XX'], ['EXISTS', 'p'], ['EXPIRE', 'p', '-1', 'NX'], ['EXISTS', 'p'],
    ],
  },
  {
    name: 'OBJECT ENCODING REFCOUNT FREQ IDLETIME HELP',
    steps: [
      ...['1', '-1', '0', '-0', '007', '9999', '10000', '9223372036854775807', '9223372036854775808', ' 1', '1.5', '', 'x'.repeat(44), 'x'.repeat(45)].flatMap((v) => [
        ['SET', 'k', v], ['OBJECT', 'ENCODING', 'k'], ['OBJECT', 'REFCOUNT', 'k'],
      ]),
      ['OBJECT', 'ENCODING', 'missing'], ['OBJECT', 'REFCOUNT', 'missing'], ['OBJECT', 'FREQ', 'k'], ['OBJECT', 'FREQ', 'missing'], cmp('shape', 'OBJECT', 'IDLETIME', 'k'),
      ['OBJECT', 'IDLETIME', 'missing'], ['OBJECT', 'HELP'], ['OBJECT', 'help', 'x'], ['OBJECT', 'NOSUCH'], ['OBJECT', 'NOSUCH', 'k'], ['OBJECT'], ['OBJECT', 'ENCODING'],
      ['OBJECT', 'ENCODING', 'k', 'x'], ['object', 'encoding', 'k'],
    ],
  },
  {
    // Redis keeps EXEC's queued argv until EXEC ends: a value stored from an argument counts 2.
    name: 'OBJECT REFCOUNT inside EXEC of values stored from the queued arguments, and after',
    steps: [
      ['MULTI'], ['SET', 'k', 'hello'], ['OBJECT', 'REFCOUNT', 'k'], ['SET', 'n', '123456'], ['OBJECT', 'REFCOUNT', 'n'],
      ['SET', 's', '5'], ['OBJECT', 'REFCOUNT', 's'], ['SETRANGE', 'k', '0', 'J'], ['OBJECT', 'REFCOUNT', 'k'],
      ['APPEND', 'a', 'xyz'], ['OBJECT', 'REFCOUNT', 'a'], ['APPEND', 'a', 'more'], ['OBJECT', 'REFCOUNT', 'a'],
      ['MSET', 'm1', 'v', 'm1', 'w'], ['OBJECT', 'REFCOUNT', 'm1'], ['GETSET', 'g', 'x'], ['OBJECT', 'REFCOUNT', 'g'],
      ['SETNX', 'nx', 'y'], ['OBJECT', 'REFCOUNT', 'nx'], ['SETEX', 'ex', '100', 'z'], ['OBJECT', 'REFCOUNT', 'ex'],
      ['RENAME', 'g', 'g2'], ['OBJECT', 'REFCOUNT', 'g2'], ['COPY', 'g2', 'g3'], ['OBJECT', 'REFCOUNT', 'g3'],
      ['INCR', 'n'], ['OBJECT', 'REFCOUNT', 'n'], ['SETRANGE', 'ex', '0', ''], ['OBJECT', 'REFCOUNT', 'ex'],
      ['EXEC'], ['OBJECT', 'REFCOUNT', 'k'], ['OBJECT', 'REFCOUNT', 'g2'], ['OBJECT', 'REFCOUNT', 'ex'],
    ],
  },
  {
    // INCRBY of 0 leaves the value as it was, but Redis changes an int in place only at refcount 1:
    // held by EXEC's argv, it gets a new object (refcount 1); so does a SETRANGE of the same bytes.
    name: 'OBJECT REFCOUNT inside EXEC after INCRBY 0 and a same-bytes SETRANGE of a value stored from an argument',
    steps: [
      ['MULTI'], ['SET', 'n', '12345678'], ['INCRBY', 'n', '0'], ['OBJECT', 'REFCOUNT', 'n'], ['OBJECT', 'ENCODING', 'n'],
      ['SET', 'k', 'abc'], ['SETRANGE', 'k', '0', 'a'], ['OBJECT', 'REFCOUNT', 'k'], ['DECRBY', 'n', '0'], ['OBJECT', 'REFCOUNT', 'n'],
      ['EXEC'], ['OBJECT', 'REFCOUNT', 'n'],
    ],
  },
  {
    name: 'keyspace commands touch the other types',
    steps: [
      ['LPUSH', 'l', 'a'], ['SADD', 's', 'a'], ['HSET', 'h', 'f', 'v'], ['ZADD', 'z', '1', 'a'], ['TYPE', 'l'], ['TYPE', 's'], ['TYPE', 'h'], ['TYPE', 'z'],
      ['OBJECT', 'ENCODING', 'l'], ['OBJECT', 'ENCODING', 's'], ['OBJECT', 'ENCODING', 'h'], ['OBJECT', 'ENCODING', 'z'], scanAll('TYPE', 'list'),
      scanAll('TYPE', 'hash'), ['COPY', 'l', 'l2'], ['TYPE', 'l2'], ['RENAME', 's', 's2'], ['TYPE', 's2'], ['MOVE', 'h', '1'], ['EXISTS', 'h'], cmp('sorted', 'KEYS', '*'),
    ],
  },
]);
