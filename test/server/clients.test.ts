// Real clients against the server: ioredis, node-redis and Debian's redis-cli.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import Redis from 'ioredis';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { has, putString } from './helpers.js';

const exec = promisify(execFile);
let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ port: 0 });
  putString(server.engine, 'greeting', 'hello');
  putString(server.engine, 'bin', '\x00\xff\r\n');
  for (let i = 0; i < 100; i++) putString(server.engine, `n:${i}`, String(i));
});
afterAll(() => server.close());

describe('ioredis', () => {
  async function connect(options: Record<string, unknown> = {}): Promise<Redis> {
    const r = new Redis({
      port: server.port,
      host: '127.0.0.1',
      lazyConnect: true,
      // Its ready check sends INFO: only once the engine has it.
      enableReadyCheck: has('info'),
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      ...options,
    });
    await r.connect();
    return r;
  }

  it('reads strings, binary values and missing keys', async () => {
    const r = await connect();
    expect(await r.get('greeting')).toBe('hello');
    expect(await r.getBuffer('bin')).toEqual(Buffer.from([0, 255, 13, 10]));
    expect(await r.get('missing')).toBe(null);
    r.disconnect();
  });

  it('runs pipelines and transactions', async () => {
    const r = await connect();
    const p = r.pipeline();
    for (let i = 0; i < 100; i++) p.get(`n:${i}`);
    const res = await p.exec();
    expect(res).toEqual(Array.from({ length: 100 }, (_, i) => [null, String(i)]));
    expect(await r.multi().get('greeting').get('missing').exec()).toEqual([
      [null, 'hello'],
      [null, null],
    ]);
    r.disconnect();
  });

  it('gets Redis error replies as errors', async () => {
    const r = await connect();
    await expect(r.call('nosuchcommand', 'a')).rejects.toThrow("ERR unknown command 'nosuchcommand', with args beginning with: 'a' ");
    r.disconnect();
  });

  it.runIf(has('set'))('writes with SET and reads back', async () => {
    const r = await connect();
    expect(await r.set('io:k', 'v1')).toBe('OK');
    expect(await r.get('io:k')).toBe('v1');
    expect(await r.set('io:bin', Buffer.from([1, 0, 255]))).toBe('OK');
    expect(await r.getBuffer('io:bin')).toEqual(Buffer.from([1, 0, 255]));
    r.disconnect();
  });

  it.runIf(has('ping') && has('quit'))('pings and quits', async () => {
    const r = await connect();
    expect(await r.ping()).toBe('PONG');
    expect(await r.quit()).toBe('OK');
  });
});

describe('node-redis', () => {
  async function connect(options: Record<string, unknown> = {}) {
    const c = createClient({ socket: { port: server.port, host: '127.0.0.1', reconnectStrategy: false }, ...options });
    c.on('error', () => {});
    await c.connect();
    return c;
  }

  it('reads values, auto-pipelines concurrent commands and runs MULTI', async () => {
    const c = await connect();
    expect(await c.get('greeting')).toBe('hello');
    expect(await c.get('missing')).toBe(null);
    const all = await Promise.all(Array.from({ length: 100 }, (_, i) => c.get(`n:${i}`)));
    expect(all).toEqual(Array.from({ length: 100 }, (_, i) => String(i)));
    expect(await c.multi().get('greeting').get('n:1').exec()).toEqual(['hello', '1']);
    c.destroy();
  });

  it.runIf(has('set'))('writes with SET and reads back', async () => {
    const c = await connect();
    expect(await c.set('nr:k', 'v2')).toBe('OK');
    expect(await c.get('nr:k')).toBe('v2');
    c.destroy();
  });

  it.runIf(has('hello'))('speaks RESP3 after HELLO 3', async () => {
    const c = await connect({ RESP: 3 });
    expect(await c.get('greeting')).toBe('hello');
    expect(await c.get('missing')).toBe(null);
    c.destroy();
  });
});

describe('redis-cli', () => {
  const cli = async (...args: string[]) => (await exec('redis-cli', ['-p', String(server.port), ...args])).stdout;

  it('runs a command and prints the reply', async () => {
    expect(await cli('GET', 'greeting')).toBe('hello\n');
    expect(await cli('--no-raw', 'GET', 'greeting')).toBe('"hello"\n');
    expect(await cli('--no-raw', 'GET', 'missing')).toBe('(nil)\n');
    expect(await cli('--no-raw', 'GET', 'bin')).toBe('"\\x00\\xff\\r\\n"\n');
  });

  it('repeats a command with -r', async () => {
    expect(await cli('-r', '3', 'GET', 'greeting')).toBe('hello\nhello\nhello\n');
  });

  it('runs a transaction read from stdin', async () => {
    const child = execFile('redis-cli', ['-p', String(server.port)]);
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    child.stdin!.end('MULTI\nGET greeting\nGET missing\nEXEC\n');
    await new Promise((r) => child.on('close', r));
    expect(out).toBe('OK\nQUEUED\nQUEUED\nhello\n\n');
  });

  it('prints error replies', async () => {
    expect(await cli('--no-raw', 'GET')).toBe("(error) ERR wrong number of arguments for 'get' command\n");
  });

  it.runIf(has('set'))('writes with SET', async () => {
    expect(await cli('SET', 'cli:k', 'from cli')).toBe('OK\n');
    expect(await cli('GET', 'cli:k')).toBe('from cli\n');
  });

  it.runIf(has('ping'))('pings', async () => {
    expect(await cli('PING')).toBe('PONG\n');
  });
});
