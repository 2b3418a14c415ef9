// A blocked command over the server: only its connection waits (later pipelined commands run after
// its reply), another connection's push serves it, real timers end it, a disconnect cleans it up.
// Driven by the test-only BPOPT/PUSHT commands (test/unit/blocking-commands.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/core/engine.js';
import { NULL_ARRAY } from '../../src/core/reply.js';
import { encodeCommand } from '../../src/protocol/resp-encoder.js';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { blockingTestCommands } from '../unit/blocking-commands.js';
import { RawClient, until } from './helpers.js';

let server: RunningServer | null = null;
const clients: RawClient[] = [];

async function setup(): Promise<{ a: RawClient; b: RawClient; server: RunningServer }> {
  server = await startServer({ port: 0, engine: createEngine({ commands: blockingTestCommands }) });
  const a = await RawClient.open(server.port);
  const b = await RawClient.open(server.port);
  clients.push(a, b);
  return { a, b, server };
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await server?.close();
  server = null;
});

const cmd = (...argv: string[]) => encodeCommand(argv);

describe('server: blocking commands', () => {
  it('blocks only its connection, and runs what was pipelined behind it after its reply', async () => {
    const { a, b, server } = await setup();
    a.send(cmd('BPOPT', 'q', '0') + cmd('PING'));
    await until(() => server.engine.blocking.size === 1);
    await b.call(cmd('PING'));
    expect(b.raw).toBe('+PONG\r\n');
    expect(a.replies).toEqual([]);
    expect(await b.call(cmd('PUSHT', 'q', 'job'))).toEqual([1]);
    await until(() => a.replies.length === 2);
    expect(a.raw).toBe('*2\r\n$1\r\nq\r\n$3\r\njob\r\n+PONG\r\n');
  });

  it('times out with real timers, with fractions of a second', async () => {
    const { a } = await setup();
    const t0 = Date.now();
    expect(await a.call(cmd('BPOPT', 'q', '0.1'))).toEqual([NULL_ARRAY]);
    const waited = Date.now() - t0;
    expect(waited).toBeGreaterThanOrEqual(100);
    expect(a.raw).toBe('*-1\r\n');
    // RESP3: a null.
    await a.call(cmd('HELLO', '3'));
    const before = a.raw.length;
    await a.call(cmd('BPOPT', 'q', '0.05'));
    expect(a.raw.slice(before)).toBe('_\r\n');
  });

  it('forgets a client that disconnects while blocked', async () => {
    const { a, b, server } = await setup();
    a.send(cmd('BPOPT', 'q', '0'));
    await until(() => server.engine.blocking.size === 1);
    a.close();
    await until(() => server.engine.blocking.size === 0);
    expect(await b.call(cmd('PUSHT', 'q', 'kept'))).toEqual([1]);
    expect(await b.call(cmd('BPOPT', 'q', '0'))).toEqual([['q', 'kept']]);
  });
});
