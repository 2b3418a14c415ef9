// The blocking sorted set pops (BZPOPMIN BZPOPMAX BZMPOP) over real connections, each scenario run
// against our server and against a real redis-server 7.0 (with its append-only file on): every
// client's reply bytes must be the same, and so must the effects (what our server hands to
// persistence, what Redis wrote to its AOF, less SELECT and the MULTI/EXEC around a transaction).
// The scenario runner is blocking-list.test.ts's. Covers: FIFO among blocked clients, several keys,
// a ZADD/ZINCRBY/STORE that creates the key waking the client, writes inside MULTI waking it after
// EXEC, timeouts with fractions (RESP2 and RESP3), 0 waiting forever, a disconnect cleaning up,
// MULTI making them non-blocking, keys of other types not serving, and the served pop propagated
// as ZPOPMIN/ZPOPMAX (with the count BZMPOP took).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Effect } from '../../src/core/engine.js';
import { encodeCommand } from '../../src/protocol/resp-encoder.js';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { replyEnd } from '../diff/resp.js';
import { RawClient } from './helpers.js';

/**
 * A scenario step: a command for a client (A, B, C) whose reply is awaited; the same with '!' after
 * the client name (B!) for a command that blocks (its reply is awaited at the end); `blocked` waits
 * until that many clients are blocked (INFO clients); `sleep` waits; `close` drops a connection.
 */
type Step = string[] | { blocked: number } | { sleep: number } | { close: string };

interface Outcome {
  /** Each client's reply bytes, in order. */
  replies: Record<string, string>;
  effects: string[][];
}

interface Target {
  port: number;
  effects(): string[][];
}

const CLIENTS = ['A', 'B', 'C'];

async function blockedClients(admin: RawClient): Promise<number> {
  const [info] = await admin.call(encodeCommand(['INFO', 'clients']));
  const m = /blocked_clients:(\d+)/.exec(String(info));
  return m ? Number(m[1]) : -1;
}

async function run(target: Target, steps: Step[]): Promise<Outcome> {
  const admin = await RawClient.open(target.port);
  await admin.call(encodeCommand(['FLUSHALL']));
  target.effects();
  const conns: Record<string, RawClient> = {};
  const sent: Record<string, number> = {};
  for (const name of CLIENTS) {
    conns[name] = await RawClient.open(target.port);
    sent[name] = 0;
  }
  const closed = new Set<string>();
  try {
    for (const step of steps) {
      if (Array.isArray(step)) {
        const [who, ...argv] = step;
        const name = who.replace('!', '');
        const c = conns[name];
        sent[name]++;
        if (who.endsWith('!')) c.send(encodeCommand(argv));
        else await c.call(encodeCommand(argv));
      } else if ('blocked' in step) {
        const deadline = Date.now() + 5000;
        while ((await blockedClients(admin)) !== step.blocked) {
          if (Date.now() > deadline) throw new Error(`never saw ${step.blocked} blocked clients`);
          await new Promise((r) => setTimeout(r, 2));
        }
      } else if ('sleep' in step) {
        await new Promise((r) => setTimeout(r, step.sleep));
      } else {
        conns[step.close].close();
        closed.add(step.close);
      }
    }
    // Every open client gets all its replies.
    const deadline = Date.now() + 5000;
    for (const name of CLIENTS) {
      const c = conns[name];
      while (!closed.has(name) && c.replies.length < sent[name]) {
        if (Date.now() > deadline) throw new Error(`client ${name} is missing replies; got ${JSON.stringify(c.raw)}`);
        await new Promise((r) => setTimeout(r, 2));
      }
    }
    const replies: Record<string, string> = {};
    // HELLO's map carries the connection id, which differs between servers.
    for (const name of CLIENTS) if (!closed.has(name)) replies[name] = conns[name].raw.replace(/\$2\r\nid\r\n:\d+\r\n/g, () => '$2\r\nid\r\n:ID\r\n');
    return { replies, effects: target.effects() };
  } finally {
    for (const c of Object.values(conns)) c.close();
    admin.close();
  }
}

/** The commands in an AOF (RESP arrays), from a byte offset. */
function parseAof(data: string): string[][] {
  const out: string[][] = [];
  let pos = 0;
  while (pos < data.length) {
    const end = replyEnd(data, pos);
    if (end < 0) break;
    const lines = data.slice(pos, end);
    const argv: string[] = [];
    let p = lines.indexOf('\r\n') + 2;
    while (p < lines.length) {
      const nl = lines.indexOf('\r\n', p);
      const len = Number(lines.slice(p + 1, nl));
      argv.push(lines.slice(nl + 2, nl + 2 + len));
      p = nl + 2 + len + 2;
    }
    out.push(argv);
    pos = end;
  }
  return out;
}

const DROP = new Set(['select', 'multi', 'exec', 'flushall']);
const plainEffects = (list: string[][]) => list.filter((argv) => !DROP.has(argv[0].toLowerCase()));

let ours: RunningServer;
let ourEffects: Effect[] = [];
let redis: ChildProcess;
let redisDir: string;
let redisPort: number;
let aofOffset = 0;

function readAof(): string {
  const dir = join(redisDir, 'appendonlydir');
  const incr = readdirSync(dir).find((f) => f.endsWith('.incr.aof'));
  return incr === undefined ? '' : readFileSync(join(dir, incr), 'latin1');
}

const oursTarget: Target = {
  get port() {
    return ours.port;
  },
  effects: () => plainEffects(ourEffects.splice(0).map((e) => e.argv)),
};
const redisTarget: Target = {
  get port() {
    return redisPort;
  },
  effects: () => {
    const data = readAof();
    const fresh = data.slice(aofOffset);
    aofOffset = data.length;
    return plainEffects(parseAof(fresh));
  },
};

beforeAll(async () => {
  ours = await startServer({ port: 0, onEffects: (e) => ourEffects.push(...e) });
  redisDir = mkdtempSync(join(tmpdir(), 'localredis-blocking-'));
  // A port from the OS: start our own probe server on 0, then hand its port to redis.
  const probe = await startServer({ port: 0 });
  redisPort = probe.port;
  await probe.close();
  redis = spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--appendfsync', 'always', '--dir', redisDir], {
    stdio: 'ignore',
  });
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      const c = await RawClient.open(redisPort);
      await c.call(encodeCommand(['PING']));
      c.close();
      break;
    } catch {
      if (Date.now() > deadline) throw new Error('redis-server did not start');
      await new Promise((r) => setTimeout(r, 20));
    }
  }
});

afterAll(async () => {
  redis?.kill();
  await ours?.close();
  if (redisDir) rmSync(redisDir, { recursive: true, force: true });
});

/** Runs the scenario on both servers; the outcomes must be equal. Returns ours for extra checks. */
async function same(steps: Step[]): Promise<Outcome> {
  const want = await run(redisTarget, steps);
  const got = await run(oursTarget, steps);
  expect(got).toEqual(want);
  return got;
}

describe('server: blocking sorted set pops against redis-server', () => {
  it('several clients blocked on one key are served first come, first served, each from its end', async () => {
    const o = await same([
      ['B!', 'BZPOPMIN', 'q', '0'], { blocked: 1 }, ['C!', 'BZPOPMAX', 'q', '0'], { blocked: 2 },
      ['A', 'ZADD', 'q', '1', 'a', '2', 'b', '3', 'c'], { blocked: 0 }, ['A', 'ZRANGE', 'q', '0', '-1', 'WITHSCORES'],
    ]);
    expect(o.replies.B).toBe('*3\r\n$1\r\nq\r\n$1\r\na\r\n$1\r\n1\r\n');
    expect(o.effects).toEqual([['ZADD', 'q', '1', 'a', '2', 'b', '3', 'c'], ['ZPOPMIN', 'q'], ['ZPOPMAX', 'q']]);
  });

  it('a client blocked on several keys is served by a ZADD to any of them', async () => {
    await same([['B!', 'BZPOPMAX', 'a', 'b', 'c', '0'], { blocked: 1 }, ['A', 'ZADD', 'c', '1', 'x', '2', 'y'], { blocked: 0 }, ['A', 'ZRANGE', 'c', '0', '-1']]);
  });

  it('a served BZMPOP propagates the plain pop with the count it took', async () => {
    const o = await same([
      ['B!', 'BZMPOP', '0', '2', 'n', 'm', 'MAX', 'COUNT', '5'], { blocked: 1 }, ['C!', 'BZMPOP', '0', '1', 'm', 'MIN', 'COUNT', '2'], { blocked: 2 },
      ['A', 'ZADD', 'm', '1', 'a', '2', 'b', '3', 'c'], { blocked: 1 }, ['A', 'ZADD', 'm', '4', 'd'], { blocked: 0 },
    ]);
    expect(o.effects).toEqual([['ZADD', 'm', '1', 'a', '2', 'b', '3', 'c'], ['ZPOPMAX', 'm', '3'], ['ZADD', 'm', '4', 'd'], ['ZPOPMIN', 'm', '1']]);
  });

  it('RESP3 clients get doubles and nested pairs when served', async () => {
    await same([
      ['B', 'HELLO', '3'], ['B!', 'BZPOPMIN', 'q', '0'], { blocked: 1 }, ['A', 'ZADD', 'q', '1.5', 'x'], { blocked: 0 },
      ['B!', 'BZMPOP', '0', '1', 'q', 'MIN', 'COUNT', '3'], { blocked: 1 }, ['A', 'ZADD', 'q', '2', 'y', 'inf', 'z'], { blocked: 0 },
    ]);
  });

  it('ZINCRBY, ZUNIONSTORE and ZRANGESTORE creating the key serve the client', async () => {
    await same([
      ['B!', 'BZPOPMIN', 'q', '0'], { blocked: 1 }, ['A', 'ZINCRBY', 'q', '2', 'x'], { blocked: 0 },
      ['A', 'ZADD', 'src', '1', 'a', '2', 'b'], ['B!', 'BZPOPMAX', 'u', '0'], { blocked: 1 }, ['A', 'ZUNIONSTORE', 'u', '1', 'src'], { blocked: 0 },
      ['B!', 'BZMPOP', '0', '1', 'r', 'MIN', 'COUNT', '9'], { blocked: 1 }, ['A', 'ZRANGESTORE', 'r', 'src', '0', '-1'], { blocked: 0 },
      ['A', 'ZRANGE', 'u', '0', '-1'], ['A', 'EXISTS', 'r'],
    ]);
  });

  it('a ZADD inside MULTI wakes the client only after EXEC, with what the key holds then', async () => {
    await same([
      ['B!', 'BZPOPMIN', 'q', '0'], { blocked: 1 }, ['A', 'MULTI'], ['A', 'ZADD', 'q', '1', 'x'], ['A', 'ZPOPMIN', 'q'], ['A', 'ZADD', 'q', '5', 'y', '3', 'z'],
      { blocked: 1 }, ['A', 'EXEC'], { blocked: 0 }, ['A', 'ZRANGE', 'q', '0', '-1'],
    ]);
  });

  it('a client blocked on several keys is served from the first key made ready', async () => {
    await same([['B!', 'BZPOPMIN', 'a', 'b', '0'], { blocked: 1 }, ['A', 'MULTI'], ['A', 'ZADD', 'b', '1', 'x'], ['A', 'ZADD', 'a', '1', 'y'], ['A', 'EXEC'], { blocked: 0 }]);
  });

  it('times out with a null array, fractions of a second included; RESP3 gets a null', async () => {
    const t0 = Date.now();
    await same([
      ['B', 'BZPOPMIN', 'q', '0.15'], ['B', 'BZPOPMAX', 'q', 'r', '0.05'], ['B', 'BZMPOP', '0.05', '1', 'q', 'MIN'],
      ['C', 'HELLO', '3'], ['C', 'BZPOPMIN', 'q', '0.05'], ['C', 'BZMPOP', '0.05', '2', 'q', 'r', 'MAX', 'COUNT', '2'], ['A', 'EXISTS', 'q'],
    ]);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(150 + 50);
  });

  it('timeout 0 waits until served', async () => {
    await same([['B!', 'BZMPOP', '0', '1', 'q', 'MAX'], { blocked: 1 }, { sleep: 300 }, { blocked: 1 }, ['A', 'ZADD', 'q', '1', 'late'], { blocked: 0 }]);
  });

  it('a client that disconnects while blocked is forgotten', async () => {
    await same([['B!', 'BZPOPMIN', 'q', '0'], { blocked: 1 }, { close: 'B' }, { blocked: 0 }, ['A', 'ZADD', 'q', '1', 'kept'], ['A', 'ZCARD', 'q']]);
  });

  it('inside MULTI the blocking pops do not block', async () => {
    await same([
      ['B', 'MULTI'], ['B', 'BZPOPMIN', 'q', '0'], ['B', 'BZMPOP', '0', '1', 'q', 'MIN'], ['B', 'ZADD', 'q', '1', 'x', '2', 'y'], ['B', 'BZPOPMAX', 'q', '0'],
      ['B', 'BZMPOP', '0', '1', 'q', 'MIN', 'COUNT', '5'], ['B', 'EXEC'],
    ]);
  });

  it('a key of another type does not serve; a sorted set written later does', async () => {
    await same([
      ['B!', 'BZPOPMIN', 'q', '0'], { blocked: 1 }, ['A', 'RPUSH', 'q', 'x'], ['A', 'SET', 'q', 'v'], { blocked: 1 }, ['A', 'DEL', 'q'],
      ['A', 'ZADD', 'q', '1', 'x'], { blocked: 0 },
    ]);
  });

  it('a list waiter is not served by a sorted set, nor a sorted set waiter by a list', async () => {
    await same([
      ['B!', 'BLPOP', 'k', '0'], { blocked: 1 }, ['C!', 'BZPOPMIN', 'l', '0'], { blocked: 2 }, ['A', 'ZADD', 'k', '1', 'x'], ['A', 'RPUSH', 'l', 'y'],
      { blocked: 2 }, ['A', 'DEL', 'k', 'l'], ['A', 'RPUSH', 'k', 'a'], ['A', 'ZADD', 'l', '1', 'b'], { blocked: 0 },
    ]);
  });

  it('more blocked clients than members: the rest keep waiting, in order', async () => {
    await same([
      ['B!', 'BZPOPMIN', 'q', '0'], { blocked: 1 }, ['C!', 'BZPOPMAX', 'q', '0'], { blocked: 2 }, ['A', 'ZADD', 'q', '1', 'one'], { blocked: 1 },
      ['A', 'EXISTS', 'q'], ['A', 'ZADD', 'q', '2', 'two', '3', 'three'], { blocked: 0 }, ['A', 'ZRANGE', 'q', '0', '-1'],
    ]);
  });

  it('a sorted set moved into the db a client waits on serves it (MOVE)', async () => {
    await same([['B!', 'BZPOPMAX', 'q', '0'], { blocked: 1 }, ['A', 'SELECT', '1'], ['A', 'ZADD', 'q', '1', 'x'], ['A', 'MOVE', 'q', '0'], { blocked: 0 }]);
  });
});
