// CONFIG GET/SET/RESETSTAT/REWRITE/HELP (config.c) and the parameters localredis keeps, with
// Redis 7.0's defaults, parsing, bounds and error texts. Values live in engine.config, under the
// canonical name, as the strings CONFIG GET prints; the groups that honour a parameter read them
// there (Number(engine.config.get('hash-max-listpack-entries'))), or through configValue(), which
// also covers requirepass and databases (kept on the engine itself).
import { parseLongLong } from '../bytes.js';
import { eqi } from '../args.js';
import { fail, sanitize } from '../errors.js';
import { MapReply, OK, helpReply, type Reply } from '../reply.js';
import { compileGlob } from '../structures/glob.js';
import type { CommandDecl } from '../table.js';
import type { Ctx, Engine } from '../engine.js';
import { persistenceOf } from '../persistence-control.js';

// ---- Config API ------------------------------------------------------------------------------

/** A CONFIG SET value that does not parse: the text after "CONFIG SET failed (...) - ". */
class Invalid {
  constructor(readonly reason: string) {}
}

interface Param {
  name: string;
  /** Redis 7.0's old name for it (ziplist -> listpack), accepted everywhere. */
  alias?: string;
  immutable?: boolean;
  default: string;
  /** The value to store for a CONFIG SET argument, or why it is refused. */
  parse(value: string): string | Invalid;
  /** Where the value lives when it is not engine.config (requirepass, databases). */
  get?(engine: Engine): string;
  set?(engine: Engine, value: string): void;
}

const INT_MAX = 2147483647n;
const INT_MIN = -2147483648n;
const LONG_MAX = 9223372036854775807n;
const ULLONG_MAX = 18446744073709551615n;
const TWO_64 = 18446744073709551616n;

/** A numeric config (createIntConfig, createSizeTConfig, ...). Unsigned types compare as C's unsigned. */
function numeric(min: bigint, max: bigint, opts: { memory?: boolean; unsigned?: boolean } = {}) {
  return (value: string): string | Invalid => {
    let v: bigint | null;
    if (opts.memory) {
      v = memtoull(value);
      if (v === null) return new Invalid('argument must be a memory value');
      // memtoull's unsigned result lands in a long long first; signed types see it wrapped.
      if (!opts.unsigned && v > LONG_MAX) v -= TWO_64;
    } else {
      const n = parseLongLong(value);
      if (n === null) return new Invalid("argument couldn't be parsed into an integer");
      v = BigInt(n);
      if (opts.unsigned && v < 0n) v += TWO_64;
    }
    if (v < min || v > max) return new Invalid(`argument must be between ${min} and ${max} inclusive`);
    return String(v);
  };
}

/** memtoull (util.c): digits then an optional unit b k kb m mb g gb; wraps past 2^64 as C does. */
function memtoull(s: string): bigint | null {
  if (s.charCodeAt(0) === 45 /* - */) return null;
  let u = 0;
  while (u < s.length && s.charCodeAt(u) >= 48 && s.charCodeAt(u) <= 57) u++;
  const unit = s.slice(u).toLowerCase();
  const mul = MEMORY_UNITS[unit];
  if (mul === undefined) return null;
  // strtoull saturates at ULLONG_MAX; the multiplication then wraps.
  let v = u === 0 ? 0n : BigInt(s.slice(0, u));
  if (v > ULLONG_MAX) v = ULLONG_MAX;
  return (v * mul) % TWO_64;
}

const MEMORY_UNITS: Record<string, bigint> = {
  '': 1n, b: 1n, k: 1000n, kb: 1024n, m: 1000000n, mb: 1048576n, g: 1000000000n, gb: 1073741824n,
};

function bool(value: string): string | Invalid {
  if (eqi(value, 'yes')) return 'yes';
  if (eqi(value, 'no')) return 'no';
  return new Invalid("argument must be 'yes' or 'no'");
}

function oneOf(...names: string[]) {
  const reason = `argument(s) must be one of the following: ${names.join(', ')}`;
  return (value: string): string | Invalid => {
    for (const n of names) if (eqi(value, n)) return n;
    return new Invalid(reason);
  };
}

/** setConfigSaveOption: "seconds changes" pairs split on single spaces, seconds >= 1, changes >= 0. */
function parseSave(value: string): string | Invalid {
  if (value === '') return '';
  const args = value.split(' ');
  if (args.length === 1 && args[0] === '') return '';
  if (args.length & 1) return new Invalid('Invalid save parameters');
  const out: bigint[] = [];
  for (let j = 0; j < args.length; j++) {
    const v = strtoll(args[j]);
    if (v === null || ((j & 1) === 0 && v < 1n) || ((j & 1) === 1 && v < 0n)) return new Invalid('Invalid save parameters');
    out.push(v);
  }
  return out.join(' ');
}

/** C's strtoll over a whole string (leading space, a sign, digits; "" is 0), saturating; null on junk. */
function strtoll(s: string): bigint | null {
  const m = /^[ \t\n\v\f\r]*([+-]?)(\d*)$/.exec(s);
  if (m === null || (m[2] === '' && m[1] !== '')) return null;
  let v = m[2] === '' ? 0n : BigInt(m[2]);
  if (m[1] === '-') v = -v;
  if (v > LONG_MAX) v = LONG_MAX;
  if (v < -LONG_MAX - 1n) v = -LONG_MAX - 1n;
  return v;
}

// notify-keyspace-events (notify.c): the classes as bits, in Redis's order.
export const NOTIFY_KEYSPACE = 1 << 0; // K
export const NOTIFY_KEYEVENT = 1 << 1; // E
export const NOTIFY_GENERIC = 1 << 2; // g
export const NOTIFY_STRING = 1 << 3; // $
export const NOTIFY_LIST = 1 << 4; // l
export const NOTIFY_SET = 1 << 5; // s
export const NOTIFY_HASH = 1 << 6; // h
export const NOTIFY_ZSET = 1 << 7; // z
export const NOTIFY_EXPIRED = 1 << 8; // x
export const NOTIFY_EVICTED = 1 << 9; // e
export const NOTIFY_STREAM = 1 << 10; // t
export const NOTIFY_KEY_MISS = 1 << 11; // m
export const NOTIFY_MODULE = 1 << 12; // d
export const NOTIFY_NEW = 1 << 13; // n
/** 'A': every type class; key-miss and new-key events must be asked for by name. */
export const NOTIFY_ALL =
  NOTIFY_GENERIC | NOTIFY_STRING | NOTIFY_LIST | NOTIFY_SET | NOTIFY_HASH | NOTIFY_ZSET | NOTIFY_EXPIRED |
  NOTIFY_EVICTED | NOTIFY_STREAM | NOTIFY_MODULE;

const NOTIFY_CHARS: Record<string, number> = {
  A: NOTIFY_ALL, g: NOTIFY_GENERIC, $: NOTIFY_STRING, l: NOTIFY_LIST, s: NOTIFY_SET, h: NOTIFY_HASH,
  z: NOTIFY_ZSET, x: NOTIFY_EXPIRED, e: NOTIFY_EVICTED, K: NOTIFY_KEYSPACE, E: NOTIFY_KEYEVENT,
  t: NOTIFY_STREAM, m: NOTIFY_KEY_MISS, d: NOTIFY_MODULE, n: NOTIFY_NEW,
};

/** keyspaceEventsStringToFlags: the bits of a class string, or -1 for an unknown character. */
export function keyspaceEventsStringToFlags(classes: string): number {
  let flags = 0;
  for (let i = 0; i < classes.length; i++) {
    const f = NOTIFY_CHARS[classes[i]];
    if (f === undefined) return -1;
    flags |= f;
  }
  return flags;
}

/** keyspaceEventsFlagsToString: the canonical spelling CONFIG GET prints. */
export function keyspaceEventsFlagsToString(flags: number): string {
  let res = '';
  if ((flags & NOTIFY_ALL) === NOTIFY_ALL) {
    res += 'A';
  } else {
    const order: Array<[number, string]> = [
      [NOTIFY_GENERIC, 'g'], [NOTIFY_STRING, '$'], [NOTIFY_LIST, 'l'], [NOTIFY_SET, 's'], [NOTIFY_HASH, 'h'],
      [NOTIFY_ZSET, 'z'], [NOTIFY_EXPIRED, 'x'], [NOTIFY_EVICTED, 'e'], [NOTIFY_STREAM, 't'],
      [NOTIFY_MODULE, 'd'], [NOTIFY_NEW, 'n'],
    ];
    for (const [bit, ch] of order) if (flags & bit) res += ch;
  }
  if (flags & NOTIFY_KEYSPACE) res += 'K';
  if (flags & NOTIFY_KEYEVENT) res += 'E';
  if (flags & NOTIFY_KEY_MISS) res += 'm';
  return res;
}

/** The class string as given: its flags may hold more than CONFIG GET shows ('n' under 'A'). */
function parseNotify(value: string): string | Invalid {
  if (keyspaceEventsStringToFlags(value) === -1) return new Invalid("Invalid event class character. Use 'Ag$lshzxeKEtmdn'.");
  return value;
}

/** A parameter the persistence attached to the engine applies as soon as it is set. */
function persisted(name: string) {
  return (engine: Engine, value: string): void => {
    engine.config.set(name, value);
    persistenceOf(engine)?.configure(name, value);
  };
}

/**
 * The parameters, as config.c declares them. localredis honours: requirepass, databases,
 * notify-keyspace-events, hz (stored clamped to 1..500 as Redis does), proto-max-bulk-len and the
 * encoding thresholds (read by their groups), and appendonly, appendfsync, save, auto-aof-rewrite-*
 * and stop-writes-on-bgsave-error (applied by the persistence the host attached). maxmemory and
 * maxmemory-policy are stored and reported, but nothing is ever evicted; timeout and the lfu-*
 * values are stored for clients that set and read them back.
 */
const PARAMS: Param[] = [
  {
    name: 'databases', immutable: true, default: '16', parse: numeric(1n, INT_MAX),
    get: (e) => String(e.keyspace.dbs.length),
  },
  {
    name: 'requirepass', default: '', parse: (v) => v,
    get: (e) => e.requirepass ?? '',
    // An empty password turns authentication off again (the default user becomes nopass).
    set: (e, v) => (e.requirepass = v === '' ? null : v),
  },
  { name: 'maxmemory', default: '0', parse: numeric(0n, ULLONG_MAX, { memory: true, unsigned: true }) },
  {
    name: 'maxmemory-policy', default: 'noeviction',
    parse: oneOf('volatile-lru', 'volatile-lfu', 'volatile-random', 'volatile-ttl', 'allkeys-lru', 'allkeys-lfu', 'allkeys-random', 'noeviction'),
  },
  {
    name: 'notify-keyspace-events', default: '', parse: parseNotify,
    // Kept as flags where the notifier reads them (server.notify_keyspace_events).
    get: (e) => keyspaceEventsFlagsToString(e.pubsub.notifyFlags),
    set: (e, v) => (e.pubsub.notifyFlags = keyspaceEventsStringToFlags(v)),
  },
  {
    name: 'hz', default: '10',
    parse: (v) => {
      const r = numeric(0n, INT_MAX)(v);
      return r instanceof Invalid ? r : String(Math.min(500, Math.max(1, Number(r))));
    },
  },
  { name: 'appendonly', default: 'no', parse: bool, set: persisted('appendonly') },
  { name: 'appendfsync', default: 'everysec', parse: oneOf('everysec', 'always', 'no'), set: persisted('appendfsync') },
  { name: 'save', default: '3600 1 300 100 60 10000', parse: parseSave, set: persisted('save') },
  { name: 'auto-aof-rewrite-percentage', default: '100', parse: numeric(0n, INT_MAX), set: persisted('auto-aof-rewrite-percentage') },
  {
    name: 'auto-aof-rewrite-min-size', default: '67108864', parse: numeric(0n, LONG_MAX, { memory: true }),
    set: persisted('auto-aof-rewrite-min-size'),
  },
  { name: 'stop-writes-on-bgsave-error', default: 'yes', parse: bool, set: persisted('stop-writes-on-bgsave-error') },
  { name: 'proto-max-bulk-len', default: '536870912', parse: numeric(1048576n, LONG_MAX, { memory: true }) },
  { name: 'timeout', default: '0', parse: numeric(0n, INT_MAX) },
  { name: 'lfu-log-factor', default: '10', parse: numeric(0n, INT_MAX) },
  { name: 'lfu-decay-time', default: '1', parse: numeric(0n, INT_MAX) },
  { name: 'hash-max-listpack-entries', alias: 'hash-max-ziplist-entries', default: '512', parse: numeric(0n, LONG_MAX, { unsigned: true }) },
  { name: 'hash-max-listpack-value', alias: 'hash-max-ziplist-value', default: '64', parse: numeric(0n, LONG_MAX, { memory: true, unsigned: true }) },
  { name: 'list-max-listpack-size', alias: 'list-max-ziplist-size', default: '-2', parse: numeric(INT_MIN, INT_MAX) },
  { name: 'list-compress-depth', default: '0', parse: numeric(0n, INT_MAX) },
  { name: 'set-max-intset-entries', default: '512', parse: numeric(0n, LONG_MAX, { unsigned: true }) },
  { name: 'zset-max-listpack-entries', alias: 'zset-max-ziplist-entries', default: '128', parse: numeric(0n, LONG_MAX, { unsigned: true }) },
  { name: 'zset-max-listpack-value', alias: 'zset-max-ziplist-value', default: '64', parse: numeric(0n, LONG_MAX, { memory: true, unsigned: true }) },
  { name: 'stream-node-max-bytes', default: '4096', parse: numeric(0n, LONG_MAX, { memory: true, unsigned: true }) },
  { name: 'stream-node-max-entries', default: '100', parse: numeric(0n, LONG_MAX) },
  { name: 'hll-sparse-max-bytes', default: '3000', parse: numeric(0n, LONG_MAX, { memory: true, unsigned: true }) },
];

/** A name CONFIG accepts: each parameter under its name and, as its own entry, its alias. */
interface Entry {
  name: string;
  param: Param;
}

const ENTRIES: Entry[] = [];
for (const p of PARAMS) {
  ENTRIES.push({ name: p.name, param: p });
  if (p.alias) ENTRIES.push({ name: p.alias, param: p });
}
const BY_NAME = new Map(ENTRIES.map((e) => [e.name, e]));

/** lookupConfig: names compare without case. */
function lookupConfig(name: string): Entry | undefined {
  return BY_NAME.get(name) ?? BY_NAME.get(name.toLowerCase());
}

/** Fills engine.config with the defaults; Engine's constructor calls it. */
export function initConfig(engine: Engine): void {
  for (const p of PARAMS) if (!p.get) engine.config.set(p.name, p.default);
}

/** The current value of a parameter as CONFIG GET prints it. */
export function configValue(engine: Engine, name: string): string {
  const p = lookupConfig(name)!.param;
  return p.get ? p.get(engine) : (engine.config.get(p.name) ?? p.default);
}

// ---- Commands --------------------------------------------------------------------------------

// CONFIG GET parameter [parameter ...]
function configGetCommand(ctx: Ctx, argv: string[]): Reply {
  // Keyed without case, as Redis's matches dict: a parameter asked for twice is listed once.
  const matches = new Map<string, [string, Entry]>();
  for (let i = 2; i < argv.length; i++) {
    const name = argv[i];
    if (!/[[*?]/.test(name)) {
      const e = lookupConfig(name);
      if (e !== undefined && !matches.has(name.toLowerCase())) matches.set(name.toLowerCase(), [name, e]);
      continue;
    }
    const match = compileGlob(name, true);
    for (const e of ENTRIES) {
      if (!matches.has(e.name) && match(e.name)) matches.set(e.name, [e.name, e]);
    }
  }
  const entries: Array<[Reply, Reply]> = [];
  for (const [shown, e] of matches.values()) entries.push([shown, configValue(ctx.engine, e.param.name)]);
  return new MapReply(entries);
}

// CONFIG SET parameter value [parameter value ...]
function configSetCommand(ctx: Ctx, argv: string[]): Reply {
  if (argv.length & 1) fail('ERR syntax error');
  const count = (argv.length - 2) / 2;
  const entries: Entry[] = [];
  let unknown: string | null = null;
  let refused: string | null = null;
  for (let i = 0; i < count; i++) {
    const name = argv[2 + i * 2];
    const e = lookupConfig(name);
    if (e === undefined) {
      if (unknown === null && refused === null) unknown = name;
      continue;
    }
    if (unknown !== null || refused !== null) continue;
    if (e.param.immutable) {
      refused = `CONFIG SET failed (possibly related to argument '${name}') - can't set immutable config`;
      continue;
    }
    if (entries.includes(e)) refused = `CONFIG SET failed (possibly related to argument '${name}') - duplicate parameter`;
    entries.push(e);
  }
  if (unknown !== null) fail(sanitize(`ERR Unknown option or number of arguments for CONFIG SET - '${unknown}'`));
  if (refused !== null) fail(sanitize('ERR ' + refused));
  // Every value is parsed before any is applied: CONFIG SET of several parameters is atomic.
  const values: string[] = [];
  for (let i = 0; i < count; i++) {
    const v = entries[i].param.parse(argv[3 + i * 2]);
    if (v instanceof Invalid) fail(`ERR CONFIG SET failed (possibly related to argument '${entries[i].name}') - ${v.reason}`);
    values.push(v);
  }
  for (let i = 0; i < count; i++) {
    const p = entries[i].param;
    if (p.set) p.set(ctx.engine, values[i]);
    else ctx.engine.config.set(p.name, values[i]);
  }
  return OK;
}

// CONFIG RESETSTAT
function configResetstatCommand(ctx: Ctx): Reply {
  resetServerStats(ctx.engine);
  return OK;
}

/** resetServerStats + resetCommandTableStats + resetErrorTableStats: what INFO counts, from zero. */
export function resetServerStats(engine: Engine): void {
  const st = engine.stats;
  st.numCommands = 0;
  st.numConnections = 0;
  st.rejectedConnections = 0;
  st.expiredKeys = 0;
  st.keyspaceHits = 0;
  st.keyspaceMisses = 0;
  st.totalErrorReplies = 0;
  st.errorCodes.clear();
  for (const cmd of engine.table.all()) {
    cmd.calls = 0;
    cmd.usec = 0;
    cmd.rejectedCalls = 0;
    cmd.failedCalls = 0;
  }
}

// CONFIG REWRITE
function configRewriteCommand(): Reply {
  // There is never a config file to rewrite: the engine is configured by its host.
  fail('ERR The server is running without a config file');
}

const CONFIG_HELP = [
  'GET <pattern>',
  '    Return parameters matching the glob-like <pattern> and their values.',
  'SET <directive> <value>',
  '    Set the configuration <directive> to <value>.',
  'RESETSTAT',
  '    Reset statistics reported by the INFO command.',
  'REWRITE',
  '    Rewrite the configuration file.',
];

// CONFIG HELP
function configHelpCommand(): Reply {
  return helpReply('CONFIG', CONFIG_HELP);
}

const ADMIN = ['admin', 'noscript', 'loading', 'stale'] as const;

export const configCommands: CommandDecl[] = [
  {
    name: 'config', arity: -2, flags: [], group: 'server', since: '2.0.0',
    subcommands: [
      { name: 'config|get', arity: -3, flags: [...ADMIN], group: 'server', since: '2.0.0', handler: configGetCommand },
      {
        name: 'config|set', arity: -4, flags: [...ADMIN], group: 'server', since: '2.0.0',
        tips: ['request_policy:all_nodes', 'response_policy:all_succeeded'], handler: configSetCommand,
      },
      { name: 'config|resetstat', arity: 2, flags: [...ADMIN], group: 'server', since: '2.0.0', handler: configResetstatCommand },
      { name: 'config|rewrite', arity: 2, flags: [...ADMIN], group: 'server', since: '2.8.0', handler: configRewriteCommand },
      { name: 'config|help', arity: 2, flags: ['loading', 'stale'], group: 'server', since: '5.0.0', handler: configHelpCommand },
    ],
  },
];
