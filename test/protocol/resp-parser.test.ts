// The request parser: argv round trips under random splits, inline commands, and every limit and
// protocol error of networking.c, with the texts checked against redis-server 7.0.15.
import { describe, expect, it } from 'vitest';
import { encodeCommand } from '../../src/protocol/resp-encoder.js';
import { RequestParser, splitArgs, type ProtocolError } from '../../src/protocol/resp-parser.js';
import { protocolErrors, type ProtocolLimits } from '../../src/protocol/limits.js';
import { bytesOf, Gen } from './random.js';

interface Result {
  commands: string[][];
  error: ProtocolError | null;
}

/** Feeds the chunks one by one, taking every command that completes after each. */
function run(chunks: Array<Uint8Array | string>, opts: { limits?: Partial<ProtocolLimits>; auth?: boolean } = {}): Result {
  const p = new RequestParser(opts.limits);
  p.authRequired = opts.auth ?? false;
  const commands: string[][] = [];
  for (const c of chunks) {
    p.feed(typeof c === 'string' ? bytesOf(c) : c);
    for (let argv = p.next(); argv !== null; argv = p.next()) commands.push(argv);
  }
  return { commands, error: p.error };
}

/** The error reply a stream ends with (whole, in one chunk). */
function errorOf(wire: string, opts: { limits?: Partial<ProtocolLimits>; auth?: boolean } = {}): string | null | undefined {
  return run([wire], opts).error?.reply;
}

/** An inline line that sdssplitargs reads back as `argv` (double quotes, \xHH for every byte that needs it). */
function inlineOf(argv: string[]): string {
  return (
    argv
      .map((a) => {
        let s = '"';
        for (const ch of a) {
          const c = ch.charCodeAt(0);
          s += c >= 0x20 && c < 0x7f && ch !== '"' && ch !== '\\' ? ch : '\\x' + c.toString(16).padStart(2, '0');
        }
        return s + '"';
      })
      .join(' ') + '\r\n'
  );
}

describe('request parser', () => {
  it('reads back random commands under random splits of the stream', () => {
    for (let seed = 1; seed <= 80; seed++) {
      const g = new Gen(seed);
      const commands = Array.from({ length: 1 + g.int(10) }, () => g.argv());
      const wire = commands.map((argv) => (g.next() < 0.2 && argv.every((a) => a.length < 1000) ? inlineOf(argv) : encodeCommand(argv))).join('');
      const got = run(g.split(bytesOf(wire, seed % 3 === 0)));
      expect(got.error, `seed ${seed}`).toBe(null);
      expect(got.commands, `seed ${seed}`).toEqual(commands);
    }
  });

  it('resumes inside a count, a bulk length, a bulk and between CR and LF', () => {
    const argv = ['SET', 'key', 'a\r\nb\x00\xff'];
    const wire = encodeCommand(argv) + encodeCommand(['GET', 'key']);
    for (let cut = 1; cut < wire.length; cut++) {
      const got = run([wire.slice(0, cut), wire.slice(cut)]);
      expect(got.commands, `cut at ${cut}`).toEqual([argv, ['GET', 'key']]);
    }
    expect(run(wire.split('').map((c) => c)).commands).toEqual([argv, ['GET', 'key']]);
  });

  it('collects a big bulk piece by piece and reports what it holds', () => {
    const big = 'b'.repeat(1024 * 1024) + '\r\n';
    const wire = bytesOf(encodeCommand(['SET', 'k', big]) + encodeCommand(['GET', 'k']));
    const p = new RequestParser();
    const got: string[][] = [];
    for (let i = 0; i < wire.length; i += 1000) {
      p.feed(wire.subarray(i, i + 1000));
      if (i === 500_000) expect(p.buffered).toBeGreaterThan(400_000);
      for (let a = p.next(); a !== null; a = p.next()) got.push(a);
    }
    expect(got.length).toBe(2);
    expect(got[0][2] === big).toBe(true);
    expect(got[1]).toEqual(['GET', 'k']);
    expect(p.buffered).toBe(0);
  });

  it('accepts plain Uint8Arrays as well as Buffers', () => {
    const long = 'long value of more than thirteen bytes \xff';
    expect(run([bytesOf(encodeCommand(['SET', 'k', long]), true)]).commands).toEqual([['SET', 'k', long]]);
  });

  it('skips empty multibulks and empty inline lines', () => {
    expect(run(['*0\r\n*-1\r\n*-9223372036854775808\r\n\r\n\n   \r\nPING\r\n']).commands).toEqual([['PING']]);
  });

  it('hands out commands one at a time, so the caller runs each before the next is read', () => {
    const p = new RequestParser();
    p.feed(bytesOf('*1\r\n$4\r\nPING\r\n*1\r\n$4\r\nPING\r\n'));
    expect(p.next()).toEqual(['PING']);
    expect(p.buffered).toBe(14);
    expect(p.next()).toEqual(['PING']);
    expect(p.next()).toBe(null);
  });

  describe('quirks of redis-server kept as they are', () => {
    it('does not check the two bytes after a bulk', () => {
      expect(run(['*1\r\n$4\r\nPINGxxPING\r\n']).commands).toEqual([['PING'], ['PING']]);
    });
    it('does not check the byte after the CR of a count', () => {
      expect(run(['*1\rX$4\rXPING\r\n']).commands).toEqual([['PING']]);
    });
    it('never finds a line with a NUL before its end', () => {
      expect(run(['*1\x00\r\n']).commands).toEqual([]);
      expect(run(['PI\x00NG\r\n']).commands).toEqual([]);
      expect(run(['*1\x00\r\n', 'x'.repeat(64 * 1024)]).error?.reply).toBe(protocolErrors.tooBigMbulkCount);
    });
    it('takes an inline command that is not RESP, even one starting with $', () => {
      expect(run(['$1\r\n']).commands).toEqual([['$1']]);
    });
    it('splits an inline line on a bare CR too', () => {
      expect(run(['PING\rPING\n']).commands).toEqual([['PING', 'PING']]);
    });
  });

  describe('protocol errors', () => {
    it('refuses a bad multibulk count', () => {
      for (const count of ['', 'x', '01', '-0', '+1', ' 1', '1 ', '2147483648', '9223372036854775808', '-9223372036854775809', '1x']) {
        expect(errorOf(`*${count}\r\n`), `*${count}`).toBe('ERR Protocol error: invalid multibulk length');
      }
    });
    it('accepts a multibulk count up to INT_MAX, as 7.0 does', () => {
      expect(run(['*2147483647\r\n']).error).toBe(null);
      expect(run(['*1073741825\r\n']).error).toBe(null);
    });
    it('refuses a bad bulk length', () => {
      for (const len of ['', '-1', '-0', '01', 'x', '536870913', '9223372036854775808']) {
        expect(errorOf(`*1\r\n$${len}\r\n`), `$${len}`).toBe('ERR Protocol error: invalid bulk length');
      }
    });
    it('accepts a bulk length up to proto-max-bulk-len, and a smaller limit when configured', () => {
      expect(run(['*1\r\n$536870888\r\n']).error).toBe(null);
      expect(errorOf('*1\r\n$11\r\n', { limits: { maxBulkLen: 10 } })).toBe(protocolErrors.invalidBulkLength);
      expect(run(['*1\r\n$10\r\n'], { limits: { maxBulkLen: 10 } }).error).toBe(null);
    });
    it("refuses what is not a '$' where a bulk is expected, naming the byte", () => {
      expect(errorOf('*1\r\n+1\r\n')).toBe("ERR Protocol error: expected '$', got '+'");
      expect(errorOf('*2\r\n$1\r\na\r\n:1\r\n')).toBe("ERR Protocol error: expected '$', got ':'");
      expect(errorOf('*1\r\n\xff\r\n')).toBe("ERR Protocol error: expected '$', got '\xff'");
      // CR and LF are replaced by spaces so the reply stays one line.
      expect(errorOf('*1\r\n\r\n')).toBe("ERR Protocol error: expected '$', got ' '");
      expect(errorOf('*1\r\n\n\r\n')).toBe("ERR Protocol error: expected '$', got ' '");
    });
    it('refuses unbalanced quotes in an inline command', () => {
      for (const line of ['PING "a', "PING 'a", 'ECHO a"b c"d', 'ECHO "a"b', "ECHO 'a'b", 'ECHO "\\"']) {
        expect(errorOf(line + '\r\n'), line).toBe('ERR Protocol error: unbalanced quotes in request');
      }
    });
    it('refuses an inline request longer than 64 KiB without a newline', () => {
      const long = 'a'.repeat(64 * 1024);
      expect(run([long]).error).toBe(null);
      expect(run([long + 'b']).error?.reply).toBe('ERR Protocol error: too big inline request');
      expect(run([long, 'b']).error?.reply).toBe('ERR Protocol error: too big inline request');
      // A long line that arrives whole is read, as Redis reads it.
      expect(run([long + 'b\r\n']).commands).toEqual([[long + 'b']]);
    });
    it('refuses a multibulk count or bulk length line longer than 64 KiB', () => {
      expect(errorOf('*' + '1'.repeat(64 * 1024 + 1))).toBe('ERR Protocol error: too big mbulk count string');
      expect(errorOf('*1\r\n$' + '1'.repeat(64 * 1024 + 1))).toBe('ERR Protocol error: too big bulk count string');
      expect(errorOf('*1\r\n$' + '1'.repeat(64 * 1024 - 2))).toBe(undefined);
    });
    it('limits unauthenticated clients to 10 arguments of 16384 bytes', () => {
      expect(errorOf('*11\r\n', { auth: true })).toBe('ERR Protocol error: unauthenticated multibulk length');
      expect(errorOf('*10\r\n', { auth: true })).toBe(undefined);
      expect(errorOf('*1\r\n$16385\r\n', { auth: true })).toBe('ERR Protocol error: unauthenticated bulk length');
      expect(errorOf('*1\r\n$16384\r\n', { auth: true })).toBe(undefined);
      expect(errorOf('*11\r\n', { auth: false })).toBe(undefined);
      expect(errorOf('*1\r\n$16385\r\n', { auth: false })).toBe(undefined);
      // The invalid-length checks come first.
      expect(errorOf('*1\r\n$-1\r\n', { auth: true })).toBe(protocolErrors.invalidBulkLength);
      expect(errorOf('*2147483648\r\n', { auth: true })).toBe(protocolErrors.invalidMultibulkLength);
    });
    it('lifts the unauthenticated limits for the commands after a successful AUTH', () => {
      const p = new RequestParser();
      p.authRequired = true;
      p.feed(bytesOf(encodeCommand(['AUTH', 'pw']) + encodeCommand(Array.from({ length: 11 }, () => 'x'))));
      expect(p.next()).toEqual(['AUTH', 'pw']);
      p.authRequired = false;
      expect(p.next()?.length).toBe(11);
    });
    it('closes without a reply past client-query-buffer-limit', () => {
      expect(run(['*1\r\n$100\r\n', 'x'.repeat(50), 'x'.repeat(20)], { limits: { maxQuerybufLen: 64 } }).error).toEqual({
        reply: null,
        reason: 'max query buffer length',
      });
    });
    it('returns the commands before the error, and nothing after it', () => {
      const got = run(['PING\r\n*1\r\n$4\r\nECHO\r\n*x\r\nPING\r\n', 'PING\r\n']);
      expect(got.commands).toEqual([['PING'], ['ECHO']]);
      expect(got.error?.reply).toBe(protocolErrors.invalidMultibulkLength);
    });
    it('finds the error wherever the stream is cut', () => {
      const wire = encodeCommand(['SET', 'a', 'b']) + '*1\r\n$x\r\n';
      for (let cut = 1; cut < wire.length; cut++) {
        const got = run([wire.slice(0, cut), wire.slice(cut)]);
        expect(got.commands).toEqual([['SET', 'a', 'b']]);
        expect(got.error?.reply).toBe(protocolErrors.invalidBulkLength);
      }
    });
  });
});

describe('splitArgs (sdssplitargs)', () => {
  it('splits on spaces, tabs and newlines', () => {
    expect(splitArgs('  set  a\tb \n c  ')).toEqual(['set', 'a', 'b', 'c']);
    expect(splitArgs('')).toEqual([]);
    expect(splitArgs('   ')).toEqual([]);
  });
  it('reads escapes in double quotes', () => {
    expect(splitArgs('"a\\x41\\n\\r\\t\\b\\a\\"\\\\\\z"')).toEqual(['aA\n\r\t\b\x07"\\z']);
    expect(splitArgs('"\\x4"')).toEqual(['x4']);
    expect(splitArgs('"\\xff\\x00"')).toEqual(['\xff\x00']);
    expect(splitArgs('""')).toEqual(['']);
  });
  it("reads only \\' in single quotes", () => {
    expect(splitArgs("'a\\'b\\n'")).toEqual(["a'b\\n"]);
  });
  it('joins a quoted part to the unquoted text before it', () => {
    expect(splitArgs('a"b c" d')).toEqual(['ab c', 'd']);
  });
  it('ends an unquoted argument at space, tab, CR and LF but not at VT or FF', () => {
    expect(splitArgs('a\x0bb c\x0cd')).toEqual(['a\x0bb', 'c\x0cd']);
    expect(splitArgs('"a"\x0bb')).toEqual(['a', 'b']);
  });
  it('refuses unbalanced quotes and a closing quote glued to more text', () => {
    expect(splitArgs('"a')).toBe(null);
    expect(splitArgs("'a")).toBe(null);
    expect(splitArgs('"a"b')).toBe(null);
    expect(splitArgs('"a\\"')).toBe(null);
  });
});
