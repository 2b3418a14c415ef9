// COMMAND, COMMAND COUNT/LIST/INFO/DOCS/GETKEYS/GETKEYSANDFLAGS/HELP (server.c), all built from
// the command table: flags, key specs and ACL categories as each command declares them.
import { eqi } from '../args.js';
import { fail, lower } from '../errors.js';
import { MapReply, SetReply, SimpleString, helpReply, type Reply } from '../reply.js';
import { compileGlob } from '../structures/glob.js';
import type { Command, CommandDecl, CommandTable, Handler, KeySpec } from '../table.js';
import type { Ctx } from '../engine.js';

// ---- Command table API -----------------------------------------------------------------------

/** The order COMMAND INFO prints flags in (addReplyCommandFlags), whatever the declaration's order. */
const FLAG_ORDER = [
  'write', 'readonly', 'denyoom', 'module', 'admin', 'pubsub', 'noscript', 'blocking', 'loading', 'stale',
  'skip_monitor', 'skip_slowlog', 'asking', 'fast', 'no_auth', 'may_replicate', 'no_mandatory_keys',
  'no_async_loading', 'no_multi', 'movablekeys', 'allow_busy',
];

/** The order key-spec flags are printed in (addReplyFlagsForKeyArgs). */
const KEY_FLAG_ORDER = ['RW', 'RO', 'OW', 'RM', 'access', 'update', 'insert', 'delete', 'not_key', 'incomplete', 'variable_flags'];

function ordered(flags: Iterable<string>, order: string[]): string[] {
  const set = new Set(flags);
  return order.filter((f) => set.has(f));
}

/**
 * The key specs of a command. A declaration with legacy `keys` but no `keySpecs` gets the range
 * spec those positions describe, with RW or RO for flags (Redis would know better: declare them).
 */
export function keySpecsOf(cmd: CommandDecl): KeySpec[] {
  if (cmd.keySpecs) return cmd.keySpecs;
  const k = cmd.keys;
  if (!k || k.first === 0) return [];
  return [
    {
      flags: [cmd.flags.includes('write') ? 'RW' : 'RO'],
      begin_search: { type: 'index', spec: { index: k.first } },
      find_keys: { type: 'range', spec: { lastkey: k.last < 0 ? k.last : k.last - k.first, keystep: k.step, limit: 0 } },
    },
  ];
}

/** populateCommandMovableKeys: keys found by a function, or by a spec that is not index + range. */
function hasMovableKeys(cmd: Command): boolean {
  if (cmd.getKeys || cmd.flags.includes('movablekeys')) return true;
  for (const s of keySpecsOf(cmd)) if (s.begin_search.type !== 'index' || s.find_keys.type !== 'range') return true;
  return false;
}

/** The flags COMMAND INFO prints, movablekeys included, in Redis's order. */
export function commandFlagsOf(cmd: Command): string[] {
  const flags: string[] = [...cmd.flags];
  if (hasMovableKeys(cmd)) flags.push('movablekeys');
  return ordered(flags, FLAG_ORDER);
}

function status(items: string[]): SimpleString[] {
  return items.map((s) => new SimpleString(s));
}

function keySpecReply(spec: KeySpec): MapReply {
  const bs = spec.begin_search;
  const beginSpec: Array<[Reply, Reply]> =
    bs.type === 'index' ? [['index', bs.spec.index]]
    : bs.type === 'keyword' ? [['keyword', bs.spec.keyword], ['startfrom', bs.spec.startfrom]]
    : [];
  const fk = spec.find_keys;
  const findSpec: Array<[Reply, Reply]> =
    fk.type === 'range' ? [['lastkey', fk.spec.lastkey], ['keystep', fk.spec.keystep], ['limit', fk.spec.limit]]
    : fk.type === 'keynum' ? [['keynumidx', fk.spec.keynumidx], ['firstkey', fk.spec.firstkey], ['keystep', fk.spec.keystep]]
    : [];
  const entries: Array<[Reply, Reply]> = spec.notes === undefined ? [] : [['notes', spec.notes]];
  entries.push(
    ['flags', new SetReply(status(ordered(spec.flags, KEY_FLAG_ORDER)))],
    ['begin_search', new MapReply([['type', bs.type], ['spec', new MapReply(beginSpec)]])],
    ['find_keys', new MapReply([['type', fk.type], ['spec', new MapReply(findSpec)]])],
  );
  return new MapReply(entries);
}

/** A table's commands are fixed once built, so each one's COMMAND INFO reply is built once. */
const infoCache = new WeakMap<Command, Reply[]>();

/** addReplyCommandInfo: the ten fields of COMMAND INFO for one command. */
export function commandInfoReply(cmd: Command): Reply[] {
  let r = infoCache.get(cmd);
  if (r !== undefined) return r;
  const k = cmd.keys ?? { first: 0, last: 0, step: 0 };
  r = [
    cmd.name,
    cmd.arity,
    new SetReply(status(commandFlagsOf(cmd))),
    k.first,
    k.last,
    k.step,
    new SetReply(status(cmd.aclCategories)),
    new SetReply(cmd.tips ? [...cmd.tips] : []),
    new SetReply(keySpecsOf(cmd).map(keySpecReply)),
    cmd.subs ? [...cmd.subs.values()].map(commandInfoReply) : new SetReply([]),
  ];
  infoCache.set(cmd, r);
  return r;
}

/**
 * addReplyCommandDocs: what we know without Redis's prose. Summary, complexity, history and
 * argument docs are not part of our declarations, so only since, group, doc flags and the
 * subcommands are given.
 */
function commandDocsReply(cmd: Command): MapReply {
  const entries: Array<[Reply, Reply]> = [
    ['since', cmd.since],
    ['group', cmd.group],
  ];
  if (cmd.docFlags) entries.push(['doc_flags', new SetReply(status(cmd.docFlags))]);
  if (cmd.deprecatedSince) entries.push(['deprecated_since', cmd.deprecatedSince]);
  if (cmd.subs) {
    const subs: Array<[Reply, Reply]> = [];
    for (const sub of cmd.subs.values()) subs.push([sub.name, commandDocsReply(sub)]);
    entries.push(['subcommands', new MapReply(subs)]);
  }
  return new MapReply(entries);
}

/** lookupCommandBySds: `name` or `container|sub`, without case. */
export function lookupCommandByName(table: CommandTable, name: string): Command | undefined {
  const parts = lower(name).split('|');
  if (parts.length > 2) return undefined;
  const base = table.commands.get(parts[0]);
  if (parts.length === 1 || base === undefined) return base;
  return base.subs?.get(parts[1]);
}

/** A key found in argv, with the flags of the key spec that found it. */
export interface KeyRef {
  pos: number;
  flags: string[];
}

/**
 * getKeysUsingKeySpecs: the keys every spec finds, or null when a spec cannot be followed (an
 * unknown spec, a bad numkeys, positions past the end, or an incomplete spec).
 */
function keysFromSpecs(specs: KeySpec[], argv: string[], partial: boolean): KeyRef[] | null {
  const argc = argv.length;
  const keys: KeyRef[] = [];
  for (const spec of specs) {
    if (spec.flags.includes('not_key')) continue;
    let first = 0;
    const bs = spec.begin_search;
    if (bs.type === 'index') {
      first = bs.spec.index;
    } else if (bs.type === 'keyword') {
      const from = bs.spec.startfrom;
      const start = from > 0 ? from : argc + from;
      const end = from > 0 ? argc - 1 : 1;
      for (let i = start; i !== end; i = start <= end ? i + 1 : i - 1) {
        if (i >= argc || i < 1) break;
        if (eqi(argv[i], bs.spec.keyword.toLowerCase())) {
          first = i + 1;
          break;
        }
      }
      if (first === 0) continue;
    } else {
      if (partial) continue;
      return null;
    }
    let last: number;
    let step: number;
    const fk = spec.find_keys;
    if (fk.type === 'range') {
      step = fk.spec.keystep;
      if (fk.spec.lastkey >= 0) last = first + fk.spec.lastkey;
      else if (!fk.spec.limit) last = argc + fk.spec.lastkey;
      else last = first + (Math.trunc((argc - first) / fk.spec.limit) + fk.spec.lastkey);
    } else if (fk.type === 'keynum') {
      step = fk.spec.keystep;
      if (fk.spec.keynumidx >= argc - first) {
        if (partial) continue;
        return null;
      }
      const n = parseNumkeys(argv[first + fk.spec.keynumidx]);
      if (n === null) {
        if (partial) continue;
        return null;
      }
      first += fk.spec.firstkey;
      last = first + n - 1;
    } else {
      if (partial) continue;
      return null;
    }
    if (last >= argc || last < first || first >= argc) {
      if (partial) continue;
      return null;
    }
    for (let i = first; i <= last; i += step) keys.push({ pos: i, flags: spec.flags });
    if (spec.flags.includes('incomplete') && !partial) return null;
  }
  return keys;
}

function parseNumkeys(s: string): number | null {
  if (!/^(0|-?[1-9][0-9]{0,17})$/.test(s)) return null;
  const n = Number(s);
  return n < 0 ? null : n;
}

/** doesCommandHaveKeys: a key finder, or a key spec for something that is a key. */
function commandHasKeys(cmd: Command): boolean {
  return cmd.getKeys !== undefined || keySpecsOf(cmd).some((s) => !s.flags.includes('not_key'));
}

/**
 * getKeysFromCommandWithSpecs: the key specs when they can be followed, else the command's own
 * key finder (or, without one, the specs as far as they go). A finder gives positions only; each
 * position takes the flags of the spec that finds it, else those of the last spec (the optional
 * STORE-like key that made the specs incomplete).
 */
export function getKeysFromCommand(cmd: Command, argv: string[]): KeyRef[] {
  const keys = keysOfCommand(cmd, argv);
  const exact = cmd.keyFlags;
  return exact === undefined ? keys : keys.map((k) => ({ pos: k.pos, flags: exact(argv, k.pos) }));
}

function keysOfCommand(cmd: Command, argv: string[]): KeyRef[] {
  const specs = keySpecsOf(cmd);
  const hasSpec = specs.some((s) => !s.flags.includes('not_key'));
  const varFlags = specs.some((s) => s.flags.includes('variable_flags'));
  if (hasSpec && !varFlags) {
    const keys = keysFromSpecs(specs, argv, false);
    if (keys !== null) return keys;
  }
  // Redis's key finders state each key's exact flags; ours give positions, so a key takes the
  // flags of the spec that finds it (less variable_flags, which only says a finder knows better).
  const partial = (keysFromSpecs(specs, argv, true) ?? []).map((k) => ({ pos: k.pos, flags: k.flags.filter((f) => f !== 'variable_flags') }));
  if (!cmd.getKeys) return varFlags ? partial : [];
  const fallback = specs.length ? specs[specs.length - 1].flags : [];
  return cmd.getKeys(argv).map((pos) => ({ pos, flags: partial.find((k) => k.pos === pos)?.flags ?? fallback }));
}

// ---- Commands --------------------------------------------------------------------------------

// COMMAND
function commandCommand(ctx: Ctx): Reply {
  const out: Reply[] = [];
  for (const cmd of ctx.engine.table.commands.values()) out.push(commandInfoReply(cmd));
  return out;
}

// COMMAND COUNT
function commandCountCommand(ctx: Ctx): Reply {
  return ctx.engine.table.commands.size;
}

// COMMAND LIST [FILTERBY <MODULE module-name | ACLCAT category | PATTERN pattern>]
function commandListCommand(ctx: Ctx, argv: string[]): Reply {
  let filter: ((cmd: Command) => boolean) | null = null;
  for (let i = 2; i < argv.length; i++) {
    if (!eqi(argv[i], 'filterby') || argv.length - 1 - i !== 2) fail('ERR syntax error');
    const type = argv[i + 1];
    const arg = argv[i + 2];
    if (eqi(type, 'module')) {
      filter = () => false; // No modules are ever loaded.
    } else if (eqi(type, 'aclcat')) {
      const cat = '@' + lower(arg);
      filter = (cmd) => cmd.aclCategories.includes(cat);
    } else if (eqi(type, 'pattern')) {
      const match = compileGlob(arg, true);
      filter = (cmd) => match(cmd.name);
    } else {
      fail('ERR syntax error');
    }
    i += 2;
  }
  const out: string[] = [];
  for (const cmd of ctx.engine.table.all()) if (filter === null || filter(cmd)) out.push(cmd.name);
  return out;
}

// COMMAND INFO [command-name ...]
function commandInfoCommand(ctx: Ctx, argv: string[]): Reply {
  if (argv.length === 2) return commandCommand(ctx);
  const out: Reply[] = [];
  for (let i = 2; i < argv.length; i++) {
    const cmd = lookupCommandByName(ctx.engine.table, argv[i]);
    out.push(cmd ? commandInfoReply(cmd) : null);
  }
  return out;
}

// COMMAND DOCS [command-name ...]
function commandDocsCommand(ctx: Ctx, argv: string[]): Reply {
  const entries: Array<[Reply, Reply]> = [];
  if (argv.length === 2) {
    for (const cmd of ctx.engine.table.commands.values()) entries.push([cmd.name, commandDocsReply(cmd)]);
  } else {
    for (let i = 2; i < argv.length; i++) {
      const cmd = lookupCommandByName(ctx.engine.table, argv[i]);
      if (cmd) entries.push([cmd.name, commandDocsReply(cmd)]);
    }
  }
  return new MapReply(entries);
}

/** getKeysSubcommandImpl: the command named by argv[2...] and its keys. */
function getKeysSubcommand(ctx: Ctx, argv: string[], withFlags: boolean): Reply {
  const args = argv.slice(2);
  const cmd = ctx.engine.table.lookup(args);
  if (cmd === undefined) fail('ERR Invalid command specified');
  if (!commandHasKeys(cmd)) fail('ERR The command has no key arguments');
  if ((cmd.arity > 0 && cmd.arity !== args.length) || args.length < -cmd.arity) {
    fail('ERR Invalid number of arguments specified for command');
  }
  const keys = getKeysFromCommand(cmd, args);
  if (keys.length === 0) {
    if (cmd.flags.includes('no_mandatory_keys')) return [];
    fail('ERR Invalid arguments specified for command');
  }
  return keys.map((k) => (withFlags ? [args[k.pos], new SetReply(status(ordered(k.flags, KEY_FLAG_ORDER)))] : args[k.pos]));
}

// COMMAND GETKEYS command [arg [arg ...]]
function commandGetkeysCommand(ctx: Ctx, argv: string[]): Reply {
  return getKeysSubcommand(ctx, argv, false);
}

// COMMAND GETKEYSANDFLAGS command [arg [arg ...]]
function commandGetkeysandflagsCommand(ctx: Ctx, argv: string[]): Reply {
  return getKeysSubcommand(ctx, argv, true);
}

const COMMAND_HELP = [
  '(no subcommand)',
  '    Return details about all Redis commands.',
  'COUNT',
  '    Return the total number of commands in this Redis server.',
  'LIST',
  '    Return a list of all commands in this Redis server.',
  'INFO [<command-name> ...]',
  '    Return details about multiple Redis commands.',
  '    If no command names are given, documentation details for all',
  '    commands are returned.',
  'DOCS [<command-name> ...]',
  '    Return documentation details about multiple Redis commands.',
  '    If no command names are given, documentation details for all',
  '    commands are returned.',
  'GETKEYS <full-command>',
  '    Return the keys from a full Redis command.',
  'GETKEYSANDFLAGS <full-command>',
  '    Return the keys and the access flags from a full Redis command.',
];

// COMMAND HELP
function commandHelpCommand(): Reply {
  return helpReply('COMMAND', COMMAND_HELP);
}

/** COMMAND and its subcommands share their flags, group and categories. */
function decl(name: string, arity: number, since: string, handler: Handler, tips?: string[]): CommandDecl {
  return { name, arity, flags: ['loading', 'stale'], group: 'server', since, acl: ['connection'], tips, handler };
}

const ORDER_TIP = ['nondeterministic_output_order'];

export const commandCommands: CommandDecl[] = [
  {
    ...decl('command', -1, '2.8.13', commandCommand, ORDER_TIP),
    subcommands: [
      decl('command|count', 2, '2.8.13', commandCountCommand),
      decl('command|docs', -2, '7.0.0', commandDocsCommand, ORDER_TIP),
      decl('command|getkeys', -4, '2.8.13', commandGetkeysCommand),
      decl('command|getkeysandflags', -4, '7.0.0', commandGetkeysandflagsCommand),
      decl('command|help', 2, '5.0.0', commandHelpCommand),
      decl('command|info', -2, '2.8.13', commandInfoCommand, ORDER_TIP),
      decl('command|list', -2, '7.0.0', commandListCommand, ORDER_TIP),
    ],
  },
];
