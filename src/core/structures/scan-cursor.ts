// SCAN cursors over a Map or Set (the keyspace for SCAN; hashes, sets and sorted sets for
// HSCAN, SSCAN, ZSCAN).
//
// Redis's cursor is a position in its hash table (reverse-binary bucket order), which gives the
// SCAN guarantee without state. A JS Map has no positional cursor, but its iterators are live:
// they survive inserts and deletes, visit entries in insertion order, skip entries deleted before
// they are reached and reach entries added meanwhile. So a cursor here names a live iterator, kept
// in a bounded table. Every key present for the whole iteration is returned (it keeps its place
// in the insertion order); a key deleted and re-added moves to the end and may come twice, which
// SCAN allows.
//
// Termination: keys added during the iteration are appended after every key that was there when
// it started, so once an iteration has visited as many entries as the collection held at its
// start, it has passed all of those, and it ends there. Without that budget, a collection of
// bounded size under churn (a cache replacing keys faster than the scan reads them) would never
// finish, where Redis's SCAN always does.
//
// Each call consumes its cursor and hands out a new one, so a repeated or stale cursor (a retry
// after a lost reply, a cursor from another collection, one evicted from the table) is unknown
// and starts a fresh iteration: never a silent skip, at worst duplicates. The table is bounded
// (capacity, idle time) because an idle iterator pins the Map's old backing stores while the Map
// is rehashed under churn.

/** What can be scanned: Map<K, V> and Set<K> both fit. */
export interface Scannable<K> {
  keys(): Iterator<K>;
  has(key: K): boolean;
  readonly size: number;
}

interface CursorEntry {
  source: Scannable<unknown>;
  iter: Iterator<unknown>;
  /** The next key, read ahead so that the last page already says the iteration is over. */
  pending: unknown;
  /** Entries the iteration may still visit: the size at its start, less those visited. */
  budget: number;
  lastUsed: number;
}

export interface ScanCursorOptions {
  /** Iterations kept at once; past it the least recently used is dropped (and restarts). */
  capacity?: number;
  /** An iteration idle for longer than this (ms) is dropped (and restarts). */
  maxIdleMs?: number;
}

export class ScanCursors {
  /** Cursor -> iteration, in order of last use (each use re-inserts), so sweeps start at the oldest. */
  private readonly entries = new Map<string, CursorEntry>();
  private nextId = 1;
  readonly capacity: number;
  readonly maxIdleMs: number;

  constructor(options: ScanCursorOptions = {}) {
    this.capacity = options.capacity ?? 1024;
    this.maxIdleMs = options.maxIdleMs ?? 10 * 60 * 1000;
  }

  /** Iterations in the table. */
  get size(): number {
    return this.entries.size;
  }

  /**
   * Continues the iteration named by `cursor` (a canonical decimal; '0' or an unknown cursor
   * starts one) over `source`: appends at most `count` keys to `out` and returns the cursor of
   * the next page, '0' when the iteration is complete.
   */
  scan<K>(source: Scannable<K>, cursor: string, count: number, now: number, out: K[]): string {
    let it: Iterator<K> | undefined;
    let budget = 0;
    let n = 0;
    if (cursor !== '0') {
      const e = this.entries.get(cursor);
      if (e !== undefined) {
        this.entries.delete(cursor);
        if (e.source === source) {
          it = e.iter as Iterator<K>;
          budget = e.budget;
          const key = e.pending as K;
          if (source.has(key)) {
            out.push(key);
            n++;
          }
        }
      }
    }
    if (it === undefined) {
      it = source.keys();
      budget = source.size;
    }
    while (n < count && budget > 0) {
      const r = it.next();
      if (r.done) return '0';
      budget--;
      out.push(r.value);
      n++;
    }
    if (budget === 0) return '0';
    const r = it.next();
    if (r.done) return '0';
    this.sweep(now);
    const id = String(this.nextId);
    this.nextId = this.nextId >= Number.MAX_SAFE_INTEGER ? 1 : this.nextId + 1;
    this.entries.set(id, { source, iter: it, pending: r.value, budget: budget - 1, lastUsed: now });
    return id;
  }

  /**
   * Drops the iterations over `source` (a flushed db's old map), so they do not keep it alive:
   * their cursors then start over on whatever the caller scans next.
   */
  forget(source: object): void {
    for (const [id, e] of this.entries) if (e.source === source) this.entries.delete(id);
  }

  /** Drops every iteration. */
  clear(): void {
    this.entries.clear();
  }

  private sweep(now: number): void {
    for (const [id, e] of this.entries) {
      if (this.entries.size < this.capacity && now - e.lastUsed <= this.maxIdleMs) break;
      this.entries.delete(id);
    }
  }
}

const tables = new WeakMap<object, ScanCursors>();

/** The cursor table of an owner (an engine): cursors are shared by its sessions, as in Redis. */
export function scanCursorsOf(owner: object): ScanCursors {
  let t = tables.get(owner);
  if (t === undefined) {
    t = new ScanCursors();
    tables.set(owner, t);
  }
  return t;
}

/**
 * parseScanCursorOrReply: strtoul in base 10 over the whole argument (up to a NUL, as C sees it):
 * no leading space, an optional sign ('-' negates modulo 2^64), digits, nothing after; the empty
 * string is cursor 0. Returns the cursor as a canonical decimal, or null when invalid.
 */
export function parseScanCursor(arg: string): string | null {
  const nul = arg.indexOf('\0');
  const s = nul < 0 ? arg : arg.slice(0, nul);
  if (s.length === 0) return '0';
  const c0 = s.charCodeAt(0);
  if (c0 === 32 || (c0 >= 9 && c0 <= 13)) return null;
  let i = 0;
  let neg = false;
  if (c0 === 43 || c0 === 45) {
    neg = c0 === 45;
    i = 1;
  }
  if (i === s.length) return null; // a lone sign: strtoul consumed nothing
  for (let j = i; j < s.length; j++) {
    const c = s.charCodeAt(j);
    if (c < 48 || c > 57) return null;
  }
  const digits = s.slice(i);
  if (digits.length <= 15 && !neg) return String(Number(digits));
  let v = BigInt(digits);
  if (v > 0xffffffffffffffffn) return null; // ERANGE
  if (neg) v = (0x10000000000000000n - v) & 0xffffffffffffffffn;
  return v.toString();
}
