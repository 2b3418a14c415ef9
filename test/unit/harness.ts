// The in-process engine the unit tests drive: an injected clock, one session, and the effects and
// keyspace events a command produced.
import { createEngine, type EngineOptions, type Reply } from '../../src/core/index.js';
import { RObj } from '../../src/core/keyspace.js';

export const T0 = 1_700_000_000_000;

/** The reply of a command that did not block (engine.exec answers a promise only when it blocks). */
export function sync(r: Reply | Promise<Reply>): Reply {
  if (r instanceof Promise) throw new Error('the command blocked');
  return r;
}

export function testEngine(options: EngineOptions = {}) {
  let now = T0;
  // No real timers: tick() moves the clock and runs the blocked commands' deadlines.
  const engine = createEngine({ clock: () => now, recordEffects: true, timers: null, ...options });
  const s = engine.createSession();
  const events: string[] = [];
  engine.notifier = (cls, event, key) => {
    if (cls !== 'm' && cls !== 'n') events.push(`${event}:${key}`);
  };
  const db = engine.keyspace.dbs[0];
  return {
    engine,
    s,
    r: (...argv: string[]): Reply => sync(engine.exec(s, argv)),
    /** A command that may block: its reply or the promise of it. */
    rb: (...argv: string[]): Reply | Promise<Reply> => engine.exec(s, argv),
    /** Moves the clock, and refreshes the cached time as a host does before each batch. */
    tick: (ms: number) => {
      now += ms;
      engine.updateCachedTime();
      engine.handleBlockedTimeouts();
      return now;
    },
    now: () => now,
    /** The argvs propagated since the last call. */
    effects: () => engine.takeEffects().map((e) => e.argv),
    /** The keyspace events since the last call (key misses and `new` left out). */
    events: () => events.splice(0),
    enc: (key: string) => db.dict.get(key)?.enc,
    ttl: (key: string) => db.expires.get(key),
    /** A key of another type, for WRONGTYPE. */
    hash: (key: string) => db.dict.set(key, new RObj('hash', new Map(), 'listpack', 0)),
  };
}
