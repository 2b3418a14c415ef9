// The client's lifecycle in inline mode: ready, close and end events, quit(), close(), failures.
import { describe, expect, it } from 'vitest';
import { createClient, LocalRedis } from '../../src/client/index.js';
import { Emitter } from '../../src/client/emitter.js';
import { createEndpointPair } from '../../src/rpc/endpoint.js';

describe('client lifecycle', () => {
  it('createClient resolves once the engine answers; status is ready', async () => {
    const redis = await createClient({ mode: 'inline' });
    expect(redis.status).toBe('ready');
    await redis.close();
    expect(redis.status).toBe('end');
  });

  it('quit() answers OK, then closes: close and end are emitted, later commands reject', async () => {
    const redis = await createClient({ mode: 'inline' });
    const events: string[] = [];
    redis.on('close', () => events.push('close')).on('end', () => events.push('end'));
    expect(await redis.quit()).toBe('OK');
    expect(events).toEqual(['close', 'end']);
    await expect(redis.get('k')).rejects.toThrow('Connection is closed.');
    await expect(redis.pipeline().get('k').exec()).rejects.toThrow('Connection is closed.');
  });

  it('close() rejects the commands in flight and those not yet sent', async () => {
    const redis = await createClient({ mode: 'inline' });
    const pending = redis.get('k');
    await redis.close();
    await expect(pending).rejects.toThrow('Connection is closed.');
  });

  it('a failure emits error, then close; pending commands reject with it', async () => {
    const [clientEnd] = createEndpointPair(); // nobody answers on the other end
    const redis = new LocalRedis(clientEnd, () => {});
    const seen: unknown[] = [];
    redis.on('error', (e) => seen.push(e.message)).on('close', () => seen.push('close'));
    const pending = redis.get('k');
    await Promise.resolve();
    redis.fail(new Error('worker crashed'));
    await expect(pending).rejects.toThrow('worker crashed');
    expect(seen).toEqual(['worker crashed', 'close']);
    expect(redis.status).toBe('end');
  });

  it('a message that cannot be posted rejects its batch instead of hanging', async () => {
    const [clientEnd] = createEndpointPair();
    clientEnd.postMessage = () => {
      throw new Error('DataCloneError');
    };
    const redis = new LocalRedis(clientEnd, () => {});
    await expect(redis.get('k')).rejects.toThrow('DataCloneError');
  });

  it('host messages other than replies go to the handler registered for their type', async () => {
    const [clientEnd, hostEnd] = createEndpointPair();
    const redis = new LocalRedis(clientEnd, () => {});
    const got: unknown[] = [];
    redis.onHostMessage<{ type: 'progress'; loaded: number }>('progress', (m) => got.push(m.loaded));
    hostEnd.postMessage({ type: 'progress', loaded: 7 });
    await new Promise((r) => setTimeout(r, 0));
    expect(got).toEqual([7]);
  });

  it("a reply batch's pushes go to the push handler at their place among the replies", async () => {
    const [clientEnd, hostEnd] = createEndpointPair();
    const redis = new LocalRedis(clientEnd, () => {});
    const order: string[] = [];
    redis.onHostMessage<{ type: 'push'; pushes: unknown[] }>('push', (m) => order.push(`push ${JSON.stringify(m.pushes)}`));
    hostEnd.addEventListener('message', (ev) => {
      const { id } = ev.data as { id: number };
      hostEnd.postMessage({ type: 'reply', id, replies: ['a', 'b'], pushes: [[0, ['message', 'c', '0']], [1, ['message', 'c', '1']], [1, ['message', 'c', '2']], [2, ['message', 'c', '3']]] });
    });
    const a = redis.get('a').then((v) => order.push(`reply ${v}`));
    const b = redis.get('b').then((v) => order.push(`reply ${v}`));
    await Promise.all([a, b]);
    expect(order).toEqual([
      'push [["message","c","0"]]',
      'push [["message","c","1"],["message","c","2"]]',
      'push [["message","c","3"]]',
      'reply a',
      'reply b',
    ]);
  });
});

describe('Emitter', () => {
  it('on, once, off and listenerCount', () => {
    const e = new Emitter<{ x: [n: number] }>();
    const seen: number[] = [];
    const l = (n: number) => seen.push(n);
    e.on('x', l).once('x', (n) => seen.push(n * 10));
    expect(e.listenerCount('x')).toBe(2);
    expect(e.emit('x', 1)).toBe(true);
    expect(e.emit('x', 2)).toBe(true);
    e.off('x', l);
    expect(e.emit('x', 3)).toBe(false);
    expect(seen).toEqual([1, 10, 2]);
  });
});

describe('connecting', () => {
  it("createClient's connection resolves at the host's first message, before the PING is answered; ready follows", async () => {
    const [clientEnd, hostEnd] = createEndpointPair();
    const redis = new LocalRedis(clientEnd, () => {});
    const events: string[] = [];
    redis.on('ready', () => events.push('ready'));
    let id = 0;
    hostEnd.addEventListener('message', (ev) => {
      id = (ev.data as { id: number }).id;
      hostEnd.postMessage({ type: 'loading', loaded: 0, total: 10 });
    });
    await redis.connect();
    expect(redis.status).toBe('connecting');
    redis.on('loading', (p) => events.push(`loading ${p.loaded}/${p.total}`));
    redis.onHostMessage<{ type: 'loading'; loaded: number; total: number }>('loading', (m) => redis.emit('loading', m));
    hostEnd.postMessage({ type: 'loading', loaded: 10, total: 10 });
    hostEnd.postMessage({ type: 'reply', id, replies: [{ status: 'PONG' }] });
    await new Promise((r) => setTimeout(r, 0));
    expect(events).toEqual(['loading 10/10', 'ready']);
    expect(redis.status).toBe('ready');
  });

  it('a first message that fails the connection rejects it', async () => {
    const [clientEnd, hostEnd] = createEndpointPair();
    const redis = new LocalRedis(clientEnd, () => {});
    redis.onHostMessage<{ type: 'failed'; message: string }>('failed', (m) => redis.fail(new Error(m.message)));
    redis.on('error', () => {});
    hostEnd.addEventListener('message', () => hostEnd.postMessage({ type: 'failed', message: 'written by a newer version' }));
    await expect(redis.connect()).rejects.toThrow('written by a newer version');
  });
});
