// Dedicated mode (rpc/tabs.ts has the protocol): every tab that opens a database waits on its
// lock; the tab holding it runs the engine in a Worker of its own and serves the others, which
// forward over BroadcastChannel. TabLink is the Endpoint a client talks through in this mode: it
// routes to this tab's worker or to the host tab, keeps the batches not yet answered, and when the
// host changes re-sends them to the next host (which answers those its predecessor had applied
// from the markers in the log, worker/dedupe.ts): none is lost, none runs twice, none hangs.
import type { Endpoint, MessageEventLike } from '../rpc/endpoint.js';
import type { ClientMessage, HostMessage, OpenMessage, RequestBatch } from '../rpc/messages.js';
import { bytesText } from '../rpc/transfer.js';
import {
  announceChannel,
  clientChannel,
  clientLock,
  hostChannel,
  holdLock,
  hostLock,
  randomId,
  webLocks,
  type HostAnnounce,
  type ToClient,
  type ToHost,
} from '../rpc/tabs.js';
import { afterClosed, onWorkerError } from './closing.js';

/** How long a tab without navigator.locks listens for a host before it hosts the engine itself. */
const PROBE_MS = 250;

export interface TabLinkOptions {
  name: string;
  /** Starts this tab's worker when it is elected to host the engine. */
  startWorker(): Worker;
  /** The batch that restores the session on a new host (SELECT, CLIENT SETNAME, SUBSCRIBE...), if any. */
  restore(): RequestBatch | null;
  /** Messages go to a host now: this tab's worker or another tab's; `first` when no host came before. */
  onHost(isHost: boolean, first: boolean): void;
  onWarning(message: string): void;
  /** The worker this tab started failed. */
  onFailure(error: Error): void;
}

export class TabLink implements Endpoint {
  /** This client's key: its session's name on the host and in the host's dedupe markers. */
  readonly key = randomId();
  /** This tab's worker hosts the engine. */
  isHost = false;
  private readonly listeners = new Set<(ev: MessageEventLike) => void>();
  /** Where requests go now: this tab's worker, the host tab, or nowhere yet. */
  private target: ((msg: ClientMessage, transfer?: Transferable[]) => void) | null = null;
  /** Requests sent and not answered yet, in order: re-sent to the next host. */
  private readonly inflight = new Map<number, RequestBatch>();
  /**
   * Write batches answered but not yet committed by the host (everysec, no): re-sent too, should
   * the host die before it commits them; the next host runs those it has no marker of, and their
   * replies (already given) are dropped.
   */
  private readonly uncommitted = new Map<number, RequestBatch>();
  /** Answered batches re-sent to a new host: their new replies are not delivered. */
  private readonly answered = new Map<number, RequestBatch>();
  private open: OpenMessage | null = null;
  private hostId: string | null = null;
  private worker: Worker | null = null;
  private closed = false;
  /** This client holds its client lock (not where there is no navigator.locks). */
  private locked = false;
  private readonly releases: Array<() => void> = [];
  private readonly out: BroadcastChannel;
  private readonly inbox: BroadcastChannel;
  private readonly announce: BroadcastChannel;

  constructor(private readonly options: TabLinkOptions) {
    const { name } = options;
    this.out = new BroadcastChannel(hostChannel(name));
    this.inbox = new BroadcastChannel(clientChannel(name, this.key));
    this.announce = new BroadcastChannel(announceChannel(name));
    this.inbox.onmessage = (ev: MessageEvent) => this.fromHostTab(ev.data as ToClient);
    this.announce.onmessage = (ev: MessageEvent) => {
      const m = ev.data as HostAnnounce;
      // A new host: say hello; the switch happens when it answers.
      if (m.k === 'host' && !this.isHost && m.host !== this.hostId) this.hello();
    };
    const locks = webLocks();
    if (locks === undefined) {
      this.withoutLocks();
      return;
    }
    // Held while this client lives: the host frees our session once it is free.
    void holdLock(locks, clientLock(name, this.key)).then((release) => {
      this.releases.push(release!);
      if (this.closed) return release!();
      this.locked = true;
      this.hello();
      void locks.request(hostLock(name), () => this.host());
    });
  }

  postMessage(message: unknown, transfer?: Transferable[]): void {
    const msg = message as ClientMessage;
    if (msg.type === 'open') {
      this.open = { ...msg, client: this.key, tabs: true };
      this.worker?.postMessage(this.open);
      return;
    }
    if (msg.type === 'request' && msg.bytes !== undefined) {
      // A batch as bytes (rpc/transfer.ts) leaves with its buffer: kept as a string, to be
      // re-sent to a next host, and sent as that string where the buffer cannot go (another tab).
      const kept: RequestBatch = { type: 'request', id: msg.id, commands: [], packed: bytesText(msg.bytes) };
      this.inflight.set(msg.id, kept);
      if (this.isHost) this.target?.(msg, transfer);
      else this.target?.(kept);
      return;
    }
    if (msg.type === 'request') this.inflight.set(msg.id, msg);
    this.target?.(msg);
  }

  addEventListener(_type: 'message', listener: (ev: MessageEventLike) => void): void {
    this.listeners.add(listener);
  }

  removeEventListener(_type: 'message', listener: (ev: MessageEventLike) => void): void {
    this.listeners.delete(listener);
  }

  /** Stops: the worker (if this tab hosts) once it committed what it holds, then the locks. */
  dispose(): void {
    if (this.closed) return;
    this.closed = true;
    this.target = null;
    this.inbox.close();
    this.announce.close();
    this.out.close();
    const release = () => {
      for (const r of this.releases) r();
    };
    const worker = this.worker;
    if (worker === null) return release();
    // The next host loads what this one committed: release the lock only after the commit.
    afterClosed(worker as unknown as Endpoint, () => {
      worker.terminate();
      release();
    });
  }

  private deliver(msg: HostMessage): void {
    if (msg.type === 'reply') {
      const again = this.answered.get(msg.id);
      const req = again ?? this.inflight.get(msg.id);
      if (again !== undefined) this.answered.delete(msg.id);
      else this.inflight.delete(msg.id);
      if (msg.w === true && req !== undefined) this.uncommitted.set(msg.id, req);
      if (again !== undefined) return;
    } else if (msg.type === 'durable') {
      for (const id of this.uncommitted.keys()) if (id <= msg.id) this.uncommitted.delete(id);
      return;
    }
    for (const l of this.listeners) l({ data: msg });
  }

  private hello(): void {
    if (!this.closed) this.out.postMessage({ k: 'hello', c: this.key, locked: this.locked } satisfies ToHost);
  }

  private fromHostTab(m: ToClient): void {
    if (this.isHost || this.closed) return;
    if (m.k === 'welcome') {
      if (m.host === this.hostId) return;
      const first = this.hostId === null && this.target === null;
      this.hostId = m.host;
      const key = this.key;
      this.switchTo((msg) => this.out.postMessage({ k: 'msg', c: key, msg } satisfies ToHost), first);
    } else if (m.host === this.hostId) {
      this.deliver(m.msg);
    }
  }

  /** This tab was elected: its worker loads the database and serves every tab. */
  private host(): Promise<void> | undefined {
    if (this.closed) return;
    const first = this.target === null;
    this.isHost = true;
    this.hostId = null;
    const worker = (this.worker = this.options.startWorker());
    worker.addEventListener('message', (ev: MessageEvent) => this.deliver(ev.data as HostMessage));
    onWorkerError(worker, this.options.onFailure);
    if (this.open !== null) worker.postMessage(this.open);
    // A tab being closed takes its worker along: with everysec or no, the writes of the last
    // second (the other tabs' too) would go with it. Ask for a commit while there is time.
    const flush = () => worker.postMessage({ type: 'flush' } satisfies ClientMessage);
    globalThis.addEventListener?.('pagehide', flush);
    this.releases.push(() => globalThis.removeEventListener?.('pagehide', flush));
    this.switchTo((msg, transfer) => worker.postMessage(msg, transfer ?? []), first);
    return new Promise<void>((resolve) => this.releases.push(resolve));
  }

  /**
   * Sends from now on to `target`: first, on a new host, the batch restoring the session, then
   * every request not answered yet, in order.
   */
  private switchTo(target: (msg: ClientMessage, transfer?: Transferable[]) => void, first: boolean): void {
    this.target = target;
    if (!first) {
      const restore = this.options.restore();
      if (restore !== null) target(restore);
    }
    // Replies come in order, so every answered batch is older than every unanswered one.
    for (const [id, msg] of this.uncommitted) {
      this.answered.set(id, msg);
      target(msg);
    }
    this.uncommitted.clear();
    for (const msg of this.inflight.values()) target(msg);
    this.options.onHost(this.isHost, first);
  }

  /**
   * No Web Locks (some webviews): no safe election, so no takeover. Follow a host that answers
   * soon, else host the engine in this tab, and say so.
   */
  private withoutLocks(): void {
    this.options.onWarning(
      'localredis: navigator.locks is missing, so tabs cannot elect a host: this tab uses the engine of a tab already open, or runs its own; a host that closes is not replaced',
    );
    this.hello();
    setTimeout(() => {
      if (this.target === null && !this.closed) void this.host();
    }, PROBE_MS);
  }
}
