// The differential harness checks itself: framing of RESP2/RESP3 replies, each comparison, MULTI
// bookkeeping, and that a wrong reply is caught with its seed, index and replay hint.
import { describe, expect, it } from 'vitest';
import type { Call } from './call.js';
import { compareExec, compareReplies } from './compare.js';
import { Generator } from './generator.js';
import { allGens } from './gens.js';
import { Runner, describeMismatch, listSource } from './runner.js';
import { parseReply, replyEnd } from './resp.js';
import type { Target } from './targets.js';

/** A target answering from a function of the argv. */
function fake(answer: (argv: string[]) => string): Target {
  return {
    name: 'fake',
    reset: async () => {},
    run: async (calls: Call[]) => calls.map((c) => (c.op === 'sleep' ? '' : answer(c.argv))),
    close: async () => {},
  };
}

describe('differential harness', () => {
  it('cuts RESP2 and RESP3 streams into whole replies', () => {
    const replies = ['+OK\r\n', '$3\r\na\r\n\r\n', '*2\r\n:1\r\n$-1\r\n', '%1\r\n+a\r\n~2\r\n,1.5\r\n#t\r\n', '=7\r\ntxt:abc\r\n', '_\r\n', '|1\r\n+k\r\n+v\r\n:5\r\n', '*-1\r\n', '>2\r\n+a\r\n(12345678901234567890\r\n'];
    const stream = replies.join('');
    let pos = 0;
    for (const r of replies) {
      const end = replyEnd(stream, pos);
      expect(stream.slice(pos, end)).toBe(r);
      expect(parseReply(r).raw).toBe(r);
      pos = end;
    }
    expect(replyEnd('$10\r\nabc', 0)).toBe(-1);
    expect(replyEnd('*2\r\n:1\r\n', 0)).toBe(-1);
  });

  it('compares sorted, pairs, approximate, shape, key-or-null, hello and scan pages', () => {
    expect(compareReplies('sorted', '*2\r\n$1\r\na\r\n$1\r\nb\r\n', '*2\r\n$1\r\nb\r\n$1\r\na\r\n')).toBeNull();
    expect(compareReplies('sorted', '*2\r\n$1\r\na\r\n$1\r\nb\r\n', '*2\r\n$1\r\nb\r\n$1\r\nc\r\n')).not.toBeNull();
    expect(compareReplies('sorted', '*1\r\n$1\r\na\r\n', '~1\r\n$1\r\na\r\n')).not.toBeNull();
    expect(compareReplies('pairs', '*4\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nb\r\n$1\r\n2\r\n', '*4\r\n$1\r\nb\r\n$1\r\n2\r\n$1\r\na\r\n$1\r\n1\r\n')).toBeNull();
    expect(compareReplies('pairs', '*4\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nb\r\n$1\r\n2\r\n', '*4\r\n$1\r\na\r\n$1\r\n2\r\n$1\r\nb\r\n$1\r\n1\r\n')).not.toBeNull();
    expect(compareReplies('approx-s', ':100\r\n', ':99\r\n')).toBeNull();
    expect(compareReplies('approx-s', ':100\r\n', ':98\r\n')).not.toBeNull();
    expect(compareReplies('approx-s', ':-1\r\n', ':-2\r\n')).not.toBeNull();
    expect(compareReplies('approx-ms', ':9223370241210692252\r\n', ':9223370241210692038\r\n')).toBeNull();
    expect(compareReplies('approx-ms', '-ERR x\r\n', ':1\r\n')).not.toBeNull();
    expect(compareReplies('shape', '*2\r\n$2\r\n10\r\n$1\r\n5\r\n', '*2\r\n$3\r\n100\r\n$2\r\n50\r\n')).toBeNull();
    expect(compareReplies('shape', '*2\r\n$2\r\n10\r\n$1\r\n5\r\n', '*1\r\n$2\r\n10\r\n')).not.toBeNull();
    expect(compareReplies('key-or-null', '$1\r\na\r\n', '$1\r\nb\r\n')).toBeNull();
    expect(compareReplies('key-or-null', '$-1\r\n', '$1\r\nb\r\n')).not.toBeNull();
    const hello = (id: number) => `%2\r\n$5\r\nproto\r\n:3\r\n$2\r\nid\r\n:${id}\r\n`;
    expect(compareReplies('hello', hello(3), hello(7))).toBeNull();
    expect(compareReplies('hello', hello(3), hello(7).replace(':3', ':2'))).not.toBeNull();
    const page = (cursor: string, keys: string[]) => `*2\r\n$${cursor.length}\r\n${cursor}\r\n*${keys.length}\r\n${keys.map((k) => `$${k.length}\r\n${k}\r\n`).join('')}`;
    expect(compareReplies('scan-page', page('0', ['a', 'b']), page('0', ['b', 'a']))).toBeNull();
    expect(compareReplies('scan-page', page('0', ['a', 'b']), page('0', ['b', 'c']))).not.toBeNull();
    expect(compareReplies('scan-page', page('3', ['a']), page('5', ['b', 'c']))).toBeNull();
    expect(compareReplies('scan-page', '-ERR invalid cursor\r\n', page('0', []))).not.toBeNull();
  });

  it('compares EXEC replies element by element with the queued comparisons', () => {
    expect(compareExec(['exact', 'approx-s'], '*2\r\n+OK\r\n:100\r\n', '*2\r\n+OK\r\n:99\r\n')).toBeNull();
    expect(compareExec(['exact', 'exact'], '*2\r\n+OK\r\n:100\r\n', '*2\r\n+OK\r\n:99\r\n')).not.toBeNull();
    expect(compareExec(['exact'], '*-1\r\n', '*0\r\n')).not.toBeNull();
  });

  it('catches a wrong reply and reports the index, both replies and the replay', async () => {
    const runner = new Runner(fake(() => '+OK\r\n'), fake((argv) => (argv[0] === 'BAD' ? '-ERR no\r\n' : '+OK\r\n')));
    const calls: Call[] = [{ argv: ['SET', 'a', 'b'] }, { argv: ['GET', 'a'] }, { argv: ['BAD'] }, { argv: ['GET', 'a'] }];
    const res = await runner.run(listSource(calls), calls.length);
    expect(res.mismatch?.index).toBe(2);
    expect(await runner.shrink(res.mismatch!)).toEqual([{ argv: ['BAD'] }]);
    const text = describeMismatch(res.mismatch!, { seed: 7, label: 'self-test', replay: 'DIFF_SEED=7' });
    expect(text).toContain('seed 7, command #2');
    expect(text).toContain("redis: '+OK\\r\\n'");
    expect(text).toContain("ours:  '-ERR no\\r\\n'");
    expect(text).toContain('DIFF_SEED=7');
  });

  it('applies the queued comparisons only to the EXEC that ends the transaction', async () => {
    let ttl = 100;
    const answer = (drift: number) => (argv: string[]) => {
      const n = argv[0].toLowerCase();
      if (n === 'multi') return '+OK\r\n';
      if (n === 'exec') return `*1\r\n:${ttl + drift}\r\n`;
      return '+QUEUED\r\n';
    };
    const calls: Call[] = [{ argv: ['MULTI'] }, { argv: ['TTL', 'k'], cmp: 'approx-s' }, { argv: ['EXEC'] }];
    expect((await new Runner(fake(answer(0)), fake(answer(1))).run(listSource(calls), 3)).mismatch).toBeNull();
    ttl = 50;
    expect((await new Runner(fake(answer(0)), fake(answer(5))).run(listSource(calls), 3)).mismatch?.index).toBe(2);
  });

  it('generates the same sequence for the same seed, and only byte strings', () => {
    const gen = (seed: number) => new Generator({ seed, gens: allGens, supported: () => true });
    const a = gen(42);
    const b = gen(42);
    const now = 1_700_000_000_000;
    for (let i = 0; i < 1000; i++) {
      const x = a.next(now);
      expect(b.next(now)).toEqual(x);
      for (const arg of x.argv) expect(/^[\x00-\xff]*$/.test(arg)).toBe(true);
    }
  });
});
