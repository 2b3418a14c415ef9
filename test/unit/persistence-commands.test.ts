// SAVE, BGSAVE, BGREWRITEAOF, LASTSAVE and INFO persistence in the core: with no persistence
// attached, and with a stand-in control that records what the commands asked for.
import { describe, expect, it } from 'vitest';
import { attachPersistence, ErrorReply, OK, SimpleString, VerbatimReply, type PersistenceControl, type PersistenceInfo } from '../../src/core/index.js';
import { testEngine, T0 } from './harness.js';

const NO_PERSISTENCE = new ErrorReply('ERR no persistence is attached to this engine (run it in the localredis worker or server)');

function info(r: (...argv: string[]) => unknown): Record<string, string> {
  const text = (r('INFO', 'persistence') as VerbatimReply).text;
  return Object.fromEntries(text.split('\r\n').filter((l) => l.includes(':')).map((l) => l.split(':') as [string, string]));
}

describe('without persistence', () => {
  it('the commands say so; LASTSAVE is the start time; INFO shows nothing saved', () => {
    const { r } = testEngine();
    expect(r('SAVE')).toEqual(NO_PERSISTENCE);
    expect(r('BGSAVE')).toEqual(NO_PERSISTENCE);
    expect(r('BGREWRITEAOF')).toEqual(NO_PERSISTENCE);
    expect(r('LASTSAVE')).toBe(Math.floor(T0 / 1000));
    r('SET', 'a', '1');
    r('SET', 'b', '1');
    const i = info(r);
    expect(Object.keys(i)).toEqual([
      'loading', 'async_loading', 'current_save_keys_processed', 'current_save_keys_total', 'rdb_changes_since_last_save',
      'rdb_bgsave_in_progress', 'rdb_last_save_time', 'rdb_last_bgsave_status', 'rdb_last_bgsave_time_sec',
      'rdb_current_bgsave_time_sec', 'rdb_saves', 'rdb_last_load_keys_expired', 'rdb_last_load_keys_loaded', 'aof_enabled',
      'aof_rewrite_in_progress', 'aof_rewrite_scheduled', 'aof_last_rewrite_time_sec', 'aof_current_rewrite_time_sec',
      'aof_last_bgrewrite_status', 'aof_rewrites', 'aof_rewrites_consecutive_failures', 'aof_last_write_status',
    ]);
    expect(i.rdb_changes_since_last_save).toBe('2');
    expect(i.rdb_last_save_time).toBe(String(Math.floor(T0 / 1000)));
  });

  it('BGSAVE checks its argument first', () => {
    const { r } = testEngine();
    expect(r('BGSAVE', 'now')).toEqual(new ErrorReply('ERR syntax error'));
    expect(r('BGSAVE', 'schedule', 'x')).toEqual(new ErrorReply('ERR syntax error'));
  });
});

/** A control that records the calls and answers as told. */
function standIn(overrides: Partial<PersistenceInfo> = {}) {
  const calls: string[] = [];
  let finish: ((e: string | null) => void) | null = null;
  const control: PersistenceControl = {
    save: (done) => {
      calls.push('save');
      finish = done;
      return null;
    },
    bgsave: (schedule, inExec) => {
      calls.push(`bgsave ${schedule} ${inExec}`);
      return inExec ? { status: 'Background saving scheduled' } : { status: 'Background saving started' };
    },
    bgrewriteaof: (inExec) => {
      calls.push(`bgrewriteaof ${inExec}`);
      return { error: 'ERR Background append only file rewriting already in progress' };
    },
    lastSave: () => T0 + 5000,
    info: () => ({
      loading: null, saveKeysProcessed: 0, saveKeysTotal: 0, changesSinceLastSave: 0, bgsaveInProgress: false,
      lastSaveTime: T0, lastBgsaveOk: true, lastBgsaveTimeSec: -1, currentBgsaveTimeSec: -1, rdbSaves: 0,
      lastLoadKeysExpired: 0, lastLoadKeysLoaded: 0, aofEnabled: true, aofRewriteInProgress: false,
      aofRewriteScheduled: false, aofLastRewriteTimeSec: -1, aofCurrentRewriteTimeSec: -1, aofLastBgrewriteOk: true,
      aofRewrites: 0, aofRewritesConsecutiveFailures: 0, aofLastWriteOk: true, aofCurrentSize: 123, aofBaseSize: 100,
      aofPendingRewrite: false, aofBufferLength: 7, ...overrides,
    }),
    configure: (name, value) => calls.push(`configure ${name} ${value}`),
  };
  return { control, calls, finish: (e: string | null) => finish!(e) };
}

describe('with persistence attached', () => {
  it('SAVE answers when the snapshot is durable, OK or ERR', async () => {
    const { engine, s } = testEngine();
    const p = standIn();
    attachPersistence(engine, p.control);
    const reply = engine.exec(s, ['SAVE']);
    expect(reply).toBeInstanceOf(Promise);
    p.finish(null);
    expect(await reply).toEqual(OK);
    const failed = engine.exec(s, ['SAVE']);
    p.finish('QuotaExceededError: full');
    expect(await failed).toEqual(new ErrorReply('ERR'));
    expect(engine.exec(s, ['MULTI'])).toEqual(OK);
    expect(engine.exec(s, ['SAVE'])).toEqual(new ErrorReply('ERR Command not allowed inside a transaction'));
  });

  it('BGSAVE inside EXEC is scheduled, as Redis does; errors come back as they are', () => {
    const { engine, r } = testEngine();
    const p = standIn();
    attachPersistence(engine, p.control);
    expect(r('BGSAVE')).toEqual(new SimpleString('Background saving started'));
    r('MULTI');
    r('BGSAVE', 'SCHEDULE');
    expect(r('EXEC')).toEqual([new SimpleString('Background saving scheduled')]);
    expect(r('BGREWRITEAOF')).toEqual(new ErrorReply('ERR Background append only file rewriting already in progress'));
    expect(p.calls).toEqual(['bgsave false false', 'bgsave true true', 'bgrewriteaof false']);
    expect(r('LASTSAVE')).toBe(Math.floor((T0 + 5000) / 1000));
  });

  it('CONFIG SET of the persistence parameters reaches it', () => {
    const { engine, r } = testEngine();
    const p = standIn();
    attachPersistence(engine, p.control);
    r('CONFIG', 'SET', 'appendfsync', 'always', 'appendonly', 'yes', 'auto-aof-rewrite-min-size', '1mb');
    expect(p.calls).toEqual(['configure appendfsync always', 'configure appendonly yes', 'configure auto-aof-rewrite-min-size 1048576']);
    expect(r('CONFIG', 'GET', 'appendfsync')).toEqual(expect.objectContaining({ entries: [['appendfsync', 'always']] }));
  });

  it('INFO shows the AOF sizes while the log is on, and the loading progress', () => {
    const { engine, r } = testEngine();
    attachPersistence(engine, standIn({ loading: { startTime: T0 - 2000, loaded: 250, total: 1000 } }).control);
    const i = info(r);
    expect([i.aof_enabled, i.aof_current_size, i.aof_base_size, i.aof_buffer_length]).toEqual(['1', '123', '100', '7']);
    expect([i.loading, i.loading_start_time, i.loading_loaded_perc, i.loading_eta_seconds]).toEqual(['1', String(Math.floor((T0 - 2000) / 1000)), '25.00', '6']);
  });
});
