// Hand-written list sequences (t_list.c's corners), each compared with redis-server reply by reply.
// Blocking pops that wait for another client are tested through our server with two real
// connections (test/server/blocking-list.test.ts); here they either pop at once, run inside MULTI,
// or time out after 10 ms on both sides.
import { scriptedSuite, step } from './harness.js';

const { cmp } = step;
const LONG_MAX = '9223372036854775807';
const LONG_MIN = '-9223372036854775808';
const many = (n: number, f: (i: number) => string = String) => Array.from({ length: n }, (_, i) => f(i));

scriptedSuite('differential scripted: lists', [
  {
    name: 'pushes keep empty, binary, integer-looking and long elements byte for byte',
    steps: [
      ['RPUSH', 'l', '', '\x00', '\xff\x00\xfe', '-0', '+1', '01', '0', LONG_MIN, '9223372036854775808', ' 1', '1.0', '1e3', 'x'.repeat(100)],
      ['LPUSH', 'l', 'head', ''], ['LRANGE', 'l', '0', '-1'], ['LLEN', 'l'], ['OBJECT', 'ENCODING', 'l'], ['TYPE', 'l'],
      ['LPUSHX', 'nokey', 'a'], ['RPUSHX', 'nokey', 'a', 'b'], ['EXISTS', 'nokey'], ['RPUSHX', 'l', 'tail'], ['LPUSHX', 'l', 'h1', 'h2'],
      ['LINDEX', 'l', '0'], ['LINDEX', 'l', '-1'], ['SET', 's', 'v'], ['LPUSH', 's', 'a'], ['RPUSHX', 's', 'a'], ['LLEN', 's'],
    ],
  },
  {
    name: 'LPOP and RPOP with and without a count, on lists, missing keys and other types',
    steps: [
      ['RPUSH', 'l', 'a', 'b', 'c', 'd', 'e', 'f'], ['LPOP', 'l'], ['RPOP', 'l'], ['LPOP', 'l', '2'], ['RPOP', 'l', '1'], ['LPOP', 'l', '0'],
      ['RPOP', 'l', LONG_MAX], ['EXISTS', 'l'], ['LPOP', 'l'], ['LPOP', 'l', '1'], ['RPOP', 'l', '0'], ['LPOP', 'l', '-1'], ['LPOP', 'l', 'abc'],
      ['LPOP', 'l', '9223372036854775808'], ['LPOP', 'l', ''], ['LPOP', 'l', '1', '2'], ['SET', 's', 'v'], ['LPOP', 's'], ['LPOP', 's', '0'],
      ['LPOP', 's', '-1'], ['RPOP', 's', '3'],
    ],
  },
  {
    name: 'null forms in RESP3: LPOP, LPOS, LINDEX, LMPOP and a blocking pop inside MULTI',
    steps: [
      cmp('hello', 'HELLO', '3'), ['LPOP', 'nokey'], ['LPOP', 'nokey', '1'], ['LINDEX', 'nokey', '0'], ['LPOS', 'nokey', 'a'], ['LPOS', 'nokey', 'a', 'COUNT', '0'],
      ['LMPOP', '1', 'nokey', 'LEFT'], ['RPUSH', 'l', 'a'], ['LPOS', 'l', 'z'], ['LINDEX', 'l', '5'], ['LMOVE', 'nokey', 'l', 'LEFT', 'LEFT'],
      ['MULTI'], ['BLPOP', 'nokey', '0'], ['BLMOVE', 'nokey', 'l', 'LEFT', 'LEFT', '0'], ['BLMPOP', '0', '1', 'nokey', 'RIGHT'], ['EXEC'],
    ],
  },
  {
    name: 'LRANGE, LTRIM and LINDEX at the int64 edges and past the ends',
    steps: [
      ['RPUSH', 'l', ...many(10)], ['LRANGE', 'l', LONG_MIN, LONG_MAX], ['LRANGE', 'l', LONG_MAX, LONG_MIN], ['LRANGE', 'l', '-9223372036854775809', '0'],
      ['LRANGE', 'l', '-3', '-1'], ['LRANGE', 'l', '-100', '2'], ['LRANGE', 'l', '5', '3'], ['LRANGE', 'l', '9', '100'], ['LRANGE', 'l', '10', '10'],
      ['LRANGE', 'l', '0x1', '2'], ['LRANGE', 'l', ' 1', '2'], ['LRANGE', 'l', '1', '2 '], ['LRANGE', 'l', '+1', '2'], ['LRANGE', 'l', '-0', '0'],
      ['LINDEX', 'l', LONG_MIN], ['LINDEX', 'l', LONG_MAX], ['LINDEX', 'l', '-10'], ['LINDEX', 'l', '-11'], ['LINDEX', 'l', '1.0'],
      ['LTRIM', 'l', '2', '-3'], ['LRANGE', 'l', '0', '-1'], ['LTRIM', 'l', LONG_MIN, LONG_MAX], ['LRANGE', 'l', '0', '-1'],
      ['LTRIM', 'l', '-2', LONG_MAX], ['LRANGE', 'l', '0', '-1'], ['LTRIM', 'l', '1', '0'], ['EXISTS', 'l'], ['LTRIM', 'l', 'x', '0'], ['LTRIM', 'l', '0', '0'],
    ],
  },
  {
    name: 'LSET: missing key, type, index parsing and range, in that order',
    steps: [
      ['LSET', 'nokey', 'x', 'v'], ['SET', 's', 'v'], ['LSET', 's', 'x', 'v'], ['RPUSH', 'l', 'a', 'b', 'c'], ['LSET', 'l', 'x', 'v'],
      ['LSET', 'l', '3', 'v'], ['LSET', 'l', '-4', 'v'], ['LSET', 'l', LONG_MIN, 'v'], ['LSET', 'l', '-3', 'first'], ['LSET', 'l', '2', ''],
      ['LSET', 'l', '1', '\x00\xff'], ['LRANGE', 'l', '0', '-1'],
    ],
  },
  {
    name: 'LINSERT before and after the first pivot, directions in any case or NUL-ended',
    steps: [
      ['LINSERT', 'nokey', 'BEFORE', 'a', 'b'], ['LINSERT', 'nokey', 'middle', 'a', 'b'], ['SET', 's', 'v'], ['LINSERT', 's', 'before', 'a', 'b'],
      ['LINSERT', 's', 'sideways', 'a', 'b'], ['RPUSH', 'l', 'a', 'b', 'a', ''], ['LINSERT', 'l', 'before', 'a', 'x'], ['LINSERT', 'l', 'AFTER', 'a', 'y'],
      ['LINSERT', 'l', 'aFtEr', '', 'end'], ['LINSERT', 'l', 'before', 'zz', 'q'], ['LINSERT', 'l', 'before\x00xyz', 'b', 'nul'],
      ['LINSERT', 'l', 'after', '', 'z'], ['LRANGE', 'l', '0', '-1'],
    ],
  },
  {
    name: 'LREM from the head, the tail, all, LONG_MIN and LONG_MAX; an emptied list is gone',
    steps: [
      ['RPUSH', 'l', 'a', 'b', 'a', 'c', 'a', 'b', 'a'], ['LREM', 'l', '2', 'a'], ['LRANGE', 'l', '0', '-1'], ['LREM', 'l', '-1', 'a'],
      ['LRANGE', 'l', '0', '-1'], ['LREM', 'l', '0', 'b'], ['LRANGE', 'l', '0', '-1'], ['LREM', 'l', '1', 'zz'], ['LREM', 'l', 'x', 'a'],
      ['RPUSH', 'm', 'a', 'a', 'b', 'a'], ['LREM', 'm', LONG_MIN, 'a'], ['LRANGE', 'm', '0', '-1'], ['RPUSH', 'm', 'b'], ['LREM', 'm', LONG_MAX, 'b'],
      ['EXISTS', 'm'], ['LREM', 'nokey', '0', 'a'], ['SET', 's', 'v'], ['LREM', 's', '0', 'a'], ['LREM', 's', 'abc', 'a'],
    ],
  },
  {
    name: 'LPOS with RANK, COUNT and MAXLEN, RANK LONG_MIN and LONG_MAX, and option errors',
    steps: [
      ['RPUSH', 'l', 'a', 'b', 'a', 'c', 'a', 'b', 'a'], ['LPOS', 'l', 'a'], ['LPOS', 'l', 'a', 'RANK', '3'], ['LPOS', 'l', 'a', 'RANK', '-2'],
      ['LPOS', 'l', 'a', 'COUNT', '0'], ['LPOS', 'l', 'a', 'COUNT', '2', 'RANK', '-2'], ['LPOS', 'l', 'a', 'COUNT', '0', 'MAXLEN', '4'],
      ['LPOS', 'l', 'a', 'MAXLEN', '1', 'RANK', '2'], ['LPOS', 'l', 'b', 'RANK', '5'], ['LPOS', 'l', 'a', 'RANK', LONG_MIN],
      ['LPOS', 'l', 'a', 'RANK', LONG_MIN, 'COUNT', '1'], ['LPOS', 'l', 'a', 'RANK', LONG_MIN, 'COUNT', '2', 'MAXLEN', '5'],
      ['LPOS', 'l', 'a', 'RANK', '-9223372036854775807', 'COUNT', '1'], ['LPOS', 'l', 'a', 'RANK', LONG_MAX], ['LPOS', 'l', 'a', 'RANK', '0'],
      ['LPOS', 'l', 'a', 'RANK', '9223372036854775808'], ['LPOS', 'l', 'a', 'COUNT', '-1'], ['LPOS', 'l', 'a', 'COUNT', 'x'], ['LPOS', 'l', 'a', 'MAXLEN', '-1'],
      ['LPOS', 'l', 'a', 'RANK'], ['LPOS', 'l', 'a', 'rank', '1', 'count'], ['LPOS', 'l', 'a', 'FOO', '1'], ['LPOS', 'l', 'a', 'rank\x00x', '2'],
      ['LPOS', 'l', 'a', 'RANK', '1', 'RANK', '-1'], ['SET', 's', 'v'], ['LPOS', 's', 'a'], ['LPOS', 's', 'a', 'RANK', '0'],
    ],
  },
  {
    name: 'LMOVE and RPOPLPUSH: all four ends, rotation onto itself, missing source, wrong types',
    steps: [
      ['RPUSH', 's', 'a', 'b', 'c', 'd'], ['LMOVE', 's', 'd', 'LEFT', 'LEFT'], ['LMOVE', 's', 'd', 'left', 'right'], ['LMOVE', 's', 'd', 'RIGHT', 'LEFT'],
      ['RPOPLPUSH', 's', 'd'], ['EXISTS', 's'], ['LRANGE', 'd', '0', '-1'], ['RPOPLPUSH', 'd', 'd'], ['LMOVE', 'd', 'd', 'LEFT', 'RIGHT'],
      ['LRANGE', 'd', '0', '-1'], ['RPUSH', 'one', 'x'], ['LMOVE', 'one', 'one', 'RIGHT', 'LEFT'], ['LRANGE', 'one', '0', '-1'], ['SET', 'str', 'v'],
      ['LMOVE', 'nokey', 'str', 'LEFT', 'LEFT'], ['RPOPLPUSH', 'nokey', 'str'], ['LMOVE', 'd', 'str', 'LEFT', 'LEFT'], ['LMOVE', 'str', 'd', 'LEFT', 'LEFT'],
      ['LMOVE', 'd', 'x', 'UP', 'LEFT'], ['LMOVE', 'nokey', 'x', 'LEFT', 'DOWN'], ['LMOVE', 'd', 'x', 'left\x00', 'right'], ['LRANGE', 'd', '0', '-1'],
    ],
  },
  {
    name: 'LMPOP: first non-empty key, COUNT, numkeys errors, COUNT twice, wrong types before and after',
    steps: [
      ['RPUSH', 'b', '1', '2', '3', '4'], ['LMPOP', '3', 'a', 'b', 'c', 'LEFT'], ['LMPOP', '2', 'a', 'b', 'RIGHT', 'COUNT', '2'],
      ['LMPOP', '2', 'a', 'b', 'left', 'count', LONG_MAX], ['LMPOP', '2', 'a', 'b', 'LEFT'], ['SET', 'str', 'v'], ['RPUSH', 'l', 'x'],
      ['LMPOP', '2', 'str', 'l', 'LEFT'], ['LMPOP', '2', 'l', 'str', 'LEFT'], ['LMPOP', '0', 'a', 'LEFT'], ['LMPOP', '-1', 'a', 'LEFT'],
      ['LMPOP', 'abc', 'a', 'LEFT'], ['LMPOP', LONG_MAX, 'a', 'LEFT'], ['LMPOP', '9223372036854775806', 'a', 'LEFT'], ['LMPOP', '3', 'a', 'LEFT'],
      ['LMPOP', '1', 'a', 'UP'], ['LMPOP', '1', 'a', 'LEFT', 'COUNT'], ['LMPOP', '1', 'a', 'LEFT', 'COUNT', '0'], ['LMPOP', '1', 'a', 'LEFT', 'COUNT', '-1'],
      ['LMPOP', '1', 'a', 'LEFT', 'COUNT', 'x'], ['LMPOP', '1', 'a', 'LEFT', 'COUNT', '1', 'COUNT', '1'], ['LMPOP', '1', 'a', 'LEFT', 'FOO'],
      ['LMPOP', '2', 'a', 'LEFT', 'RIGHT'], ['COMMAND', 'GETKEYS', 'LMPOP', '2', 'a', 'b', 'LEFT'], ['COMMAND', 'GETKEYS', 'BLMPOP', '0', '1', 'a', 'LEFT'],
    ],
  },
  {
    name: 'blocking pops that find elements pop at once, with errors checked in Redis order',
    steps: [
      ['RPUSH', 'b', '1', '2', '3', '4', '5'], ['BLPOP', 'a', 'b', '0'], ['BRPOP', 'a', 'b', '1.5'], ['BLMPOP', '0', '2', 'a', 'b', 'RIGHT', 'COUNT', '2'],
      ['BLMOVE', 'b', 'c', 'LEFT', 'RIGHT', '0'], ['BRPOPLPUSH', 'c', 'b', '100'], ['LRANGE', 'b', '0', '-1'], ['SET', 'str', 'v'],
      ['BLPOP', 'str', '0'], ['BLPOP', 'str', '-1'], ['BLPOP', 'str', 'abc'], ['BLPOP', 'b', 'inf'], ['BLPOP', 'b', 'nan'], ['BLPOP', 'b', LONG_MAX],
      ['BLPOP', 'b', '1e400'], ['BLPOP', 'b', ''], ['BLMOVE', 'str', 'b', 'LEFT', 'LEFT', '0'], ['BLMOVE', 'b', 'str', 'LEFT', 'LEFT', '0'],
      ['BLMOVE', 'b', 'c', 'UP', 'LEFT', 'x'], ['BLMOVE', 'b', 'c', 'LEFT', 'LEFT', 'x'], ['BRPOPLPUSH', 'str', 'b', '-1'], ['BRPOPLPUSH', 'b', 'str', '0'],
      ['BLMPOP', 'x', '0', 'b', 'LEFT'], ['BLMPOP', 'x', '1', 'b', 'UP'], ['BLMPOP', 'x', '1', 'b', 'LEFT', 'COUNT', '0'], ['BLMPOP', 'x', '1', 'b', 'LEFT'],
      ['BLMPOP', '0', '2', 'str', 'b', 'LEFT'], ['BLMPOP', '0', '2', 'b', 'str', 'LEFT'], ['LRANGE', 'b', '0', '-1'],
    ],
  },
  {
    name: 'blocking pops inside MULTI answer as their non-blocking forms, in RESP2 and RESP3',
    steps: [
      ['MULTI'], ['BLPOP', 'q', '0'], ['BRPOP', 'q', 'q2', '10'], ['BLMOVE', 'q', 'd', 'LEFT', 'RIGHT', '0'], ['BRPOPLPUSH', 'q', 'd', '0'],
      ['BLMPOP', '0', '1', 'q', 'LEFT'], ['RPUSH', 'q', 'a', 'b', 'c'], ['BLPOP', 'q', '0'], ['BLMOVE', 'q', 'd', 'RIGHT', 'LEFT', '0'],
      ['BLMPOP', '0', '1', 'q', 'LEFT', 'COUNT', '9'], ['BLPOP', 'q', '-1'], ['EXEC'], ['LRANGE', 'd', '0', '-1'], cmp('hello', 'HELLO', '3'), ['MULTI'],
      ['BLPOP', 'q', '0'], ['BRPOPLPUSH', 'q', 'd', '0'], ['BLMPOP', '0', '1', 'q', 'LEFT'], ['EXEC'],
    ],
  },
  {
    name: 'blocking pops on empty keys time out with a null array on both sides',
    steps: [['BLPOP', 'q', '0.01'], ['BRPOP', 'q', 'q2', '0.01'], ['BLMOVE', 'q', 'd', 'LEFT', 'LEFT', '0.01'], ['BRPOPLPUSH', 'q', 'd', '0.01'], ['BLMPOP', '0.01', '1', 'q', 'LEFT'], ['EXISTS', 'd']],
  },
  {
    name: 'a long list: LINSERT, LSET, LREM and LRANGE in the middle',
    steps: [
      ['RPUSH', 'l', ...many(2000)], ...Array.from({ length: 40 }, (_, i) => ['LINSERT', 'l', i % 2 ? 'BEFORE' : 'AFTER', String(1000 + i * 7), `ins${i}`]),
      ['LRANGE', 'l', '990', '1100'], ['LSET', 'l', '1500', 'set'], ['LINDEX', 'l', '1500'], ['LINDEX', 'l', '-1000'], ['LREM', 'l', '0', '1500'],
      ['LPOS', 'l', 'ins20'], ['LPOS', 'l', 'ins20', 'RANK', '-1'], ['LREM', 'l', '-3', 'ins3'], ['LTRIM', 'l', '100', '-100'], ['LLEN', 'l'],
      ['LRANGE', 'l', '-10', '-1'], ['LRANGE', 'l', '0', '9'], ['LPOP', 'l', '500'], ['RPOP', 'l', '500'], ['LLEN', 'l'], ['LRANGE', 'l', '400', '500'],
    ],
  },
  {
    name: 'lists meet the keyspace: COPY, RENAME, MOVE, EXPIRE, and the deletion of an emptied list',
    steps: [
      ['RPUSH', 'l', 'a', 'b', 'c'], ['COPY', 'l', 'c'], ['RPUSH', 'c', 'd'], ['LRANGE', 'l', '0', '-1'], ['LRANGE', 'c', '0', '-1'],
      ['OBJECT', 'ENCODING', 'c'], ['RENAME', 'c', 'r'], ['LRANGE', 'r', '0', '-1'], ['MOVE', 'r', '1'], ['SELECT', '1'], ['LPOP', 'r', '9'],
      ['EXISTS', 'r'], ['SELECT', '0'], ['EXPIRE', 'l', '1000'], cmp('approx-s', 'TTL', 'l'), ['RPUSH', 'l', 'e'], cmp('approx-s', 'TTL', 'l'),
      ['LPOP', 'l', '10'], ['TTL', 'l'], ['RPUSH', 'l', 'x'], ['TTL', 'l'], ['DEL', 'l'], ['LMOVE', 'l', 'l', 'LEFT', 'LEFT'],
      ['WATCH', 'w'], ['RPUSH', 'w', '1'], ['MULTI'], ['LPOP', 'w'], ['EXEC'],
    ],
  },
]);
