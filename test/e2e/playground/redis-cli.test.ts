// The playground console against redis-cli: the same lines go to `redis-cli --no-raw` talking to a
// real redis-server 7.0 and to the console session (our engine, inline) whose formatter prints
// the replies; the texts must be equal byte for byte. HELP and the syntax lines are compared with
// redis-cli's HELP for every command.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type LocalRedis } from '../../../src/client/index.js';
import { buildHelpEntries, completionsFor, helpText, hintFor, type HelpEntry } from '../../../demo/lib/command-docs.js';
import { COMMAND_DOCS } from '../../../demo/lib/command-docs.gen.js';
import { ConsoleSession, sendThrough } from '../../../demo/lib/console-session.js';
import { formatDouble } from '../../../demo/lib/format-reply.js';

const port = 20000 + Math.floor(Math.random() * 20000);
let server: ChildProcess;
let client: LocalRedis;
const entries: HelpEntry[] = buildHelpEntries(COMMAND_DOCS, COMMAND_DOCS);

/** HELLO's connection id differs by design (RESP3 `"id" => (integer) 7`, RESP2 `8) (integer) 7`). */
const hideIds = (text: string) => text.replace(/("id"(?: => |\n *\d+\) ))\(integer\) \d+/g, '$1(integer) N');

/** What redis-cli --no-raw prints for these lines, sent on one connection. */
function redisCli(lines: string[]): string {
  return execFileSync('redis-cli', ['-p', String(port), '--no-raw'], { input: Buffer.from(lines.join('\n') + '\n', 'utf8'), encoding: 'latin1' })
    .replace(/\x1b\[[0-9;]*m/g, '')
    .replace(/\r\n/g, '\n');
}

/** What the console prints for the same lines, on a fresh session of our engine. */
async function ours(lines: string[]): Promise<string> {
  const session = new ConsoleSession(sendThrough(client), entries);
  let out = '';
  for (const line of lines) out += (await session.run(line)).output;
  return out.replace(/\r\n/g, '\n');
}

beforeAll(async () => {
  server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  for (let i = 0; ; i++) {
    try {
      execFileSync('redis-cli', ['-p', String(port), 'PING'], { stdio: 'pipe' });
      break;
    } catch (e) {
      if (i > 100) throw e;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  client = await createClient({ mode: 'inline' });
});

afterAll(async () => {
  await client?.close();
  server?.kill();
});

const scripts: Record<string, string[]> = {
  'strings, nil and the escaping of non-printable bytes': [
    'FLUSHALL',
    'SET a "x\\x00\\x01\\xff\\"\\\\\\n\\r\\t\\a\\b"',
    'GET a',
    'GET nope',
    'SET u café',
    'GET u',
    "SET q 'it\\'s'",
    'GET q',
    'ECHO "\\x41\\x4g"',
    'APPEND a zz',
    'STRLEN a',
    'SETRANGE x 3 hi',
    'GET x',
    'INCRBYFLOAT f 1.5',
    'INCRBYFLOAT f 0.1',
    'MGET a nope f',
    'SET "unbalanced',
    'ECHO a"b c"',
    'ECHO "a"b',
    '',
    '   ',
  ],
  'integers, errors and the repeat count': [
    'FLUSHALL',
    'INCR n',
    'INCRBY n -5',
    '3 INCR n',
    'DECRBY n 9223372036854775807',
    'GET',
    'FOO bar',
    'LPUSH n x',
    'EXISTS n nope n',
    'INCR',
    'SET k v EX 0',
  ],
  'arrays, empty arrays, index widths and nested arrays': [
    'FLUSHALL',
    'RPUSH l a b c d e f g h i j k l',
    'LRANGE l 0 -1',
    'LRANGE nope 0 -1',
    'LPOS l z',
    'MSET k1 1 k2 2',
    'SADD s 3 1 2',
    'SMEMBERS s',
    'HSET h f1 v1 f2 v2',
    'HGETALL h',
    'HGETALL nope',
    'LMPOP 2 nope l LEFT COUNT 2',
    'COMMAND INFO get',
    'COMMAND GETKEYSANDFLAGS lmove a b left right',
    'CONFIG GET maxmemory',
    'SCAN 0 MATCH k1',
    'MSET lcs1 ohmytext lcs2 mynewtext',
    'LCS lcs1 lcs2 IDX MINMATCHLEN 2 WITHMATCHLEN',
    'LCS lcs1 lcs2 IDX',
    'BITFIELD bf SET u8 0 200 GET u8 0 INCRBY u4 100 1 OVERFLOW FAIL INCRBY u2 102 1',
    'OBJECT ENCODING l',
    'TYPE h',
    'CLIENT GETNAME',
    'SINTERCARD 2 s nope',
    'SMISMEMBER s 1 9',
    'LPOS l b RANK -1 COUNT 0',
  ],
  'sorted sets: scores are doubles': [
    'FLUSHALL',
    'ZADD z 1 a 2.5 b 0.1 c',
    'ZADD z INCR 1e-20 q',
    'ZSCORE z c',
    'ZSCORE z a',
    'ZINCRBY z 1e300 a',
    'ZRANGE z 0 -1 WITHSCORES',
    'ZMSCORE z a nope b',
    'ZPOPMIN z',
    'ZMPOP 1 z MAX COUNT 2',
    'ZCARD z',
    'ZRANGE z 0 -1',
    'ZADD t 1000000000000001.25 tie 0.30000000000000004 third 5e-324 tiny 1.7976931348623157e308 huge 123456.789 plain',
    'ZRANGE t 0 -1 WITHSCORES',
  ],
  'MULTI/EXEC: QUEUED, the list EXEC answers, errors inside it, DISCARD and EXECABORT': [
    'FLUSHALL',
    'MULTI',
    'INCR n',
    'SET s "a b"',
    'LPUSH s x',
    'ZADD z 1.5 m',
    'ZSCORE z m',
    'GET s',
    'EXEC',
    'EXEC',
    'MULTI',
    'SELECT 3',
    'INCR n',
    'DISCARD',
    'MULTI',
    'NOSUCH',
    'INCR n',
    'EXEC',
    'MULTI',
    'MULTI',
    'SELECT 2',
    'EXEC',
    'SET here 1',
    'SELECT 0',
    'EXISTS here',
  ],
  'raw replies: INFO and CLIENT subcommands': ['FLUSHALL', 'SET k v', 'INFO keyspace', 'INFO nosuchsection', 'CLIENT INFO x', 'CLIENT LIST x'],
  'RESP3 after HELLO 3: maps, sets, doubles, booleans': [
    'FLUSHALL',
    'ZADD z 2 a 0.5 b',
    'SADD s x',
    'HELLO 3',
    'ZSCORE z a',
    'ZRANGE z 0 -1 WITHSCORES',
    'SMEMBERS s',
    'SMEMBERS nope',
    'HGETALL nope',
    'CONFIG GET maxmemory',
    'HSET h f v',
    'HGETALL h',
    'GET nope',
    'MSET lcs1 ohmytext lcs2 mynewtext',
    'LCS lcs1 lcs2 IDX MINMATCHLEN 2 WITHMATCHLEN',
    'SMISMEMBER s x y',
    'HELLO 2',
    'ZSCORE z a',
  ],
};

describe('the console prints what redis-cli prints', () => {
  for (const [name, lines] of Object.entries(scripts)) {
    it(name, async () => {
      const cli = hideIds(redisCli(lines));
      const mine = hideIds(await ours(lines));
      expect(mine).toBe(cli);
    });
  }

  it('the prompt follows SELECT, MULTI and EXEC as redis-cli shows it', async () => {
    const session = new ConsoleSession(sendThrough(client), entries);
    expect(session.prompt).toBe('localredis> ');
    await session.run('SELECT 2');
    expect(session.prompt).toBe('localredis[2]> ');
    await session.run('MULTI');
    expect(session.prompt).toBe('localredis[2](TX)> ');
    await session.run('SELECT 0');
    expect(session.prompt).toBe('localredis(TX)> ');
    await session.run('DISCARD');
    expect(session.prompt).toBe('localredis[2]> ');
    await session.run('SELECT 0');
  });
});

describe('help, hints and completion from the command docs', () => {
  it('HELP <command> prints what redis-cli 7.0 prints, for every command and subcommand', () => {
    const lines = entries.map((e) => `HELP ${e.full}`);
    const cli = redisCli(lines);
    let mine = '';
    for (const e of entries) {
      mine += helpText(e.words, entries, '7.0.15');
    }
    expect(mine).toBe(cli);
  });

  it('HELP @group lists the group without the group line', () => {
    const cli = redisCli(['HELP @string', 'HELP @sorted-set']);
    expect(helpText(['@string'], entries, '7.0.15') + helpText(['@sorted-set'], entries, '7.0.15')).toBe(cli);
  });

  it('a hint shows the syntax after the command and drops what is typed up to the first option', () => {
    expect(hintFor('set', entries)).toBe(' key value [NX|XX] [GET] [EX seconds|PX milliseconds|EXAT unix-time-seconds|PXAT unix-time-milliseconds|KEEPTTL]');
    expect(hintFor('SET ', entries)).toBe('key value [NX|XX] [GET] [EX seconds|PX milliseconds|EXAT unix-time-seconds|PXAT unix-time-milliseconds|KEEPTTL]');
    expect(hintFor('set k v', entries)).toBe(' [NX|XX] [GET] [EX seconds|PX milliseconds|EXAT unix-time-seconds|PXAT unix-time-milliseconds|KEEPTTL]');
    expect(hintFor('config get', entries)).toBe(' parameter [parameter ...]');
    expect(hintFor('zadd z', entries)).toBe(' [NX|XX] [GT|LT] [CH] [INCR] score member [score member ...]');
    expect(hintFor('nosuch', entries)).toBeNull();
    expect(hintFor('', entries)).toBeNull();
  });

  it('completion offers the names that start with what is typed, and groups after HELP', () => {
    expect(completionsFor('zr', entries).slice(0, 3)).toEqual(['ZRANDMEMBER', 'ZRANGE', 'ZRANGEBYLEX']);
    expect(completionsFor('config s', entries)).toEqual(['CONFIG SET']);
    expect(completionsFor('help @so', entries)).toEqual(['help @sorted-set']);
  });

  it('doubles are printed as %.17g prints them', () => {
    expect([1.5, 2, 0.1, 1e300, 1e-20, 123456789012345680000, -0, Infinity, -Infinity, 1e16, 1e17, 0.0001, 0.00001].map(formatDouble)).toEqual([
      '1.5', '2', '0.10000000000000001', '1.0000000000000001e+300', '9.9999999999999995e-21', '1.2345678901234568e+20', '-0', 'inf', '-inf',
      '10000000000000000', '1e+17', '0.0001', '1.0000000000000001e-05',
    ]);
    // An exact tie at the 17th digit rounds to even, as glibc's printf does.
    expect(formatDouble(1000000000000001.25)).toBe('1000000000000001.2');
    expect(formatDouble(1000000000000001.75)).toBe('1000000000000001.8');
    expect(formatDouble(-2.5e-7)).toBe('-2.4999999999999999e-07');
    expect(formatDouble(99999999999999999)).toBe('1e+17');
  });
});
