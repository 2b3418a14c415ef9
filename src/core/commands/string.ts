// String commands (t_string.c): "String API" helpers, then the commands.
import { ks, type CommandDecl } from '../table.js';
import type { Reply } from '../reply.js';
import type { Ctx } from '../engine.js';

// ---- String API ------------------------------------------------------------------------------

/** getGenericCommand: the value of a string key, null when missing, WRONGTYPE otherwise. */
export function getStringOrNull(ctx: Ctx, key: string): string | null {
  const o = ctx.lookupReadOfType(key, 'string');
  return o === undefined ? null : (o.value as string);
}

// ---- Commands --------------------------------------------------------------------------------

// GET key
function getCommand(ctx: Ctx, argv: string[]): Reply {
  return getStringOrNull(ctx, argv[1]);
}

export const stringCommands: CommandDecl[] = [
  {
    name: 'get', arity: 2, flags: ['readonly', 'fast'], group: 'string', since: '1.0.0', acl: ['string'],
    keys: { first: 1, last: 1, step: 1 }, keySpecs: [ks('RO access', 1)], handler: getCommand,
  },
];
