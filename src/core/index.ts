// The core's public surface: the engine, its reply model, effects and the command table types.
export { Engine, Ctx, createEngine, type Effect, type EngineOptions, type NotifyClass, type Stats } from './engine.js';
export { Session } from './session.js';
export * from './reply.js';
export type { Command, CommandDecl, CommandFlag, KeySpec } from './table.js';
export { fromUtf8, toUtf8, fromBytes, toBytes } from './bytes.js';
export { startSnapshot, loadRecords, dropExpired, SnapshotCursor, type SnapshotRecord } from './snapshot.js';
export { registerCodec, type ValueCodec } from './codec.js';
export type { RType } from './keyspace.js';
export { attachPersistence, persistenceOf, type ControlReply, type PersistenceControl, type PersistenceInfo } from './persistence-control.js';
