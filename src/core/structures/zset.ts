// A sorted set value in either of Redis 7.0's encodings, and score and lex ranges over it (the
// API half of t_zset.c, without the keyspace or the thresholds, which the commands own).
//
// - skiplist: a member -> score Map (Redis's dict) plus the (score, member) order in a ZTree,
//   the two sharing the member strings. Find O(1), rank/range/insert/delete O(log n).
// - listpack: the ZTree alone (one leaf up to 64 pairs), with Redis's listpack costs and rules:
//   a member is found by a linear scan (O(n), n <= zset-max-listpack-entries), a score of -0 is
//   stored as 0 (zzlInsertAt stores integral scores as integers), and a lex range is found by
//   walking from an end as zzlFirstInLexRange / zzlLastInLexRange do, which is what defines the
//   answer when members with different scores are not in lex order.
import { ZCursor, ZTree, type Leaf } from './zset-tree.js';

export class ZSet {
  tree: ZTree;
  /** member -> score; null while the encoding is listpack. */
  dict: Map<string, number> | null;

  constructor(listpack: boolean, tree: ZTree = new ZTree()) {
    this.tree = tree;
    this.dict = listpack ? null : new Map();
    if (!listpack) for (let leaf: Leaf | null = tree.head; leaf !== null; leaf = leaf.next) {
      for (let i = 0; i < leaf.members.length; i++) this.dict!.set(leaf.members[i], leaf.scores[i]);
    }
  }

  get length(): number {
    return this.tree.length;
  }

  get listpack(): boolean {
    return this.dict === null;
  }

  /** zsetScore: the member's score, or undefined. */
  score(member: string): number | undefined {
    if (this.dict !== null) return this.dict.get(member);
    for (let leaf: Leaf | null = this.tree.head; leaf !== null; leaf = leaf.next) {
      const i = leaf.members.indexOf(member);
      if (i >= 0) return leaf.scores[i];
    }
    return undefined;
  }

  /** Adds a member that is not in the set. */
  insert(score: number, member: string): void {
    if (this.dict !== null) this.dict.set(member, score);
    else if (score === 0) score = 0; // -0 is stored as the integer 0 in a listpack
    this.tree.insert(score, member);
  }

  /** Moves a member from score `cur` to `score` (zslUpdateScore / zzlDelete + zzlInsert). */
  update(member: string, cur: number, score: number): void {
    if (this.dict !== null) this.dict.set(member, score);
    else if (score === 0) score = 0;
    this.tree.update(cur, member, score);
  }

  /** zsetDel: true when the member was there. */
  delete(member: string): boolean {
    const score = this.score(member);
    if (score === undefined) return false;
    this.tree.remove(score, member);
    if (this.dict !== null) this.dict.delete(member);
    return true;
  }

  /** zsetRank: the member's 0-based rank (from the top when `reverse`), or -1. */
  rank(member: string, reverse: boolean): number {
    let r = -1;
    if (this.dict !== null) {
      const score = this.dict.get(member);
      if (score !== undefined) r = this.tree.rank(score, member);
    } else {
      let base = 0;
      for (let leaf: Leaf | null = this.tree.head; leaf !== null; leaf = leaf.next) {
        const i = leaf.members.indexOf(member);
        if (i >= 0) {
          r = base + i;
          break;
        }
        base += leaf.members.length;
      }
    }
    return r < 0 ? -1 : reverse ? this.length - 1 - r : r;
  }

  /** A cursor on the pair of rank `rank` (invalid when out of range). */
  at(rank: number): ZCursor {
    return this.tree.cursorAt(rank);
  }

  /** Removes the pair of rank `rank` and returns its member. */
  removeAt(rank: number): string {
    const member = this.tree.removeAt(rank);
    if (this.dict !== null) this.dict.delete(member);
    return member;
  }

  /** Removes the pairs of ranks start..end (inclusive); returns how many. */
  removeRange(start: number, end: number): number {
    const n = end - start + 1;
    if (n <= 0) return 0;
    if (n === this.length) {
      this.tree.clear();
      if (this.dict !== null) this.dict.clear();
      return n;
    }
    for (let k = 0; k < n; k++) {
      const member = this.tree.removeAt(start);
      if (this.dict !== null) this.dict.delete(member);
    }
    return n;
  }

  /** zsetConvert to skiplist: builds the dict. */
  toSkiplist(): void {
    if (this.dict !== null) return;
    const dict = new Map<string, number>();
    for (let leaf: Leaf | null = this.tree.head; leaf !== null; leaf = leaf.next) {
      const m = leaf.members;
      const s = leaf.scores;
      for (let i = 0; i < m.length; i++) dict.set(m[i], s[i]);
    }
    this.dict = dict;
  }

  /** zsetConvert to listpack: drops the dict; a -0 score becomes 0 as the listpack stores it. */
  toListpack(): void {
    if (this.dict === null) return;
    this.dict = null;
    for (let leaf: Leaf | null = this.tree.head; leaf !== null; leaf = leaf.next) {
      const s = leaf.scores;
      for (let i = 0; i < s.length; i++) if (s[i] === 0) s[i] = 0;
    }
  }

  /** zsetDup: a deep copy in the same encoding. */
  dup(): ZSet {
    const z = new ZSet(true, this.tree.clone());
    if (this.dict !== null) z.dict = new Map(this.dict);
    return z;
  }

  /** The longest member, in bytes (zsetConvertToListpackIfNeeded's maxelelen). */
  maxMemberLength(): number {
    let max = 0;
    for (let leaf: Leaf | null = this.tree.head; leaf !== null; leaf = leaf.next) {
      for (const m of leaf.members) if (m.length > max) max = m.length;
    }
    return max;
  }
}

/** A ZTree of pairs already sorted by (score, member), with no duplicate member. */
export function zsetFromSorted(members: string[], scores: number[], listpack: boolean): ZSet {
  if (listpack) for (let i = 0; i < scores.length; i++) if (scores[i] === 0) scores[i] = 0;
  return new ZSet(listpack, ZTree.fromSorted(members, scores));
}

// ---- Score ranges (zrangespec) ----------------------------------------------------------------

export interface ScoreRange {
  min: number;
  max: number;
  /** Exclusive bounds: "(1.5". */
  minex: boolean;
  maxex: boolean;
}

export function scoreGteMin(score: number, r: ScoreRange): boolean {
  return r.minex ? score > r.min : score >= r.min;
}

export function scoreLteMax(score: number, r: ScoreRange): boolean {
  return r.maxex ? score < r.max : score <= r.max;
}

function scoreRangeEmpty(r: ScoreRange): boolean {
  return r.min > r.max || (r.min === r.max && (r.minex || r.maxex));
}

/** zslFirstInRange: a cursor on the first pair in the range, or null. */
export function firstInScoreRange(z: ZSet, r: ScoreRange): ZCursor | null {
  if (scoreRangeEmpty(r) || z.length === 0) return null;
  const c = z.tree.seekBelow((s) => !scoreGteMin(s, r));
  return c.valid && scoreLteMax(c.score, r) ? c : null;
}

/** zslLastInRange: a cursor on the last pair in the range, or null. */
export function lastInScoreRange(z: ZSet, r: ScoreRange): ZCursor | null {
  if (scoreRangeEmpty(r) || z.length === 0) return null;
  const c = z.tree.before(z.tree.seekBelow((s) => scoreLteMax(s, r)));
  return c.valid && scoreGteMin(c.score, r) ? c : null;
}

// ---- Lex ranges (zlexrangespec) -----------------------------------------------------------------

/** A lex bound: "-" (-1, below every string), "+" (1, above every string) or a string (0). */
export interface LexRange {
  min: string;
  max: string;
  minInf: -1 | 0 | 1;
  maxInf: -1 | 0 | 1;
  minex: boolean;
  maxex: boolean;
}

export function lexGteMin(m: string, r: LexRange): boolean {
  if (r.minInf !== 0) return r.minInf < 0;
  return r.minex ? m > r.min : m >= r.min;
}

export function lexLteMax(m: string, r: LexRange): boolean {
  if (r.maxInf !== 0) return r.maxInf > 0;
  return r.maxex ? m < r.max : m <= r.max;
}

/** sdscmplex(min, max) > 0, or == 0 with an exclusive end: nothing can be in the range. */
function lexRangeEmpty(r: LexRange): boolean {
  let cmp: number;
  if (r.minInf !== 0 && r.minInf === r.maxInf) cmp = 0;
  else if (r.minInf < 0 || r.maxInf > 0) cmp = -1;
  else if (r.minInf > 0 || r.maxInf < 0) cmp = 1;
  else cmp = r.min < r.max ? -1 : r.min > r.max ? 1 : 0;
  return cmp > 0 || (cmp === 0 && (r.minex || r.maxex));
}

/** zslIsInLexRange / zzlIsInLexRange: the range is not empty and overlaps the ends. */
function lexRangeOverlaps(z: ZSet, r: LexRange): boolean {
  if (lexRangeEmpty(r) || z.length === 0) return false;
  const t = z.tree;
  return lexGteMin(t.tail.members[t.tail.members.length - 1], r) && lexLteMax(t.head.members[0], r);
}

/**
 * zslFirstInLexRange / zzlFirstInLexRange: a cursor on the first pair in the range, or null. A
 * listpack is walked from its head to the first member >= min, as Redis does; a skiplist is
 * searched (the two agree whenever members are in lex order, i.e. all scores are equal).
 */
export function firstInLexRange(z: ZSet, r: LexRange): ZCursor | null {
  if (!lexRangeOverlaps(z, r)) return null;
  let c: ZCursor;
  if (z.listpack) {
    c = z.at(0);
    while (c.valid && !lexGteMin(c.member, r)) c.next();
  } else {
    c = z.tree.seekBelow((_s, m) => !lexGteMin(m, r));
  }
  return c.valid && lexLteMax(c.member, r) ? c : null;
}

/** zslLastInLexRange / zzlLastInLexRange: a cursor on the last pair in the range, or null. */
export function lastInLexRange(z: ZSet, r: LexRange): ZCursor | null {
  if (!lexRangeOverlaps(z, r)) return null;
  let c: ZCursor;
  if (z.listpack) {
    c = z.at(z.length - 1);
    while (c.valid && !lexLteMax(c.member, r)) c.prev();
  } else {
    c = z.tree.before(z.tree.seekBelow((_s, m) => lexLteMax(m, r)));
  }
  return c.valid && lexGteMin(c.member, r) ? c : null;
}

/**
 * The number of pairs from `first` on whose members stay <= max (zzlDeleteRangeByLex, ZLEXCOUNT
 * on a listpack): the walk stops at the first member past the range.
 */
export function lexRunLength(first: ZCursor, r: LexRange): number {
  let n = 0;
  for (const c = first.clone(); c.valid && lexLteMax(c.member, r); c.next()) n++;
  return n;
}
