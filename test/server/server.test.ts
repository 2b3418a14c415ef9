// The RESP server over raw sockets: pipelining, protocol errors, QUIT, backpressure, many clients,
// sessions, AUTH and HELLO. Each test starts its own server on a free port.
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/core/engine.js';
import { ErrorReply, MapReply, SimpleString } from '../../src/core/reply.js';
import { encodeCommand } from '../../src/protocol/resp-encoder.js';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { has, putString, RawClient, until } from './helpers.js';

let server: RunningServer | null = null;
const clients: RawClient[] = [];

async function start(options: Parameters<typeof startServer>[0] = {}): Promise<RunningServer> {
  server = await startServer({ port: 0, ...options });
  return server;
}

async function client(): Promise<RawClient> {
  const c = await RawClient.open(server!.port);
  clients.push(c);
  return c;
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await server?.close();
  server = null;
});

describe('server', () => {
  it('listens on 127.0.0.1 and a free port by default', async () => {
    const s = await start();
    expect(s.host).toBe('127.0.0.1');
    expect(s.port).toBeGreaterThan(0);
  });

  it('answers GET over RESP and inline', async () => {
    const s = await start();
    putString(s.engine, 'k', 'v\r\n\x00\xff');
    const c = await client();
    expect(await c.call(encodeCommand(['GET', 'k']))).toEqual(['v\r\n\x00\xff']);
    expect(await c.call('GET missing\r\n')).toEqual([null]);
    expect(c.raw).toBe('$5\r\nv\r\n\x00\xff\r\n$-1\r\n');
  });

  it('answers a pipeline in order, whatever way it is cut', async () => {
    const s = await start();
    for (let i = 0; i < 100; i++) putString(s.engine, `k${i}`, `v${i}`);
    const c = await client();
    const wire = Array.from({ length: 100 }, (_, i) => encodeCommand(['GET', `k${i}`])).join('');
    const expected = Array.from({ length: 100 }, (_, i) => `v${i}`);
    expect(await c.call(wire, 100)).toEqual(expected);
    // Byte by byte, each byte its own write.
    const start0 = c.replies.length;
    const first10 = Array.from({ length: 10 }, (_, i) => encodeCommand(['GET', `k${i}`])).join('');
    for (const ch of first10) c.send(ch);
    await until(() => c.replies.length >= start0 + 10);
    expect(c.replies.slice(start0)).toEqual(expected.slice(0, 10));
  });

  it('writes the replies of one read in one socket write', async () => {
    const s = await start();
    const c = await client();
    const writes: number[] = [];
    await until(() => s.connections.size === 1);
    const sock = [...s.connections][0].socket;
    const write = sock.write.bind(sock);
    sock.write = ((data: string | Uint8Array, ...rest: never[]) => {
      writes.push(data.length);
      return write(data, ...rest);
    }) as typeof sock.write;
    await c.call('GET a\r\nGET b\r\nGET c\r\nMULTI\r\nGET d\r\nEXEC\r\n', 6);
    expect(writes).toEqual(['$-1\r\n$-1\r\n$-1\r\n+OK\r\n+QUEUED\r\n*1\r\n$-1\r\n'.length]);
    expect(c.replies).toEqual([null, null, null, new SimpleString('OK'), new SimpleString('QUEUED'), [null]]);
  });

  it('answers a protocol error, runs what came before it, and closes', async () => {
    const s = await start();
    putString(s.engine, 'k', 'v');
    const c = await client();
    c.send('GET k\r\n*1\r\n$x\r\nGET k\r\n');
    await c.whenClosed();
    expect(c.raw).toBe('$1\r\nv\r\n-ERR Protocol error: invalid bulk length\r\n');
    expect(s.engine.stats.errorCodes.get('ERR')).toBe(1);
  });

  it.each([
    ['*2147483648\r\n', 'ERR Protocol error: invalid multibulk length'],
    ['*1\r\n:1\r\n', "ERR Protocol error: expected '$', got ':'"],
    ['ECHO "a\r\n', 'ERR Protocol error: unbalanced quotes in request'],
    ['*1\r\n$536870913\r\n', 'ERR Protocol error: invalid bulk length'],
  ])('closes after replying to %j', async (wire, message) => {
    await start();
    const c = await client();
    c.send(wire);
    await c.whenClosed();
    expect(c.replies).toEqual([new ErrorReply(message)]);
  });

  it('closes after a 64 KiB inline request without a newline', async () => {
    await start();
    const c = await client();
    c.send('x'.repeat(70_000));
    await c.whenClosed();
    expect(c.replies).toEqual([new ErrorReply('ERR Protocol error: too big inline request')]);
  });

  it('reads a big argument that arrives in many pieces', async () => {
    const s = await start();
    const c = await client();
    const big = 'q'.repeat(3 * 1024 * 1024) + '\r\n\x00';
    const wire = encodeCommand(['GET', big]);
    for (let i = 0; i < wire.length; i += 100_000) c.send(wire.slice(i, i + 100_000));
    expect(await c.call('')).toEqual([null]);
    expect(s.engine.stats.numCommands).toBe(1);
  });

  it('stops reading from a client that does not read its replies, and resumes when it does', async () => {
    const s = await start({ maxPendingOutput: 64 * 1024 });
    const value = 'v'.repeat(1024 * 1024);
    putString(s.engine, 'big', value);
    const c = await client();
    c.socket.pause();
    const n = 64;
    c.send('GET big\r\n'.repeat(n));
    await until(() => s.connections.size === 1 && [...s.connections][0].paused);
    const conn = [...s.connections][0];
    // Only what fills the kernel's buffers ran: the rest waits in the query buffer.
    expect(s.engine.stats.numCommands).toBeLessThan(n);
    expect(conn.socket.writableLength).toBeLessThan(4 * 1024 * 1024);
    c.socket.resume();
    await until(() => c.replies.length === n, 20_000);
    expect(c.replies.every((r) => r === value)).toBe(true);
    expect(conn.paused).toBe(false);
    expect(s.engine.stats.numCommands).toBe(n);
  });

  it('serves many clients at once', async () => {
    const s = await start();
    for (let i = 0; i < 50; i++) putString(s.engine, `k${i}`, `v${i}`);
    const many = await Promise.all(Array.from({ length: 200 }, () => client()));
    const results = await Promise.all(
      many.map((c, j) => c.call(Array.from({ length: 50 }, (_, i) => encodeCommand(['GET', `k${(i + j) % 50}`])).join(''), 50)),
    );
    results.forEach((r, j) => expect(r).toEqual(Array.from({ length: 50 }, (_, i) => `v${(i + j) % 50}`)));
    expect(s.engine.sessions.size).toBe(200);
    for (const c of many) c.close();
    await until(() => s.engine.sessions.size === 0);
    expect(s.connections.size).toBe(0);
  });

  it('refuses a connection past maxclients with an error', async () => {
    const s = await start({ maxClients: 2 });
    await client();
    await client();
    const third = await client();
    await third.whenClosed();
    expect(third.raw).toBe('-ERR max number of clients reached\r\n');
    expect(s.engine.stats.rejectedConnections).toBe(1);
    expect(s.engine.sessions.size).toBe(2);
  });

  it('gives each connection a session with its addresses, and frees it on close', async () => {
    const s = await start();
    const c = await client();
    await until(() => s.engine.sessions.size === 1);
    const session = [...s.engine.sessions.values()][0];
    expect(session.origin.addr).toBe(`127.0.0.1:${c.socket.localPort}`);
    expect(session.origin.laddr).toBe(`127.0.0.1:${s.port}`);
    expect(session.origin.fd).toBeGreaterThan(0);
    c.send('WATCH k\r\n');
    await until(() => s.engine.keyspace.dbs[0].watchedKeys.size === 1);
    c.close();
    await until(() => s.engine.sessions.size === 0);
    expect(s.engine.keyspace.dbs[0].watchedKeys.size).toBe(0);
  });

  it('keeps MULTI state per connection', async () => {
    const s = await start();
    putString(s.engine, 'k', 'v');
    const a = await client();
    const b = await client();
    expect(await a.call('MULTI\r\nGET k\r\n', 2)).toEqual([new SimpleString('OK'), new SimpleString('QUEUED')]);
    expect(await b.call('GET k\r\n')).toEqual(['v']);
    expect(await a.call('EXEC\r\n')).toEqual([['v']]);
  });

  it('serves an engine it is given, and runs its active expire cycle every 100 ms', async () => {
    const engine = createEngine();
    let cycles = 0;
    const cycle = engine.activeExpireCycle.bind(engine);
    engine.activeExpireCycle = (budget?: number) => {
      cycles++;
      return cycle(budget);
    };
    const s = await start({ engine });
    expect(s.engine).toBe(engine);
    await until(() => cycles >= 2, 2000);
  });

  it('refuses commands before AUTH when started with requirepass', async () => {
    await start({ requirepass: 'pw' });
    const c = await client();
    expect(await c.call('GET k\r\n')).toEqual([new ErrorReply('NOAUTH Authentication required.')]);
  });

  it('limits unauthenticated clients to 10 arguments', async () => {
    await start({ requirepass: 'pw' });
    const c = await client();
    c.send(encodeCommand(Array.from({ length: 11 }, () => 'x')));
    await c.whenClosed();
    expect(c.replies).toEqual([new ErrorReply('ERR Protocol error: unauthenticated multibulk length')]);
  });

  it('limits unauthenticated clients to arguments of 16384 bytes', async () => {
    await start({ requirepass: 'pw' });
    const c = await client();
    c.send(encodeCommand(['GET', 'x'.repeat(16385)]));
    await c.whenClosed();
    expect(c.replies).toEqual([new ErrorReply('ERR Protocol error: unauthenticated bulk length')]);
  });

  it('lifts the unauthenticated limits once the password is removed', async () => {
    const s = await start({ requirepass: 'pw' });
    const c = await client();
    // What CONFIG SET requirepass "" does.
    s.engine.requirepass = null;
    const replies = await c.call(encodeCommand(['GET', 'x'.repeat(20_000)]) + encodeCommand(['EXEC', ...Array(10).fill('x')]), 2);
    // A refused EXEC answers EXECABORT, as redis-server 7.0 does (execCommandAbort).
    expect(replies).toEqual([null, new ErrorReply("EXECABORT Transaction discarded because of: wrong number of arguments for 'exec' command")]);
  });

  it('treats an empty requirepass as no password, as Redis does', async () => {
    await start({ requirepass: '' });
    const c = await client();
    expect(await c.call('GET k\r\n')).toEqual([null]);
  });

  it.runIf(has('auth'))('lifts the limits for the commands after AUTH in the same pipeline', async () => {
    const s = await start({ requirepass: 'pw' });
    putString(s.engine, 'k', 'v');
    const c = await client();
    const replies = await c.call(encodeCommand(['AUTH', 'pw']) + encodeCommand(['GET', 'k']) + encodeCommand(['MGET', ...Array(11).fill('k')]), 3);
    expect(replies).toEqual([new SimpleString('OK'), 'v', Array(11).fill('v')]);
  });

  it.runIf(has('auth'))('answers a wrong password with WRONGPASS', async () => {
    await start({ requirepass: 'pw' });
    const c = await client();
    expect(await c.call('AUTH nope\r\n')).toEqual([new ErrorReply('WRONGPASS invalid username-password pair or user is disabled.')]);
  });

  it.runIf(has('quit'))('closes after the reply to QUIT and runs nothing after it', async () => {
    const s = await start();
    const c = await client();
    c.send('GET a\r\nQUIT\r\nGET b\r\n');
    await c.whenClosed();
    expect(c.raw).toBe('$-1\r\n+OK\r\n');
    expect(s.engine.stats.numCommands).toBe(2);
    await until(() => s.engine.sessions.size === 0);
  });

  it.runIf(has('hello'))('switches the connection to RESP3 with HELLO 3', async () => {
    await start();
    const c = await client();
    const [hello] = await c.call('HELLO 3\r\n');
    expect(hello).toBeInstanceOf(MapReply);
    const fields = new Map((hello as MapReply).entries as Array<[string, unknown]>);
    expect(fields.get('proto')).toBe(3);
    c.raw = '';
    expect(await c.call('GET missing\r\n')).toEqual([null]);
    expect(c.raw).toBe('_\r\n');
    await c.call('HELLO 2\r\n');
    c.raw = '';
    await c.call('GET missing\r\n');
    expect(c.raw).toBe('$-1\r\n');
  });

  it.runIf(has('set'))('hands the effects of each batch to onEffects', async () => {
    const effects: unknown[] = [];
    const s = await start({ onEffects: (e) => effects.push(...e) });
    const c = await client();
    await c.call('SET k v\r\nGET k\r\nSET n 1\r\n', 3);
    expect(effects).toEqual([
      { db: 0, argv: ['SET', 'k', 'v'] },
      { db: 0, argv: ['SET', 'n', '1'] },
    ]);
    expect(s.engine.effects).toEqual([]);
  });

  it.runIf(has('client'))('drops a connection that CLIENT KILL frees', async () => {
    const s = await start();
    const a = await client();
    const b = await client();
    const [id] = await b.call('CLIENT ID\r\n');
    expect(await a.call(`CLIENT KILL ID ${id}\r\n`)).toEqual([1]);
    await b.whenClosed();
    await until(() => s.connections.size === 1);
    expect(await a.call('GET k\r\n')).toEqual([null]);
  });

  it.runIf(has('client'))('reports the connection addresses in CLIENT INFO', async () => {
    const s = await start();
    const c = await client();
    const [info] = await c.call('CLIENT INFO\r\n');
    expect(info).toContain(` addr=127.0.0.1:${c.socket.localPort} laddr=127.0.0.1:${s.port} fd=`);
  });

  it('closes every connection on close()', async () => {
    const s = await start();
    const a = await client();
    const b = await client();
    await until(() => s.connections.size === 2);
    await s.close();
    server = null;
    await a.whenClosed();
    await b.whenClosed();
    expect(s.engine.sessions.size).toBe(0);
  });
});
