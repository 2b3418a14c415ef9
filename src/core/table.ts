// The command table: the CommandDecl shape every command is declared with, and the name -> command
// map built from the declarations in commands/. COMMAND, arity checks and propagation read it.
import { atoi } from './bytes.js';
import type { Reply } from './reply.js';
import type { Ctx } from './engine.js';

/** Command flags, spelled as COMMAND INFO prints them. */
export type CommandFlag =
  | 'write' | 'readonly' | 'denyoom' | 'admin' | 'pubsub' | 'noscript' | 'blocking' | 'loading'
  | 'stale' | 'skip_monitor' | 'skip_slowlog' | 'asking' | 'fast' | 'no_auth' | 'may_replicate'
  | 'no_mandatory_keys' | 'no_multi' | 'movablekeys' | 'allow_busy' | 'no_async_loading';

/** ACL categories without the '@', in Redis's table order (acl.c ACLCommandCategories). */
export const ACL_CATEGORIES = [
  'keyspace', 'read', 'write', 'set', 'sortedset', 'list', 'hash', 'string', 'bitmap', 'hyperloglog',
  'geo', 'stream', 'pubsub', 'admin', 'fast', 'slow', 'blocking', 'dangerous', 'connection',
  'transaction', 'scripting',
] as const;
export type AclCategory = (typeof ACL_CATEGORIES)[number];

/** A key spec as COMMAND INFO prints it (Redis 7's key-specs). */
export interface KeySpec {
  /** Redis's note on the spec, printed first by COMMAND INFO (12 specs in 7.0 have one: SET, GETEX, SORT, ...). */
  notes?: string;
  flags: string[];
  begin_search:
    | { type: 'index'; spec: { index: number } }
    | { type: 'keyword'; spec: { keyword: string; startfrom: number } }
    | { type: 'unknown'; spec: Record<string, never> };
  find_keys:
    | { type: 'range'; spec: { lastkey: number; keystep: number; limit: number } }
    | { type: 'keynum'; spec: { keynumidx: number; firstkey: number; keystep: number } }
    | { type: 'unknown'; spec: Record<string, never> };
}

export type Handler = (ctx: Ctx, argv: string[]) => Reply;

/** One command, declared once. Everything else about it is derived from this. */
export interface CommandDecl {
  /** Lower-case name; subcommands are named `container|sub` as COMMAND prints them. */
  name: string;
  /** Redis's arity: N exactly N arguments including the name, -N at least N. */
  arity: number;
  flags: CommandFlag[];
  /** The group COMMAND DOCS reports (string, generic, bitmap, server, connection, transactions, ...). */
  group: string;
  since: string;
  /** COMMAND DOCS: 'deprecated' (with the version that deprecated it) or 'syscmd'. */
  docFlags?: Array<'deprecated' | 'syscmd'>;
  deprecatedSince?: string;
  /** Legacy key positions (first_key, last_key, step); omitted means no keys. */
  keys?: { first: number; last: number; step: number };
  keySpecs?: KeySpec[];
  /** Categories Redis's JSON lists explicitly; the implicit ones come from the flags. */
  acl?: AclCategory[];
  tips?: string[];
  /** For commands whose keys move (movablekeys): the indexes of the keys in argv. */
  getKeys?: (argv: string[]) => number[];
  /**
   * For a key spec flagged variable_flags: the flags the key at argv[pos] really has in this call
   * (Redis's getkeys_proc: SET with or without GET, BITFIELD read-only or not).
   */
  keyFlags?: (argv: string[], pos: number) => string[];
  handler?: Handler;
  subcommands?: CommandDecl[];
}

/** A table entry: the declaration plus what is derived from it once. */
export interface Command extends CommandDecl {
  aclCategories: string[];
  isWrite: boolean;
  isReadonly: boolean;
  parent?: Command;
  subs?: Map<string, Command>;
  /** Statistics for INFO commandstats. */
  calls: number;
  usec: number;
  rejectedCalls: number;
  failedCalls: number;
}

/** A key spec for the common case: keys from `index`, to `lastkey` (0 one key, -1 the last arg). */
export function ks(flags: string, index: number, lastkey = 0, keystep = 1, limit = 0): KeySpec {
  return {
    flags: flags.split(' '),
    begin_search: { type: 'index', spec: { index } },
    find_keys: { type: 'range', spec: { lastkey, keystep, limit } },
  };
}

/** A key spec whose count of keys is an argument (`numkeys`). */
export function ksKeynum(flags: string, index: number, keynumidx: number, firstkey: number, keystep = 1): KeySpec {
  return {
    flags: flags.split(' '),
    begin_search: { type: 'index', spec: { index } },
    find_keys: { type: 'keynum', spec: { keynumidx, firstkey, keystep } },
  };
}

/** A key spec whose keys follow a keyword (e.g. STORE). */
export function ksKeyword(flags: string, keyword: string, startfrom: number, lastkey = 0, keystep = 1, limit = 0): KeySpec {
  return {
    flags: flags.split(' '),
    begin_search: { type: 'keyword', spec: { keyword, startfrom } },
    find_keys: { type: 'range', spec: { lastkey, keystep, limit } },
  };
}

/** setImplicitACLCategories (server.c) plus the explicit ones, in the table's order. */
function aclCategoriesOf(decl: CommandDecl): string[] {
  const cats = new Set<string>(decl.acl ?? []);
  const f = new Set(decl.flags);
  if (f.has('write')) cats.add('write');
  else if (f.has('readonly') && !cats.has('scripting')) cats.add('read');
  if (f.has('admin')) {
    cats.add('admin');
    cats.add('dangerous');
  }
  if (f.has('pubsub')) cats.add('pubsub');
  if (f.has('fast')) cats.add('fast');
  if (f.has('blocking')) cats.add('blocking');
  if (!cats.has('fast')) cats.add('slow');
  return ACL_CATEGORIES.filter((c) => cats.has(c)).map((c) => '@' + c);
}

/**
 * Every field written in one order, the optional ones too: all commands then share one hidden
 * class, so the engine's reads of cmd.handler / cmd.arity / cmd.calls stay monomorphic under a mix
 * of commands (a spread gave each declaration shape its own class, and the mix went megamorphic).
 */
function toCommand(decl: CommandDecl, parent?: Command): Command {
  const cmd: Command = {
    name: decl.name,
    arity: decl.arity,
    flags: decl.flags,
    group: decl.group,
    since: decl.since,
    docFlags: decl.docFlags,
    deprecatedSince: decl.deprecatedSince,
    keys: decl.keys,
    keySpecs: decl.keySpecs,
    acl: decl.acl,
    tips: decl.tips,
    getKeys: decl.getKeys,
    keyFlags: decl.keyFlags,
    handler: decl.handler,
    subcommands: decl.subcommands,
    aclCategories: aclCategoriesOf(decl),
    isWrite: decl.flags.includes('write'),
    isReadonly: decl.flags.includes('readonly'),
    parent,
    subs: undefined,
    calls: 0,
    usec: 0,
    rejectedCalls: 0,
    failedCalls: 0,
  };
  if (decl.subcommands) {
    cmd.subs = new Map();
    for (const sub of decl.subcommands) cmd.subs.set(sub.name.slice(sub.name.indexOf('|') + 1), toCommand(sub, cmd));
  }
  return cmd;
}

/** The name -> command map. */
export class CommandTable {
  readonly commands = new Map<string, Command>();
  /** Lower- and upper-case spellings, so the usual lookups skip toLowerCase. */
  private readonly byExactName = new Map<string, Command>();

  constructor(decls: Iterable<CommandDecl>) {
    for (const decl of decls) {
      if (this.commands.has(decl.name)) throw new Error(`command declared twice: ${decl.name}`);
      const cmd = toCommand(decl);
      this.commands.set(decl.name, cmd);
      this.byExactName.set(decl.name, cmd);
      this.byExactName.set(decl.name.toUpperCase(), cmd);
    }
  }

  /**
   * The last name looked up and its command: a run of the same command (the usual load) skips the
   * hash lookup (about a sixth of an in-process GET in a profile).
   */
  private lastName: string | null = null;
  private lastCmd: Command | null = null;

  /** lookupCommand: the command, or for a container the subcommand named by argv[1]. */
  lookup(argv: string[]): Command | undefined {
    const name = argv[0];
    let cmd: Command | undefined;
    if (name === this.lastName) {
      cmd = this.lastCmd!; // null never equals a name: set together with lastName
    } else {
      cmd = this.byExactName.get(name);
      if (cmd === undefined) {
        cmd = this.commands.get(name.toLowerCase());
        if (cmd === undefined) return undefined;
      }
      this.lastName = name;
      this.lastCmd = cmd;
    }
    if (cmd.subs === undefined || argv.length === 1) return cmd;
    return cmd.subs.get(argv[1].toLowerCase());
  }

  /** Every command and subcommand. */
  *all(): Iterable<Command> {
    for (const cmd of this.commands.values()) {
      yield cmd;
      if (cmd.subs) yield* cmd.subs.values();
    }
  }
}

/** Key positions in argv (COMMAND GETKEYS, WATCH bookkeeping). */
export function keyPositions(cmd: Command, argv: string[]): number[] {
  if (cmd.getKeys) return cmd.getKeys(argv);
  const k = cmd.keys;
  if (!k || k.first === 0) return [];
  const last = k.last < 0 ? argv.length + k.last : k.last;
  const out: number[] = [];
  for (let i = k.first; i <= last && i < argv.length; i += k.step) out.push(i);
  return out;
}

/**
 * The getKeys of a numkeys command (genericGetKeys, zunionInterDiffGetKeys): argv[numkeysIdx] keys
 * after numkeys (read with atoi), preceded by the destination argv[1] when `withDest`; none when
 * numkeys is out of range.
 */
export function numkeysGetKeys(numkeysIdx: number, withDest = false): (argv: string[]) => number[] {
  return (argv) => {
    const num = atoi(argv[numkeysIdx] ?? '');
    const first = numkeysIdx + 1;
    if (num < 1 || num > argv.length - first) return [];
    const out: number[] = withDest ? [1] : [];
    for (let i = 0; i < num; i++) out.push(first + i);
    return out;
  };
}
