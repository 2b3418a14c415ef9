// The set group against redis-server: 50 seeds x 2,000 commands (see random-suite.ts), the set
// generators with a few writers of other types, keyspace commands and transactions mixed in, so
// WRONGTYPE, RENAME, COPY, MOVE, SWAPDB, OBJECT ENCODING, SCAN TYPE, expiry, RESP3 and MULTI meet sets.
import type { CommandGen } from './generator.js';
import { keysGens } from './gen-keys.js';
import { serverGens } from './gen-server.js';
import { setGens } from './gen-set.js';
import { stringGens } from './gen-string.js';
import { typeGens } from './gen-types.js';
import { randomSuite } from './random-suite.js';

/** Some generators of another group, their weights scaled so sets stay most of the sequence. */
const pick = (gens: CommandGen[], names: string[], scale = 1) =>
  gens.filter((c) => names.includes(c.name)).map((c) => ({ ...c, weight: c.weight * scale }));

const gens: CommandGen[] = [
  ...setGens,
  ...pick(stringGens, ['set', 'get', 'append', 'incr'], 0.15),
  ...pick(typeGens, ['sadd', 'lpush', 'zadd', 'smembers', 'hset', 'hgetall']),
  ...pick(keysGens, ['del', 'exists', 'type', 'rename', 'renamenx', 'copy', 'move', 'object', 'expire', 'pexpire', 'ttl', 'persist', 'scan'], 0.5),
  // Few db switches, so the sets of one db grow big enough to convert.
  ...pick(serverGens, ['select', 'swapdb', 'flushdb'], 0.3),
  ...pick(serverGens, ['multi', 'exec', 'discard', 'watch', 'unwatch', 'dbsize', 'hello']),
];

randomSuite('random set sequences against redis-server', { file: 'test/diff/random-set.test.ts', gens, seeds: 50, count: 2000, base: 5000 });
