// Generators for the keyspace commands (db.c, expire.c, object.c): DEL UNLINK EXISTS TYPE RENAME
// RENAMENX COPY MOVE KEYS SCAN RANDOMKEY TOUCH, the EXPIRE family with NX XX GT LT, TTL PTTL
// EXPIRETIME PEXPIRETIME PERSIST, and OBJECT.
import type { CommandGen, G } from './generator.js';

/** Two keys of one pool, so big values never reach the keys LCS reads. */
function twoKeys(g: G): [string, string] {
  g.usePool(0.05);
  return [g.key(), g.key()];
}

function expireFlags(g: G): string[] {
  const n = g.pick([0, 0, 0, 1, 1, 1, 2]);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(g.chance(0.95) ? g.cased(g.pick(['nx', 'xx', 'gt', 'lt'])) : g.pick(['FOO', 'KEEPTTL', '']));
  return out;
}

const SCAN_TYPES = ['string', 'list', 'set', 'zset', 'hash', 'stream', 'STRING', 'none', 'nosuch', ''];

function scanOptions(g: G): string[] {
  const out: string[] = [];
  const n = g.pick([0, 1, 1, 2, 2, 3]);
  for (let i = 0; i < n; i++) {
    const x = g.r.float();
    if (x < 0.4) out.push(g.cased('match'), g.pattern());
    else if (x < 0.75) out.push(g.cased('count'), g.pick(['1', '2', '3', '5', '10', '100', '1000']));
    else out.push(g.cased('type'), g.pick(SCAN_TYPES));
  }
  return out;
}

/** What OBJECT is asked, with the comparison its reply needs. */
function objectCall(g: G) {
  const x = g.r.float();
  if (x < 0.55) return g.call([g.name('object'), g.name('encoding'), g.key()]);
  if (x < 0.7) return g.call([g.name('object'), g.name('refcount'), g.key()]);
  if (x < 0.8) return g.call([g.name('object'), g.name('freq'), g.key()]);
  if (x < 0.9) return g.call([g.name('object'), g.name('idletime'), g.key()], 'shape');
  if (x < 0.95) return g.call([g.name('object'), g.name('help')]);
  return g.call([g.name('object'), g.pick(['nosuch', 'encoding', 'help']), g.key(), 'extra']);
}

export const keysGens: CommandGen[] = [
  { name: 'del', weight: 7, gen: (g) => (g.usePool(0.05), g.call([g.name('del'), ...g.keys(1, 4)])) },
  { name: 'unlink', weight: 3, gen: (g) => (g.usePool(0.05), g.call([g.name('unlink'), ...g.keys(1, 3)])) },
  { name: 'exists', weight: 5, gen: (g) => g.call([g.name('exists'), ...g.keys(1, 4)]) },
  { name: 'type', weight: 5, gen: (g) => g.call([g.name('type'), g.key()]) },
  {
    name: 'rename', weight: 4,
    gen: (g) => {
      const [a, b] = twoKeys(g);
      g.wrote(b, g.lenOf(a));
      return g.call([g.name('rename'), a, b]);
    },
  },
  {
    name: 'renamenx', weight: 3,
    gen: (g) => {
      const [a, b] = twoKeys(g);
      g.wrote(b, g.lenOf(a));
      return g.call([g.name('renamenx'), a, b]);
    },
  },
  {
    name: 'copy', weight: 5,
    gen: (g) => {
      const [a, b] = twoKeys(g);
      g.wrote(b, g.lenOf(a));
      const opts: string[] = [];
      const n = g.pick([0, 0, 1, 1, 2, 3]);
      for (let i = 0; i < n; i++) {
        const x = g.r.float();
        if (x < 0.45) opts.push(g.cased('db'), g.dbIndex());
        else if (x < 0.9) opts.push(g.cased('replace'));
        else opts.push(g.pick(['DB', 'FOO', 'NX']));
      }
      return g.call([g.name('copy'), a, b, ...opts]);
    },
  },
  { name: 'move', weight: 4, gen: (g) => (g.usePool(0.05), g.call([g.name('move'), g.key(), g.dbIndex()])) },
  { name: 'keys', weight: 4, gen: (g) => g.call([g.name('keys'), g.pattern()], 'sorted') },
  {
    name: 'scan', weight: 5, noMulti: true,
    gen: (g) => {
      if (g.chance(0.85)) return g.call([g.name('scan'), '0', ...scanOptions(g)], 'exact', 'scanAll');
      // Malformed cursors and options: the first reply is an error on both sides. ('' is cursor 0.)
      const bad = g.pick([
        ['abc'], [' 1'], ['1.5'], ['0x1'], ['0', 'COUNT', '0'], ['0', 'COUNT', '-1'], ['0', 'COUNT', 'abc'],
        ['0', 'MATCH'], ['0', 'FOO', 'bar'], ['0', 'COUNT'], ['0', 'TYPE'],
      ]);
      return g.call([g.name('scan'), ...bad], 'scan-page');
    },
  },
  { name: 'randomkey', weight: 3, gen: (g) => g.call([g.name('randomkey')], 'key-or-null') },
  { name: 'touch', weight: 3, gen: (g) => g.call([g.name('touch'), ...g.keys(1, 3)]) },
  {
    name: 'expire', weight: 6,
    gen: (g) => g.call([g.name('expire'), g.key(), g.seconds(true), ...expireFlags(g)]),
  },
  {
    name: 'pexpire', weight: 5,
    gen: (g) => {
      const key = g.key();
      return g.call([g.name('pexpire'), key, g.millis(key, true), ...expireFlags(g)]);
    },
  },
  {
    name: 'expireat', weight: 5,
    gen: (g) => {
      const key = g.key();
      return g.call([g.name('expireat'), key, g.unixSeconds(key, false), ...expireFlags(g)]);
    },
  },
  {
    name: 'pexpireat', weight: 5,
    gen: (g) => {
      const key = g.key();
      return g.call([g.name('pexpireat'), key, g.unixMillis(key, false), ...expireFlags(g)]);
    },
  },
  { name: 'ttl', weight: 6, gen: (g) => g.call([g.name('ttl'), g.key()], 'approx-s') },
  { name: 'pttl', weight: 5, gen: (g) => g.call([g.name('pttl'), g.key()], 'approx-ms') },
  { name: 'expiretime', weight: 4, gen: (g) => g.call([g.name('expiretime'), g.key()], 'approx-s') },
  { name: 'pexpiretime', weight: 4, gen: (g) => g.call([g.name('pexpiretime'), g.key()], 'approx-ms') },
  { name: 'persist', weight: 4, gen: (g) => g.call([g.name('persist'), g.key()]) },
  { name: 'object', weight: 6, gen: objectCall },
];
