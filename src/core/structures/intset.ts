// Redis's intset (intset.c): a sorted array of distinct int64 values, the small encoding of a set
// whose members are all integers. Values are JS numbers when they are safe integers and bigints
// beyond 2^53 (the form parseLongLong gives), so one value has one representation and `===`
// compares it; `<` orders numbers and bigints together. Search is binary, insert and remove shift
// the tail (Redis's memmove): a set stays an intset only up to set-max-intset-entries (512).

export type IntValue = number | bigint;

export class IntSet {
  /** The values, ascending. */
  private readonly a: IntValue[];

  constructor(values: IntValue[] = []) {
    this.a = values;
  }

  get size(): number {
    return this.a.length;
  }

  /** intsetSearch: the index of v, or -(insertion point) - 1. */
  private search(v: IntValue): number {
    const a = this.a;
    let lo = 0;
    let hi = a.length - 1;
    // The common appends and lookups past either end skip the search (intsetSearch does too).
    if (hi < 0 || v > a[hi]) return -a.length - 1;
    if (v < a[0]) return -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const x = a[mid];
      if (x < v) lo = mid + 1;
      else if (x > v) hi = mid - 1;
      else return mid;
    }
    return -lo - 1;
  }

  has(v: IntValue): boolean {
    return this.search(v) >= 0;
  }

  /** intsetAdd: false when v was already there. */
  add(v: IntValue): boolean {
    const i = this.search(v);
    if (i >= 0) return false;
    const at = -i - 1;
    if (at === this.a.length) this.a.push(v);
    else this.a.splice(at, 0, v);
    return true;
  }

  /** intsetRemove: false when v was not there. */
  remove(v: IntValue): boolean {
    const i = this.search(v);
    if (i < 0) return false;
    if (i === this.a.length - 1) this.a.pop();
    else this.a.splice(i, 1);
    return true;
  }

  /** The value at position i (ascending order). */
  at(i: number): IntValue {
    return this.a[i];
  }

  /** The members as Redis prints them (sdsfromlonglong), ascending. */
  toStrings(): string[] {
    const a = this.a;
    const out = new Array<string>(a.length);
    for (let i = 0; i < a.length; i++) out[i] = String(a[i]);
    return out;
  }

  clone(): IntSet {
    return new IntSet(this.a.slice());
  }
}
