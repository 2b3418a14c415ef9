// An order-statistic B+tree of (score, member) pairs, the ordered half of a sorted set: ordered by
// score, then by member bytewise (members are byte strings, so JS `<` is memcmp order with the
// shorter prefix first, as sdscmp). Find, insert, delete, rank and select by rank are O(log n);
// range walks follow the leaf chain.
//
// Why not Redis's skiplist: a skiplist node per member (an object, a per-level array of forward
// pointers and spans) costs about 100 bytes in V8. Leaves here hold up to LEAF_CAP members in a
// plain array and their scores in a second one (V8 keeps an all-number array unboxed, 8 bytes a
// score), so a member costs about 16-25 bytes here, and inner nodes (1 per ~50 leaves) carry the
// subtree counts that make rank O(log n).
//
// Invariants: every leaf holds at most LEAF_CAP pairs and, but for the two end leaves, at least
// LEAF_MIN; every inner node but the root has INNER_MIN..INNER_CAP children; in an inner node, the keys of child j are < sep[j] <= the
// keys of child j+1 (a separator is a lower bound of its right child, not necessarily its first
// key: deletes leave separators alone); counts[j] is the number of pairs under child j.

const LEAF_CAP = 64;
const LEAF_MIN = 16;
const INNER_CAP = 64;
const INNER_MIN = 16;

export class Leaf {
  prev: Leaf | null = null;
  next: Leaf | null = null;
  constructor(
    public members: string[],
    public scores: number[],
  ) {}
}

class Inner {
  constructor(
    public children: Array<Leaf | Inner>,
    /** Pairs under each child. */
    public counts: number[],
    /** sepScores[j], sepMembers[j]: the separator between child j and child j+1. */
    public sepScores: number[],
    public sepMembers: string[],
  ) {}
}

type Node = Leaf | Inner;

/** (s1, m1) < (s2, m2) in sorted-set order. */
function less(s1: number, m1: string, s2: number, m2: string): boolean {
  return s1 < s2 || (s1 === s2 && m1 < m2);
}

/** A position in the tree and its rank: walks forward and backward along the leaf chain. */
export class ZCursor {
  constructor(
    public leaf: Leaf | null,
    public i: number,
    /** The 0-based rank of the pair it is on. */
    public rank: number,
  ) {}

  get valid(): boolean {
    return this.leaf !== null;
  }
  get member(): string {
    return this.leaf!.members[this.i];
  }
  get score(): number {
    return this.leaf!.scores[this.i];
  }
  next(): void {
    const leaf = this.leaf!;
    this.rank++;
    if (++this.i < leaf.members.length) return;
    this.leaf = leaf.next;
    this.i = 0;
  }
  prev(): void {
    this.rank--;
    if (--this.i >= 0) return;
    const leaf = this.leaf!.prev;
    this.leaf = leaf;
    this.i = leaf === null ? 0 : leaf.members.length - 1;
  }
  clone(): ZCursor {
    return new ZCursor(this.leaf, this.i, this.rank);
  }
}

// The path of the last descent (inner nodes and the child taken in each), reused by every call:
// the tree is never deeper than a few levels (64^6 pairs).
const MAX_DEPTH = 32;
const pathNodes: Inner[] = new Array(MAX_DEPTH);
const pathIdx: number[] = new Array(MAX_DEPTH).fill(0);

/**
 * The pairs under children 0..j-1 of a node holding `total` pairs: summed from the nearer end,
 * so at most half of the counts are read.
 */
function countBefore(counts: number[], j: number, total: number): number {
  const n = counts.length;
  let acc = 0;
  if (j <= n >> 1) {
    for (let k = 0; k < j; k++) acc += counts[k];
    return acc;
  }
  for (let k = j; k < n; k++) acc += counts[k];
  return total - acc;
}

// Inserting and removing in the middle of an array, shifting its tail (no splice: no garbage
// array per call). One copy per kind of array on purpose: a single helper storing into both string
// and number arrays makes V8 turn the number arrays into arrays of boxed values (a 16-byte heap
// number per score) so that its store sites stay monomorphic.

function insertObject<T>(a: T[], i: number, x: T): void {
  let k = a.length;
  a.push(x);
  for (; k > i; k--) a[k] = a[k - 1];
  a[i] = x;
}

function removeObject<T>(a: T[], i: number): void {
  const n = a.length - 1;
  for (let k = i; k < n; k++) a[k] = a[k + 1];
  a.pop();
}

/** Scores, separator scores (arrays of doubles, kept unboxed) and subtree counts (small integers). */
function insertNumber(a: number[], i: number, x: number): void {
  let k = a.length;
  a.push(x);
  for (; k > i; k--) a[k] = a[k - 1];
  a[i] = x;
}

function removeNumber(a: number[], i: number): void {
  const n = a.length - 1;
  for (let k = i; k < n; k++) a[k] = a[k + 1];
  a.pop();
}

export class ZTree {
  root: Node = new Leaf([], []);
  length = 0;
  head: Leaf;
  tail: Leaf;

  constructor() {
    this.head = this.tail = this.root as Leaf;
  }

  /** A tree of pairs already in order (no duplicates), built in O(n) with leaves 3/4 full. */
  static fromSorted(members: string[], scores: number[]): ZTree {
    const t = new ZTree();
    const n = members.length;
    if (n <= LEAF_CAP) {
      t.root = t.head = t.tail = new Leaf(members.slice(), scores.slice());
      t.length = n;
      return t;
    }
    const per = (LEAF_CAP * 3) >> 2;
    const leaves = Math.ceil(n / per);
    let level: Node[] = [];
    let counts: number[] = [];
    let prev: Leaf | null = null;
    for (let k = 0; k < leaves; k++) {
      // Spread the remainder so that no leaf is under LEAF_MIN.
      const from = Math.floor((k * n) / leaves);
      const to = Math.floor(((k + 1) * n) / leaves);
      const leaf = new Leaf(members.slice(from, to), scores.slice(from, to));
      leaf.prev = prev;
      if (prev !== null) prev.next = leaf;
      else t.head = leaf;
      prev = leaf;
      level.push(leaf);
      counts.push(to - from);
    }
    t.tail = prev!;
    while (level.length > 1) {
      const groups = Math.ceil(level.length / ((INNER_CAP * 3) >> 2));
      const up: Node[] = [];
      const upCounts: number[] = [];
      for (let g = 0; g < groups; g++) {
        const from = Math.floor((g * level.length) / groups);
        const to = Math.floor(((g + 1) * level.length) / groups);
        const children = level.slice(from, to);
        const cs = counts.slice(from, to);
        const sepScores: number[] = [];
        const sepMembers: string[] = [];
        for (let j = 1; j < children.length; j++) {
          const first = firstLeaf(children[j]);
          sepScores.push(first.scores[0]);
          sepMembers.push(first.members[0]);
        }
        up.push(new Inner(children, cs, sepScores, sepMembers));
        let sum = 0;
        for (const c of cs) sum += c;
        upCounts.push(sum);
      }
      level = up;
      counts = upCounts;
    }
    t.root = level[0];
    t.length = n;
    return t;
  }

  /** A deep copy (COPY): same pairs, fresh arrays. */
  clone(): ZTree {
    // Filled by push, not preallocated: a packed array, not a holey one, for the leaves to slice.
    const members: string[] = [];
    const scores: number[] = [];
    for (let leaf: Leaf | null = this.head; leaf !== null; leaf = leaf.next) {
      const m = leaf.members;
      const s = leaf.scores;
      for (let i = 0; i < m.length; i++) {
        members.push(m[i]);
        scores.push(s[i]);
      }
    }
    return ZTree.fromSorted(members, scores);
  }

  // ---- descents ------------------------------------------------------------------------------

  /**
   * Descends to the leaf where (score, member) is or would go, recording the path. Returns the
   * depth (the number of inner nodes on the path); the leaf is `lastLeaf`.
   */
  private descendKey(score: number, member: string): number {
    let node = this.root;
    let d = 0;
    while (node instanceof Inner) {
      // The child whose range holds the key: the number of separators <= key.
      const ss = node.sepScores;
      const sm = node.sepMembers;
      let lo = 0;
      let hi = ss.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (less(score, member, ss[mid], sm[mid])) hi = mid;
        else lo = mid + 1;
      }
      pathNodes[d] = node;
      pathIdx[d] = lo;
      d++;
      node = node.children[lo];
    }
    this.lastLeaf = node;
    return d;
  }

  private lastLeaf: Leaf = this.root as Leaf;

  /** Descends to the pair of rank `rank` (0-based, < length), recording the path; sets lastLeaf. */
  private descendRank(rank: number): { d: number; i: number } {
    let node = this.root;
    let d = 0;
    let total = this.length;
    while (node instanceof Inner) {
      const counts = node.counts;
      let j: number;
      if (rank < total >> 1) {
        j = 0;
        while (rank >= counts[j]) rank -= counts[j++];
      } else {
        // Nearer the end: walk back from it.
        j = counts.length - 1;
        let after = total - counts[j];
        while (rank < after) after -= counts[--j];
        rank -= after;
      }
      total = counts[j];
      pathNodes[d] = node;
      pathIdx[d] = j;
      d++;
      node = node.children[j];
    }
    this.lastLeaf = node;
    return { d, i: rank };
  }

  // ---- queries -------------------------------------------------------------------------------

  /** The 0-based rank of (score, member), or -1 when absent. */
  rank(score: number, member: string): number {
    let node = this.root;
    let acc = 0;
    let total = this.length;
    while (node instanceof Inner) {
      const ss = node.sepScores;
      const sm = node.sepMembers;
      let lo = 0;
      let hi = ss.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (less(score, member, ss[mid], sm[mid])) hi = mid;
        else lo = mid + 1;
      }
      const counts = node.counts;
      acc += countBefore(counts, lo, total);
      total = counts[lo];
      node = node.children[lo];
    }
    const i = lowerBound(node, score, member);
    if (i < node.members.length && node.members[i] === member && node.scores[i] === score) return acc + i;
    return -1;
  }

  /**
   * A cursor on the first pair for which `below` does not hold (its rank is the number of pairs
   * before it; invalid, with rank = length, when `below` holds for all); `below` must hold for a
   * prefix of the order and not after it (a range bound). One descent: O(log n).
   */
  seekBelow(below: (score: number, member: string) => boolean): ZCursor {
    let node = this.root;
    let acc = 0;
    let total = this.length;
    while (node instanceof Inner) {
      const ss = node.sepScores;
      const sm = node.sepMembers;
      let lo = 0;
      let hi = ss.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (below(ss[mid], sm[mid])) lo = mid + 1;
        else hi = mid;
      }
      const counts = node.counts;
      acc += countBefore(counts, lo, total);
      total = counts[lo];
      node = node.children[lo];
    }
    const s = node.scores;
    const m = node.members;
    let lo = 0;
    let hi = m.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (below(s[mid], m[mid])) lo = mid + 1;
      else hi = mid;
    }
    // Past the end of this leaf: the next leaf's first pair (or past the end of the tree).
    if (lo === m.length) return new ZCursor(node.next, 0, acc + lo);
    return new ZCursor(node, lo, acc + lo);
  }

  /** The number of leading pairs for which `below` holds (see seekBelow). */
  countBelow(below: (score: number, member: string) => boolean): number {
    return this.seekBelow(below).rank;
  }

  /** A cursor on the pair of rank `rank` (an invalid cursor past either end). */
  cursorAt(rank: number): ZCursor {
    if (rank < 0 || rank >= this.length) return new ZCursor(null, 0, rank);
    if (rank === 0) return new ZCursor(this.head, 0, 0);
    if (rank === this.length - 1) return new ZCursor(this.tail, this.tail.members.length - 1, rank);
    const { i } = this.descendRank(rank);
    return new ZCursor(this.lastLeaf, i, rank);
  }

  /** The cursor before `c` (c may be past the end: then the last pair). */
  before(c: ZCursor): ZCursor {
    if (c.leaf === null) return this.cursorAt(this.length - 1);
    const b = c.clone();
    b.prev();
    return b;
  }

  /** The member of rank `rank` (< length). */
  memberAt(rank: number): string {
    const { i } = this.descendRank(rank);
    return this.lastLeaf.members[i];
  }

  // ---- updates -------------------------------------------------------------------------------

  /** Inserts a pair that is not in the tree. */
  insert(score: number, member: string): void {
    const d = this.descendKey(score, member);
    for (let k = 0; k < d; k++) pathNodes[k].counts[pathIdx[k]]++;
    this.length++;
    const leaf = this.lastLeaf;
    const i = lowerBound(leaf, score, member);
    if (leaf.members.length < LEAF_CAP) {
      insertObject(leaf.members, i, member);
      insertNumber(leaf.scores, i, score);
      return;
    }
    // A full leaf splits before the insert, so its arrays never grow past LEAF_CAP. Appending at
    // the right end (or prepending at the left end) splits off the new pair alone, so ascending
    // (descending) loads leave full leaves behind.
    const n = leaf.members.length;
    const p = i === n && leaf.next === null ? n : i === 0 && leaf.prev === null ? 0 : n >> 1;
    const right = new Leaf(leaf.members.slice(p), leaf.scores.slice(p));
    leaf.members.length = p;
    leaf.scores.length = p;
    right.next = leaf.next;
    if (right.next !== null) right.next.prev = right;
    else this.tail = right;
    right.prev = leaf;
    leaf.next = right;
    if (p === 0 || (i <= p && p !== n)) {
      insertObject(leaf.members, i, member);
      insertNumber(leaf.scores, i, score);
    } else {
      insertObject(right.members, i - p, member);
      insertNumber(right.scores, i - p, score);
    }
    this.insertSplit(d, right, right.scores[0], right.members[0], leaf.members.length, right.members.length);
  }

  /**
   * The node on the path at depth d was split into itself (leftCount pairs) and `right`
   * (rightCount pairs, keys >= the separator): puts `right` into the parent, splitting upward as
   * needed. The counts on the path were already raised for the inserted pair; each level sets
   * the exact counts of the two halves.
   */
  private insertSplit(d: number, right: Node, sepScore: number, sepMember: string, leftCount: number, rightCount: number): void {
    if (d === 0) {
      this.root = new Inner([this.root, right], [leftCount, rightCount], [sepScore], [sepMember]);
      return;
    }
    const parent = pathNodes[d - 1];
    const j = pathIdx[d - 1];
    parent.counts[j] = leftCount;
    insertObject(parent.children, j + 1, right);
    insertNumber(parent.counts, j + 1, rightCount);
    insertNumber(parent.sepScores, j, sepScore);
    insertObject(parent.sepMembers, j, sepMember);
    const n = parent.children.length;
    if (n <= INNER_CAP) return;
    const p = n >> 1;
    const r = new Inner(parent.children.slice(p), parent.counts.slice(p), parent.sepScores.slice(p), parent.sepMembers.slice(p));
    const upScore = parent.sepScores[p - 1];
    const upMember = parent.sepMembers[p - 1];
    parent.children.length = p;
    parent.counts.length = p;
    parent.sepScores.length = p - 1;
    parent.sepMembers.length = p - 1;
    let lc = 0;
    for (let k = 0; k < p; k++) lc += parent.counts[k];
    let rc = 0;
    for (let k = 0; k < r.counts.length; k++) rc += r.counts[k];
    this.insertSplit(d - 1, r, upScore, upMember, lc, rc);
  }

  /** Removes (score, member); false when it is not in the tree. */
  remove(score: number, member: string): boolean {
    const d = this.descendKey(score, member);
    const leaf = this.lastLeaf;
    const i = lowerBound(leaf, score, member);
    if (i >= leaf.members.length || leaf.members[i] !== member || leaf.scores[i] !== score) return false;
    this.removeAtPath(leaf, i, d);
    return true;
  }

  /** Removes the pair of rank `rank` (< length) and returns its member. */
  removeAt(rank: number): string {
    const { d, i } = this.descendRank(rank);
    const leaf = this.lastLeaf;
    const member = leaf.members[i];
    this.removeAtPath(leaf, i, d);
    return member;
  }

  /**
   * Moves a pair from `score` to `newScore` (zslUpdateScore): in place when its position does not
   * change (both neighbours in the same leaf and still strictly around it), else removed and
   * inserted again. The pair must be in the tree.
   */
  update(score: number, member: string, newScore: number): void {
    const d = this.descendKey(score, member);
    const leaf = this.lastLeaf;
    const i = lowerBound(leaf, score, member);
    const s = leaf.scores;
    if (i > 0 && i < s.length - 1 && s[i - 1] < newScore && s[i + 1] > newScore) {
      s[i] = newScore;
      return;
    }
    this.removeAtPath(leaf, i, d);
    this.insert(newScore, member);
  }

  /** Removes every pair. */
  clear(): void {
    this.root = this.head = this.tail = this.lastLeaf = new Leaf([], []);
    this.length = 0;
  }

  // ---- internals -----------------------------------------------------------------------------

  private removeAtPath(leaf: Leaf, i: number, d: number): void {
    removeObject(leaf.members, i);
    removeNumber(leaf.scores, i);
    for (let k = 0; k < d; k++) pathNodes[k].counts[pathIdx[k]]--;
    this.length--;
    if (d > 0 && leaf.members.length < LEAF_MIN) this.rebalanceLeaf(leaf, d);
  }

  private rebalanceLeaf(leaf: Leaf, d: number): void {
    const parent = pathNodes[d - 1];
    const j = pathIdx[d - 1];
    const counts = parent.counts;
    if (j > 0) {
      const left = parent.children[j - 1] as Leaf;
      if (left.members.length + leaf.members.length <= LEAF_CAP) {
        mergeLeaves(left, leaf, this);
        counts[j - 1] += counts[j];
        removeChild(parent, j);
        this.afterChildRemoved(d - 1);
        return;
      }
      // Borrow from the left: move its last pairs to the front of this leaf.
      const move = (left.members.length - leaf.members.length) >> 1;
      const from = left.members.length - move;
      leaf.members = left.members.slice(from).concat(leaf.members);
      leaf.scores = left.scores.slice(from).concat(leaf.scores);
      left.members.length = from;
      left.scores.length = from;
      counts[j - 1] -= move;
      counts[j] += move;
      parent.sepScores[j - 1] = leaf.scores[0];
      parent.sepMembers[j - 1] = leaf.members[0];
      return;
    }
    const right = parent.children[j + 1] as Leaf;
    if (right.members.length + leaf.members.length <= LEAF_CAP) {
      mergeLeaves(leaf, right, this);
      counts[j] += counts[j + 1];
      removeChild(parent, j + 1);
      this.afterChildRemoved(d - 1);
      return;
    }
    // Borrow from the right: move its first pairs to the end of this leaf.
    const move = (right.members.length - leaf.members.length) >> 1;
    for (let k = 0; k < move; k++) {
      leaf.members.push(right.members[k]);
      leaf.scores.push(right.scores[k]);
    }
    right.members = right.members.slice(move);
    right.scores = right.scores.slice(move);
    counts[j] += move;
    counts[j + 1] -= move;
    parent.sepScores[j] = right.scores[0];
    parent.sepMembers[j] = right.members[0];
  }

  /** An inner node at depth k lost a child: collapse the root or rebalance the node. */
  private afterChildRemoved(k: number): void {
    const node = pathNodes[k];
    if (k === 0) {
      if (node.children.length === 1) this.root = node.children[0];
      return;
    }
    if (node.children.length >= INNER_MIN) return;
    const parent = pathNodes[k - 1];
    const j = pathIdx[k - 1];
    const counts = parent.counts;
    const leftIdx = j > 0 ? j - 1 : j;
    const left = parent.children[leftIdx] as Inner;
    const right = parent.children[leftIdx + 1] as Inner;
    if (left.children.length + right.children.length <= INNER_CAP) {
      // Merge right into left, the parent's separator coming down between them.
      left.sepScores.push(parent.sepScores[leftIdx], ...right.sepScores);
      left.sepMembers.push(parent.sepMembers[leftIdx], ...right.sepMembers);
      for (let c = 0; c < right.children.length; c++) {
        left.children.push(right.children[c]);
        left.counts.push(right.counts[c]);
      }
      counts[leftIdx] += counts[leftIdx + 1];
      removeChild(parent, leftIdx + 1);
      this.afterChildRemoved(k - 1);
      return;
    }
    // Rotate children through the parent's separator until both have about the same number.
    if (left.children.length > right.children.length) {
      const move = (left.children.length - right.children.length) >> 1;
      for (let t = 0; t < move; t++) {
        const c = left.children.pop()!;
        const cnt = left.counts.pop()!;
        right.children.unshift(c);
        right.counts.unshift(cnt);
        right.sepScores.unshift(parent.sepScores[leftIdx]);
        right.sepMembers.unshift(parent.sepMembers[leftIdx]);
        parent.sepScores[leftIdx] = left.sepScores.pop()!;
        parent.sepMembers[leftIdx] = left.sepMembers.pop()!;
        counts[leftIdx] -= cnt;
        counts[leftIdx + 1] += cnt;
      }
    } else {
      const move = (right.children.length - left.children.length) >> 1;
      for (let t = 0; t < move; t++) {
        const c = right.children.shift()!;
        const cnt = right.counts.shift()!;
        left.children.push(c);
        left.counts.push(cnt);
        left.sepScores.push(parent.sepScores[leftIdx]);
        left.sepMembers.push(parent.sepMembers[leftIdx]);
        parent.sepScores[leftIdx] = right.sepScores.shift()!;
        parent.sepMembers[leftIdx] = right.sepMembers.shift()!;
        counts[leftIdx] += cnt;
        counts[leftIdx + 1] -= cnt;
      }
    }
  }
}

function firstLeaf(node: Node): Leaf {
  while (node instanceof Inner) node = node.children[0];
  return node;
}

/** The index of the first pair >= (score, member) in a leaf. */
function lowerBound(leaf: Leaf, score: number, member: string): number {
  const s = leaf.scores;
  const m = leaf.members;
  let lo = 0;
  let hi = s.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (less(s[mid], m[mid], score, member)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Appends `right`'s pairs to `left` and unlinks `right`. */
function mergeLeaves(left: Leaf, right: Leaf, tree: ZTree): void {
  const rm = right.members;
  const rs = right.scores;
  for (let k = 0; k < rm.length; k++) {
    left.members.push(rm[k]);
    left.scores.push(rs[k]);
  }
  left.next = right.next;
  if (left.next !== null) left.next.prev = left;
  else tree.tail = left;
}

/** Removes child j (j >= 1) and the separator before it. */
function removeChild(node: Inner, j: number): void {
  removeObject(node.children, j);
  removeNumber(node.counts, j);
  removeNumber(node.sepScores, j - 1);
  removeObject(node.sepMembers, j - 1);
}

/**
 * Checks every invariant of a tree (order, counts, separators, fill, leaf links); throws on the
 * first broken one. For tests.
 */
export function checkZTree(t: ZTree): void {
  const leaves: Leaf[] = [];
  let depthSeen = -1;
  const walk = (node: Node, depth: number, lo: [number, string] | null, hi: [number, string] | null, isRoot: boolean): number => {
    if (node instanceof Leaf) {
      if (depthSeen < 0) depthSeen = depth;
      else if (depthSeen !== depth) throw new Error('leaves at different depths');
      // The end leaves may be short: appends and prepends split off one pair (see insert).
      const end = node === t.head || node === t.tail;
      if (!isRoot && ((node.members.length < LEAF_MIN && !end) || node.members.length > LEAF_CAP)) throw new Error(`leaf size ${node.members.length}`);
      if (node.members.length !== node.scores.length) throw new Error('leaf arrays differ in length');
      for (let i = 0; i < node.members.length; i++) {
        const s = node.scores[i];
        const m = node.members[i];
        if (i > 0 && !less(node.scores[i - 1], node.members[i - 1], s, m)) throw new Error('leaf out of order');
        if (lo !== null && less(s, m, lo[0], lo[1])) throw new Error('key below its separator');
        if (hi !== null && !less(s, m, hi[0], hi[1])) throw new Error('key not below the next separator');
      }
      leaves.push(node);
      return node.members.length;
    }
    const n = node.children.length;
    if (n !== node.counts.length || n - 1 !== node.sepScores.length || n - 1 !== node.sepMembers.length) throw new Error('inner arrays inconsistent');
    if (isRoot ? n < 2 : n < INNER_MIN || n > INNER_CAP) throw new Error(`inner size ${n}`);
    let total = 0;
    for (let j = 0; j < n; j++) {
      const clo: [number, string] | null = j === 0 ? lo : [node.sepScores[j - 1], node.sepMembers[j - 1]];
      const chi: [number, string] | null = j === n - 1 ? hi : [node.sepScores[j], node.sepMembers[j]];
      const c = walk(node.children[j], depth + 1, clo, chi, false);
      if (c !== node.counts[j]) throw new Error(`count ${node.counts[j]} but ${c} pairs under child ${j}`);
      total += c;
    }
    return total;
  };
  const total = walk(t.root, 0, null, null, true);
  if (total !== t.length) throw new Error(`length ${t.length} but ${total} pairs`);
  if (t.head !== leaves[0] || t.tail !== leaves[leaves.length - 1]) throw new Error('head/tail wrong');
  for (let k = 0; k < leaves.length; k++) {
    if (leaves[k].prev !== (k > 0 ? leaves[k - 1] : null)) throw new Error('prev link wrong');
    if (leaves[k].next !== (k + 1 < leaves.length ? leaves[k + 1] : null)) throw new Error('next link wrong');
  }
}
