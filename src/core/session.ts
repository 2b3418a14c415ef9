// Per-connection state (Redis's `client`): selected db, protocol, name, MULTI queue, WATCHed keys.
import type { BlockedClient } from './blocking.js';
import type { Subscriptions } from './pubsub.js';
import type { Reply } from './reply.js';
import type { Command } from './table.js';
import type { Db, WatchingSession } from './keyspace.js';

/** A key this session WATCHes (multi.c's watchedKey). */
export interface WatchedKey {
  db: Db;
  key: string;
  /** The key was already logically expired when WATCH was called. */
  expired: boolean;
}

/** Where a session comes from, for CLIENT LIST / CLIENT INFO. The host fills it in. */
export interface SessionOrigin {
  addr: string;
  laddr: string;
  fd: number;
  /** A unix-domain socket connection (CLIENT LIST flag U). */
  unixSocket?: boolean;
}

export class Session implements WatchingSession {
  /** Selected database index (SELECT). */
  db = 0;
  resp: 2 | 3 = 2;
  name = '';
  libName = '';
  libVer = '';
  authenticated: boolean;
  /** Queued commands while in MULTI, or null outside MULTI. */
  multi: Array<{ cmd: Command; argv: string[] }> | null = null;
  /** CLIENT_DIRTY_EXEC: a command failed to queue, EXEC will abort. */
  dirtyExec = false;
  /** CLIENT_DIRTY_CAS: a watched key was touched, EXEC will return a null array. */
  dirtyCas = false;
  watched: WatchedKey[] = [];
  /** Set by QUIT: the host closes the connection after sending the reply. */
  closeAfterReply = false;
  /** The command this session waits in (BLPOP ...), or null. */
  blocked: BlockedClient | null = null;
  /** Its pub/sub subscriptions (pubsub.ts); null while it has none (Redis's CLIENT_PUBSUB flag off). */
  subs: Subscriptions | null = null;
  /**
   * Set by the host: delivers out-of-band replies (pub/sub messages) to this session's client.
   * Pushes made while the session's own command runs come with its reply instead (engine.push).
   */
  onPush: ((reply: Reply) => void) | null = null;
  /** CLIENT NO-EVICT flag (we never evict, but the flag is reported). */
  noEvict = false;
  readonly createdAt: number;
  lastInteraction: number;
  lastCommand = 'NULL';
  origin: SessionOrigin = { addr: '', laddr: '', fd: -1 };

  constructor(
    readonly id: number,
    now: number,
    authenticated: boolean,
  ) {
    this.createdAt = now;
    this.lastInteraction = now;
    this.authenticated = authenticated;
  }
}
