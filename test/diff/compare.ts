// The comparisons a call can name (see Cmp in call.ts). Each returns null when the replies agree,
// or a short reason.
import type { Cmp } from './call.js';
import { isNull, parseReply, type Node } from './resp.js';

export function compareReplies(cmp: Cmp, a: string, b: string): string | null {
  if (a === b) return null;
  if (cmp === 'exact') return 'bytes differ';
  let x: Node, y: Node;
  try {
    x = parseReply(a);
    y = parseReply(b);
  } catch (e) {
    return `unparsable reply: ${(e as Error).message}`;
  }
  if (cmp.startsWith('rand:')) return sameRandom(cmp.slice(5), x, y);
  switch (cmp) {
    case 'sorted':
      return sameSorted(x, y);
    case 'pairs':
      return samePairs(x, y);
    case 'approx-s':
      return sameApprox(x, y, 1);
    case 'approx-ms':
      return sameApprox(x, y, 1000);
    case 'shape':
      return sameShape(x, y);
    case 'key-or-null':
      if (isNull(x) && isNull(y)) return null;
      if (x.type === '$' && y.type === '$' && x.value !== null && y.value !== null) return null;
      return 'not both null or both a key';
    case 'hello':
      return sameHello(x, y);
    case 'scan-page':
      return sameScanPage(x, y);
  }
  return 'bytes differ';
}

/** The comparison of an EXEC reply whose queued commands named their own comparisons. */
export function compareExec(cmps: Cmp[], a: string, b: string): string | null {
  if (a === b) return null;
  let x: Node, y: Node;
  try {
    x = parseReply(a);
    y = parseReply(b);
  } catch (e) {
    return `unparsable reply: ${(e as Error).message}`;
  }
  if (x.type !== '*' || y.type !== '*' || !x.items || !y.items || x.items.length !== y.items.length) return 'bytes differ';
  if (x.items.length !== cmps.length) return 'bytes differ';
  for (let i = 0; i < cmps.length; i++) {
    const why = compareReplies(cmps[i], x.items[i].raw, y.items[i].raw);
    if (why !== null) return `EXEC reply #${i}: ${why}`;
  }
  return null;
}

function isAggregate(n: Node): boolean {
  return n.items !== null;
}

function sameSorted(x: Node, y: Node): string | null {
  if (!isAggregate(x) || !isAggregate(y)) return 'bytes differ';
  if (x.type !== y.type) return `aggregate types differ (${x.type} vs ${y.type})`;
  const ax = x.items!.map((n) => n.raw).sort();
  const ay = y.items!.map((n) => n.raw).sort();
  if (ax.length !== ay.length) return `lengths differ (${ax.length} vs ${ay.length})`;
  for (let i = 0; i < ax.length; i++) if (ax[i] !== ay[i]) return 'elements differ';
  return null;
}

function pairsOf(n: Node): string[] {
  const out: string[] = [];
  const items = n.items!;
  for (let i = 0; i + 1 < items.length; i += 2) out.push(items[i].raw + items[i + 1].raw);
  return out.sort();
}

function samePairs(x: Node, y: Node): string | null {
  if (!isAggregate(x) || !isAggregate(y)) return 'bytes differ';
  if (x.type !== y.type) return `aggregate types differ (${x.type} vs ${y.type})`;
  const px = pairsOf(x);
  const py = pairsOf(y);
  if (px.length !== py.length) return `pair counts differ (${px.length} vs ${py.length})`;
  for (let i = 0; i < px.length; i++) if (px[i] !== py[i]) return 'pairs differ';
  return null;
}

function sameApprox(x: Node, y: Node, tolerance: number): string | null {
  if (x.type !== ':' || y.type !== ':') return 'bytes differ';
  // BigInt: absolute times near 2^63 lose their last digits as doubles.
  const a = BigInt(x.value ?? '');
  const b = BigInt(y.value ?? '');
  if (a < 0n || b < 0n) return a === b ? null : 'integers differ';
  const d = a > b ? a - b : b - a;
  return d <= BigInt(tolerance) ? null : `integers differ by more than ${tolerance}`;
}

function sameShape(x: Node, y: Node): string | null {
  if (x.type !== y.type) return `types differ (${x.type} vs ${y.type})`;
  if (isNull(x) !== isNull(y)) return 'one is null';
  if (x.type === '-') return x.value === y.value ? null : 'errors differ';
  if (x.items && y.items) {
    if (x.items.length !== y.items.length) return `lengths differ (${x.items.length} vs ${y.items.length})`;
    for (let i = 0; i < x.items.length; i++) {
      const why = sameShape(x.items[i], y.items[i]);
      if (why !== null) return `element #${i}: ${why}`;
    }
  }
  return null;
}

/** A page is a cursor and a list of keys; its size is the hash table's business, as is the cursor. */
function isScanPage(n: Node): boolean {
  return n.type === '*' && n.items?.length === 2 && n.items[0].type === '$' && n.items[1].type === '*' && n.items[1].items !== null;
}

function sameScanPage(x: Node, y: Node): string | null {
  if (!isScanPage(x) || !isScanPage(y)) return x.raw === y.raw ? null : 'bytes differ';
  if (x.items![0].value !== '0' || y.items![0].value !== '0') return null;
  return sameSorted(x.items![1], y.items![1]);
}

function sameHello(x: Node, y: Node): string | null {
  if (x.type !== y.type || !x.items || !y.items) return 'bytes differ';
  if (x.items.length !== y.items.length) return `lengths differ (${x.items.length} vs ${y.items.length})`;
  for (let i = 0; i < x.items.length; i++) {
    const masked = i % 2 === 1 && x.items[i - 1].value === 'id';
    if (masked) {
      if (x.items[i].type !== ':' || y.items[i].type !== ':') return 'id is not an integer';
    } else if (x.items[i].raw !== y.items[i].raw) {
      return `field #${i >> 1} differs`;
    }
  }
  return null;
}

/**
 * Random picks (rand:<flags>, see Cmp). A reply that is no aggregate (an error, a null, the one
 * pick of a call that lost its count to arity noise) must match in kind; with `x` an aggregate
 * must match byte for byte (a count that takes a whole listpack, in its order). With `v`, a flat RESP2
 * reply is read as pairs only when Redis's own reply reads as pairs (even, one value per field),
 * so a call that lost WITHVALUES is still compared on its fields.
 */
function sameRandom(flags: string, x: Node, y: Node): string | null {
  if (!x.items || !y.items) {
    if (x.type === '$' && y.type === '$' && isNull(x) === isNull(y)) return null;
    return x.raw === y.raw ? null : 'bytes differ';
  }
  if (flags.includes('x')) return x.raw === y.raw ? null : 'bytes differ';
  const shape = sameShape(x, y);
  if (shape !== null) return shape;
  let withValues = flags.includes('v');
  if (withValues && x.items.length > 0 && !x.items[0].items && picksOf(x, true) === null) withValues = false;
  const px = picksOf(x, withValues);
  const py = picksOf(y, withValues);
  if (px === null || py === null) return `${px === null ? 'redis' : 'our'} picks are not field/value pairs`;
  if (flags.includes('u') && (px.count !== px.map.size || py.count !== py.map.size)) {
    return `${px.count !== px.map.size ? 'redis' : 'our'} picks repeat`;
  }
  if (flags.includes('c')) {
    if (px.map.size !== py.map.size) return `distinct picks differ (${px.map.size} vs ${py.map.size})`;
    for (const [f, v] of px.map) if (py.map.get(f) !== v) return 'distinct picks differ';
  }
  return null;
}

/** The picks of a reply: field -> value ('' without values), null when a field has two values. */
function picksOf(n: Node, withValues: boolean): { map: Map<string, string>; count: number } | null {
  const map = new Map<string, string>();
  const items = n.items!;
  let count = 0;
  const add = (f: Node, v: Node | null): boolean => {
    count++;
    const value = v === null ? '' : v.raw;
    const seen = map.get(f.raw);
    if (seen !== undefined && seen !== value) return false;
    map.set(f.raw, value);
    return true;
  };
  if (items.length > 0 && items[0].items) {
    for (const pair of items) if (!pair.items || pair.items.length !== 2 || !add(pair.items[0], pair.items[1])) return null;
  } else if (withValues) {
    if (items.length % 2 !== 0) return null;
    for (let i = 0; i < items.length; i += 2) if (!add(items[i], items[i + 1])) return null;
  } else {
    for (const f of items) add(f, null);
  }
  return { map, count };
}
