// The typed command methods in inline mode: replies mapped as ioredis maps them, byte variants,
// ioredis's argument and reply transformers, containers' subcommands, errors.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createClient, RedisError, type LocalRedis } from '../../src/client/index.js';

let redis: LocalRedis;
beforeAll(async () => {
  redis = await createClient({ mode: 'inline' });
});
afterAll(() => redis.close());
beforeEach(async () => {
  await redis.flushall();
});

const bytes = (...b: number[]) => new Uint8Array(b);

describe('client commands', () => {
  it('SET and GET: status OK, bulk strings as text, nil as null', async () => {
    expect(await redis.set('k', 'v')).toBe('OK');
    expect(await redis.get('k')).toBe('v');
    expect(await redis.get('missing')).toBe(null);
    expect(await redis.set('k', 'w', 'NX')).toBe(null);
    expect(await redis.set('k', 'w', 'XX', 'GET')).toBe('v');
    expect(await redis.set('k', 'x', 'ex', 100)).toBe('OK');
    expect(await redis.ttl('k')).toBe(100);
  });

  it('integers are numbers, INCRBYFLOAT and ZSCORE are strings (RESP2 bulk strings)', async () => {
    expect(await redis.incr('n')).toBe(1);
    expect(await redis.incrby('n', 41)).toBe(42);
    expect(await redis.decr('n')).toBe(41);
    expect(await redis.incrbyfloat('f', 1.5)).toBe('1.5');
    expect(await redis.zadd('z', 2.5, 'm')).toBe(1);
    expect(await redis.zscore('z', 'm')).toBe('2.5');
    expect(await redis.exists('n', 'f', 'nope')).toBe(2);
  });

  it('text is sent as UTF-8 and decoded from UTF-8; numbers are sent as their decimal text', async () => {
    await redis.set('é', 'ünïcødé ✓');
    expect(await redis.get('é')).toBe('ünïcødé ✓');
    expect(await redis.strlen('é')).toBe(15);
    await redis.set('num', 1e21);
    expect(await redis.get('num')).toBe('1e+21');
  });

  it('...Buffer methods return bulk strings as Uint8Array and take bytes as they are', async () => {
    await redis.set('bin', bytes(0, 255, 128, 10));
    expect(await redis.getBuffer('bin')).toEqual(bytes(0, 255, 128, 10));
    expect(await redis.strlen('bin')).toBe(4);
    expect(await redis.getBuffer('missing')).toBe(null);
    await redis.rpush('l', 'a', bytes(0xc3, 0xa9));
    expect(await redis.lrangeBuffer('l', 0, -1)).toEqual([bytes(97), bytes(0xc3, 0xa9)]);
    expect(await redis.lrange('l', 0, -1)).toEqual(['a', 'é']);
    expect(await redis.callBuffer('GET', 'bin')).toEqual(bytes(0, 255, 128, 10));
  });

  it('HGETALL is an object (field names text, values bytes in hgetallBuffer); HSET and HMSET take objects and Maps', async () => {
    expect(await redis.hset('h', { a: '1', b: 2 })).toBe(2);
    expect(await redis.hset('h', new Map<string, string>([['c', '3']]))).toBe(1);
    expect(await redis.hmset('h', { d: 'ü' })).toBe('OK');
    expect(await redis.hgetall('h')).toEqual({ a: '1', b: '2', c: '3', d: 'ü' });
    expect(await redis.hgetallBuffer('h')).toEqual({ a: bytes(49), b: bytes(50), c: bytes(51), d: bytes(0xc3, 0xbc) });
    expect(await redis.hgetall('missing')).toEqual({});
    await redis.hset('p', '__proto__', 'x');
    const o = await redis.hgetall('p');
    expect(Object.keys(o)).toEqual(['__proto__']);
    expect(o['__proto__']).toBe('x');
  });

  it('MSET and MSETNX take an object or a Map', async () => {
    expect(await redis.mset({ a: 1, b: 'two' })).toBe('OK');
    expect(await redis.msetnx(new Map([['c', '3']]))).toBe(1);
    expect(await redis.mset('d', 4, 'e', 5)).toBe('OK');
    expect(await redis.mget('a', 'b', 'c', 'd', 'e', 'f')).toEqual(['1', 'two', '3', '4', '5', null]);
  });

  it('lists, sets and sorted sets map to arrays; WITHSCORES stays flat as in ioredis', async () => {
    await redis.rpush('l', 'a', 'b', 'c');
    expect(await redis.lrange('l', 0, -1)).toEqual(['a', 'b', 'c']);
    expect(await redis.lpop('l')).toBe('a');
    expect(await redis.lpop('l', 5)).toEqual(['b', 'c']);
    expect(await redis.lpop('l', 5)).toBe(null);
    await redis.sadd('s', 3, 1, 2);
    expect(await redis.smembers('s')).toEqual(['1', '2', '3']);
    expect(await redis.smismember('s', 1, 9)).toEqual([1, 0]);
    await redis.zadd('z', 1, 'a', 2, 'b', 3, 'c');
    expect(await redis.zrange('z', 0, -1, 'WITHSCORES')).toEqual(['a', '1', 'b', '2', 'c', '3']);
    expect(await redis.zrange('z', '(1', '+inf', 'BYSCORE', 'LIMIT', 0, 1)).toEqual(['b']);
    expect(await redis.zrank('z', 'nope')).toBe(null);
    expect(await redis.zmpop(1, 'z', 'MIN', 'COUNT', 2)).toEqual(['z', [['a', '1'], ['b', '2']]]);
  });

  it('SCAN answers [cursor, keys]', async () => {
    await redis.mset({ a: 1, b: 2 });
    const [cursor, keys] = await redis.scan(0, 'COUNT', 100);
    expect(cursor).toBe('0');
    expect(keys.sort()).toEqual(['a', 'b']);
  });

  it("a container's subcommand is the first argument: client('SETNAME', ...), config('GET', ...), object('ENCODING', ...)", async () => {
    expect(await redis.client('SETNAME', 'app')).toBe('OK');
    expect(await redis.client('getname')).toBe('app');
    expect(typeof (await redis.client('ID'))).toBe('number');
    expect(await redis.config('GET', 'maxmemory-policy')).toEqual(['maxmemory-policy', 'noeviction']);
    await redis.set('k', '123');
    expect(await redis.object('ENCODING', 'k')).toBe('int');
    expect(await redis.object('ENCODING', 'missing')).toBe(null);
  });

  it('blocking pops answer [key, element], and null on timeout', async () => {
    await redis.rpush('q', 'job');
    expect(await redis.blpop('nothing', 'q', 0)).toEqual(['q', 'job']);
    expect(await redis.brpop('nothing', 0.01)).toBe(null);
  });

  it('call() runs any command by name', async () => {
    expect(await redis.call('SET', 'k', 'v')).toBe('OK');
    expect(await redis.call('get', 'k')).toBe('v');
    expect(await redis.call('PING')).toBe('PONG');
    expect(await redis.ping('hi')).toBe('hi');
  });

  it('errors reject with a RedisError carrying Redis\'s message and code', async () => {
    await redis.set('k', 'v');
    const wrongType = await redis.lpush('k', 'x').catch((e: unknown) => e);
    expect(wrongType).toBeInstanceOf(RedisError);
    expect((wrongType as RedisError).message).toBe('WRONGTYPE Operation against a key holding the wrong kind of value');
    expect((wrongType as RedisError).code).toBe('WRONGTYPE');
    const notInt = await redis.incr('k').catch((e: unknown) => e);
    expect((notInt as RedisError).message).toBe('ERR value is not an integer or out of range');
    const unknown = await redis.call('NOPE', 'a').catch((e: unknown) => e);
    expect((unknown as RedisError).message).toBe("ERR unknown command 'NOPE', with args beginning with: 'a' ");
    // A failed command does not disturb the others of its batch.
    const [a, b, c] = await Promise.allSettled([redis.set('x', '1'), redis.incr('k'), redis.get('x')]);
    expect(a).toEqual({ status: 'fulfilled', value: 'OK' });
    expect(b.status).toBe('rejected');
    expect(c).toEqual({ status: 'fulfilled', value: '1' });
  });

  it('a null or undefined argument rejects before anything is sent', async () => {
    const e = await redis.set('k', undefined as unknown as string).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(TypeError);
    expect(await redis.exists('k')).toBe(0);
  });

  it('HELLO 3 switches the replies to RESP3: maps become objects, doubles numbers', async () => {
    const other = await createClient({ mode: 'inline' });
    await other.hello(3);
    await other.hset('h', 'f', 'v');
    await other.zadd('z', 1.5, 'm');
    expect(await other.hgetall('h')).toEqual({ f: 'v' });
    expect(await other.zscore('z', 'm')).toBe(1.5);
    await other.close();
  });
});

describe('array arguments', () => {
  it('an array argument stands for its items, as in ioredis', async () => {
    expect(await redis.sadd('s', ['a', 'b', 'c'])).toBe(3);
    expect(await redis.mset(['k1', 'v1', 'k2', 'v2'] as unknown as Record<string, string>)).toBe('OK');
    expect(await redis.mget(['k1', 'k2', 'k3'])).toEqual(['v1', 'v2', null]);
    expect(await redis.del(['k1', 'k2', 's'])).toBe(3);
    expect(await redis.rpush('l', ['x', new Uint8Array([0xc3, 0xa9])])).toBe(2);
    expect(await redis.lrange('l', 0, -1)).toEqual(['x', 'é']);
    expect(await redis.pipeline().sadd('t', ['1', '2']).smembers('t').exec()).toEqual([[null, 2], [null, ['1', '2']]]);
  });
});

describe('scan iterators', () => {
  it('scanIterator walks the whole keyspace with MATCH, COUNT and TYPE; hscan/sscan/zscan iterators walk a key', async () => {
    const keys = Array.from({ length: 1000 }, (_, i) => `user:${i}`);
    await redis.mset(Object.fromEntries(keys.map((k) => [k, 1])));
    await redis.sadd('set', Array.from({ length: 600 }, (_, i) => `m${i}`));
    const seen = new Set<string>();
    let batches = 0;
    for await (const batch of redis.scanIterator({ match: 'user:*', count: 100 })) {
      batches++;
      for (const k of batch) seen.add(k);
    }
    expect(seen.size).toBe(1000);
    expect(batches).toBeGreaterThan(5);
    const sets: string[] = [];
    for await (const batch of redis.scanIterator({ type: 'set' })) sets.push(...batch);
    expect(sets).toEqual(['set']);
    const members = new Set<string>();
    for await (const batch of redis.sscanIterator('set', { count: 50 })) for (const m of batch) members.add(m);
    expect(members.size).toBe(600);
    await redis.hset('h', { a: 1, b: 2 });
    const pairs: string[] = [];
    for await (const batch of redis.hscanIterator('h')) pairs.push(...batch);
    expect(pairs).toEqual(['a', '1', 'b', '2']);
    await redis.zadd('z', 1, 'x');
    const z: string[] = [];
    for await (const batch of redis.zscanIterator('z', { match: 'x' })) z.push(...batch);
    expect(z).toEqual(['x', '1']);
  });
});
