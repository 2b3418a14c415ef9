// One engine shared by the playground's tabs (issue 5, /work/notes/TABS-API.md): where it runs
// (redis.mode / redis.isHost, the 'host' event), whether a second connection of this page reaches
// it, this tab's identity (every connection of a tab is named with CLIENT SETNAME so that CLIENT
// LIST can count the tabs and the queue's workers), and the tab's role (`?role=worker`).
import type { ClientOptions, LocalRedis } from '../src/client/index.js';
import { createClient } from '../src/client/index.js';

/** The mode in effect, as the client says it; undefined for a client without shared engines. */
export type EngineMode = 'shared' | 'dedicated' | 'inline' | undefined;

interface TabsClient {
  mode?: unknown;
  isHost?: unknown;
  on?: (event: string, listener: (...args: unknown[]) => void) => unknown;
}

/** This tab's id: short, random, the same for all of the tab's connections. */
export const TAB_ID = Math.random().toString(36).slice(2, 8).padEnd(6, '0');

/** CLIENT SETNAME prefixes: the page's own connection, the queue worker's, the subscribers'. */
export const TAB_NAME = 'playground-tab:';
export const WORKER_NAME = 'playground-worker:';
export const LIVE_NAME = 'playground-live:';

export function modeOf(client: unknown): EngineMode {
  const m = (client as TabsClient).mode;
  return m === 'shared' || m === 'dedicated' || m === 'inline' ? m : undefined;
}

/**
 * Whether a second client of this page with the same name reaches the same engine rather than
 * starting one of its own on the same database (two engines must never share one IndexedDB
 * database): true in 'shared' and 'dedicated' modes; in 'inline' (or with a client that does not
 * say) the page keeps to its one connection.
 */
export function sharesEngine(client: unknown): boolean {
  const m = modeOf(client);
  return m === 'shared' || m === 'dedicated';
}

/** Where the engine runs, in the words the stats panel shows. */
export function hostLabel(client: unknown): string {
  const c = client as TabsClient;
  if (modeOf(c) === 'shared') return 'SharedWorker';
  return c.isHost === false ? 'another tab' : 'this tab';
}

/** Where the engine runs, as the end of a sentence: "… runs in this tab's Web Worker". */
export function hostPhrase(client: unknown): string {
  if (!sharesEngine(client)) return 'in a Web Worker';
  const label = hostLabel(client);
  return label === 'SharedWorker' ? 'in a SharedWorker' : label === 'this tab' ? "in this tab's Web Worker" : "in another tab's Web Worker";
}

/** The banner's first sentence, for the same. */
export function hostSentence(client: unknown): string {
  const label = hostLabel(client);
  if (label === 'SharedWorker') return "Redis runs in a SharedWorker: this site's tabs share one engine.";
  if (!sharesEngine(client)) return 'Redis runs in a Web Worker in this tab.';
  return label === 'this tab'
    ? "Redis runs in a Web Worker in this tab; the site's other tabs use it too."
    : "Redis runs in another tab's Web Worker; this tab uses it from here.";
}

/** Calls `listener` when another tab takes over the engine (or this one does). */
export function onHostChange(client: unknown, listener: (info: { isHost: boolean }) => void): void {
  (client as TabsClient).on?.('host', (info: unknown) => listener(info as { isHost: boolean }));
}

/** The names of CLIENT LIST's connections. */
export function clientNames(list: string): string[] {
  const names: string[] = [];
  for (const line of list.split('\n')) {
    const m = / name=(\S*)/.exec(line);
    if (m) names.push(m[1]);
  }
  return names;
}

/** How many distinct tabs have a connection named with `prefix`. */
export function countNamed(names: string[], prefix: string): number {
  const ids = new Set<string>();
  for (const n of names) if (n.startsWith(prefix)) ids.add(n.slice(prefix.length));
  return ids.size;
}

/** The tab's role from its URL: `?role=worker` opens the job queue's worker tab. */
export function tabRole(): 'worker' | 'page' {
  return new URLSearchParams(location.search).get('role') === 'worker' ? 'worker' : 'page';
}

/**
 * A second connection of this page to the same engine (only where {@link sharesEngine}), named
 * `<prefix><tab id>` before it subscribes or blocks (a RESP2 subscriber can no longer SETNAME).
 */
export async function secondConnection(options: ClientOptions, prefix: string): Promise<LocalRedis> {
  const c = await createClient(options);
  try {
    await c.call('CLIENT', 'SETNAME', prefix + TAB_ID);
  } catch {
    // A name is a nicety for CLIENT LIST, not a need.
  }
  return c;
}
