// A byte string kept as a persistent, balanced tree of fixed-size leaves whose every node also
// holds its bytes as one JS string (a V8 rope: concatenation is O(1), flattening happens once when
// someone reads the whole value). Changing a byte copies one leaf and the path above it, so SETBIT,
// SETRANGE and BITFIELD on a large value cost O(log n) instead of a copy of the whole value, and
// appending zeros shares one subtree of zeros per size. Ropes are immutable: an old one stays valid.

/** Bytes per leaf: every leaf but the last holds exactly this many. */
const LEAF = 512;

/** A leaf (a string of up to LEAF bytes) or an inner node over two subtrees of equal height. */
type Node = string | Inner;

interface Inner {
  /** The bytes of the subtree: l's then r's. */
  readonly s: string;
  readonly l: Node;
  /** Absent while the leaves have not reached the right half. */
  readonly r: Node | null;
}

function str(n: Node | null): string {
  return n === null ? '' : typeof n === 'string' ? n : n.s;
}

function inner(l: Node, r: Node | null): Inner {
  return { s: r === null ? str(l) : str(l) + str(r), l, r };
}

/** Subtrees of zeros, one per height, shared by every rope (built on demand). */
const zeroNodes: Node[] = [];
function zeroNode(h: number): Node {
  let n = zeroNodes[h];
  if (n === undefined) {
    n = h === 0 ? '\0'.repeat(LEAF) : inner(zeroNode(h - 1), zeroNode(h - 1));
    zeroNodes[h] = n;
  }
  return n;
}

/** Replaces leaf `idx` under `node` (height h), copying the path to it. */
function setLeaf(node: Node | null, h: number, idx: number, leaf: string): Node {
  if (h === 0) return leaf;
  const n = node as Inner | null;
  if (((idx >>> (h - 1)) & 1) === 0) return inner(setLeaf(n === null ? null : n.l, h - 1, idx, leaf), n === null ? null : n.r);
  return inner(n!.l, setLeaf(n!.r, h - 1, idx, leaf));
}

/** Puts shared zero subtrees at the (absent) leaves lo..hi under `node`, which covers base... */
function fillZeros(node: Node | null, h: number, base: number, lo: number, hi: number): Node | null {
  const span = 2 ** h;
  if (hi < base || lo > base + span - 1) return node;
  if (lo <= base && base + span - 1 <= hi) return zeroNode(h);
  const n = node as Inner | null;
  const half = span / 2;
  const l = fillZeros(n === null ? null : n.l, h - 1, base, lo, hi);
  const r = fillZeros(n === null ? null : n.r, h - 1, base + half, lo, hi);
  return inner(l!, r);
}

export class ByteRope {
  private constructor(
    private readonly root: Node | null,
    private readonly height: number,
    readonly length: number,
  ) {}

  /** A rope over a string (O(length / LEAF) nodes; the leaves are slices of it). */
  static from(s: string): ByteRope {
    if (s.length === 0) return new ByteRope(null, 0, 0);
    let nodes: Node[] = [];
    for (let i = 0; i < s.length; i += LEAF) nodes.push(s.slice(i, i + LEAF));
    let height = 0;
    while (nodes.length > 1) {
      const up: Node[] = [];
      for (let i = 0; i < nodes.length; i += 2) up.push(inner(nodes[i], i + 1 < nodes.length ? nodes[i + 1] : null));
      nodes = up;
      height++;
    }
    return new ByteRope(nodes[0], height, s.length);
  }

  /** The bytes, as one (rope) string. */
  toString(): string {
    return str(this.root);
  }

  /** The byte at i (i < length). */
  byteAt(i: number): number {
    const idx = Math.floor(i / LEAF);
    let node = this.root!;
    for (let h = this.height; h > 0; h--) node = ((idx >>> (h - 1)) & 1) === 0 ? (node as Inner).l : (node as Inner).r!;
    return (node as string).charCodeAt(i - idx * LEAF);
  }

  private leaf(idx: number): string {
    let node = this.root!;
    for (let h = this.height; h > 0; h--) node = ((idx >>> (h - 1)) & 1) === 0 ? (node as Inner).l : (node as Inner).r!;
    return node as string;
  }

  /** The rope padded with zero bytes to `length` (at least the current length). */
  grow(length: number): ByteRope {
    if (length <= this.length) return this;
    const count = Math.ceil(this.length / LEAF);
    const newCount = Math.ceil(length / LEAF);
    let root = this.root;
    let height = this.height;
    while (2 ** height < newCount) {
      if (root !== null) root = inner(root, null);
      height++;
    }
    // Complete the last leaf, then add whole zero leaves, then the last, partial one.
    if (count > 0 && this.length % LEAF !== 0) {
      const last = this.leaf(count - 1);
      const want = Math.min(LEAF, length - (count - 1) * LEAF);
      root = setLeaf(root, height, count - 1, last + '\0'.repeat(want - last.length));
    }
    const tail = length % LEAF;
    const lastFull = tail === 0 ? newCount - 1 : newCount - 2;
    if (lastFull >= count) root = fillZeros(root, height, 0, count, lastFull);
    if (tail !== 0 && newCount - 1 >= count) root = setLeaf(root, height, newCount - 1, '\0'.repeat(tail));
    return new ByteRope(root, height, length);
  }

  /** The rope with `bytes` written at `offset`, growing it with zeros first if needed. */
  write(offset: number, bytes: string): ByteRope {
    const end = offset + bytes.length;
    const base = end > this.length ? this.grow(end) : this;
    let root = base.root;
    let pos = offset;
    while (pos < end) {
      const idx = Math.floor(pos / LEAF);
      const leafStart = idx * LEAF;
      const old = base.leaf(idx);
      const from = pos - leafStart;
      const to = Math.min(old.length, end - leafStart);
      const piece = bytes.slice(pos - offset, pos - offset + (to - from));
      root = setLeaf(root, base.height, idx, old.slice(0, from) + piece + old.slice(to));
      pos = leafStart + to;
    }
    return new ByteRope(root, base.height, base.length);
  }

  /** The rope with byte i (i < length) set to b. */
  setByte(i: number, b: number): ByteRope {
    const idx = Math.floor(i / LEAF);
    const old = this.leaf(idx);
    const k = i - idx * LEAF;
    const leaf = old.slice(0, k) + String.fromCharCode(b) + old.slice(k + 1);
    return new ByteRope(setLeaf(this.root, this.height, idx, leaf), this.height, this.length);
  }
}
