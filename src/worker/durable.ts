// The glue between an engine and its persistence: loads the store into the engine (snapshot
// records, then effects replayed through engine.apply, with the engine in its loading state),
// then hands persistence the engine's effects after every batch, and tells the host which
// replies must wait for their commit (appendfsync always). The engine's CONFIG parameters
// appendonly, appendfsync, save and auto-aof-rewrite-* are set from the options here, and
// CONFIG SET reaches persistence through the control attached to the engine.
import { attachPersistence, dropExpired, loadRecords, startSnapshot, type Effect, type Engine, type Session } from '../core/index.js';
import { resetServerStats } from '../core/commands/config.js';
import type { VerbatimBatch } from '../persistence/format.js';
import { Persistence, type Fsync, type PersistenceOptions } from '../persistence/persistence.js';
import type { Store } from '../persistence/store.js';
import { AppliedBatches } from './dedupe.js';

export interface DurableOptions extends Omit<PersistenceOptions, 'clock'> {
  /** Loading progress: items (keys and log records) loaded out of the total. */
  onProgress?: (loaded: number, total: number) => void;
  /** Also receives every effect persistence takes (the Node server's onEffects). */
  tap?: (effects: Effect[]) => void;
  /** Receives the markers of forwarding clients' batches found in the log (dedupe.ts). */
  applied?: AppliedBatches;
}

export class Durable {
  readonly persistence: Persistence;
  private readonly loader: Session;
  private loaded = false;
  private collectQueued = false;
  private readonly onProgress: DurableOptions['onProgress'];
  private readonly applied: AppliedBatches | undefined;

  constructor(
    readonly engine: Engine,
    readonly store: Store,
    options: DurableOptions = {},
  ) {
    this.onProgress = options.onProgress;
    this.applied = options.applied;
    const tap = options.tap;
    const config = engine.config;
    const appendonly = options.appendonly ?? true;
    const appendfsync = options.appendfsync ?? (config.get('appendfsync') as Fsync);
    config.set('appendonly', appendonly ? 'yes' : 'no');
    config.set('appendfsync', appendfsync);
    if (options.save !== undefined) config.set('save', options.save);
    if (options.autoAofRewritePercentage !== undefined) config.set('auto-aof-rewrite-percentage', String(options.autoAofRewritePercentage));
    if (options.autoAofRewriteMinSize !== undefined) config.set('auto-aof-rewrite-min-size', String(options.autoAofRewriteMinSize));
    const num = (name: string) => (config.has(name) ? Number(config.get(name)) : undefined);
    this.persistence = new Persistence(
      store,
      {
        takeEffects: () => {
          const effects = engine.takeEffects();
          if (tap !== undefined && effects.length !== 0) tap(effects);
          return effects;
        },
        snapshot: () => startSnapshot(engine),
        dirty: () => engine.ctx.dirty,
        refuseWrites: (message) => {
          engine.writeRefusal = message;
        },
      },
      {
        ...options,
        appendonly,
        appendfsync,
        save: config.get('save') ?? '',
        autoAofRewritePercentage: options.autoAofRewritePercentage ?? num('auto-aof-rewrite-percentage'),
        autoAofRewriteMinSize: options.autoAofRewriteMinSize ?? num('auto-aof-rewrite-min-size'),
        clock: engine.clock,
      },
    );
    this.loader = engine.createSession();
    engine.loading = true;
  }

  /**
   * Loads what the store holds. Until it is done the engine answers LOADING to commands without
   * the `loading` flag; hosts hold their clients' commands until then (see WorkerHost).
   */
  async load(): Promise<void> {
    const engine = this.engine;
    const session = this.loader;
    const connections = engine.stats.numConnections;
    engine.loading = true;
    engine.recordEffects = false;
    let replayed = false;
    try {
      for await (const item of this.persistence.replay(this.onProgress)) {
        replayed = true;
        if ('records' in item) {
          loadRecords(engine, item.records);
        } else {
          const effects = item.effects;
          for (let i = 0; i < effects.length; i++) {
            const effect = effects[i];
            if (AppliedBatches.isMarker(effect)) this.applied?.add(effect);
            else engine.apply(effect, session);
          }
        }
      }
    } finally {
      engine.loading = false;
      engine.recordEffects = true;
      engine.takeEffects();
    }
    engine.closeSession(session);
    // Replayed commands are not the clients' commands: INFO counts from here, as after a restart.
    if (replayed) resetServerStats(engine);
    engine.stats.numConnections = Math.max(0, connections - 1);
    const expiredBefore = engine.stats.expiredKeys;
    const expired = dropExpired(engine);
    engine.stats.expiredKeys = expiredBefore;
    this.persistence.start(expired);
    attachPersistence(engine, this.persistence);
    this.loaded = true;
    this.persistence.collect();
  }

  /**
   * After a batch of commands: hands their effects to persistence (with everysec and no, in a
   * microtask: see collectSoon). With appendfsync always, the
   * batch gets a promise to wait on before its replies go out, as Redis writes no reply of a turn
   * before its fsync: its own writes, and those before it that it may have read (a blocked pop
   * served by another client's push included). While the store fails, a batch that did not
   * write is answered at once: reads keep working. `verbatim`: the batch's effects that are its
   * commands as they came, whose bytes the host writes the replies over next: packed at once.
   */
  afterBatch(verbatim?: VerbatimBatch): Promise<void> | null {
    if (!this.loaded) return null;
    const p = this.persistence;
    if (p.appendfsync !== 'always' || !p.appendonly) {
      if (verbatim !== undefined) p.collect(verbatim);
      else this.collectSoon();
      return null;
    }
    const wrote = this.engine.effects.length !== 0;
    p.collect(verbatim);
    if (!wrote && p.failing) return null;
    return p.whenDurable();
  }

  /**
   * everysec and no: no reply waits for the batch's effects, so they are packed in a microtask,
   * once the host has posted the replies: the packing then overlaps the client's handling of them
   * instead of delaying them. Their order is kept: whatever takes effects first (a snapshot's
   * start, CONFIG SET appendonly, close) collects all of them.
   */
  private collectSoon(): void {
    if (this.collectQueued) return;
    this.collectQueued = true;
    queueMicrotask(this.collectQueuedNow);
  }

  /** collectSoon's microtask (one function for every batch). */
  private readonly collectQueuedNow = (): void => {
    this.collectQueued = false;
    this.persistence.collect();
  };

  /** Commits what is pending and closes the store. */
  async close(): Promise<void> {
    attachPersistence(this.engine, null);
    await this.persistence.close();
  }
}
