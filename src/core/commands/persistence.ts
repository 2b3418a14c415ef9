// Persistence commands (rdb.c, aof.c): SAVE BGSAVE BGREWRITEAOF LASTSAVE, and INFO's
// persistence section. The work is done by the persistence the host attached to the engine
// (persistence-control.ts); an engine no host persists says so rather than pretending.
import { eqi } from '../args.js';
import { errors, fail } from '../errors.js';
import { ErrorReply, OK, SimpleString, type Reply } from '../reply.js';
import type { CommandDecl } from '../table.js';
import type { Ctx, Engine } from '../engine.js';
import type { BlockedClient } from '../blocking.js';
import { persistenceOf, type ControlReply, type PersistenceControl, type PersistenceInfo } from '../persistence-control.js';

// ---- Persistence API -------------------------------------------------------------------------

const NO_PERSISTENCE = 'ERR no persistence is attached to this engine (run it in the localredis worker or server)';

function controlOrError(ctx: Ctx): PersistenceControl {
  const p = persistenceOf(ctx.engine);
  if (p === null) fail(NO_PERSISTENCE);
  return p;
}

function toReply(r: ControlReply): Reply {
  if ('error' in r) fail(r.error);
  return new SimpleString(r.status);
}

/** What INFO shows for an engine without persistence: nothing saved, nothing logged. */
function unpersistedInfo(engine: Engine): PersistenceInfo {
  return {
    loading: null, saveKeysProcessed: 0, saveKeysTotal: 0, changesSinceLastSave: engine.ctx.dirty,
    bgsaveInProgress: false, lastSaveTime: engine.stats.startTime, lastBgsaveOk: true, lastBgsaveTimeSec: -1,
    currentBgsaveTimeSec: -1, rdbSaves: 0, lastLoadKeysExpired: 0, lastLoadKeysLoaded: 0, aofEnabled: false,
    aofRewriteInProgress: false, aofRewriteScheduled: false, aofLastRewriteTimeSec: -1, aofCurrentRewriteTimeSec: -1,
    aofLastBgrewriteOk: true, aofRewrites: 0, aofRewritesConsecutiveFailures: 0, aofLastWriteOk: true,
    aofCurrentSize: 0, aofBaseSize: 0, aofPendingRewrite: false, aofBufferLength: 0,
  };
}

const okErr = (ok: boolean) => (ok ? 'ok' : 'err');

/**
 * INFO persistence, Redis 7.0's fields in its order, without those about forks and
 * copy-on-write memory (there is no child process: the snapshot is written in the same thread).
 */
export function persistenceInfoFields(engine: Engine, now: number): Array<[string, string | number]> {
  const p = persistenceOf(engine);
  const i = p === null ? unpersistedInfo(engine) : p.info();
  const loading = i.loading;
  const out: Array<[string, string | number]> = [
    ['loading', loading !== null || engine.loading ? 1 : 0],
    ['async_loading', 0],
    ['current_save_keys_processed', i.saveKeysProcessed],
    ['current_save_keys_total', i.saveKeysTotal],
    ['rdb_changes_since_last_save', i.changesSinceLastSave],
    ['rdb_bgsave_in_progress', i.bgsaveInProgress ? 1 : 0],
    ['rdb_last_save_time', Math.floor(i.lastSaveTime / 1000)],
    ['rdb_last_bgsave_status', okErr(i.lastBgsaveOk)],
    ['rdb_last_bgsave_time_sec', i.lastBgsaveTimeSec],
    ['rdb_current_bgsave_time_sec', i.currentBgsaveTimeSec],
    ['rdb_saves', i.rdbSaves],
    ['rdb_last_load_keys_expired', i.lastLoadKeysExpired],
    ['rdb_last_load_keys_loaded', i.lastLoadKeysLoaded],
    ['aof_enabled', i.aofEnabled ? 1 : 0],
    ['aof_rewrite_in_progress', i.aofRewriteInProgress ? 1 : 0],
    ['aof_rewrite_scheduled', i.aofRewriteScheduled ? 1 : 0],
    ['aof_last_rewrite_time_sec', i.aofLastRewriteTimeSec],
    ['aof_current_rewrite_time_sec', i.aofCurrentRewriteTimeSec],
    ['aof_last_bgrewrite_status', okErr(i.aofLastBgrewriteOk)],
    ['aof_rewrites', i.aofRewrites],
    ['aof_rewrites_consecutive_failures', i.aofRewritesConsecutiveFailures],
    ['aof_last_write_status', okErr(i.aofLastWriteOk)],
  ];
  if (i.aofEnabled) {
    out.push(
      ['aof_current_size', i.aofCurrentSize],
      ['aof_base_size', i.aofBaseSize],
      ['aof_pending_rewrite', i.aofPendingRewrite ? 1 : 0],
      ['aof_buffer_length', i.aofBufferLength],
      // Commits are IndexedDB transactions, never a background fsync.
      ['aof_pending_bio_fsync', 0],
      ['aof_delayed_fsync', 0],
    );
  }
  if (loading !== null) {
    // Progress counts keys and log records rather than bytes.
    const elapsed = (now - loading.startTime) / 1000;
    const perc = loading.total === 0 ? 0 : (loading.loaded / loading.total) * 100;
    const eta = loading.loaded === 0 ? 1 : Math.floor((elapsed * (loading.total - loading.loaded)) / loading.loaded);
    out.push(
      ['loading_start_time', Math.floor(loading.startTime / 1000)],
      ['loading_loaded_perc', perc.toFixed(2)],
      ['loading_eta_seconds', eta],
    );
  }
  return out;
}

// ---- Commands --------------------------------------------------------------------------------

// SAVE
function saveCommand(ctx: Ctx, argv: string[]): Reply {
  const p = controlOrError(ctx);
  const engine = ctx.engine;
  // The reply waits until the snapshot is durable; other clients are served meanwhile (Redis
  // blocks them all). The session waits as a blocked client does, on no key.
  let parked = null as BlockedClient | null;
  const refused = p.save((error) => {
    if (parked !== null) engine.unblockWith(parked, error === null ? OK : new ErrorReply('ERR'));
  });
  if (refused !== null) fail(refused);
  const reply = ctx.block(argv, [], 0, new ErrorReply('ERR'));
  parked = ctx.session.blocked;
  return reply;
}

// BGSAVE [SCHEDULE]
function bgsaveCommand(ctx: Ctx, argv: string[]): Reply {
  let schedule = false;
  if (argv.length > 1) {
    if (argv.length === 2 && eqi(argv[1], 'schedule')) schedule = true;
    else fail(errors.syntax);
  }
  return toReply(controlOrError(ctx).bgsave(schedule, !ctx.canBlock));
}

// BGREWRITEAOF
function bgrewriteaofCommand(ctx: Ctx): Reply {
  return toReply(controlOrError(ctx).bgrewriteaof(!ctx.canBlock));
}

// LASTSAVE
function lastsaveCommand(ctx: Ctx): Reply {
  const p = persistenceOf(ctx.engine);
  return Math.floor((p === null ? ctx.engine.stats.startTime : p.lastSave()) / 1000);
}

// ---- Declarations ----------------------------------------------------------------------------

export const persistenceCommands: CommandDecl[] = [
  {
    name: 'save', arity: 1, flags: ['admin', 'noscript', 'no_async_loading', 'no_multi'], group: 'server', since: '1.0.0',
    handler: saveCommand,
  },
  {
    name: 'bgsave', arity: -1, flags: ['admin', 'noscript', 'no_async_loading'], group: 'server', since: '1.0.0',
    handler: bgsaveCommand,
  },
  {
    name: 'bgrewriteaof', arity: 1, flags: ['admin', 'noscript', 'no_async_loading'], group: 'server', since: '1.0.0',
    handler: bgrewriteaofCommand,
  },
  {
    name: 'lastsave', arity: 1, flags: ['loading', 'stale', 'fast'], group: 'server', since: '1.0.0', acl: ['admin', 'dangerous'],
    tips: ['nondeterministic_output'], handler: lastsaveCommand,
  },
];
