// A seeded random workload of writes (strings, keys, expiry, dbs, and the collection commands the
// table has), a digest of a whole keyspace, and an engine with a movable clock: shared by the
// snapshot unit tests and the persistence tests.
import { createEngine, type Engine, type Reply } from '../../src/core/index.js';
import { codecOf } from '../../src/core/codec.js';
import { getExpireExact } from '../../src/core/commands/keys.js';
import { Prng } from '../diff/prng.js';

export const T0 = 1_700_000_000_000;

/** An engine whose clock the test moves; effects recorded. */
export function clockEngine(start = T0) {
  let now = start;
  const engine = createEngine({ clock: () => now, recordEffects: true, random: () => 0.5 });
  const session = engine.createSession();
  return {
    engine,
    session,
    exec: (...argv: string[]): Reply => engine.exec(session, argv) as Reply,
    tick(ms: number) {
      now += ms;
      engine.updateCachedTime();
    },
    setNow(t: number) {
      now = t;
      engine.updateCachedTime();
    },
    now: () => now,
  };
}

/**
 * Every key of every db, one line each, sorted: db, key, type, value (as its codec encodes it),
 * absolute expiry; with `enc`, the encoding too. Keys are compared raw: a key past its TTL but
 * not yet deleted is listed.
 */
export function digest(engine: Engine, enc = false): string[] {
  const out: string[] = [];
  for (const db of engine.keyspace.dbs) {
    for (const [key, o] of db.dict) {
      const e = getExpireExact(db, key);
      out.push(`${db.id}|${JSON.stringify(key)}|${o.type}|${JSON.stringify(codecOf(o.type).encode(o))}|${e}${enc ? '|' + o.enc : ''}`);
    }
  }
  return out.sort();
}

const KEYS = Array.from({ length: 24 }, (_, i) => `k${i}`);

function value(rng: Prng): string {
  switch (rng.int(0, 5)) {
    case 0:
      return String(rng.int(-1000, 1000));
    case 1:
      return '';
    case 2:
      return 'x'.repeat(rng.int(40, 60));
    case 3: {
      let s = '';
      const n = rng.int(1, 12);
      for (let i = 0; i < n; i++) s += String.fromCharCode(rng.int(0, 255));
      return s;
    }
    default:
      return `v${rng.int(0, 99)}`;
  }
}

/** What the workload does next: a command, a clock move, or an active expire cycle. */
export type Op = { argv: string[] } | { tick: number } | { cycle: true };

/** Collection commands, used when their group is in the command table. */
const COLLECTION_OPS: Array<(rng: Prng, k: () => string) => string[]> = [
  (rng, k) => ['RPUSH', k(), value(rng), value(rng)],
  (rng, k) => ['LPOP', k(), String(rng.int(1, 3))],
  (rng, k) => ['LMOVE', k(), k(), 'LEFT', 'RIGHT'],
  (rng, k) => ['HSET', k(), `f${rng.int(0, 9)}`, value(rng)],
  (rng, k) => ['HDEL', k(), `f${rng.int(0, 9)}`],
  (rng, k) => ['HINCRBYFLOAT', k(), `f${rng.int(0, 3)}`, '1.5'],
  (rng, k) => ['SADD', k(), value(rng), String(rng.int(0, 20))],
  (rng, k) => ['SPOP', k()],
  (rng, k) => ['SREM', k(), String(rng.int(0, 20))],
  (rng, k) => ['SINTERSTORE', k(), k(), k()],
  (rng, k) => ['ZADD', k(), String(rng.int(-5, 5)), value(rng)],
  (rng, k) => ['ZINCRBY', k(), '0.25', `m${rng.int(0, 5)}`],
  (rng, k) => ['ZPOPMIN', k()],
  (rng, k) => ['ZUNIONSTORE', k(), '2', k(), k()],
];

/** A seeded generator of ops over a small key space, so keys collide, expire and change type. */
export function workload(seed: number, engine: Engine) {
  const rng = new Prng(seed);
  const k = () => rng.pick(KEYS);
  const collections = COLLECTION_OPS.filter((f) => engine.table.lookup(f(new Prng(1), () => 'x')) !== undefined);
  const ops: Array<() => Op> = [
    () => ({ argv: ['SET', k(), value(rng)] }),
    () => ({ argv: ['SET', k(), value(rng), 'EX', String(rng.int(1, 5))] }),
    () => ({ argv: ['SET', k(), value(rng), 'PX', String(rng.int(1, 4000)), rng.pick(['NX', 'XX', 'GET'])] }),
    () => ({ argv: ['SET', k(), value(rng), 'KEEPTTL'] }),
    () => ({ argv: ['SETEX', k(), String(rng.int(1, 4)), value(rng)] }),
    () => ({ argv: ['PSETEX', k(), String(rng.int(1, 4000)), value(rng)] }),
    () => ({ argv: ['GETEX', k(), rng.pick(['EX', 'PX', 'PERSIST']), String(rng.int(1, 3000))].slice(0, 4) }),
    () => ({ argv: ['GETEX', k(), 'PERSIST'] }),
    () => ({ argv: ['EXPIRE', k(), String(rng.int(-1, 4)), ...(rng.chance(0.3) ? [rng.pick(['NX', 'XX', 'GT', 'LT'])] : [])] }),
    () => ({ argv: ['PEXPIRE', k(), String(rng.int(1, 4000))] }),
    () => ({ argv: ['EXPIREAT', k(), String(Math.floor(T0 / 1000) + rng.int(-10, 10))] }),
    () => ({ argv: ['PERSIST', k()] }),
    () => ({ argv: ['INCR', k()] }),
    () => ({ argv: ['INCRBY', k(), String(rng.int(-50, 50))] }),
    () => ({ argv: ['INCRBYFLOAT', k(), rng.pick(['1.5', '-0.1', '3e2', '0.3333333333333333'])] }),
    () => ({ argv: ['APPEND', k(), value(rng)] }),
    () => ({ argv: ['SETRANGE', k(), String(rng.int(0, 20)), value(rng)] }),
    () => ({ argv: ['SETBIT', k(), String(rng.int(0, 70000)), String(rng.int(0, 1))] }),
    () => ({ argv: ['DEL', k(), k()] }),
    () => ({ argv: ['UNLINK', k()] }),
    () => ({ argv: ['GETDEL', k()] }),
    () => ({ argv: ['GET', k()] }),
    () => ({ argv: ['EXISTS', k(), k()] }),
    () => ({ argv: ['MSET', k(), value(rng), k(), value(rng)] }),
    () => ({ argv: ['MSETNX', k(), value(rng), k(), value(rng)] }),
    () => ({ argv: ['RENAME', k(), k()] }),
    () => ({ argv: ['RENAMENX', k(), k()] }),
    () => ({ argv: ['COPY', k(), k(), ...(rng.chance(0.5) ? ['DB', String(rng.int(0, 2))] : []), ...(rng.chance(0.5) ? ['REPLACE'] : [])] }),
    () => ({ argv: ['MOVE', k(), String(rng.int(0, 2))] }),
    () => ({ argv: ['SELECT', String(rng.int(0, 2))] }),
    () => ({ argv: ['SWAPDB', String(rng.int(0, 2)), String(rng.int(0, 2))] }),
    () => (rng.chance(0.2) ? { argv: ['FLUSHDB'] } : { argv: ['PING'] }),
    () => (rng.chance(0.05) ? { argv: ['FLUSHALL'] } : { argv: ['PING'] }),
    () => ({ argv: ['MULTI'] }),
    () => ({ argv: ['EXEC'] }),
    () => ({ tick: rng.int(0, 1500) }),
    () => ({ cycle: true }),
    ...collections.map((f) => () => ({ argv: f(rng, k) })),
    ...collections.map((f) => () => ({ argv: f(rng, k) })),
  ];
  return { next: (): Op => rng.pick(ops)(), rng };
}

/** Runs one op on a clockEngine. */
export function runOp(e: ReturnType<typeof clockEngine>, op: Op): void {
  if ('argv' in op) e.exec(...op.argv);
  else if ('tick' in op) e.tick(op.tick);
  else e.engine.activeExpireCycle(50);
}
