// A random key of a Map or Set without walking it each time (RANDOMKEY; later SRANDMEMBER,
// HRANDFIELD, SPOP). Redis picks a random hash table bucket; a JS Map has no random access, and
// walking to a random position is O(n) per call.
//
// Trade-off: a snapshot array of the keys is kept per container (in a WeakMap, so it goes with
// the container) and sampled uniformly. A sampled key that is gone is swap-removed from the
// snapshot in O(1), so the snapshot stays a subset of the live keys. It is rebuilt, O(n), when
// the container outgrew it by an eighth, when an eighth of it turned out stale, or after n/16
// picks, so keys added since the last rebuild wait at most that long to become candidates, and
// the cost per pick stays O(1) amortized (a rebuild copies about 30M keys/s; a million keys stall
// that one call about 30 ms). Small containers are walked to the random position instead: a
// for-of walk costs about 1-2 ns per key, cheaper than keeping a snapshot up to date.

/** What can be sampled: Map<K, V> and Set<K> both fit. */
export interface Sampleable<K> {
  keys(): IterableIterator<K>;
  has(key: K): boolean;
  readonly size: number;
}

/** Containers at most this big are walked to the random position: cheaper than a snapshot. */
const SMALL = 1024;

interface Snapshot {
  keys: unknown[];
  /** Picks and stale finds since the last rebuild. */
  picks: number;
  stale: number;
}

const snapshots = new WeakMap<object, Snapshot>();

/**
 * A random key of `container` for which `reject` (if given) is false, or undefined when none is
 * left. `reject` must delete from the container the keys it rejects (an expired key): RANDOMKEY
 * deletes expired keys and tries again, as dbRandomKey does, so it never returns one and the
 * loop ends.
 */
export function randomKey<K>(container: Sampleable<K>, random: () => number, reject?: (key: K) => boolean): K | undefined {
  for (;;) {
    const size = container.size;
    if (size === 0) return undefined;
    let key: K;
    if (size <= SMALL) {
      snapshots.delete(container);
      let i = Math.floor(random() * size);
      let picked: K | undefined;
      for (const k of container.keys()) {
        if (i-- === 0) {
          picked = k;
          break;
        }
      }
      key = picked as K;
    } else {
      const snap = snapshotOf(container);
      const keys = snap.keys as K[];
      const i = Math.floor(random() * keys.length);
      key = keys[i];
      snap.picks++;
      if (!container.has(key)) {
        swapRemove(keys, i);
        snap.stale++;
        continue;
      }
      if (reject !== undefined && reject(key)) {
        swapRemove(keys, i);
        continue;
      }
      return key;
    }
    if (reject !== undefined && reject(key)) continue;
    return key;
  }
}

function snapshotOf<K>(container: Sampleable<K>): Snapshot {
  let snap = snapshots.get(container);
  const size = container.size;
  if (
    snap === undefined ||
    snap.keys.length === 0 ||
    size > snap.keys.length + (snap.keys.length >> 3) ||
    snap.stale > snap.keys.length >> 3 ||
    snap.picks > 16 + (snap.keys.length >> 4)
  ) {
    // Spread has a fast path for Map and Set iterators (an it.next() loop is several times slower).
    snap = { keys: [...container.keys()], picks: 0, stale: 0 };
    snapshots.set(container, snap);
  }
  return snap;
}

function swapRemove(a: unknown[], i: number): void {
  const last = a.length - 1;
  if (i !== last) a[i] = a[last];
  a.pop();
}

/** A uniform random index in [0, n). */
export function randomIndex(random: () => number, n: number): number {
  return Math.floor(random() * n);
}

/** The first `count` slots of `items` become a uniform random sample of them (partial Fisher-Yates). */
export function sampleInPlace(random: () => number, items: string[], count: number): void {
  const n = items.length;
  for (let i = 0; i < count; i++) {
    const j = i + randomIndex(random, n - i);
    const t = items[i];
    items[i] = items[j];
    items[j] = t;
  }
  items.length = count;
}

/**
 * Replies of random picks with repetition (a negative SRANDMEMBER, HRANDFIELD or ZRANDMEMBER
 * count) past this many elements are refused: Redis 7.0.15 tries to build any such reply and
 * exhausts its memory at counts near -2^62; a JS array cannot. A deliberate, tested deviation.
 */
export const MAX_RANDOM_REPLY = 1 << 24;
