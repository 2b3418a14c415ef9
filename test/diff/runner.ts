// Runs call sequences against two targets and compares every reply: batches are pipelined to
// both sides at once, EXEC replies are compared element by element with the comparisons of the
// commands queued, and a mismatch comes back with everything needed to replay and shrink it.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { callToJson, callToShort, showBytes, type Call, type Cmp } from './call.js';
import { compareExec, compareReplies } from './compare.js';
import type { Target } from './targets.js';

export interface Mismatch {
  /** Index of the differing call in `calls`. */
  index: number;
  /** Every call sent, up to and including the differing one. */
  calls: Call[];
  redis: string;
  ours: string;
  why: string;
}

export interface RunResult {
  mismatch: Mismatch | null;
  /** Calls whose replies were compared. */
  compared: number;
}

/** A source of calls: the generator (given the wall clock) or a fixed list. */
export type CallSource = (now: number) => Call | null;

export function listSource(calls: Call[]): CallSource {
  let i = 0;
  return () => (i < calls.length ? calls[i++] : null);
}

const ARITY_ERROR = /^-ERR wrong number of arguments/;

/** Per-client MULTI bookkeeping, driven by Redis's replies (the oracle). */
class MultiTracker {
  private queued: Array<Cmp[] | null> = [];

  /** The comparison for this call given Redis's reply, updating the MULTI state. */
  check(call: Call, a: string, b: string): string | null {
    const client = call.client ?? 0;
    const own = call.cmp ?? 'exact';
    if (call.op) return compareReplies(own, a, b);
    const name = call.argv[0].toLowerCase();
    const q = this.queued[client] ?? null;
    if (q === null) {
      if (name === 'multi' && a === '+OK\r\n') this.queued[client] = [];
      return compareReplies(own, a, b);
    }
    // A rejected EXEC still ends the transaction (execCommandAbort); a rejected DISCARD does not.
    if (name === 'exec' || (name === 'discard' && !ARITY_ERROR.test(a))) {
      this.queued[client] = null;
      return name === 'exec' ? compareExec(q, a, b) : compareReplies('exact', a, b);
    }
    if (a === '+QUEUED\r\n') q.push(own);
    return compareReplies('exact', a, b);
  }
}

export class Runner {
  /** Sees every compared call with both replies (coverage statistics, parser checks). */
  onReply: ((call: Call, redisReply: string, ourReply: string) => void) | null = null;

  constructor(
    readonly redis: Target,
    readonly ours: Target,
  ) {}

  /** Resets both sides, then sends up to `count` calls from `source`, comparing each reply. */
  async run(source: CallSource, count: number, batchSize = 200): Promise<RunResult> {
    await Promise.all([this.redis.reset(), this.ours.reset()]);
    const sent: Call[] = [];
    const multi = new MultiTracker();
    let compared = 0;
    while (compared < count) {
      const batch: Call[] = [];
      const now = Date.now();
      while (batch.length < batchSize && compared + batch.length < count) {
        const c = source(now);
        if (c === null) break;
        batch.push(c);
      }
      if (batch.length === 0) break;
      const [ra, rb] = await Promise.all([this.redis.run(batch), this.ours.run(batch)]);
      for (let i = 0; i < batch.length; i++) {
        sent.push(batch[i]);
        if (this.onReply) this.onReply(batch[i], ra[i], rb[i]);
        const why = multi.check(batch[i], ra[i], rb[i]);
        if (why !== null) {
          return { mismatch: { index: sent.length - 1, calls: sent, redis: ra[i], ours: rb[i], why }, compared: compared + i + 1 };
        }
      }
      compared += batch.length;
    }
    return { mismatch: null, compared };
  }

  /** Replays `calls`; true when the last one differs (and nothing before it does). */
  async failsAtLast(calls: Call[]): Promise<boolean> {
    const { mismatch } = await this.run(listSource(calls), calls.length);
    return mismatch !== null && mismatch.index === calls.length - 1;
  }

  /**
   * Delta-debugging on the calls before the differing one: removes chunks while the last call
   * still differs, within a time budget. Returns the smallest sequence found.
   */
  async shrink(m: Mismatch, budgetMs = 10_000): Promise<Call[]> {
    const deadline = Date.now() + budgetMs;
    let calls = m.calls.slice(0, m.index + 1);
    if (!(await this.failsAtLast(calls))) return calls;
    let parts = 2;
    while (calls.length > 1 && Date.now() < deadline) {
      const head = calls.length - 1;
      const chunk = Math.max(1, Math.ceil(head / parts));
      let removed = false;
      for (let start = 0; start < head && Date.now() < deadline; start += chunk) {
        const candidate = [...calls.slice(0, start), ...calls.slice(start + chunk)];
        if (await this.failsAtLast(candidate)) {
          calls = candidate;
          parts = Math.max(parts - 1, 2);
          removed = true;
          break;
        }
      }
      if (!removed) {
        if (chunk === 1) break;
        parts = Math.min(parts * 2, head);
      }
    }
    return calls;
  }
}

function showReply(r: string, max = 400): string {
  return showBytes(r, max);
}

/** Writes the whole sequence as a replayable JSON list and returns its path. */
export function saveSequence(name: string, calls: Call[]): string {
  const path = join(tmpdir(), `localredis-diff-${name}.json`);
  writeFileSync(path, '[\n' + calls.map(callToJson).join(',\n') + '\n]\n');
  return path;
}

/** The failure message of a mismatch: what differs, how to replay it, the shrunk sequence. */
export function describeMismatch(
  m: Mismatch,
  opts: { seed?: number; label: string; replay: string; shrunk?: Call[]; tail?: number },
): string {
  const call = m.calls[m.index];
  const file = saveSequence(opts.seed !== undefined ? `seed-${opts.seed}` : opts.label.replace(/\W+/g, '-'), m.calls);
  const lines = [
    `differential mismatch (${opts.label})${opts.seed !== undefined ? ` seed ${opts.seed}` : ''}, command #${m.index}` +
      `${call.client ? ` on client ${call.client}` : ''}: ${m.why}`,
    `  call:  ${callToShort(call)}`,
    `  redis: ${showReply(m.redis)}`,
    `  ours:  ${showReply(m.ours)}`,
  ];
  if (m.redis.length > 200 || m.ours.length > 200) {
    let at = 0;
    while (at < m.redis.length && m.redis[at] === m.ours[at]) at++;
    const from = Math.max(0, at - 60);
    lines.push(
      `  first difference at byte ${at}:`,
      `    redis: ...${showBytes(m.redis.slice(from, at + 140))}`,
      `    ours:  ...${showBytes(m.ours.slice(from, at + 140))}`,
    );
  }
  lines.push(`replay: ${opts.replay}   (or DIFF_REPLAY=${file})`);
  if (opts.shrunk) {
    lines.push(`shortest sequence found that still differs (${opts.shrunk.length} calls):`);
    for (const c of opts.shrunk) lines.push('  ' + callToShort(c));
  }
  const tail = opts.tail ?? 25;
  lines.push(`the whole sequence (${m.calls.length} calls) is in ${file}; its last ${Math.min(tail, m.calls.length)}:`);
  for (let i = Math.max(0, m.calls.length - tail); i < m.calls.length; i++) lines.push(`  #${i} ${callToShort(m.calls[i])}`);
  return lines.join('\n');
}
