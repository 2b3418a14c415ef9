// Guided samples: data sets to load with one click and commands to try on them (each "try"
// button puts its command in the console). A leaderboard of 10,000 members, a session cache with
// TTLs, a job queue with a worker (queue.ts; in a tab of its own where tabs share the engine), and
// a pub/sub chat between tabs (live.ts).
import { App, type Arg } from './app.js';
import type { ConsoleView } from './console.js';
import { h } from './dom.js';
import { QueueWorker, pushJobs, queueBody } from './queue.js';

/** A small seeded generator, so that every visitor gets the same sample data. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

export interface Sample {
  id: string;
  title: string;
  text: string;
  load: (app: App) => Promise<string>;
  tries: string[];
  /** More controls: in the row of the Load button, below it, and the queue's worker. */
  extra?: (app: App, status: HTMLElement) => { row?: HTMLElement; body?: HTMLElement; worker?: QueueWorker };
}

export const LEADERBOARD_SIZE = 10_000;

export const samples: Sample[] = [
  {
    id: 'leaderboard',
    title: 'Leaderboard',
    text: `A sorted set of ${LEADERBOARD_SIZE.toLocaleString('en-US')} players and their scores: ranks, top 10, score ranges.`,
    tries: [
      'ZREVRANGE leaderboard 0 9 WITHSCORES',
      'ZREVRANK leaderboard player:04242',
      'ZINCRBY leaderboard 5000 player:04242',
      'ZCOUNT leaderboard 90000 +inf',
      'ZRANGE leaderboard 99000 +inf BYSCORE WITHSCORES',
    ],
    async load(app) {
      const rnd = prng(42);
      const commands: Arg[][] = [['DEL', 'leaderboard']];
      for (let chunk = 0; chunk < LEADERBOARD_SIZE / 1000; chunk++) {
        const args: Arg[] = ['ZADD', 'leaderboard'];
        for (let i = chunk * 1000 + 1; i <= (chunk + 1) * 1000; i++) args.push(String(Math.floor(rnd() * 100_000)), `player:${pad(i, 5)}`);
        commands.push(args);
      }
      const t0 = performance.now();
      await app.burst(commands);
      return `Loaded ${LEADERBOARD_SIZE.toLocaleString('en-US')} members in ${Math.round(performance.now() - t0)} ms.`;
    },
  },
  {
    id: 'sessions',
    title: 'Session cache',
    text: 'Twenty login sessions as hashes that expire in 15 s to 2 min: watch their TTLs count down in the key browser.',
    tries: ['SCAN 0 MATCH session:* COUNT 100', 'HGETALL session:0001', 'TTL session:0001', 'EXPIRE session:0001 3600', 'PERSIST session:0001'],
    async load(app) {
      const rnd = prng(7);
      const names = ['ada', 'grace', 'linus', 'barbara', 'ken', 'margaret', 'dennis', 'radia', 'edsger', 'frances'];
      const commands: Arg[][] = [];
      for (let i = 1; i <= 20; i++) {
        const key = `session:${pad(i, 4)}`;
        commands.push(['HSET', key, 'user', names[i % names.length], 'cart', String(Math.floor(rnd() * 6)), 'seen', new Date().toISOString()]);
        commands.push(['EXPIRE', key, String(15 + Math.floor(rnd() * 105))]);
      }
      await app.burst(commands);
      return 'Loaded 20 sessions with TTLs.';
    },
  },
  {
    id: 'queue',
    title: 'Job queue',
    text: 'Jobs wait in a list; a worker moves each to jobs:processing (BLMOVE, or LMOVE polled), works on it, then moves it to jobs:done. Open a worker tab and push jobs from here.',
    tries: [
      'LRANGE jobs:pending 0 -1',
      'LLEN jobs:done',
      'LMOVE jobs:pending jobs:processing LEFT RIGHT',
      'BLMOVE jobs:pending jobs:processing LEFT RIGHT 5',
      'LMOVE jobs:processing jobs:pending RIGHT LEFT',
    ],
    async load(app) {
      await pushJobs(app, (i) => `resize photo ${i}`, 12);
      return 'Queued 12 jobs.';
    },
    extra(app, status) {
      const worker = new QueueWorker(app, status);
      return { row: worker.button, body: queueBody(app, status, worker), worker };
    },
  },
];

/** Renders the sample cards into `root`; returns the queue's worker. */
export function renderSamples(root: HTMLElement, app: App, view: ConsoleView): QueueWorker | null {
  let worker: QueueWorker | null = null;
  for (const s of samples) {
    const status = h('p', { class: 'muted', attrs: { role: 'status' } });
    const load = h('button', { type: 'button', class: 'primary' }, `Load ${s.title.toLowerCase()}`);
    load.addEventListener('click', async () => {
      load.disabled = true;
      status.textContent = 'Loading…';
      try {
        status.textContent = await s.load(app);
        view.note(`sample: ${status.textContent}`);
      } catch (e) {
        status.textContent = `Failed: ${(e as Error).message}`;
      } finally {
        load.disabled = false;
        app.changed('sample');
      }
    });
    const extra = s.extra?.(app, status) ?? {};
    worker ??= extra.worker ?? null;
    const tries = s.tries
      .filter((t) => app.has(t.split(' ')[0]))
      .map((t) => h('button', { type: 'button', title: 'Put this command in the console', onclick: () => view.suggest(t) }, t));
    root.append(
      h(
        'article',
        { class: 'sample', id: `sample-${s.id}`, attrs: { 'aria-labelledby': `sample-${s.id}-title` } },
        h('h3', { id: `sample-${s.id}-title` }, s.title),
        h('p', {}, s.text),
        h('div', { class: 'row wrap' }, load, extra.row ?? null),
        status,
        extra.body ?? null,
        tries.length ? h('div', { class: 'try', attrs: { role: 'group', 'aria-label': `Try on the ${s.title.toLowerCase()}` } }, ...tries) : null,
      ),
    );
  }
  return worker;
}
