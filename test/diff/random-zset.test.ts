// The sorted set group against redis-server: 50 seeds x 2,000 commands (see random-suite.ts), the
// sorted set generators with a few writers of other types, keyspace commands, transactions and
// HELLO mixed in, so WRONGTYPE, RENAME, COPY, OBJECT ENCODING, expiry, MULTI (where the blocking
// pops do not block) and RESP3's doubles and nested pairs meet sorted sets.
import type { CommandGen } from './generator.js';
import { keysGens } from './gen-keys.js';
import { serverGens } from './gen-server.js';
import { stringGens } from './gen-string.js';
import { typeGens } from './gen-types.js';
import { zsetGens } from './gen-zset.js';
import { randomSuite } from './random-suite.js';

/** Some generators of another group, their weights scaled so sorted sets stay most of the sequence. */
const pick = (gens: CommandGen[], names: string[], scale = 1) =>
  gens.filter((c) => names.includes(c.name)).map((c) => ({ ...c, weight: c.weight * scale }));

const gens: CommandGen[] = [
  ...zsetGens,
  ...pick(stringGens, ['set', 'get', 'append'], 0.15),
  ...pick(typeGens, ['sadd', 'lpush', 'hset', 'zadd', 'zrange', 'smembers'], 1.5),
  ...pick(keysGens, ['del', 'exists', 'type', 'rename', 'renamenx', 'copy', 'move', 'object', 'expire', 'pexpire', 'ttl', 'persist'], 0.5),
  ...pick(serverGens, ['select', 'swapdb', 'flushdb', 'multi', 'exec', 'discard', 'watch', 'unwatch', 'dbsize', 'hello']),
];

randomSuite('random sorted set sequences against redis-server', { file: 'test/diff/random-zset.test.ts', gens, seeds: 50, count: 2000, base: 6000 });
