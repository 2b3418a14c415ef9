// The hash group against redis-server: 50 seeds x 2,000 commands (see random-suite.ts), the hash
// generators with a few writers of other types, keyspace commands and transactions mixed in, so
// WRONGTYPE, RENAME, COPY, MOVE, SWAPDB, OBJECT ENCODING, SCAN TYPE, expiry and MULTI meet hashes.
import type { CommandGen } from './generator.js';
import { hashGens } from './gen-hash.js';
import { keysGens } from './gen-keys.js';
import { serverGens } from './gen-server.js';
import { stringGens } from './gen-string.js';
import { typeGens } from './gen-types.js';
import { randomSuite } from './random-suite.js';

/** Some generators of another group, their weights scaled so hashes stay most of the sequence. */
const pick = (gens: CommandGen[], names: string[], scale = 1) =>
  gens.filter((c) => names.includes(c.name)).map((c) => ({ ...c, weight: c.weight * scale }));

const gens: CommandGen[] = [
  ...hashGens,
  ...pick(stringGens, ['set', 'get', 'append', 'incr'], 0.15),
  ...pick(typeGens, ['sadd', 'lpush', 'zadd', 'smembers', 'hset', 'hgetall']),
  ...pick(keysGens, ['del', 'exists', 'type', 'rename', 'renamenx', 'copy', 'move', 'object', 'expire', 'pexpire', 'ttl', 'persist', 'scan'], 0.5),
  ...pick(serverGens, ['select', 'swapdb', 'flushdb', 'multi', 'exec', 'discard', 'watch', 'unwatch', 'dbsize']),
];

randomSuite('random hash sequences against redis-server', { file: 'test/diff/random-hash.test.ts', gens, seeds: 50, count: 2000, base: 4000 });
