// One client connection: a socket, its Session, the request parser and the batched replies
// (networking.c's readQueryFromClient / processInputBuffer / writeToClient, in Node terms).
import type { Socket } from 'node:net';
import type { Engine } from '../core/engine.js';
import type { Reply } from '../core/reply.js';
import type { Session } from '../core/session.js';
import { ReplyWriter } from '../protocol/resp-encoder.js';
import { RequestParser } from '../protocol/resp-parser.js';

/** Replies collected past this many bytes are written before the next command runs. */
const FLUSH_AT = 64 * 1024;
/** client-output-buffer-limit pubsub's hard limit: a subscriber this far behind is dropped. */
const PUBSUB_OUTPUT_LIMIT = 32 * 1024 * 1024;

export interface ConnectionOptions {
  /** Stop reading from a client while more than this many reply bytes wait in the socket. */
  maxPendingOutput: number;
  /** Called after each batch of commands (the server hands the engine's effects on). */
  afterBatch: () => void;
}

export class Connection {
  readonly session: Session;
  /** Reading is paused until the client takes the replies already written. */
  paused = false;
  /** A blocking command (BLPOP) waits: later commands stay in the parser until it is answered. */
  private blocked = false;
  private closing = false;
  /** Pushes wait in the writer for one write at the end of this turn. */
  private pushesQueued = false;
  private readonly parser = new RequestParser();
  private readonly writer = new ReplyWriter();

  constructor(
    readonly engine: Engine,
    readonly socket: Socket,
    fd: number,
    private readonly options: ConnectionOptions,
    onClose: (c: Connection) => void,
  ) {
    const s = engine.createSession();
    s.origin = { addr: address(socket.remoteAddress, socket.remotePort), laddr: address(socket.localAddress, socket.localPort), fd };
    this.session = s;
    s.onPush = (reply) => this.push(reply);
    socket.on('data', (chunk: Buffer) => {
      if (this.closing) return;
      this.parser.feed(chunk);
      this.processInput();
    });
    socket.on('drain', () => {
      if (!this.paused || this.closing) return;
      this.paused = false;
      this.processInput();
      if (!this.paused && !this.closing) socket.resume();
    });
    // A reset by the peer: 'close' follows and cleans up.
    socket.on('error', () => {});
    socket.on('close', () => {
      this.closing = true;
      engine.closeSession(s);
      onClose(this);
    });
  }

  /** processInputBuffer: runs every complete command, then writes their replies in one go. */
  private processInput(): void {
    const { engine, session, parser, writer } = this;
    // One clock read per batch for access times (Redis's server.mstime, updated per event).
    engine.updateCachedTime();
    while (!this.paused && !this.blocked) {
      // authRequired(c): a password is set and this client has not given it.
      parser.authRequired = !session.authenticated && engine.requirepass !== null;
      const argv = parser.next();
      if (argv === null) break;
      const reply = this.exec(argv);
      if (reply instanceof Promise) {
        this.blocked = true;
        void reply.then((r) => this.unblocked(r));
        break;
      }
      writer.write(reply, session.resp);
      if (session.closeAfterReply) {
        // QUIT: nothing after it runs; close once the reply is out.
        this.options.afterBatch();
        this.flush();
        this.close();
        return;
      }
      if (writer.size >= FLUSH_AT) {
        this.flush();
        this.checkOutput();
      }
    }
    this.options.afterBatch();
    const error = parser.error;
    if (error !== null) {
      // setProtocolError: reply (counted like any error reply), then close after it.
      if (error.reply !== null) writer.write(engine.errorReply(error.reply), session.resp);
      this.flush();
      this.close();
      return;
    }
    this.flush();
    this.checkOutput();
  }

  /** The blocked command's reply arrived: send it, then run what the client sent meanwhile. */
  private unblocked(reply: Reply): void {
    this.blocked = false;
    if (this.closing) return;
    this.writer.write(reply, this.session.resp);
    this.processInput();
  }

  private exec(argv: string[]): Reply | Promise<Reply> {
    try {
      return this.engine.exec(this.session, argv);
    } catch (e) {
      // A bug in a handler: say so to this client and keep serving the others.
      console.error(`localredis: ${argv[0]} failed:`, e);
      return this.engine.errorReply(`ERR internal error in '${argv[0].slice(0, 128)}': ${(e as Error)?.message ?? e}`.replace(/[\r\n]/g, ' '));
    }
  }

  /**
   * Out-of-band data (pub/sub messages) from another client's command or a timer: it follows what
   * this client was already sent, and however many arrive in one turn go out in one write.
   */
  push(reply: Reply): void {
    if (this.closing) return;
    this.writer.write(reply, this.session.resp);
    if (this.pushesQueued) return;
    this.pushesQueued = true;
    queueMicrotask(this.flushPushes);
  }

  private readonly flushPushes = (): void => {
    this.pushesQueued = false;
    if (this.closing) return;
    this.flush();
    this.checkOutput();
    // checkClientOutputBufferLimits for the pubsub class (its hard limit): free the client.
    if (this.session.subs !== null && this.socket.writableLength > PUBSUB_OUTPUT_LIMIT) this.kill();
  };

  /** Writes what the writer holds: one latin1 write, or several corked into one writev. */
  private flush(): void {
    const parts = this.writer.take();
    if (parts.length === 0) return;
    const socket = this.socket;
    if (parts.length === 1) {
      socket.write(parts[0], 'latin1');
      return;
    }
    socket.cork();
    for (const p of parts) socket.write(p, 'latin1');
    socket.uncork();
  }

  /** Backpressure: stop reading (and running commands) while the client does not read. */
  private checkOutput(): void {
    if (!this.paused && this.socket.writableLength > this.options.maxPendingOutput) {
      this.paused = true;
      this.socket.pause();
    }
  }

  /** CLIENT KILL: the session is already freed; drop the connection without sending more. */
  kill(): void {
    this.closing = true;
    this.socket.destroy();
  }

  /** Closes after the replies already written have been sent (CLIENT_CLOSE_AFTER_REPLY). */
  close(): void {
    if (this.closing) return;
    this.closing = true;
    const socket = this.socket;
    socket.end(() => socket.destroy());
  }
}

/** Redis's address string: ip:port, [ipv6]:port. */
function address(ip: string | undefined, port: number | undefined): string {
  if (ip === undefined) return '?:0';
  if (ip.startsWith('::ffff:') && ip.includes('.')) ip = ip.slice(7);
  return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
}
