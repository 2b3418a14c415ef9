// How the tabs of an origin share one engine per database name (DESIGN.md): the names of the Web
// Locks and BroadcastChannels involved, and the messages on those channels.
//
// - The lock `localredis:<name>` is held by whoever hosts the engine: a SharedWorker, or the page
//   of the tab elected in dedicated mode (every tab waits on it; the next in line takes over).
// - The worker of that tab also holds `localredis:<name>:engine` while it lives: the next host's
//   worker waits for it, so that it never loads while the previous worker may still commit.
// - A tab forwarding to the host posts on `localredis:<name>` (only the host listens there) and
//   hears back on `localredis:<name>:client:<key>` (only that client listens there).
// - A host that starts serving says so on `localredis:<name>:hosts`: forwarding tabs then say
//   hello to it and re-send what the previous host left unanswered.
// - Each forwarding client holds the lock `localredis:<name>:client:<key>` while it lives: the
//   host waits on it to free the session of a tab that closed or crashed.
import type { ClientMessage, HostMessage } from './messages.js';

export const hostLock = (name: string): string => `localredis:${name}`;
/** Held by the worker that runs the engine of a dedicated-mode tab, until that worker is gone. */
export const engineLock = (name: string): string => `localredis:${name}:engine`;
export const clientLock = (name: string, client: string): string => `localredis:${name}:client:${client}`;
export const hostChannel = (name: string): string => `localredis:${name}`;
export const clientChannel = (name: string, client: string): string => `localredis:${name}:client:${client}`;
export const announceChannel = (name: string): string => `localredis:${name}:hosts`;

/**
 * Forwarding client -> host: hello (connect me; `locked`: I hold my client lock, free my session
 * when it is free), then the client's messages.
 */
export type ToHost = { k: 'hello'; c: string; locked: boolean } | { k: 'msg'; c: string; msg: ClientMessage };

/** Host -> one forwarding client: the host's answer to hello, then the host's messages. */
export type ToClient = { k: 'welcome'; host: string } | { k: 'msg'; host: string; msg: HostMessage };

/** Host -> every tab: a host (with this id) serves the database now. */
export interface HostAnnounce {
  k: 'host';
  host: string;
}

/** The Web Locks API of this context, or undefined (Node, some webviews). */
export function webLocks(): LockManager | undefined {
  return (globalThis.navigator as Navigator | undefined)?.locks;
}

/**
 * Takes lock `name` and keeps it until the returned function is called. Resolves once granted;
 * with `ifAvailable`, resolves with null at once when another holds it.
 */
export function holdLock(locks: LockManager, name: string, ifAvailable = false): Promise<(() => void) | null> {
  return new Promise((granted) => {
    void locks.request(name, { ifAvailable }, (lock) => {
      if (lock === null) return granted(null);
      return new Promise<void>((release) => granted(release));
    });
  });
}

/** A random id (client keys, host ids) where crypto.randomUUID may be missing (http pages). */
export function randomId(): string {
  const c = globalThis.crypto as Crypto | undefined;
  if (c !== undefined && typeof c.randomUUID === 'function') return c.randomUUID();
  return Date.now().toString(36) + Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2);
}
