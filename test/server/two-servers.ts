// The two-server scenario runner of the blocking tests: each scenario runs against our server and
// against a real redis-server 7.0 (with its append-only file on) over real connections; every
// client's reply bytes must be the same, and so must the effects (what our server hands to
// persistence, what Redis wrote to its AOF, less SELECT, FLUSHALL and the MULTI/EXEC around a
// transaction). Used by blocking-list.test.ts and blocking-zset.test.ts.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Effect } from '../../src/core/engine.js';
import { encodeCommand } from '../../src/protocol/resp-encoder.js';
import { RequestParser } from '../../src/protocol/resp-parser.js';
import { startRedis, type RedisServer } from '../diff/redis.js';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { RawClient } from './helpers.js';

/**
 * A scenario step: a command for a client (A, B, C) whose reply is awaited; the same with '!' after
 * the client name (B!) for a command that blocks (its reply is awaited at the end); `blocked` waits
 * until that many clients are blocked (INFO clients); `sleep` waits; `close` drops a connection.
 */
export type Step = string[] | { blocked: number } | { sleep: number } | { close: string };

export interface Outcome {
  /** Each client's reply bytes, in order. */
  replies: Record<string, string>;
  effects: string[][];
}

interface Target {
  port: number;
  effects(): string[][];
}

const CLIENTS = ['A', 'B', 'C'];

/** The number of blocked clients the server reports (INFO clients). */
export async function blockedClients(admin: RawClient): Promise<number> {
  const [info] = await admin.call(encodeCommand(['INFO', 'clients']));
  const m = /blocked_clients:(\d+)/.exec(String(info));
  return m ? Number(m[1]) : -1;
}

/** Waits (up to 5 s) until the server reports exactly `n` blocked clients. */
export async function waitBlocked(admin: RawClient, n: number): Promise<void> {
  const deadline = Date.now() + 5000;
  while ((await blockedClients(admin)) !== n) {
    if (Date.now() > deadline) throw new Error(`never saw ${n} blocked clients`);
    await new Promise((r) => setTimeout(r, 2));
  }
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
        await waitBlocked(admin, step.blocked);
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

/** The commands in an AOF (RESP arrays, as a client sends them), from a byte offset. */
function parseAof(data: string): string[][] {
  const parser = new RequestParser();
  parser.feed(Buffer.from(data, 'latin1'));
  const out: string[][] = [];
  for (let argv = parser.next(); argv !== null; argv = parser.next()) out.push(argv);
  return out;
}

const DROP = new Set(['select', 'multi', 'exec', 'flushall']);
const plainEffects = (list: string[][]) => list.filter((argv) => !DROP.has(argv[0].toLowerCase()));

/**
 * Starts our server (its effects collected) and a real redis-server with appendonly on (fsync
 * always, so its AOF can be read after each scenario) around the calling test file's tests, and
 * returns `same`, which runs a scenario on both and expects equal outcomes.
 */
export function twoServers(): (steps: Step[]) => Promise<Outcome> {
  let ours: RunningServer;
  let ourEffects: Effect[] = [];
  let redis: RedisServer;
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
    redis = await startRedis(['--appendonly', 'yes', '--appendfsync', 'always', '--dir', redisDir]);
    redisPort = redis.port;
  });

  afterAll(async () => {
    await redis?.stop();
    await ours?.close();
    if (redisDir) rmSync(redisDir, { recursive: true, force: true });
  });

  /** Runs the scenario on both servers; the outcomes must be equal. Returns ours for extra checks. */
  return async function same(steps: Step[]): Promise<Outcome> {
    const want = await run(redisTarget, steps);
    const got = await run(oursTarget, steps);
    expect(got).toEqual(want);
    return got;
  };
}
