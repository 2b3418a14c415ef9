// The page bench/persistence.ts drives in Chromium: each function runs one measurement and
// returns its figures. Values are ~100-byte strings; keys are key:<n>.
import { Dexie } from 'dexie';
import { createStore, set as idbSet } from 'idb-keyval';
import { createClient, type LocalRedis } from '../../src/client/index.js';

const VALUE = 'v'.repeat(100);
const now = () => performance.now();

function quantile(sorted: number[], q: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

// Named databases run in dedicated mode: a Worker of this page, stopped on close(), so that a load
// starts a fresh engine (a SharedWorker would outlive close() and answer without loading) and every
// row runs in the same kind of worker as the in-memory one.

/** Fills database `name` with `n` keys (no log: one snapshot at the end, written by SAVE). */
async function fill(name: string, n: number): Promise<{ ms: number; saveMs: number }> {
  const r = await createClient({ name, appendonly: false, mode: 'dedicated' });
  const t0 = now();
  for (let from = 0; from < n; from += 1000) {
    const args: string[] = [];
    for (let i = from; i < Math.min(n, from + 1000); i++) args.push(`key:${i}`, VALUE);
    void r.call('MSET', ...args);
  }
  await r.call('PING');
  const t1 = now();
  await r.call('SAVE');
  const t2 = now();
  await r.close();
  return { ms: t1 - t0, saveMs: t2 - t1 };
}

/**
 * Opens `name` and times the load: from createClient to its first answer (createClient resolves
 * at the first loading message; commands wait for the load).
 */
async function load(name: string): Promise<{ ms: number; keys: number }> {
  const t0 = now();
  const r = await createClient({ name, mode: 'dedicated' });
  const keys = (await r.call('DBSIZE')) as number;
  const ms = now() - t0;
  await r.close();
  return { ms, keys };
}

/** A worker with nothing to load, for comparison: createClient to its first answer. */
async function start(): Promise<number> {
  const t0 = now();
  const r = await createClient();
  const ms = now() - t0;
  await r.close();
  return ms;
}

/** Latency of awaited SET/GET round trips, alone and while BGSAVE writes a snapshot of `name`. */
async function latency(name: string): Promise<Record<string, number>> {
  const r = await createClient({ name, appendfsync: 'everysec', mode: 'dedicated' });
  await r.call('PING'); // loaded: the idle sample must not wait for the load
  const sample = async (count: number, stopWhenSaved: boolean) => {
    const out: number[] = [];
    for (let i = 0; i < count; i++) {
      const key = `key:${Math.floor(Math.random() * 1_000_000)}`;
      const t = now();
      await (i & 1 ? r.call('GET', key) : r.call('SET', key, VALUE));
      out.push(now() - t);
      if (stopWhenSaved && i % 200 === 199) {
        const info = (await r.call('INFO', 'persistence')) as string;
        if (info.includes('rdb_bgsave_in_progress:0')) break;
      }
    }
    return out.sort((a, b) => a - b);
  };
  const idle = await sample(3000, false);
  const t0 = now();
  await r.call('BGSAVE');
  const during = await sample(10_000_000, true);
  const saveMs = now() - t0;
  await r.close();
  return {
    idleP50: quantile(idle, 0.5), idleP99: quantile(idle, 0.99), idleMax: idle[idle.length - 1],
    p50: quantile(during, 0.5), p99: quantile(during, 0.99), max: during[during.length - 1], commands: during.length, saveMs,
  };
}

type Write = (i: number) => Promise<unknown>;

/** Writes i .. i + inflight - 1 together and waits for them all. */
function batch(write: Write, i: number, inflight: number): Promise<unknown> {
  const ps = new Array<Promise<unknown>>(inflight);
  for (let j = 0; j < inflight; j++) ps[j] = write(i + j);
  return Promise.all(ps);
}

/** Acknowledged writes/s over `ms`, with `inflight` writes in flight at a time. */
async function rate(write: Write, ms: number, inflight: number): Promise<number> {
  let i = 0;
  const end = now() + ms;
  const t0 = now();
  for (; now() < end; i += inflight) await batch(write, i, inflight);
  return (i / (now() - t0)) * 1000;
}

/** Acknowledged writes/s of `n` writes (whole batches), with `inflight` in flight at a time. */
async function rateOf(write: Write, n: number, inflight: number): Promise<number> {
  const t0 = now();
  let i = 0;
  for (; i < n; i += inflight) await batch(write, i, inflight);
  return (i / (now() - t0)) * 1000;
}

/** The writes of every client row: SET key:<i mod 100,000> to VALUE. */
const setKeys = (r: LocalRedis): Write => (i) => r.call('SET', `key:${i % 100_000}`, VALUE);

let run = 0;

/** Runs `measured`, its threads' CPU metered as `ops` operations of `mode` when the bench offers to (bench/thread-cpu.ts). */
async function metered<T>(mode: string, ops: number, measured: () => Promise<T>): Promise<T> {
  const cpu = globalThis as unknown as { cpuStart?(mode: string): Promise<void>; cpuStop?(mode: string, ops: number): Promise<void> };
  await cpu.cpuStart?.(mode);
  const result = await measured();
  await cpu.cpuStop?.(mode, ops);
  return result;
}

/**
 * SET writes/s through the client: in memory (no name: a private Worker), a named database
 * without the log (`nolog`: the same kind of worker as the persisted runs, nothing logged), or
 * persisted with an appendfsync; `shared-memory`, `shared-nolog` and `shared-everysec` the same in
 * a SharedWorker (which outlives close() while this page lives: the bench runs them in a page each).
 */
async function clientWrites(
  mode: 'memory' | 'nolog' | 'always' | 'everysec' | 'no' | 'shared-memory' | 'shared-nolog' | 'shared-everysec',
  ms: number,
  inflight: number,
): Promise<number> {
  const name = `w-${mode}-${run++}-${Date.now()}`;
  const r: LocalRedis = await (mode === 'memory'
    ? createClient()
    : mode === 'nolog'
      ? createClient({ name, appendonly: false, mode: 'dedicated' })
      : mode === 'shared-memory'
        ? createClient({ mode: 'shared' })
        : mode === 'shared-everysec'
          ? createClient({ name, appendfsync: 'everysec', mode: 'shared' })
          : mode === 'shared-nolog'
            ? createClient({ name, appendonly: false, mode: 'shared' })
          : createClient({ name, appendfsync: mode, mode: 'dedicated' }));
  await rate(setKeys(r), 200, inflight);
  const v = await rate(setKeys(r), ms, inflight);
  await r.close();
  return v;
}

/**
 * SETs/s of a sustained storm at 100 in flight: a warmed worker (`warm` SETs first, so that V8 has
 * compiled the hot paths and a logged database has the log whose growth triggers automatic
 * rewrites), then `n` SETs measured. `everysec-norw`: automatic rewrites off
 * (auto-aof-rewrite-percentage 0); `nolog`: a named database with appendonly no (the same worker, nothing logged).
 * Also the rewrites done while measured (INFO's aof_rewrites).
 */
async function sustainedWrites(mode: 'memory' | 'nolog' | 'everysec' | 'everysec-norw', warm: number, n: number): Promise<{ rate: number; rewrites: number }> {
  const name = `s-${mode}-${run++}-${Date.now()}`;
  const r = await (mode === 'memory'
    ? createClient()
    : mode === 'nolog'
      ? createClient({ name, appendonly: false, mode: 'dedicated' })
      : createClient({ name, appendfsync: 'everysec', mode: 'dedicated' }));
  if (mode === 'everysec-norw') await r.call('CONFIG', 'SET', 'auto-aof-rewrite-percentage', '0');
  const rewrites = async () => Number(/aof_rewrites:(\d+)/.exec(String(await r.call('INFO', 'persistence')))?.[1] ?? NaN);
  await rateOf(setKeys(r), warm, 100);
  const before = await rewrites();
  const v = await metered(mode, n, () => rateOf(setKeys(r), n, 100));
  const after = await rewrites();
  await r.close();
  return { rate: v, rewrites: after - before };
}

/**
 * One BGREWRITEAOF of `keys` keys alone (nothing else running), after `logged` SETs filled the log
 * it deletes: its wall time, metered like the storm (mode `rewrite`, CPU per key).
 */
async function rewriteAlone(keys: number, logged: number): Promise<{ ms: number }> {
  const r = await createClient({ name: `rw-${run++}-${Date.now()}`, appendfsync: 'everysec', mode: 'dedicated' });
  await r.call('CONFIG', 'SET', 'auto-aof-rewrite-percentage', '0');
  await rateOf((i) => r.call('SET', `key:${i % keys}`, VALUE), Math.max(keys, logged), 100);
  await r.call('BGSAVE'); // not metered: the log since is what the rewrite deletes
  while (/rdb_bgsave_in_progress:1/.test(String(await r.call('INFO', 'persistence')))) await new Promise((res) => setTimeout(res, 20));
  await rateOf((i) => r.call('SET', `key:${i % keys}`, VALUE), logged, 100);
  await new Promise((res) => setTimeout(res, 1500)); // everysec's last commit
  const ms = await metered('rewrite', keys, async () => {
    const t0 = now();
    await r.call('BGREWRITEAOF');
    while (/aof_rewrite_in_progress:1/.test(String(await r.call('INFO', 'persistence')))) await new Promise((res) => setTimeout(res, 5));
    return now() - t0;
  });
  await r.close();
  return { ms };
}

/** The same writes through idb-keyval's set(). */
async function idbKeyvalWrites(ms: number, inflight: number): Promise<number> {
  const store = createStore(`kv-${run++}-${Date.now()}`, 'kv');
  await rate((i) => idbSet(`key:${i % 100_000}`, VALUE, store), 200, inflight);
  return rate((i) => idbSet(`key:${i % 100_000}`, VALUE, store), ms, inflight);
}

/** The same writes through Dexie's put() on a table of out-of-line keys (its default durability). */
async function dexieWrites(ms: number, inflight: number): Promise<number> {
  const db = new Dexie(`dexie-${run++}-${Date.now()}`);
  db.version(1).stores({ kv: '' });
  await db.open();
  const kv = db.table<string, string>('kv');
  await rate((i) => kv.put(VALUE, `key:${i % 100_000}`), 200, inflight);
  const v = await rate((i) => kv.put(VALUE, `key:${i % 100_000}`), ms, inflight);
  db.close();
  return v;
}

(globalThis as unknown as { bench: unknown }).bench = { fill, load, start, latency, clientWrites, sustainedWrites, rewriteAlone, idbKeyvalWrites, dexieWrites };
document.body.dataset.ready = 'true';
