// The host's packed replies (worker/host.ts packs the usual replies straight from the Reply, the
// others through toWire): the same bytes as packing toWire's replies, and a batch whose commit
// fails answers every command with the error.
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/core/index.js';
import type { Endpoint, MessageEventLike } from '../../src/rpc/endpoint.js';
import type { ReplyBatch, RequestBatch } from '../../src/rpc/messages.js';
import { packCommands, packReplies } from '../../src/rpc/pack.js';
import { toWire, WorkerHost } from '../../src/worker/host.js';

function connect(host: WorkerHost): { send(msg: RequestBatch): void; replies: ReplyBatch[] } {
  let listener: ((ev: MessageEventLike) => void) | null = null;
  const replies: ReplyBatch[] = [];
  const ep: Endpoint = {
    postMessage: (m) => void replies.push(m as ReplyBatch),
    addEventListener: (_t, l) => void (listener = l),
    removeEventListener: () => {},
  };
  host.connect(ep);
  return { send: (msg) => listener!({ data: msg }), replies };
}

const argvs = [
  ['SET', 'k', 'v'.repeat(50)], ['GET', 'k'], ['GET', 'missing'], ['INCR', 'n'], ['INCR', 'k'], ['RPUSH', 'l', 'a', 'b'],
  ['LRANGE', 'l', '0', '-1'], ['HSET', 'h', 'f', '1'], ['HGETALL', 'h'], ['INCRBYFLOAT', 'f', '1.5'], ['ZADD', 'z', '2', 'm'],
  ['ZSCORE', 'z', 'm'], ['BLPOP', 'nothing', '0.01'], ['NOSUCH'], ['PING'], ['HELLO', '3'], ['HGETALL', 'h'], ['ZSCORE', 'z', 'm'],
  ['EXISTS', 'k'], ['GET', 'missing'], ['SISMEMBER', 's', 'x'], ['LPOS', 'l', 'zz'],
];

describe('packed replies of the host', () => {
  it('are the packed toWire replies, in RESP2 and RESP3', async () => {
    const host = new WorkerHost(createEngine());
    const a = connect(host);
    a.send({ type: 'request', id: 1, commands: [], packed: packCommands(argvs) });
    await new Promise((r) => setTimeout(r, 50));
    // The same commands on a second engine, through toWire.
    const engine = createEngine();
    const s = engine.createSession();
    const expected: ReturnType<typeof toWire>[] = [];
    for (const argv of argvs) {
      let r = engine.exec(s, argv);
      if (r instanceof Promise) r = await r;
      expected.push(toWire(r, s.resp));
    }
    expect(a.replies).toHaveLength(1);
    // HELLO's client id aside (the engines number their sessions each their own way).
    const noId = (packed: string) => packed.replace(/\$2:id:\d+,/, '');
    expect(noId(a.replies[0].packed!)).toBe(noId(packReplies(expected)));
    host.close();
  });

  it('all answer the commit error when the batch cannot be committed', async () => {
    const host = new WorkerHost(createEngine());
    host.afterBatch = () => Promise.reject(new Error('MISCONF could not write'));
    const a = connect(host);
    a.send({ type: 'request', id: 1, commands: [], packed: packCommands([['SET', 'a', '1'], ['GET', 'a'], ['PING']]) });
    await new Promise((r) => setTimeout(r, 10));
    const err = { err: 'MISCONF could not write' };
    expect(a.replies[0].packed).toBe(packReplies([err, err, err]));
    host.close();
  });
});
