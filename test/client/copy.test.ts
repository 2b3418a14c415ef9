// copy() (rpc/reply-reader.ts): the values a batch carries (SET's value in the host, GET's reply in
// the page) are copied out of it as one flat string, neither a view of the batch (which would pin
// it) nor a view of a flattened copy (two objects kept per value). V8's own map of a string says
// which it is: natives syntax, enabled for this file's functions only.
import { setFlagsFromString } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { copy } from '../../src/rpc/reply-reader.js';

setFlagsFromString('--allow-natives-syntax');
const sameMap = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (a: string, b: string) => boolean;
setFlagsFromString('--no-allow-natives-syntax');

/** A batch as the host or the page reads it: one flat string of many values. */
const batch = Buffer.from(Array.from({ length: 50 }, (_, i) => '100:' + String(i % 10).repeat(100)).join(''), 'latin1').toString('latin1');
/** A flat one-byte string, for its map: a join with a separator writes one. */
const flat = ['x'.repeat(40), ''].join();
const view = batch.slice(4, 104);

describe('copy', () => {
  it('returns the same chars, short or long', () => {
    expect(copy(batch, 4, 104)).toBe(batch.slice(4, 104));
    expect(copy(batch, 108, 120)).toBe(batch.slice(108, 120));
    expect(copy(batch, 4, 17)).toBe(batch.slice(4, 17));
    expect(copy(batch, 4, 4)).toBe('');
  });

  it('returns a flat string of its own for 13 chars or more, not a view', () => {
    expect(sameMap(view, flat)).toBe(false);
    for (const len of [13, 14, 100]) {
      const c = copy(batch, 4, 4 + len);
      expect(sameMap(c, flat)).toBe(true);
      expect(sameMap(c, view)).toBe(false);
    }
  });
});
