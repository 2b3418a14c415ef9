// CPU time of Chromium's threads around a measurement, from Linux's /proc: what the page's main
// thread and its busiest worker spent per operation, and how much of the machine other processes
// used meanwhile. On a shared machine a rate alone cannot tell a slower client from a busier
// neighbour; the CPU per operation can (it changes little with the load), and the rate two free
// cores would give follows from it. Linux only: elsewhere it measures nothing (null).
import { readdirSync, readFileSync } from 'node:fs';

/** CPU per operation of one measurement, in µs, and the machine's other load. */
export interface ThreadCpu {
  /** The renderer's main thread (the page). */
  page: number;
  /** The renderer's busiest dedicated worker. */
  worker: number;
  /** Every other thread of the browser (its IO threads, the GC's helpers, the GPU process...). */
  otherThreads: number;
  /** Cores other processes kept busy on average during the measurement (0 on an idle machine). */
  othersCores: number;
}

type Snapshot = { threads: Map<string, number>; busyMs: number; at: number };

function read(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** The processes below `root` (the browser's, started by this one). */
function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    const stat = read(`/proc/${d}/stat`);
    if (stat === null) continue;
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    children.set(ppid, [...(children.get(ppid) ?? []), Number(d)]);
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const c of children.get(p) ?? []) {
      out.push(c);
      walk(c);
    }
  };
  walk(root);
  return out;
}

/** CPU ms of this process's threads and of every thread below it, keyed "kind/pid/tid/name" (kind: renderer, gpu-process, browser...). */
function snapshot(): Snapshot {
  const threads = new Map<string, number>();
  for (const pid of [process.pid, ...descendants(process.pid)]) {
    const cmdline = read(`/proc/${pid}/cmdline`);
    if (cmdline === null) continue;
    const kind = /--type=([a-z-]+)/.exec(cmdline)?.[1] ?? (cmdline.includes('chrom') ? 'browser' : 'other');
    let tids: string[] = [];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tids) {
      const stat = read(`/proc/${pid}/task/${tid}/stat`);
      const sched = read(`/proc/${pid}/task/${tid}/schedstat`);
      if (stat === null || sched === null) continue;
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      threads.set(`${kind}/${pid}/${tid}/${name}`, Number(sched.split(' ')[0]) / 1e6);
    }
  }
  return { threads, busyMs: machineBusyMs(), at: performance.now() };
}

/** Busy CPU ms of the whole machine so far (all but idle and iowait). */
function machineBusyMs(): number {
  const f = (read('/proc/stat') ?? '').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const hz = 100; // USER_HZ: Linux reports /proc/stat in 1/100 s on every common architecture.
  return ((f[0] + f[1] + f[2] + f[5] + f[6] + f[7]) * 1000) / hz;
}

/**
 * Accumulates the CPU of measured stretches (start() ... stop(ops), any number of times) and
 * gives the totals per operation. Null on a system without /proc/self/task.
 */
export class ThreadCpuMeter {
  private began: Snapshot | null = null;
  private sum = { page: 0, worker: new Map<string, number>(), other: 0, othersMs: 0, wallMs: 0, ops: 0 };
  /** CPU ms by "kind/name" (threads of one name summed), for byThread(). */
  private readonly named = new Map<string, number>();

  static create(): ThreadCpuMeter | null {
    return read(`/proc/${process.pid}/task/${process.pid}/schedstat`) === null ? null : new ThreadCpuMeter();
  }

  start(): void {
    this.began = snapshot();
  }

  stop(ops: number): void {
    const a = this.began;
    if (a === null) return;
    this.began = null;
    const b = snapshot();
    let ours = 0;
    for (const [key, ms] of b.threads) {
      const d = ms - (a.threads.get(key) ?? 0);
      if (d <= 0) continue;
      ours += d;
      const [kind, , , name] = key.split('/');
      if (kind === 'other') continue; // this process and its tools (vite): not the browser
      const label = `${kind}/${name}`;
      this.named.set(label, (this.named.get(label) ?? 0) + d);
      if (kind === 'renderer' && name.startsWith('DedicatedWorker')) this.sum.worker.set(key, (this.sum.worker.get(key) ?? 0) + d);
      else if (kind === 'renderer' && name === 'chromium') this.sum.page += d;
      else this.sum.other += d;
    }
    // This process's own threads (the harness) count as ours: they are not the neighbours' load.
    this.sum.othersMs += Math.max(0, b.busyMs - a.busyMs - ours);
    this.sum.wallMs += b.at - a.at;
    this.sum.ops += ops;
  }

  /** µs per operation by thread ("kind/name", threads of one name summed), the busiest first. */
  byThread(): Array<[string, number]> {
    const ops = this.sum.ops;
    return [...this.named].map(([k, ms]): [string, number] => [k, ops === 0 ? 0 : (ms * 1000) / ops]).sort((a, b) => b[1] - a[1]);
  }

  result(): ThreadCpu | null {
    const s = this.sum;
    if (s.ops === 0) return null;
    const workers = [...s.worker.values()].sort((x, y) => y - x);
    const perOp = (ms: number) => (ms * 1000) / s.ops;
    return {
      page: perOp(s.page),
      worker: perOp(workers[0] ?? 0),
      otherThreads: perOp(s.other + workers.slice(1).reduce((x, y) => x + y, 0)),
      othersCores: s.othersMs / s.wallMs,
    };
  }
}
