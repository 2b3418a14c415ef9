// Pub/sub and keyspace notifications over real connections, each scenario run against our server
// and against a real redis-server 7.0: three clients (A, B, C) per server, and every client's
// bytes, cut at the end of each step, must be the same. After each step every client is synced
// with a `PING <marker>` (allowed in the subscribed context), so a message published by one
// client is in the subscriber's bytes before the next step starts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCommand } from '../../src/protocol/resp-encoder.js';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { startRedis, type RedisServer } from '../diff/redis.js';
import { parseReply, replyEnd } from '../diff/resp.js';
import { has, RawClient } from './helpers.js';
import { waitBlocked } from './two-servers.js';

/**
 * A step: `[client, ...argv]` sends a command and syncs every client. The client name may carry
 * `~` (its replies in this step are compared with array elements sorted: Redis walks a dict) or
 * `!` (a command that blocks: the client is left out of the syncs until `{ sync }` names it).
 * `{ blocked }` waits until that many clients are blocked; `{ sleep }` waits.
 */
type Step = string[] | { blocked: number } | { sleep: number } | { sync: string };

const CLIENTS = ['A', 'B', 'C'];

/** Each client's bytes, one chunk per step. */
type Outcome = Record<string, string[]>;

let markers = 0;

/** Fields of a CLIENT INFO/LIST line that do not depend on the server (addresses, buffers, ids). */
function clientFields(text: string): string {
  return text
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => ['flags', 'db', 'sub', 'psub', 'ssub', 'multi', 'cmd', 'resp'].map((f) => new RegExp(` ${f}=(\\S*)`).exec(l)?.[0] ?? '').join(''))
    .join('|');
}

/** Bytes made comparable across servers: HELLO's id and CLIENT INFO's variable fields. */
function normalize(raw: string): string {
  raw = raw.replace(/\$2\r\nid\r\n:\d+\r\n/g, '$2\r\nid\r\n:ID\r\n');
  return raw.replace(/(\$|=)(\d+)\r\n(txt:)?(id=\d+ [^\r]*)\r\n/g, (_m, _t, _n, _txt, body: string) => `CLIENT<${clientFields(body)}>\r\n`);
}

/** The replies of a chunk with every array's elements sorted (one level deep). */
function sortedReplies(chunk: string): string[] {
  const out: string[] = [];
  let pos = 0;
  while (pos < chunk.length) {
    const end = replyEnd(chunk, pos);
    if (end < 0) throw new Error(`incomplete reply in ${JSON.stringify(chunk)}`);
    const node = parseReply(chunk.slice(pos, end));
    out.push(node.items === null ? node.raw : `${node.type}[${node.items.map((n) => n.raw).sort().join(',')}]`);
    pos = end;
  }
  return out;
}

/** Resolves once the client's bytes end with `suffix`. */
async function waitFor(c: RawClient, cond: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; got ${JSON.stringify(c.raw.slice(-300))}`);
    if (c.closed) throw new Error(`closed while waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 1));
  }
}

async function run(port: number, steps: Step[]): Promise<Outcome> {
  const admin = await RawClient.open(port);
  await admin.call(encodeCommand(['CONFIG', 'SET', 'notify-keyspace-events', '']));
  await admin.call(encodeCommand(['FLUSHALL']));
  const conns: Record<string, RawClient> = {};
  const out: Outcome = {};
  const left = new Set<string>();
  const inMulti = new Set<string>();
  for (const name of CLIENTS) {
    conns[name] = await RawClient.open(port);
    out[name] = [];
  }
  try {
    for (const step of steps) {
      const start: Record<string, number> = {};
      for (const name of CLIENTS) start[name] = conns[name].raw.length;
      let sortedFor: string | null = null;
      if (Array.isArray(step)) {
        const [who, ...argv] = step;
        const name = who.replace(/[~!]/g, '');
        if (who.includes('~')) sortedFor = name;
        const c = conns[name];
        const cmd = argv[0].toUpperCase();
        if (who.includes('!')) {
          left.add(name);
          c.send(encodeCommand(argv));
        } else if (cmd === 'QUIT') {
          left.add(name);
          c.send(encodeCommand(argv));
          await c.whenClosed();
        } else if (inMulti.has(name) || cmd === 'MULTI') {
          // In MULTI a PING would be queued: wait for the one reply instead.
          const before = c.replies.length;
          c.send(encodeCommand(argv));
          await waitFor(c, () => c.replies.length > before, 'a reply');
          if (cmd === 'MULTI' && c.raw.endsWith('+OK\r\n')) inMulti.add(name);
          if (cmd === 'EXEC' || cmd === 'DISCARD') inMulti.delete(name);
        } else {
          c.send(encodeCommand(argv));
        }
      } else if ('blocked' in step) {
        await waitBlocked(admin, step.blocked);
      } else if ('sleep' in step) {
        await new Promise((r) => setTimeout(r, step.sleep));
      } else {
        left.delete(step.sync);
      }
      // Sync: a marker PING to every client that can answer one; its reply ends the chunk. The
      // sender first, so that its command has run before the others' markers are answered.
      const sync = (names: string[]) =>
        Promise.all(
          names.filter((n) => !left.has(n) && !inMulti.has(n)).map((n) => {
            const c = conns[n];
            const marker = `sync-${++markers}`;
            c.send(encodeCommand(['PING', marker]));
            return waitFor(c, () => c.raw.endsWith(`${marker}\r\n`), marker);
          }),
        );
      const sender = Array.isArray(step) ? step[0].replace(/[~!]/g, '') : null;
      if (sender !== null) await sync([sender]);
      await sync(CLIENTS.filter((n) => n !== sender));
      for (const name of CLIENTS) {
        const chunk = normalize(conns[name].raw.slice(start[name])).replace(/\$\d+\r\nsync-\d+\r\n/g, '$4\r\nsync\r\n');
        out[name].push(sortedFor === name ? sortedReplies(chunk).join('') : chunk);
      }
    }
    return out;
  } finally {
    for (const c of Object.values(conns)) c.close();
    admin.close();
  }
}

let ours: RunningServer;
let redis: RedisServer;

beforeAll(async () => {
  ours = await startServer({ port: 0 });
  redis = await startRedis();
});

afterAll(async () => {
  await redis?.stop();
  await ours?.close();
});

/** Runs the scenario on both servers; every client's bytes must be equal. Returns ours. */
async function same(steps: Step[]): Promise<Outcome> {
  const want = await run(redis.port, steps);
  const got = await run(ours.port, steps);
  expect(got).toEqual(want);
  return got;
}

/** A RESP2 array of bulk strings (a message as a RESP2 subscriber reads it): a command's bytes. */
const M = (...items: string[]) => encodeCommand(items);

describe('server: pub/sub against redis-server', () => {
  it('a subscriber gets each message on its channels, with the count of receivers to the publisher', async () => {
    const o = await same([
      ['A', 'SUBSCRIBE', 'news', 'sport'],
      ['B', 'SUBSCRIBE', 'news'],
      ['C', 'PUBLISH', 'news', 'hello'],
      ['C', 'PUBLISH', 'sport', 'goal'],
      ['C', 'PUBLISH', 'weather', 'rain'],
      ['B', 'UNSUBSCRIBE', 'news'],
      ['C', 'PUBLISH', 'news', 'again'],
      ['A', 'UNSUBSCRIBE', 'sport', 'nothing'],
      ['A', 'UNSUBSCRIBE'],
      ['A', 'UNSUBSCRIBE'],
    ]);
    expect(o.A[2]).toBe(M('message', 'news', 'hello') + M('pong', 'sync'));
    expect(o.C[2]).toBe(':2\r\n$4\r\nsync\r\n');
  });

  it('patterns: pmessage with the pattern, after the channel message; PUNSUBSCRIBE in subscription order', async () => {
    await same([
      ['A', 'PSUBSCRIBE', 'news.*', 'h?llo', 'a[bc]d', 'x\\*y'],
      ['A', 'SUBSCRIBE', 'news.tech'],
      ['B', 'PUBLISH', 'news.tech', 'm1'],
      ['B', 'PUBLISH', 'hello', 'm2'],
      ['B', 'PUBLISH', 'hallo', 'm3'],
      ['B', 'PUBLISH', 'acd', 'm4'],
      ['B', 'PUBLISH', 'x*y', 'm5'],
      ['B', 'PUBLISH', 'xzy', 'm6'],
      ['B', 'PUBLISH', '', 'empty channel'],
      ['A', 'PSUBSCRIBE', 'news.*'],
      ['A', 'PUNSUBSCRIBE', 'h?llo', 'nope'],
      ['A', 'PUNSUBSCRIBE'],
      ['A', 'PUNSUBSCRIBE'],
      ['A', 'UNSUBSCRIBE'],
    ]);
  });

  it('one client subscribed through a channel and a pattern gets the message twice', async () => {
    await same([
      ['A', 'SUBSCRIBE', 'ch'],
      ['A', 'PSUBSCRIBE', 'c*'],
      ['B', 'PSUBSCRIBE', '*'],
      ['C', 'PUBLISH', 'ch', 'x'],
      ['C', 'PUBLISH', 'other', 'y'],
    ]);
  });

  it('RESP2 subscribed context: only (P|S)SUBSCRIBE, (P|S)UNSUBSCRIBE, PING, QUIT and RESET run', async () => {
    await same([
      ['A', 'SUBSCRIBE', 'a'],
      ['A', 'GET', 'k'],
      ['A', 'PUBLISH', 'a', 'x'],
      ['A', 'CLIENT', 'ID'],
      ['A', 'HELLO', '3'],
      ['A', 'MULTI'],
      ['A', 'PING'],
      ['A', 'PING', 'hi'],
      ['A', 'GET'],
      ['A', 'NOSUCHCOMMAND'],
      ['A', 'SSUBSCRIBE', 's'],
      ['A', 'UNSUBSCRIBE', 'a'],
      ['A', 'GET', 'k'],
      ['A', 'SUNSUBSCRIBE'],
      ['A', 'GET', 'k'],
      ['A', 'PING'],
      ['B', 'PSUBSCRIBE', 'p'],
      ['B', 'RESET'],
      ['B', 'GET', 'k'],
      ['C', 'PUBLISH', 'p', 'after reset'],
      ['B', 'PSUBSCRIBE', 'q'],
      ['B', 'QUIT'],
      ['C', 'PUBSUB', 'NUMPAT'],
    ]);
  });

  it('RESP3: confirmations and messages are pushes, and any command runs while subscribed', async () => {
    await same([
      ['A', 'HELLO', '3'],
      ['A', 'SUBSCRIBE', 'a', 'b'],
      ['A', 'PSUBSCRIBE', 'a*'],
      ['A', 'SET', 'k', 'v'],
      ['A', 'PING'],
      ['A', 'PING', 'x'],
      ['A', 'PUBLISH', 'a', 'to myself'],
      ['B', 'PUBLISH', 'b', 'from B'],
      ['A', 'UNSUBSCRIBE', 'zz'],
      ['A', 'SUNSUBSCRIBE'],
      ['A', 'PUNSUBSCRIBE'],
      ['A', 'HELLO', '2'],
      ['A', 'GET', 'k'],
      ['A', 'PING'],
      ['A', 'RESET'],
      ['A', 'GET', 'k'],
    ]);
  });

  it('MULTI: SUBSCRIBE inside EXEC writes all its confirmations into the EXEC array; SSUBSCRIBE is refused', async () => {
    await same([
      ['A', 'MULTI'],
      ['A', 'SUBSCRIBE', 'a', 'b'],
      ['A', 'SSUBSCRIBE', 's'],
      ['A', 'PSUBSCRIBE', 'p'],
      ['A', 'EXEC'],
      ['B', 'PUBLISH', 'a', 'x'],
      ['B', 'PUBLISH', 'pp', 'not matched'],
      ['B', 'PUBLISH', 'p', 'matched'],
      ['C', 'HELLO', '3'],
      ['C', 'SUBSCRIBE', 'c'],
      ['C', 'MULTI'],
      ['C', 'PUBLISH', 'c', 'own message inside EXEC'],
      ['C', 'SET', 'k', 'v'],
      ['C', 'EXEC'],
    ]);
  });

  it('shard channels: SSUBSCRIBE, SPUBLISH (smessage), SUNSUBSCRIBE, and patterns never see them', async () => {
    await same([
      ['A', 'SSUBSCRIBE', 's1', 's2'],
      ['A', 'SSUBSCRIBE', 's1'],
      ['B', 'PSUBSCRIBE', '*'],
      ['C', 'SPUBLISH', 's1', 'x'],
      ['C', 'PUBLISH', 's1', 'not for shard subscribers'],
      ['C', 'PUBSUB', 'SHARDNUMSUB', 's1', 's2', 's3'],
      ['~C', 'PUBSUB', 'SHARDCHANNELS'],
      ['C', 'PUBSUB', 'SHARDCHANNELS', 's1'],
      ['C', 'PUBSUB', 'SHARDCHANNELS', 's1', 'extra'],
      ['A', 'SUBSCRIBE', 'plain'],
      ['A', 'SUNSUBSCRIBE', 's2'],
      ['A', 'SUNSUBSCRIBE', 's1'],
      ['A', 'SUNSUBSCRIBE'],
      ['A', 'UNSUBSCRIBE', 'plain'],
      ['A', 'GET', 'k'],
      ['C', 'SPUBLISH', 's1', 'nobody'],
    ]);
  });

  it('PUBSUB CHANNELS, NUMSUB, NUMPAT and HELP', async () => {
    await same([
      ['A', 'SUBSCRIBE', 'a1', 'a2', 'b1'],
      ['B', 'SUBSCRIBE', 'a1'],
      ['B', 'PSUBSCRIBE', 'x*', 'y*'],
      ['A', 'PSUBSCRIBE', 'x*'],
      ['~C', 'PUBSUB', 'CHANNELS'],
      ['~C', 'PUBSUB', 'CHANNELS', 'a*'],
      ['C', 'PUBSUB', 'CHANNELS', 'b?'],
      ['C', 'PUBSUB', 'CHANNELS', 'zz*'],
      ['C', 'PUBSUB', 'NUMSUB', 'a1', 'a2', 'zz', 'a1'],
      ['C', 'PUBSUB', 'NUMSUB'],
      ['C', 'PUBSUB', 'NUMPAT'],
      ['C', 'PUBSUB', 'NUMPAT', 'x'],
      ['C', 'PUBSUB', 'CHANNELS', 'a', 'b'],
      ['C', 'PUBSUB', 'HELP'],
      ['C', 'PUBSUB', 'nosuch'],
      ['C', 'PUBSUB'],
      ['C', 'PUBLISH', 'a1'],
      ['C', 'HELLO', '3'],
      ['C', 'PUBSUB', 'NUMSUB', 'a1'],
      ['C', 'INFO', 'nosuchsection'],
    ]);
  });

  it('a closed subscriber is gone from the counts', async () => {
    const o = await same([
      ['A', 'SUBSCRIBE', 'a'],
      ['A', 'PSUBSCRIBE', 'p*'],
      ['A', 'QUIT'],
      ['C', 'PUBSUB', 'NUMSUB', 'a'],
      ['C', 'PUBSUB', 'NUMPAT'],
      ['C', 'PUBLISH', 'a', 'nobody'],
    ]);
    expect(o.C[5]).toBe(':0\r\n$4\r\nsync\r\n');
  });

  it('CLIENT LIST: flag P, the sub/psub/ssub counts, and TYPE pubsub', async () => {
    await same([
      ['A', 'SUBSCRIBE', 'a', 'b'],
      ['A', 'PSUBSCRIBE', 'p'],
      ['B', 'HELLO', '3'],
      ['B', 'SSUBSCRIBE', 's'],
      ['B', 'CLIENT', 'INFO'],
      ['C', 'CLIENT', 'LIST', 'TYPE', 'pubsub'],
      ['C', 'CLIENT', 'LIST', 'TYPE', 'normal'],
      ['A', 'UNSUBSCRIBE', 'a', 'b'],
      ['A', 'PUNSUBSCRIBE'],
      ['C', 'CLIENT', 'LIST', 'TYPE', 'pubsub'],
    ]);
  });

  it('INFO stats counts channels, patterns and shard channels', async () => {
    const info = async (port: number) => {
      const c = await RawClient.open(port);
      const s = await RawClient.open(port);
      await s.call(encodeCommand(['SUBSCRIBE', 'a', 'b']), 2);
      await s.call(encodeCommand(['PSUBSCRIBE', 'x*']));
      await s.call(encodeCommand(['SSUBSCRIBE', 'q']));
      const [r] = await c.call(encodeCommand(['INFO', 'stats']));
      c.close();
      s.close();
      return /pubsub_channels:\d+\r\npubsub_patterns:\d+\r\npubsubshard_channels:\d+\r\n/.exec(String(r))?.[0];
    };
    const want = await info(redis.port);
    expect(want).toBe('pubsub_channels:2\r\npubsub_patterns:1\r\npubsubshard_channels:1\r\n');
    expect(await info(ours.port)).toBe(want);
  });
});

describe('server: keyspace notifications against redis-server', () => {
  it('CONFIG SET notify-keyspace-events: parsing, errors and the spelling CONFIG GET prints', async () => {
    const steps: Step[] = [];
    for (const v of ['', 'A', 'KEA', 'Kx', 'AKEm', 'nK', 'gn', 'Ag$lshzxetdn', 'AmnKE', 'd', 't', 'E', 'KEAtmdn', 'e', 'lshz', 'K$', 'q', 'KA!']) {
      steps.push(['C', 'CONFIG', 'SET', 'notify-keyspace-events', v], ['C', 'CONFIG', 'GET', 'notify-keyspace-events']);
    }
    await same(steps);
  });

  it('string and generic commands publish on __keyspace@<db>__ and __keyevent@<db>__', async () => {
    await same([
      ['C', 'CONFIG', 'SET', 'notify-keyspace-events', 'KEA'],
      ['A', 'PSUBSCRIBE', '__key*__:*'],
      ['C', 'SET', 'k', 'v'],
      ['C', 'APPEND', 'k', 'w'],
      ['C', 'INCR', 'n'],
      ['C', 'INCRBYFLOAT', 'n', '1.5'],
      ['C', 'SETRANGE', 'k', '1', 'xy'],
      ['C', 'EXPIRE', 'k', '100'],
      ['C', 'PERSIST', 'k'],
      ['C', 'RENAME', 'k', 'k2'],
      ['C', 'DEL', 'k2', 'n', 'missing'],
      ['C', 'MSET', 'a', '1', 'b', '2'],
      ['C', 'GETDEL', 'a'],
      ['C', 'SELECT', '3'],
      ['C', 'SET', 'x', 'in db 3'],
      ['C', 'GET', 'nope'],
    ]);
  });

  it('only the classes asked for are published; K alone, E alone; key misses with m; new keys with n', async () => {
    await same([
      ['A', 'PSUBSCRIBE', '*'],
      ['C', 'CONFIG', 'SET', 'notify-keyspace-events', 'K$'],
      ['C', 'SET', 'k', 'v'],
      ['C', 'DEL', 'k'],
      ['C', 'CONFIG', 'SET', 'notify-keyspace-events', 'Eg'],
      ['C', 'SET', 'k', 'v'],
      ['C', 'DEL', 'k'],
      ['C', 'CONFIG', 'SET', 'notify-keyspace-events', 'KEm'],
      ['C', 'GET', 'missing'],
      ['C', 'SET', 'k', 'v'],
      ['C', 'CONFIG', 'SET', 'notify-keyspace-events', 'KEn'],
      ['C', 'SET', 'new1', 'v'],
      ['C', 'SET', 'new1', 'overwritten: not new'],
      ['C', 'INCR', 'new2'],
      ['C', 'CONFIG', 'SET', 'notify-keyspace-events', 'AKEn'],
      ['C', 'CONFIG', 'GET', 'notify-keyspace-events'],
      ['C', 'SET', 'new3', 'v'],
      ['C', 'CONFIG', 'SET', 'notify-keyspace-events', ''],
      ['C', 'SET', 'quiet', 'v'],
    ]);
  });

  // Lazy expiry is in the unit tests: Redis's active cycle may come first here, at a time of its own.
  it('expiry: expire events, and expired from the active expire cycle', async () => {
    await same([
      ['C', 'CONFIG', 'SET', 'notify-keyspace-events', 'KEA'],
      ['A', 'SUBSCRIBE', '__keyevent@0__:expired', '__keyevent@0__:expire', '__keyspace@0__:t'],
      ['C', 'SET', 't', 'v', 'PX', '30'],
      ['C', 'PEXPIRE', 't', '20'],
      { sleep: 400 },
      ['C', 'GET', 't'],
      ['C', 'SET', 'u', 'v'],
      ['C', 'EXPIRE', 'u', '-1'],
    ]);
  });

  it('collections: list, hash, set and sorted set events', async () => {
    const steps: Step[] = [
      ['C', 'CONFIG', 'SET', 'notify-keyspace-events', 'KEA'],
      ['A', 'PSUBSCRIBE', '__keyevent@0__:*'],
    ];
    if (has('lpush')) {
      steps.push(['C', 'RPUSH', 'l', 'a', 'b', 'c'], ['C', 'LPOP', 'l'], ['C', 'LSET', 'l', '0', 'x'], ['C', 'LTRIM', 'l', '0', '0'], ['C', 'RPOP', 'l']);
    }
    if (has('hset')) steps.push(['C', 'HSET', 'h', 'f', '1', 'g', '2'], ['C', 'HINCRBY', 'h', 'f', '5'], ['C', 'HDEL', 'h', 'f', 'g']);
    if (has('sadd')) steps.push(['C', 'SADD', 's', 'a', 'b'], ['C', 'SREM', 's', 'a'], ['C', 'SPOP', 's'], ['C', 'SADD', 's2', 'x'], ['C', 'SMOVE', 's2', 's3', 'x']);
    if (has('zadd')) steps.push(['C', 'ZADD', 'z', '1', 'a', '2', 'b'], ['C', 'ZINCRBY', 'z', '1', 'a'], ['C', 'ZREM', 'z', 'a'], ['C', 'ZPOPMIN', 'z']);
    await same(steps);
  });

  it('new: every way a key comes to exist raises it once, before the command\'s own event', async () => {
    const steps: Step[] = [
      ['C', 'CONFIG', 'SET', 'notify-keyspace-events', 'AKEn'],
      ['A', 'PSUBSCRIBE', '__keyevent@*'],
      ['C', 'SET', 'a', '1'],
      ['C', 'SETNX', 'b', '1'],
      ['C', 'MSET', 'c', '1', 'a', '2'],
      ['C', 'MSETNX', 'd', '1', 'e', '2'],
      ['C', 'APPEND', 'f', 'x'],
      ['C', 'SETRANGE', 'g', '2', 'x'],
      ['C', 'INCRBYFLOAT', 'h', '1'],
      ['C', 'SETBIT', 'i', '3', '1'],
      ['C', 'GETSET', 'j', 'v'],
      ['C', 'SETEX', 'k', '100', 'v'],
      ['C', 'RENAME', 'a', 'a2'],
      ['C', 'RENAME', 'b', 'a2'],
      ['C', 'COPY', 'c', 'c2'],
      ['C', 'MOVE', 'd', '1'],
      ['C', 'BITOP', 'OR', 'bo', 'f', 'g'],
    ];
    if (has('lpush')) steps.push(['C', 'LPUSH', 'l', 'x'], ['C', 'LMOVE', 'l', 'l2', 'LEFT', 'RIGHT'], ['C', 'RPUSH', 'l2', 'y']);
    if (has('hset')) steps.push(['C', 'HSET', 'hh', 'f', 'v'], ['C', 'HINCRBY', 'hh2', 'f', '1'], ['C', 'HSETNX', 'hh3', 'f', 'v']);
    if (has('sadd')) steps.push(['C', 'SADD', 's', 'a', 'b'], ['C', 'SMOVE', 's', 's2', 'a'], ['C', 'SUNIONSTORE', 's3', 's', 's2'], ['C', 'SDIFFSTORE', 's3', 's', 's2']);
    if (has('zadd')) steps.push(['C', 'ZADD', 'z', '1', 'a'], ['C', 'ZINCRBY', 'z2', '1', 'a'], ['C', 'ZUNIONSTORE', 'z3', '1', 'z'], ['C', 'ZRANGESTORE', 'z4', 'z', '0', '-1']);
    await same(steps);
  });

  it('a RESP3 client subscribed to its own keys gets the events before its reply, inside EXEC too', async () => {
    await same([
      ['C', 'CONFIG', 'SET', 'notify-keyspace-events', 'KEA'],
      ['A', 'HELLO', '3'],
      ['A', 'SUBSCRIBE', '__keyspace@0__:mine'],
      ['A', 'SET', 'mine', '1'],
      ['A', 'MULTI'],
      ['A', 'INCR', 'mine'],
      ['A', 'DEL', 'mine'],
      ['A', 'EXEC'],
    ]);
  });

  it('a RESP3 client gets its own commands\' events before or after their reply, where Redis 7.0 writes them', async () => {
    const cmds: string[][] = [
      ['SET', 'k', 'v'], ['APPEND', 'k', 'x'], ['INCR', 'n'], ['INCRBYFLOAT', 'n', '1.5'], ['SETRANGE', 'k', '0', 'a'], ['GETDEL', 'k'],
      ['SET', 'k', 'v'], ['GETEX', 'k', 'EX', '100'], ['GETSET', 'k', 'w'], ['GETSET', 'fresh', 'w'], ['SET', 'k', 'v', 'EX', '100', 'GET'],
      ['SET', 'new', 'v', 'GET'], ['SETEX', 'k2', '100', 'v'], ['MSETNX', 'm1', '1', 'm2', '2'], ['SETBIT', 'bb', '1', '1'],
      ['BITFIELD', 'bf', 'SET', 'u8', '0', '1'], ['EXPIRE', 'k', '200'], ['PEXPIREAT', 'k', '99999999999999'], ['PERSIST', 'k'],
      ['EXPIRE', 'k', '-1'], ['SET', 'k', 'v'], ['RENAME', 'k', 'k3'], ['COPY', 'k3', 'k4'], ['DEL', 'k3', 'k4'],
    ];
    if (has('lpush')) {
      cmds.push(['LPUSH', 'l', '1', '2', '3', '4', '5'], ['RPUSHX', 'l', '9'], ['RPOPLPUSH', 'l', 'l3'], ['LMOVE', 'l', 'l3', 'RIGHT', 'LEFT'],
        ['BLPOP', 'l', '0'], ['LPOP', 'l', '1'], ['LSET', 'l', '0', 'z'], ['LINSERT', 'l', 'BEFORE', 'z', 'y'], ['LREM', 'l', '0', 'y'],
        ['LMPOP', '1', 'l', 'RIGHT', 'COUNT', '5'], ['LMOVE', 'l3', 'l4', 'LEFT', 'LEFT'], ['RPOP', 'l3', '5']);
    }
    if (has('hset')) cmds.push(['HSET', 'h', 'a', '1', 'b', '2'], ['HINCRBY', 'h', 'a', '1'], ['HDEL', 'h', 'a'], ['HDEL', 'h', 'b'], ['HSETNX', 'h', 'f', 'v']);
    if (has('sadd')) {
      cmds.push(['SADD', 's', 'a', 'b', 'c'], ['SMOVE', 's', 's2', 'c'], ['SUNIONSTORE', 's4', 's', 's2'], ['SREM', 's2', 'c'],
        ['SADD', 's5', 'x', 'y'], ['SPOP', 's5', '0'], ['SREM', 's5', 'y'], ['SPOP', 's5', '1'], ['SADD', 's6', 'z'], ['SPOP', 's6']);
    }
    if (has('zadd')) cmds.push(['ZADD', 'z', '1', 'a', '2', 'b'], ['ZINCRBY', 'z', '1', 'a'], ['ZRANGESTORE', 'z5', 'z', '0', '-1'], ['ZREM', 'z', 'a'], ['ZREMRANGEBYSCORE', 'z', '-inf', '+inf']);
    await same([
      ['C', 'CONFIG', 'SET', 'notify-keyspace-events', 'AKEn'],
      ['A', 'HELLO', '3'],
      ['A', 'PSUBSCRIBE', '__keyspace@0__:*'],
      ['A', 'SUBSCRIBE', '__keyevent@0__:new', '__keyevent@0__:del'],
      ...cmds.map((c) => ['A', ...c]),
    ]);
  });

  it('a blocked RESP3 subscriber gets messages while it waits, then its reply and the pop event', async () => {
    if (!has('blpop')) return;
    await same([
      ['C', 'CONFIG', 'SET', 'notify-keyspace-events', 'KEA'],
      ['A', 'HELLO', '3'],
      ['A', 'SUBSCRIBE', 'ch', '__keyevent@0__:lpop'],
      ['A!', 'BLPOP', 'q', '0'],
      { blocked: 1 },
      ['B', 'PUBLISH', 'ch', 'while blocked'],
      ['B', 'RPUSH', 'q', 'item'],
      { sync: 'A' },
      ['B', 'PUBLISH', 'ch', 'after'],
    ]);
  });
});
