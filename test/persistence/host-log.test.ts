// The log of a worker host's batches: a batch that comes as bytes (rpc/transfer.ts) has the effects
// that are its commands verbatim copied from those bytes (persistence/format.ts VerbatimBatch), the
// others packed as strings. Whatever the mix of commands, dbs and clients, and whether something
// took the effects during a batch, what is logged loads back as the keyspace that ran it.
import { describe, expect, it } from 'vitest';
import { LocalRedis } from '../../src/client/index.js';
import type { VerbatimBatch } from '../../src/persistence/format.js';
import type { Endpoint } from '../../src/rpc/endpoint.js';
import { WorkerHost } from '../../src/worker/host.js';
import type { DurableOptions } from '../../src/worker/durable.js';
import { workload } from '../unit/snapshot-workload.js';
import { digest, durableEngine, live, memory } from './harness.js';

/** A client on a MessageChannel (batches of 1 KB or more cross as bytes) to a host whose engine is persisted on `store`. */
async function persistedHost(store: ReturnType<typeof memory>, appendfsync: 'always' | 'everysec', options: DurableOptions = { autoAofRewritePercentage: 0 }) {
  const a = await durableEngine(store.store(), { appendfsync, ...options });
  const host = new WorkerHost(a.engine);
  const offered: Array<VerbatimBatch | undefined> = [];
  host.afterBatch = (verbatim) => {
    offered.push(verbatim);
    return a.durable.afterBatch(verbatim);
  };
  const clients: LocalRedis[] = [];
  const channels: MessageChannel[] = [];
  const connect = async () => {
    const channel = new MessageChannel();
    host.connect(channel.port2 as unknown as Endpoint);
    channel.port1.start();
    channel.port2.start();
    const redis = new LocalRedis(channel.port1 as unknown as Endpoint, () => {}, true, true);
    await redis.connect();
    clients.push(redis);
    channels.push(channel);
    return redis;
  };
  const close = async () => {
    for (const c of clients) await c.close();
    host.close();
    for (const ch of channels) {
      ch.port1.close();
      ch.port2.close();
    }
    await a.durable.close();
  };
  return { a, offered, connect, close };
}

const value = (i: number) => `value-${i}-`.padEnd(40, 'x');

describe.each(['everysec', 'always'] as const)('a host logging batches that came as bytes (%s)', (appendfsync) => {
  it('copies the verbatim effects and loads back what ran, in every db', async () => {
    const store = memory();
    const h = await persistedHost(store, appendfsync);
    const redis = await h.connect();
    // Writes only: every effect is its command.
    await Promise.all(Array.from({ length: 200 }, (_, i) => redis.call('SET', `k${i}`, value(i))));
    // A mix: reads (no effect), rewritten effects (SET EX -> PXAT, INCRBYFLOAT -> SET KEEPTTL),
    // no-op writes, errors, a db switch, deletes, lists.
    const mixed: Array<Promise<unknown>> = [];
    for (let i = 0; i < 100; i++) {
      mixed.push(redis.call('GET', `k${i}`).catch(() => null));
      mixed.push(redis.call('SET', `ex${i}`, value(i), 'EX', '100').catch(() => null));
      mixed.push(redis.call('INCRBYFLOAT', 'f', '1.5').catch(() => null));
      mixed.push(redis.call('DEL', `missing${i}`).catch(() => null));
      mixed.push(redis.call('LPUSH', `k${i}`, 'x').catch(() => null));
      mixed.push(redis.call('RPUSH', 'list', value(i)).catch(() => null));
      if (i === 50) mixed.push(redis.call('SELECT', '3').catch(() => null));
      mixed.push(redis.call('SET', `k${i}`, `${i}`).catch(() => null));
    }
    await Promise.all(mixed);
    // Another client in db 0 meanwhile, interleaved with the first in db 3.
    const other = await h.connect();
    await Promise.all([
      ...Array.from({ length: 100 }, (_, i) => other.call('APPEND', `k${i}`, '+')),
      ...Array.from({ length: 100 }, (_, i) => redis.call('SET', `db3-${i}`, value(i))),
    ]);
    const copied = h.offered.filter((v) => v !== undefined);
    expect(copied.length).toBeGreaterThan(0);
    expect(copied.reduce((n, v) => n + v!.commands.length, 0)).toBeGreaterThanOrEqual(400);
    const expected = digest(h.a.engine);
    await h.close();
    const b = await durableEngine(store.store());
    expect(digest(b.engine)).toEqual(expected);
    await b.durable.close();
  });

  it('replays random workloads sent as batches, most of them bytes, then a reload, to the same keyspace', async () => {
    // Every kind of write (expiry rewritten, SPOP, INCRBYFLOAT, MULTI/EXEC, SELECT, SWAPDB, MOVE,
    // FLUSHALL...), clock moves and expire cycles between batches, automatic rewrites, and runs of
    // plain SETs so that copies happen.
    for (let seed = 1; seed <= 6; seed++) {
      const store = memory();
      const h = await persistedHost(store, appendfsync, { autoAofRewriteMinSize: 3000, autoAofRewritePercentage: 50 });
      const redis = await h.connect();
      const w = workload(seed * 11, h.a.engine);
      let batch: Array<Promise<unknown>> = [];
      const flush = async () => {
        await Promise.all(batch);
        batch = [];
      };
      for (let n = 0; n < 500; n++) {
        const op = w.next();
        // Bytes past ASCII send their batch as a string: kept in one op in ten.
        const ascii = (a: string) => (w.rng.chance(0.1) ? a : a.replace(/[^\x00-\x7f]/g, '?'));
        if ('argv' in op) batch.push(redis.call(...op.argv.map(ascii)).catch(() => null));
        else {
          await flush();
          if ('tick' in op) h.a.tick(op.tick);
          else h.a.engine.activeExpireCycle(50);
        }
        if (w.rng.chance(0.15)) for (let j = 0; j < 5; j++) batch.push(redis.call('SET', `s${w.rng.int(0, 30)}`, value(n + j)));
        if (batch.length >= 80) await flush();
      }
      await flush();
      expect(h.offered.some((v) => v !== undefined), `seed ${seed}`).toBe(true);
      const now = h.a.now();
      const expected = live(digest(h.a.engine), now);
      await h.close();
      const b = await durableEngine(store.store(), {}, now);
      expect(live(digest(b.engine), now), `seed ${seed}`).toEqual(expected);
      await b.durable.close();
    }
  });

  it('packs the batch as strings when something took the effects during it', async () => {
    const store = memory();
    const h = await persistedHost(store, appendfsync);
    const redis = await h.connect();
    // BGREWRITEAOF takes the effects before it (its snapshot's start) in the middle of the batch.
    const calls = [
      ...Array.from({ length: 100 }, (_, i) => redis.call('SET', `a${i}`, value(i))),
      redis.call('BGREWRITEAOF'),
      ...Array.from({ length: 100 }, (_, i) => redis.call('SET', `b${i}`, value(i))),
    ];
    await Promise.all(calls);
    const requests = h.offered.length;
    expect(requests).toBeGreaterThan(0);
    expect(h.offered.at(-1)).toBeUndefined();
    const expected = digest(h.a.engine);
    await h.close();
    const b = await durableEngine(store.store());
    expect(digest(b.engine)).toEqual(expected);
    await b.durable.close();
  });
});
