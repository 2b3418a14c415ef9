// Database commands: SELECT SWAPDB FLUSHDB FLUSHALL DBSIZE.
import { describe, expect, it } from 'vitest';
import { createEngine, ErrorReply, NULL_ARRAY, SimpleString, type Reply } from '../../src/core/index.js';
import { RObj } from '../../src/core/keyspace.js';
import { scanCursorsOf } from '../../src/core/structures/scan-cursor.js';

function setup() {
  let now = 1_700_000_000_000;
  const engine = createEngine({ clock: () => now, recordEffects: true });
  const s = engine.createSession();
  const r = (...argv: string[]) => engine.exec(s, argv);
  const put = (key: string, db = s.db, value = 'v') => engine.keyspace.dbs[db].dict.set(key, new RObj('string', value, 'embstr', now));
  const get = (key: string, db = s.db) => engine.keyspace.dbs[db].dict.get(key)?.value;
  const effects = () => engine.takeEffects().map((e) => `${e.db}: ${e.argv.join(' ')}`);
  return { engine, s, r, put, get, effects, tick: (ms: number) => (now += ms) };
}

const err = (m: string) => new ErrorReply(m);
const ok = new SimpleString('OK');

/** A second session that WATCHes `key` in `db`, and a function telling whether its EXEC fails. */
function watcher(engine: ReturnType<typeof setup>['engine'], db: number, key: string) {
  const w = engine.createSession();
  engine.exec(w, ['select', String(db)]);
  engine.exec(w, ['watch', key]);
  return (): boolean => {
    engine.exec(w, ['multi']);
    engine.exec(w, ['dbsize']);
    return engine.exec(w, ['exec']) === NULL_ARRAY;
  };
}

describe('SELECT', () => {
  it('switches the db of this session only', () => {
    const { r, put, engine } = setup();
    put('k', 3);
    expect(r('select', '3')).toEqual(ok);
    expect(r('exists', 'k')).toBe(1);
    const other = engine.createSession();
    expect(engine.exec(other, ['exists', 'k'])).toBe(0);
    r('select', '0');
    expect(r('exists', 'k')).toBe(0);
  });
  it('rejects indexes out of range and non-integers', () => {
    const { r } = setup();
    expect(r('select', '16')).toEqual(err('ERR DB index is out of range'));
    expect(r('select', '-1')).toEqual(err('ERR DB index is out of range'));
    for (const bad of ['x', '1.0', '01', '+1', '-0', ' 1', '9223372036854775808']) {
      expect(r('select', bad)).toEqual(err('ERR value is not an integer or out of range'));
    }
    expect(r('select', '2147483648')).toEqual(err('ERR value is out of range, value must between -2147483648 and 2147483647'));
    expect(r('select', '-2147483649')).toEqual(err('ERR value is out of range, value must between -2147483648 and 2147483647'));
    expect(r('select')).toEqual(err("ERR wrong number of arguments for 'select' command"));
  });
  it('inside MULTI, the commands after it run in the new db', () => {
    const { r, put } = setup();
    put('k', 5);
    r('multi');
    r('select', '5');
    r('exists', 'k');
    expect(r('exec')).toEqual([ok, 1]);
    expect(r('dbsize')).toBe(1);
  });
  it('is not propagated: effects carry their db', () => {
    const { r, put, effects } = setup();
    r('select', '2');
    put('k', 2);
    r('del', 'k');
    expect(effects()).toEqual(['2: del k']);
  });
});

describe('SWAPDB', () => {
  it('swaps the contents, TTLs included, while sessions keep their index', () => {
    const { r, put, get, engine } = setup();
    put('a', 0, 'in0');
    put('b', 1, 'in1');
    r('expire', 'a', '100');
    const other = engine.createSession();
    engine.exec(other, ['select', '1']);
    expect(r('swapdb', '0', '1')).toEqual(ok);
    expect(get('b', 0)).toBe('in1');
    expect(get('a', 1)).toBe('in0');
    expect(r('exists', 'b')).toBe(1);
    expect(engine.exec(other, ['exists', 'a'])).toBe(1);
    expect(engine.exec(other, ['ttl', 'a'])).toBe(100);
    expect(engine.keyspace.dbs[0].id).toBe(0);
  });
  it('fails transactions watching keys that change in either db', () => {
    const { r, put, engine } = setup();
    put('x', 0);
    put('y', 1);
    const watch0 = watcher(engine, 0, 'x');
    const watch1 = watcher(engine, 1, 'x');
    const watchMissing = watcher(engine, 2, 'nothere');
    r('swapdb', '0', '1');
    expect(watch0()).toBe(true);
    expect(watch1()).toBe(true);
    expect(watchMissing()).toBe(false);
  });
  it('the same index twice is a no-op that still propagates', () => {
    const { r, put, get, effects } = setup();
    put('a', 0);
    expect(r('swapdb', '3', '3')).toEqual(ok);
    expect(get('a', 0)).toBe('v');
    expect(effects()).toEqual(['0: swapdb 3 3']);
  });
  it('rejects bad indexes with Redis messages', () => {
    const { r } = setup();
    expect(r('swapdb', '0', '16')).toEqual(err('ERR DB index is out of range'));
    expect(r('swapdb', '-1', '0')).toEqual(err('ERR DB index is out of range'));
    expect(r('swapdb', 'x', '1')).toEqual(err('ERR invalid first DB index'));
    expect(r('swapdb', '0', 'x')).toEqual(err('ERR invalid second DB index'));
    expect(r('swapdb', '99999999999', '0')).toEqual(err('ERR invalid first DB index'));
    expect(r('swapdb', 'x', 'y')).toEqual(err('ERR invalid first DB index'));
    expect(r('swapdb', '0')).toEqual(err("ERR wrong number of arguments for 'swapdb' command"));
  });
  it('keys expire in their new db', () => {
    const { r, put, tick, effects } = setup();
    put('a', 4);
    r('select', '4');
    r('pexpire', 'a', '10');
    r('swapdb', '4', '5');
    effects();
    tick(11);
    r('select', '5');
    expect(r('exists', 'a')).toBe(0);
    expect(effects()).toEqual(['5: DEL a']);
  });
  it('a SCAN over a swapped db starts over', () => {
    const { r, put } = setup();
    for (let i = 0; i < 30; i++) put(`k${i}`, 0);
    put('other', 1);
    const [cursor] = r('scan', '0', 'count', '5') as [string, Reply];
    r('swapdb', '0', '1');
    expect(r('scan', cursor)).toEqual(['0', ['other']]);
  });
});

describe('FLUSHDB and FLUSHALL', () => {
  it('FLUSHDB empties the current db only', () => {
    const { r, put, engine } = setup();
    put('a', 0);
    put('b', 0);
    put('c', 1);
    r('expire', 'a', '100');
    expect(r('flushdb')).toEqual(ok);
    expect(r('dbsize')).toBe(0);
    expect(engine.keyspace.dbs[0].expires.size).toBe(0);
    expect(engine.keyspace.dbs[1].dict.size).toBe(1);
  });
  it('FLUSHALL empties every db', () => {
    const { r, put, engine } = setup();
    put('a', 0);
    put('c', 15);
    expect(r('flushall')).toEqual(ok);
    expect(engine.keyspace.dbs.every((db) => db.dict.size === 0)).toBe(true);
  });
  it('take SYNC or ASYNC, in any case, and nothing else', () => {
    const { r } = setup();
    for (const cmd of ['flushdb', 'flushall']) {
      expect(r(cmd, 'sync')).toEqual(ok);
      expect(r(cmd, 'ASYNC')).toEqual(ok);
      expect(r(cmd, 'foo')).toEqual(err('ERR syntax error'));
      expect(r(cmd, 'async', 'sync')).toEqual(err('ERR syntax error'));
    }
  });
  it('are propagated even when there was nothing to delete, once each', () => {
    const { r, put, effects } = setup();
    r('flushdb');
    r('flushall', 'async');
    put('a', 0);
    r('flushdb');
    r('select', '2');
    r('flushall');
    expect(effects()).toEqual(['0: flushdb', '0: flushall async', '0: flushdb', '2: flushall']);
  });
  it('count the keys removed as changes', () => {
    const { r, put, engine } = setup();
    put('a', 0);
    put('b', 3);
    const before = engine.ctx.dirty;
    r('flushall');
    expect(engine.ctx.dirty - before).toBe(2);
    r('flushall');
    expect(engine.ctx.dirty - before).toBe(2);
  });
  it('fail transactions watching existing keys, not missing ones', () => {
    const { r, put, engine } = setup();
    put('x', 0);
    put('y', 1);
    const watchX = watcher(engine, 0, 'x');
    const watchMissing = watcher(engine, 0, 'nothere');
    const watchOtherDb = watcher(engine, 1, 'y');
    r('flushdb');
    expect(watchX()).toBe(true);
    expect(watchMissing()).toBe(false);
    expect(watchOtherDb()).toBe(false);
    const watchY = watcher(engine, 1, 'y');
    r('flushall');
    expect(watchY()).toBe(true);
  });
  it('drop the SCAN cursors over the flushed keys, so the old map can be freed', () => {
    const { r, put, engine } = setup();
    for (let i = 0; i < 30; i++) put(`k${i}`, 0);
    for (let i = 0; i < 30; i++) put(`k${i}`, 1);
    r('scan', '0', 'count', '5');
    r('select', '1');
    r('scan', '0', 'count', '5');
    expect(scanCursorsOf(engine).size).toBe(2);
    r('flushdb');
    expect(scanCursorsOf(engine).size).toBe(1);
    r('flushall');
    expect(scanCursorsOf(engine).size).toBe(0);
  });
  it('leave the db usable, with expiry working on new keys', () => {
    const { r, put, tick } = setup();
    put('a', 0);
    r('pexpire', 'a', '10');
    r('flushdb');
    put('b', 0);
    r('pexpire', 'b', '10');
    tick(11);
    expect(r('exists', 'b')).toBe(0);
    expect(r('dbsize')).toBe(0);
  });
});

describe('DBSIZE', () => {
  it('counts the keys of the current db, expired ones until they are deleted', () => {
    const { r, put, tick } = setup();
    expect(r('dbsize')).toBe(0);
    put('a', 0);
    put('b', 0);
    put('c', 1);
    r('pexpire', 'a', '10');
    tick(11);
    expect(r('dbsize')).toBe(2);
    r('exists', 'a');
    expect(r('dbsize')).toBe(1);
    expect(r('dbsize', 'x')).toEqual(err("ERR wrong number of arguments for 'dbsize' command"));
  });
});
