// The blocking sorted set pops (BZPOPMIN BZPOPMAX BZMPOP) over real connections, each scenario run
// against our server and against a real redis-server 7.0 (with its append-only file on): every
// client's reply bytes must be the same, and so must the effects (what our server hands to
// persistence, what Redis wrote to its AOF, less SELECT and the MULTI/EXEC around a transaction).
// The scenario runner is two-servers.ts's. Covers: FIFO among blocked clients, several keys,
// a ZADD/ZINCRBY/STORE that creates the key waking the client, writes inside MULTI waking it after
// EXEC, timeouts with fractions (RESP2 and RESP3), 0 waiting forever, a disconnect cleaning up,
// MULTI making them non-blocking, keys of other types not serving, and the served pop propagated
// as ZPOPMIN/ZPOPMAX (with the count BZMPOP took).
import { describe, expect, it } from 'vitest';
import { twoServers } from './two-servers.js';

const same = twoServers();

describe('server: blocking sorted set pops against redis-server', () => {
  it('several clients blocked on one key are served first come, first served, each from its end', async () => {
    const o = await same([
      ['B!', 'BZPOPMIN', 'q', '0'], { blocked: 1 }, ['C!', 'BZPOPMAX', 'q', '0'], { blocked: 2 },
      ['A', 'ZADD', 'q', '1', 'a', '2', 'b', '3', 'c'], { blocked: 0 }, ['A', 'ZRANGE', 'q', '0', '-1', 'WITHSCORES'],
    ]);
    expect(o.replies.B).toBe('*3\r\n$1\r\nq\r\n$1\r\na\r\n$1\r\n1\r\n');
    expect(o.effects).toEqual([['ZADD', 'q', '1', 'a', '2', 'b', '3', 'c'], ['ZPOPMIN', 'q'], ['ZPOPMAX', 'q']]);
  });

  it('a client blocked on several keys is served by a ZADD to any of them', async () => {
    await same([['B!', 'BZPOPMAX', 'a', 'b', 'c', '0'], { blocked: 1 }, ['A', 'ZADD', 'c', '1', 'x', '2', 'y'], { blocked: 0 }, ['A', 'ZRANGE', 'c', '0', '-1']]);
  });

  it('a served BZMPOP propagates the plain pop with the count it took', async () => {
    const o = await same([
      ['B!', 'BZMPOP', '0', '2', 'n', 'm', 'MAX', 'COUNT', '5'], { blocked: 1 }, ['C!', 'BZMPOP', '0', '1', 'm', 'MIN', 'COUNT', '2'], { blocked: 2 },
      ['A', 'ZADD', 'm', '1', 'a', '2', 'b', '3', 'c'], { blocked: 1 }, ['A', 'ZADD', 'm', '4', 'd'], { blocked: 0 },
    ]);
    expect(o.effects).toEqual([['ZADD', 'm', '1', 'a', '2', 'b', '3', 'c'], ['ZPOPMAX', 'm', '3'], ['ZADD', 'm', '4', 'd'], ['ZPOPMIN', 'm', '1']]);
  });

  it('RESP3 clients get doubles and nested pairs when served', async () => {
    await same([
      ['B', 'HELLO', '3'], ['B!', 'BZPOPMIN', 'q', '0'], { blocked: 1 }, ['A', 'ZADD', 'q', '1.5', 'x'], { blocked: 0 },
      ['B!', 'BZMPOP', '0', '1', 'q', 'MIN', 'COUNT', '3'], { blocked: 1 }, ['A', 'ZADD', 'q', '2', 'y', 'inf', 'z'], { blocked: 0 },
    ]);
  });

  it('ZINCRBY, ZUNIONSTORE and ZRANGESTORE creating the key serve the client', async () => {
    await same([
      ['B!', 'BZPOPMIN', 'q', '0'], { blocked: 1 }, ['A', 'ZINCRBY', 'q', '2', 'x'], { blocked: 0 },
      ['A', 'ZADD', 'src', '1', 'a', '2', 'b'], ['B!', 'BZPOPMAX', 'u', '0'], { blocked: 1 }, ['A', 'ZUNIONSTORE', 'u', '1', 'src'], { blocked: 0 },
      ['B!', 'BZMPOP', '0', '1', 'r', 'MIN', 'COUNT', '9'], { blocked: 1 }, ['A', 'ZRANGESTORE', 'r', 'src', '0', '-1'], { blocked: 0 },
      ['A', 'ZRANGE', 'u', '0', '-1'], ['A', 'EXISTS', 'r'],
    ]);
  });

  it('a ZADD inside MULTI wakes the client only after EXEC, with what the key holds then', async () => {
    await same([
      ['B!', 'BZPOPMIN', 'q', '0'], { blocked: 1 }, ['A', 'MULTI'], ['A', 'ZADD', 'q', '1', 'x'], ['A', 'ZPOPMIN', 'q'], ['A', 'ZADD', 'q', '5', 'y', '3', 'z'],
      { blocked: 1 }, ['A', 'EXEC'], { blocked: 0 }, ['A', 'ZRANGE', 'q', '0', '-1'],
    ]);
  });

  it('a client blocked on several keys is served from the first key made ready', async () => {
    await same([['B!', 'BZPOPMIN', 'a', 'b', '0'], { blocked: 1 }, ['A', 'MULTI'], ['A', 'ZADD', 'b', '1', 'x'], ['A', 'ZADD', 'a', '1', 'y'], ['A', 'EXEC'], { blocked: 0 }]);
  });

  it('times out with a null array, fractions of a second included; RESP3 gets a null', async () => {
    const t0 = Date.now();
    await same([
      ['B', 'BZPOPMIN', 'q', '0.15'], ['B', 'BZPOPMAX', 'q', 'r', '0.05'], ['B', 'BZMPOP', '0.05', '1', 'q', 'MIN'],
      ['C', 'HELLO', '3'], ['C', 'BZPOPMIN', 'q', '0.05'], ['C', 'BZMPOP', '0.05', '2', 'q', 'r', 'MAX', 'COUNT', '2'], ['A', 'EXISTS', 'q'],
    ]);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(150 + 50);
  });

  it('timeout 0 waits until served', async () => {
    await same([['B!', 'BZMPOP', '0', '1', 'q', 'MAX'], { blocked: 1 }, { sleep: 300 }, { blocked: 1 }, ['A', 'ZADD', 'q', '1', 'late'], { blocked: 0 }]);
  });

  it('a client that disconnects while blocked is forgotten', async () => {
    await same([['B!', 'BZPOPMIN', 'q', '0'], { blocked: 1 }, { close: 'B' }, { blocked: 0 }, ['A', 'ZADD', 'q', '1', 'kept'], ['A', 'ZCARD', 'q']]);
  });

  it('inside MULTI the blocking pops do not block', async () => {
    await same([
      ['B', 'MULTI'], ['B', 'BZPOPMIN', 'q', '0'], ['B', 'BZMPOP', '0', '1', 'q', 'MIN'], ['B', 'ZADD', 'q', '1', 'x', '2', 'y'], ['B', 'BZPOPMAX', 'q', '0'],
      ['B', 'BZMPOP', '0', '1', 'q', 'MIN', 'COUNT', '5'], ['B', 'EXEC'],
    ]);
  });

  it('a key of another type does not serve; a sorted set written later does', async () => {
    await same([
      ['B!', 'BZPOPMIN', 'q', '0'], { blocked: 1 }, ['A', 'RPUSH', 'q', 'x'], ['A', 'SET', 'q', 'v'], { blocked: 1 }, ['A', 'DEL', 'q'],
      ['A', 'ZADD', 'q', '1', 'x'], { blocked: 0 },
    ]);
  });

  it('a list waiter is not served by a sorted set, nor a sorted set waiter by a list', async () => {
    await same([
      ['B!', 'BLPOP', 'k', '0'], { blocked: 1 }, ['C!', 'BZPOPMIN', 'l', '0'], { blocked: 2 }, ['A', 'ZADD', 'k', '1', 'x'], ['A', 'RPUSH', 'l', 'y'],
      { blocked: 2 }, ['A', 'DEL', 'k', 'l'], ['A', 'RPUSH', 'k', 'a'], ['A', 'ZADD', 'l', '1', 'b'], { blocked: 0 },
    ]);
  });

  it('more blocked clients than members: the rest keep waiting, in order', async () => {
    await same([
      ['B!', 'BZPOPMIN', 'q', '0'], { blocked: 1 }, ['C!', 'BZPOPMAX', 'q', '0'], { blocked: 2 }, ['A', 'ZADD', 'q', '1', 'one'], { blocked: 1 },
      ['A', 'EXISTS', 'q'], ['A', 'ZADD', 'q', '2', 'two', '3', 'three'], { blocked: 0 }, ['A', 'ZRANGE', 'q', '0', '-1'],
    ]);
  });

  it('a sorted set moved into the db a client waits on serves it (MOVE)', async () => {
    await same([['B!', 'BZPOPMAX', 'q', '0'], { blocked: 1 }, ['A', 'SELECT', '1'], ['A', 'ZADD', 'q', '1', 'x'], ['A', 'MOVE', 'q', '0'], { blocked: 0 }]);
  });
});
