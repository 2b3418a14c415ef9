// The packing client's fast path (client.ts stage/packStaged, replies.ts isAscii): commands staged
// straight from a method's arguments, a batch sent as it is when all its text is ASCII, and
// rewritten (text UTF-8 encoded, bytes as they are) otherwise; replies decoded in place.
import { describe, expect, it } from 'vitest';
import { LocalRedis, RedisError } from '../../src/client/index.js';
import { isAscii } from '../../src/client/replies.js';
import { startInline } from '../../src/worker/inline.js';

async function packingClient(): Promise<LocalRedis> {
  const inline = startInline();
  const redis = new LocalRedis(inline.endpoint, inline.close, true);
  await redis.connect();
  return redis;
}

describe('isAscii', () => {
  it('is true only when every char is below 128, short or long', () => {
    expect(isAscii('')).toBe(true);
    expect(isAscii('plain')).toBe(true);
    expect(isAscii('x'.repeat(200_000))).toBe(true);
    for (const bad of ['\x80', '\xff', 'é', '✓', '\ud83d', '\ude00', '😀']) {
      expect(isAscii('a' + bad)).toBe(false);
      expect(isAscii('x'.repeat(100) + bad)).toBe(false);
      expect(isAscii(bad + 'x'.repeat(100))).toBe(false);
      expect(isAscii('x'.repeat(65_535) + bad + 'x'.repeat(10))).toBe(false);
      expect(isAscii('x'.repeat(200_000) + bad)).toBe(false);
    }
  });
});

describe('a packing client', () => {
  it('sends text, non-ASCII text, numbers and bytes of one batch exactly', async () => {
    const redis = await packingClient();
    const bytes = new Uint8Array(256).map((_, i) => i);
    const long = 'ü'.repeat(100);
    const [a, b, c, d, e, f] = await Promise.all([
      redis.set('ascii', 'v'.repeat(100)),
      redis.set('é', long),
      redis.set('bin', bytes),
      redis.set(new Uint8Array([0xc3, 0xa9, 0xff]), 42),
      redis.strlen('é'),
      redis.get('ascii'),
    ]);
    expect([a, b, c, d, e, f]).toEqual(['OK', 'OK', 'OK', 'OK', 200, 'v'.repeat(100)]);
    // A batch whose only non-ASCII chars are bytes, and one of ASCII text only.
    expect(await Promise.all([redis.strlen('bin'), redis.getBuffer('bin'), redis.get(new Uint8Array([0xc3, 0xa9, 0xff]))])).toEqual([256, bytes, '42']);
    expect(await Promise.all([redis.get('é'), redis.get('ascii'), redis.get('missing'), redis.incr('n'), redis.ping()])).toEqual([long, 'v'.repeat(100), null, 1, 'PONG']);
    expect(await redis.getBuffer('é')).toEqual(new TextEncoder().encode(long));
    await redis.close();
  });

  it('stages arrays (flattened), tracked commands and bad arguments as before', async () => {
    const redis = await packingClient();
    expect(await Promise.all([redis.del(['a', 'b']), redis.rpush('l', ['x', 'y']), redis.select(1), redis.dbsize()])).toEqual([0, 2, 'OK', 0]);
    expect(await redis.call('GET', undefined as unknown as string).catch((e: Error) => e.message)).toBe("ERR null or undefined argument for 'GET' command");
    // SELECT 1 was tracked and applied: db 1 is empty.
    await redis.rpush('l1', 'x');
    await expect(redis.incrby('l1', 1)).rejects.toEqual(new RedisError('WRONGTYPE Operation against a key holding the wrong kind of value'));
    const pending = redis.get('x');
    await redis.close();
    await expect(pending).rejects.toThrow('Connection is closed.');
    await expect(redis.get('x')).rejects.toThrow('Connection is closed.');
  });
});
