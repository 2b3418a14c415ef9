// The list of command groups, nothing else. Each group file exports its declarations.
import type { CommandDecl } from '../table.js';
import { bitmapCommands } from './bitmap.js';
import { connectionCommands } from './connection.js';
import { dbCommands } from './db.js';
import { expireCommands } from './expire.js';
import { hashCommands } from './hash.js';
import { keysCommands } from './keys.js';
import { listCommands } from './list.js';
import { pubsubCommands } from './pubsub.js';
import { serverCommands } from './server.js';
import { setCommands } from './set.js';
import { stringCommands } from './string.js';
import { transactionCommands } from './transaction.js';
import { zsetCommands } from './zset.js';

export const allCommands: CommandDecl[] = [
  ...stringCommands,
  ...bitmapCommands,
  ...keysCommands,
  ...listCommands,
  ...hashCommands,
  ...setCommands,
  ...zsetCommands,
  ...expireCommands,
  ...dbCommands,
  ...transactionCommands,
  ...pubsubCommands,
  ...connectionCommands,
  ...serverCommands,
];
