// Hostile argument values for the generator: keys, values, integers, floats, patterns, offsets.
// Byte strings are latin1 JS strings; unicode appears as its UTF-8 bytes.
import { fromUtf8 } from '../../src/core/index.js';

/** The shared key space: small so keys collide across commands (and across types, once they exist). */
export const KEYS = ['a', 'b', 'c', 'foo', 'k:1', 'k:2', '{t}x', '', '\x00\xff', fromUtf8('ключ'), 'a*b'];

/** Keys that may hold 10-100 KB values; commands that copy between keys stay inside one pool. */
export const BIG_KEYS = ['big:1', 'big:2'];

export const INT64_EDGES = [
  '9223372036854775807',
  '-9223372036854775808',
  '9223372036854775808',
  '-9223372036854775809',
  '18446744073709551615',
  '9007199254740993',
  '-9007199254740993',
  '4294967296',
  '2147483647',
  '-2147483648',
];

/** Strings that look like integers to a lax parser and are not to Redis's string2ll (or are). */
export const INT_TRAPS = ['-0', '+1', ' 1', '1 ', '0x10', '1e3', '007', '1.0', '', 'abc', '1\x00', fromUtf8('٣'), '9999', '10000', '-', '+'];

export const FLOATS = [
  '1.5', '-0.1', '3e2', '1e-5', '0.1', '17', '-0', '1e15', '1e17', '5.', '.5', '3.0000000000000004',
  '123456789.123456789', '1.7976931348623157e308', '5e-324', '1e-320', '2.5e-3', '-1.5E+2',
  'inf', '-inf', '+inf', 'nan', 'NaN', 'infinity', '-Infinity', '1e309', '-1e309',
  '0x10', ' 1', '1 ', '', 'abc', '1e', '1.2.3', '1,5',
];

/** KEYS / SCAN MATCH patterns, including the glob corners of stringmatchlen. */
export const PATTERNS = [
  '*', '*', 'a', 'a*', '*a*', 'k:?', 'k:[12]', 'k:[^1]', 'k:[1-2]', 'k:[2-1]', '[a-c]', '\\*', 'a\\*b', 'a*b',
  '*\\', '[', '[a', '?', '??', '', 'nomatch', '{t}*', '\x00*', '*\xff', 'K:*', '[!a]*', '**', '*?*',
];

export const ASCII = 'abcxyz0123456789 -_:';
