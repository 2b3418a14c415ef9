// A deque of byte strings in fixed-size chunks: the value of a Redis list (Redis's quicklist, a
// linked list of listpacks). Each chunk is an array of CAP slots holding its elements in [lo, hi);
// the chunks sit in a ring (the directory), so pushing and popping at either end is O(1) and never
// copies the list. Finding index i walks the chunks from the nearer end, as quicklist walks its
// nodes: O(distance / CAP). An insert in the middle shifts at most half a chunk, splitting a full
// chunk in two; removals (LREM) compact the chunks they touch and merge small neighbours, so
// chunks stay at least a quarter full on average. Memory: one pointer per element plus about 1/CAP
// of a chunk header, next to the strings themselves.

/** Slots per chunk. */
const CAP = 128;
const HALF = CAP >>> 1;

class Chunk {
  readonly a: Array<string | undefined> = new Array(CAP);
  constructor(
    public lo: number,
    public hi: number,
  ) {}
}

/** Where locate() found an index: the chunk's place in the directory and the slot in the chunk. */
let foundK = 0;
let foundSlot = 0;

export class ChunkedDeque {
  /** Number of elements. */
  length = 0;
  /** The chunks in order, as a ring of power-of-two capacity starting at dh. */
  private dir: Array<Chunk | undefined> = new Array(4);
  private dh = 0;
  private dn = 0;
  private head: Chunk | null = null;
  private tail: Chunk | null = null;
  /** An emptied end chunk kept for the next push, so a push/pop pair at a boundary allocates nothing. */
  private spare: Chunk | null = null;

  static from(items: Iterable<string>): ChunkedDeque {
    const d = new ChunkedDeque();
    for (const v of items) d.pushBack(v);
    return d;
  }

  private chunkAt(k: number): Chunk {
    return this.dir[(this.dh + k) & (this.dir.length - 1)]!;
  }

  // ---- ends ------------------------------------------------------------------------------------

  pushBack(v: string): void {
    let t = this.tail;
    if (t === null || t.hi === CAP) t = this.newChunk(false);
    t.a[t.hi++] = v;
    this.length++;
  }

  pushFront(v: string): void {
    let h = this.head;
    if (h === null || h.lo === 0) h = this.newChunk(true);
    h.a[--h.lo] = v;
    this.length++;
  }

  /** The first element, removed; undefined when empty. */
  popFront(): string | undefined {
    const h = this.head;
    if (h === null) return undefined;
    const v = h.a[h.lo];
    h.a[h.lo++] = undefined;
    this.length--;
    if (h.lo === h.hi) this.dropEnd(true, true);
    return v;
  }

  /** The last element, removed; undefined when empty. */
  popBack(): string | undefined {
    const t = this.tail;
    if (t === null) return undefined;
    const v = t.a[--t.hi];
    t.a[t.hi] = undefined;
    this.length--;
    if (t.lo === t.hi) this.dropEnd(false, true);
    return v;
  }

  /** Removes n elements (n <= length) from the front (LTRIM): whole chunks are dropped without a walk. */
  trimFront(n: number): void {
    while (n > 0) {
      const h = this.head!;
      const size = h.hi - h.lo;
      if (size <= n) {
        n -= size;
        this.length -= size;
        this.dropEnd(true, false);
      } else {
        for (let j = h.lo; j < h.lo + n; j++) h.a[j] = undefined;
        h.lo += n;
        this.length -= n;
        n = 0;
      }
    }
  }

  /** Removes n elements (n <= length) from the back. */
  trimBack(n: number): void {
    while (n > 0) {
      const t = this.tail!;
      const size = t.hi - t.lo;
      if (size <= n) {
        n -= size;
        this.length -= size;
        this.dropEnd(false, false);
      } else {
        for (let j = t.hi - n; j < t.hi; j++) t.a[j] = undefined;
        t.hi -= n;
        this.length -= n;
        n = 0;
      }
    }
  }

  // ---- by index --------------------------------------------------------------------------------

  /** The chunk holding index i (0 <= i < length), walking from the nearer end; sets foundK/foundSlot. */
  private locate(i: number): Chunk {
    if (i * 2 < this.length) {
      let k = 0;
      let c = this.head!;
      while (i >= c.hi - c.lo) {
        i -= c.hi - c.lo;
        c = this.chunkAt(++k);
      }
      foundK = k;
      foundSlot = c.lo + i;
      return c;
    }
    let j = this.length - 1 - i;
    let k = this.dn - 1;
    let c = this.tail!;
    while (j >= c.hi - c.lo) {
      j -= c.hi - c.lo;
      c = this.chunkAt(--k);
    }
    foundK = k;
    foundSlot = c.hi - 1 - j;
    return c;
  }

  /** The element at i (0 <= i < length). */
  get(i: number): string {
    return this.locate(i).a[foundSlot]!;
  }

  /** Replaces the element at i (0 <= i < length). */
  set(i: number, v: string): void {
    this.locate(i).a[foundSlot] = v;
  }

  /** Elements start..end inclusive (0 <= start <= end < length), in order. */
  slice(start: number, end: number): string[] {
    const n = end - start + 1;
    const out: string[] = new Array(n);
    let c = this.locate(start);
    let k = foundK;
    let s = foundSlot;
    let o = 0;
    for (;;) {
      const stop = Math.min(c.hi, s + (n - o));
      const a = c.a;
      for (; s < stop; s++) out[o++] = a[s]!;
      if (o === n) return out;
      c = this.chunkAt(++k);
      s = c.lo;
    }
  }

  /**
   * Inserts v so that it lands at index i (0 <= i <= length): a shift of at most half a chunk, or a
   * split of a full chunk into two halves.
   */
  insert(i: number, v: string): void {
    if (i === 0) return this.pushFront(v);
    if (i === this.length) return this.pushBack(v);
    let c = this.locate(i);
    let p = foundSlot;
    if (c.lo === 0 && c.hi === CAP) {
      // Split: the upper half moves to a new chunk after this one.
      const n = new Chunk(0, HALF);
      for (let j = 0; j < HALF; j++) {
        n.a[j] = c.a[HALF + j];
        c.a[HALF + j] = undefined;
      }
      c.hi = HALF;
      this.insertChunk(foundK + 1, n);
      if (p >= HALF) {
        c = n;
        p -= HALF;
      }
    }
    const a = c.a;
    if (c.lo > 0 && (p - c.lo <= c.hi - p || c.hi === CAP)) {
      for (let j = c.lo - 1; j < p - 1; j++) a[j] = a[j + 1];
      c.lo--;
      a[p - 1] = v;
    } else {
      for (let j = c.hi; j > p; j--) a[j] = a[j - 1];
      c.hi++;
      a[p] = v;
    }
    this.length++;
  }

  // ---- scans -----------------------------------------------------------------------------------

  /** The index of the first element equal to v, or -1. */
  indexOf(v: string): number {
    let base = 0;
    for (let k = 0; k < this.dn; k++) {
      const c = this.chunkAt(k);
      const a = c.a;
      for (let s = c.lo; s < c.hi; s++) if (a[s] === v) return base + s - c.lo;
      base += c.hi - c.lo;
    }
    return -1;
  }

  /**
   * Calls fn with each element and its index, from the head (or from the tail when fromTail),
   * until fn returns true.
   */
  scan(fromTail: boolean, fn: (v: string, index: number) => boolean): void {
    if (!fromTail) {
      let i = 0;
      for (let k = 0; k < this.dn; k++) {
        const c = this.chunkAt(k);
        for (let s = c.lo; s < c.hi; s++) if (fn(c.a[s]!, i++)) return;
      }
    } else {
      let i = this.length - 1;
      for (let k = this.dn - 1; k >= 0; k--) {
        const c = this.chunkAt(k);
        for (let s = c.hi - 1; s >= c.lo; s--) if (fn(c.a[s]!, i--)) return;
      }
    }
  }

  /**
   * Removes elements equal to v, at most `limit` (0: all), walking from the head or the tail; the
   * number removed. The chunks walked are compacted, and small neighbours merged.
   */
  removeMatching(v: string, limit: number, fromTail: boolean): number {
    let removed = 0;
    let k = fromTail ? this.dn - 1 : 0;
    for (; fromTail ? k >= 0 : k < this.dn; fromTail ? k-- : k++) {
      const c = this.chunkAt(k);
      const a = c.a;
      if (!fromTail) {
        let w = c.lo;
        for (let r = c.lo; r < c.hi; r++) {
          const x = a[r];
          if (x === v && (limit === 0 || removed < limit)) {
            removed++;
            continue;
          }
          if (w !== r) a[w] = x;
          w++;
        }
        for (let j = w; j < c.hi; j++) a[j] = undefined;
        c.hi = w;
      } else {
        let w = c.hi - 1;
        for (let r = c.hi - 1; r >= c.lo; r--) {
          const x = a[r];
          if (x === v && (limit === 0 || removed < limit)) {
            removed++;
            continue;
          }
          if (w !== r) a[w] = x;
          w--;
        }
        for (let j = c.lo; j <= w; j++) a[j] = undefined;
        c.lo = w + 1;
      }
      if (limit !== 0 && removed >= limit) break;
    }
    if (removed === 0) return 0;
    this.length -= removed;
    if (fromTail) this.compact(Math.max(k, 0), this.dn - 1);
    else this.compact(0, Math.min(k, this.dn - 1));
    return removed;
  }

  // ---- whole -----------------------------------------------------------------------------------

  /** A deep copy (COPY): the chunks are copied, the strings shared (they are immutable). */
  dup(): ChunkedDeque {
    const d = new ChunkedDeque();
    for (let k = 0; k < this.dn; k++) {
      const c = this.chunkAt(k);
      const n = new Chunk(c.lo, c.hi);
      for (let s = c.lo; s < c.hi; s++) n.a[s] = c.a[s];
      d.appendChunk(n);
    }
    d.length = this.length;
    return d;
  }

  /** The elements from head to tail. */
  *[Symbol.iterator](): IterableIterator<string> {
    for (let k = 0; k < this.dn; k++) {
      const c = this.chunkAt(k);
      for (let s = c.lo; s < c.hi; s++) yield c.a[s]!;
    }
  }

  toArray(): string[] {
    return this.length === 0 ? [] : this.slice(0, this.length - 1);
  }

  /** Chunks in use (tests and memory checks). */
  get chunkCount(): number {
    return this.dn;
  }

  // ---- directory -------------------------------------------------------------------------------

  /** A chunk for a push at the front or back; the first chunk starts in the middle. */
  private newChunk(front: boolean): Chunk {
    let c = this.spare;
    const at = this.dn === 0 ? HALF : front ? CAP : 0;
    if (c !== null) {
      this.spare = null;
      c.lo = c.hi = at;
    } else {
      c = new Chunk(at, at);
    }
    if (front) this.insertChunk(0, c);
    else this.appendChunk(c);
    return c;
  }

  private appendChunk(c: Chunk): void {
    if (this.dn === this.dir.length) this.grow();
    this.dir[(this.dh + this.dn) & (this.dir.length - 1)] = c;
    this.dn++;
    this.tail = c;
    if (this.dn === 1) this.head = c;
  }

  /** Drops the first or last chunk; `keep` makes an emptied chunk (all slots cleared) the spare. */
  private dropEnd(front: boolean, keep: boolean): void {
    const mask = this.dir.length - 1;
    let c: Chunk;
    if (front) {
      c = this.dir[this.dh]!;
      this.dir[this.dh] = undefined;
      this.dh = (this.dh + 1) & mask;
    } else {
      const at = (this.dh + this.dn - 1) & mask;
      c = this.dir[at]!;
      this.dir[at] = undefined;
    }
    this.dn--;
    if (keep) this.spare = c;
    this.refreshEnds();
  }

  /** Puts c at position k of the directory, moving the shorter side. */
  private insertChunk(k: number, c: Chunk): void {
    if (this.dn === this.dir.length) this.grow();
    const dir = this.dir;
    const mask = dir.length - 1;
    if (k < this.dn - k) {
      this.dh = (this.dh - 1) & mask;
      for (let j = 0; j < k; j++) dir[(this.dh + j) & mask] = dir[(this.dh + j + 1) & mask];
    } else {
      for (let j = this.dn; j > k; j--) dir[(this.dh + j) & mask] = dir[(this.dh + j - 1) & mask];
    }
    dir[(this.dh + k) & mask] = c;
    this.dn++;
    this.refreshEnds();
  }

  private grow(): void {
    const old = this.dir;
    const next: Array<Chunk | undefined> = new Array(old.length * 2);
    for (let k = 0; k < this.dn; k++) next[k] = old[(this.dh + k) & (old.length - 1)];
    this.dir = next;
    this.dh = 0;
  }

  private refreshEnds(): void {
    if (this.dn === 0) {
      this.head = this.tail = null;
    } else {
      this.head = this.dir[this.dh]!;
      this.tail = this.dir[(this.dh + this.dn - 1) & (this.dir.length - 1)]!;
    }
  }

  /**
   * After removals in chunks from..to (from = 0 or to = dn - 1): drops the empty ones and merges a
   * chunk into the one before it when both fit in half a chunk. Only that stretch of the
   * directory moves.
   */
  private compact(from: number, to: number): void {
    const kept: Chunk[] = [];
    for (let k = from; k <= to; k++) {
      const c = this.chunkAt(k);
      const size = c.hi - c.lo;
      if (size === 0) continue;
      const prev = kept.length === 0 ? null : kept[kept.length - 1];
      if (prev !== null && prev.hi - prev.lo + size <= HALF) {
        if (prev.hi + size > CAP) {
          // Slide prev's elements down to slot 0 first.
          const n = prev.hi - prev.lo;
          for (let j = 0; j < n; j++) {
            prev.a[j] = prev.a[prev.lo + j];
            prev.a[prev.lo + j] = undefined;
          }
          prev.lo = 0;
          prev.hi = n;
        }
        for (let s = c.lo; s < c.hi; s++) prev.a[prev.hi++] = c.a[s];
        continue;
      }
      kept.push(c);
    }
    const dropped = to - from + 1 - kept.length;
    if (dropped === 0) return;
    const mask = this.dir.length - 1;
    if (from === 0) {
      // The stretch ends where the untouched chunks begin: pack it against them.
      for (let j = 0; j < dropped; j++) this.dir[(this.dh + j) & mask] = undefined;
      this.dh = (this.dh + dropped) & mask;
      for (let j = 0; j < kept.length; j++) this.dir[(this.dh + j) & mask] = kept[j];
    } else {
      for (let j = 0; j < kept.length; j++) this.dir[(this.dh + from + j) & mask] = kept[j];
      for (let j = from + kept.length; j <= to; j++) this.dir[(this.dh + j) & mask] = undefined;
    }
    this.dn -= dropped;
    this.refreshEnds();
  }
}
