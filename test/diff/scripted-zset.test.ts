// Hand-written sorted set sequences (t_zset.c's corners), each compared with redis-server reply by
// reply. Blocking pops that wait for another client are tested through our server with two real
// connections (test/server/blocking-zset.test.ts); here they pop at once, run inside MULTI, or time
// out after 10 ms on both sides.
import { scriptedSuite, step } from './harness.js';

const { cmp } = step;
const LONG_MAX = '9223372036854775807';
const LONG_MIN = '-9223372036854775808';
/** score member pairs: member m<i> with score f(i). */
const pairs = (n: number, f: (i: number) => string = String, m: (i: number) => string = (i) => 'm' + i) =>
  Array.from({ length: n }, (_, i) => [f(i), m(i)]).flat();

scriptedSuite('differential scripted: sorted sets', [
  {
    name: 'scores as typed: infinities, -0, hex, denormals, 17 significant digits, and what is refused',
    steps: [
      ['ZADD', 'z', 'inf', 'a', '-inf', 'b', '+inf', 'c', '-0', 'd', '0x1p-3', 'e', '5e-324', 'f', '1.7976931348623157e308', 'g', '0.1', 'h'],
      ['ZADD', 'z', '3.0000000000000004', 'i', '123456789.123456789', 'j', '1e17', 'k', '9007199254740993', 'l', '1000000000000001.25', 'm'],
      ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'], ['ZSCAN', 'z', '0'], ['ZSCORE', 'z', 'd'], ['ZMSCORE', 'z', 'a', 'b', 'nope'],
      ['ZADD', 'z', 'nan', 'x'], ['ZADD', 'z', '1e400', 'x'], ['ZADD', 'z', '1e-400', 'x'], ['ZADD', 'z', ' 1', 'x'], ['ZADD', 'z', '1 ', 'x'],
      ['ZADD', 'z', '', 'x'], ['ZADD', 'z', '1\x00', 'x'], ['ZADD', 'z', 'infinity', 'x', '-Infinity', 'y'], ['ZINCRBY', 'z', '1', 'x'],
      ['ZINCRBY', 'z', '-inf', 'a'], ['ZINCRBY', 'z', 'inf', 'b'], ['ZINCRBY', 'z', '1.25', 'm'], ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'],
      cmp('hello', 'HELLO', '3'), ['ZRANGE', 'z', '0', '3', 'WITHSCORES'], ['ZSCORE', 'z', 'h'], ['ZINCRBY', 'z', '0.5', 'h'],
    ],
  },
  {
    name: '-0: a listpack stores 0, a skiplist keeps -0; both tie with 0',
    steps: [
      ['ZADD', 'lp', 'INCR', '-0', 'a'], ['ZSCORE', 'lp', 'a'], ['ZADD', 'lp', '0', 'b', '-0', 'c'], ['ZRANGE', 'lp', '0', '-1', 'WITHSCORES'],
      ['ZADD', 'sk', '0', 'x'.repeat(70), '-0', 'a', '-0', 'b'], ['OBJECT', 'ENCODING', 'sk'], ['ZRANGE', 'sk', '0', '-1', 'WITHSCORES'],
      cmp('scan-page', 'ZSCAN', 'sk', '0', 'COUNT', '100'), ['ZADD', 'sk', 'XX', 'CH', '0', 'a'], ['ZINCRBY', 'sk', '0', 'b'], ['ZSCORE', 'sk', 'b'],
      ['ZUNION', '1', 'lp', 'WEIGHTS', '-1', 'WITHSCORES'], ['ZUNIONSTORE', 'u', '1', 'sk'], ['ZREM', 'u', 'x'.repeat(70)],
      ['ZUNIONSTORE', 'u2', '1', 'u'], ['OBJECT', 'ENCODING', 'u2'], ['ZSCORE', 'u2', 'a'], ['ZRANGESTORE', 'r', 'sk', '0', '1'], ['ZSCORE', 'r', 'a'],
    ],
  },
  {
    name: 'ZADD flags, their conflicts, and what CH and INCR answer',
    steps: [
      ['ZADD', 'z', 'NX', 'XX', '1', 'a'], ['ZADD', 'z', 'GT', 'LT', '1', 'a'], ['ZADD', 'z', 'NX', 'GT', '1', 'a'], ['ZADD', 'z', 'LT', 'NX', '1', 'a'],
      ['ZADD', 'z', 'INCR', '1', 'a', '2', 'b'], ['ZADD', 'z', 'CH'], ['ZADD', 'z', 'XX', '1'], ['ZADD', 'z', 'nx\x00junk', '1', 'a'],
      ['ZADD', 'z', 'XX', '1', 'a'], ['EXISTS', 'z'], ['ZADD', 'z', 'XX', 'INCR', '1', 'a'], ['ZADD', 'z', '5', 'a', '5', 'b'],
      ['ZADD', 'z', 'GT', 'CH', '4', 'a', '6', 'b', '1', 'c'], ['ZADD', 'z', 'LT', 'CH', '4', 'a', '6', 'b', '1', 'c'],
      ['ZADD', 'z', 'GT', 'INCR', '-1', 'a'], ['ZADD', 'z', 'LT', 'INCR', '-1', 'a'], ['ZADD', 'z', 'NX', 'INCR', '1', 'a'],
      ['ZADD', 'z', 'XX', 'INCR', '1', 'nope'], ['ZADD', 'z', 'CH', 'INCR', '0', 'a'], ['ZADD', 'z', 'gt', 'xx', 'ch', '10', 'a', '10', 'new'],
      ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'], ['ZINCRBY', 'z', 'nx', 'a'], ['ZINCRBY', 'z', 'x', 'a'], ['ZINCRBY', 'z', '1', 'a', 'b'],
    ],
  },
  {
    name: 'encodings: 128 members and 64-byte members, conversion on ZADD, never back, STORE results back to listpack',
    steps: [
      ['ZADD', 'z', ...pairs(128)], ['OBJECT', 'ENCODING', 'z'], ['ZADD', 'z', '1', 'm5'], ['OBJECT', 'ENCODING', 'z'],
      ['ZADD', 'z', '1', 'one-more'], ['OBJECT', 'ENCODING', 'z'], ['ZREMRANGEBYRANK', 'z', '0', '-3'], ['OBJECT', 'ENCODING', 'z'],
      ['ZADD', 'y', '1', 'x'.repeat(64)], ['OBJECT', 'ENCODING', 'y'], ['ZADD', 'y', '1', 'x'.repeat(65)], ['OBJECT', 'ENCODING', 'y'],
      ['ZADD', 'w', '1', 'x'.repeat(65), '2', 'b'], ['OBJECT', 'ENCODING', 'w'], ['ZADD', 'v', ...pairs(200, () => '1', () => 'same')],
      ['OBJECT', 'ENCODING', 'v'], ['ZUNIONSTORE', 'u', '1', 'z'], ['OBJECT', 'ENCODING', 'u'], ['ZUNIONSTORE', 'u', '1', 'w'],
      ['OBJECT', 'ENCODING', 'u'], ['ZADD', 'big', ...pairs(200)], ['ZRANGESTORE', 'r', 'big', '0', '127'], ['OBJECT', 'ENCODING', 'r'],
      ['ZRANGESTORE', 'r', 'big', '0', '128'], ['OBJECT', 'ENCODING', 'r'], ['ZRANGESTORE', 'r', 'big', '0', '199', 'BYSCORE'],
      ['OBJECT', 'ENCODING', 'r'], ['ZRANGESTORE', 'r', 'big', '0', '10', 'BYSCORE'], ['OBJECT', 'ENCODING', 'r'], ['ZINTERSTORE', 'i', '2', 'big', 'z'],
      ['OBJECT', 'ENCODING', 'i'], ['ZDIFFSTORE', 'df', '2', 'big', 'z'], ['OBJECT', 'ENCODING', 'df'], ['COPY', 'big', 'big2'], ['OBJECT', 'ENCODING', 'big2'],
      ['CONFIG', 'SET', 'zset-max-listpack-entries', '0'], ['ZADD', 'zero', '1', 'a'], ['OBJECT', 'ENCODING', 'zero'], ['ZRANGESTORE', 'r0', 'z', '0', '0'],
      ['OBJECT', 'ENCODING', 'r0'], ['ZRANGESTORE', 'r1', 'z', '-inf', '+inf', 'BYSCORE', 'LIMIT', '0', '1'], ['OBJECT', 'ENCODING', 'r1'],
      ['CONFIG', 'SET', 'zset-max-listpack-entries', '128'],
    ],
  },
  {
    name: 'score ranges: exclusive ends, infinities, C-string parsing (space, NUL, empty, "(")',
    steps: [
      ['ZADD', 'z', '-inf', 'ninf', '0', 'zero', '1', 'one', '1', 'uno', '2', 'two', '3', 'three', 'inf', 'pinf'],
      ['ZRANGEBYSCORE', 'z', '(1', '3'], ['ZRANGEBYSCORE', 'z', '1', '(3', 'WITHSCORES'], ['ZRANGEBYSCORE', 'z', '(-inf', '(+inf'],
      ['ZRANGEBYSCORE', 'z', '-inf', '-inf'], ['ZRANGEBYSCORE', 'z', '(inf', 'inf'], ['ZCOUNT', 'z', '(1', '(1'], ['ZCOUNT', 'z', '1', '1'],
      ['ZCOUNT', 'z', '2', '1'], ['ZRANGEBYSCORE', 'z', ' 1', '2'], ['ZRANGEBYSCORE', 'z', '(', '1'], ['ZRANGEBYSCORE', 'z', '', '1'],
      ['ZRANGEBYSCORE', 'z', '1\x00junk', '2\x00'], ['ZRANGEBYSCORE', 'z', '\x001', '2'], ['ZRANGEBYSCORE', 'z', '( 1', '2'],
      ['ZRANGEBYSCORE', 'z', '1 ', '2'], ['ZRANGEBYSCORE', 'z', '  ', '2'], ['ZRANGEBYSCORE', 'z', 'nan', '2'], ['ZRANGEBYSCORE', 'z', '(nan', '2'],
      ['ZRANGEBYSCORE', 'z', '((1', '2'], ['ZRANGEBYSCORE', 'z', '[1', '2'], ['ZRANGEBYSCORE', 'z', '1e400', 'inf'], ['ZRANGEBYSCORE', 'z', '-1e400', '1e-400'],
      ['ZRANGEBYSCORE', 'z', '0x1', '0x2'], ['ZRANGEBYSCORE', 'z', '+1', '+2'], ['ZREVRANGEBYSCORE', 'z', '3', '(1', 'WITHSCORES', 'LIMIT', '1', '5'],
      ['ZRANGEBYSCORE', 'z', '-inf', '+inf', 'LIMIT', '2', '2'], ['ZRANGEBYSCORE', 'z', '-inf', '+inf', 'LIMIT', '-1', '2'],
      ['ZRANGEBYSCORE', 'z', '-inf', '+inf', 'LIMIT', '0', '-1'], ['ZRANGEBYSCORE', 'z', '-inf', '+inf', 'LIMIT', '7', '1'],
      ['ZRANGEBYSCORE', 'z', '-inf', '+inf', 'LIMIT', LONG_MAX, LONG_MAX], ['ZRANGEBYSCORE', 'z', '-inf', '+inf', 'LIMIT', '0', LONG_MIN],
      ['ZRANGEBYSCORE', 'z', '-inf', '+inf', 'LIMIT', '0'], ['ZRANGEBYSCORE', 'z', '-inf', '+inf', 'LIMIT', 'x', '1'],
      ['ZREMRANGEBYSCORE', 'z', '(0', '(3'], ['ZRANGE', 'z', '0', '-1'], ['ZREMRANGEBYSCORE', 'z', 'x', '1'], ['ZREMRANGEBYSCORE', 'nokey', '0', '1'],
    ],
  },
  {
    name: 'lex ranges on equal scores, in a listpack and in a skiplist',
    steps: [
      ['ZADD', 'l', '0', '', '0', 'a', '0', 'a\x00', '0', 'aa', '0', 'b', '0', 'ba', '0', '\xff', '0', '\x00', '0', 'B'],
      ['ZADD', 's', ...pairs(200, () => '0', (i) => 'k' + String(i).padStart(3, '0')), '0', '', '0', '\xff\xff'],
      ...['l', 's'].flatMap((k) => [
        ['ZRANGEBYLEX', k, '-', '+', 'LIMIT', '0', '5'], ['ZRANGEBYLEX', k, '[a', '(b'], ['ZRANGEBYLEX', k, '(a', '[b'], ['ZRANGEBYLEX', k, '[', '[a'],
        ['ZRANGEBYLEX', k, '(', '(a'], ['ZRANGEBYLEX', k, '[k050', '(k060'], ['ZREVRANGEBYLEX', k, '(k060', '[k050'], ['ZREVRANGEBYLEX', k, '+', '-', 'LIMIT', '1', '3'],
        ['ZRANGEBYLEX', k, '+', '-'], ['ZRANGEBYLEX', k, '-', '-'], ['ZRANGEBYLEX', k, '+', '+'], ['ZRANGEBYLEX', k, '[b', '[a'], ['ZRANGEBYLEX', k, '(a', '(a'],
        ['ZRANGEBYLEX', k, '[a', '[a'], ['ZLEXCOUNT', k, '-', '+'], ['ZLEXCOUNT', k, '[k100', '(k150'], ['ZLEXCOUNT', k, '(\xff', '+'],
        ['ZRANGE', k, '[k190', '+', 'BYLEX', 'LIMIT', '2', '100'], ['ZRANGE', k, '+', '[k190', 'BYLEX', 'REV', 'LIMIT', '0', '3'],
        ['ZRANGEBYLEX', k, '+\x00x', '-\x00y'], ['ZRANGEBYLEX', k, '-x', '+'], ['ZRANGEBYLEX', k, 'a', '+'], ['ZRANGEBYLEX', k, '', '+'],
        ['ZRANGEBYLEX', k, '-', '+', 'WITHSCORES'], ['ZREMRANGEBYLEX', k, '[k010', '(k020'], ['ZLEXCOUNT', k, '-', '+'],
      ]),
    ],
  },
  {
    name: 'lex ranges over members of mixed scores in a listpack walk from the ends',
    steps: [
      ['ZADD', 'z', '1', 'c', '2', 'a', '3', 'b', '4', 'e', '5', 'd'], ['ZRANGEBYLEX', 'z', '[a', '[c'], ['ZRANGEBYLEX', 'z', '(a', '(c'],
      ['ZRANGEBYLEX', 'z', '[b', '+'], ['ZRANGEBYLEX', 'z', '-', '[b'], ['ZRANGEBYLEX', 'z', '[d', '[e'], ['ZREVRANGEBYLEX', 'z', '[d', '[a'],
      ['ZREVRANGEBYLEX', 'z', '+', '(b'], ['ZREVRANGEBYLEX', 'z', '[c', '-'], ['ZLEXCOUNT', 'z', '[a', '[d'], ['ZLEXCOUNT', 'z', '[c', '[e'],
      ['ZLEXCOUNT', 'z', '(c', '[e'], ['ZRANGEBYLEX', 'z', '[b', '+', 'LIMIT', '1', '2'], ['ZREVRANGEBYLEX', 'z', '[d', '[a', 'LIMIT', '2', '5'],
      ['ZRANGESTORE', 'dst', 'z', '[b', '[d', 'BYLEX'], ['ZRANGE', 'dst', '0', '-1', 'WITHSCORES'], ['ZREMRANGEBYLEX', 'z', '[b', '[d'],
      ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'],
    ],
  },
  {
    name: 'ZRANGE options: order, conflicts, REV swapping the bounds, LIMIT only with BYSCORE/BYLEX',
    steps: [
      ['ZADD', 'z', ...pairs(10)], ['ZRANGE', 'z', '2', '5', 'REV'], ['ZRANGE', 'z', '5', '2', 'BYSCORE', 'REV'], ['ZRANGE', 'z', '2', '5', 'BYSCORE', 'REV'],
      ['ZRANGE', 'z', '(2', '5', 'BYSCORE', 'LIMIT', '1', '2', 'WITHSCORES'], ['ZRANGE', 'z', '0', '1', 'LIMIT', '0', '1'], ['ZRANGE', 'z', '0', '1', 'BYSCORE', 'BYLEX'],
      ['ZRANGE', 'z', '0', '1', 'BYLEX', 'BYSCORE'], ['ZRANGE', 'z', '0', '1', 'REV', 'REV'], ['ZRANGE', 'z', '0', '1', 'WITHSCORES', 'WITHSCORES'],
      ['ZRANGE', 'z', '-', '+', 'BYLEX', 'WITHSCORES'], ['ZRANGE', 'z', '-', '+', 'WITHSCORES', 'BYLEX', 'LIMIT', '0', '1'], ['ZRANGE', 'z', '0', '1', 'LIMIT'],
      ['ZRANGE', 'z', '0', '1', 'LIMIT', '1'], ['ZRANGE', 'z', '0', '1', 'FOO'], ['ZRANGE', 'z', 'x', '1', 'LIMIT', '0', '1'], ['ZRANGE', 'z', '0', '1', 'LIMIT', 'x', 'y'],
      ['ZRANGE', 'z', LONG_MIN, LONG_MAX], ['ZRANGE', 'z', '-3', '-1'], ['ZRANGE', 'z', '-100', '-50'], ['ZRANGE', 'z', '9', '100'], ['ZRANGE', 'z', '10', '100'],
      ['ZREVRANGE', 'z', '0', '2', 'WITHSCORES'], ['ZREVRANGE', 'z', '0', '2', 'REV'], ['ZREVRANGE', 'z', '0', '2', 'LIMIT', '0', '1'],
      ['ZRANGEBYSCORE', 'z', '0', '5', 'BYSCORE'], ['ZREVRANGEBYSCORE', 'z', '5', '0', 'REV'], ['ZRANGEBYLEX', 'z', '-', '+', 'BYLEX'],
      ['ZRANGESTORE', 'd', 'z', '0', '1', 'WITHSCORES'], ['ZRANGESTORE', 'd', 'z', '5', '(9', 'BYSCORE', 'REV'], ['ZRANGE', 'd', '0', '-1', 'WITHSCORES'],
      ['ZRANGE', 'nokey', '0', '-1'], ['ZRANGE', 'nokey', 'x', '-1'], ['SET', 's', 'v'], ['ZRANGE', 's', '0', '-1'], ['ZRANGE', 's', 'x', '1'],
      ['ZRANGESTORE', 'd', 's', '0', '1'], ['ZRANGESTORE', 's', 'z', '0', '1'], ['TYPE', 's'], ['ZRANGESTORE', 's', 'nokey', '0', '1'], ['EXISTS', 's'],
    ],
  },
  {
    name: 'ZREM, ZREMRANGEBYRANK and pops empty and delete keys; ZPOP counts and RESP3 shapes',
    steps: [
      ['ZADD', 'z', ...pairs(6)], ['ZREM', 'z', 'm0', 'm0', 'nope'], ['ZREMRANGEBYRANK', 'z', '-2', '-1'], ['ZREMRANGEBYRANK', 'z', '5', '1'],
      ['ZREMRANGEBYRANK', 'z', LONG_MIN, '0'], ['ZRANGE', 'z', '0', '-1'], ['ZPOPMIN', 'z'], ['ZPOPMAX', 'z', '10'], ['EXISTS', 'z'],
      ['ZPOPMIN', 'z'], ['ZPOPMIN', 'z', '0'], ['ZPOPMIN', 'z', '-1'], ['ZPOPMIN', 'z', 'x'], ['ZPOPMIN', 'z', LONG_MAX], ['ZPOPMIN', 'z', '1', '2'],
      ['ZADD', 'z', '1', 'a', '2', 'b'], ['ZPOPMIN', 'z', '0'], cmp('hello', 'HELLO', '3'), ['ZPOPMIN', 'z'], ['ZPOPMAX', 'z', '1'], ['ZPOPMIN', 'z'],
      ['ZPOPMIN', 'z', '2'], ['ZMPOP', '1', 'z', 'MIN'], ['ZADD', 'z', '1', 'a'], ['ZMPOP', '1', 'z', 'MAX', 'COUNT', '3'], ['ZRANDMEMBER', 'z'],
      ['ZSCORE', 'z', 'a'], ['ZRANK', 'z', 'a'], ['ZMSCORE', 'z', 'a'],
    ],
  },
  {
    name: 'ZMPOP and BZMPOP parsing: numkeys, MIN/MAX, one COUNT',
    steps: [
      ['ZADD', 'b', '1', 'x', '2', 'y', '3', 'z'], ['ZMPOP', '2', 'a', 'b', 'MAX', 'COUNT', '2'], ['ZMPOP', '0', 'b', 'MIN'], ['ZMPOP', '-1', 'b', 'MIN'],
      ['ZMPOP', 'x', 'b', 'MIN'], ['ZMPOP', '2', 'b', 'MIN'], ['ZMPOP', '1', 'b', 'MID'], ['ZMPOP', '1', 'b', 'MIN', 'COUNT'], ['ZMPOP', '1', 'b', 'MIN', 'COUNT', '0'],
      ['ZMPOP', '1', 'b', 'MIN', 'COUNT', '-1'], ['ZMPOP', '1', 'b', 'MIN', 'COUNT', '1', 'COUNT', '1'], ['ZMPOP', '1', 'b', 'MIN', 'FOO'],
      ['ZMPOP', '1', 'b', 'min', 'count', LONG_MAX], ['ZMPOP', '1', 'b', 'MIN'], ['SET', 's', 'v'], ['ZMPOP', '2', 'nokey', 's', 'MIN'],
      ['ZMPOP', LONG_MAX, 's', 'MIN'], ['BZMPOP', '0', '0', 'b', 'MIN'], ['BZMPOP', '-1', '1', 'b', 'MIN'], ['BZMPOP', 'x', '1', 'b', 'MIN'],
      ['BZMPOP', '0', '1', 's', 'MIN'], ['BZMPOP', '0', '1', 'b', 'MIN', 'COUNT', '0'], ['BZPOPMIN', 's', '0'], ['BZPOPMIN', 's', '-1'],
      ['BZPOPMIN', 'nokey', 'x'], ['BZPOPMIN', 'nokey', '0.01'], ['BZMPOP', '0.01', '1', 'nokey', 'MAX'], ['BZPOPMAX', 'nokey', 'nokey2', '0.01'],
    ],
  },
  {
    name: 'blocking pops pop at once, and inside MULTI act as their non-blocking forms',
    steps: [
      ['ZADD', 'b', '1', 'x', '2', 'y', '3', 'z', '4', 'w'], ['BZPOPMIN', 'a', 'b', '0'], ['BZPOPMAX', 'a', 'b', '0'], ['BZMPOP', '0', '2', 'a', 'b', 'MIN', 'COUNT', '5'],
      ['EXISTS', 'b'], ['MULTI'], ['BZPOPMIN', 'b', '0'], ['BZMPOP', '0', '1', 'b', 'MAX'], ['ZADD', 'b', '1', 'q'], ['BZPOPMAX', 'b', '0'], ['EXEC'],
      cmp('hello', 'HELLO', '3'), ['MULTI'], ['BZPOPMIN', 'b', '0'], ['BZMPOP', '0', '1', 'b', 'MAX'], ['EXEC'], ['ZADD', 'b', '5', 'v'], ['BZPOPMIN', 'b', '0'],
    ],
  },
  {
    name: 'ZUNION, ZINTER, ZDIFF: weights, aggregates, infinities, sets as inputs, and the same key twice',
    steps: [
      ['ZADD', 'a', '1', 'x', '2', 'y', 'inf', 'i', '-inf', 'n'], ['ZADD', 'b', '10', 'y', '20', 'z', '-inf', 'i', 'inf', 'n'], ['SADD', 's', 'x', 'z', '1', '2'],
      ['SADD', 'is', '1', '2', '3'], ['ZUNION', '2', 'a', 'b', 'WITHSCORES'], ['ZUNION', '2', 'a', 'b', 'WEIGHTS', '0', '1', 'WITHSCORES'],
      ['ZUNION', '2', 'a', 'b', 'WEIGHTS', '-1', 'inf', 'AGGREGATE', 'MIN', 'WITHSCORES'], ['ZUNION', '2', 'a', 'b', 'AGGREGATE', 'MAX', 'WITHSCORES'],
      ['ZINTER', '2', 'a', 'b', 'WITHSCORES'], ['ZINTER', '2', 'a', 'b', 'WEIGHTS', '0', '0', 'WITHSCORES'], ['ZINTER', '2', 'a', 'a', 'WITHSCORES'],
      ['ZINTER', '2', 'a', 'a', 'WEIGHTS', '1', '-1', 'AGGREGATE', 'MIN', 'WITHSCORES'], ['ZINTER', '3', 'a', 'b', 's', 'WITHSCORES'],
      ['ZUNION', '3', 'a', 's', 'is', 'WITHSCORES'], ['ZINTER', '2', 's', 'is', 'WEIGHTS', '2', '3', 'WITHSCORES'], ['ZDIFF', '2', 'a', 'b', 'WITHSCORES'],
      ['ZDIFF', '3', 'a', 's', 'nokey', 'WITHSCORES'], ['ZDIFF', '2', 'a', 'a'], ['ZDIFF', '2', 's', 'a'], ['ZDIFF', '1', 'nokey'],
      ['ZINTERCARD', '2', 'a', 'b'], ['ZINTERCARD', '2', 'a', 'b', 'LIMIT', '1'], ['ZINTERCARD', '2', 'a', 'b', 'LIMIT', '0'],
      ['ZINTERCARD', '1', 'a', 'LIMIT', LONG_MAX], ['ZINTERCARD', '1', 'a', 'LIMIT', '-1'], ['ZINTERCARD', '1', 'a', 'LIMIT', 'x'],
      ['ZINTERCARD', '0', 'a'], ['ZINTERCARD', '2', 'a'], ['ZINTERCARD', '1', 'a', 'WITHSCORES'], ['ZINTERCARD', '1', 'a', 'LIMIT'],
      cmp('hello', 'HELLO', '3'), ['ZUNION', '2', 'a', 'b', 'WITHSCORES'], ['ZINTER', '1', 'a'],
    ],
  },
  {
    name: 'ZUNION family errors in order: numkeys, key types, then options',
    steps: [
      ['ZADD', 'a', '1', 'x'], ['SET', 'str', 'v'], ['ZUNION', '0', 'a'], ['ZUNION', '-1', 'a'], ['ZUNION', 'x', 'a'], ['ZUNION', '3', 'a', 'b'],
      ['ZUNION', LONG_MAX, 'a'], ['ZUNION', '2', 'a', 'str', 'FOO'], ['ZUNION', '1', 'a', 'FOO'], ['ZUNION', '1', 'a', 'WEIGHTS'], ['ZUNION', '1', 'a', 'WEIGHTS', 'x'],
      ['ZUNION', '1', 'a', 'WEIGHTS', 'nan'], ['ZUNION', '1', 'a', 'WEIGHTS', '1e400'], ['ZUNION', '1', 'a', 'WEIGHTS', '1', '2'], ['ZUNION', '1', 'a', 'AGGREGATE'],
      ['ZUNION', '1', 'a', 'AGGREGATE', 'AVG'], ['ZUNION', '1', 'a', 'WEIGHTS', '2', 'WEIGHTS', '3', 'WITHSCORES'], ['ZUNION', '1', 'a', 'WITHSCORES', 'WITHSCORES'],
      ['ZDIFF', '1', 'a', 'WEIGHTS', '1'], ['ZDIFF', '1', 'a', 'AGGREGATE', 'SUM'], ['ZUNIONSTORE', 'd', '0', 'a'], ['ZINTERSTORE', 'd', '1', 'a', 'WITHSCORES'],
      ['ZDIFFSTORE', 'd', '1', 'a', 'WEIGHTS', '1'], ['ZUNIONSTORE', 'str', '1', 'a'], ['TYPE', 'str'], ['ZINTERSTORE', 'str', '2', 'a', 'nokey'], ['EXISTS', 'str'],
      ['ZINTER', '1', 'a', 'weights\x00', '2', 'withscores'],
    ],
  },
  {
    name: 'ZRANDMEMBER: counts that take the whole set come from the top; errors as in 7.0',
    steps: [
      ['ZADD', 'z', '1', 'a', '2', 'b', '3', 'c'], ['ZRANDMEMBER', 'z', '3'], ['ZRANDMEMBER', 'z', '100', 'WITHSCORES'], ['ZRANDMEMBER', 'z', LONG_MAX],
      ['ZADD', 'big', ...pairs(300)], ['ZRANDMEMBER', 'big', '300'], ['ZRANDMEMBER', 'big', '1000', 'WITHSCORES'], ['ZRANDMEMBER', 'z', '0'],
      ['ZRANDMEMBER', 'z', '0', 'WITHSCORES'], ['ZRANDMEMBER', 'nokey'], ['ZRANDMEMBER', 'nokey', '5'], ['ZRANDMEMBER', 'z', LONG_MIN],
      ['ZRANDMEMBER', 'z', LONG_MIN, 'WITHSCORES'], ['ZRANDMEMBER', 'z', '4611686018427387903', 'WITHSCORES'], ['ZRANDMEMBER', 'z', '4611686018427387904', 'WITHSCORES'],
      ['ZRANDMEMBER', 'z', '-4611686018427387904', 'WITHSCORES'], ['ZRANDMEMBER', 'z', 'x'], ['ZRANDMEMBER', 'z', '1', 'WITHSCORE'],
      ['ZRANDMEMBER', 'z', '1', 'WITHSCORES', 'x'], ['ZRANDMEMBER', 'z', '1.5'], ['SET', 's', 'v'], ['ZRANDMEMBER', 's'], ['ZRANDMEMBER', 's', '1'],
      ['ZRANDMEMBER', 's', 'x'], cmp('hello', 'HELLO', '3'), ['ZRANDMEMBER', 'z', '3', 'WITHSCORES'], ['ZRANDMEMBER', 'nokey'],
    ],
  },
  {
    name: 'ZSCAN: a listpack answers whole (scores as it holds them), MATCH and COUNT, cursors Redis refuses',
    steps: [
      ['ZADD', 'z', '1e17', 'a', '1.5', 'b', '-0', 'c', '4611686018427387904', 'd', '1e19', 'e', '0.1', 'f', '-inf', 'g', '1000000000000001.25', 'h'],
      ['ZSCAN', 'z', '0'], ['ZSCAN', 'z', '0', 'MATCH', '[a-c]'], ['ZSCAN', 'z', '0', 'MATCH', '*', 'COUNT', '1'], ['ZSCAN', 'z', '0', 'COUNT', '0'],
      ['ZSCAN', 'z', '0', 'COUNT', 'x'], ['ZSCAN', 'z', '0', 'MATCH'], ['ZSCAN', 'z', '0', 'TYPE', 'zset'], ['ZSCAN', 'z', 'x'], ['ZSCAN', 'z', '-'],
      ['ZSCAN', 'z', ''], ['ZSCAN', 'nokey', '0', 'COUNT', 'x'], ['ZSCAN', 'nokey', 'x'], ['SET', 's', 'v'], ['ZSCAN', 's', '0'],
      step.scanAll('COUNT', '3'), { argv: ['ZADD', 'big', ...pairs(300, (i) => String(i / 8))] }, { argv: ['ZSCAN', 'big', '0', 'COUNT', '7'], op: 'scanAll' },
      { argv: ['ZSCAN', 'big', '0', 'MATCH', 'm1*'], op: 'scanAll' }, cmp('scan-page', 'ZSCAN', 'big', '0', 'COUNT', '10000'),
    ],
  },
  {
    name: 'keyspace: TYPE, COPY, RENAME, MOVE, EXPIRE and WRONGTYPE on sorted sets',
    steps: [
      ['ZADD', 'z', '1', 'a', '2', 'b'], ['TYPE', 'z'], ['COPY', 'z', 'z2'], ['ZADD', 'z', '3', 'c'], ['ZRANGE', 'z2', '0', '-1', 'WITHSCORES'],
      ['RENAME', 'z2', 'z3'], ['ZCARD', 'z3'], ['MOVE', 'z3', '1'], ['SELECT', '1'], ['ZRANGE', 'z3', '0', '-1'], ['SELECT', '0'],
      ['PEXPIRE', 'z', '1'], step.sleep(5), ['ZCARD', 'z'], ['EXISTS', 'z'], ['LPUSH', 'l', 'x'], ['ZADD', 'l', '1', 'a'], ['ZCARD', 'l'],
      ['ZSCORE', 'l', 'a'], ['ZRANGE', 'l', '0', '-1'], ['ZINCRBY', 'l', '1', 'a'], ['ZREM', 'l', 'a'], ['ZPOPMIN', 'l'], ['ZCOUNT', 'l', '0', '1'],
      ['ZLEXCOUNT', 'l', '-', '+'], ['ZRANK', 'l', 'a'], ['ZREMRANGEBYRANK', 'l', '0', '1'], ['ZRANDMEMBER', 'l'], ['ZMSCORE', 'l', 'a'],
      ['OBJECT', 'ENCODING', 'l'],
    ],
  },
]);
