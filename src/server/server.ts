// The RESP server: the engine behind a node:net listener, one Connection per client, the
// active expire cycle (serverCron's activeExpireCycle) every 100 ms, and persistence (SAVE,
// BGSAVE, the append log) on an in-memory store unless the caller gives another.
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { createEngine, type Effect, type Engine } from '../core/engine.js';
import type { Session } from '../core/session.js';
import { Connection } from './connection.js';
import { MemoryStore } from '../persistence/memory-store.js';
import type { Store } from '../persistence/store.js';
import { Durable } from '../worker/durable.js';

export interface ServerOptions {
  /** TCP port; 0 picks a free one. Default 6379. */
  port?: number;
  /** Address to bind. Default 127.0.0.1: this is a dev server, not meant for a network. */
  host?: string;
  /** requirepass: clients must AUTH first. Empty means no password, as in Redis. */
  requirepass?: string;
  /** The engine to serve; a new one by default. */
  engine?: Engine;
  /** maxclients: past it a new connection gets an error and is closed. Default 10000, as Redis. */
  maxClients?: number;
  /** Stop reading from a client while more than this many reply bytes wait for it. Default 1 MiB. */
  maxPendingOutput?: number;
  /**
   * Receives the effects of the writes (what Redis would append to its AOF) after each batch of
   * commands and each expire cycle; turns the engine's recordEffects on.
   */
  onEffects?: (effects: Effect[]) => void;
  /**
   * Where SAVE, BGSAVE, BGREWRITEAOF and the append log (CONFIG SET appendonly yes) write: an
   * in-memory store by default, so the commands do their real work but nothing outlives the
   * process; null for none (they then answer that no persistence is attached).
   */
  store?: Store | null;
}

export interface RunningServer {
  port: number;
  host: string;
  engine: Engine;
  /** The open connections (tests look at their state). */
  readonly connections: ReadonlySet<Connection>;
  /** Stops listening, closes every connection and the expire timer. */
  close(): Promise<void>;
}

/** Redis's active expire cycle runs from serverCron at hz 10. */
const EXPIRE_CYCLE_MS = 100;

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const requirepass = options.requirepass ? options.requirepass : null;
  let engine = options.engine;
  if (engine === undefined) {
    engine = createEngine({ requirepass, hrtime: () => performance.now() });
  } else if (options.requirepass !== undefined) {
    engine.requirepass = requirepass;
  }
  const eng = engine;
  const onEffects = options.onEffects;
  let afterBatch = () => {};
  const store = options.store === undefined ? new MemoryStore() : options.store;
  let durable: Durable | null = null;
  if (store !== null) {
    eng.recordEffects = true;
    const d = (durable = new Durable(eng, store, { appendonly: eng.config.get('appendonly') === 'yes', tap: onEffects }));
    await d.load();
    afterBatch = () => void d.afterBatch()?.catch(() => {});
  } else if (onEffects !== undefined) {
    eng.recordEffects = true;
    afterBatch = () => {
      if (eng.effects.length !== 0) onEffects(eng.takeEffects());
    };
  }
  const connOptions = { maxPendingOutput: options.maxPendingOutput ?? 1024 * 1024, afterBatch };
  const connections = new Set<Connection>();
  const bySession = new Map<Session, Connection>();
  let nextFd = 8;
  // CLIENT KILL: the engine has freed the session; drop its connection at once (freeClient).
  const previousOnKill = eng.onKill;
  eng.onKill = (s) => {
    const c = bySession.get(s);
    if (c !== undefined) c.kill();
    else if (previousOnKill !== null) previousOnKill(s);
  };

  const maxClients = options.maxClients ?? 10000;
  // tcp-keepalive 300 (seconds), as redis.conf's default.
  const server = createServer({ noDelay: true, keepAlive: true, keepAliveInitialDelay: 300_000 }, (socket: Socket) => {
    if (connections.size >= maxClients) {
      // acceptCommonHandler: the error is written straight to the socket, then it is closed.
      eng.stats.rejectedConnections++;
      socket.on('error', () => {});
      socket.end('-ERR max number of clients reached\r\n');
      return;
    }
    // The descriptor, for CLIENT LIST's fd=; a counter where the handle does not show it.
    const handleFd = (socket as unknown as { _handle?: { fd?: number } })._handle?.fd;
    const fd = typeof handleFd === 'number' && handleFd >= 0 ? handleFd : nextFd++;
    const c = new Connection(eng, socket, fd, connOptions, () => {
      connections.delete(c);
      bySession.delete(c.session);
    });
    connections.add(c);
    bySession.set(c.session, c);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 6379, host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  const timer = setInterval(() => {
    eng.activeExpireCycle();
    afterBatch();
  }, EXPIRE_CYCLE_MS);
  timer.unref();

  return {
    port: (server.address() as AddressInfo).port,
    host,
    engine: eng,
    connections,
    close() {
      clearInterval(timer);
      eng.onKill = previousOnKill;
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const c of connections) c.socket.destroy();
      }).then(() => durable?.close());
    },
  };
}
