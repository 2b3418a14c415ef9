// Seeded random command sequences, sent to a real redis-server and to our engine in-process, every
// reply compared (see call.ts for the comparisons). 50 seeds x 2,000 commands by default.
// Replay one seed: DIFF_SEED=1007 DIFF_COUNT=2000 npx vitest run test/diff/random.test.ts
// Replay a saved sequence: DIFF_REPLAY=/tmp/localredis-diff-seed-1007.json npx vitest run test/diff/random.test.ts
// A fresh set of seeds: DIFF_BASE=random (the seeds are printed in the test names).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FOUNDATION, engineSupports } from './gens.js';
import { env, expectSame, generatorFor, generatorSource, listSource, loadSequence, setupDiff, type DiffSetup } from './harness.js';

const SEEDS = env.seeds ?? 50;
const COUNT = env.count ?? 2000;
const BASE = env.base === 'random' ? Date.now() % 1_000_000_000 : env.base !== undefined ? Number(env.base) : 1000;
const REPLAY = 'DIFF_SEED=%s DIFF_COUNT=%d npx vitest run test/diff/random.test.ts';

describe('differential: random sequences against redis-server', () => {
  let d: DiffSetup;
  beforeAll(async () => {
    d = await setupDiff();
  });
  afterAll(async () => {
    await d?.close();
  });

  const runSeed = async (seed: number, count: number) => {
    const replay = REPLAY.replace('%s', String(seed)).replace('%d', String(count));
    const compared = await expectSame(d.runner, generatorSource(generatorFor(seed)), count, 'random, in-process', { seed, replay });
    expect(compared).toBe(count);
  };

  if (env.replay !== undefined) {
    const path = env.replay;
    it(`the saved sequence ${path} gets the same replies`, async () => {
      const calls = loadSequence(path);
      await expectSame(d.runner, listSource(calls), calls.length, `replay of ${path}`, { replay: `DIFF_REPLAY=${path}` });
    });
  } else if (env.seed !== undefined) {
    const seed = env.seed;
    it(`seed ${seed}: ${COUNT} commands get the same replies`, () => runSeed(seed, COUNT));
  } else {
    for (let i = 0; i < SEEDS; i++) {
      const seed = BASE + i;
      it(`seed ${seed}: ${COUNT} commands get the same replies`, () => runSeed(seed, COUNT));
    }
  }
});

describe('differential: coverage', () => {
  it('every command of the foundation issue is in our engine, so the generator draws from it', () => {
    const has = engineSupports();
    const missing = FOUNDATION.filter(([name, sub]) => !has(name, sub)).map(([n, s]) => (s ? `${n} ${s}` : n));
    expect(missing).toEqual([]);
  });
});
