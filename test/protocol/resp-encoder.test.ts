import { describe, expect, it } from 'vitest';
import {
  BoolReply,
  DoubleReply,
  ErrorReply,
  MapReply,
  NULL_ARRAY,
  OK,
  PushReply,
  SetReply,
  SimpleString,
  VerbatimReply,
} from '../../src/core/reply.js';
import { encodeCommand, encodeReply, ReplyWriter } from '../../src/protocol/resp-encoder.js';

describe('RESP encoder', () => {
  it('encodes the RESP2 types as redis-server sends them', () => {
    expect(encodeReply('bar', 2)).toBe('$3\r\nbar\r\n');
    expect(encodeReply('', 2)).toBe('$0\r\n\r\n');
    expect(encodeReply('a\r\n\x00\xff', 2)).toBe('$5\r\na\r\n\x00\xff\r\n');
    expect(encodeReply(OK, 2)).toBe('+OK\r\n');
    expect(encodeReply(new ErrorReply('ERR syntax error'), 2)).toBe('-ERR syntax error\r\n');
    expect(encodeReply(-42, 2)).toBe(':-42\r\n');
    expect(encodeReply(9223372036854775807n, 2)).toBe(':9223372036854775807\r\n');
    expect(encodeReply(null, 2)).toBe('$-1\r\n');
    expect(encodeReply(NULL_ARRAY, 2)).toBe('*-1\r\n');
    expect(encodeReply([], 2)).toBe('*0\r\n');
    expect(encodeReply(['a', 1, null, ['b']], 2)).toBe('*4\r\n$1\r\na\r\n:1\r\n$-1\r\n*1\r\n$1\r\nb\r\n');
  });

  it('encodes integers and bulk lengths on both sides of the prebuilt ones', () => {
    expect([0, 9999, 10000, -1, -0, 2 ** 53 - 1].map((n) => encodeReply(n, 2))).toEqual([':0\r\n', ':9999\r\n', ':10000\r\n', ':-1\r\n', ':0\r\n', ':9007199254740991\r\n']);
    for (const len of [1023, 1024, 65535, 65536]) {
      expect(encodeReply('a'.repeat(len), 2)).toBe(`$${len}\r\n${'a'.repeat(len)}\r\n`);
    }
  });

  it('sends the RESP3-only types in their RESP2 form on a RESP2 connection', () => {
    expect(encodeReply(new DoubleReply(1.5), 2)).toBe('$3\r\n1.5\r\n');
    expect(encodeReply(new DoubleReply(Infinity), 2)).toBe('$3\r\ninf\r\n');
    expect(encodeReply(new DoubleReply(-Infinity), 2)).toBe('$4\r\n-inf\r\n');
    expect(encodeReply(new DoubleReply(0.1), 2)).toBe('$19\r\n0.10000000000000001\r\n');
    expect(encodeReply(new MapReply([['k', 1], ['v', 'x']]), 2)).toBe('*4\r\n$1\r\nk\r\n:1\r\n$1\r\nv\r\n$1\r\nx\r\n');
    expect(encodeReply(new SetReply(['a']), 2)).toBe('*1\r\n$1\r\na\r\n');
    expect(encodeReply(new PushReply(['message', 'ch', 'hi']), 2)).toBe('*3\r\n$7\r\nmessage\r\n$2\r\nch\r\n$2\r\nhi\r\n');
    expect(encodeReply(new BoolReply(true), 2)).toBe(':1\r\n');
    expect(encodeReply(new BoolReply(false), 2)).toBe(':0\r\n');
    expect(encodeReply(new VerbatimReply('txt', 'hello'), 2)).toBe('$5\r\nhello\r\n');
  });

  it('encodes the RESP3 types', () => {
    expect(encodeReply(null, 3)).toBe('_\r\n');
    expect(encodeReply(NULL_ARRAY, 3)).toBe('_\r\n');
    expect(encodeReply(new DoubleReply(1.5), 3)).toBe(',1.5\r\n');
    expect(encodeReply(new DoubleReply(-Infinity), 3)).toBe(',-inf\r\n');
    expect(encodeReply(new DoubleReply(1e300), 3)).toBe(',1.0000000000000001e+300\r\n');
    expect(encodeReply(new MapReply([['k', 1]]), 3)).toBe('%1\r\n$1\r\nk\r\n:1\r\n');
    expect(encodeReply(new SetReply(['a', 'b']), 3)).toBe('~2\r\n$1\r\na\r\n$1\r\nb\r\n');
    expect(encodeReply(new PushReply(['a']), 3)).toBe('>1\r\n$1\r\na\r\n');
    expect(encodeReply(new BoolReply(true), 3)).toBe('#t\r\n');
    expect(encodeReply(new BoolReply(false), 3)).toBe('#f\r\n');
    expect(encodeReply(new VerbatimReply('txt', 'hello'), 3)).toBe('=9\r\ntxt:hello\r\n');
    expect(encodeReply(new SimpleString('PONG'), 3)).toBe('+PONG\r\n');
  });

  it('keeps big bulk strings as parts of their own and the rest in one string', () => {
    const big = 'x'.repeat(100_000);
    const w = new ReplyWriter();
    w.write(OK, 2);
    w.write(['a', big, 'b'], 2);
    w.write(1, 2);
    expect(w.size).toBe('+OK\r\n*3\r\n$1\r\na\r\n$100000\r\n'.length + big.length + '\r\n$1\r\nb\r\n:1\r\n'.length);
    const parts = w.take();
    expect(parts).toEqual(['+OK\r\n*3\r\n$1\r\na\r\n$100000\r\n', big, '\r\n$1\r\nb\r\n:1\r\n']);
    expect(parts[1]).toBe(big);
    expect(w.size).toBe(0);
    expect(w.take()).toEqual([]);
  });

  it('encodes a big verbatim string with its format in the header part', () => {
    const big = 'y'.repeat(70_000);
    const w = new ReplyWriter();
    w.write(new VerbatimReply('txt', big), 3);
    expect(w.take()).toEqual(['=70004\r\ntxt:', big, '\r\n']);
    expect(encodeReply(new VerbatimReply('txt', big), 3)).toBe('=70004\r\ntxt:' + big + '\r\n');
  });

  it('encodes a request as a multibulk of bulk strings', () => {
    expect(encodeCommand(['SET', 'k', 'a\r\nb'])).toBe('*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$4\r\na\r\nb\r\n');
    expect(encodeCommand([])).toBe('*0\r\n');
  });
});
