// What the generator emits and the runner sends: one command (or a harness step) for one client,
// with the comparison its reply needs.

/**
 * How two replies are compared.
 * - exact: byte for byte (the default)
 * - sorted: an unordered aggregate (KEYS): same type, same elements in any order
 * - pairs: name/value pairs in any order (CONFIG GET with several parameters)
 * - approx-s / approx-ms: an integer that moves with the clock (TTL, EXPIRETIME): negative
 *   answers must be equal, others within 1 s / 1000 ms
 * - shape: same RESP types and lengths, any values (TIME, IDLETIME, CLIENT ID, INFO)
 * - key-or-null: RANDOMKEY: both null, or both a bulk string
 * - hello: HELLO's map with the connection id masked
 * - scan-page: one SCAN reply: when both cursors are 0 the keys in any order, else the shape only
 *   (cursors are a hash table's business)
 * - rand:<flags>: random picks (HRANDFIELD, SRANDMEMBER, ZRANDMEMBER with a count): same shape
 *   and length, each field with one value; flags u = picks are distinct (a positive count),
 *   v = with values, c = both cover the same distinct picks (the count makes it certain),
 *   x = an array reply is exact (the whole collection in a defined order); a single pick is only
 *   compared in kind (bulk or null)
 */
export type Cmp = 'exact' | 'sorted' | 'pairs' | 'approx-s' | 'approx-ms' | 'shape' | 'key-or-null' | 'hello' | 'scan-page' | `rand:${string}`;

export interface Call {
  argv: string[];
  /** Defaults to exact. */
  cmp?: Cmp;
  /** Which connection/session sends it (0 by default). */
  client?: number;
  /**
   * A harness step instead of a plain command:
   * - sleep: wait argv[1] ms on both sides (lets tiny expiries pass); the reply is ''
   * - scanAll: iterate SCAN from cursor argv[1]='0' to the end; the reply is the sorted, deduplicated
   *   keys as one RESP array (or the first reply as is when it is not a SCAN reply)
   */
  op?: 'sleep' | 'scanAll';
}

/** A call as a line of a replayable JSON list. */
export function callToJson(c: Call): string {
  const o: Record<string, unknown> = { argv: c.argv };
  if (c.cmp && c.cmp !== 'exact') o.cmp = c.cmp;
  if (c.client) o.client = c.client;
  if (c.op) o.op = c.op;
  return JSON.stringify(o);
}

/** A byte string as a JS literal: printable ASCII as is, other bytes as \xNN (paste-able into a test). */
export function showBytes(s: string, max = Infinity): string {
  let out = '';
  const n = Math.min(s.length, max);
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x5c) out += '\\\\';
    else if (c === 0x27) out += "\\'";
    else if (c === 13) out += '\\r';
    else if (c === 10) out += '\\n';
    else if (c >= 0x20 && c < 0x7f) out += s[i];
    else out += '\\x' + c.toString(16).padStart(2, '0');
  }
  return `'${out}'` + (s.length > max ? `...(${s.length} bytes)` : '');
}

/** A call for display, as a JS literal; long arguments abbreviated (the replay file keeps them whole). */
export function callToShort(c: Call, max = 80): string {
  const argv = c.argv.map((a) => (a.length > max ? `${showBytes(a.slice(0, 24))}/*...${a.length} bytes in all*/` : showBytes(a)));
  let extra = '';
  if (c.cmp && c.cmp !== 'exact') extra += `, cmp: '${c.cmp}'`;
  if (c.client) extra += `, client: ${c.client}`;
  if (c.op) extra += `, op: '${c.op}'`;
  return `{ argv: [${argv.join(', ')}]${extra} }`;
}
