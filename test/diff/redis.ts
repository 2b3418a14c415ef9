// The oracle fixture: a real redis-server on a free loopback port, started per test file and killed
// at the end. CI installs Debian's redis-server (scripts/setup-test-env.mjs).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { RespConn } from './conn.js';

const REDIS_SERVER = process.env.REDIS_SERVER ?? '/usr/bin/redis-server';

export interface RedisServer {
  port: number;
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1 (the OS picks it; tiny race with the spawn, retried below). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

/** Starts redis-server (with `extraArgs` after the defaults, which they override) and resolves once it answers PING. */
export async function startRedis(extraArgs: string[] = []): Promise<RedisServer> {
  if (!existsSync(REDIS_SERVER)) {
    throw new Error(
      `differential tests need a real redis-server at ${REDIS_SERVER}: install it with ` +
        '`apt-get install redis-server` (or run scripts/setup-test-env.mjs), or set REDIS_SERVER',
    );
  }
  let lastError: unknown;
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    const child = spawn(
      REDIS_SERVER,
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--logfile', '', ...extraArgs],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    // A worker that dies without afterAll must not leave a redis-server behind.
    const killOnExit = () => child.kill('SIGKILL');
    process.once('exit', killOnExit);
    child.once('exit', () => process.removeListener('exit', killOnExit));
    try {
      await waitForPing(port, child);
      return { port, stop: () => stopChild(child) };
    } catch (e) {
      lastError = new Error(`redis-server on port ${port} did not start: ${(e as Error).message} ${stderr}`);
      await stopChild(child);
    }
  }
  throw lastError;
}

async function waitForPing(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited with code ${child.exitCode}`);
    try {
      const c = await RespConn.open(port);
      const [pong] = await c.send([['PING']]);
      c.close();
      if (pong === '+PONG\r\n') return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('timed out waiting for PING');
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}
