// Batches as bytes in transferred buffers (rpc/transfer.ts): a client on an endpoint that can
// transfer (here a real MessageChannel, which structured-clones and transfers as a Worker does)
// sends a large ASCII batch as bytes, the host answers in the same buffer, and the client keeps
// that buffer for its next batch; anything else (a small batch, non-ASCII text, bytes past ASCII
// in a request or a reply) still travels as a packed string, with the same values.
import { describe, expect, it } from 'vitest';
import { LocalRedis } from '../../src/client/index.js';
import { createEngine } from '../../src/core/index.js';
import type { Endpoint } from '../../src/rpc/endpoint.js';
import type { ReplyBatch, RequestBatch } from '../../src/rpc/messages.js';
import { asciiBytes, bytesText, MAX_KEPT, MIN_BYTES, SPARE_BYTES } from '../../src/rpc/transfer.js';
import { WorkerHost } from '../../src/worker/host.js';

interface Wire {
  redis: LocalRedis;
  requests: RequestBatch[];
  replies: ReplyBatch[];
  close(): Promise<void>;
}

/** A client and a host on the two ports of a MessageChannel, recording what crosses it. */
async function overChannel(): Promise<Wire> {
  const { port1, port2 } = new MessageChannel();
  const host = new WorkerHost(createEngine());
  const requests: RequestBatch[] = [];
  const replies: ReplyBatch[] = [];
  port2.addEventListener('message', (ev) => void requests.push({ ...(ev.data as RequestBatch) }));
  port1.addEventListener('message', (ev) => void replies.push({ ...(ev.data as ReplyBatch) }));
  host.connect(port2 as unknown as Endpoint);
  port1.start();
  port2.start();
  const redis = new LocalRedis(port1 as unknown as Endpoint, () => {}, true, true);
  await redis.connect();
  return {
    redis, requests, replies,
    async close() {
      await redis.close();
      host.close();
      port1.close();
      port2.close();
    },
  };
}

const spares = (redis: LocalRedis) => (redis as unknown as { spares: Uint8Array[] }).spares;

describe('asciiBytes', () => {
  it('writes an ASCII string one byte per char, in the buffer given when it fits', () => {
    const buf = new Uint8Array(65536);
    const s = 'abc:123\x00\x7f'.repeat(100);
    const b = asciiBytes(s, buf)!;
    expect(b.buffer).toBe(buf.buffer);
    expect(b.length).toBe(s.length);
    expect(bytesText(b)).toBe(s);
  });

  it('takes a larger buffer when the one given is missing or too small', () => {
    const s = 'x'.repeat(100_000);
    const small = new Uint8Array(1000);
    const b = asciiBytes(s, small)!;
    expect(b.buffer).not.toBe(small.buffer);
    expect(b.buffer.byteLength).toBeGreaterThanOrEqual(100_000);
    expect(bytesText(b)).toBe(s);
    expect(bytesText(asciiBytes('short', undefined)!)).toBe('short');
  });

  it('is null for any char past ASCII, wherever it is, also in an exactly sized buffer', () => {
    for (const bad of ['\x80', '\xff', 'é', '✓', '\ud83d', '😀']) {
      for (const s of [bad, 'a' + bad, 'x'.repeat(5000) + bad, bad + 'x'.repeat(5000)]) {
        expect(asciiBytes(s, new Uint8Array(65536))).toBeNull();
        expect(asciiBytes(s, new Uint8Array(s.length))).toBeNull();
      }
    }
  });
});

describe('a client on an endpoint that transfers', () => {
  it('sends a large ASCII batch as bytes and gets its replies in the same buffer, kept for the next batch', async () => {
    const w = await overChannel();
    const { redis } = w;
    const n = 2000;
    const sets = await Promise.all(Array.from({ length: n }, (_, i) => redis.set(`key:${i}`, `value:${i}`)));
    expect(sets).toEqual(new Array(n).fill('OK'));
    const req = w.requests.at(-1)!;
    expect(req.bytes).toBeInstanceOf(Uint8Array);
    expect(req.packed).toBeUndefined();
    expect(w.replies.at(-1)!.bytes).toBeInstanceOf(Uint8Array);
    expect(spares(redis)).toHaveLength(1);
    const capacity = spares(redis)[0].byteLength;
    const ops = Array.from({ length: n }, (_, i) => (i & 1 ? redis.get(`key:${i}`) : redis.incr(`n:${i % 7}`)));
    // The kept buffer went out with this batch (flushed at the end of this microtask).
    await null;
    expect(spares(redis)).toHaveLength(0);
    const got = await Promise.all(ops);
    for (let i = 0; i < n; i++) expect(got[i]).toBe(i & 1 ? `value:${i}` : Math.floor(i / 14) + 1);
    expect(w.replies.at(-1)!.bytes).toBeInstanceOf(Uint8Array);
    expect(spares(redis)[0].byteLength).toBe(capacity);
    // A reply larger than the request's buffer comes in a larger one.
    const big = 'v'.repeat(1000);
    await redis.set('big', big);
    const gets = await Promise.all(Array.from({ length: 200 }, () => redis.get('big')));
    expect(gets).toEqual(new Array(200).fill(big));
    expect(w.replies.at(-1)!.bytes).toBeInstanceOf(Uint8Array);
    expect(spares(redis)[0].byteLength).toBeGreaterThanOrEqual(200 * 1006);
    // A buffer past MAX_KEPT is not kept: the next batch takes a new one.
    const huge = 'h'.repeat(MAX_KEPT);
    await redis.set('huge', huge);
    const hugeGets = await Promise.all([redis.get('huge'), ...Array.from({ length: 200 }, () => redis.get('big'))]);
    expect(hugeGets[0]).toBe(huge);
    expect(w.replies.at(-1)!.bytes!.length).toBeGreaterThan(MAX_KEPT);
    expect(spares(redis).every((b) => b.byteLength <= MAX_KEPT)).toBe(true);
    await w.close();
  });

  it('keeps small batches, non-ASCII text and bytes in packed strings, with the same values', async () => {
    const w = await overChannel();
    const { redis } = w;
    expect(await redis.set('a', '1')).toBe('OK');
    expect(w.requests.at(-1)!.packed).toBeDefined();
    expect(w.requests.at(-1)!.bytes).toBeUndefined();
    const long = 'ü'.repeat(50);
    const bin = new Uint8Array(256).map((_, i) => i);
    const batch = (extra: () => Promise<unknown>) => Promise.all([extra(), ...Array.from({ length: MIN_BYTES }, (_, i) => redis.set(`k${i}`, 'v'))]);
    // Non-ASCII text, and bytes past ASCII, in a large batch: a packed string.
    expect((await batch(() => redis.set('text', long)))[0]).toBe('OK');
    expect(w.requests.at(-1)!.bytes).toBeUndefined();
    expect((await batch(() => redis.set('bin', bin)))[0]).toBe('OK');
    expect(w.requests.at(-1)!.bytes).toBeUndefined();
    // An ASCII request whose replies are not: the replies come as a packed string.
    const [[text, bytes]] = (await batch(() => Promise.all([redis.get('text'), redis.getBuffer('bin')]))) as [[string, Uint8Array]];
    expect(w.requests.at(-1)!.bytes).toBeInstanceOf(Uint8Array);
    expect(w.replies.at(-1)!.bytes).toBeUndefined();
    expect(w.replies.at(-1)!.packed).toBeDefined();
    expect(text).toBe(long);
    expect(bytes).toEqual(bin);
    // Errors, nil, integers and arrays in a bytes reply.
    const mixed = await Promise.all([
      redis.lpush('l', 'x', 'y'), redis.get('missing'), redis.lrange('l', 0, -1), redis.incr('a').catch((e: Error) => e.message),
      redis.call('NOSUCH').catch((e: Error) => e.message), ...Array.from({ length: MIN_BYTES }, () => redis.get('a')),
    ]);
    expect(w.replies.at(-1)!.bytes).toBeInstanceOf(Uint8Array);
    expect(mixed.slice(0, 6)).toEqual([2, null, ['y', 'x'], 2, "ERR unknown command 'NOSUCH', with args beginning with: ", '2']);
    await w.close();
  });
});

describe('the buffers a client keeps', () => {
  it('are as many as there were batches in flight, up to SPARE_BYTES together', async () => {
    const w = await overChannel();
    const { redis } = w;
    // 20 SETs of ~120 bytes per message: 50 messages as bytes in flight, each in a 64 KB buffer.
    redis.chunk = 20;
    const value = 'x'.repeat(100);
    const burst = (n: number) => Promise.all(Array.from({ length: n }, (_, i) => redis.set(`key:${i}`, value)));
    const before = w.requests.length;
    await burst(1000);
    expect(w.requests.length - before).toBe(50);
    expect(w.requests.slice(before).every((m) => m.bytes instanceof Uint8Array)).toBe(true);
    expect(spares(redis)).toHaveLength(50);
    // The next burst goes out in those buffers and leaves them kept again.
    const sending = burst(1000);
    await null;
    expect(spares(redis)).toHaveLength(0);
    await sending;
    expect(spares(redis)).toHaveLength(50);
    // More in flight than SPARE_BYTES holds: the rest are not kept.
    await burst(6000);
    const kept = spares(redis).reduce((n, b) => n + b.byteLength, 0);
    expect(kept).toBeLessThanOrEqual(SPARE_BYTES);
    expect(kept).toBeGreaterThan(SPARE_BYTES - 65536);
    await w.close();
  });
});

describe('a client that sends large microtasks in chunks', () => {
  it('sends at most `chunk` commands per message, answered in order, and keeps a group in one message', async () => {
    const w = await overChannel();
    const { redis } = w;
    redis.chunk = 256;
    const before = w.requests.length;
    const ops = Array.from({ length: 1000 }, (_, i) => (i % 3 === 0 ? redis.incr('n') : i % 3 === 1 ? redis.set(`k${i}`, `v${i}`) : redis.call('GET', `k${i - 1}`)));
    const got = await Promise.all(ops);
    for (let i = 0; i < 1000; i++) expect(got[i]).toBe(i % 3 === 0 ? i / 3 + 1 : i % 3 === 1 ? 'OK' : `v${i - 1}`);
    const sent = w.requests.slice(before);
    expect(sent).toHaveLength(4);
    expect(sent.every((m) => m.bytes instanceof Uint8Array)).toBe(true);
    // A transaction of 600 commands issued after 100 others: one message for the 100 and the
    // transaction, whatever its size.
    const at = w.requests.length;
    const lone = Array.from({ length: 100 }, () => redis.incr('m'));
    const multi = redis.multi();
    for (let i = 0; i < 600; i++) multi.incr('t');
    const [tx] = await Promise.all([multi.exec(), ...lone]);
    expect((tx as Array<[null, number]>).map((e) => e[1])).toEqual(Array.from({ length: 600 }, (_, i) => i + 1));
    expect(w.requests.length - at).toBe(1);
    expect(await redis.get('m')).toBe('100');
    await w.close();
  });
});
