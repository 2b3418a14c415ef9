// Test helpers for the server: a raw RESP socket client, waiting on a condition, and which
// commands the engine has (tests of commands other helpers are still writing run once they land).
import { connect, type Socket } from 'node:net';
import { createEngine } from '../../src/core/engine.js';
import { RObj } from '../../src/core/keyspace.js';
import type { Engine } from '../../src/core/engine.js';
import type { Reply } from '../../src/core/reply.js';
import { INCOMPLETE, ReplyParser } from '../../src/protocol/resp-reply-parser.js';

const table = createEngine().table;
/** True when the engine implements the command (other helpers land commands over time). */
export function has(name: string): boolean {
  return table.commands.has(name);
}

/** Resolves once `cond` holds, checking on every turn of the event loop; fails after `ms`. */
export async function until(cond: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setImmediate(r));
  }
}

/** Stores a string value directly in db 0 (no dependency on SET). */
export function putString(engine: Engine, key: string, value: string): void {
  engine.keyspace.dbs[0].dict.set(key, new RObj('string', value, value.length <= 44 ? 'embstr' : 'raw', 0));
}

/** A RESP client on a raw socket: send any bytes, read replies as Reply values and raw bytes. */
export class RawClient {
  readonly replies: Reply[] = [];
  raw = '';
  closed = false;
  private readonly parser = new ReplyParser();
  private waiters: Array<() => void> = [];

  private constructor(readonly socket: Socket) {
    socket.on('data', (d: Buffer) => {
      const s = d.toString('latin1');
      this.raw += s;
      this.parser.feed(s);
      for (let r = this.parser.next(); r !== INCOMPLETE; r = this.parser.next()) this.replies.push(r);
      this.wake();
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      this.closed = true;
      this.wake();
    });
  }

  static open(port: number, host = '127.0.0.1'): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const s = connect(port, host, () => resolve(new RawClient(s)));
      s.once('error', reject);
    });
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  private wait(cond: () => boolean, what: string, ms = 10_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; got ${JSON.stringify(this.raw.slice(0, 300))}`)), ms);
      const check = () => {
        if (cond()) {
          clearTimeout(timer);
          resolve();
        } else if (this.closed && !cond()) {
          clearTimeout(timer);
          reject(new Error(`closed while waiting for ${what}; got ${JSON.stringify(this.raw.slice(0, 300))}`));
        } else {
          this.waiters.push(check);
        }
      };
      check();
    });
  }

  send(data: string): void {
    this.socket.write(data, 'latin1');
  }

  /** Sends the data and resolves with the next `n` replies. */
  async call(data: string, n = 1): Promise<Reply[]> {
    const start = this.replies.length;
    this.send(data);
    await this.wait(() => this.replies.length >= start + n, `${n} replies`);
    return this.replies.slice(start, start + n);
  }

  /** Resolves once the server has closed the connection. */
  async whenClosed(): Promise<void> {
    if (this.closed) return;
    await new Promise<void>((resolve) => this.socket.once('close', () => resolve()));
  }

  close(): void {
    this.socket.destroy();
  }
}
