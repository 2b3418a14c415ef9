// Engines persisted through the worker's glue (Durable) on a store the test controls: a memory
// backend that outlives its stores (a reopen), a store that dies after N transactions (a crash
// at a transaction boundary), and one whose writes fail on demand (quota, closed connection).
import { ErrorReply, type Effect, type Reply } from '../../src/core/index.js';
import { varint } from '../../src/core/codec.js';
import { MemoryBackend, MemoryStore } from '../../src/persistence/memory-store.js';
import type { LogRecord, Meta, OpenedMeta, BytesRecord, Store } from '../../src/persistence/store.js';
import { Durable, type DurableOptions } from '../../src/worker/durable.js';
import { clockEngine, digest, T0 } from '../unit/snapshot-workload.js';

export { digest, T0 };

/** The keys a load keeps at `now`: the digest without the keys whose TTL has passed. */
export function live(lines: string[], now: number): string[] {
  return lines.filter((l) => {
    const e = l.slice(l.lastIndexOf('|') + 1);
    return e === '-1' || !(now > Number(e));
  });
}

/** A DOMException-like error, as IndexedDB raises them. */
export function domError(name: string, message = name): Error {
  const e = new Error(message);
  e.name = name;
  return e;
}

/**
 * A store wrapper: counts transactions, can die after a number of them (every later call fails
 * and nothing more reaches the backend), and can make writes fail with an error of our choice.
 */
export class TestStore implements Store {
  transactions = 0;
  /** Transactions allowed before it dies; Infinity for never. */
  dieAfter = Infinity;
  /** When set, write transactions fail with it. */
  failWrites: Error | null = null;
  readonly calls: string[] = [];

  constructor(readonly inner: Store) {}

  get name(): string {
    return this.inner.name;
  }

  get onLost(): (() => void) | null {
    return this.inner.onLost;
  }

  set onLost(f: (() => void) | null) {
    this.inner.onLost = f;
  }

  get strict(): boolean {
    return this.inner.strict;
  }

  set strict(on: boolean) {
    this.inner.strict = on;
  }

  get dead(): boolean {
    return this.transactions >= this.dieAfter;
  }

  private async tx<T>(name: string, write: boolean, op: () => Promise<T>): Promise<T> {
    if (this.dead) return new Promise<T>(() => {}); // a dead process never answers
    if (write && this.failWrites !== null) throw this.failWrites;
    this.transactions++;
    this.calls.push(name);
    return op();
  }

  open(): Promise<OpenedMeta> {
    return this.tx('open', false, () => this.inner.open());
  }
  expect(dbId: string): void {
    this.inner.expect?.(dbId);
  }
  readChunks(id: number, from: number, count: number): Promise<string[]> {
    return this.tx('readChunks', false, () => this.inner.readChunks(id, from, count));
  }
  readLog(afterSeq: number, limit: number): Promise<LogRecord[]> {
    return this.tx('readLog', false, () => this.inner.readLog(afterSeq, limit));
  }
  countLog(afterSeq: number): Promise<number> {
    return this.tx('countLog', false, () => this.inner.countLog(afterSeq));
  }
  lastSeq(): Promise<number> {
    return this.tx('lastSeq', false, () => this.inner.lastSeq());
  }
  append(records: BytesRecord[]): Promise<void> {
    return this.tx('append', true, () => this.inner.append(records));
  }
  truncateLog(fromSeq: number): Promise<void> {
    return this.tx('truncateLog', true, () => this.inner.truncateLog(fromSeq));
  }
  putChunks(id: number, first: number, chunks: string[]): Promise<void> {
    return this.tx('putChunks', true, () => this.inner.putChunks(id, first, chunks));
  }
  commitSnapshot(meta: Meta): Promise<void> {
    return this.tx('commitSnapshot', true, () => this.inner.commitSnapshot(meta));
  }
  deleteChunks(id: number): Promise<void> {
    return this.tx('deleteChunks', true, () => this.inner.deleteChunks(id));
  }
  close(): void {
    this.inner.close();
  }
}

/** An engine with its clock, persisted on `store`, loaded. */
export async function durableEngine(store: Store, options: DurableOptions = {}, now = T0) {
  const e = clockEngine(now);
  const durable = new Durable(e.engine, store, { warn: () => {}, ...options });
  await durable.load();
  return {
    ...e,
    durable,
    p: durable.persistence,
    /** Runs commands as one batch, and waits for what the host would wait for before replying. */
    async batch(...commands: string[][]): Promise<Reply[]> {
      const replies = commands.map((argv) => e.engine.exec(e.session, argv) as Reply);
      const wait = durable.afterBatch();
      if (wait !== null) {
        // As the worker host does: a batch whose commit can never happen answers errors.
        const failed = await wait.then(() => null, (err: Error) => err.message);
        if (failed !== null) return replies.map(() => new ErrorReply(failed));
      }
      return replies;
    },
    /** One command as its own batch. */
    async run(...argv: string[]): Promise<Reply> {
      return (await this.batch(argv))[0];
    },
  };
}

/** A reopened memory database. */
export function memory(backend = new MemoryBackend()) {
  return { backend, store: () => new TestStore(new MemoryStore(backend)) };
}

/** Waits for real time to pass (the persistence timers run on real time). */
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until `cond` holds, polling; fails after `ms`. */
export async function until(cond: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await sleep(5);
  }
}

/**
 * Log record data written the plain way, to check the stores' and RecordBytes's against: format 3
 * (`@<db>:` where the db changes, each effect packed as rpc/pack.ts packs a command) or formats 1
 * and 2 (varints: what older versions wrote).
 */
export function packLog(effects: Effect[], format = 3): string {
  let s = '';
  let current = 0;
  for (const { db, argv } of effects) {
    if (format >= 3) {
      if (db !== current) s += `@${db}:`;
      current = db;
      s += `${argv.length}:` + argv.map((a) => `${a.length}:${a}`).join('');
    } else {
      s += varint(db) + varint(argv.length) + argv.map((a) => varint(a.length) + a).join('');
    }
  }
  return s;
}
