// Hand-written bitmap sequences (bitops.c's corners), each compared with redis-server reply by reply.
import { scriptedSuite } from './harness.js';

scriptedSuite('differential scripted: bitmaps', [
  {
    name: 'SETBIT and GETBIT grow the string and check offset and bit',
    steps: [
      ['SETBIT', 'k', '7', '1'], ['GET', 'k'], ['SETBIT', 'k', '7', '0'], ['SETBIT', 'k', '100', '1'], ['STRLEN', 'k'], ['GETBIT', 'k', '100'],
      ['GETBIT', 'k', '101'], ['GETBIT', 'k', '4294967295'], ['GETBIT', 'k', '4294967296'], ['GETBIT', 'missing', '0'], ['SETBIT', 'k', '-1', '1'],
      ['SETBIT', 'k', '4294967296', '1'], ['SETBIT', 'k', '0', '2'], ['SETBIT', 'k', '0', '-1'], ['SETBIT', 'k', '0', ''], ['SETBIT', 'k', '0', '01'],
      ['SETBIT', 'k', 'abc', '1'], ['SET', 'n', '12'], ['SETBIT', 'n', '0', '1'], ['GET', 'n'], ['OBJECT', 'ENCODING', 'n'], ['GETBIT', 'n', '2'],
    ],
  },
  {
    name: 'BITCOUNT with byte and bit ranges',
    steps: [
      ['SET', 'k', 'foobar'], ['BITCOUNT', 'k'], ['BITCOUNT', 'k', '0', '0'], ['BITCOUNT', 'k', '1', '1'], ['BITCOUNT', 'k', '1', '1', 'BYTE'],
      ['BITCOUNT', 'k', '5', '30', 'BIT'], ['BITCOUNT', 'k', '-1', '-1'], ['BITCOUNT', 'k', '-100', '100'], ['BITCOUNT', 'k', '3', '1'],
      ['BITCOUNT', 'k', '0'], ['BITCOUNT', 'k', '0', '1', 'WORD'], ['BITCOUNT', 'k', '0', '1', 'bit', 'x'], ['BITCOUNT', 'k', 'a', 'b'],
      ['BITCOUNT', 'missing'], ['BITCOUNT', 'missing', '0', '-1', 'BIT'], ['BITCOUNT', 'k', '-9223372036854775808', '9223372036854775807'],
      ['BITCOUNT', 'k', '0', '-1', 'bit'], ['BITCOUNT', 'k', '-3', '-1', 'BIT'],
    ],
  },
  {
    name: 'BITPOS finds set and clear bits, with and without an end',
    steps: [
      ['SET', 'k', '\xff\xf0\x00'], ['BITPOS', 'k', '0'], ['BITPOS', 'k', '1'], ['BITPOS', 'k', '1', '2'], ['BITPOS', 'k', '0', '0', '0'],
      ['SET', 'ones', '\xff\xff'], ['BITPOS', 'ones', '0'], ['BITPOS', 'ones', '0', '0'], ['BITPOS', 'ones', '0', '0', '-1'], ['BITPOS', 'ones', '1', '7', '15', 'BIT'],
      ['BITPOS', 'missing', '0'], ['BITPOS', 'missing', '1'], ['BITPOS', 'k', '2'], ['BITPOS', 'k', '1', '5', '2'], ['BITPOS', 'k', '1', '-1', '-1', 'BIT'],
      ['BITPOS', 'k', '0', '3', '100', 'bit'], ['BITPOS', 'k', '1', 'x'], ['BITPOS', 'k', '1', '0', '1', 'FOO'], ['SET', 'e', ''], ['BITPOS', 'e', '0'], ['BITPOS', 'e', '1'],
    ],
  },
  {
    name: 'BITOP AND OR XOR NOT over different lengths and missing keys',
    steps: [
      ['SET', 'a', '\xff\x0f'], ['SET', 'b', '\xf0'], ['BITOP', 'AND', 'd', 'a', 'b'], ['GET', 'd'], ['BITOP', 'OR', 'd', 'a', 'b'], ['GET', 'd'],
      ['BITOP', 'XOR', 'd', 'a', 'b', 'missing'], ['GET', 'd'], ['BITOP', 'NOT', 'd', 'a'], ['GET', 'd'], ['BITOP', 'NOT', 'd', 'a', 'b'],
      ['BITOP', 'NAND', 'd', 'a'], ['BITOP', 'and', 'd', 'missing', 'missing2'], ['EXISTS', 'd'], ['SET', 'e', ''], ['BITOP', 'OR', 'd', 'e'], ['EXISTS', 'd'],
      ['BITOP', 'AND', 'a', 'a', 'b'], ['GET', 'a'], ['BITOP', 'not', 'n', 'missing'], ['EXISTS', 'n'],
    ],
  },
  {
    name: 'BITFIELD GET SET INCRBY with every OVERFLOW mode',
    steps: [
      ['BITFIELD', 'k', 'SET', 'u8', '0', '255', 'GET', 'u8', '0', 'GET', 'i8', '0'], ['BITFIELD', 'k', 'INCRBY', 'u2', '100', '1', 'OVERFLOW', 'SAT', 'INCRBY', 'u2', '102', '1'],
      ['BITFIELD', 'k', 'OVERFLOW', 'WRAP', 'INCRBY', 'u8', '0', '1', 'OVERFLOW', 'SAT', 'INCRBY', 'u8', '0', '-10', 'OVERFLOW', 'FAIL', 'INCRBY', 'u8', '0', '-300'],
      ['BITFIELD', 'k', 'SET', 'i64', '0', '9223372036854775807', 'INCRBY', 'i64', '0', '1', 'OVERFLOW', 'SAT', 'INCRBY', 'i64', '0', '1'],
      ['BITFIELD', 'k', 'SET', 'u63', '#1', '9223372036854775807', 'GET', 'u63', '#1', 'SET', 'i5', '#3', '-16', 'GET', 'i5', '#3'],
      ['BITFIELD', 'k', 'GET', 'u64', '0'], ['BITFIELD', 'k', 'GET', 'i65', '0'], ['BITFIELD', 'k', 'GET', 'i0', '0'], ['BITFIELD', 'k', 'GET', 'I8', '0'],
      ['BITFIELD', 'k', 'GET', 'u8', '-1'], ['BITFIELD', 'k', 'GET', 'u8', '#-1'], ['BITFIELD', 'k', 'GET', 'u8', '4294967296'], ['BITFIELD', 'k', 'OVERFLOW', 'FOO'],
      ['BITFIELD', 'k', 'SET', 'u8', '0', 'x'], ['BITFIELD', 'k', 'INCRBY', 'u8', '0'], ['BITFIELD', 'k', 'FOO'], ['BITFIELD', 'k'], ['BITFIELD', 'missing', 'GET', 'u8', '0'],
      ['EXISTS', 'missing'], ['BITFIELD', 'k', 'SET', 'u8', '0', '256', 'SET', 'i8', '0', '-129', 'GET', 'u8', '0'], ['GET', 'k'],
    ],
  },
  {
    name: 'BITFIELD OVERFLOW SAT and WRAP at the 64-bit edges follow Redis int64 arithmetic',
    steps: [
      ['BITFIELD', 'k', 'OVERFLOW', 'SAT', 'SET', 'i63', '0', '-9223372036854775808', 'GET', 'i63', '0'],
      ['BITFIELD', 'k', 'OVERFLOW', 'SAT', 'SET', 'i63', '0', '9223372036854775807', 'GET', 'i63', '0'],
      ['BITFIELD', 'k', 'OVERFLOW', 'SAT', 'SET', 'i8', '0', '-9223372036854775808', 'GET', 'i8', '0'],
      ['BITFIELD', 'k', 'OVERFLOW', 'FAIL', 'SET', 'i32', '0', '-9223372036854775808', 'GET', 'i32', '0'],
      ['BITFIELD', 'k', 'OVERFLOW', 'SAT', 'INCRBY', 'i64', '0', '9223372036854775807', 'INCRBY', 'i64', '0', '1', 'INCRBY', 'i64', '0', '-9223372036854775808'],
      ['BITFIELD', 'k', 'OVERFLOW', 'SAT', 'INCRBY', 'u63', '0', '9223372036854775807', 'INCRBY', 'u63', '0', '-9223372036854775808', 'GET', 'u63', '0'],
      ['BITFIELD', 'k', 'OVERFLOW', 'WRAP', 'INCRBY', 'i64', '0', '9223372036854775807', 'INCRBY', 'i64', '0', '2', 'GET', 'i64', '0'],
      ['BITFIELD', 'k', 'OVERFLOW', 'SAT', 'SET', 'u8', '0', '-9223372036854775808', 'SET', 'u8', '0', '9223372036854775807', 'GET', 'u8', '0'],
    ],
  },
  {
    name: 'BITFIELD_RO only reads',
    steps: [
      ['SET', 'k', '\x01\x02\x03'], ['BITFIELD_RO', 'k', 'GET', 'u8', '0', 'GET', 'u16', '8'], ['BITFIELD_RO', 'k', 'SET', 'u8', '0', '1'],
      ['BITFIELD_RO', 'k', 'INCRBY', 'u8', '0', '1'], ['BITFIELD_RO', 'k', 'OVERFLOW', 'SAT', 'GET', 'u8', '0'], ['BITFIELD_RO', 'k'], ['BITFIELD_RO', 'missing', 'GET', 'i8', '0'],
    ],
  },
  {
    name: 'bitmap commands on another type answer WRONGTYPE',
    steps: [
      ['SADD', 's', 'x'], ['SETBIT', 's', '0', '1'], ['GETBIT', 's', '0'], ['BITCOUNT', 's'], ['BITPOS', 's', '1'], ['BITOP', 'AND', 'd', 's'],
      ['BITOP', 'AND', 's', 'missing'], ['BITFIELD', 's', 'GET', 'u8', '0'], ['BITFIELD_RO', 's', 'GET', 'u8', '0'], ['TYPE', 's'],
    ],
  },
]);
