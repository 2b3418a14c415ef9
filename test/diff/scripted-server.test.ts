// Hand-written sequences for databases, transactions and connection/server commands, compared with
// redis-server reply by reply (two clients where WATCH needs another writer).
import { scriptedSuite, step } from './harness.js';

const { cmp, on, sleep } = step;

scriptedSuite('differential scripted: databases', [
  {
    name: 'SELECT keeps keyspaces apart and checks its index',
    steps: [
      ['SET', 'k', '0'], ['SELECT', '1'], ['GET', 'k'], ['SET', 'k', '1'], ['SELECT', '15'], ['SELECT', '16'], ['SELECT', '-1'], ['SELECT', 'x'], ['SELECT', ''],
      ['SELECT', '1.0'], ['SELECT', ' 1'], ['SELECT', '01'], ['GET', 'k'], ['SELECT', '9223372036854775807'], ['SELECT', '4294967296'], ['SELECT', '0'], ['GET', 'k'],
    ],
  },
  {
    name: 'SWAPDB swaps whole databases, TTLs included',
    steps: [
      ['SET', 'a', '0', 'EX', '1000'], ['SELECT', '1'], ['SET', 'b', '1'], ['SWAPDB', '0', '1'], ['GET', 'a'], cmp('approx-s', 'TTL', 'a'), ['GET', 'b'], ['SELECT', '0'],
      ['GET', 'b'], ['SWAPDB', '0', '0'], ['SWAPDB', '0', '16'], ['SWAPDB', '-1', '0'], ['SWAPDB', 'x', '0'], ['SWAPDB', '0', 'y'], ['SWAPDB', '0'], ['DBSIZE'],
    ],
  },
  {
    name: 'FLUSHDB FLUSHALL DBSIZE and their options',
    steps: [
      ['MSET', 'a', '1', 'b', '2'], ['DBSIZE'], ['SELECT', '3'], ['SET', 'c', '3'], ['FLUSHDB'], ['DBSIZE'], ['SELECT', '0'], ['DBSIZE'], ['FLUSHDB', 'ASYNC'],
      ['SET', 'a', '1'], ['FLUSHDB', 'sync'], ['FLUSHDB', 'FOO'], ['FLUSHDB', 'ASYNC', 'SYNC'], ['SET', 'a', '1'], ['SELECT', '5'], ['SET', 'b', '1'],
      ['FLUSHALL', 'FOO'], ['FLUSHALL'], ['DBSIZE'], ['SELECT', '0'], ['DBSIZE'], ['FLUSHALL', 'async'], ['FLUSHALL', 'SYNC'], ['DBSIZE', 'x'],
    ],
  },
]);

scriptedSuite('differential scripted: transactions', [
  {
    name: 'MULTI EXEC with runtime errors runs everything else',
    steps: [
      ['MULTI'], ['SET', 'a', 'x'], ['INCR', 'a'], ['SET', 'b', '1'], ['INCRBYFLOAT', 'b', 'x'], ['GET', 'a'], ['EXEC'], ['MGET', 'a', 'b'],
    ],
  },
  {
    name: 'a queueing error aborts EXEC; nested MULTI, WATCH inside MULTI and DISCARD',
    steps: [
      ['MULTI'], ['SET', 'a', '1'], ['NOSUCH'], ['GET'], ['EXEC'], ['GET', 'a'], ['EXEC'], ['DISCARD'], ['MULTI'], ['MULTI'], ['WATCH', 'a'], ['SET', 'a', '2'],
      ['DISCARD'], ['GET', 'a'], ['MULTI'], ['EXEC', 'x'], ['EXEC'], ['MULTI'], ['DISCARD', 'x'], ['SET', 'a', '3'], ['EXEC'], ['GET', 'a'], ['MULTI', 'x'], ['MULTI'], ['EXEC'],
    ],
  },
  {
    name: 'an empty transaction, and SELECT inside one',
    steps: [['MULTI'], ['EXEC'], ['MULTI'], ['SELECT', '2'], ['SET', 'k', 'in2'], ['EXEC'], ['GET', 'k'], ['SELECT', '0'], ['GET', 'k']],
  },
  {
    name: 'WATCH fails EXEC when another client writes the key, even the same value',
    steps: [
      ['SET', 'k', '1'], ['WATCH', 'k'], on(1, 'SET', 'k', '1'), ['MULTI'], ['INCR', 'k'], ['EXEC'], ['GET', 'k'],
      ['WATCH', 'k'], on(1, 'GET', 'k'), ['MULTI'], ['INCR', 'k'], ['EXEC'], ['GET', 'k'],
      ['WATCH', 'missing'], on(1, 'SET', 'missing', 'x'), ['MULTI'], ['GET', 'missing'], ['EXEC'],
      ['WATCH', 'k'], on(1, 'DEL', 'k'), ['MULTI'], ['GET', 'k'], ['EXEC'],
      ['WATCH', 'k'], on(1, 'DEL', 'nothing-there'), ['UNWATCH'], ['MULTI'], ['GET', 'k'], ['EXEC'],
    ],
  },
  {
    name: 'WATCH sees its own client, expiry, FLUSHALL and SWAPDB',
    steps: [
      ['SET', 'k', '1'], ['WATCH', 'k'], ['SET', 'k', '2'], ['MULTI'], ['GET', 'k'], ['EXEC'],
      ['SET', 'k', '1', 'PX', '1'], ['WATCH', 'k'], sleep(5), ['MULTI'], ['GET', 'k'], ['EXEC'],
      ['SET', 'k', '1'], ['WATCH', 'k'], on(1, 'FLUSHALL'), ['MULTI'], ['GET', 'k'], ['EXEC'],
      ['WATCH', 'k'], on(1, 'FLUSHALL'), ['MULTI'], ['GET', 'k'], ['EXEC'],
      ['SELECT', '1'], ['SET', 'k', 'db1'], ['SELECT', '0'], ['WATCH', 'k'], on(1, 'SWAPDB', '0', '1'), ['MULTI'], ['GET', 'k'], ['EXEC'],
      ['WATCH', 'k'], on(1, 'EXPIRE', 'k', '1000'), ['MULTI'], ['GET', 'k'], ['EXEC'],
      ['WATCH', 'k'], on(1, 'PERSIST', 'k'), ['MULTI'], ['GET', 'k'], ['EXEC'],
    ],
  },
  {
    name: 'HELLO inside MULTI changes the protocol of the replies after it, within the same EXEC',
    steps: [
      ['MULTI'], ['GET', 'missing'], cmp('hello', 'HELLO', '3'), ['GET', 'missing'], ['EXEC'],
      ['MULTI'], ['GET', 'missing'], cmp('hello', 'HELLO', '2'), ['GET', 'missing'], ['EXEC'],
    ],
  },
  {
    name: 'queued commands keep their comparisons inside EXEC',
    steps: [
      ['SET', 'k', 'v', 'EX', '1000'], ['MULTI'], cmp('approx-s', 'TTL', 'k'), cmp('sorted', 'KEYS', '*'), ['EXEC'],
    ],
  },
]);

scriptedSuite('differential scripted: connection and server', [
  {
    name: 'PING and ECHO in RESP2 and RESP3',
    steps: [
      ['PING'], ['PING', 'hello'], ['PING', ''], ['PING', 'a', 'b'], ['ECHO', '\x00\xff'], ['ECHO'], ['ECHO', 'a', 'b'],
      cmp('hello', 'HELLO', '3'), ['PING'], ['PING', 'x'], ['ECHO', 'y'], cmp('hello', 'HELLO', '2'), ['PING'],
    ],
  },
  {
    name: 'HELLO switches the protocol and the reply types follow',
    steps: [
      cmp('hello', 'HELLO'), cmp('hello', 'HELLO', '3'), ['SET', 'k', '1.5'], ['GET', 'missing'], ['INCRBYFLOAT', 'k', '1'], ['MGET', 'k', 'missing'],
      ['MULTI'], ['GET', 'missing'], ['EXEC'], ['WATCH', 'k'], ['SET', 'k', '2'], ['MULTI'], ['EXEC'], ['LCS', 'k', 'k', 'IDX'], ['OBJECT', 'HELP'],
      cmp('pairs', 'CONFIG', 'GET', 'maxmemory'), ['SCAN', '0', 'COUNT', '1000'], ['BITFIELD', 'k', 'OVERFLOW', 'FAIL', 'INCRBY', 'u2', '0', '9'],
      ['HELLO', '4'], ['HELLO', 'x'], ['HELLO', '1'], ['HELLO', '3', 'FOO'], cmp('hello', 'HELLO', '3', 'SETNAME', 'me'), ['CLIENT', 'GETNAME'],
      ['HELLO', '3', 'SETNAME', 'bad name'], cmp('hello', 'HELLO', '2', 'AUTH', 'default', 'x'), ['GET', 'missing'], ['CLIENT', 'GETNAME'],
    ],
  },
  {
    name: 'CLIENT SETNAME and GETNAME',
    steps: [
      ['CLIENT', 'GETNAME'], ['CLIENT', 'SETNAME', 'conn-a'], ['CLIENT', 'GETNAME'], ['CLIENT', 'SETNAME', 'has space'], ['CLIENT', 'SETNAME', 'nl\nx'],
      ['CLIENT', 'SETNAME', '\x7f'], ['CLIENT', 'SETNAME', ''], ['CLIENT', 'GETNAME'], ['CLIENT', 'SETNAME'], ['CLIENT', 'NOSUCH'], ['CLIENT'],
      cmp('shape', 'CLIENT', 'ID'), on(1, 'CLIENT', 'GETNAME'),
    ],
  },
  {
    name: 'COMMAND INFO and GETKEYS come from the table',
    steps: [
      ['COMMAND', 'INFO', 'get'], ['COMMAND', 'INFO', 'GET', 'set', 'nosuch'], ['COMMAND', 'INFO', 'bitfield'], ['COMMAND', 'INFO', 'lcs'], ['COMMAND', 'INFO', 'multi'],
      ['COMMAND', 'INFO', 'object|encoding'], ['COMMAND', 'GETKEYS', 'SET', 'k', 'v'], ['COMMAND', 'GETKEYS', 'MSET', 'a', '1', 'b', '2'], ['COMMAND', 'GETKEYS', 'GET'],
      ['COMMAND', 'GETKEYS', 'PING'], ['COMMAND', 'GETKEYS', 'nosuch', 'k'], ['COMMAND', 'GETKEYS'], ['COMMAND', 'GETKEYS', 'BITOP', 'AND', 'd', 'a', 'b'],
      ['COMMAND', 'GETKEYS', 'OBJECT', 'ENCODING', 'k'], ['COMMAND', 'GETKEYS', 'LCS', 'a', 'b'], ['COMMAND', 'GETKEYS', 'COPY', 'a', 'b', 'DB', '1'],
      cmp('shape', 'COMMAND', 'COUNT'), ['COMMAND', 'NOSUCH'], ['COMMAND', 'COUNT', 'x'],
    ],
  },
  {
    name: 'CONFIG GET of a few parameters and patterns',
    steps: [
      cmp('pairs', 'CONFIG', 'GET', 'databases'), cmp('pairs', 'CONFIG', 'GET', 'maxmemory-policy'), cmp('pairs', 'CONFIG', 'GET', 'nosuch'),
      cmp('pairs', 'CONFIG', 'GET', 'DATABASES', 'timeout'), cmp('pairs', 'CONFIG', 'GET', 'notify-keyspace-events'), cmp('pairs', 'CONFIG', 'GET', 'maxmemory-p*'),
      cmp('pairs', 'CONFIG', 'GET', 'proto-max-bulk-len'), ['CONFIG', 'GET'], ['CONFIG', 'NOSUCH'],
    ],
  },
  {
    name: 'TIME and INFO have the right shapes',
    steps: [cmp('shape', 'TIME'), ['TIME', 'x'], cmp('shape', 'INFO'), cmp('shape', 'INFO', 'keyspace'), cmp('hello', 'HELLO', '3'), cmp('shape', 'INFO'), cmp('shape', 'TIME')],
  },
  {
    name: 'unknown commands quote their arguments',
    steps: [
      ['NOSUCH'], ['nosuch', 'a', 'b'], ['', ''], ['x\r\ny', 'a\r\nb'], ['NOSUCH', 'x'.repeat(200)], ['NOSUCH', 'a'.repeat(100), 'b'.repeat(100)], ['NOSUCH', "it's"],
      ['OBJECT', 'nosuch', 'x'.repeat(200)],
      // Redis formats these with %s: a NUL ends the quoted name or argument.
      ['no\x00such', 'a\x00b', '\x00'], ['OBJECT', 'no\x00such'], ['CLIENT', 'no\x00such', 'x'],
    ],
  },
]);

scriptedSuite('differential scripted: key flags of one call', [
  {
    name: 'COMMAND GETKEYSANDFLAGS gives SET and BITFIELD the flags of this call (variable_flags)',
    steps: [
      ['COMMAND', 'GETKEYSANDFLAGS', 'set', 'k', 'v'], ['COMMAND', 'GETKEYSANDFLAGS', 'set', 'k', 'v', 'GET'],
      ['COMMAND', 'GETKEYSANDFLAGS', 'set', 'k', 'v', 'EX', '10', 'get'], ['COMMAND', 'GETKEYSANDFLAGS', 'set', 'k', 'v', 'gets'],
      ['COMMAND', 'GETKEYSANDFLAGS', 'set', 'k', 'v', 'get\x00x'], ['COMMAND', 'GETKEYSANDFLAGS', 'bitfield', 'k'],
      ['COMMAND', 'GETKEYSANDFLAGS', 'bitfield', 'k', 'get', 'u8', '0'], ['COMMAND', 'GETKEYSANDFLAGS', 'bitfield', 'k', 'GET', 'u8', '0', 'overflow', 'wrap', 'get', 'i4', '3'],
      ['COMMAND', 'GETKEYSANDFLAGS', 'bitfield', 'k', 'set', 'u8', '0', '1'], ['COMMAND', 'GETKEYSANDFLAGS', 'bitfield', 'k', 'incrby', 'u8', '0', '1'],
      ['COMMAND', 'GETKEYSANDFLAGS', 'bitfield', 'k', 'get', 'u8'], ['COMMAND', 'GETKEYSANDFLAGS', 'bitfield', 'k', 'foo'], ['COMMAND', 'GETKEYSANDFLAGS', 'bitfield', 'k', 'overflow'],
      cmp('hello', 'HELLO', '3'), ['COMMAND', 'GETKEYSANDFLAGS', 'set', 'k', 'v'], ['COMMAND', 'GETKEYSANDFLAGS', 'bitfield', 'k', 'get', 'u8', '0'],
    ],
  },
]);
