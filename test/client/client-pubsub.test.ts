// The client's pub/sub API (src/client/pubsub.ts): subscribe methods resolving with Redis's counts,
// message events from the host's pushes (text and bytes), their order among replies, RESP3 pushes,
// keyspace notifications, the subscriptions kept from the confirmations, and Redis's rule on what
// a subscribed RESP2 connection may run. Several clients share one engine through a WorkerHost;
// every case runs with plain batches and with packed ones (what a client behind a Worker sends).
import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';
import { createClient, LocalRedis, RedisError, type Subscriptions } from '../../src/client/index.js';
import { closeHosts, engine } from './engine-clients.js';

const SUBSCRIBED_ONLY = "ERR Can't execute 'get': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context";

afterEach(closeHosts);


/** Every event of the pub/sub kinds, as `[event, ...args]`, in the order emitted. */
function record(redis: LocalRedis) {
  const log: unknown[][] = [];
  redis.on('message', (...a) => log.push(['message', ...a]));
  redis.on('pmessage', (...a) => log.push(['pmessage', ...a]));
  redis.on('smessage', (...a) => log.push(['smessage', ...a]));
  return log;
}

const bytes = (...b: number[]) => new Uint8Array(b);

describe.each([false, true])('client pub/sub (packed batches: %s)', (pack) => {
  it('subscribe and psubscribe resolve with the count of channels and patterns; messages become events', async () => {
    const client = engine(pack);
    const [sub, pub] = [await client(), await client()];
    const log = record(sub);
    expect(await sub.subscribe('news', 'sport')).toBe(2);
    expect(await sub.psubscribe('n*')).toBe(3);
    expect(await sub.subscribe(['weather', 'news'])).toBe(4);
    expect(await pub.publish('news', 'hello')).toBe(2);
    expect(await pub.publish('sport', 'goal')).toBe(1);
    expect(await pub.publish('other', 'lost')).toBe(0);
    await sub.ping();
    expect(log).toEqual([
      ['message', 'news', 'hello'],
      ['pmessage', 'n*', 'news', 'hello'],
      ['message', 'sport', 'goal'],
    ]);
    expect(sub.subscriptions()).toEqual({ channels: ['news', 'sport', 'weather'], patterns: ['n*'], shardChannels: [] });
    await sub.close();
    await pub.close();
  });

  it('a message is emitted before the reply the host placed it before resolves, and in publish order', async () => {
    const client = engine(pack);
    const [sub, pub] = [await client(), await client()];
    const log = record(sub);
    await sub.subscribe('ch');
    await pub.publish('ch', 'one');
    // The host sends the pushes made for a client before that client's next reply.
    expect(await sub.ping()).toEqual(['pong', '']);
    expect(log).toEqual([['message', 'ch', 'one']]);
    await Promise.all([pub.publish('ch', 'two'), pub.publish('ch', 'three')]);
    expect(await sub.ping('x')).toEqual(['pong', 'x']);
    expect(log.map((e) => e[2])).toEqual(['one', 'two', 'three']);

    // RESP3: a client's own message comes among its replies, before its PUBLISH reply.
    await pub.hello(3);
    const own = record(pub);
    await pub.subscribe('me');
    const seen: unknown[][][] = [];
    const replies = await Promise.all([
      pub.set('k', 'v').then((r) => (seen.push([...own]), r)),
      pub.publish('me', 'hi').then((r) => (seen.push([...own]), r)),
      pub.get('k'),
    ]);
    expect(replies).toEqual(['OK', 1, 'v']);
    expect(seen[1]).toEqual([['message', 'me', 'hi']]);
    await sub.close();
    await pub.close();
  });

  it('pattern messages carry the pattern, and the Buffer events carry the exact bytes', async () => {
    const client = engine(pack);
    const [sub, pub] = [await client(), await client()];
    const buffers: unknown[][] = [];
    sub.on('messageBuffer', (...a) => buffers.push(['messageBuffer', ...a]));
    sub.on('pmessageBuffer', (...a) => buffers.push(['pmessageBuffer', ...a]));
    const log = record(sub);
    // A channel that is not UTF-8, one that is, and a pattern given as bytes.
    expect(await sub.subscribe(bytes(0xc3, 0x28), 'café')).toBe(2);
    expect(await sub.psubscribe(bytes(0x62, 0x2a))).toBe(3);
    await pub.publish(bytes(0xc3, 0x28), bytes(0xff, 0x00, 0x80));
    await pub.publish('café', 'naïve');
    await pub.publish('bin', bytes(0xfe));
    await sub.ping();
    expect(buffers).toEqual([
      ['messageBuffer', bytes(0xc3, 0x28), bytes(0xff, 0x00, 0x80)],
      ['messageBuffer', bytes(0x63, 0x61, 0x66, 0xc3, 0xa9), bytes(0x6e, 0x61, 0xc3, 0xaf, 0x76, 0x65)],
      ['pmessageBuffer', bytes(0x62, 0x2a), bytes(0x62, 0x69, 0x6e), bytes(0xfe)],
    ]);
    expect(buffers[0][1]).toBeInstanceOf(Uint8Array);
    // The text events decode UTF-8 (invalid bytes as U+FFFD, as TextDecoder does).
    expect(log).toEqual([
      ['message', '\ufffd(', '\ufffd\u0000\ufffd'],
      ['message', 'café', 'naïve'],
      ['pmessage', 'b*', 'bin', '\ufffd'],
    ]);
    // Subscriptions are byte strings: the bytes Redis holds, one char per byte.
    expect(sub.subscriptions()).toEqual({ channels: ['\xc3(', 'caf\xc3\xa9'], patterns: ['b*'], shardChannels: [] });
    await sub.close();
    await pub.close();
  });

  it('unsubscribe and punsubscribe with no arguments leave every channel or pattern, as confirmed', async () => {
    const client = engine(pack);
    const [sub, pub] = [await client(), await client()];
    expect(await sub.subscribe('a', 'b', 'c')).toBe(3);
    expect(await sub.psubscribe('p*', 'q*')).toBe(5);
    expect(await sub.unsubscribe('b')).toBe(4);
    expect(await sub.unsubscribe()).toBe(2);
    expect(sub.subscriptions()).toEqual({ channels: [], patterns: ['p*', 'q*'], shardChannels: [] });
    expect(await pub.pubsub('NUMSUB', 'a', 'c')).toEqual(['a', 0, 'c', 0]);
    // Nothing left of that kind: one confirmation with a nil name, the count of what is left.
    expect(await sub.unsubscribe()).toBe(2);
    expect(await sub.punsubscribe()).toBe(0);
    expect(await sub.punsubscribe()).toBe(0);
    expect(sub.subscriptions()).toEqual({ channels: [], patterns: [], shardChannels: [] });
    // Out of the subscribed context again: any command runs.
    expect(await sub.get('k')).toBe(null);
    await sub.close();
    await pub.close();
  });

  it('counts follow Redis: shard channels counted apart, repeats and unknown names confirmed as they are', async () => {
    const client = engine(pack);
    const [sub, pub] = [await client(), await client()];
    const log = record(sub);
    expect(await sub.subscribe('a', 'a')).toBe(1);
    expect(await sub.unsubscribe('never')).toBe(1);
    expect(await sub.ssubscribe('s1', 's2')).toBe(2);
    expect(await sub.psubscribe('x*')).toBe(2);
    expect(await sub.sunsubscribe('s1')).toBe(1);
    expect(await pub.spublish('s2', 'shard')).toBe(1);
    await sub.ping();
    expect(log).toEqual([['smessage', 's2', 'shard']]);
    expect(sub.subscriptions()).toEqual({ channels: ['a'], patterns: ['x*'], shardChannels: ['s2'] });
    expect(await sub.sunsubscribe()).toBe(0);
    expect(sub.subscriptions().shardChannels).toEqual([]);
    await sub.close();
    await pub.close();
  });

  it('takes an ioredis trailing callback with the error or the count', async () => {
    const client = engine(pack);
    const sub = await client();
    const calls: unknown[][] = [];
    const n = await sub.subscribe('a', 'b', (err, count) => calls.push([err, count]));
    expect(n).toBe(2);
    await sub.psubscribe((err, count) => calls.push([err, count])).catch(() => {});
    expect(calls[0]).toEqual([null, 2]);
    expect(calls[1][0]).toEqual(new RedisError("ERR wrong number of arguments for 'psubscribe' command"));
    await sub.close();
  });

  it('RESP3: pushes become events, and any command runs while subscribed', async () => {
    const client = engine(pack);
    const [sub, pub] = [await client(), await client()];
    await sub.hello(3);
    const log = record(sub);
    expect(await sub.subscribe('ch')).toBe(1);
    expect(await sub.psubscribe('c*')).toBe(2);
    expect(await sub.set('k', 'v')).toBe('OK');
    await pub.publish('ch', 'from pub');
    expect(await sub.get('k')).toBe('v');
    expect(log).toEqual([
      ['message', 'ch', 'from pub'],
      ['pmessage', 'c*', 'ch', 'from pub'],
    ]);
    expect(await sub.unsubscribe()).toBe(1);
    expect(sub.subscriptions()).toEqual({ channels: [], patterns: ['c*'], shardChannels: [] });
    await sub.close();
    await pub.close();
  });

  it('keyspace notifications arrive as pmessage events of __keyspace@0__ and __keyevent@0__', async () => {
    const client = engine(pack);
    const [sub, other] = [await client(), await client()];
    const log = record(sub);
    expect(await other.config('SET', 'notify-keyspace-events', 'KEA')).toBe('OK');
    expect(await sub.psubscribe('__keyspace@0__:*', '__keyevent@0__:del')).toBe(2);
    await other.set('k', 'v');
    await other.expire('k', 100);
    await other.del('k');
    await sub.ping();
    expect(log).toEqual([
      ['pmessage', '__keyspace@0__:*', '__keyspace@0__:k', 'set'],
      ['pmessage', '__keyspace@0__:*', '__keyspace@0__:k', 'expire'],
      ['pmessage', '__keyspace@0__:*', '__keyspace@0__:k', 'del'],
      ['pmessage', '__keyevent@0__:del', '__keyevent@0__:del', 'k'],
    ]);
    await sub.close();
    await other.close();
  });

  it("RESP2: a subscribed client gets Redis's error for other commands; RESET leaves every subscription", async () => {
    const client = engine(pack);
    const sub = await client();
    await sub.subscribe('a');
    await sub.ssubscribe('s');
    const err = (await sub.get('k').catch((e: unknown) => e)) as RedisError;
    expect(err).toBeInstanceOf(RedisError);
    expect(err.message).toBe(SUBSCRIBED_ONLY);
    const [r1, r2] = await Promise.all([sub.ping().catch((e: Error) => e.message), sub.call('GET', 'k').catch((e: Error) => e.message)]);
    expect([r1, r2]).toEqual([['pong', ''], SUBSCRIBED_ONLY]);
    expect(await sub.reset()).toBe('RESET');
    expect(sub.subscriptions()).toEqual({ channels: [], patterns: [], shardChannels: [] });
    expect(await sub.get('k')).toBe(null);
    await sub.close();
  });

  it('resubscribe sends the same bytes again', async () => {
    const client = engine(pack);
    const [sub, pub] = [await client(), await client()];
    await sub.subscribe('café', bytes(0xff));
    await sub.psubscribe('é*');
    await sub.ssubscribe('s');
    const before: Subscriptions = sub.subscriptions();
    expect(sub.pubsubState.restoreCommands()).toEqual([
      ['subscribe', bytes(0x63, 0x61, 0x66, 0xc3, 0xa9), bytes(0xff)],
      ['psubscribe', bytes(0xc3, 0xa9, 0x2a)],
      ['ssubscribe', bytes(0x73)],
    ]);
    await sub.resubscribe();
    // Re-sent as text the names would be UTF-8 encoded twice: new channels, higher counts.
    expect(sub.subscriptions()).toEqual(before);
    expect(await pub.pubsub('NUMSUB', 'café')).toEqual(['café', 1]);
    expect(await sub.subscribe('café')).toBe(3);
    expect(await pub.pubsub('NUMPAT')).toBe(1);
    expect(await sub.ssubscribe('s')).toBe(1);
    await sub.close();
    await pub.close();
  });
});

describe('client pub/sub in the inline mode', () => {
  it('a RESP3 inline client gets its own messages and the keyspace events of its own writes', async () => {
    const redis = await createClient({ mode: 'inline' });
    const log = record(redis);
    await redis.hello(3);
    await redis.config('SET', 'notify-keyspace-events', 'K$');
    expect(await redis.subscribe('ch')).toBe(1);
    expect(await redis.psubscribe('__keyspace@0__:*')).toBe(2);
    expect(await redis.publish('ch', 'self')).toBe(1);
    expect(await redis.set('k', 'v')).toBe('OK');
    expect(log).toEqual([
      ['message', 'ch', 'self'],
      ['pmessage', '__keyspace@0__:*', '__keyspace@0__:k', 'set'],
    ]);
    await redis.close();
  });
});

describe('client pub/sub types', () => {
  it('the subscribe methods are typed as ioredis types them', () => {
    const redis = null as unknown as LocalRedis;
    const typed = () => {
      expectTypeOf(redis.subscribe('a', 'b')).toEqualTypeOf<Promise<number>>();
      expectTypeOf(redis.subscribe(['a', 'b'], (err, count) => [err, count])).toEqualTypeOf<Promise<number>>();
      expectTypeOf(redis.unsubscribe()).toEqualTypeOf<Promise<number>>();
      expectTypeOf(redis.subscriptions()).toEqualTypeOf<Subscriptions>();
      redis.on('smessageBuffer', (channel, message) => {
        expectTypeOf(channel).toEqualTypeOf<Uint8Array>();
        expectTypeOf(message).toEqualTypeOf<Uint8Array>();
      });
      // @ts-expect-error a callback only comes last
      void redis.subscribe(() => {}, 'a');
    };
    expect(typeof typed).toBe('function');
  });
});
