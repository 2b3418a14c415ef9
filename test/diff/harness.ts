// Setup shared by the differential test files: a redis-server, our engine in-process, and a Runner
// between them; plus the environment knobs (DIFF_SEED, DIFF_COUNT, DIFF_SEEDS, DIFF_REPLAY).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Call } from './call.js';
import { Generator, type CommandGen } from './generator.js';
import { allGens, engineSupports } from './gens.js';
import { RespConn } from './conn.js';
import { startRedis, type RedisServer } from './redis.js';
import { parseReply } from './resp.js';
import { Runner, describeMismatch, listSource, type CallSource } from './runner.js';
import { EngineTarget, SocketTarget, type Target } from './targets.js';

export interface DiffSetup {
  redisServer: RedisServer;
  redis: SocketTarget;
  ours: Target;
  runner: Runner;
  close(): Promise<void>;
}

/** A redis-server and our engine in-process (or another target of ours). */
export async function setupDiff(ours: Target = new EngineTarget()): Promise<DiffSetup> {
  const redisServer = await startRedis();
  const redis = new SocketTarget('redis-server', redisServer.port);
  return {
    redisServer,
    redis,
    ours,
    runner: new Runner(redis, ours),
    async close() {
      await redis.close();
      await ours.close();
      await redisServer.stop();
    },
  };
}

const listEnv = (v: string | undefined) => (v ? new Set(v.toLowerCase().split(',')) : null);
/** DIFF_ONLY / DIFF_SKIP: comma-separated command names to focus on or leave out (while debugging). */
const only = listEnv(process.env.DIFF_ONLY);
const skip = listEnv(process.env.DIFF_SKIP);

/** A generator over the commands our engine has, drawn from `from` (every generator by default). */
export function generatorFor(seed: number, from: CommandGen[] = allGens): Generator {
  const has = engineSupports();
  const gens = from.filter((c) => (!only || only.has(c.name)) && !(skip && skip.has(c.name)));
  return new Generator({ seed, gens, supported: has });
}

export function generatorSource(gen: Generator): CallSource {
  return (now) => gen.next(now);
}

export const env = {
  /** One seed to replay (with DIFF_COUNT calls). */
  seed: process.env.DIFF_SEED !== undefined ? Number(process.env.DIFF_SEED) : undefined,
  count: process.env.DIFF_COUNT !== undefined ? Number(process.env.DIFF_COUNT) : undefined,
  /** How many seeds the random suite runs (default in the test file). */
  seeds: process.env.DIFF_SEEDS !== undefined ? Number(process.env.DIFF_SEEDS) : undefined,
  /** A first seed other than the default one (e.g. DIFF_BASE=random for a fresh run). */
  base: process.env.DIFF_BASE,
  /** A saved sequence (JSON list of calls) to replay. */
  replay: process.env.DIFF_REPLAY,
};

export function loadSequence(path: string): Call[] {
  return JSON.parse(readFileSync(path, 'utf8')) as Call[];
}

/** Shrinking costs seconds: only the first few failures of a test file are shrunk. */
let shrinksLeft = 3;

/**
 * Runs calls on both sides; on a mismatch throws an Error whose message has the seed, the index,
 * both replies, the shrunk sequence and the way to replay it.
 */
export async function expectSame(
  runner: Runner,
  source: CallSource,
  count: number,
  label: string,
  opts: { seed?: number; replay: string; shrinkMs?: number } = { replay: '' },
): Promise<number> {
  const res = await runner.run(source, count);
  if (res.mismatch) {
    const shrink = opts.shrinkMs !== 0 && shrinksLeft-- > 0;
    const shrunk = shrink ? await runner.shrink(res.mismatch, opts.shrinkMs ?? 5000) : undefined;
    const tail = opts.shrinkMs === 0 ? Infinity : 25;
    throw new Error(describeMismatch(res.mismatch, { seed: opts.seed, label, replay: opts.replay, shrunk, tail }));
  }
  return res.compared;
}

export { listSource };

/** A step of a scripted case: an argv compared exactly, or a Call naming its comparison/client/op. */
export type Step = string[] | Call;

export interface ScriptedCase {
  name: string;
  steps: Step[];
}

/** The commands a case sends that Redis has and our engine lacks yet (the case waits for them). */
async function missingCommands(d: DiffSetup, steps: Step[]): Promise<string[]> {
  const has = engineSupports();
  const names = [...new Set(steps.filter((s) => Array.isArray(s) || !s.op).map((s) => (Array.isArray(s) ? s : s.argv)[0].toLowerCase()))];
  const absent = names.filter((n) => !has(n));
  if (absent.length === 0) return [];
  const conn = await RespConn.open(d.redisServer.port);
  const [info] = await conn.send([['COMMAND', 'INFO', ...absent]]);
  conn.close();
  const items = parseReply(info).items ?? [];
  return absent.filter((_, i) => items[i]?.items);
}

/**
 * A describe block of hand-written sequences, each run on a fresh keyspace and fresh connections
 * and compared reply by reply with redis-server: no expected value is written by hand.
 */
export function scriptedSuite(title: string, cases: ScriptedCase[]): void {
  describe(title, () => {
    let d: DiffSetup;
    beforeAll(async () => {
      d = await setupDiff();
    });
    afterAll(async () => {
      await d?.close();
    });
    for (const c of cases) {
      it(c.name, async (ctx) => {
        const missing = await missingCommands(d, c.steps);
        if (missing.length > 0) ctx.skip(`our engine lacks ${missing.join(', ')}`);
        const calls = c.steps.map((s): Call => (Array.isArray(s) ? { argv: s } : s));
        await expectSame(d.runner, listSource(calls), calls.length, `${title} > ${c.name}`, { replay: 'npx vitest run test/diff -t ' + JSON.stringify(c.name), shrinkMs: 0 });
      });
    }
  });
}

/** Step helpers: a call with a comparison, on another client, or a harness step. */
export const step = {
  cmp: (cmp: Call['cmp'], ...argv: string[]): Call => ({ argv, cmp }),
  on: (client: number, ...argv: string[]): Call => ({ argv, client }),
  sleep: (ms: number): Call => ({ argv: ['__sleep', String(ms)], op: 'sleep' }),
  scanAll: (...argv: string[]): Call => ({ argv: ['SCAN', '0', ...argv], op: 'scanAll' }),
};
