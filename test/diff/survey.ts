// Finds and groups mismatches for /work/notes/diff-findings.md: runs many seeds; after each
// mismatch both sides are reset and the seed goes on (up to 8 findings a seed); each new kind of
// mismatch is shrunk and printed once, as markdown grouped by command.
// Usage: npx tsx test/diff/survey.ts [seeds=200] [count=2000] [base=1000]
import { callToShort, showBytes, type Call } from './call.js';
import { generatorFor, generatorSource, setupDiff } from './harness.js';
import { listSource } from './runner.js';

const seeds = Number(process.argv[2] ?? 200);
const count = Number(process.argv[3] ?? 2000);
const base = Number(process.argv[4] ?? 1000);

interface Finding {
  command: string;
  seed: number;
  shrunk: Call[];
  redis: string;
  ours: string;
  why: string;
  hits: number;
}

/** What kind of difference this is: errors by their text (digits and quotes blurred), else the type. */
function gist(r: string): string {
  return r.startsWith('-') ? r.slice(0, 48).replace(/'[^']*'/g, "'…'").replace(/\d+/g, 'N') : r.slice(0, 1);
}

const d = await setupDiff();
/** Per command: calls, and Redis's replies by kind (the error texts, or the reply type). */
const stats = new Map<string, Map<string, number>>();
let observing = true;
d.runner.onReply = (call, r) => {
  if (!observing || call.op === 'sleep') return;
  const name = call.op === 'scanAll' ? 'scan' : call.argv[0].toLowerCase() + (call.argv[0].toLowerCase().match(/^(object|command|config|client)$/) ? ' ' + (call.argv[1] ?? '').toLowerCase() : '');
  let m = stats.get(name);
  if (!m) stats.set(name, (m = new Map()));
  const kind = r.startsWith('-') ? r.slice(0, 50).trim() : 'ok';
  m.set(kind, (m.get(kind) ?? 0) + 1);
};
const findings = new Map<string, Finding>();
let compared = 0;
const t0 = Date.now();
for (let i = 0; i < seeds; i++) {
  const seed = base + i;
  const source = generatorSource(generatorFor(seed));
  let left = count;
  for (let found = 0; left > 0 && found < 8; found++) {
    const res = await d.runner.run(source, left);
    compared += res.compared;
    left -= res.compared;
    const m = res.mismatch;
    if (!m) break;
    const call = m.calls[m.index];
    const unknown = /^-ERR unknown command/.test(m.redis);
    const command = unknown ? 'unknown command' : call.op === 'scanAll' ? 'scan' : call.argv[0].toLowerCase();
    // An option name followed by a NUL is one finding per command, whatever the replies.
    const nulOption = call.argv.slice(1).some((a) => /^[A-Za-z]+\x00/.test(a));
    let sig = unknown ? command : nulOption ? `${command}|NUL option` : `${command}|${gist(m.redis)}|${gist(m.ours)}`;
    // An EXEC reply that differs in one element: group by the queued command behind it.
    const el = /^EXEC reply #(\d+)/.exec(m.why);
    if (el) {
      const mine = m.calls.filter((c) => (c.client ?? 0) === (call.client ?? 0) && !c.op);
      const start = mine.map((c) => c.argv[0].toLowerCase()).lastIndexOf('multi', mine.length - 2);
      const queued = mine.slice(start + 1, -1).filter((c) => !/^(multi|watch)$/i.test(c.argv[0]));
      sig = `exec|${queued[Number(el[1])]?.argv[0].toLowerCase()}`;
    }
    const known = findings.get(sig);
    if (known) {
      known.hits++;
      continue;
    }
    observing = false;
    const shrunk = await d.runner.shrink(m, 4000);
    const again = await d.runner.run(listSource(shrunk), shrunk.length);
    observing = true;
    const mm = again.mismatch ?? m;
    findings.set(sig, { command, seed, shrunk, redis: mm.redis, ours: mm.ours, why: mm.why, hits: 1 });
  }
}
await d.close();

const byCommand = new Map<string, Finding[]>();
for (const f of findings.values()) byCommand.set(f.command, [...(byCommand.get(f.command) ?? []), f]);
console.log(`<!-- survey: ${seeds} seeds x ${count} from ${base}, ${compared} commands compared in ${Date.now() - t0} ms -->`);
for (const [command, list] of [...byCommand].sort()) {
  console.log(`\n### ${command.toUpperCase()}\n`);
  for (const f of list) {
    console.log(`- ${f.why} (seed ${f.seed}; seen ${f.hits}x)`);
    console.log('  ```');
    for (const c of f.shrunk.slice(-30)) console.log('  ' + callToShort(c));
    console.log(`  redis: ${showBytes(f.redis, 300)}`);
    console.log(`  ours:  ${showBytes(f.ours, 300)}`);
    console.log('  ```');
  }
}

if (process.env.SURVEY_STATS) {
  console.log('\n<!-- coverage: command, calls, share of ok replies, most common errors');
  for (const [name, m] of [...stats].sort()) {
    const total = [...m.values()].reduce((a, b) => a + b, 0);
    const errs = [...m].filter(([k]) => k !== 'ok').sort((a, b) => b[1] - a[1]).slice(0, 3);
    console.log(`${name.padEnd(18)} ${String(total).padStart(6)} ${((100 * (m.get('ok') ?? 0)) / total).toFixed(0).padStart(3)}% ok  ${errs.map(([k, n]) => `${n}x ${k}`).join(' | ')}`);
  }
  console.log('-->');
}
