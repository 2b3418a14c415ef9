// The command line: localredis-server starts, prints its ready line, serves, and stops cleanly on
// SIGTERM and SIGINT.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const exec = promisify(execFile);
const ROOT = resolve(__dirname, '../..');
const MAIN = ['--import', 'tsx', 'src/server/main.ts'];

/** Starts the CLI and resolves with the process and the port from its ready line. */
function launch(args: string[]): Promise<{ child: ChildProcess; port: number; out: () => string }> {
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((res, rej) => {
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /ready to accept connections on 127\.0\.0\.1:(\d+)/.exec(out);
      if (m) res({ child, port: Number(m[1]), out: () => out });
    });
    child.stderr!.on('data', (d) => (out += d));
    child.on('exit', (code) => rej(new Error(`exited with ${code}: ${out}`)));
  });
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((res) => child.on('exit', (code) => res(code)));
}

describe('localredis-server', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`serves redis-cli and exits cleanly on ${signal}`, async () => {
      const { child, port, out } = await launch([...MAIN, '--port', '0']);
      expect((await exec('redis-cli', ['-p', String(port), 'GET', 'k'])).stdout).toBe('\n');
      const exited = exitOf(child);
      child.kill(signal);
      expect(await exited).toBe(0);
      expect(out()).toContain(`received ${signal}, shutting down`);
    });
  }

  it('requires the password given with --requirepass', async () => {
    const { child, port } = await launch([...MAIN, '--port', '0', '--bind', '127.0.0.1', '--requirepass', 'secret']);
    expect((await exec('redis-cli', ['-p', String(port), '--no-raw', 'GET', 'k'])).stdout).toBe('(error) NOAUTH Authentication required.\n');
    const exited = exitOf(child);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('refuses a bad option with a usage line', async () => {
    const run = exec(process.execPath, [...MAIN, '--port', 'nope'], { cwd: ROOT });
    await expect(run).rejects.toMatchObject({ code: 1, stderr: "Invalid port 'nope'\n" });
    await expect(exec(process.execPath, [...MAIN, '--frobnicate', '1'], { cwd: ROOT })).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('Usage: localredis-server [--port <port>]'),
    });
  });

  it.runIf(existsSync(resolve(ROOT, 'dist/server/main.js')))('runs the built server through bin/localredis-server.js', async () => {
    const { child, port } = await launch(['bin/localredis-server.js', '--port', '0']);
    expect((await exec('redis-cli', ['-p', String(port), 'GET', 'k'])).stdout).toBe('\n');
    const exited = exitOf(child);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
