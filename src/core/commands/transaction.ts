// Transactions: MULTI EXEC DISCARD WATCH UNWATCH (multi.c). Queueing itself is in engine.exec.
import { ks, type CommandDecl } from '../table.js';
import { OK, type Reply } from '../reply.js';
import { fail } from '../errors.js';
import type { Ctx } from '../engine.js';

const TXN = ['noscript', 'loading', 'stale', 'fast', 'allow_busy'] as const;

// MULTI
function multiCommand(ctx: Ctx): Reply {
  const s = ctx.session;
  if (s.multi !== null) fail('ERR MULTI calls can not be nested');
  s.multi = [];
  return OK;
}

// EXEC
function execCommand(ctx: Ctx): Reply {
  if (ctx.session.multi === null) fail('ERR EXEC without MULTI');
  const replies = ctx.engine.execTransaction(ctx.session);
  // The queued commands propagated their own effects; EXEC itself changes nothing.
  ctx.preventPropagation = true;
  return replies;
}

// DISCARD
function discardCommand(ctx: Ctx): Reply {
  if (ctx.session.multi === null) fail('ERR DISCARD without MULTI');
  ctx.engine.discardTransaction(ctx.session);
  return OK;
}

// WATCH key [key ...]
function watchCommand(ctx: Ctx, argv: string[]): Reply {
  const s = ctx.session;
  if (s.multi !== null) fail('ERR WATCH inside MULTI is not allowed');
  // No point in watching if the transaction already failed.
  if (s.dirtyCas) return OK;
  for (let i = 1; i < argv.length; i++) ctx.engine.watchKey(s, ctx.db, argv[i]);
  return OK;
}

// UNWATCH
function unwatchCommand(ctx: Ctx): Reply {
  ctx.engine.unwatchAllKeys(ctx.session);
  ctx.session.dirtyCas = false;
  return OK;
}

export const transactionCommands: CommandDecl[] = [
  { name: 'multi', arity: 1, flags: [...TXN], group: 'transactions', since: '1.2.0', acl: ['transaction'], handler: multiCommand },
  { name: 'exec', arity: 1, flags: ['noscript', 'loading', 'stale', 'skip_slowlog'], group: 'transactions', since: '1.2.0', acl: ['transaction'], handler: execCommand },
  { name: 'discard', arity: 1, flags: [...TXN], group: 'transactions', since: '2.0.0', acl: ['transaction'], handler: discardCommand },
  {
    name: 'watch', arity: -2, flags: [...TXN], group: 'transactions', since: '2.2.0', acl: ['transaction'],
    keys: { first: 1, last: -1, step: 1 }, keySpecs: [ks('RO', 1, -1)], handler: watchCommand,
  },
  { name: 'unwatch', arity: 1, flags: [...TXN], group: 'transactions', since: '2.2.0', acl: ['transaction'], handler: unwatchCommand },
];
