// Every command generator of the differential tests, and the check of which our engine has.
import { createEngine } from '../../src/core/index.js';
import type { CommandGen } from './generator.js';
import { bitmapGens } from './gen-bitmap.js';
import { hashGens } from './gen-hash.js';
import { keysGens } from './gen-keys.js';
import { listGens } from './gen-list.js';
import { serverGens } from './gen-server.js';
import { setGens } from './gen-set.js';
import { stringGens } from './gen-string.js';
import { typeGens } from './gen-types.js';
import { zsetGens } from './gen-zset.js';

export const allGens: CommandGen[] = [...stringGens, ...bitmapGens, ...keysGens, ...serverGens, ...typeGens, ...listGens, ...hashGens, ...setGens, ...zsetGens];

/** Whether our engine's table has the command (and subcommand). */
export function engineSupports(): (name: string, sub?: string) => boolean {
  const table = createEngine().table;
  return (name, sub) => {
    const cmd = table.lookup(sub === undefined ? [name] : [name, sub]);
    return cmd !== undefined && (sub === undefined || cmd.parent !== undefined);
  };
}

/** The commands the foundation issue lists: the generators draw from those our engine has. */
export const FOUNDATION: Array<[string, string?]> = [
  ...'get set setnx setex psetex getset getdel getex mget mset msetnx append strlen setrange getrange substr incr decr incrby decrby incrbyfloat lcs'.split(' ').map((n): [string] => [n]),
  ...'setbit getbit bitcount bitpos bitop bitfield bitfield_ro'.split(' ').map((n): [string] => [n]),
  ...'del unlink exists type rename renamenx copy move keys scan randomkey touch expire pexpire expireat pexpireat ttl pttl expiretime pexpiretime persist'.split(' ').map((n): [string] => [n]),
  ['object', 'encoding'], ['object', 'freq'], ['object', 'idletime'], ['object', 'refcount'], ['object', 'help'],
  ...'select swapdb flushdb flushall dbsize multi exec discard watch unwatch ping echo time hello info'.split(' ').map((n): [string] => [n]),
  ['command', 'count'], ['command', 'info'], ['command', 'getkeys'], ['config', 'get'],
  ['client', 'getname'], ['client', 'setname'], ['client', 'id'],
];
