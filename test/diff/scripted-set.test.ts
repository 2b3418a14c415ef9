// Hand-written set sequences (t_set.c's corners), each compared with redis-server reply by reply:
// encodings and their conversion, intset order, the SPOP and SRANDMEMBER cases, the STORE forms,
// SINTERCARD and SSCAN arguments, RESP3 reply types, WATCH.
import { fromUtf8 } from '../../src/core/index.js';
import type { Call } from './call.js';
import { scriptedSuite, step } from './harness.js';

const { cmp, on } = step;

/** A whole SSCAN iteration (cursor after the key), compared as the sorted members. */
const sscanAll = (key: string, ...opts: string[]): Call => ({ argv: ['SSCAN', key, '0', ...opts], op: 'scanAll' });
const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => String(from + i));

const INT64 = ['9223372036854775807', '-9223372036854775808', '9007199254740993', '-9007199254740993', '9007199254740992', '0', '-1', '4294967296'];

scriptedSuite('differential scripted: sets', [
  {
    name: 'SADD creates an intset for a canonical integer, a hashtable otherwise',
    steps: [
      ['SADD', 'i', '5', '-3', '100', '0'], ['OBJECT', 'ENCODING', 'i'], ['SMEMBERS', 'i'],
      ...['+1', '01', '-0', ' 1', '1 ', '1.0', '0x1', '', '9223372036854775808', '-9223372036854775809', '18446744073709551615', 'a', '\x00'].flatMap((m, n) => [
        ['SADD', `h${n}`, m], ['OBJECT', 'ENCODING', `h${n}`], ['SADD', `h${n}`, '1'], ['OBJECT', 'ENCODING', `h${n}`],
      ]),
      ['SADD', 'e', ...INT64], ['OBJECT', 'ENCODING', 'e'], ['SMEMBERS', 'e'], ['SISMEMBER', 'e', '9223372036854775807'], ['SISMEMBER', 'e', '09223372036854775807'],
      ['SISMEMBER', 'e', '9223372036854775808'], ['SMISMEMBER', 'e', '-0', '0', '+0', '-1', ' -1', '9007199254740993', '9007199254740994'],
    ],
  },
  {
    name: 'an intset converts when a non-integer comes or past 512 members, and never back',
    steps: [
      ['SADD', 's', ...range(0, 512)], ['OBJECT', 'ENCODING', 's'], ['SCARD', 's'], ['SADD', 's', '0', '511'], ['OBJECT', 'ENCODING', 's'],
      ['SADD', 's', '512'], ['OBJECT', 'ENCODING', 's'], ['SCARD', 's'], ['SREM', 's', ...range(0, 510)], ['OBJECT', 'ENCODING', 's'], cmp('sorted', 'SMEMBERS', 's'),
      ['SADD', 't', ...range(-5, 10)], ['SADD', 't', 'x'], ['OBJECT', 'ENCODING', 't'], ['SREM', 't', 'x'], ['OBJECT', 'ENCODING', 't'], cmp('sorted', 'SMEMBERS', 't'),
      ['SADD', 'u', ...range(1000, 600)], ['OBJECT', 'ENCODING', 'u'], ['SADD', 'v', 'a', ...range(0, 3)], ['OBJECT', 'ENCODING', 'v'],
    ],
  },
  {
    name: 'set-max-intset-entries moves the threshold (0 makes every set a hashtable)',
    steps: [
      ['CONFIG', 'SET', 'set-max-intset-entries', '3'], ['SADD', 'a', '1', '2', '3'], ['OBJECT', 'ENCODING', 'a'], ['SADD', 'a', '4'], ['OBJECT', 'ENCODING', 'a'],
      ['CONFIG', 'SET', 'set-max-intset-entries', '0'], ['SADD', 'b', '1'], ['OBJECT', 'ENCODING', 'b'], ['SMOVE', 'a', 'c', '1'], ['OBJECT', 'ENCODING', 'c'],
      ['CONFIG', 'SET', 'set-max-intset-entries', '2'], ['SADD', 'd', '1', '2'], ['SUNIONSTORE', 'e', 'd'], ['OBJECT', 'ENCODING', 'e'], ['SADD', 'f', '1', '2', '3'],
      ['SINTERSTORE', 'g', 'f', 'f'], ['OBJECT', 'ENCODING', 'g'], ['SDIFFSTORE', 'h', 'd'], ['OBJECT', 'ENCODING', 'h'],
      ['CONFIG', 'SET', 'set-max-intset-entries', '512'], ['SADD', 'z', '1'], ['OBJECT', 'ENCODING', 'z'],
    ],
  },
  {
    name: 'SREM removes, counts, and deletes the emptied key',
    steps: [
      ['SADD', 's', 'a', 'b', 'c'], ['SREM', 's', 'a', 'a', 'x'], ['SREM', 's', 'b', 'c', 'd'], ['EXISTS', 's'], ['SREM', 's', 'a'], ['SREM', 'missing', 'a'],
      ['SADD', 'i', '1', '2'], ['SREM', 'i', '01', '+1', '1.0', 'x'], ['SREM', 'i', '1', '2', '3'], ['EXISTS', 'i'], ['SET', 'str', 'v'], ['SREM', 'str', 'v'],
      ['SADD', 'str', 'x'], ['SCARD', 'str'], ['SISMEMBER', 'str', 'v'], ['SMEMBERS', 'str'], ['SMISMEMBER', 'str', 'v'], ['SMISMEMBER', 'missing', 'a', 'b'],
    ],
  },
  {
    name: 'SMOVE: missing source, wrong types in either place, the same key, new destinations',
    steps: [
      ['SET', 'str', 'v'], ['SMOVE', 'missing', 'str', 'a'], ['SADD', 's', 'a', '1', '2'], ['SMOVE', 's', 'str', 'a'], ['SMOVE', 'str', 's', 'a'], ['SMOVE', 's', 's', 'a'],
      ['SMOVE', 's', 's', 'zz'], ['SMOVE', 's', 'd', 'zz'], ['EXISTS', 'd'], ['SMOVE', 's', 'd', '1'], ['OBJECT', 'ENCODING', 'd'], ['SMOVE', 's', 'd2', 'a'],
      ['OBJECT', 'ENCODING', 'd2'], ['SMOVE', 's', 'd', '2'], ['EXISTS', 's'], ['SMEMBERS', 'd'], ['SADD', 'x', '7'], ['SADD', 'y', '7'], ['SMOVE', 'x', 'y', '7'],
      ['EXISTS', 'x'], ['SMEMBERS', 'y'], ['SADD', 'n', '5'], ['SMOVE', 'y', 'n', '7'], ['SADD', 'n', 'q'], ['SMOVE', 'n', 'y', 'q'], ['OBJECT', 'ENCODING', 'y'],
    ],
  },
  {
    name: 'SPOP: one member, counts, errors, and the whole set in the order SUNION builds it',
    steps: [
      ['SPOP', 'missing'], ['SPOP', 'missing', '3'], ['SPOP', 'missing', '0'], ['SPOP', 'missing', '-1'], ['SPOP', 'missing', 'abc'], ['SPOP', 's', '1', '2'],
      ['SADD', 's', 'only'], ['SPOP', 's'], ['EXISTS', 's'], ['SADD', 'i', '3', '1', '2', '-5', '9223372036854775807'], ['SPOP', 'i', '0'], ['SPOP', 'i', '-1'],
      ['SPOP', 'i', '1.5'], ['SPOP', 'i', '9223372036854775808'], ['SPOP', 'i', '9223372036854775807'], ['EXISTS', 'i'],
      // A hashtable of integers (a member was removed) pops whole as an intset-built, ascending set.
      ['SADD', 'h', 'a', '30', '-2', '10', '7'], ['SREM', 'h', 'a'], ['OBJECT', 'ENCODING', 'h'], ['SPOP', 'h', '4'], ['EXISTS', 'h'],
      ['SADD', 'i', '1', '2', '3'], ['SPOP', 'i', '3'], ['SADD', 'w', '1', '2'], ['EXPIRE', 'w', '100'], ['SPOP', 'w', '0'], cmp('approx-s', 'TTL', 'w'),
      ['SET', 'str', 'v'], ['SPOP', 'str'], ['SPOP', 'str', '1'], ['SPOP', 'str', '0'], ['SPOP', 'str', '-1'],
    ],
  },
  {
    name: 'SPOP with a count leaves a set of the right size, encoding and TTL',
    steps: [
      ['SADD', 'i', ...range(0, 100)], ['EXPIRE', 'i', '1000'], cmp('rand:u', 'SPOP', 'i', '10'), ['SCARD', 'i'], ['OBJECT', 'ENCODING', 'i'],
      cmp('rand:u', 'SPOP', 'i', '85'), ['SCARD', 'i'], ['OBJECT', 'ENCODING', 'i'], cmp('approx-s', 'TTL', 'i'), cmp('rand:u', 'SPOP', 'i'), ['SCARD', 'i'],
      ['SADD', 'b', ...range(0, 700)], ['OBJECT', 'ENCODING', 'b'], cmp('rand:u', 'SPOP', 'b', '650'), ['SCARD', 'b'], ['OBJECT', 'ENCODING', 'b'],
      ['SADD', 'x', ...range(0, 20).map((n) => `m${n}`)], cmp('rand:u', 'SPOP', 'x', '19'), ['SCARD', 'x'], ['OBJECT', 'ENCODING', 'x'],
      ['SADD', 'y', ...range(0, 20).map((n) => `m${n}`)], cmp('rand:u', 'SPOP', 'y', '3'), ['SCARD', 'y'], cmp('rand:u', 'SPOP', 'y', '100'), ['EXISTS', 'y'],
    ],
  },
  {
    name: 'SRANDMEMBER: counts, errors, and the whole set in its order',
    steps: [
      ['SRANDMEMBER', 'missing'], ['SRANDMEMBER', 'missing', '5'], ['SRANDMEMBER', 'missing', '-5'], ['SRANDMEMBER', 'missing', '0'],
      ['SRANDMEMBER', 'missing', '-9223372036854775808'], ['SRANDMEMBER', 'missing', 'abc'], ['SRANDMEMBER', 'i', '1', '2'],
      ['SADD', 'i', '30', '-2', '10', '7', '9223372036854775807'], ['SRANDMEMBER', 'i', '5'], ['SRANDMEMBER', 'i', '100'], ['SRANDMEMBER', 'i', '9223372036854775807'],
      ['SRANDMEMBER', 'i', '0'], ['SRANDMEMBER', 'i', '-0'], ['SRANDMEMBER', 'i', '9223372036854775808'], ['SRANDMEMBER', 'i', '-9223372036854775808'],
      ['SRANDMEMBER', 'i', ' 1'], ['SRANDMEMBER', 'i', '1.0'], cmp('rand:u', 'SRANDMEMBER', 'i'), cmp('rand:u', 'SRANDMEMBER', 'i', '1'),
      cmp('rand:u', 'SRANDMEMBER', 'i', '3'), cmp('rand:', 'SRANDMEMBER', 'i', '-3'), cmp('rand:c', 'SRANDMEMBER', 'i', '-2000'),
      ['SADD', 'h', 'a', 'b', 'c', '\x00', ''], cmp('rand:uc', 'SRANDMEMBER', 'h', '5'), cmp('rand:u', 'SRANDMEMBER', 'h', '4'), cmp('rand:c', 'SRANDMEMBER', 'h', '-1000'),
      ['SADD', 'b', ...range(0, 3000)], cmp('rand:u', 'SRANDMEMBER', 'b', '10'), cmp('rand:u', 'SRANDMEMBER', 'b', '2000'), cmp('rand:', 'SRANDMEMBER', 'b', '-50'),
      ['SET', 'str', 'v'], ['SRANDMEMBER', 'str'], ['SRANDMEMBER', 'str', '0'], ['SRANDMEMBER', 'str', 'x'],
    ],
  },
  {
    name: 'SINTER SUNION SDIFF: missing keys, wrong types, repeated keys, intset order',
    steps: [
      ['SADD', 'a', '3', '1', '2', '-7'], ['SADD', 'b', '2', '3', '4'], ['SADD', 'c', '3', 'x'], ['SET', 'str', 'v'],
      ['SINTER', 'a', 'b'], ['SINTER', 'a'], ['SINTER', 'a', 'missing'], ['SINTER', 'missing', 'str'], ['SINTER', 'a', 'str'], ['SINTER', 'a', 'a'],
      cmp('sorted', 'SINTER', 'c', 'a'), ['SUNION', 'a', 'b'], ['SUNION', 'missing'], ['SUNION', 'a', 'missing', 'b'], ['SUNION', 'missing', 'str'],
      cmp('sorted', 'SUNION', 'a', 'c'), ['SDIFF', 'a', 'b'], ['SDIFF', 'a', 'a'], ['SDIFF', 'a', 'b', 'a'], ['SDIFF', 'missing', 'a'], ['SDIFF', 'a', 'missing'],
      ['SDIFF', 'a', 'str'], ['SDIFF', 'str', 'a'], ['SDIFF', 'a', 'c'], cmp('sorted', 'SDIFF', 'c', 'a'), ['SDIFF', 'b', 'a', 'c'],
      ['SADD', 'h', 'x', '9', '8'], ['SREM', 'h', 'x'], ['SUNION', 'h'], ['SDIFF', 'h', 'missing'], ['SINTER', 'h', 'a'],
    ],
  },
  {
    name: 'the STORE forms replace any type, drop the TTL, delete on an empty result, and pick Redis encodings',
    steps: [
      ['SADD', 'a', '3', '1', '2'], ['SADD', 'b', '2', '3', '4'], ['SADD', 'm', 'x', '1'], ['SET', 'dst', 'v', 'EX', '100'],
      ['SINTERSTORE', 'dst', 'a', 'b'], ['TYPE', 'dst'], ['TTL', 'dst'], ['SMEMBERS', 'dst'], ['OBJECT', 'ENCODING', 'dst'], ['SINTERSTORE', 'dst', 'a', 'missing'],
      ['EXISTS', 'dst'], ['SINTERSTORE', 'dst', 'a', 'missing'], ['LPUSH', 'l', 'x'], ['SUNIONSTORE', 'l', 'a', 'm'], ['TYPE', 'l'], ['OBJECT', 'ENCODING', 'l'],
      ['SUNIONSTORE', 'l', 'missing'], ['EXISTS', 'l'], ['SDIFFSTORE', 'a2', 'a', 'b'], ['SMEMBERS', 'a2'], ['SDIFFSTORE', 'a2', 'a', 'a'], ['EXISTS', 'a2'],
      ['SET', 'str', 'v'], ['SINTERSTORE', 'dst', 'str'], ['SUNIONSTORE', 'dst', 'a', 'str'], ['SDIFFSTORE', 'dst', 'str'], ['SUNIONSTORE', 'a', 'a', 'b'], ['SMEMBERS', 'a'],
      // SDIFF's second algorithm (many small sets) adds then removes: a hashtable of integers.
      ['SADD', 'd0', '1', 'q', '2', '3'], ['SADD', 'x1', 'q'], ['SADD', 'x2', 'zz'], ['SADD', 'x3', 'yy'], ['SDIFFSTORE', 'r', 'd0', 'x1', 'x2', 'x3'],
      ['OBJECT', 'ENCODING', 'r'], ['SDIFFSTORE', 'r', 'd0', 'x1', 'x2'], ['OBJECT', 'ENCODING', 'r'], ['SMEMBERS', 'r'],
      ['SADD', 'big', ...range(0, 600)], ['SINTERSTORE', 'r', 'big', 'big'], ['OBJECT', 'ENCODING', 'r'], ['SDIFFSTORE', 'r', 'big', 'a'], ['OBJECT', 'ENCODING', 'r'],
      ['SREM', 'big', ...range(0, 500)], ['SUNIONSTORE', 'r', 'big'], ['OBJECT', 'ENCODING', 'r'], ['SMEMBERS', 'r'],
    ],
  },
  {
    name: 'SINTERCARD: numkeys, LIMIT and their errors',
    steps: [
      ['SADD', 'a', '1', '2', '3', 'x'], ['SADD', 'b', '2', '3', 'x', 'y'], ['SET', 'str', 'v'],
      ['SINTERCARD', '2', 'a', 'b'], ['SINTERCARD', '1', 'a'], ['SINTERCARD', '2', 'a', 'b', 'LIMIT', '2'], ['SINTERCARD', '2', 'a', 'b', 'limit', '0'],
      ['SINTERCARD', '2', 'a', 'b', 'LIMIT', '100'], ['SINTERCARD', '2', 'a', 'missing'], ['SINTERCARD', '2', 'missing', 'str'], ['SINTERCARD', '1', 'str'],
      ['SINTERCARD', '0', 'a'], ['SINTERCARD', '-1', 'a'], ['SINTERCARD', 'x', 'a'], ['SINTERCARD', '3', 'a', 'b'], ['SINTERCARD', '9223372036854775807', 'a'],
      ['SINTERCARD', '9223372036854775808', 'a'], ['SINTERCARD', '1', 'a', 'LIMIT'], ['SINTERCARD', '1', 'a', 'LIMIT', '-1'], ['SINTERCARD', '1', 'a', 'LIMIT', 'x'],
      ['SINTERCARD', '1', 'a', 'FOO'], ['SINTERCARD', '1', 'a', 'LIMIT', '1', 'LIMIT', '3'], ['SINTERCARD', '1', 'a', 'b'], ['SINTERCARD', '1', 'a', 'LIMIT', '9223372036854775807'],
      ['COMMAND', 'GETKEYS', 'SINTERCARD', '2', 'a', 'b', 'LIMIT', '1'], ['COMMAND', 'GETKEYS', 'SINTERCARD', '1x', 'a', 'b'], ['COMMAND', 'GETKEYS', 'SINTERCARD', '0', 'a'],
    ],
  },
  {
    name: 'SSCAN: an intset in one page, a hashtable to the end, MATCH, and argument errors in Redis order',
    steps: [
      ['SADD', 'i', '30', '-2', '10', '7', '100', '11'], ['SSCAN', 'i', '0'], ['SSCAN', 'i', '0', 'COUNT', '1'], ['SSCAN', 'i', '12345'], ['SSCAN', 'i', '0', 'MATCH', '1*'],
      ['SSCAN', 'i', '0', 'MATCH', '-*', 'COUNT', '2'], ['SSCAN', 'missing', '0'], ['SSCAN', 'missing', '0', 'COUNT', '0'], ['SSCAN', 'missing', 'x'],
      ['SET', 'str', 'v'], ['SSCAN', 'str', '0', 'COUNT', '0'], ['SSCAN', 'str', 'x'], ['SSCAN', 'i', '0', 'COUNT', '0'], ['SSCAN', 'i', '0', 'MATCH'],
      ['SSCAN', 'i', '0', 'TYPE', 'set'], ['SSCAN', 'i', '-1'], ['SSCAN', 'i', '18446744073709551616'],
      ['SADD', 'h', ...range(0, 700), 'a', '', '\x00', fromUtf8('ü')], sscanAll('h'), sscanAll('h', 'COUNT', '7'), sscanAll('h', 'MATCH', '1*', 'COUNT', '50'),
      sscanAll('h', 'MATCH', '*\x00*'), sscanAll('h', 'COUNT', '100000'),
    ],
  },
  {
    name: 'RESP3: sets as sets, SRANDMEMBER counts as arrays, empty replies of each kind',
    steps: [
      cmp('hello', 'HELLO', '3'), ['SADD', 'i', '3', '1', '2'], ['SMEMBERS', 'i'], ['SMEMBERS', 'missing'], ['SINTER', 'i', 'missing'], ['SUNION', 'i'], ['SDIFF', 'i', 'missing'],
      ['SRANDMEMBER', 'i', '10'], ['SRANDMEMBER', 'missing', '10'], ['SRANDMEMBER', 'i', '0'], ['SRANDMEMBER', 'missing'], ['SPOP', 'missing'], ['SPOP', 'missing', '2'],
      ['SPOP', 'i', '0'], ['SMISMEMBER', 'i', '1', '9'], ['SSCAN', 'i', '0'], ['SSCAN', 'missing', '0'], ['SPOP', 'i', '10'],
    ],
  },
  {
    name: 'WATCH: writes that change nothing leave the key untouched; SMOVE touches the destination only when it adds',
    steps: [
      ['SADD', 's', 'a', 'b'], ['SADD', 'd', 'a'], ['WATCH', 'd'], ['SMOVE', 's', 'd', 'a'], ['MULTI'], ['PING'], ['EXEC'],
      ['WATCH', 's'], ['SADD', 's', 'b'], ['SREM', 's', 'zz'], ['SPOP', 'missing'], ['MULTI'], ['PING'], ['EXEC'],
      ['WATCH', 's'], ['SMOVE', 's', 'd', 'b'], ['MULTI'], ['PING'], ['EXEC'], ['WATCH', 'x'], ['SINTERSTORE', 'x', 'missing'], ['MULTI'], ['PING'], ['EXEC'],
      ['SADD', 'x', '1'], ['WATCH', 'x'], on(1, 'SINTERSTORE', 'x', 'missing'), ['MULTI'], ['PING'], ['EXEC'],
    ],
  },
  {
    name: 'MULTI/EXEC runs set commands in order; COPY and RENAME keep a set and its encoding',
    steps: [
      ['MULTI'], ['SADD', 's', '1', '2', '3'], ['SREM', 's', '2'], ['SMEMBERS', 's'], ['SCARD', 's'], ['SPOP', 's', '10'], ['EXISTS', 's'], ['EXEC'],
      ['SADD', 'i', '5', '1'], ['COPY', 'i', 'j'], ['OBJECT', 'ENCODING', 'j'], ['SMEMBERS', 'j'], ['SADD', 'h', 'x', '9'], ['SREM', 'h', 'x'], ['COPY', 'h', 'h2'],
      ['OBJECT', 'ENCODING', 'h2'], ['SADD', 'j', '0'], ['SMEMBERS', 'i'], ['SMEMBERS', 'j'], ['RENAME', 'j', 'k'], ['OBJECT', 'ENCODING', 'k'], ['SMEMBERS', 'k'],
      ['MOVE', 'k', '1'], ['SELECT', '1'], ['SMEMBERS', 'k'], ['OBJECT', 'ENCODING', 'k'],
    ],
  },
  {
    name: 'binary members: NUL, 0xff, the empty string, UTF-8, long ones',
    steps: [
      ['SADD', 'b', '\x00', '\xff', '', 'a\x00b', fromUtf8('日本'), 'x'.repeat(10_000)], ['SCARD', 'b'], cmp('sorted', 'SMEMBERS', 'b'), ['SISMEMBER', 'b', ''],
      ['SISMEMBER', 'b', 'a\x00'], ['SISMEMBER', 'b', 'x'.repeat(10_000)], ['SREM', 'b', '\xff', ''], cmp('sorted', 'SMEMBERS', 'b'), ['SADD', '', ''], ['SMEMBERS', ''],
      ['SMOVE', '', '\x00', ''], ['SMEMBERS', '\x00'], ['EXISTS', ''],
    ],
  },
]);
