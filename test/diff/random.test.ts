// Every generator at once: 50 seeds x 2,000 commands against redis-server (see random-suite.ts).
import { describe, expect, it } from 'vitest';
import { FOUNDATION, engineSupports } from './gens.js';
import { randomSuite } from './random-suite.js';

randomSuite('random sequences against redis-server', { file: 'test/diff/random.test.ts', seeds: 50, count: 2000, base: 1000 });

describe('differential: coverage', () => {
  it('every command of the foundation issue is in our engine, so the generator draws from it', () => {
    const has = engineSupports();
    const missing = FOUNDATION.filter(([name, sub]) => !has(name, sub)).map(([n, s]) => (s ? `${n} ${s}` : n));
    expect(missing).toEqual([]);
  });
});
