// Two test-only commands over a minimal list value, to drive the engine's blocking machinery apart
// from the list and zset groups: BPOPT key... timeout pops the first element of the first non-empty
// key (propagated as POPT key), PUSHT key value appends, creating the key through ctx.add as dbAdd
// does, which signals the keys blocked clients wait on; STORET key value stores through setKey.
import { getTimeoutOrError } from '../../src/core/args.js';
import { RObj } from '../../src/core/keyspace.js';
import { NULL_ARRAY, type Reply } from '../../src/core/reply.js';
import type { Ctx } from '../../src/core/engine.js';
import type { CommandDecl } from '../../src/core/table.js';

function bpopt(ctx: Ctx, argv: string[]): Reply {
  const deadline = getTimeoutOrError(ctx, argv[argv.length - 1]);
  const keys = argv.slice(1, -1);
  for (const key of keys) {
    const o = ctx.lookupWriteOfType(key, 'list');
    if (o === undefined) continue;
    const items = o.value as string[];
    const v = items.shift()!;
    if (items.length === 0) ctx.deleteKey(key);
    ctx.dirty++;
    ctx.rewrite(['POPT', key]);
    return [key, v];
  }
  if (!ctx.canBlock) return NULL_ARRAY;
  return ctx.block(argv, keys, deadline, NULL_ARRAY);
}

function pusht(ctx: Ctx, argv: string[]): Reply {
  const o = ctx.lookupWriteOfType(argv[1], 'list');
  if (o === undefined) ctx.add(argv[1], new RObj('list', [argv[2]], 'quicklist', 0));
  else (o.value as string[]).push(argv[2]);
  ctx.dirty++;
  return 1;
}

/** STORET key value: replaces the key with a one-element list through setKey (a STORE's path). */
function storet(ctx: Ctx, argv: string[]): Reply {
  ctx.setKey(argv[1], new RObj('list', [argv[2]], 'quicklist', 0));
  ctx.dirty++;
  return 1;
}

export const blockingTestCommands: CommandDecl[] = [
  { name: 'storet', arity: 3, flags: ['write'], group: 'list', since: '1.0.0', handler: storet },
  { name: 'bpopt', arity: -3, flags: ['write', 'blocking'], group: 'list', since: '1.0.0', handler: bpopt },
  { name: 'pusht', arity: 3, flags: ['write'], group: 'list', since: '1.0.0', handler: pusht },
];

