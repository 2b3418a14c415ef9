// The life of an engine's worker as a client sees it: its failures, and stopping it without losing
// writes: after the client's `close`, a persisted engine answers `closed` once what it holds is
// committed; the caller's `done` runs then, or after 2 s should that answer never come (a hung or
// dead worker must not keep a tab's locks forever).
import type { Endpoint } from '../rpc/endpoint.js';

const CLOSE_TIMEOUT_MS = 2000;

/** Runs `done` once, at `ep`'s `closed` message or after 2 s. */
export function afterClosed(ep: Pick<Endpoint, 'addEventListener'>, done: () => void): void {
  let ran = false;
  const finish = () => {
    if (ran) return;
    ran = true;
    clearTimeout(timer);
    done();
  };
  const timer = setTimeout(finish, CLOSE_TIMEOUT_MS);
  ep.addEventListener('message', (ev) => {
    if ((ev.data as { type?: string } | null)?.type === 'closed') finish();
  });
}

/** Calls `fail` with Redis-client-style text when the worker's script fails to load or throws. */
export function onWorkerError(worker: Worker | SharedWorker, fail: (error: Error) => void): void {
  worker.addEventListener('error', (ev: Event) => {
    ev.preventDefault();
    const what = 'port' in worker ? 'shared worker' : 'worker';
    fail(new Error(`localredis ${what} failed: ${(ev as ErrorEvent).message || 'could not load the worker script'}`));
  });
}
