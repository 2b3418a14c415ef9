// A raw RESP connection for the differential tests: pipelines requests as bytes and hands back
// each reply's exact bytes (latin1), in order. Used for redis-server and for our Node server alike.
import { connect, type Socket } from 'node:net';
import { encodeCommand } from '../../src/protocol/resp-encoder.js';
import { replyEnd } from './resp.js';

interface Waiter {
  count: number;
  replies: string[];
  resolve: (replies: string[]) => void;
  reject: (e: Error) => void;
}

export class RespConn {
  private pending = '';
  private readonly waiters: Waiter[] = [];
  private closed: Error | null = null;

  private constructor(private readonly socket: Socket) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    const fail = (e: Error) => {
      this.closed ??= e;
      for (const w of this.waiters.splice(0)) w.reject(e);
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('connection closed by the server')));
  }

  static open(port: number, host = '127.0.0.1'): Promise<RespConn> {
    return new Promise((resolve, reject) => {
      const socket = connect({ port, host });
      socket.once('connect', () => {
        socket.removeListener('error', reject);
        resolve(new RespConn(socket));
      });
      socket.once('error', reject);
    });
  }

  /** Sends every argv in one write and resolves with their replies' bytes, in order. */
  send(argvs: string[][]): Promise<string[]> {
    if (argvs.length === 0) return Promise.resolve([]);
    if (this.closed) return Promise.reject(this.closed);
    let out = '';
    for (const argv of argvs) out += encodeCommand(argv);
    return this.sendRaw(out, argvs.length);
  }

  /** Sends raw request bytes that produce `count` replies (inline commands, protocol tests). */
  sendRaw(bytes: string, count: number): Promise<string[]> {
    const p = new Promise<string[]>((resolve, reject) => this.waiters.push({ count, replies: [], resolve, reject }));
    this.socket.write(Buffer.from(bytes, 'latin1'));
    return p;
  }

  close(): void {
    this.closed ??= new Error('connection closed');
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    this.pending = this.pending.length === 0 ? chunk.toString('latin1') : this.pending + chunk.toString('latin1');
    let pos = 0;
    const buf = this.pending;
    while (this.waiters.length > 0) {
      const end = replyEnd(buf, pos);
      if (end < 0) break;
      const w = this.waiters[0];
      w.replies.push(buf.slice(pos, end));
      pos = end;
      if (w.replies.length === w.count) {
        this.waiters.shift();
        w.resolve(w.replies);
      }
    }
    this.pending = pos === 0 ? buf : buf.slice(pos);
  }
}
