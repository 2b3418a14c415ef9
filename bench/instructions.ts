// `BENCH_ONLY=instructions npm run bench`: machine instructions per operation of the in-process
// rows, core against ioredis-mock, counted by valgrind (cachegrind) on a V8 without background
// threads. Unlike ops/s it does not move with the load of a shared machine, so a change to the
// hot path can be judged by a few percent; it does not see cache misses or GC pauses, which is
// why the ops/s table stays the target. Opt-in: about 20 s per count.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fmt, ratio, tableHead } from './lib.js';

const N = Number(process.env.BENCH_INSTRUCTIONS_N ?? 1_000_000);
const ROWS = ['SET', 'GET', 'INCR', 'MSET', 'SETEX'];

/** Instructions of one run of the bundled workload (cachegrind's "I refs"). */
function instructions(file: string, args: string[]): number {
  const r = spawnSync(
    'valgrind',
    ['--tool=cachegrind', '--cache-sim=no', '--cachegrind-out-file=/dev/null', process.execPath, '--single-threaded', file, ...args],
    { encoding: 'utf8' },
  );
  const m = /I\s+refs:\s+([\d,]+)/.exec(r.stderr);
  if (m === null) throw new Error(`valgrind gave no count: ${r.stderr.slice(-500)}`);
  return Number(m[1].replaceAll(',', ''));
}

export async function benchInstructions(): Promise<void> {
  try {
    execFileSync('valgrind', ['--version'], { stdio: 'ignore' });
  } catch {
    console.log('\nInstructions per op: skipped, valgrind is missing (apt-get install valgrind)');
    return;
  }
  // One bundle (esbuild, as tsx runs it): a loader under valgrind would cost minutes per count.
  const { build } = await import('esbuild');
  const dir = fileURLToPath(new URL('../node_modules/.cache/localredis-bench/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  const file = `${dir}instructions-ops.mjs`;
  await build({
    entryPoints: [fileURLToPath(new URL('./instructions-ops.ts', import.meta.url))],
    bundle: true, platform: 'node', format: 'esm', outfile: file, external: ['ioredis-mock'], logLevel: 'warning',
  });
  const perOp = (who: string, row: string) => (instructions(file, [who, row, String(N)]) - instructions(file, [who, row, '0'])) / N;
  tableHead(`\nInstructions per op (valgrind, ${fmt(N)} ops after the earlier rows; lower is better)`, [
    'command', 'localredis core', 'ioredis-mock', 'mock / core',
  ]);
  for (const row of ROWS) {
    const a = perOp('core', row);
    const b = perOp('mock', row);
    console.log(`| ${row} | ${fmt(a)} | ${fmt(b)} | ${ratio(b, a)} |`);
  }
}
