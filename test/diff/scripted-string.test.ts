// Hand-written string sequences (t_string.c's corners), each compared with redis-server reply by reply.
import { fromUtf8 } from '../../src/core/index.js';
import { scriptedSuite, step } from './harness.js';

const { cmp, sleep } = step;
const big = 'x'.repeat(100_000);

scriptedSuite('differential scripted: strings', [
  {
    name: 'SET and GET of empty, binary, unicode and 100 KB values',
    steps: [
      ['SET', 'k', ''], ['GET', 'k'], ['STRLEN', 'k'], ['EXISTS', 'k'],
      ['SET', 'k', '\x00\xff\r\n\x00'], ['GET', 'k'], ['STRLEN', 'k'],
      ['SET', fromUtf8('ключ'), fromUtf8('日本語🙂')], ['GET', fromUtf8('ключ')], ['STRLEN', fromUtf8('ключ')],
      ['SET', '', 'empty key'], ['GET', ''], ['SET', 'big', big], ['GET', 'big'], ['STRLEN', 'big'], ['APPEND', 'big', big], ['STRLEN', 'big'],
    ],
  },
  {
    name: 'SET options: NX XX GET KEEPTTL and the expiry forms, alone and in conflict',
    steps: [
      ['SET', 'k', 'v', 'NX'], ['SET', 'k', 'w', 'NX'], ['SET', 'k', 'w', 'XX'], ['SET', 'missing', 'w', 'XX'], ['GET', 'k'],
      ['SET', 'k', 'v2', 'GET'], ['SET', 'new', 'v', 'GET'], ['SET', 'k', 'v3', 'NX', 'GET'], ['SET', 'k', 'v4', 'XX', 'GET'],
      ['SET', 'k', 'v', 'NX', 'XX'], ['SET', 'k', 'v', 'EX', '10', 'PX', '100'], ['SET', 'k', 'v', 'EX', '10', 'KEEPTTL'],
      ['SET', 'k', 'v', 'KEEPTTL', 'PXAT', '99999999999999'], ['SET', 'k', 'v', 'EX'], ['SET', 'k', 'v', 'FOO'], ['SET', 'k', 'v', 'ex', '10', 'ex', '20'],
      ['SET', 'k', 'v', 'nx', 'nx'], ['SET', 'k', 'v', 'get', 'get'], ['set', 'k', 'v', 'Px', '100000', 'xX'],
      cmp('approx-ms', 'PTTL', 'k'),
    ],
  },
  {
    name: 'SET expiry values: zero, negative, not integers, overflowing',
    steps: [
      ['SET', 'k', 'v', 'EX', '0'], ['SET', 'k', 'v', 'EX', '-1'], ['SET', 'k', 'v', 'PX', '0'], ['SET', 'k', 'v', 'EXAT', '0'], ['SET', 'k', 'v', 'PXAT', '-5'],
      ['SET', 'k', 'v', 'EX', 'abc'], ['SET', 'k', 'v', 'EX', ' 10'], ['SET', 'k', 'v', 'EX', '10 '], ['SET', 'k', 'v', 'EX', '1.5'], ['SET', 'k', 'v', 'EX', ''],
      ['SET', 'k', 'v', 'EX', '9223372036854775807'], ['SET', 'k', 'v', 'PX', '9223372036854775807'], ['SET', 'k', 'v', 'EX', '9223372036854775'],
      ['SET', 'k', 'v', 'EXAT', '9223372036854775807'], ['SET', 'k', 'v', 'PXAT', '9223372036854775807'], ['SET', 'k', 'v', 'EX', '9223372036854775808'],
      ['EXISTS', 'k'], ['SET', 'k', 'v', 'EXAT', '1'], ['EXISTS', 'k'], ['GET', 'k'],
    ],
  },
  {
    name: 'SET drops the TTL, KEEPTTL and GET keep it; SET GET on a missing key is null',
    steps: [
      ['SET', 'k', 'v', 'EX', '1000'], cmp('approx-s', 'TTL', 'k'), ['SET', 'k', 'v2', 'KEEPTTL'], cmp('approx-s', 'TTL', 'k'),
      ['SET', 'k', 'v3', 'GET'], ['TTL', 'k'], ['SET', 'k', 'v4', 'EX', '500', 'GET'], cmp('approx-s', 'TTL', 'k'), ['SET', 'k', 'v5'], ['TTL', 'k'],
    ],
  },
  {
    name: 'a tiny PX lets the key expire',
    steps: [['SET', 'k', 'v', 'PX', '1'], sleep(5), ['GET', 'k'], ['EXISTS', 'k'], ['DBSIZE'], ['PSETEX', 'k', '1', 'v'], sleep(5), ['GET', 'k']],
  },
  {
    name: 'SETNX SETEX PSETEX GETSET GETDEL',
    steps: [
      ['SETNX', 'k', 'a'], ['SETNX', 'k', 'b'], ['GET', 'k'], ['SETEX', 'k', '100', 'c'], cmp('approx-s', 'TTL', 'k'),
      ['SETEX', 'k', '0', 'c'], ['SETEX', 'k', '-1', 'c'], ['SETEX', 'k', 'x', 'c'], ['PSETEX', 'k', '0', 'c'], ['PSETEX', 'k', '100000', 'd'],
      cmp('approx-ms', 'PTTL', 'k'), ['GETSET', 'k', 'e'], ['TTL', 'k'], ['GETSET', 'nokey', 'f'], ['GETDEL', 'k'], ['GETDEL', 'k'], ['EXISTS', 'k'],
      ['SETEX', 'k', '9223372036854775807', 'v'], ['PSETEX', 'k', '9223372036854775807', 'v'],
    ],
  },
  {
    name: 'GETEX with each option, in conflict, and on missing keys',
    steps: [
      ['SET', 'k', 'v'], ['GETEX', 'k'], ['GETEX', 'k', 'EX', '100'], cmp('approx-s', 'TTL', 'k'), ['GETEX', 'k', 'PERSIST'], ['TTL', 'k'],
      ['GETEX', 'k', 'PX', '100000'], cmp('approx-ms', 'PTTL', 'k'), ['GETEX', 'k', 'EXAT', '99999999999'], cmp('approx-s', 'EXPIRETIME', 'k'),
      ['GETEX', 'k', 'PXAT', '99999999999999'], cmp('approx-ms', 'PEXPIRETIME', 'k'), ['GETEX', 'k', 'EX', '10', 'PX', '10'], ['GETEX', 'k', 'PERSIST', 'EX', '10'],
      ['GETEX', 'k', 'EX', '0'], ['GETEX', 'k', 'EX', '-1'], ['GETEX', 'k', 'EX'], ['GETEX', 'k', 'KEEPTTL'], ['GETEX', 'k', 'EX', 'abc'],
      ['GETEX', 'missing', 'EX', '10'], ['GETEX', 'missing', 'EX', '0'], ['GETEX', 'k', 'EXAT', '1'], ['EXISTS', 'k'], ['GETEX', 'k', 'EX', '9223372036854775807'],
    ],
  },
  {
    name: 'MGET MSET MSETNX with odd arguments, repeats and missing keys',
    steps: [
      ['MSET', 'a', '1', 'b', '2'], ['MGET', 'a', 'b', 'c', 'a'], ['MSET', 'a'], ['MSET', 'a', '1', 'b'], ['MSETNX', 'c', '3', 'a', '9'], ['GET', 'c'],
      ['MSETNX', 'c', '3', 'd', '4'], ['MGET', 'c', 'd'], ['MSETNX', 'e', '1', 'e', '2'], ['GET', 'e'], ['MSETNX', 'x'], ['MSET', 'a', '1', 'a', '2'], ['GET', 'a'],
    ],
  },
  {
    name: 'APPEND STRLEN and the encodings they leave',
    steps: [
      ['APPEND', 'k', ''], ['EXISTS', 'k'], ['STRLEN', 'k'], ['SET', 'n', '12345'], ['OBJECT', 'ENCODING', 'n'], ['STRLEN', 'n'], ['APPEND', 'n', '6'],
      ['OBJECT', 'ENCODING', 'n'], ['GET', 'n'], ['INCR', 'n'], ['OBJECT', 'ENCODING', 'n'], ['APPEND', 'e', 'x'.repeat(44)], ['OBJECT', 'ENCODING', 'e'],
      ['SET', 'e', 'x'.repeat(44)], ['OBJECT', 'ENCODING', 'e'], ['SET', 'e', 'x'.repeat(45)], ['OBJECT', 'ENCODING', 'e'], ['STRLEN', 'missing'],
    ],
  },
  {
    name: 'SETRANGE pads with zero bytes and refuses bad offsets',
    steps: [
      ['SETRANGE', 'k', '0', ''], ['EXISTS', 'k'], ['SETRANGE', 'k', '5', 'x'], ['GET', 'k'], ['SETRANGE', 'k', '0', 'abc'], ['GET', 'k'],
      ['SETRANGE', 'k', '-1', 'x'], ['SETRANGE', 'k', '536870912', 'x'], ['SETRANGE', 'k', '536870911', 'xy'], ['SETRANGE', 'k', '536870912', ''],
      ['SETRANGE', 'k', 'abc', 'x'], ['SETRANGE', 'k', '9223372036854775807', 'x'], ['SET', 'n', '123'], ['SETRANGE', 'n', '1', '9'], ['GET', 'n'],
      ['OBJECT', 'ENCODING', 'n'], ['SETRANGE', 'missing', '3', ''], ['EXISTS', 'missing'],
    ],
  },
  {
    name: 'GETRANGE and SUBSTR with negative, reversed and huge indexes',
    steps: [
      ['SET', 'k', 'Hello World'], ['GETRANGE', 'k', '0', '4'], ['GETRANGE', 'k', '-5', '-1'], ['GETRANGE', 'k', '0', '-1'], ['GETRANGE', 'k', '5', '3'],
      ['GETRANGE', 'k', '-100', '100'], ['GETRANGE', 'k', '-1', '-5'], ['GETRANGE', 'k', '20', '30'], ['GETRANGE', 'k', '0', '0'],
      ['GETRANGE', 'k', '9223372036854775807', '9223372036854775807'], ['GETRANGE', 'k', '-9223372036854775808', '9223372036854775807'],
      ['GETRANGE', 'k', 'a', '1'], ['GETRANGE', 'missing', '0', '-1'], ['SET', 'n', '1234'], ['GETRANGE', 'n', '1', '2'], ['SUBSTR', 'k', '0', '-1'],
      ['SUBSTR', 'k', '3', '1'], ['SET', 'e', ''], ['GETRANGE', 'e', '0', '-1'], ['GETRANGE', 'e', '0', '0'], ['GETRANGE', 'e', '-1', '-1'],
    ],
  },
  {
    name: 'INCR and DECR on near-integers, 64-bit edges and overflow',
    steps: [
      ['INCR', 'k'], ['INCRBY', 'k', '10'], ['DECRBY', 'k', '3'], ['DECR', 'k'], ['GET', 'k'],
      ...[' 1', '1 ', '+1', '-0', '0x10', '1e3', '007', '', 'abc', '1.0', '9223372036854775808', '-9223372036854775809'].flatMap((v) => [
        ['SET', 'k', v], ['INCR', 'k'],
      ]),
      ['SET', 'k', '9223372036854775807'], ['INCR', 'k'], ['INCRBY', 'k', '0'], ['SET', 'k', '-9223372036854775808'], ['DECR', 'k'],
      ['SET', 'k', '0'], ['INCRBY', 'k', '9223372036854775807'], ['INCRBY', 'k', '1'], ['SET', 'k', '0'], ['DECRBY', 'k', '-9223372036854775808'],
      ['INCRBY', 'k', '-9223372036854775808'], ['DECRBY', 'k', '9223372036854775807'], ['DECRBY', 'k', '1'], ['DECRBY', 'k', '1'],
      ['INCRBY', 'k', 'x'], ['INCRBY', 'k', '9223372036854775808'], ['INCRBY', 'k', ' 1'], ['SET', 'k', '99'], ['INCR', 'k'], ['OBJECT', 'ENCODING', 'k'],
      ['SET', 'k', 'x'.repeat(50)], ['INCR', 'k'],
    ],
  },
  {
    name: 'INCRBYFLOAT formats like Redis and refuses NaN and infinity',
    steps: [
      ['INCRBYFLOAT', 'f', '10.5'], ['INCRBYFLOAT', 'f', '0.1'], ['INCRBYFLOAT', 'f', '-5.0e3'], ['INCRBYFLOAT', 'f', '3.0000000000000004'],
      ['SET', 'f', '10.50'], ['INCRBYFLOAT', 'f', '0'], ['SET', 'f', '1'], ['INCRBYFLOAT', 'f', '1e17'], ['INCRBYFLOAT', 'f', '1e-17'],
      ['INCRBYFLOAT', 'f', 'inf'], ['INCRBYFLOAT', 'f', '-inf'], ['INCRBYFLOAT', 'f', 'nan'], ['INCRBYFLOAT', 'f', '1e309'], ['INCRBYFLOAT', 'f', ' 1'],
      ['INCRBYFLOAT', 'f', '1 '], ['INCRBYFLOAT', 'f', ''], ['INCRBYFLOAT', 'f', '0x10'], ['INCRBYFLOAT', 'f', '1e3'], ['INCRBYFLOAT', 'f', '.5'], ['INCRBYFLOAT', 'f', '5.'],
      ['SET', 'f', '1.7976931348623157e308'], ['INCRBYFLOAT', 'f', '1.7976931348623157e308'], ['SET', 'f', 'inf'], ['INCRBYFLOAT', 'f', '1'],
      ['SET', 'f', '  1'], ['INCRBYFLOAT', 'f', '1'], ['SET', 'f', '0x10'], ['INCRBYFLOAT', 'f', '1'], ['SET', 'f', '5e-324'], ['INCRBYFLOAT', 'f', '0'],
      ['SET', 'f', '-0'], ['INCRBYFLOAT', 'f', '0'], ['INCRBYFLOAT', 'g', '123456789.123456789'], ['INCRBYFLOAT', 'g', '-123456789.123456789'],
      cmp('exact', 'INCRBYFLOAT', 'h', '0.1'), ['INCRBYFLOAT', 'h', '0.2'], ['SET', 'f', '1'], ['EXPIRE', 'f', '1000'], ['INCRBYFLOAT', 'f', '1'], cmp('approx-s', 'TTL', 'f'),
    ],
  },
  {
    name: 'LCS with LEN, IDX, MINMATCHLEN and WITHMATCHLEN',
    steps: [
      ['MSET', 'a', 'ohmytext', 'b', 'mynewtext'], ['LCS', 'a', 'b'], ['LCS', 'a', 'b', 'LEN'], ['LCS', 'a', 'b', 'IDX'], ['LCS', 'a', 'b', 'IDX', 'MINMATCHLEN', '4'],
      ['LCS', 'a', 'b', 'IDX', 'WITHMATCHLEN'], ['LCS', 'a', 'b', 'IDX', 'MINMATCHLEN', '2', 'WITHMATCHLEN'], ['LCS', 'a', 'b', 'LEN', 'IDX'],
      ['LCS', 'a', 'b', 'MINMATCHLEN', 'x'], ['LCS', 'a', 'b', 'MINMATCHLEN', '-1', 'IDX'], ['LCS', 'a', 'b', 'FOO'], ['LCS', 'a', 'missing'],
      ['LCS', 'missing', 'missing', 'IDX'], ['LCS', 'a', 'a', 'IDX', 'WITHMATCHLEN'], ['SET', 'e', ''], ['LCS', 'e', 'a', 'IDX'],
      ['MSET', 'c', '\x00\xff\x00abc', 'd', 'ab\x00\xffc'], ['LCS', 'c', 'd'], ['LCS', 'c', 'd', 'IDX', 'WITHMATCHLEN'],
      ['LCS', 'a', 'b', 'MINMATCHLEN'], ['LCS', 'a', 'b', 'idx', 'len'],
    ],
  },
  {
    name: 'string commands on another type answer WRONGTYPE',
    steps: [
      ['LPUSH', 'l', 'x'], ['GET', 'l'], ['SET', 'l', 'v', 'GET'], ['GETSET', 'l', 'v'], ['APPEND', 'l', 'x'], ['STRLEN', 'l'], ['INCR', 'l'],
      ['INCRBYFLOAT', 'l', '1'], ['SETRANGE', 'l', '0', 'x'], ['GETRANGE', 'l', '0', '1'], ['GETDEL', 'l'], ['GETEX', 'l'], ['MGET', 'l', 'x'],
      ['LCS', 'l', 'x'], ['SET', 'l', 'v', 'NX'], ['SET', 'l', 'v'], ['GET', 'l'],
    ],
  },
]);
