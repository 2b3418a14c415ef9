// Raw RESP for the differential tests: a reply stream cut into replies (byte-exact slices, RESP2
// and RESP3), and a small tree parser for the comparisons that are not byte-exact (sorted,
// approximate TTL, shape). Byte strings are latin1 JS strings throughout.
// This stays beside src/protocol's ReplyParser on purpose: that one decodes to Reply values, while
// a differential comparison needs each reply's exact bytes (a double's digits, a map's order, an
// attribute). The socket test checks that ReplyParser frames every reply the same way.

/** The offset just past the complete reply that starts at `pos`, or -1 when more bytes are needed. */
export function replyEnd(buf: string, pos: number): number {
  let need = 1;
  while (need > 0) {
    if (pos >= buf.length) return -1;
    const nl = buf.indexOf('\r\n', pos);
    if (nl < 0) return -1;
    const t = buf[pos];
    need--;
    if (t === '$' || t === '!' || t === '=') {
      const len = Number(buf.slice(pos + 1, nl));
      if (len < 0) {
        pos = nl + 2;
        continue;
      }
      const end = nl + 2 + len + 2;
      if (end > buf.length) return -1;
      pos = end;
    } else if (t === '*' || t === '~' || t === '>') {
      const n = Number(buf.slice(pos + 1, nl));
      if (n > 0) need += n;
      pos = nl + 2;
    } else if (t === '%') {
      need += 2 * Number(buf.slice(pos + 1, nl));
      pos = nl + 2;
    } else if (t === '|') {
      // An attribute map precedes the reply it annotates: both are one unit.
      need += 2 * Number(buf.slice(pos + 1, nl)) + 1;
      pos = nl + 2;
    } else {
      pos = nl + 2;
    }
  }
  return pos;
}

/** One parsed reply: its type byte, its exact bytes, and its payload or children. */
export interface Node {
  type: string;
  raw: string;
  /** Bulk payload or the line after the type byte (null for null replies). */
  value: string | null;
  /** Children of arrays, sets, pushes; maps hold keys and values alternately. */
  items: Node[] | null;
}

/** Parses one complete reply (as cut by replyEnd). */
export function parseReply(raw: string): Node {
  const [node, end] = parseAt(raw, 0);
  if (end !== raw.length) throw new Error(`trailing bytes after reply: ${JSON.stringify(raw.slice(end, end + 40))}`);
  return node;
}

function parseAt(buf: string, pos: number): [Node, number] {
  const nl = buf.indexOf('\r\n', pos);
  if (nl < 0) throw new Error('truncated reply');
  const t = buf[pos];
  const line = buf.slice(pos + 1, nl);
  if (t === '$' || t === '!' || t === '=') {
    const len = Number(line);
    if (len < 0) return [{ type: t, raw: buf.slice(pos, nl + 2), value: null, items: null }, nl + 2];
    const end = nl + 2 + len + 2;
    return [{ type: t, raw: buf.slice(pos, end), value: buf.slice(nl + 2, nl + 2 + len), items: null }, end];
  }
  if (t === '*' || t === '~' || t === '>' || t === '%' || t === '|') {
    const n = Number(line);
    if (n < 0) return [{ type: t, raw: buf.slice(pos, nl + 2), value: null, items: null }, nl + 2];
    const count = t === '%' || t === '|' ? 2 * n : n;
    const items: Node[] = [];
    let p = nl + 2;
    for (let i = 0; i < count; i++) {
      const [child, next] = parseAt(buf, p);
      items.push(child);
      p = next;
    }
    if (t === '|') {
      const [inner, next] = parseAt(buf, p);
      return [{ ...inner, raw: buf.slice(pos, next) }, next];
    }
    return [{ type: t, raw: buf.slice(pos, p), value: null, items }, p];
  }
  return [{ type: t, raw: buf.slice(pos, nl + 2), value: t === '_' ? null : line, items: null }, nl + 2];
}

/** True for RESP2 `$-1` / `*-1` and RESP3 `_`. */
export function isNull(n: Node): boolean {
  return n.type === '_' || ((n.type === '$' || n.type === '*') && n.value === null && n.items === null);
}

/** A RESP array (RESP2 or RESP3 flavour) of bulk strings, as both servers would send it. */
export function encodeStringArray(items: string[]): string {
  let out = '*' + items.length + '\r\n';
  for (const s of items) out += '$' + s.length + '\r\n' + s + '\r\n';
  return out;
}
