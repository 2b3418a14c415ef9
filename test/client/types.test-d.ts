// The client's types, checked by `npm run typecheck` (tsc compiles this file; vitest does not run
// it): replies typed per command, arguments checked against Redis's syntax, and calls that must
// not compile, each under a ts-expect-error directive (tsc fails if such a line compiles).
import { describe, expectTypeOf, it } from 'vitest';
import type { ExecEntry, LocalRedis, Multi, Pipeline, ReplyValue } from '../../src/client/index.js';

declare const redis: LocalRedis;

describe('client types', () => {
  it('replies are typed per command', () => {
    expectTypeOf(redis.get('k')).toEqualTypeOf<Promise<string | null>>();
    expectTypeOf(redis.getBuffer('k')).toEqualTypeOf<Promise<Uint8Array | null>>();
    expectTypeOf(redis.set('k', 'v')).toEqualTypeOf<Promise<'OK' | null>>();
    expectTypeOf(redis.set('k', 'v', 'GET')).toEqualTypeOf<Promise<string | null>>();
    expectTypeOf(redis.incr('k')).toEqualTypeOf<Promise<number>>();
    expectTypeOf(redis.incrbyfloat('k', 1.5)).toEqualTypeOf<Promise<string>>();
    expectTypeOf(redis.mget('a', 'b')).toEqualTypeOf<Promise<(string | null)[]>>();
    expectTypeOf(redis.hgetall('h')).toEqualTypeOf<Promise<Record<string, string>>>();
    expectTypeOf(redis.hgetallBuffer('h')).toEqualTypeOf<Promise<Record<string, Uint8Array>>>();
    expectTypeOf(redis.lrange('l', 0, -1)).toEqualTypeOf<Promise<string[]>>();
    expectTypeOf(redis.lpop('l')).toEqualTypeOf<Promise<string | null>>();
    expectTypeOf(redis.lpop('l', 2)).toEqualTypeOf<Promise<string[] | null>>();
    expectTypeOf(redis.smembers('s')).toEqualTypeOf<Promise<string[]>>();
    expectTypeOf(redis.zrange('z', 0, -1, 'WITHSCORES')).toEqualTypeOf<Promise<string[]>>();
    expectTypeOf(redis.zscore('z', 'm')).toEqualTypeOf<Promise<string | null>>();
    expectTypeOf(redis.blpop('a', 'b', 0)).toEqualTypeOf<Promise<[key: string, element: string] | null>>();
    expectTypeOf(redis.scan(0, 'MATCH', 'user:*')).toEqualTypeOf<Promise<[cursor: string, keys: string[]]>>();
    expectTypeOf(redis.client('SETNAME', 'app')).toEqualTypeOf<Promise<'OK'>>();
    expectTypeOf(redis.client('ID')).toEqualTypeOf<Promise<number>>();
    expectTypeOf(redis.config('GET', 'maxmemory')).toEqualTypeOf<Promise<string[]>>();
    expectTypeOf(redis.object('ENCODING', 'k')).toEqualTypeOf<Promise<string | null>>();
    expectTypeOf(redis.call('GET', 'k')).toEqualTypeOf<Promise<ReplyValue>>();
  });

  it('arguments follow Redis syntax; keywords in either case', () => {
    void redis.set('k', 'v', 'EX', 60);
    void redis.set('k', 'v', 'nx', 'px', 1000);
    void redis.set('k', new Uint8Array([1]), 'KEEPTTL');
    void redis.zadd('z', 1, 'a', 2, 'b');
    void redis.zadd('z', 'NX', 'CH', 1, 'a');
    void redis.zrange('z', '(1', '+inf', 'BYSCORE', 'REV', 'LIMIT', 0, 10, 'WITHSCORES');
    void redis.hset('h', { a: 1, b: 'x' });
    void redis.mset({ a: 1 });
    void redis.linsert('l', 'BEFORE', 'pivot', 'x');
    void redis.expire('k', 10, 'GT');
    expectTypeOf(redis.del(['a', 'b'])).toEqualTypeOf<Promise<number>>();
    expectTypeOf(redis.mget(['a', 'b'])).toEqualTypeOf<Promise<(string | null)[]>>();
    void redis.sadd('s', ['a', 'b']);
    // @ts-expect-error SADD needs a member
    void redis.sadd('s');
    // @ts-expect-error EX needs its seconds
    void redis.set('k', 'v', 'EX');
    // @ts-expect-error KEEPTTL comes after NX | XX
    void redis.set('k', 'v', 'KEEPTTL', 'NX');
    // @ts-expect-error not an option of SET
    void redis.set('k', 'v', 'FOREVER');
    // @ts-expect-error GET takes one key
    void redis.get('a', 'b');
    // @ts-expect-error a key is text or bytes
    void redis.get({ key: 'k' });
    // @ts-expect-error LINSERT needs BEFORE or AFTER
    void redis.linsert('l', 'AROUND', 'pivot', 'x');
    // @ts-expect-error not a subcommand of CLIENT
    void redis.client('FROBNICATE');
    // @ts-expect-error no such command
    void redis.frobnicate('k');
  });

  it('pipelines chain and exec() answers [error, reply] pairs', () => {
    const p = redis.pipeline().set('k', 'v').get('k').incr('n');
    expectTypeOf(p).toEqualTypeOf<Pipeline>();
    expectTypeOf(p.exec()).toEqualTypeOf<Promise<ExecEntry[]>>();
    const m = redis.multi().set('k', 'v').hgetall('h');
    expectTypeOf(m).toEqualTypeOf<Multi>();
    expectTypeOf(m.exec()).toEqualTypeOf<Promise<ExecEntry[] | null>>();
    expectTypeOf(redis.multi({ pipeline: false })).toEqualTypeOf<Promise<'OK'>>();
  });

  it('events are typed', () => {
    redis.on('error', (e) => expectTypeOf(e).toEqualTypeOf<Error>());
    redis.on('loading', ({ loaded, total }) => expectTypeOf(loaded + total).toBeNumber());
    // @ts-expect-error no such event
    redis.on('raedy', () => {});
  });
});
