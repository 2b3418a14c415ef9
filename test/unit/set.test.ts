import { describe, expect, it } from 'vitest';
import { ErrorReply, SetReply, type Reply } from '../../src/core/index.js';
import { codecOf } from '../../src/core/codec.js';
import { IntSet } from '../../src/core/structures/intset.js';
import { testEngine } from './harness.js';

const err = (m: string) => new ErrorReply(m);
const WRONGTYPE = err('WRONGTYPE Operation against a key holding the wrong kind of value');
const SYNTAX = err('ERR syntax error');
const NOT_INTEGER = err('ERR value is not an integer or out of range');
const NOT_POSITIVE = err('ERR value is out of range, must be positive');
const set = (...items: string[]) => new SetReply(items);

/** A seeded LCG in [0, 1), so random picks are the same on every run. */
function seeded(seed = 42): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

const setup = () => testEngine({ random: seeded() });

/** The members of a set reply or array, sorted. */
const sorted = (r: Reply): string[] => [...((r instanceof SetReply ? r.items : r) as string[])].sort();
const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => String(from + i));

describe('SADD and the encodings', () => {
  it('a set of canonical integers is an intset that replies in ascending numeric order', () => {
    const { r, enc } = setup();
    expect(r('sadd', 's', '10', '-3', '9223372036854775807', '-9223372036854775808', '9007199254740993', '0', '2')).toBe(7);
    expect(enc('s')).toBe('intset');
    expect(r('smembers', 's')).toEqual(set('-9223372036854775808', '-3', '0', '2', '10', '9007199254740993', '9223372036854775807'));
    expect(r('sadd', 's', '10', '2')).toBe(0);
    expect(r('sismember', 's', '9007199254740993')).toBe(1);
    expect(r('sismember', 's', '9007199254740992')).toBe(0);
  });

  it('a non-canonical integer makes a hashtable, at creation or later, and it never converts back', () => {
    const { r, enc } = setup();
    for (const m of ['+1', '01', '-0', ' 1', '1 ', '9223372036854775808', '', 'a', '\x00']) {
      r('del', 'h');
      r('sadd', 'h', m);
      expect([m, enc('h')]).toEqual([m, 'hashtable']);
    }
    r('sadd', 'i', '1', '2');
    r('sadd', 'i', '01');
    expect(enc('i')).toBe('hashtable');
    r('srem', 'i', '01');
    expect(enc('i')).toBe('hashtable');
    expect(sorted(r('smembers', 'i'))).toEqual(['1', '2']);
  });

  it('an intset converts past set-max-intset-entries members', () => {
    const { r, enc } = setup();
    r('sadd', 's', ...range(0, 512));
    expect(enc('s')).toBe('intset');
    r('sadd', 's', '512');
    expect(enc('s')).toBe('hashtable');
    r('config', 'set', 'set-max-intset-entries', '2');
    r('sadd', 't', '1', '2');
    expect(enc('t')).toBe('intset');
    r('sadd', 't', '3');
    expect(enc('t')).toBe('hashtable');
  });

  it('an intset never finds a non-canonical spelling of its members', () => {
    const { r } = setup();
    r('sadd', 's', '1', '0');
    expect(r('smismember', 's', '1', '01', '+1', '1.0', ' 1', '0', '-0')).toEqual([1, 0, 0, 0, 0, 1, 0]);
    expect(r('srem', 's', '01', '-0')).toBe(0);
  });

  it('SADD notifies sadd and propagates only when something was added', () => {
    const { r, effects, events } = setup();
    expect(r('sadd', 's', 'a', 'a', 'b')).toBe(2);
    expect(events()).toEqual(['sadd:s']);
    expect(effects()).toEqual([['sadd', 's', 'a', 'a', 'b']]);
    expect(r('sadd', 's', 'a')).toBe(0);
    expect(events()).toEqual([]);
    expect(effects()).toEqual([]);
  });

  it('every set command refuses a key of another type', () => {
    const { r, hash } = setup();
    hash('h');
    const calls = [
      ['sadd', 'h', 'a'], ['srem', 'h', 'a'], ['smove', 'h', 'x', 'a'], ['sismember', 'h', 'a'], ['smismember', 'h', 'a'], ['scard', 'h'],
      ['spop', 'h'], ['spop', 'h', '2'], ['srandmember', 'h'], ['srandmember', 'h', '2'], ['smembers', 'h'], ['sinter', 'h'], ['sintercard', '1', 'h'],
      ['sinterstore', 'd', 'h'], ['sunion', 'h'], ['sunionstore', 'd', 'h'], ['sdiff', 'h'], ['sdiffstore', 'd', 'h'], ['sscan', 'h', '0'],
    ];
    for (const c of calls) expect([c, r(...c)]).toEqual([c, WRONGTYPE]);
  });
});

describe('SREM and SMOVE', () => {
  it('SREM deletes the emptied key, notifying srem then del', () => {
    const { r, effects, events } = setup();
    r('sadd', 's', 'a', 'b');
    effects();
    events();
    expect(r('srem', 's', 'a', 'b', 'c')).toBe(2);
    expect(r('exists', 's')).toBe(0);
    expect(events()).toEqual(['srem:s', 'del:s']);
    expect(effects()).toEqual([['srem', 's', 'a', 'b', 'c']]);
    expect(r('srem', 's', 'a')).toBe(0);
    expect(effects()).toEqual([]);
  });

  it('SMOVE moves a member, creates the destination with the encoding its member calls for', () => {
    const { r, enc, events, effects } = setup();
    r('sadd', 's', '1', 'a');
    events();
    effects();
    expect(r('smove', 's', 'd', '1')).toBe(1);
    expect(enc('d')).toBe('intset');
    expect(events()).toEqual(['srem:s', 'sadd:d']);
    expect(effects()).toEqual([['smove', 's', 'd', '1']]);
    expect(r('smove', 's', 'd', 'a')).toBe(1);
    expect(events()).toEqual(['srem:s', 'del:s', 'sadd:d']);
    expect(effects()).toEqual([['smove', 's', 'd', 'a']]);
    expect(enc('d')).toBe('hashtable');
    expect(r('smove', 'd', 'd', 'a')).toBe(1);
    expect(r('smove', 'd', 'd', 'zz')).toBe(0);
    expect(r('smove', 'missing', 'd', 'a')).toBe(0);
    expect(effects()).toEqual([]);
  });

  it('SMOVE of a member the destination has already removes it from the source only', () => {
    const { r, events } = setup();
    r('sadd', 's', 'a', 'b');
    r('sadd', 'd', 'a');
    events();
    expect(r('smove', 's', 'd', 'a')).toBe(1);
    expect(events()).toEqual(['srem:s']);
    expect(r('smembers', 's')).toEqual(set('b'));
  });

  it('SMOVE checks both types before moving anything', () => {
    const { r, hash } = setup();
    hash('h');
    r('sadd', 's', 'a');
    expect(r('smove', 's', 'h', 'a')).toEqual(WRONGTYPE);
    expect(r('smove', 'h', 's', 'a')).toEqual(WRONGTYPE);
    expect(r('smove', 'missing', 'h', 'a')).toBe(0);
    expect(r('sismember', 's', 'a')).toBe(1);
  });
});

describe('SPOP', () => {
  it('pops one member, propagated as the SREM of it; the last one deletes the key', () => {
    const { r, effects, events } = setup();
    r('sadd', 's', 'a', 'b');
    effects();
    events();
    const m = r('spop', 's') as string;
    expect(['a', 'b']).toContain(m);
    expect(effects()).toEqual([['SREM', 's', m]]);
    expect(events()).toEqual(['spop:s']);
    const last = r('spop', 's') as string;
    expect(last).toBe(m === 'a' ? 'b' : 'a');
    expect(events()).toEqual(['spop:s', 'del:s']);
    expect(r('exists', 's')).toBe(0);
    expect(r('spop', 's')).toBe(null);
    expect(effects()).toEqual([['SREM', 's', last]]);
  });

  it('with a count below the size, propagates one SREM per popped member', () => {
    const { r, effects } = setup();
    r('sadd', 's', ...range(0, 100));
    effects();
    const popped = (r('spop', 's', '10') as SetReply).items as string[];
    expect(new Set(popped).size).toBe(10);
    expect(effects()).toEqual(popped.map((m) => ['SREM', 's', m]));
    expect(r('scard', 's')).toBe(90);
    for (const m of popped) expect(r('sismember', 's', m)).toBe(0);
  });

  it('with a count close to the size, keeps a new set of the rest (encoding as Redis creates it) and the TTL', () => {
    const { r, effects, enc, ttl } = setup();
    r('sadd', 's', ...range(0, 700));
    r('expire', 's', '100');
    const when = ttl('s');
    effects();
    const popped = (r('spop', 's', '690') as SetReply).items as string[];
    expect(new Set(popped).size).toBe(690);
    expect(r('scard', 's')).toBe(10);
    expect(enc('s')).toBe('intset');
    expect(ttl('s')).toBe(when);
    const rest = sorted(r('smembers', 's'));
    expect([...popped, ...rest].sort()).toEqual(range(0, 700).sort());
    expect(effects().length).toBe(690);
  });

  it('with a count covering the set, replies the whole set (ascending when it is all integers) and propagates DEL', () => {
    const { r, effects, events } = setup();
    r('sadd', 's', 'x', '30', '-2', '10');
    r('srem', 's', 'x');
    effects();
    events();
    expect(r('spop', 's', '100')).toEqual(set('-2', '10', '30'));
    expect(effects()).toEqual([['DEL', 's']]);
    expect(events()).toEqual(['spop:s', 'del:s']);
    expect(r('exists', 's')).toBe(0);
  });

  it('count errors, zero, and a missing key', () => {
    const { r, effects } = setup();
    r('sadd', 's', 'a');
    expect(r('spop', 's', '-1')).toEqual(NOT_POSITIVE);
    expect(r('spop', 's', 'abc')).toEqual(NOT_POSITIVE);
    expect(r('spop', 's', '9223372036854775808')).toEqual(NOT_POSITIVE);
    expect(r('spop', 's', '1', '2')).toEqual(SYNTAX);
    effects();
    expect(r('spop', 's', '0')).toEqual(set());
    expect(r('spop', 'missing', '5')).toEqual(set());
    expect(effects()).toEqual([]);
    expect(r('spop', 's', '9223372036854775807')).toEqual(set('a'));
  });
});

describe('SRANDMEMBER', () => {
  it('without a count: one member, or null', () => {
    const { r } = setup();
    expect(r('srandmember', 's')).toBe(null);
    r('sadd', 's', 'a', 'b', 'c');
    for (let i = 0; i < 20; i++) expect(['a', 'b', 'c']).toContain(r('srandmember', 's'));
  });

  it('a positive count gives distinct members; one covering the set gives it all, in its order', () => {
    const { r } = setup();
    r('sadd', 'i', '5', '1', '3');
    expect(r('srandmember', 'i', '3')).toEqual(['1', '3', '5']);
    expect(r('srandmember', 'i', '9223372036854775807')).toEqual(['1', '3', '5']);
    r('sadd', 'b', ...range(0, 5000).map((n) => `m${n}`));
    for (const n of [1, 2, 10, 1000, 2000, 4999]) {
      const picks = r('srandmember', 'b', String(n)) as string[];
      expect(picks.length).toBe(n);
      expect(new Set(picks).size).toBe(n);
      for (const p of picks.slice(0, 50)) expect(p.startsWith('m')).toBe(true);
    }
  });

  it('a negative count gives that many picks, repeats allowed, over the whole set', () => {
    const { r } = setup();
    r('sadd', 's', 'a', 'b', 'c');
    const picks = r('srandmember', 's', '-300') as string[];
    expect(picks.length).toBe(300);
    expect([...new Set(picks)].sort()).toEqual(['a', 'b', 'c']);
    r('sadd', 'big', ...range(0, 3000));
    const many = r('srandmember', 'big', '-30000') as string[];
    expect(many.length).toBe(30000);
    expect(new Set(many).size).toBeGreaterThan(2900);
  });

  it('counts: zero, a missing key, errors, and the one count Redis refuses', () => {
    const { r } = setup();
    r('sadd', 's', 'a');
    expect(r('srandmember', 's', '0')).toEqual([]);
    expect(r('srandmember', 'missing', '-5')).toEqual([]);
    expect(r('srandmember', 's', 'x')).toEqual(NOT_INTEGER);
    expect(r('srandmember', 's', '9223372036854775808')).toEqual(NOT_INTEGER);
    expect(r('srandmember', 's', '-9223372036854775808')).toEqual(
      err('ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807'),
    );
    expect(r('srandmember', 's', '1', '2')).toEqual(SYNTAX);
  });

  it('refuses a negative count past 2^24 picks instead of running out of memory (Redis would try)', () => {
    const { r } = setup();
    r('sadd', 's', 'a');
    expect(r('srandmember', 's', '-9223372036854775807')).toEqual(err('ERR value is out of range'));
    expect(r('srandmember', 'missing', '-9223372036854775807')).toEqual([]);
  });

  it('uses the engine random source: the same seed gives the same picks', () => {
    const a = setup();
    const b = setup();
    for (const t of [a, b]) t.r('sadd', 's', ...range(0, 2000));
    expect(a.r('srandmember', 's', '-20')).toEqual(b.r('srandmember', 's', '-20'));
    expect(a.r('spop', 's', '5')).toEqual(b.r('spop', 's', '5'));
  });
});

describe('SINTER, SUNION, SDIFF and their STORE forms', () => {
  it('an intersection reads the smallest set, an intset in ascending order', () => {
    const { r } = setup();
    r('sadd', 'a', '5', '3', '1', '9');
    r('sadd', 'b', 'x', '9', '1', '3', 'y', 'z');
    expect(r('sinter', 'b', 'a')).toEqual(set('1', '3', '9'));
    expect(r('sinter', 'a', 'missing')).toEqual(set());
    expect(r('sinter', 'a', 'a')).toEqual(set('1', '3', '5', '9'));
  });

  it('SUNION and SDIFF build an intset while the result is all integers', () => {
    const { r } = setup();
    r('sadd', 'a', '5', '3');
    r('sadd', 'h', 'x', '9', '1');
    r('srem', 'h', 'x');
    expect(r('sunion', 'h', 'a', 'missing')).toEqual(set('1', '3', '5', '9'));
    expect(r('sdiff', 'h', 'a')).toEqual(set('1', '9'));
    expect(r('sdiff', 'a', 'a')).toEqual(set());
    expect(r('sdiff', 'missing', 'a')).toEqual(set());
  });

  it('STORE replaces a key of any type, drops its TTL, and notifies', () => {
    const { r, enc, ttl, events, effects } = setup();
    r('set', 'd', 'v', 'EX', '100');
    r('sadd', 'a', '1', '2');
    events();
    effects();
    expect(r('sunionstore', 'd', 'a')).toBe(2);
    expect(enc('d')).toBe('intset');
    expect(ttl('d')).toBe(undefined);
    expect(events()).toEqual(['sunionstore:d']);
    expect(effects()).toEqual([['sunionstore', 'd', 'a']]);
    expect(r('sinterstore', 'd', 'a', 'missing')).toBe(0);
    expect(events()).toEqual(['del:d']);
    expect(effects()).toEqual([['sinterstore', 'd', 'a', 'missing']]);
    expect(r('sinterstore', 'd', 'a', 'missing')).toBe(0);
    expect(effects()).toEqual([]);
    expect(r('sdiffstore', 'd', 'a')).toBe(2);
    expect(events()).toEqual(['sdiffstore:d']);
    expect(r('sdiffstore', 'd', 'a', 'a')).toBe(0);
    expect(events()).toEqual(['del:d']);
  });

  it("SDIFFSTORE leaves a hashtable where Redis's second algorithm adds a non-integer and removes it", () => {
    const { r, enc } = setup();
    r('sadd', 'd0', '1', 'q', '2', '3');
    r('sadd', 'x1', 'q');
    r('sadd', 'x2', 'zz');
    r('sadd', 'x3', 'yy');
    r('sdiffstore', 'r', 'd0', 'x1', 'x2', 'x3');
    expect(enc('r')).toBe('hashtable');
    r('sdiffstore', 'r', 'd0', 'x1', 'x2');
    expect(enc('r')).toBe('intset');
  });

  it('SINTERCARD counts up to LIMIT and checks its arguments', () => {
    const { r } = setup();
    r('sadd', 'a', '1', '2', '3', 'x');
    r('sadd', 'b', '2', '3', 'x');
    expect(r('sintercard', '2', 'a', 'b')).toBe(3);
    expect(r('sintercard', '2', 'a', 'b', 'LIMIT', '2')).toBe(2);
    expect(r('sintercard', '2', 'a', 'b', 'limit', '0')).toBe(3);
    expect(r('sintercard', '2', 'a', 'missing')).toBe(0);
    expect(r('sintercard', '0', 'a')).toEqual(err('ERR numkeys should be greater than 0'));
    expect(r('sintercard', '3', 'a', 'b')).toEqual(err("ERR Number of keys can't be greater than number of args"));
    expect(r('sintercard', '9223372036854775807', 'a')).toEqual(err("ERR Number of keys can't be greater than number of args"));
    expect(r('sintercard', '1', 'a', 'LIMIT', '-1')).toEqual(err("ERR LIMIT can't be negative"));
    expect(r('sintercard', '1', 'a', 'LIMIT')).toEqual(SYNTAX);
    expect(r('sintercard', '1', 'a', 'b')).toEqual(SYNTAX);
    expect(r('command', 'getkeys', 'sintercard', '2', 'a', 'b', 'LIMIT', '1')).toEqual(['a', 'b']);
  });
});

describe('SSCAN', () => {
  it('an intset answers whole with cursor 0, whatever the cursor and COUNT', () => {
    const { r } = setup();
    r('sadd', 's', '30', '-2', '10');
    expect(r('sscan', 's', '0', 'count', '1')).toEqual(['0', ['-2', '10', '30']]);
    expect(r('sscan', 's', '777')).toEqual(['0', ['-2', '10', '30']]);
    expect(r('sscan', 's', '0', 'match', '*0')).toEqual(['0', ['10', '30']]);
  });

  it('checks the cursor before the key and the options after it', () => {
    const { r, hash } = setup();
    hash('h');
    r('sadd', 's', 'a');
    expect(r('sscan', 'h', 'x')).toEqual(err('ERR invalid cursor'));
    expect(r('sscan', 'h', '0', 'count', '0')).toEqual(WRONGTYPE);
    expect(r('sscan', 'missing', '0', 'count', '0')).toEqual(['0', []]);
    expect(r('sscan', 's', '0', 'count', '0')).toEqual(SYNTAX);
    expect(r('sscan', 's', '0', 'type', 'set')).toEqual(SYNTAX);
  });

  it('returns every member present for the whole iteration while members are added and removed', () => {
    const { r } = setup();
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
    r('sadd', 's', ...range(0, 3000).map((n) => `stable${n}`), ...range(0, 3000).map((n) => `churn${n}`));
    const stable = new Set(range(0, 3000).map((n) => `stable${n}`));
    const seen = new Set<string>();
    let cursor = '0';
    let pages = 0;
    let added = 0;
    do {
      const [next, members] = r('sscan', 's', cursor, 'count', '17') as [string, string[]];
      for (const m of members) seen.add(m);
      cursor = next;
      pages++;
      // Between pages: churn members come and go, new ones arrive, a few stable ones leave (and
      // are then no longer "present for the whole iteration").
      for (let j = 0; j < 40; j++) {
        const c = `churn${rand(3000)}`;
        if (r('srem', 's', c) === 0) r('sadd', 's', c);
        r('sadd', 's', `new${added++}`);
        if (rand(20) === 0) {
          const s = `stable${rand(3000)}`;
          r('srem', 's', s);
          stable.delete(s);
        }
      }
      if (pages > 100_000) throw new Error('SSCAN did not terminate');
    } while (cursor !== '0');
    for (const m of stable) expect(seen.has(m)).toBe(true);
    // It ends once it has visited as many members as the set held at the start.
    expect(pages).toBeLessThanOrEqual(Math.ceil(6000 / 17) + 1);
  });

  it('a set replaced under an iteration (SPOP of most of it) starts it over instead of skipping', () => {
    const { r } = setup();
    r('sadd', 's', ...range(0, 600).map((n) => `m${n}`));
    const [cursor] = r('sscan', 's', '0', 'count', '10') as [string, string[]];
    r('spop', 's', '590');
    const left = sorted(r('smembers', 's'));
    const [next, members] = r('sscan', 's', cursor, 'count', '100') as [string, string[]];
    expect(next).toBe('0');
    expect([...members].sort()).toEqual(left);
  });
});

describe('COPY and snapshots', () => {
  it('COPY makes a private set of the same encoding', () => {
    const { r, enc } = setup();
    r('sadd', 'i', '1', '2');
    r('sadd', 'h', 'a', '1');
    r('copy', 'i', 'i2');
    r('copy', 'h', 'h2');
    expect([enc('i2'), enc('h2')]).toEqual(['intset', 'hashtable']);
    r('sadd', 'i2', '3');
    r('srem', 'h2', 'a');
    expect(r('smembers', 'i')).toEqual(set('1', '2'));
    expect(sorted(r('smembers', 'h'))).toEqual(['1', 'a']);
  });

  it('the codec loads a set of integers as an intset, as rdbLoad does, and the rest as a hashtable', () => {
    const { engine, r } = setup();
    const codec = codecOf('set');
    const db = engine.keyspace.dbs[0];
    r('sadd', 'h', 'x', '30', '-2', '9223372036854775807');
    r('srem', 'h', 'x');
    const h = codec.decode(codec.encode(db.dict.get('h')!), engine);
    expect(h.enc).toBe('intset');
    expect((h.value as IntSet).toStrings()).toEqual(['-2', '30', '9223372036854775807']);
    r('sadd', 'm', 'a', '1');
    expect(codec.decode(codec.encode(db.dict.get('m')!), engine).enc).toBe('hashtable');
    r('sadd', 'b', ...range(0, 600));
    const b = codec.decode(codec.encode(db.dict.get('b')!), engine);
    expect(b.enc).toBe('hashtable');
    expect((b.value as Set<string>).size).toBe(600);
  });
});
