// server commands. (being written)
import type { CommandDecl } from '../table.js';

export const serverCommands: CommandDecl[] = [];
