// Expiry commands: EXPIRE PEXPIRE EXPIREAT PEXPIREAT (NX XX GT LT), TTL PTTL EXPIRETIME
// PEXPIRETIME, PERSIST.
import { describe, expect, it } from 'vitest';
import { createEngine, ErrorReply, NULL_ARRAY } from '../../src/core/index.js';
import { RObj } from '../../src/core/keyspace.js';

const T0 = 1_700_000_000_000;

function setup() {
  let now = T0;
  const engine = createEngine({ clock: () => now, recordEffects: true });
  const s = engine.createSession();
  const events: string[] = [];
  engine.notifier = (cls, event, key, db) => events.push(`${cls} ${event} ${key} ${db}`);
  const r = (...argv: string[]) => engine.exec(s, argv);
  const put = (key: string, value = 'v') => engine.keyspace.dbs[s.db].dict.set(key, new RObj('string', value, 'embstr', now));
  const effects = () => engine.takeEffects().map((e) => `${e.db}: ${e.argv.join(' ')}`);
  return { engine, s, r, put, events, effects, tick: (ms: number) => (now += ms) };
}

const err = (m: string) => new ErrorReply(m);

describe('EXPIRE and friends', () => {
  it('EXPIRE sets a TTL and propagates PEXPIREAT with the absolute time in ms', () => {
    const { r, put, events, effects } = setup();
    put('k');
    expect(r('expire', 'k', '100')).toBe(1);
    expect(r('pttl', 'k')).toBe(100000);
    expect(events).toEqual(['g expire k 0']);
    expect(effects()).toEqual([`0: PEXPIREAT k ${T0 + 100000}`]);
  });
  it('PEXPIRE, EXPIREAT and PEXPIREAT propagate the same form', () => {
    const { r, put, effects } = setup();
    put('k');
    r('pexpire', 'k', '1500');
    r('expireat', 'k', String(T0 / 1000 + 60));
    r('pexpireat', 'k', String(T0 + 7));
    expect(effects()).toEqual([
      `0: PEXPIREAT k ${T0 + 1500}`,
      `0: PEXPIREAT k ${T0 + 60000}`,
      `0: PEXPIREAT k ${T0 + 7}`,
    ]);
  });
  it('a missing key gets nothing and propagates nothing', () => {
    const { r, effects } = setup();
    for (const cmd of ['expire', 'pexpire', 'expireat', 'pexpireat']) expect(r(cmd, 'nokey', '100')).toBe(0);
    expect(effects()).toEqual([]);
  });
  it('an expire time in the past deletes the key: reply 1, a del event, DEL propagated', () => {
    const { r, put, events, effects, engine } = setup();
    for (const [cmd, arg] of [['expire', '-1'], ['expire', '0'], ['pexpire', '0'], ['expireat', '1'], ['pexpireat', String(T0)]]) {
      put('k');
      events.length = 0;
      expect(r(cmd, 'k', arg)).toBe(1);
      expect(r('exists', 'k')).toBe(0);
      expect(events.slice(0, 1)).toEqual(['g del k 0']);
      expect(effects()).toEqual(['0: DEL k']);
    }
    expect(engine.stats.expiredKeys).toBe(0);
  });
  it('one millisecond ahead is still the future', () => {
    const { r, put, tick } = setup();
    put('k');
    expect(r('pexpireat', 'k', String(T0 + 1))).toBe(1);
    expect(r('pttl', 'k')).toBe(1);
    tick(1);
    expect(r('exists', 'k')).toBe(1);
    tick(1);
    expect(r('exists', 'k')).toBe(0);
  });
  it('NX sets only without a TTL, XX only with one', () => {
    const { r, put } = setup();
    put('k');
    expect(r('expire', 'k', '100', 'xx')).toBe(0);
    expect(r('ttl', 'k')).toBe(-1);
    expect(r('expire', 'k', '100', 'nx')).toBe(1);
    expect(r('expire', 'k', '200', 'NX')).toBe(0);
    expect(r('expire', 'k', '200', 'XX')).toBe(1);
    expect(r('ttl', 'k')).toBe(200);
  });
  it('GT never beats no TTL; LT always does', () => {
    const { r, put } = setup();
    put('k');
    expect(r('expire', 'k', '100', 'gt')).toBe(0);
    expect(r('expire', 'k', '100', 'lt')).toBe(1);
    expect(r('expire', 'k', '100', 'lt')).toBe(0);
    expect(r('expire', 'k', '50', 'gt')).toBe(0);
    expect(r('expire', 'k', '150', 'gt')).toBe(1);
    expect(r('expire', 'k', '120', 'lt', 'xx')).toBe(1);
    expect(r('ttl', 'k')).toBe(120);
  });
  it('a failed condition does not delete even with a past time', () => {
    const { r, put } = setup();
    put('k');
    expect(r('pexpire', 'k', '-1', 'gt')).toBe(0);
    expect(r('exists', 'k')).toBe(1);
    expect(r('pexpire', 'k', '-1', 'lt')).toBe(1);
    expect(r('exists', 'k')).toBe(0);
  });
  it('rejects bad options, conflicting options and bad times', () => {
    const { r, put } = setup();
    put('k');
    expect(r('expire', 'k', '10', 'foo')).toEqual(err('ERR Unsupported option foo'));
    expect(r('expire', 'k', '10', 'FoO')).toEqual(err('ERR Unsupported option FoO'));
    expect(r('expire', 'k', '10', 'a\r\nb')).toEqual(err('ERR Unsupported option a  b'));
    const nxConflict = err('ERR NX and XX, GT or LT options at the same time are not compatible');
    expect(r('expire', 'k', '10', 'nx', 'xx')).toEqual(nxConflict);
    expect(r('expire', 'k', '10', 'nx', 'gt')).toEqual(nxConflict);
    expect(r('expire', 'k', '10', 'lt', 'nx')).toEqual(nxConflict);
    expect(r('expire', 'k', '10', 'gt', 'lt')).toEqual(err('ERR GT and LT options at the same time are not compatible'));
    expect(r('expire', 'k', '10', 'xx', 'lt', 'gt')).toEqual(err('ERR GT and LT options at the same time are not compatible'));
    // Options are checked before the time.
    expect(r('expire', 'k', 'x', 'foo')).toEqual(err('ERR Unsupported option foo'));
    for (const bad of ['x', '1.5', '', '-0', '+1', ' 1', '9223372036854775808']) {
      expect(r('expire', 'k', bad)).toEqual(err('ERR value is not an integer or out of range'));
    }
    expect(r('expire', 'k')).toEqual(err("ERR wrong number of arguments for 'expire' command"));
    expect(r('ttl', 'k')).toBe(-1);
  });
  it('overflowing times are invalid expire times, named by command', () => {
    const { r, put } = setup();
    put('k');
    const invalid = (cmd: string) => err(`ERR invalid expire time in '${cmd}' command`);
    expect(r('expire', 'k', '9223372036854775')).toEqual(invalid('expire'));
    expect(r('expire', 'k', '9223372036854774')).toEqual(invalid('expire'));
    expect(r('expire', 'k', '-9223372036854776')).toEqual(invalid('expire'));
    expect(r('expireat', 'k', '9223372036854776')).toEqual(invalid('expireat'));
    expect(r('pexpire', 'k', '9223372036854775807')).toEqual(invalid('pexpire'));
    expect(r('pexpire', 'k', String(9223372036854775807n - BigInt(T0) + 1n))).toEqual(invalid('pexpire'));
    expect(r('exists', 'k')).toBe(1);
    // The largest that fit.
    expect(r('pexpire', 'k', String(9223372036854775807n - BigInt(T0)))).toBe(1);
    expect(r('pexpiretime', 'k')).toBe(9223372036854775807n);
  });
  it('the most negative times delete the key', () => {
    const { r, put } = setup();
    put('k');
    expect(r('expire', 'k', '-9223372036854775')).toBe(1);
    put('k');
    expect(r('pexpireat', 'k', '-9223372036854775808')).toBe(1);
    expect(r('exists', 'k')).toBe(0);
  });
  it('an expire time past 2^53 ms is kept exactly', () => {
    const { r, put, effects, tick } = setup();
    put('k');
    expect(r('pexpireat', 'k', '9223372036854775807')).toBe(1);
    expect(effects()).toEqual(['0: PEXPIREAT k 9223372036854775807']);
    expect(r('pexpiretime', 'k')).toBe(9223372036854775807n);
    expect(r('expiretime', 'k')).toBe(9223372036854776n);
    tick(1);
    expect(r('pttl', 'k')).toBe(9223372036854775807n - BigInt(T0 + 1));
    expect(r('ttl', 'k')).toBe((9223372036854775807n - BigInt(T0 + 1) + 500n) / 1000n);
    expect(r('expireat', 'k', '9223372036854775')).toBe(1);
    expect(r('pexpiretime', 'k')).toBe(9223372036854775000n);
    // And follows the key through RENAME, COPY and MOVE.
    r('pexpireat', 'k', '9223372036854775807');
    r('rename', 'k', 'k2');
    r('copy', 'k2', 'k3');
    r('move', 'k3', '1');
    expect(r('pexpiretime', 'k2')).toBe(9223372036854775807n);
    r('select', '1');
    expect(r('pexpiretime', 'k3')).toBe(9223372036854775807n);
  });
  it('relative times inside MULTI use the time of the EXEC', () => {
    const { r, put, tick, effects } = setup();
    put('k');
    r('multi');
    r('pexpire', 'k', '1000');
    tick(500);
    r('exec');
    expect(effects()).toContain(`0: PEXPIREAT k ${T0 + 1500}`);
  });
  it('the key expires once its time has passed, and is then deleted with a DEL', () => {
    const { r, put, tick, effects, events } = setup();
    put('k');
    r('pexpire', 'k', '100');
    effects();
    tick(101);
    expect(r('exists', 'k')).toBe(0);
    expect(events).toContain('x expired k 0');
    expect(effects()).toEqual(['0: DEL k']);
  });
});

describe('TTL PTTL EXPIRETIME PEXPIRETIME', () => {
  it('-2 for a missing key, -1 for a key without TTL', () => {
    const { r, put } = setup();
    put('k');
    for (const cmd of ['ttl', 'pttl', 'expiretime', 'pexpiretime']) {
      expect(r(cmd, 'nokey')).toBe(-2);
      expect(r(cmd, 'k')).toBe(-1);
    }
  });
  it('TTL rounds to the nearest second; EXPIRETIME too', () => {
    const { r, put, tick } = setup();
    put('k');
    r('pexpire', 'k', '1499');
    expect(r('ttl', 'k')).toBe(1);
    expect(r('pttl', 'k')).toBe(1499);
    tick(-1);
    expect(r('ttl', 'k')).toBe(2);
    r('pexpireat', 'k', String(T0 + 10499));
    expect(r('expiretime', 'k')).toBe(1700000010);
    expect(r('pexpiretime', 'k')).toBe(T0 + 10499);
  });
  it('read without touching, counting hits and misses', () => {
    const { r, put, engine, tick } = setup();
    put('k');
    r('expire', 'k', '100');
    tick(5000);
    r('ttl', 'k');
    r('pttl', 'nokey');
    expect(engine.stats.keyspaceHits).toBe(1);
    expect(engine.stats.keyspaceMisses).toBe(1);
    expect(r('object', 'idletime', 'k')).toBe(5);
  });
  it('an expired key is missing', () => {
    const { r, put, tick } = setup();
    put('k');
    r('pexpire', 'k', '10');
    tick(11);
    expect(r('pttl', 'k')).toBe(-2);
  });
  it('are not writes', () => {
    const { engine } = setup();
    for (const name of ['ttl', 'pttl', 'expiretime', 'pexpiretime']) {
      const cmd = engine.table.commands.get(name)!;
      expect(cmd.aclCategories).toEqual(['@keyspace', '@read', '@fast']);
    }
  });
});

describe('PERSIST', () => {
  it('removes a TTL once', () => {
    const { r, put, events, effects } = setup();
    put('k');
    r('expire', 'k', '100');
    events.length = 0;
    effects();
    expect(r('persist', 'k')).toBe(1);
    expect(r('ttl', 'k')).toBe(-1);
    expect(events).toEqual(['g persist k 0']);
    expect(effects()).toEqual(['0: persist k']);
    expect(r('persist', 'k')).toBe(0);
    expect(r('persist', 'nokey')).toBe(0);
    expect(effects()).toEqual([]);
  });
  it('an expired key cannot be persisted', () => {
    const { r, put, tick } = setup();
    put('k');
    r('pexpire', 'k', '10');
    tick(11);
    expect(r('persist', 'k')).toBe(0);
    expect(r('exists', 'k')).toBe(0);
  });
  it('fails a transaction watching the key', () => {
    const { r, put, engine } = setup();
    put('k');
    r('expire', 'k', '100');
    const other = engine.createSession();
    engine.exec(other, ['watch', 'k']);
    r('persist', 'k');
    engine.exec(other, ['multi']);
    expect(engine.exec(other, ['exec'])).toBe(NULL_ARRAY);
  });
});
