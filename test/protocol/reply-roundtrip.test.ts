// parse(encode(x)) === x for random replies, whatever way the byte stream is cut.
import { describe, expect, it } from 'vitest';
import { ErrorReply, MapReply, NULL_ARRAY, SimpleString, VerbatimReply, type Reply } from '../../src/core/reply.js';
import { encodeReply } from '../../src/protocol/resp-encoder.js';
import { INCOMPLETE, parseReplies, ReplyParser, RespSyntaxError } from '../../src/protocol/resp-reply-parser.js';
import { bytesOf, downgrade, Gen } from './random.js';

/** Feeds the chunks one by one, taking every reply that completes after each. */
function readAll(chunks: Uint8Array[]): Reply[] {
  const p = new ReplyParser();
  const out: Reply[] = [];
  for (const c of chunks) {
    p.feed(c);
    for (let r = p.next(); r !== INCOMPLETE; r = p.next()) out.push(r);
  }
  expect(p.pending).toBe(false);
  return out;
}

const SEEDS = 60;

describe('reply parser', () => {
  for (const resp of [3, 2] as const) {
    it(`reads back random RESP${resp} replies under random splits of the stream`, () => {
      for (let seed = 1; seed <= SEEDS; seed++) {
        const g = new Gen(seed * 7919 + resp);
        const replies = Array.from({ length: 1 + g.int(12) }, () => g.reply(3, resp));
        const wire = replies.map((r) => encodeReply(r, resp)).join('');
        const expected = resp === 3 ? replies : replies.map(downgrade);
        const got = readAll(g.split(bytesOf(wire, seed % 2 === 0)));
        expect(got, `seed ${g.seed}`).toEqual(expected);
      }
    });
  }

  it('keeps bytes CR, LF, NUL and 0xff inside bulk strings', () => {
    const v = '\r\n\x00\xff$1\r\n*2\r\n';
    for (let cut = 0; cut <= 20; cut++) {
      const wire = bytesOf(encodeReply([v, new VerbatimReply('txt', v)], 3));
      expect(readAll([wire.subarray(0, cut), wire.subarray(cut)])).toEqual([[v, new VerbatimReply('txt', v)]]);
    }
  });

  it('reads a 4 MiB bulk string that arrives in 1000 pieces', () => {
    const big = 'z'.repeat(4 * 1024 * 1024 - 3) + '\r\n\xff';
    const wire = bytesOf(encodeReply(big, 2));
    const chunks: Uint8Array[] = [];
    const step = Math.ceil(wire.length / 1000);
    for (let i = 0; i < wire.length; i += step) chunks.push(wire.subarray(i, i + step));
    const got = readAll(chunks);
    expect(got.length).toBe(1);
    expect(got[0] === big).toBe(true);
  });

  it('tells RESP2 null bulk, null array and RESP3 null apart as the model does', () => {
    expect(parseReplies('$-1\r\n*-1\r\n_\r\n')).toEqual([null, NULL_ARRAY, null]);
  });

  it('reads blob errors, big numbers and drops attributes', () => {
    expect(parseReplies('!21\r\nSYNTAX invalid syntax\r\n')).toEqual([new ErrorReply('SYNTAX invalid syntax')]);
    expect(parseReplies('(3492890328409238509324850943850943825024385\r\n')).toEqual([3492890328409238509324850943850943825024385n]);
    expect(parseReplies('|1\r\n+key-popularity\r\n%1\r\n$1\r\na\r\n,0.1923\r\n*1\r\n:2\r\n')).toEqual([[2]]);
    expect(parseReplies('*2\r\n|1\r\n+ttl\r\n:3600\r\n:1\r\n:2\r\n')).toEqual([[1, 2]]);
    expect(parseReplies('%0\r\n~0\r\n')).toEqual([new MapReply([]), expect.anything()]);
  });

  it('reads integers past 2^53 as bigints and smaller ones as numbers', () => {
    expect(parseReplies(':9007199254740991\r\n:9007199254740992\r\n:-9223372036854775808\r\n')).toEqual([
      9007199254740991,
      9007199254740992n,
      -9223372036854775808n,
    ]);
  });

  it('refuses a stream that is not RESP', () => {
    expect(() => parseReplies('?what\r\n')).toThrow(RespSyntaxError);
    expect(() => parseReplies('$3\r\nabcd\r\n')).toThrow(RespSyntaxError);
    expect(() => parseReplies(':12a\r\n')).toThrow(RespSyntaxError);
    expect(() => parseReplies('#x\r\n')).toThrow(RespSyntaxError);
    expect(() => parseReplies('*2\r\n:1\r\n')).toThrow('data ends inside a reply');
  });

  it('waits for the LF of a line split after its CR', () => {
    const p = new ReplyParser();
    p.feed('+OK\r');
    expect(p.next()).toBe(INCOMPLETE);
    p.feed('\n');
    expect(p.next()).toEqual(new SimpleString('OK'));
    expect(p.next()).toBe(INCOMPLETE);
  });
});
