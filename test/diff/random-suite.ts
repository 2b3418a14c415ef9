// The random differential suite, for all generators or one group's: seeded sequences sent to a real
// redis-server and to our engine in-process, every reply compared (see call.ts for the comparisons).
// Replay one seed: DIFF_SEED=1007 DIFF_COUNT=2000 npx vitest run test/diff/<file>
// Replay a saved sequence: DIFF_REPLAY=/tmp/localredis-diff-seed-1007.json npx vitest run test/diff/<file>
// A fresh set of seeds: DIFF_BASE=random (the seeds are printed in the test names).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandGen } from './generator.js';
import { env, expectSame, generatorFor, generatorSource, listSource, loadSequence, setupDiff, type DiffSetup } from './harness.js';

export interface RandomSuiteOptions {
  /** The test file, for the replay line. */
  file: string;
  /** Generators to draw from (all by default). */
  gens?: CommandGen[];
  /** Seeds and commands per seed (DIFF_SEEDS and DIFF_COUNT override them). */
  seeds: number;
  count: number;
  /** The first seed (DIFF_BASE overrides it): keep groups on different seeds. */
  base: number;
}

export function randomSuite(title: string, o: RandomSuiteOptions): void {
  const seeds = env.seeds ?? o.seeds;
  const count = env.count ?? o.count;
  const base = env.base === 'random' ? Date.now() % 1_000_000_000 : env.base !== undefined ? Number(env.base) : o.base;
  const replayLine = (seed: number, n: number) => `DIFF_SEED=${seed} DIFF_COUNT=${n} npx vitest run ${o.file}`;

  describe(`differential: ${title}`, () => {
    let d: DiffSetup;
    beforeAll(async () => {
      d = await setupDiff();
    });
    afterAll(async () => {
      await d?.close();
    });

    const runSeed = async (seed: number, n: number) => {
      const gen = generatorSource(generatorFor(seed, o.gens));
      const compared = await expectSame(d.runner, gen, n, `${title}, in-process`, { seed, replay: replayLine(seed, n) });
      expect(compared).toBe(n);
    };

    if (env.replay !== undefined) {
      const path = env.replay;
      it(`the saved sequence ${path} gets the same replies`, async () => {
        const calls = loadSequence(path);
        await expectSame(d.runner, listSource(calls), calls.length, `replay of ${path}`, { replay: `DIFF_REPLAY=${path}` });
      });
    } else if (env.seed !== undefined) {
      const seed = env.seed;
      it(`seed ${seed}: ${count} commands get the same replies`, () => runSeed(seed, count));
    } else {
      for (let i = 0; i < seeds; i++) {
        const seed = base + i;
        it(`seed ${seed}: ${count} commands get the same replies`, () => runSeed(seed, count));
      }
    }
  });
}
