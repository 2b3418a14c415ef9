// The engine's blocking machinery (blocked.c), driven by two test-only commands (see
// blocking-commands.ts), so it is checked apart from the list and zset groups that use it.
import { describe, expect, it } from 'vitest';
import { NULL_ARRAY, ErrorReply, VerbatimReply, type Reply } from '../../src/core/reply.js';
import { blockingTestCommands as commands } from './blocking-commands.js';
import { sync, testEngine } from './harness.js';

const text = (x: Reply): string => (x instanceof VerbatimReply ? x.text : (x as string));

function setup() {
  const t = testEngine({ commands });
  const other = () => {
    const s = t.engine.createSession();
    return { s, r: (...argv: string[]) => t.engine.exec(s, argv) };
  };
  return { ...t, other };
}

describe('blocking commands', () => {
  it('answers at once when a key has data, and with a promise when it must wait', async () => {
    const { r, rb, other } = setup();
    r('pusht', 'k', 'a');
    expect(rb('bpopt', 'k', '0')).toEqual(['k', 'a']);
    const p = rb('bpopt', 'k', '0');
    expect(p).toBeInstanceOf(Promise);
    expect(sync(other().r('pusht', 'k', 'b'))).toBe(1);
    await expect(p).resolves.toEqual(['k', 'b']);
  });

  it('serves waiting clients first come first served, one element each', async () => {
    const { other } = setup();
    const a = other();
    const b = other();
    const c = other();
    const pa = a.r('bpopt', 'k', '0') as Promise<Reply>;
    const pb = b.r('bpopt', 'k', '0') as Promise<Reply>;
    const order: string[] = [];
    void pa.then(() => order.push('a'));
    void pb.then(() => order.push('b'));
    c.r('pusht', 'k', '1');
    await Promise.resolve();
    expect(order).toEqual(['a']);
    c.r('pusht', 'k', '2');
    expect(await pb).toEqual(['k', '2']);
    expect(await pa).toEqual(['k', '1']);
  });

  it('a client still without data keeps its place in the queue', async () => {
    const { engine, other } = setup();
    const a = other();
    const b = other();
    const pa = a.r('bpopt', 'x', 'k', '0') as Promise<Reply>;
    const pb = b.r('bpopt', 'k', '0') as Promise<Reply>;
    // One element, two waiters: a gets it, b waits on.
    other().r('pusht', 'k', '1');
    expect(await pa).toEqual(['k', '1']);
    expect(engine.blocking.size).toBe(1);
    other().r('pusht', 'k', '2');
    expect(await pb).toEqual(['k', '2']);
  });

  it('times out with the timeout reply after the deadline, in seconds with fractions', async () => {
    const { rb, tick, engine } = setup();
    const p = rb('bpopt', 'k', '0.25');
    tick(250);
    expect(engine.blocking.size).toBe(1); // a deadline passes strictly after its ms
    tick(1);
    await expect(p).resolves.toBe(NULL_ARRAY);
    expect(engine.blocking.size).toBe(0);
  });

  it('0 waits forever', () => {
    const { rb, tick, engine } = setup();
    void rb('bpopt', 'k', '0');
    tick(10 * 365 * 86400_000);
    expect(engine.blocking.size).toBe(1);
  });

  it('parses timeouts as Redis does', () => {
    const { r, engine } = setup();
    expect(r('bpopt', 'k', 'abc')).toEqual(new ErrorReply('ERR timeout is not a float or out of range'));
    expect(r('bpopt', 'k', 'nan')).toEqual(new ErrorReply('ERR timeout is not a float or out of range'));
    expect(r('bpopt', 'k', ' 1')).toEqual(new ErrorReply('ERR timeout is not a float or out of range'));
    expect(r('bpopt', 'k', '-1')).toEqual(new ErrorReply('ERR timeout is negative'));
    // inf and anything past 2^63 ms convert to LLONG_MIN in C: "negative".
    expect(r('bpopt', 'k', 'inf')).toEqual(new ErrorReply('ERR timeout is negative'));
    expect(r('bpopt', 'k', '1e400')).toEqual(new ErrorReply('ERR timeout is negative'));
    expect(r('bpopt', 'k', '9.3e15')).toEqual(new ErrorReply('ERR timeout is negative'));
    expect(engine.blocking.size).toBe(0);
    // Rounded up: a tiny negative timeout is 0, which waits forever, a tiny positive one 1 ms;
    // hex is strtold's.
    const a = engine.createSession();
    expect(engine.exec(a, ['bpopt', 'k', '-0.0001'])).toBeInstanceOf(Promise);
    expect(engine.blocking.clients.values().next().value!.deadline).toBe(0);
    const b = engine.createSession();
    expect(engine.exec(b, ['bpopt', 'k2', '0x10'])).toBeInstanceOf(Promise);
    const c = engine.createSession();
    expect(engine.exec(c, ['bpopt', 'k3', '0.0001'])).toBeInstanceOf(Promise);
    expect(c.blocked!.deadline).toBe(engine.clock() + 1);
  });

  it('inside MULTI acts as the non-blocking form', () => {
    const { r } = setup();
    r('multi');
    r('bpopt', 'k', '0');
    expect(r('exec')).toEqual([NULL_ARRAY]);
  });

  it('a push inside MULTI/EXEC serves the waiter after EXEC, and a push-then-pop leaves it waiting', async () => {
    const { r, rb, other, engine } = setup();
    const w = other();
    const p = w.r('bpopt', 'k', '0') as Promise<Reply>;
    r('multi');
    r('pusht', 'k', 'a');
    r('bpopt', 'k', '0');
    expect(r('exec')).toEqual([1, ['k', 'a']]);
    expect(engine.blocking.size).toBe(1);
    r('multi');
    r('pusht', 'k', 'b');
    r('pusht', 'k', 'c');
    expect(r('exec')).toEqual([1, 1]);
    await expect(p).resolves.toEqual(['k', 'b']);
    expect(rb('bpopt', 'k', '0')).toEqual(['k', 'c']);
  });

  it('propagates the served pop as the handler rewrote it, and counts the call once', async () => {
    const { engine, effects, other } = setup();
    const w = other();
    const p = w.r('bpopt', 'k', '0');
    expect(effects()).toEqual([]);
    other().r('pusht', 'k', 'v');
    await p;
    expect(effects()).toEqual([['pusht', 'k', 'v'], ['POPT', 'k']]);
    expect(engine.table.lookup(['bpopt'])!.calls).toBe(1);
  });

  it('forgets a client that disconnects while blocked', () => {
    const { engine, other } = setup();
    const w = other();
    void w.r('bpopt', 'k', '5');
    expect(engine.blocking.size).toBe(1);
    engine.closeSession(w.s);
    expect(engine.blocking.size).toBe(0);
    expect(engine.blocking.withDeadline).toBe(0);
    // A push now serves nobody and keeps the element.
    expect(sync(other().r('pusht', 'k', 'v'))).toBe(1);
    expect(engine.keyspace.dbs[0].dict.get('k')!.value).toEqual(['v']);
  });

  it('is not served by a key of another type, and waits on', () => {
    const { r, engine, other } = setup();
    void other().r('bpopt', 'k', '0');
    r('set', 'k', 'string');
    expect(engine.blocking.size).toBe(1);
  });

  it('a key setKey creates serves its waiters (dbAdd), one it overwrites does not (dbOverwrite)', async () => {
    const { r, engine, other } = setup();
    const p = other().r('bpopt', 'k', '0');
    r('storet', 'k', 'stored');
    await expect(p).resolves.toEqual(['k', 'stored']);
    void other().r('bpopt', 'k2', '0');
    r('set', 'k2', 'a string');
    r('storet', 'k2', 'over');
    expect(engine.blocking.size).toBe(1);
  });

  it('SWAPDB serves clients waiting on keys the swap filled', async () => {
    const { r, other } = setup();
    r('select', '1');
    r('pusht', 'k', 'from-db1');
    r('select', '0');
    const p = other().r('bpopt', 'k', '0');
    r('swapdb', '0', '1');
    await expect(p).resolves.toEqual(['k', 'from-db1']);
  });

  it('CLIENT UNBLOCK answers the timeout reply or an UNBLOCKED error', async () => {
    const { r, other } = setup();
    const a = other();
    const pa = a.r('bpopt', 'k', '0');
    expect(r('client', 'unblock', String(a.s.id))).toBe(1);
    await expect(pa).resolves.toBe(NULL_ARRAY);
    expect(r('client', 'unblock', String(a.s.id))).toBe(0);
    const b = other();
    const pb = b.r('bpopt', 'k', '0');
    expect(r('client', 'unblock', String(b.s.id), 'error')).toBe(1);
    await expect(pb).resolves.toEqual(new ErrorReply('UNBLOCKED client unblocked via CLIENT UNBLOCK'));
    expect(r('client', 'unblock', String(b.s.id), 'foo')).toEqual(new ErrorReply('ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR'));
    expect(r('client', 'unblock', 'x')).toEqual(new ErrorReply('ERR value is not an integer or out of range'));
  });

  it('shows in CLIENT LIST (flag b) and INFO clients', () => {
    const { r, other } = setup();
    const w = other();
    void w.r('bpopt', 'k', '3');
    const list = text(r('client', 'list'));
    expect(list).toMatch(new RegExp(`id=${w.s.id} .* flags=b `));
    const info = text(r('info', 'clients'));
    expect(info).toContain('blocked_clients:1\r\n');
    expect(info).toContain('clients_in_timeout_table:1\r\n');
  });
});
