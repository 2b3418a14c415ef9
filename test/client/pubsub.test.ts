// Pub/sub through the worker host: messages published by one client reach another client's
// endpoint as `push` messages, in order and batched per turn; a client's own pushes ride in its
// reply batch at their place among the replies; and the inline client gets keyspace events that
// a timer (active expiry) produced.
import { describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/index.js';
import { createEngine } from '../../src/core/index.js';
import { createEndpointPair, type Endpoint } from '../../src/rpc/endpoint.js';
import type { HostMessage, PushBatch, ReplyBatch, WireArg, WireReply } from '../../src/rpc/messages.js';
import { WorkerHost } from '../../src/worker/host.js';

/** A raw client endpoint connected to `host`: sends batches, records every host message. */
function rawClient(host: WorkerHost) {
  const [clientEnd, hostEnd] = createEndpointPair();
  host.connect(hostEnd);
  const messages: HostMessage[] = [];
  let waiters: Array<() => void> = [];
  clientEnd.addEventListener('message', (ev) => {
    messages.push(ev.data as HostMessage);
    const w = waiters;
    waiters = [];
    for (const f of w) f();
  });
  let nextId = 1;
  const until = async (cond: () => boolean) => {
    while (!cond()) await new Promise<void>((r) => waiters.push(r));
  };
  return {
    messages,
    /** Sends one batch and resolves with its reply message. */
    async batch(...commands: WireArg[][]): Promise<ReplyBatch> {
      const id = nextId++;
      clientEnd.postMessage({ type: 'request', id, commands });
      let reply: ReplyBatch | undefined;
      await until(() => (reply = messages.find((m): m is ReplyBatch => m.type === 'reply' && m.id === id)) !== undefined);
      return reply!;
    },
    /** The pushes received in `push` messages so far, in order. */
    pushes(): WireReply[] {
      return messages.filter((m): m is PushBatch => m.type === 'push').flatMap((m) => m.pushes);
    },
    until,
  };
}

describe('pub/sub through the worker host', () => {
  it('a message published by one client reaches the subscribed client as a push message', async () => {
    const host = new WorkerHost(createEngine());
    const sub = rawClient(host);
    const pub = rawClient(host);
    const subscribed = await sub.batch(['SUBSCRIBE', 'news', 'sport']);
    // The last confirmation is the reply; the first one is placed before it.
    expect(subscribed.replies).toEqual([['subscribe', 'sport', 2]]);
    expect(subscribed.pushes).toEqual([[0, ['subscribe', 'news', 1]]]);
    expect((await pub.batch(['PUBLISH', 'news', 'hello'], ['PUBLISH', 'weather', 'rain'], ['PUBLISH', 'sport', 'goal'])).replies).toEqual([1, 0, 1]);
    await sub.until(() => sub.pushes().length === 2);
    // Both messages of the publisher's batch travel in one message, after the subscribe reply.
    expect(sub.messages.map((m) => m.type)).toEqual(['reply', 'push']);
    expect(sub.pushes()).toEqual([
      ['message', 'news', 'hello'],
      ['message', 'sport', 'goal'],
    ]);
    expect((await sub.batch(['GET', 'k'])).replies).toEqual([
      { err: "ERR Can't execute 'get': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context" },
    ]);
    host.close();
  });

  it('RESP3: a client publishing to itself gets the message among its own replies, before the PUBLISH reply', async () => {
    const host = new WorkerHost(createEngine());
    const c = rawClient(host);
    const r = await c.batch(['HELLO', '3'], ['SUBSCRIBE', 'ch'], ['SET', 'k', 'v'], ['PUBLISH', 'ch', 'me'], ['PSUBSCRIBE', 'c*']);
    expect(r.replies.slice(1)).toEqual([{ push: ['subscribe', 'ch', 1] }, { status: 'OK' }, 1, { push: ['psubscribe', 'c*', 2] }]);
    expect(r.pushes).toEqual([[3, { push: ['message', 'ch', 'me'] }]]);
    // Inside EXEC the message still comes before the reply that holds it.
    const t = await c.batch(['MULTI'], ['PUBLISH', 'ch', 'x'], ['EXEC']);
    expect(t.replies).toEqual([{ status: 'OK' }, { status: 'QUEUED' }, [2]]);
    expect(t.pushes).toEqual([
      [2, { push: ['message', 'ch', 'x'] }],
      [2, { push: ['pmessage', 'c*', 'ch', 'x'] }],
    ]);
    expect(c.messages.filter((m) => m.type === 'push')).toEqual([]);
    host.close();
  });

  it('keyspace notifications from another client arrive in order with the pub/sub messages', async () => {
    const host = new WorkerHost(createEngine());
    const sub = rawClient(host);
    const other = rawClient(host);
    await other.batch(['CONFIG', 'SET', 'notify-keyspace-events', 'KEA']);
    await sub.batch(['PSUBSCRIBE', '__keyspace@0__:*'], ['SUBSCRIBE', 'ch']);
    await other.batch(['SET', 'k', 'v'], ['PUBLISH', 'ch', 'between'], ['DEL', 'k']);
    await sub.until(() => sub.pushes().length === 3);
    expect(sub.pushes()).toEqual([
      ['pmessage', '__keyspace@0__:*', '__keyspace@0__:k', 'set'],
      ['message', 'ch', 'between'],
      ['pmessage', '__keyspace@0__:*', '__keyspace@0__:k', 'del'],
    ]);
    host.close();
  });

  it('a closed client is unsubscribed', async () => {
    const engine = createEngine();
    const host = new WorkerHost(engine);
    const [clientEnd, hostEnd] = createEndpointPair();
    host.connect(hostEnd);
    clientEnd.postMessage({ type: 'request', id: 1, commands: [['SUBSCRIBE', 'a']] });
    const other = rawClient(host);
    expect((await other.batch(['PUBSUB', 'NUMSUB', 'a'])).replies).toEqual([['a', 1]]);
    (clientEnd as Endpoint).postMessage({ type: 'close' });
    expect((await other.batch(['PUBSUB', 'NUMSUB', 'a'])).replies).toEqual([['a', 0]]);
    host.close();
  });

  it('the inline client receives a keyspace event that active expiry produced', async () => {
    const redis = await createClient({ mode: 'inline' });
    const got = new Promise<PushBatch>((resolve) => redis.onHostMessage<PushBatch>('push', resolve));
    await redis.call('HELLO', '3');
    await redis.call('CONFIG', 'SET', 'notify-keyspace-events', 'Ex');
    await redis.call('SUBSCRIBE', '__keyevent@0__:expired');
    await redis.call('SET', 'k', 'v', 'PX', '1');
    // The host runs the active expire cycle every 100 ms.
    const msg = await got;
    expect(msg.pushes).toEqual([{ push: ['message', '__keyevent@0__:expired', 'k'] }]);
    await redis.close();
  });
});
