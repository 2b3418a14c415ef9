// Auto-pipelining (one message per microtask, counted), pipeline() and multi() in inline mode.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createClient, RedisError, type LocalRedis } from '../../src/client/index.js';
import type { RequestBatch } from '../../src/rpc/messages.js';

let redis: LocalRedis;
let sent: RequestBatch[] = [];

beforeAll(async () => {
  redis = await createClient({ mode: 'inline' });
  // Counts the messages the client posts to the host.
  const ep = (redis as unknown as { endpoint: { postMessage(m: unknown): void } }).endpoint;
  const post = ep.postMessage.bind(ep);
  ep.postMessage = (m: unknown) => {
    if ((m as { type: string }).type === 'request') sent.push(m as RequestBatch);
    post(m);
  };
});
afterAll(() => redis.close());
beforeEach(async () => {
  await redis.flushall();
  sent = [];
});

describe('auto-pipelining', () => {
  it('sends every command issued in one microtask in one message, in order', async () => {
    const ops: Promise<unknown>[] = [];
    for (let i = 0; i < 1000; i++) ops.push(redis.set(`k${i}`, i));
    for (let i = 0; i < 1000; i++) ops.push(redis.get(`k${i}`));
    const replies = await Promise.all(ops);
    expect(sent).toHaveLength(1);
    expect(sent[0].commands).toHaveLength(2000);
    expect(replies.slice(0, 1000).every((r) => r === 'OK')).toBe(true);
    expect(replies.slice(1000)).toEqual(Array.from({ length: 1000 }, (_, i) => String(i)));
  });

  it('sends one message per microtask when commands are awaited one by one', async () => {
    for (let i = 0; i < 10; i++) await redis.incr('n');
    expect(sent).toHaveLength(10);
    expect(await redis.get('n')).toBe('10');
  });

  it('commands issued in different microtasks travel in different messages', async () => {
    const a = redis.set('a', 1);
    await Promise.resolve();
    const b = redis.set('b', 2);
    await Promise.all([a, b]);
    expect(sent.map((m) => m.commands.length)).toEqual([1, 1]);
  });
});

describe('pipeline()', () => {
  it('exec() answers [error, reply] per command, errors in their place, in one message', async () => {
    const result = await redis.pipeline().set('k', 'v').get('k').lpush('k', 'x').incr('n').hgetall('h').getBuffer('k').exec();
    expect(sent).toHaveLength(1);
    expect(result).toEqual([
      [null, 'OK'],
      [null, 'v'],
      [new RedisError('WRONGTYPE Operation against a key holding the wrong kind of value')],
      [null, 1],
      [null, {}],
      [null, new Uint8Array([118])],
    ]);
    const [err] = result[2];
    expect(err).toBeInstanceOf(RedisError);
    expect(err?.message).toBe('WRONGTYPE Operation against a key holding the wrong kind of value');
  });

  it('takes commands as arrays, and call() for any command', async () => {
    const p = redis.pipeline([['set', 'a', '1'], ['incrby', 'a', 2]]).call('GET', 'a');
    expect(p.length).toBe(3);
    expect(await p.exec()).toEqual([[null, 'OK'], [null, 3], [null, '3']]);
  });

  it('an empty pipeline answers an empty array without sending anything', async () => {
    expect(await redis.pipeline().exec()).toEqual([]);
    expect(sent).toHaveLength(0);
  });

  it('its commands travel with the other commands of the same microtask, in order', async () => {
    const before = redis.set('x', 'before');
    const p = redis.pipeline().get('x').set('x', 'during').exec();
    const after = redis.get('x');
    expect(await Promise.all([before, p, after])).toEqual(['OK', [[null, 'before'], [null, 'OK']], 'during']);
    expect(sent).toHaveLength(1);
  });
});

describe('multi()', () => {
  it('sends MULTI, the commands and EXEC in one message and answers [error, reply] per command', async () => {
    const result = await redis.multi().set('k', 'v').incr('k').get('k').hgetall('h').exec();
    expect(sent).toHaveLength(1);
    expect(sent[0].commands.map((c) => c[0])).toEqual(['multi', 'set', 'incr', 'get', 'hgetall', 'exec']);
    expect(result).toEqual([[null, 'OK'], [new RedisError('ERR value is not an integer or out of range')], [null, 'v'], [null, {}]]);
  });

  it('rejects with EXECABORT, and the queueing errors in previousErrors, when a command cannot be queued', async () => {
    const e = (await redis
      .multi()
      .set('k', 'v')
      .call('GET')
      .exec()
      .catch((x: unknown) => x)) as RedisError & { previousErrors: RedisError[] };
    expect(e).toBeInstanceOf(RedisError);
    expect(e.message).toBe('EXECABORT Transaction discarded because of previous errors.');
    expect(e.previousErrors.map((x) => x.message)).toEqual(["ERR wrong number of arguments for 'get' command"]);
    expect(await redis.exists('k')).toBe(0);
  });

  it('answers null when a WATCHed key changed', async () => {
    expect(await redis.watch('w')).toBe('OK');
    // The same connection touching the key also aborts the transaction in Redis.
    await redis.set('w', 'changed');
    expect(await redis.multi().set('w', 'mine').exec()).toBe(null);
    expect(await redis.get('w')).toBe('changed');
  });

  it('multi({ pipeline: false }) sends a bare MULTI; commands then answer QUEUED and exec() the array', async () => {
    expect(await redis.multi({ pipeline: false })).toBe('OK');
    expect(await redis.set('k', 'v')).toBe('QUEUED');
    expect(await redis.exec()).toEqual(['OK']);
  });

  it('takes commands as arrays', async () => {
    expect(await redis.multi([['set', 'a', 'b'], ['get', 'a']]).exec()).toEqual([[null, 'OK'], [null, 'b']]);
  });
});
