// The job queue sample: jobs wait in the list jobs:pending; a worker moves each one to
// jobs:processing, works on it, then moves it to jobs:done (the reliable-queue pattern: a job
// taken by a worker that dies stays in jobs:processing, where it can be requeued). Where the tabs
// share one engine (tabs.ts) the worker is a connection of its own that blocks on BLMOVE, so the
// console and the panels keep theirs; it can run in a worker tab (`?role=worker`) fed by another
// tab's "Push job". Elsewhere it polls with LMOVE on the page's connection.
import type { LocalRedis } from '../src/client/index.js';
import { App, type Arg } from './app.js';
import { h } from './dom.js';
import { WORKER_NAME, countNamed, secondConnection, sharesEngine, tabRole } from './tabs.js';

const PENDING = 'jobs:pending';
const PROCESSING = 'jobs:processing';
const DONE = 'jobs:done';
/** How long a job "works", so that a person can watch it happen. */
const WORK_MS = 400;
const LOG_SIZE = 12;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const jobs = (n: number) => `${n} job${n === 1 ? '' : 's'}`;

/** A job as pushed: JSON {id, task}; shown as "#id task" (or as it is, if it is not that). */
function describeJob(job: Uint8Array): string {
  const text = new TextDecoder().decode(job);
  try {
    const j = JSON.parse(text) as { id?: unknown; task?: unknown };
    if (j && typeof j === 'object' && j.id !== undefined) return `#${String(j.id)} ${String(j.task ?? '')}`.trim();
  } catch {
    // not JSON: someone pushed their own job from the console
  }
  return text;
}

/** Pushes `tasks` as new jobs (ids from INCRBY jobs:next-id); resolves with the first id. */
export async function pushJobs(app: App, tasks: (id: number) => string, count: number): Promise<number> {
  const first = Number(await app.toolText('INCRBY', 'jobs:next-id', String(count))) - count + 1;
  const commands: Arg[][] = [];
  for (let i = first; i < first + count; i++) commands.push(['RPUSH', PENDING, JSON.stringify({ id: i, task: tasks(i) })]);
  await app.burst(commands);
  return first;
}

/** The worker: Start / Stop, a state line, and the log of the jobs it finished. */
export class QueueWorker {
  readonly button = h('button', { type: 'button', id: 'queue-worker', attrs: { 'aria-pressed': 'false' } }, 'Start worker');
  readonly state = h('p', { class: 'muted', id: 'queue-state' });
  readonly log = h('ul', { class: 'job-log', attrs: { 'aria-label': 'Jobs this worker finished' } });
  private running = false;
  private loop: Promise<void> | null = null;
  private done = 0;
  /** The blocking connection and its CLIENT ID (shared engines only). */
  private conn: LocalRedis | null = null;
  private connId = '';

  constructor(
    private readonly app: App,
    private readonly status: HTMLElement,
  ) {
    this.button.addEventListener('click', () => void (this.running ? this.stop() : this.start()));
  }

  get isRunning(): boolean {
    return this.running;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.button.textContent = 'Stop worker';
    this.button.setAttribute('aria-pressed', 'true');
    this.status.textContent = `Worker: ${jobs(this.done)} done.`;
    this.loop = sharesEngine(this.app.client) && this.app.has('blmove') ? this.blocking() : this.polling();
  }

  /** Stops once the job in hand is finished, so that none is left in jobs:processing. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.button.disabled = true;
    const loop = this.loop!;
    // A BLMOVE waiting for a job is woken by CLIENT UNBLOCK (it then answers nil and moves
    // nothing). Sent again until the loop ends: the unblock may reach the engine before the
    // BLMOVE does, as the two travel on different connections.
    let ended = false;
    void loop.then(() => (ended = true));
    while (!ended) {
      if (this.connId) await this.app.toolText('CLIENT', 'UNBLOCK', this.connId).catch(() => undefined);
      await Promise.race([loop, sleep(250)]);
    }
    const c = this.conn;
    this.conn = null;
    this.connId = '';
    await c?.close();
    this.button.disabled = false;
    this.button.textContent = 'Start worker';
    this.button.setAttribute('aria-pressed', 'false');
    this.status.textContent = `Worker stopped after ${jobs(this.done)}.`;
    this.state.textContent = '';
  }

  private finished(job: Uint8Array): void {
    this.done++;
    this.log.prepend(h('li', {}, describeJob(job)));
    while (this.log.childElementCount > LOG_SIZE) this.log.lastElementChild!.remove();
    this.status.textContent = `Worker: ${jobs(this.done)} done.`;
    this.app.changed('sample');
  }

  /** One connection of its own, blocked on BLMOVE until a job comes. */
  private async blocking(): Promise<void> {
    try {
      this.conn = await secondConnection(this.app.options, WORKER_NAME);
      this.connId = String(await this.conn.call('CLIENT', 'ID'));
    } catch (e) {
      this.state.textContent = `The worker could not connect: ${(e as Error).message}`;
      this.conn = null;
      return this.polling();
    }
    const conn = this.conn;
    while (this.running) {
      this.state.textContent = `Waiting for a job: BLMOVE ${PENDING} ${PROCESSING} LEFT RIGHT 0`;
      let job: unknown;
      try {
        job = await conn.callBuffer('BLMOVE', PENDING, PROCESSING, 'LEFT', 'RIGHT', '0');
      } catch (e) {
        if (!this.running) break;
        // The engine moved to another tab, say: try again shortly.
        this.state.textContent = `BLMOVE failed: ${(e as Error).message}`;
        await sleep(1000);
        continue;
      }
      if (!(job instanceof Uint8Array)) continue; // woken by CLIENT UNBLOCK
      this.state.textContent = `Working on job ${describeJob(job)}`;
      await sleep(WORK_MS);
      // Done: out of jobs:processing and into jobs:done in one transaction.
      await Promise.all([
        conn.call('MULTI'),
        conn.callBuffer('LREM', PROCESSING, '1', job),
        conn.callBuffer('RPUSH', DONE, job),
        conn.call('EXEC'),
      ]).catch(() => undefined);
      this.finished(job);
    }
  }

  /** Without a connection of its own: LMOVE on the page's connection, polled. */
  private async polling(): Promise<void> {
    while (this.running) {
      const job = await this.app.tool('LMOVE', PENDING, PROCESSING, 'LEFT', 'RIGHT');
      if (job instanceof Uint8Array) {
        this.state.textContent = `Working on job ${describeJob(job)}`;
        await this.app.burst([['LREM', PROCESSING, '1', job], ['RPUSH', DONE, job]]);
        this.finished(job);
      } else {
        this.state.textContent = 'Idle: queue more jobs to keep it busy (LMOVE, polled every second).';
      }
      if (!this.running) break;
      await sleep(job instanceof Uint8Array ? 700 : 1000);
    }
  }
}

/**
 * The card's controls below its Load button: push one job, open a worker tab, the queue's
 * lengths and the worker tabs connected, and this tab's worker log.
 */
export function queueBody(app: App, status: HTMLElement, worker: QueueWorker): HTMLElement {
  const task = h('input', { type: 'text', value: 'send welcome email', maxLength: 200 });
  const push = h('form', { class: 'row wrap' }, h('label', {}, 'Job', task), h('button', { type: 'submit' }, 'Push job'));
  push.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const id = await pushJobs(app, () => task.value || 'a job', 1);
      status.textContent = `Pushed job #${id}.`;
    } catch (err) {
      status.textContent = `Failed: ${(err as Error).message}`;
    } finally {
      app.changed('sample');
    }
  });

  // The lengths again on the stats' next tick after keys changed (here, in the console, or in
  // another tab: keyspace notifications), not every second: idle tabs send no commands for it.
  const counts = h('p', { class: 'mono queue-counts', id: 'queue-counts' });
  let stale = true;
  let lengths = '';
  app.addEventListener('keys-changed', () => (stale = true));
  app.addEventListener('info', async () => {
    if (stale) {
      stale = false;
      const [p, w, d] = await app.backgroundBurst([['LLEN', PENDING], ['LLEN', PROCESSING], ['LLEN', DONE]]);
      if ([p, w, d].some((v) => typeof v !== 'number')) return void (stale = true);
      lengths = `pending ${p} · processing ${w} · done ${d}`;
    }
    const workers = app.has('client') ? ` · workers ${countNamed(app.clients, WORKER_NAME)}` : '';
    counts.textContent = lengths + workers;
  });

  const parts: Array<HTMLElement | null> = [push, counts, worker.state];
  if (sharesEngine(app.client)) {
    // A link, not a script: it opens where the person wants it (new tab, window) with the keyboard too.
    const url = new URL(location.href);
    url.searchParams.set('role', 'worker');
    url.hash = '';
    parts.unshift(
      h(
        'p',
        { class: 'row wrap' },
        h('a', { href: url.pathname + url.search, target: '_blank', class: 'button-link', id: 'open-worker' }, 'Open a worker tab'),
        h('span', { class: 'muted' }, 'It waits on BLMOVE and works through the jobs pushed here.'),
      ),
    );
  }
  parts.push(worker.log);
  return h('div', { class: 'queue-body' }, ...parts);
}

/** In a worker tab (`?role=worker`): says so, and starts the worker. */
export function startWorkerRole(app: App, worker: QueueWorker, card: HTMLElement | null): void {
  if (tabRole() !== 'worker') return;
  document.title = 'Worker · localredis playground';
  document.body.classList.add('worker-tab');
  card?.scrollIntoView({ block: 'center' });
  if (sharesEngine(app.client)) void worker.start();
}
