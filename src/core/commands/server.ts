// Server commands: TIME here; INFO (info.ts), CONFIG (config.ts) and COMMAND (command.ts) live in
// files of their own and are gathered into this group. DBSIZE, FLUSHDB, FLUSHALL, SWAPDB and
// SELECT are in db.ts; SAVE, BGSAVE, BGREWRITEAOF and LASTSAVE in persistence.ts.
import type { Reply } from '../reply.js';
import type { CommandDecl } from '../table.js';
import type { Ctx } from '../engine.js';
import { commandCommands } from './command.js';
import { configCommands } from './config.js';
import { infoCommands } from './info.js';
import { persistenceCommands } from './persistence.js';

// TIME
function timeCommand(ctx: Ctx): Reply {
  // Redis reads the clock anew (gettimeofday); our clocks count milliseconds.
  const ms = ctx.engine.clock();
  return [String(Math.floor(ms / 1000)), String(Math.floor((ms % 1000) * 1000))];
}

export const serverCommands: CommandDecl[] = [
  {
    name: 'time', arity: 1, flags: ['loading', 'stale', 'fast'], group: 'server', since: '2.6.0',
    tips: ['nondeterministic_output'], handler: timeCommand,
  },
  ...infoCommands,
  ...configCommands,
  ...commandCommands,
  ...persistenceCommands,
];
