// bitmap commands. (being written)
import type { CommandDecl } from '../table.js';

export const bitmapCommands: CommandDecl[] = [];
