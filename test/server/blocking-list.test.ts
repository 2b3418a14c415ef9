// The blocking list pops over real connections, each scenario run against our server and against a
// real redis-server 7.0 (with its append-only file on): every client's reply bytes must be the same,
// and so must the effects (what our server hands to persistence, what Redis wrote to its AOF, less
// SELECT and the MULTI/EXEC around a transaction). Covers: FIFO among blocked clients, timeouts with
// fractions, 0 waiting forever, a push inside MULTI waking the client after EXEC, a disconnect
// cleaning up, MULTI making them non-blocking, and a served pop propagated as the plain pop.
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

describe('server: blocking list pops against redis-server', () => {
  it('several clients blocked on one key are served first come, first served', async () => {
    const o = await same([
      ['B!', 'BLPOP', 'q', '0'], { blocked: 1 }, ['C!', 'BRPOP', 'q', '0'], { blocked: 2 },
      ['A', 'RPUSH', 'q', '1', '2', '3'], { blocked: 0 }, ['A', 'LRANGE', 'q', '0', '-1'],
    ]);
    expect(o.replies.B).toBe('*2\r\n$1\r\nq\r\n$1\r\n1\r\n');
    expect(o.effects).toEqual([['RPUSH', 'q', '1', '2', '3'], ['LPOP', 'q'], ['RPOP', 'q']]);
  });

  it('a client blocked on several keys is served by a push to any of them', async () => {
    await same([['B!', 'BRPOP', 'a', 'b', 'c', '0'], { blocked: 1 }, ['A', 'LPUSH', 'c', 'x', 'y'], { blocked: 0 }, ['A', 'LRANGE', 'c', '0', '-1']]);
  });

  it('only the blocked connection waits; what it pipelined runs after its reply', async () => {
    await same([['B!', 'BLPOP', 'q', '0'], ['B!', 'PING'], { blocked: 1 }, ['A', 'PING'], ['A', 'RPUSH', 'q', 'job'], { blocked: 0 }]);
  });

  it('a served BLMOVE propagates LMOVE with lower-case directions, and may serve another client', async () => {
    const o = await same([
      ['B!', 'BLMOVE', 'q', 'd', 'LeFt', 'RIGHT', '0'], { blocked: 1 }, ['C!', 'BLPOP', 'd', '0'], { blocked: 2 },
      ['A', 'RPUSH', 'q', 'x', 'y'], { blocked: 0 }, ['A', 'LRANGE', 'q', '0', '-1'], ['A', 'EXISTS', 'd'],
    ]);
    expect(o.effects).toEqual([['RPUSH', 'q', 'x', 'y'], ['LMOVE', 'q', 'd', 'left', 'right'], ['LPOP', 'd']]);
  });

  it('a served BRPOPLPUSH propagates RPOPLPUSH', async () => {
    await same([['B!', 'BRPOPLPUSH', 'q', 'd', '0'], { blocked: 1 }, ['A', 'RPUSH', 'q', 'x'], { blocked: 0 }, ['A', 'LRANGE', 'd', '0', '-1']]);
  });

  it('a served BLMPOP propagates the plain pop with the count it took', async () => {
    const o = await same([
      ['B!', 'BLMPOP', '0', '2', 'n', 'm', 'RIGHT', 'COUNT', '5'], { blocked: 1 }, ['C!', 'BLMPOP', '0', '1', 'm', 'LEFT', 'COUNT', '2'], { blocked: 2 },
      ['A', 'RPUSH', 'm', '1', '2', '3'], { blocked: 1 }, ['A', 'RPUSH', 'm', '4'], { blocked: 0 },
    ]);
    expect(o.effects).toEqual([['RPUSH', 'm', '1', '2', '3'], ['RPOP', 'm', '3'], ['RPUSH', 'm', '4'], ['LPOP', 'm', '1']]);
  });

  it('a push inside MULTI wakes the client only after EXEC, with what the key holds then', async () => {
    await same([
      ['B!', 'BLPOP', 'q', '0'], { blocked: 1 }, ['A', 'MULTI'], ['A', 'RPUSH', 'q', 'x'], ['A', 'LPOP', 'q'], ['A', 'RPUSH', 'q', 'y', 'z'],
      { blocked: 1 }, ['A', 'EXEC'], { blocked: 0 }, ['A', 'LRANGE', 'q', '0', '-1'],
    ]);
  });

  it('times out with a null array, fractions of a second included; RESP3 gets a null', async () => {
    const t0 = Date.now();
    await same([
      ['B', 'BLPOP', 'q', '0.15'], ['B', 'BLMOVE', 'q', 'd', 'LEFT', 'LEFT', '0.05'], ['B', 'BLMPOP', '0.05', '1', 'q', 'LEFT'],
      ['C', 'HELLO', '3'], ['C', 'BRPOPLPUSH', 'q', 'd', '0.05'], ['C', 'BRPOP', 'q', '0.05'], ['A', 'EXISTS', 'd'],
    ]);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(2 * 150);
  });

  it('timeout 0 waits until served', async () => {
    await same([['B!', 'BLPOP', 'q', '0'], { blocked: 1 }, { sleep: 300 }, { blocked: 1 }, ['A', 'LPUSH', 'q', 'late'], { blocked: 0 }]);
  });

  it('a client that disconnects while blocked is forgotten', async () => {
    await same([['B!', 'BLPOP', 'q', '0'], { blocked: 1 }, { close: 'B' }, { blocked: 0 }, ['A', 'RPUSH', 'q', 'kept'], ['A', 'LLEN', 'q']]);
  });

  it('inside MULTI the blocking pops do not block', async () => {
    await same([
      ['B', 'MULTI'], ['B', 'BLPOP', 'q', '0'], ['B', 'BLMOVE', 'q', 'd', 'LEFT', 'LEFT', '0'], ['B', 'BLMPOP', '0', '1', 'q', 'LEFT'],
      ['B', 'RPUSH', 'q', 'x'], ['B', 'BRPOP', 'q', '0'], ['B', 'EXEC'],
    ]);
  });

  it('a served BLMOVE into a key of another type gets WRONGTYPE and leaves the element', async () => {
    await same([['B!', 'BLMOVE', 'q', 'h', 'LEFT', 'LEFT', '0'], { blocked: 1 }, ['A', 'SET', 'h', 'v'], ['A', 'RPUSH', 'q', 'x'], { blocked: 0 }, ['A', 'LLEN', 'q']]);
  });

  it('a key set to another type does not serve; a list pushed later does', async () => {
    await same([
      ['B!', 'BLPOP', 'q', '0'], { blocked: 1 }, ['A', 'SET', 'q', 'v'], { blocked: 1 }, ['A', 'DEL', 'q'], ['A', 'RPUSH', 'q', 'x'], { blocked: 0 },
    ]);
  });

  it('more blocked clients than elements: the rest keep waiting, in order', async () => {
    await same([
      ['B!', 'BLPOP', 'q', '0'], { blocked: 1 }, ['C!', 'BLPOP', 'q', '0'], { blocked: 2 }, ['A', 'RPUSH', 'q', 'one'], { blocked: 1 },
      ['A', 'EXISTS', 'q'], ['A', 'RPUSH', 'q', 'two', 'three'], { blocked: 0 }, ['A', 'LRANGE', 'q', '0', '-1'],
    ]);
  });

  it('a list moved into the db a client waits on serves it (MOVE)', async () => {
    await same([['B!', 'BLPOP', 'q', '0'], { blocked: 1 }, ['A', 'SELECT', '1'], ['A', 'RPUSH', 'q', 'x'], ['A', 'MOVE', 'q', '0'], { blocked: 0 }]);
  });

  it('a client blocked on several keys is served from the first key made ready', async () => {
    await same([['B!', 'BLPOP', 'a', 'b', '0'], { blocked: 1 }, ['A', 'MULTI'], ['A', 'RPUSH', 'b', 'x'], ['A', 'RPUSH', 'a', 'y'], ['A', 'EXEC'], { blocked: 0 }]);
  });

  it('a timeout under a millisecond is rounded up to 1 ms, and times out', async () => {
    await same([['B!', 'BLPOP', 'q', '0.0001'], { sleep: 250 }, { blocked: 0 }]);
  });
});
