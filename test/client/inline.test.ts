import { describe, expect, it } from 'vitest';
import { createClient, RedisError } from '../../src/client/index.js';

describe('client in inline mode', () => {
  it('runs commands and maps replies as ioredis does', async () => {
    const redis = await createClient({ mode: 'inline' });
    expect(await redis.call('GET', 'missing')).toBe(null);
    expect(await redis.call('MULTI')).toBe('OK');
    expect(await redis.call('GET', 'missing')).toBe('QUEUED');
    expect(await redis.call('EXEC')).toEqual([null]);
    await redis.close();
  });

  it('rejects with a RedisError that carries the code and the message', async () => {
    const redis = await createClient({ mode: 'inline' });
    const err = (await redis.call('GET').catch((e: unknown) => e)) as RedisError;
    expect(err).toBeInstanceOf(RedisError);
    expect(err.code).toBe('ERR');
    expect(err.message).toBe("ERR wrong number of arguments for 'get' command");
    await redis.close();
  });

  it('sends the commands of one microtask in one message, in order', async () => {
    const redis = await createClient({ mode: 'inline' });
    const sent: unknown[] = [];
    const ep = (redis as unknown as { endpoint: { postMessage(m: unknown): void } }).endpoint;
    const post = ep.postMessage.bind(ep);
    ep.postMessage = (m: unknown) => {
      sent.push(m);
      post(m);
    };
    const replies = await Promise.all([redis.call('MULTI'), redis.call('GET', 'a'), redis.call('EXEC')]);
    expect(replies).toEqual(['OK', 'QUEUED', [null]]);
    expect(sent).toHaveLength(1);
    await redis.close();
  });
});
