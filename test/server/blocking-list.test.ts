// The blocking list pops over real connections, each scenario run against our server and against a
// real redis-server 7.0 (with its append-only file on): every client's reply bytes must be the same,
// and so must the effects (what our server hands to persistence, what Redis wrote to its AOF, less
// SELECT and the MULTI/EXEC around a transaction). Covers: FIFO among blocked clients, timeouts with
// fractions, 0 waiting forever, a push inside MULTI waking the client after EXEC, a disconnect
// cleaning up, MULTI making them non-blocking, and a served pop propagated as the plain pop.
import { describe, expect, it } from 'vitest';
import { twoServers } from './two-servers.js';

const same = twoServers();

describe('server: blocking list pops against redis-server', () => {
  it('several clients blocked on one key are served first come, first served', async () => {
    const o = await same([
      ['B!', 'BLPOP', 'q', '0'], { blocked: 1 }, ['C!', 'BRPOP', 'q', '0'], { blocked: 2 },
      ['A', 'RPUSH', 'q', '1', '2', '3'], { blocked: 0 }, ['A', 'LRANGE', 'q', '0', '-1'],
    ]);
    expect(o.replies.B).toBe('*2\r\n$1\r\nq\r\n$1\r\n1\r\n');
    expect(o.effects).toEqual([['RPUSH', 'q', '1', '2', '3'], ['LPOP', 'q'], ['RPOP', 'q']]);
  });

  it('a client blocked on several keys is served by a push to any of them', async () => {
    await same([['B!', 'BRPOP', 'a', 'b', 'c', '0'], { blocked: 1 }, ['A', 'LPUSH', 'c', 'x', 'y'], { blocked: 0 }, ['A', 'LRANGE', 'c', '0', '-1']]);
  });

  it('only the blocked connection waits; what it pipelined runs after its reply', async () => {
    await same([['B!', 'BLPOP', 'q', '0'], ['B!', 'PING'], { blocked: 1 }, ['A', 'PING'], ['A', 'RPUSH', 'q', 'job'], { blocked: 0 }]);
  });

  it('a served BLMOVE propagates LMOVE with lower-case directions, and may serve another client', async () => {
    const o = await same([
      ['B!', 'BLMOVE', 'q', 'd', 'LeFt', 'RIGHT', '0'], { blocked: 1 }, ['C!', 'BLPOP', 'd', '0'], { blocked: 2 },
      ['A', 'RPUSH', 'q', 'x', 'y'], { blocked: 0 }, ['A', 'LRANGE', 'q', '0', '-1'], ['A', 'EXISTS', 'd'],
    ]);
    expect(o.effects).toEqual([['RPUSH', 'q', 'x', 'y'], ['LMOVE', 'q', 'd', 'left', 'right'], ['LPOP', 'd']]);
  });

  it('a served BRPOPLPUSH propagates RPOPLPUSH', async () => {
    await same([['B!', 'BRPOPLPUSH', 'q', 'd', '0'], { blocked: 1 }, ['A', 'RPUSH', 'q', 'x'], { blocked: 0 }, ['A', 'LRANGE', 'd', '0', '-1']]);
  });

  it('a served BLMPOP propagates the plain pop with the count it took', async () => {
    const o = await same([
      ['B!', 'BLMPOP', '0', '2', 'n', 'm', 'RIGHT', 'COUNT', '5'], { blocked: 1 }, ['C!', 'BLMPOP', '0', '1', 'm', 'LEFT', 'COUNT', '2'], { blocked: 2 },
      ['A', 'RPUSH', 'm', '1', '2', '3'], { blocked: 1 }, ['A', 'RPUSH', 'm', '4'], { blocked: 0 },
    ]);
    expect(o.effects).toEqual([['RPUSH', 'm', '1', '2', '3'], ['RPOP', 'm', '3'], ['RPUSH', 'm', '4'], ['LPOP', 'm', '1']]);
  });

  it('a push inside MULTI wakes the client only after EXEC, with what the key holds then', async () => {
    await same([
      ['B!', 'BLPOP', 'q', '0'], { blocked: 1 }, ['A', 'MULTI'], ['A', 'RPUSH', 'q', 'x'], ['A', 'LPOP', 'q'], ['A', 'RPUSH', 'q', 'y', 'z'],
      { blocked: 1 }, ['A', 'EXEC'], { blocked: 0 }, ['A', 'LRANGE', 'q', '0', '-1'],
    ]);
  });

  it('times out with a null array, fractions of a second included; RESP3 gets a null', async () => {
    const t0 = Date.now();
    await same([
      ['B', 'BLPOP', 'q', '0.15'], ['B', 'BLMOVE', 'q', 'd', 'LEFT', 'LEFT', '0.05'], ['B', 'BLMPOP', '0.05', '1', 'q', 'LEFT'],
      ['C', 'HELLO', '3'], ['C', 'BRPOPLPUSH', 'q', 'd', '0.05'], ['C', 'BRPOP', 'q', '0.05'], ['A', 'EXISTS', 'd'],
    ]);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(2 * 150);
  });

  it('timeout 0 waits until served', async () => {
    await same([['B!', 'BLPOP', 'q', '0'], { blocked: 1 }, { sleep: 300 }, { blocked: 1 }, ['A', 'LPUSH', 'q', 'late'], { blocked: 0 }]);
  });

  it('a client that disconnects while blocked is forgotten', async () => {
    await same([['B!', 'BLPOP', 'q', '0'], { blocked: 1 }, { close: 'B' }, { blocked: 0 }, ['A', 'RPUSH', 'q', 'kept'], ['A', 'LLEN', 'q']]);
  });

  it('inside MULTI the blocking pops do not block', async () => {
    await same([
      ['B', 'MULTI'], ['B', 'BLPOP', 'q', '0'], ['B', 'BLMOVE', 'q', 'd', 'LEFT', 'LEFT', '0'], ['B', 'BLMPOP', '0', '1', 'q', 'LEFT'],
      ['B', 'RPUSH', 'q', 'x'], ['B', 'BRPOP', 'q', '0'], ['B', 'EXEC'],
    ]);
  });

  it('a served BLMOVE into a key of another type gets WRONGTYPE and leaves the element', async () => {
    await same([['B!', 'BLMOVE', 'q', 'h', 'LEFT', 'LEFT', '0'], { blocked: 1 }, ['A', 'SET', 'h', 'v'], ['A', 'RPUSH', 'q', 'x'], { blocked: 0 }, ['A', 'LLEN', 'q']]);
  });

  it('a key set to another type does not serve; a list pushed later does', async () => {
    await same([
      ['B!', 'BLPOP', 'q', '0'], { blocked: 1 }, ['A', 'SET', 'q', 'v'], { blocked: 1 }, ['A', 'DEL', 'q'], ['A', 'RPUSH', 'q', 'x'], { blocked: 0 },
    ]);
  });

  it('more blocked clients than elements: the rest keep waiting, in order', async () => {
    await same([
      ['B!', 'BLPOP', 'q', '0'], { blocked: 1 }, ['C!', 'BLPOP', 'q', '0'], { blocked: 2 }, ['A', 'RPUSH', 'q', 'one'], { blocked: 1 },
      ['A', 'EXISTS', 'q'], ['A', 'RPUSH', 'q', 'two', 'three'], { blocked: 0 }, ['A', 'LRANGE', 'q', '0', '-1'],
    ]);
  });

  it('a list moved into the db a client waits on serves it (MOVE)', async () => {
    await same([['B!', 'BLPOP', 'q', '0'], { blocked: 1 }, ['A', 'SELECT', '1'], ['A', 'RPUSH', 'q', 'x'], ['A', 'MOVE', 'q', '0'], { blocked: 0 }]);
  });

  it('a client blocked on several keys is served from the first key made ready', async () => {
    await same([['B!', 'BLPOP', 'a', 'b', '0'], { blocked: 1 }, ['A', 'MULTI'], ['A', 'RPUSH', 'b', 'x'], ['A', 'RPUSH', 'a', 'y'], ['A', 'EXEC'], { blocked: 0 }]);
  });

  it('a timeout under a millisecond is rounded up to 1 ms, and times out', async () => {
    await same([['B!', 'BLPOP', 'q', '0.0001'], { sleep: 250 }, { blocked: 0 }]);
  });
});
