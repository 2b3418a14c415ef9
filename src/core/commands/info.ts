// INFO [section ...] (server.c genRedisInfoString): Redis 7.0's sections, in its order, with the
// fields whose values localredis really has, under Redis's names and in Redis's order. Fields
// about a process, a socket, forks, replication links or an allocator we do not have are left
// out rather than invented; the CPU, Modules and Latencystats sections are therefore empty.
import { VerbatimReply, type Reply } from '../reply.js';
import type { CommandDecl } from '../table.js';
import type { Ctx, Engine } from '../engine.js';
import { configValue } from './config.js';
import { persistenceInfoFields } from './persistence.js';

// ---- INFO API --------------------------------------------------------------------------------

/** The sections in the order Redis prints them; `default` is the set INFO gives without arguments. */
const SECTIONS = [
  'server', 'clients', 'memory', 'persistence', 'stats', 'replication', 'cpu', 'modules', 'commandstats',
  'errorstats', 'latencystats', 'cluster', 'keyspace',
] as const;
type Section = (typeof SECTIONS)[number];
const DEFAULT_SECTIONS = new Set<string>([
  'server', 'clients', 'memory', 'persistence', 'stats', 'replication', 'cpu', 'modules', 'errorstats', 'cluster', 'keyspace',
]);

const TITLES: Record<Section, string> = {
  server: 'Server', clients: 'Clients', memory: 'Memory', persistence: 'Persistence', stats: 'Stats',
  replication: 'Replication', cpu: 'CPU', modules: 'Modules', commandstats: 'Commandstats',
  errorstats: 'Errorstats', latencystats: 'Latencystats', cluster: 'Cluster', keyspace: 'Keyspace',
};

/** Identifiers Redis makes random at start: the run id and the replication id of this engine. */
const ids = new WeakMap<Engine, { runId: string; replId: string }>();

function idsOf(engine: Engine): { runId: string; replId: string } {
  let v = ids.get(engine);
  if (v === undefined) {
    const hex = () => {
      let s = '';
      for (let i = 0; i < 40; i++) s += Math.floor(engine.random() * 16).toString(16);
      return s;
    };
    v = { runId: hex(), replId: hex() };
    ids.set(engine, v);
  }
  return v;
}

/** C's printf("%.2f"): JS's toFixed rounds exact ties up, C rounds them to even. */
export function printf2f(x: number): string {
  // x * 100 ends in exactly .5 only when x is an odd multiple of 1/8.
  const eighths = x * 8;
  if (Number.isInteger(eighths) && eighths % 2 !== 0) {
    const k = Math.floor(x * 100);
    return ((k % 2 === 0 ? k : k + 1) / 100).toFixed(2);
  }
  return x.toFixed(2);
}

/** bytesToHuman (server.c): 1023B, 1.00K, 2.50M, ... */
export function bytesToHuman(n: number): string {
  const units = ['K', 'M', 'G', 'T', 'P'];
  if (n < 1024) return `${n}B`;
  let div = 1024;
  for (const u of units) {
    if (n < div * 1024) return printf2f(n / div) + u;
    div *= 1024;
  }
  return `${n}B`;
}

/**
 * An estimate of the bytes a value takes in the JS heap: strings at one byte per char plus a
 * header, Maps, Sets and arrays by a sample of their elements plus per-entry overhead, other
 * objects by their fields. It is an estimate: the heap itself cannot be measured from here.
 */
function approxSize(v: unknown, depth: number): number {
  switch (typeof v) {
    case 'string':
      return 16 + v.length;
    case 'number':
    case 'bigint':
    case 'boolean':
      return 8;
    case 'object':
      break;
    default:
      return 0;
  }
  if (v === null) return 0;
  if (depth === 0) return 32;
  if (ArrayBuffer.isView(v)) return 64 + v.byteLength;
  const SAMPLE = 32;
  if (v instanceof Map) {
    let sum = 0;
    let n = 0;
    for (const [k, x] of v) {
      sum += approxSize(k, depth - 1) + approxSize(x, depth - 1);
      if (++n === SAMPLE) break;
    }
    return 64 + v.size * (40 + (n ? sum / n : 0));
  }
  if (v instanceof Set) {
    let sum = 0;
    let n = 0;
    for (const x of v) {
      sum += approxSize(x, depth - 1);
      if (++n === SAMPLE) break;
    }
    return 64 + v.size * (24 + (n ? sum / n : 0));
  }
  if (Array.isArray(v)) {
    let sum = 0;
    const n = Math.min(v.length, SAMPLE);
    for (let i = 0; i < n; i++) sum += approxSize(v[i], depth - 1);
    return 32 + v.length * (8 + (n ? sum / n : 0));
  }
  let size = 32;
  for (const k in v) size += 8 + approxSize((v as Record<string, unknown>)[k], depth - 1);
  return size;
}

/**
 * used_memory, estimated: every key (its bytes, a Map entry and the RObj), its value
 * (approxSize), its TTL entry, and a fixed 1 KiB per session. Databases of more than 10000 keys
 * are sampled on their first 10000 keys, so INFO stays cheap on a large keyspace.
 */
function usedMemory(engine: Engine): number {
  const SAMPLE = 10000;
  let total = 0;
  for (const db of engine.keyspace.dbs) {
    const size = db.dict.size;
    if (size === 0) continue;
    let sum = 0;
    let n = 0;
    for (const [key, o] of db.dict) {
      sum += 40 + 16 + key.length + 48 + approxSize(o.value, 3);
      if (++n === SAMPLE) break;
    }
    total += (sum / n) * size + db.expires.size * 40;
  }
  return Math.round(total + engine.sessions.size * 1024);
}

type Fields = Array<[string, string | number]>;

function serverSection(engine: Engine, now: number): Fields {
  const uptime = Math.floor((now - engine.stats.startTime) / 1000);
  const hz = configValue(engine, 'hz');
  return [
    ['redis_version', '7.0.15'],
    ['redis_mode', 'standalone'],
    ['run_id', idsOf(engine).runId],
    ['server_time_usec', now * 1000],
    ['uptime_in_seconds', uptime],
    ['uptime_in_days', Math.floor(uptime / 86400)],
    ['hz', hz],
    ['configured_hz', hz],
    ['lru_clock', Math.floor(now / 1000) & 0xffffff],
    ['config_file', ''],
  ];
}

function clientsSection(engine: Engine): Fields {
  return [
    ['connected_clients', engine.sessions.size],
    ['cluster_connections', 0],
    ['blocked_clients', engine.blocking.size],
    // Client-side caching (CLIENT TRACKING) is not supported, so no client tracks keys.
    ['tracking_clients', 0],
    ['clients_in_timeout_table', engine.blocking.withDeadline],
  ];
}

function memorySection(engine: Engine): Fields {
  const used = usedMemory(engine);
  const maxmemory = configValue(engine, 'maxmemory');
  return [
    ['used_memory', used],
    ['used_memory_human', bytesToHuman(used)],
    ['maxmemory', maxmemory],
    ['maxmemory_human', bytesToHuman(Number(maxmemory))],
    ['maxmemory_policy', configValue(engine, 'maxmemory-policy')],
  ];
}

function statsSection(engine: Engine): Fields {
  const st = engine.stats;
  return [
    ['total_connections_received', st.numConnections],
    ['total_commands_processed', st.numCommands],
    ['rejected_connections', st.rejectedConnections],
    ['expired_keys', st.expiredKeys],
    // Keys and clients are never evicted (maxmemory is stored, not enforced).
    ['evicted_keys', 0],
    ['evicted_clients', 0],
    ['keyspace_hits', st.keyspaceHits],
    ['keyspace_misses', st.keyspaceMisses],
    ['pubsub_channels', engine.pubsub.channels.size],
    ['pubsub_patterns', engine.pubsub.patterns.size],
    ['pubsubshard_channels', engine.pubsub.shardChannels.size],
    ['total_error_replies', st.totalErrorReplies],
  ];
}

function replicationSection(engine: Engine): Fields {
  // A master with no replicas and no replication backlog, as Redis reports one.
  return [
    ['role', 'master'],
    ['connected_slaves', 0],
    ['master_failover_state', 'no-failover'],
    ['master_replid', idsOf(engine).replId],
    ['master_replid2', '0000000000000000000000000000000000000000'],
    ['master_repl_offset', 0],
    ['second_repl_offset', -1],
    ['repl_backlog_active', 0],
    ['repl_backlog_first_byte_offset', 0],
    ['repl_backlog_histlen', 0],
  ];
}

function commandstatsSection(engine: Engine): Fields {
  const out: Fields = [];
  for (const cmd of engine.table.all()) {
    if (cmd.calls === 0 && cmd.failedCalls === 0 && cmd.rejectedCalls === 0) continue;
    const usec = Math.floor(cmd.usec);
    // Redis divides in single precision: (float)microseconds / calls.
    const perCall = cmd.calls === 0 ? 0 : Math.fround(Math.fround(usec) / Math.fround(cmd.calls));
    out.push([
      `cmdstat_${cmd.name}`,
      `calls=${cmd.calls},usec=${usec},usec_per_call=${printf2f(perCall)},rejected_calls=${cmd.rejectedCalls},failed_calls=${cmd.failedCalls}`,
    ]);
  }
  return out;
}

function errorstatsSection(engine: Engine): Fields {
  // Redis keeps the codes in a radix tree: they come out in byte order.
  const codes = [...engine.stats.errorCodes.keys()].sort();
  return codes.map((code) => [`errorstat_${code}`, `count=${engine.stats.errorCodes.get(code)}`]);
}

function keyspaceSection(engine: Engine): Fields {
  const out: Fields = [];
  for (const db of engine.keyspace.dbs) {
    if (db.dict.size === 0) continue;
    out.push([`db${db.id}`, `keys=${db.dict.size},expires=${db.expires.size},avg_ttl=${Math.trunc(db.avgTtl)}`]);
  }
  return out;
}

function sectionFields(engine: Engine, section: Section, now: number): Fields {
  switch (section) {
    case 'server': return serverSection(engine, now);
    case 'clients': return clientsSection(engine);
    case 'memory': return memorySection(engine);
    case 'persistence': return persistenceInfoFields(engine, now);
    case 'stats': return statsSection(engine);
    case 'replication': return replicationSection(engine);
    case 'commandstats': return commandstatsSection(engine);
    case 'errorstats': return errorstatsSection(engine);
    case 'cluster': return [['cluster_enabled', 0]];
    case 'keyspace': return keyspaceSection(engine);
    default: return [];
  }
}

/** genRedisInfoString: the requested sections (lower-case names; null for the default set). */
export function genInfoString(engine: Engine, requested: Set<string> | null, all: boolean, now: number): string {
  let out = '';
  let n = 0;
  for (const section of SECTIONS) {
    const wanted = all || (requested === null ? DEFAULT_SECTIONS.has(section)
      : requested.has(section) || (section === 'modules' && requested.has('module_list')));
    if (!wanted) continue;
    if (n++ > 0) out += '\r\n';
    out += `# ${TITLES[section]}\r\n`;
    for (const [k, v] of sectionFields(engine, section, now)) out += `${k}:${v}\r\n`;
  }
  return out;
}

// ---- Commands --------------------------------------------------------------------------------

// INFO [section [section ...]]
function infoCommand(ctx: Ctx, argv: string[]): Reply {
  let requested: Set<string> | null = null;
  let all = false;
  if (argv.length > 1) {
    requested = new Set();
    for (let i = 1; i < argv.length; i++) {
      const name = argv[i].toLowerCase();
      if (name === 'default') for (const s of DEFAULT_SECTIONS) requested.add(s);
      else if (name === 'all' || name === 'everything') all = true;
      else requested.add(name);
    }
  }
  return new VerbatimReply('txt', genInfoString(ctx.engine, requested, all, ctx.engine.clock()));
}

export const infoCommands: CommandDecl[] = [
  {
    name: 'info', arity: -1, flags: ['loading', 'stale'], group: 'server', since: '1.0.0', acl: ['dangerous'],
    tips: ['nondeterministic_output', 'request_policy:all_shards', 'response_policy:special'], handler: infoCommand,
  },
];
