// Database commands (db.c): SELECT SWAPDB FLUSHDB FLUSHALL DBSIZE.
// A flush gives the db fresh maps rather than clearing them: whatever still holds the old ones (a
// SCAN iterator, a snapshot being written) keeps a consistent view, and the active expire cycle
// starts over, as Redis resets expires_cursor.
import type { CommandDecl } from '../table.js';
import { OK, type Reply } from '../reply.js';
import { errors, fail } from '../errors.js';
import { eqi, getIntOrError } from '../args.js';
import type { Db } from '../keyspace.js';
import { scanCursorsOf } from '../structures/scan-cursor.js';
import type { Ctx } from '../engine.js';

// ---- DB API ----------------------------------------------------------------------------------

/** The Db of an index, or "DB index is out of range" (selectDb). */
function dbOrError(ctx: Ctx, id: number): Db {
  const dbs = ctx.engine.keyspace.dbs;
  if (id < 0 || id >= dbs.length) fail(errors.dbIndexOutOfRange);
  return dbs[id];
}

/** emptyDbStructure for one db: returns the number of keys removed. */
function emptyDb(ctx: Ctx, db: Db): number {
  const removed = db.dict.size;
  // SCAN cursors over the old map would keep it alive: they start over instead.
  if (removed !== 0) scanCursorsOf(ctx.engine).forget(db.dict);
  db.dict = new Map();
  db.expires = new Map();
  db.avgTtl = 0;
  db.expireCursor = null;
  return removed;
}

/** getFlushCommandFlags: FLUSHDB / FLUSHALL take nothing, SYNC or ASYNC (both synchronous here). */
function checkFlushArgsOrError(argv: string[]): void {
  if (argv.length === 1) return;
  if (argv.length === 2 && (eqi(argv[1], 'sync') || eqi(argv[1], 'async'))) return;
  fail(errors.syntax);
}

// ---- Commands --------------------------------------------------------------------------------

// SELECT index
function selectCommand(ctx: Ctx, argv: string[]): Reply {
  const id = getIntOrError(argv[1]);
  const db = dbOrError(ctx, id);
  ctx.session.db = id;
  ctx.db = db;
  return OK;
}

// SWAPDB index1 index2
function swapdbCommand(ctx: Ctx, argv: string[]): Reply {
  const id1 = getIntOrError(argv[1], 'ERR invalid first DB index');
  const id2 = getIntOrError(argv[2], 'ERR invalid second DB index');
  const dbs = ctx.engine.keyspace.dbs;
  if (id1 < 0 || id1 >= dbs.length || id2 < 0 || id2 >= dbs.length) fail(errors.dbIndexOutOfRange);
  if (id1 !== id2) {
    const a = dbs[id1];
    const b = dbs[id2];
    // Transactions watching keys of either db fail, as the contents change under them.
    ctx.engine.touchAllWatchedKeysInDb(a, b);
    ctx.engine.touchAllWatchedKeysInDb(b, a);
    // dbSwapDatabases swaps the contents, not the Db objects: sessions keep their index, and
    // watched keys stay with the db they were watched in.
    const { dict, expires, avgTtl, expireCursor } = a;
    a.dict = b.dict;
    a.expires = b.expires;
    a.avgTtl = b.avgTtl;
    a.expireCursor = b.expireCursor;
    b.dict = dict;
    b.expires = expires;
    b.avgTtl = avgTtl;
    b.expireCursor = expireCursor;
    // Clients blocked on keys the swap filled are served after this command.
    ctx.engine.scanDatabaseForReadyKeys(a);
    ctx.engine.scanDatabaseForReadyKeys(b);
  }
  ctx.dirty++;
  return OK;
}

// FLUSHDB [ASYNC | SYNC]
function flushdbCommand(ctx: Ctx, argv: string[]): Reply {
  checkFlushArgsOrError(argv);
  ctx.engine.touchAllWatchedKeysInDb(ctx.db, null);
  ctx.dirty += emptyDb(ctx, ctx.db);
  // Propagated even when the db was already empty (forceCommandPropagation).
  ctx.propagate(argv);
  return OK;
}

// FLUSHALL [ASYNC | SYNC]
function flushallCommand(ctx: Ctx, argv: string[]): Reply {
  checkFlushArgsOrError(argv);
  const dbs = ctx.engine.keyspace.dbs;
  // signalFlushedDb runs on every db while the keys are still there, then they all go.
  for (const db of dbs) ctx.engine.touchAllWatchedKeysInDb(db, null);
  let removed = 0;
  for (const db of dbs) removed += emptyDb(ctx, db);
  ctx.dirty += removed;
  ctx.propagate(argv);
  return OK;
}

// DBSIZE
function dbsizeCommand(ctx: Ctx): Reply {
  return ctx.db.dict.size;
}

// ---- Declarations ----------------------------------------------------------------------------

const FLUSH_TIPS = ['request_policy:all_shards', 'response_policy:all_succeeded'];

export const dbCommands: CommandDecl[] = [
  {
    name: 'select', arity: 2, flags: ['loading', 'stale', 'fast'], group: 'connection', since: '1.0.0', acl: ['connection'],
    handler: selectCommand,
  },
  {
    name: 'swapdb', arity: 3, flags: ['write', 'fast'], group: 'server', since: '4.0.0', acl: ['keyspace', 'dangerous'],
    handler: swapdbCommand,
  },
  {
    name: 'flushdb', arity: -1, flags: ['write'], group: 'server', since: '1.0.0', acl: ['keyspace', 'dangerous'],
    tips: FLUSH_TIPS, handler: flushdbCommand,
  },
  {
    name: 'flushall', arity: -1, flags: ['write'], group: 'server', since: '1.0.0', acl: ['keyspace', 'dangerous'],
    tips: FLUSH_TIPS, handler: flushallCommand,
  },
  {
    name: 'dbsize', arity: 1, flags: ['readonly', 'fast'], group: 'server', since: '1.0.0', acl: ['keyspace'],
    tips: ['request_policy:all_shards', 'response_policy:agg_sum'], handler: dbsizeCommand,
  },
];
