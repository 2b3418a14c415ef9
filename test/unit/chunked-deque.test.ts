import { describe, expect, it } from 'vitest';
import { ChunkedDeque } from '../../src/core/structures/chunked-deque.js';
import { mulberry32 } from '../prng.js';

describe('ChunkedDeque', () => {
  it('pushes and pops at both ends across many chunks', () => {
    const d = new ChunkedDeque();
    for (let i = 0; i < 1000; i++) d.pushBack(String(i));
    for (let i = 1; i <= 1000; i++) d.pushFront(String(-i));
    expect(d.length).toBe(2000);
    expect(d.get(0)).toBe('-1000');
    expect(d.get(1999)).toBe('999');
    expect(d.get(1000)).toBe('0');
    for (let i = 1000; i >= 1; i--) expect(d.popFront()).toBe(String(-i));
    for (let i = 999; i >= 0; i--) expect(d.popBack()).toBe(String(i));
    expect(d.length).toBe(0);
    expect(d.popBack()).toBe(undefined);
    expect(d.popFront()).toBe(undefined);
    expect(d.chunkCount).toBe(0);
  });

  it('alternating push and pop at a chunk boundary reuses one spare chunk', () => {
    const d = new ChunkedDeque();
    for (let i = 0; i < 64; i++) d.pushBack('x');
    for (let i = 0; i < 1000; i++) {
      d.pushBack('y');
      expect(d.popBack()).toBe('y');
    }
    expect(d.toArray()).toEqual(new Array(64).fill('x'));
  });

  it('matches a plain array under random operations of every kind', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const rnd = mulberry32(seed);
      const d = new ChunkedDeque();
      const ref: string[] = [];
      const int = (n: number) => Math.floor(rnd() * n);
      for (let step = 0; step < 400; step++) {
        const op = int(12);
        const v = String(int(6));
        if (op === 0) {
          const n = 1 + int(300);
          for (let i = 0; i < n; i++) (d.pushBack(v), ref.push(v));
        } else if (op === 1) {
          const n = 1 + int(300);
          for (let i = 0; i < n; i++) (d.pushFront(v), ref.unshift(v));
        } else if (op === 2) {
          const n = int(50);
          const got: Array<string | undefined> = [];
          const want: Array<string | undefined> = [];
          for (let i = 0; i < n; i++) (got.push(d.popFront()), want.push(ref.shift()));
          expect(got).toEqual(want);
        } else if (op === 3) {
          const n = int(50);
          const got: Array<string | undefined> = [];
          const want: Array<string | undefined> = [];
          for (let i = 0; i < n; i++) (got.push(d.popBack()), want.push(ref.pop()));
          expect(got).toEqual(want);
        } else if (op === 4 && ref.length > 0) {
          const i = int(ref.length);
          expect(d.get(i)).toBe(ref[i]);
        } else if (op === 5 && ref.length > 0) {
          const i = int(ref.length);
          d.set(i, 'S' + v);
          ref[i] = 'S' + v;
        } else if (op === 6) {
          const n = 1 + int(200);
          for (let j = 0; j < n; j++) {
            const i = int(ref.length + 1);
            d.insert(i, 'I' + v);
            ref.splice(i, 0, 'I' + v);
          }
        } else if (op === 7) {
          const limit = int(4) === 0 ? 0 : 1 + int(20);
          const fromTail = rnd() < 0.5;
          let removed = 0;
          if (!fromTail) {
            for (let i = 0; i < ref.length; ) {
              if (ref[i] === v && (limit === 0 || removed < limit)) (ref.splice(i, 1), removed++);
              else i++;
            }
          } else {
            for (let i = ref.length - 1; i >= 0; i--) {
              if (ref[i] === v && (limit === 0 || removed < limit)) (ref.splice(i, 1), removed++);
            }
          }
          expect(d.removeMatching(v, limit, fromTail)).toBe(removed);
        } else if (op === 8 && ref.length > 0) {
          const a = int(ref.length);
          const b = a + int(ref.length - a);
          expect(d.slice(a, b)).toEqual(ref.slice(a, b + 1));
        } else if (op === 9) {
          const n = int(Math.min(ref.length, 200) + 1);
          d.trimFront(n);
          ref.splice(0, n);
        } else if (op === 10) {
          const n = int(Math.min(ref.length, 200) + 1);
          d.trimBack(n);
          ref.splice(ref.length - n, n);
        } else if (op === 11) {
          expect(d.indexOf(v)).toBe(ref.indexOf(v));
          const fromTail = rnd() < 0.5;
          const seen: Array<[string, number]> = [];
          d.scan(fromTail, (x, i) => (seen.push([x, i]), seen.length >= 40));
          const want = (fromTail ? ref.map((x, i) => [x, i] as [string, number]).reverse() : ref.map((x, i) => [x, i] as [string, number])).slice(0, 40);
          expect(seen).toEqual(want);
        }
        expect(d.length).toBe(ref.length);
      }
      expect(d.toArray()).toEqual(ref);
      expect(d.dup().toArray()).toEqual(ref);
    }
  });

  it('a copy is independent of the original', () => {
    const d = ChunkedDeque.from(['a', 'b', 'c']);
    const c = d.dup();
    c.set(0, 'z');
    c.pushBack('d');
    expect(d.toArray()).toEqual(['a', 'b', 'c']);
    expect(c.toArray()).toEqual(['z', 'b', 'c', 'd']);
  });

  it('LREM-style removals keep chunks from going sparse', () => {
    const d = new ChunkedDeque();
    for (let i = 0; i < 128 * 100; i++) d.pushBack(i % 16 === 0 ? 'keep' : 'drop');
    expect(d.removeMatching('drop', 0, false)).toBe(128 * 100 - 800);
    expect(d.length).toBe(800);
    expect(d.chunkCount).toBeLessThanOrEqual(800 / 32 + 1);
  });
});
