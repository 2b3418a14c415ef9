// What a host's persistence does for the engine: the work behind SAVE, BGSAVE, BGREWRITEAOF,
// LASTSAVE, the persistence parameters of CONFIG SET, and the figures of INFO persistence. The
// core never imports the persistence layer (it has no IndexedDB): the host attaches an object
// with this shape to the engine, and the commands (commands/persistence.ts) talk to it.
import type { Engine } from './engine.js';

/** A status reply, or an error reply's text. */
export type ControlReply = { status: string } | { error: string };

/** INFO persistence, in Redis's words (server.c genRedisInfoString). Times are ms, durations seconds. */
export interface PersistenceInfo {
  /** Set while the dataset loads: when it started, and items loaded out of the total. */
  loading: { startTime: number; loaded: number; total: number } | null;
  saveKeysProcessed: number;
  saveKeysTotal: number;
  changesSinceLastSave: number;
  bgsaveInProgress: boolean;
  lastSaveTime: number;
  lastBgsaveOk: boolean;
  lastBgsaveTimeSec: number;
  currentBgsaveTimeSec: number;
  rdbSaves: number;
  lastLoadKeysExpired: number;
  lastLoadKeysLoaded: number;
  aofEnabled: boolean;
  aofRewriteInProgress: boolean;
  aofRewriteScheduled: boolean;
  aofLastRewriteTimeSec: number;
  aofCurrentRewriteTimeSec: number;
  aofLastBgrewriteOk: boolean;
  aofRewrites: number;
  aofRewritesConsecutiveFailures: number;
  aofLastWriteOk: boolean;
  /** Bytes of the snapshot plus the log after it, and of the snapshot alone. */
  aofCurrentSize: number;
  aofBaseSize: number;
  aofPendingRewrite: boolean;
  /** Bytes of effects not yet committed. */
  aofBufferLength: number;
}

export interface PersistenceControl {
  /**
   * SAVE: writes a snapshot now and calls `done` with null once it is durable, or with why it
   * failed. Returns an error text instead when it cannot start.
   */
  save(done: (error: string | null) => void): string | null;
  /** BGSAVE [SCHEDULE]; `inExec` inside MULTI/EXEC, where Redis schedules instead of starting. */
  bgsave(schedule: boolean, inExec: boolean): ControlReply;
  /** BGREWRITEAOF. */
  bgrewriteaof(inExec: boolean): ControlReply;
  /** When the last successful save ended (or the engine started), in ms. */
  lastSave(): number;
  info(): PersistenceInfo;
  /** CONFIG SET of appendonly, appendfsync, save, auto-aof-rewrite-*: the new value, to apply now. */
  configure(name: string, value: string): void;
}

const controls = new WeakMap<Engine, PersistenceControl>();

/** Gives the engine its persistence (the host does, once it has opened a store). */
export function attachPersistence(engine: Engine, control: PersistenceControl | null): void {
  if (control === null) controls.delete(engine);
  else controls.set(engine, control);
}

/** The engine's persistence, or null for an engine no host persists. */
export function persistenceOf(engine: Engine): PersistenceControl | null {
  return controls.get(engine) ?? null;
}
