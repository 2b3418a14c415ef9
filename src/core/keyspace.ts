// Databases, entries and expiry (Redis's db.c and the lookup half of expire.c).
// A Db maps byte-string keys to RObj entries; expiry times (absolute ms) live in a second map,
// as in Redis, so keys without a TTL cost nothing for it.

export type RType = 'string' | 'list' | 'set' | 'zset' | 'hash' | 'stream';

/**
 * A value with its type. `enc` is what OBJECT ENCODING reports for strings (int, embstr, raw);
 * collection types keep their encoding in their structure. `lru` is the last access in seconds
 * (OBJECT IDLETIME).
 */
export class RObj {
  /** The id of the snapshot whose walk last handed this object out (core/snapshot.ts), 0 for none. */
  saved = 0;

  constructor(
    public type: RType,
    public value: unknown,
    public enc: string,
    public lru: number,
  ) {}
}

/** The encoding Redis gives a string value it creates (tryObjectEncoding / createStringObject). */
export function stringEncoding(s: string, tryInt: boolean): string {
  if (tryInt && s.length <= 20 && isLongString(s)) return 'int';
  return s.length <= 44 ? 'embstr' : 'raw';
}

/** string2l: what tryObjectEncoding can turn into an `int`. */
function isLongString(s: string): boolean {
  const c = s.charCodeAt(0);
  if (!((c >= 48 && c <= 57) || c === 45)) return false;
  if (s === '0') return true;
  if (c === 48 || s === '-' || (c === 45 && s.charCodeAt(1) === 48)) return false;
  for (let i = 1; i < s.length; i++) {
    const d = s.charCodeAt(i);
    if (d < 48 || d > 57) return false;
  }
  if (s.length < 19) return true;
  const v = BigInt(s);
  return v <= 9223372036854775807n && v >= -9223372036854775808n;
}

export class Db {
  dict = new Map<string, RObj>();
  expires = new Map<string, number>();
  /** Keys some session WATCHes: key -> sessions (multi.c's watched_keys). */
  watchedKeys = new Map<string, Set<WatchingSession>>();
  /** Cursor state for the active expire cycle. */
  expireCursor: Iterator<[string, number]> | null = null;
  avgTtl = 0;

  constructor(readonly id: number) {}
}

/** What the keyspace needs to know of a session that WATCHes keys. */
export interface WatchingSession {
  /** Set when a watched key is touched: the next EXEC fails. */
  dirtyCas: boolean;
}

/** All databases. */
export class Keyspace {
  readonly dbs: Db[];

  constructor(databases: number) {
    this.dbs = [];
    for (let i = 0; i < databases; i++) this.dbs.push(new Db(i));
  }
}
