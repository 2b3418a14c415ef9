// The two sides of a differential run, behind one interface: a RESP server over sockets (the real
// redis-server, or our Node server) and our engine in-process (exec + encodeReply, the exact bytes
// our server would send, fast enough for 100,000+ commands a run).
import { createEngine, type Engine, type Session } from '../../src/core/index.js';
import { encodeReply } from '../../src/protocol/resp-encoder.js';
import type { Call } from './call.js';
import { RespConn } from './conn.js';
import { encodeStringArray, parseReply } from './resp.js';

export interface Target {
  readonly name: string;
  /** Back to an empty keyspace and fresh connections/sessions. */
  reset(): Promise<void>;
  /** Runs the calls in order and resolves with each reply's bytes. */
  run(calls: Call[]): Promise<string[]>;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Iterates SCAN (or SSCAN, HSCAN, ZSCAN, whose cursor follows the key) to the end (a scanAll call); see Call.op. */
async function scanAll(exec: (argv: string[]) => Promise<string>, argv: string[]): Promise<string> {
  const keys = new Set<string>();
  const at = /^[hsz]scan$/i.test(argv[0]) ? 2 : 1;
  let cursor = argv[at];
  for (let step = 0; step < 100_000; step++) {
    const args = argv.slice();
    args[at] = cursor;
    const raw = await exec(args);
    const n = parseReply(raw);
    const page = n.items;
    if (n.type !== '*' || !page || page.length !== 2 || page[0].type !== '$' || !page[1].items) {
      return step === 0 ? raw : `-HARNESS SCAN broke off at step ${step}: ${JSON.stringify(raw.slice(0, 200))}\r\n`;
    }
    for (const k of page[1].items) keys.add(k.value ?? '');
    cursor = page[0].value ?? '';
    if (cursor === '0') return encodeStringArray([...keys].sort());
  }
  return '-HARNESS SCAN did not finish in 100000 steps\r\n';
}

/** A RESP server reached over loopback sockets, one connection per client index. */
export class SocketTarget implements Target {
  private conns: Array<RespConn | undefined> = [];
  private admin: RespConn | undefined;

  constructor(
    readonly name: string,
    private readonly port: number,
  ) {}

  async reset(): Promise<void> {
    for (const c of this.conns) c?.close();
    this.conns = [];
    this.admin ??= await RespConn.open(this.port);
    const [ok] = await this.admin.send([['FLUSHALL']]);
    if (ok !== '+OK\r\n') throw new Error(`${this.name}: FLUSHALL answered ${JSON.stringify(ok)}`);
  }

  private async conn(client: number): Promise<RespConn> {
    let c = this.conns[client];
    if (c === undefined) {
      c = await RespConn.open(this.port);
      this.conns[client] = c;
    }
    return c;
  }

  async run(calls: Call[]): Promise<string[]> {
    const out: string[] = [];
    let i = 0;
    while (i < calls.length) {
      const c = calls[i];
      const client = c.client ?? 0;
      if (c.op === 'sleep') {
        await sleep(Number(c.argv[1]));
        out.push('');
        i++;
        continue;
      }
      const conn = await this.conn(client);
      if (c.op === 'scanAll') {
        out.push(await scanAll(async (argv) => (await conn.send([argv]))[0], c.argv));
        i++;
        continue;
      }
      // A run of plain calls from one client goes out as one pipeline.
      let j = i;
      while (j < calls.length && !calls[j].op && (calls[j].client ?? 0) === client) j++;
      const replies = await conn.send(calls.slice(i, j).map((x) => x.argv));
      for (const r of replies) out.push(r);
      i = j;
    }
    return out;
  }

  async close(): Promise<void> {
    for (const c of this.conns) c?.close();
    this.conns = [];
    this.admin?.close();
    this.admin = undefined;
  }
}

/** Our engine in-process: the bytes our server would send, without the socket. */
export class EngineTarget implements Target {
  readonly name = 'ours (in-process)';
  engine: Engine = createEngine();
  private sessions: Session[] = [];

  async reset(): Promise<void> {
    this.engine = createEngine();
    this.sessions = [];
  }

  private session(client: number): Session {
    let s = this.sessions[client];
    if (s === undefined) {
      s = this.engine.createSession();
      this.sessions[client] = s;
    }
    return s;
  }

  /** One command: the reply's bytes in the session's protocol (after the command, as HELLO needs). */
  exec(s: Session, argv: string[]): string | Promise<string> {
    try {
      const r = this.engine.exec(s, argv);
      // A blocked command (BLPOP with a timeout) answers when served or timed out.
      return r instanceof Promise ? r.then((x) => encodeReply(x, s.resp)) : encodeReply(r, s.resp);
    } catch (e) {
      // A handler bug: report it as a reply so the mismatch shows it next to Redis's answer.
      const msg = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      return `-JSEXCEPTION ${msg.replace(/[\r\n]/g, ' ')}\r\n`;
    }
  }

  async run(calls: Call[]): Promise<string[]> {
    const out: string[] = new Array(calls.length);
    for (let i = 0; i < calls.length; i++) {
      const c = calls[i];
      if (c.op === 'sleep') {
        await sleep(Number(c.argv[1]));
        out[i] = '';
        continue;
      }
      const s = this.session(c.client ?? 0);
      if (c.op === 'scanAll') {
        out[i] = await scanAll(async (argv) => this.exec(s, argv), c.argv);
      } else {
        const r = this.exec(s, c.argv);
        out[i] = typeof r === 'string' ? r : await r;
      }
    }
    return out;
  }

  async close(): Promise<void> {}
}
