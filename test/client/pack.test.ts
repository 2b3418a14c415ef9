// Packed batches (rpc/pack.ts): commands and replies round-trip exactly, and a client that packs
// (as it does behind a Worker) gets the same replies as one that does not.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { LocalRedis, RedisError } from '../../src/client/index.js';
import type { WireReply } from '../../src/rpc/messages.js';
import { packCommands, packReplies, unpackCommands, unpackReplies } from '../../src/rpc/pack.js';
import { startInline } from '../../src/worker/inline.js';

const allBytes = String.fromCharCode(...Array.from({ length: 256 }, (_, i) => i));

describe('packed batches', () => {
  it('commands round-trip, empty and binary arguments included', () => {
    const argvs = [['SET', 'k', allBytes], ['GET', ''], ['MSET', '1:2', '3:', ':4'], ['PING']];
    expect(unpackCommands(packCommands(argvs))).toEqual(argvs);
    expect(unpackCommands(packCommands([]))).toEqual([]);
  });

  it('an argument or reply kept does not keep its whole batch alive', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    gc();
    const before = process.memoryUsage().heapUsed;
    const big = 'y'.repeat(1 << 20);
    const kept: string[] = [];
    for (let b = 0; b < 100; b++) {
      const [[, , , small]] = unpackCommands(packCommands([['SET', 'k', big + b, 'v'.repeat(19) + b]]));
      const [, reply] = unpackReplies(packReplies([big + b, 'w'.repeat(19) + b])) as string[];
      kept.push(small, reply);
    }
    gc();
    // 100 batches of 1 MB each way were made; what is kept is 200 short strings.
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(20 << 20);
    expect(kept[0]).toBe('vvvvvvvvvvvvvvvvvvv0');
  });

  it('every kind of reply round-trips', () => {
    const replies: WireReply[] = [
      'bulk', '', allBytes, null, 0, -42, 2 ** 53 - 1, 1e21, 12345678901234567890n, -5n,
      [], ['a', 1, null, ['nested', []]],
      { err: 'ERR wrong: 1:2' }, { status: 'OK' }, { status: '' },
      { double: 1.5 }, { double: -0 }, { double: Infinity }, { double: -Infinity }, { double: NaN }, { double: 1e-300 },
      { map: [['f', 'v'], [1, { set: ['x'] }]] }, { map: [] }, { set: [] },
      { bool: true }, { bool: false }, { verbatim: 'line:1\r\nline 2', format: 'txt' },
      { push: ['message', 'ch', allBytes] },
    ];
    const back = unpackReplies(packReplies(replies));
    expect(back).toEqual(replies);
    expect(Object.is((back[16] as { double: number }).double, -0)).toBe(true);
  });

  it('a packing client gets the same replies as an unpacked one, text and bytes alike', async () => {
    const inline = startInline();
    const redis = new LocalRedis(inline.endpoint, inline.close, true);
    await redis.connect();
    expect(await redis.set('é', 'ünïcødé ✓')).toBe('OK');
    expect(await redis.get('é')).toBe('ünïcødé ✓');
    expect(await redis.strlen('é')).toBe(15);
    await redis.set('bin', new Uint8Array([0, 255, 128]));
    expect(await redis.getBuffer('bin')).toEqual(new Uint8Array([0, 255, 128]));
    await redis.hset('h', { a: 1 });
    expect(await redis.hgetall('h')).toEqual({ a: '1' });
    expect(await redis.zadd('z', 1.5, 'm')).toBe(1);
    expect(await redis.zrange('z', 0, -1, 'WITHSCORES')).toEqual(['m', '1.5']);
    await expect(redis.incr('é')).rejects.toEqual(new RedisError('ERR value is not an integer or out of range'));
    expect(await redis.multi().incr('n').lpush('é', 'x').exec()).toEqual([[null, 1], [new RedisError('WRONGTYPE Operation against a key holding the wrong kind of value')]]);
    const many = await Promise.all(Array.from({ length: 500 }, (_, i) => redis.incr('c').then((n) => n - i)));
    expect(new Set(many)).toEqual(new Set([1]));
    await redis.close();
  });
});
