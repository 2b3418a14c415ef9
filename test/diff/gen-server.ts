// Generators for databases (SELECT SWAPDB FLUSHDB FLUSHALL DBSIZE), transactions (MULTI EXEC
// DISCARD WATCH UNWATCH) and connection/server commands (PING ECHO TIME COMMAND CONFIG GET CLIENT
// HELLO INFO), plus unknown commands.
import type { Call } from './call.js';
import type { CommandGen, G } from './generator.js';

const CONFIG_PARAMS = [
  'databases', 'maxmemory', 'maxmemory-policy', 'timeout', 'notify-keyspace-events', 'proto-max-bulk-len',
  'DATABASES', 'Maxmemory', 'nosuch-param', 'maxmemory-p*', 'databas?s',
];

/** Commands COMMAND INFO is asked about: ours only (Redis's table is the reference), and unknowns. */
const INFO_NAMES = [
  'get', 'set', 'GET', 'getex', 'mset', 'lcs', 'bitfield', 'bitfield_ro', 'bitop', 'del', 'copy', 'scan', 'expire',
  'object|encoding', 'exec', 'multi', 'watch', 'ping', 'echo', 'hello', 'select', 'flushall', 'keys', 'incrbyfloat',
  'substr', 'nosuch', '',
];

/** A random data command's argv, for COMMAND GETKEYS. */
const GETKEYS_SAMPLES: Array<(g: G) => string[]> = [
  (g) => ['set', g.key(), 'v', 'EX', '10'],
  (g) => ['mset', g.key(), '1', g.key(), '2'],
  (g) => ['mget', ...g.keys(1, 3)],
  (g) => ['lcs', g.key(), g.key()],
  (g) => ['bitop', 'and', g.key(), g.key(), g.key()],
  (g) => ['copy', g.key(), g.key(), 'DB', '1'],
  (g) => ['get', g.key()],
  (g) => ['get', g.key(), g.key()],
  (g) => ['ping', g.key()],
  () => ['get'],
  (g) => ['nosuch', g.key()],
  (g) => ['mset', g.key()],
  (g) => ['watch', ...g.keys(1, 3)],
  (g) => ['object', 'encoding', g.key()],
  (g) => ['bitfield_ro', g.key(), 'GET', 'u8', '0'],
  (g) => ['rename', g.key(), g.key()],
];

function helloCall(g: G): Call {
  const x = g.r.float();
  let args: string[];
  if (x < 0.45) args = ['3'];
  else if (x < 0.85) args = ['2'];
  else if (x < 0.9) args = [];
  else if (x < 0.95) args = [g.pick(['4', '1', '0', 'abc', '-1', '3.0'])];
  else args = [g.pick(['2', '3']), g.pick([['SETNAME', 'n1'], ['SETNAME', 'bad name'], ['AUTH', 'default', 'pw'], ['FOO']])].flat();
  return g.call([g.name('hello'), ...args], 'hello');
}

export const serverGens: CommandGen[] = [
  // Databases
  { name: 'select', weight: 4, gen: (g) => g.call([g.name('select'), g.dbIndex()]) },
  { name: 'swapdb', weight: 2, gen: (g) => g.call([g.name('swapdb'), g.dbIndex(), g.dbIndex()]) },
  {
    name: 'flushdb', weight: 0.6,
    gen: (g) => g.call([g.name('flushdb'), ...(g.chance(0.5) ? [] : [g.pick(['ASYNC', 'sync', 'FOO'])])]),
  },
  {
    name: 'flushall', weight: 0.15,
    gen: (g) => {
      g.flushedAll();
      return g.call([g.name('flushall'), ...(g.chance(0.5) ? [] : [g.pick(['async', 'SYNC', 'FOO'])])]);
    },
  },
  { name: 'dbsize', weight: 4, gen: (g) => g.call([g.name('dbsize')]) },
  // Transactions
  { name: 'multi', weight: 4, mainOnly: true, gen: (g) => g.call([g.name('multi')]) },
  { name: 'exec', weight: 0.8, mainOnly: true, gen: (g) => g.call([g.name('exec')]) },
  { name: 'discard', weight: 0.5, mainOnly: true, gen: (g) => g.call([g.name('discard')]) },
  { name: 'watch', weight: 3, mainOnly: true, gen: (g) => g.call([g.name('watch'), ...g.keys(1, 3)]) },
  { name: 'unwatch', weight: 1, mainOnly: true, gen: (g) => g.call([g.name('unwatch')]) },
  // Connection and server
  {
    name: 'ping', weight: 2,
    gen: (g) => g.call([g.name('ping'), ...(g.chance(0.5) ? [] : [g.value()]), ...(g.chance(0.05) ? ['x'] : [])]),
  },
  { name: 'echo', weight: 2, gen: (g) => (g.usePool(0.1), g.call([g.name('echo'), g.value()])) },
  { name: 'time', weight: 1, gen: (g) => g.call([g.name('time')], 'shape') },
  { name: 'command', sub: 'count', weight: 0.5, gen: (g) => g.call([g.name('command'), g.name('count')], 'shape') },
  {
    name: 'command', sub: 'info', weight: 1.5,
    gen: (g) => {
      const names = INFO_NAMES.filter((n) => n === 'nosuch' || n === '' || g.supported(...(n.toLowerCase().split('|') as [string, string?])));
      const picked = [g.pick(names), ...(g.chance(0.3) ? [g.pick(names)] : [])];
      return g.call([g.name('command'), g.name('info'), ...picked]);
    },
  },
  {
    name: 'command', sub: 'getkeys', weight: 1.5,
    gen: (g) => g.call([g.name('command'), g.name('getkeys'), ...g.pick(GETKEYS_SAMPLES)(g)]),
  },
  {
    name: 'config', sub: 'get', weight: 1.5,
    gen: (g) => {
      const params = [g.pick(CONFIG_PARAMS), ...(g.chance(0.3) ? [g.pick(CONFIG_PARAMS)] : [])];
      return g.call([g.name('config'), g.name('get'), ...params], 'pairs');
    },
  },
  { name: 'client', sub: 'getname', weight: 1, gen: (g) => g.call([g.name('client'), g.name('getname')]) },
  {
    name: 'client', sub: 'setname', weight: 1,
    gen: (g) => g.call([g.name('client'), g.name('setname'), g.pick(['conn-a', 'x', '', 'has space', 'nl\nx', 'é', '\x7f'])]),
  },
  { name: 'client', sub: 'id', weight: 0.5, gen: (g) => g.call([g.name('client'), g.name('id')], 'shape') },
  { name: 'hello', weight: 1.5, noMulti: true, mainOnly: true, gen: helloCall },
  { name: 'info', weight: 0.3, gen: (g) => g.call([g.name('info'), ...(g.chance(0.5) ? [] : [g.pick(['keyspace', 'server', 'nosuch'])])], 'shape') },
  {
    // An unknown command: Redis quotes the name and up to 128 bytes of arguments, CR/LF blanked.
    name: 'unknown', weight: 1, always: true,
    gen: (g) => g.call([g.pick(['nosuch', 'GETT', '', 'x\r\ny', 'ß']), ...g.keys(0, 2).map((k) => k + g.pick(['', 'v', 'x'.repeat(130)]))]),
  },
];
