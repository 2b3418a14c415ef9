// A Store in memory: Node tests, the inline mode and the Node server. Its contents live in a
// MemoryBackend, so a second MemoryStore on the same backend is a reopened database; every
// method copies what it keeps, as a transaction would, and settles on a later tick as
// IndexedDB's requests do.
import { checkRecord, FormatError, FORMAT_VERSION, freshMeta, loadRecord, type LogRecord, type Meta, type BytesRecord, type Store, type StoredRecord } from './store.js';

/** The contents of one in-memory database. */
export class MemoryBackend {
  meta: Meta | null = null;
  /** "id:index" -> chunk. */
  readonly chunks = new Map<string, string>();
  /** Log records as IdbStore keeps them (their bytes; a format-1 database's strings). */
  readonly log = new Map<number, StoredRecord>();

  /** Chars held (chunks and log records' data), for tests and INFO. */
  get bytes(): number {
    let n = 0;
    for (const c of this.chunks.values()) n += c.length;
    for (const r of this.log.values()) n += 'data' in r ? r.data.length : r.chars;
    return n;
  }

  /** Log record `seq` as readLog returns it, or undefined. */
  record(seq: number): LogRecord | undefined {
    const r = this.log.get(seq);
    return r === undefined ? undefined : loadRecord(r);
  }

  /** The log records as readLog returns them, in the order they were stored (tests). */
  records(): LogRecord[] {
    return [...this.log.values()].map(loadRecord);
  }
}

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export class MemoryStore implements Store {
  readonly name: string;
  onLost: (() => void) | null = null;
  /** Kept for Store: memory has nothing to fsync. */
  strict = false;

  constructor(
    readonly backend: MemoryBackend = new MemoryBackend(),
    name = 'memory',
  ) {
    this.name = name;
  }

  async open(): Promise<Meta> {
    await tick();
    const b = this.backend;
    if (b.meta === null) b.meta = freshMeta();
    if (b.meta.format > FORMAT_VERSION) throw new FormatError(b.meta.format, this.name);
    // Formats 1 and 2 (records still read): stamped before anything is written, as IdbStore does.
    if (b.meta.format < FORMAT_VERSION) b.meta = { ...b.meta, format: FORMAT_VERSION };
    return { ...b.meta };
  }

  async readChunks(snapshotId: number, from: number, count: number): Promise<string[]> {
    await tick();
    const out: string[] = [];
    for (let i = from; i < from + count; i++) {
      const c = this.backend.chunks.get(`${snapshotId}:${i}`);
      if (c === undefined) break;
      out.push(c);
    }
    return out;
  }

  async readLog(afterSeq: number, limit: number): Promise<LogRecord[]> {
    await tick();
    const out: LogRecord[] = [];
    for (let seq = afterSeq + 1; seq <= afterSeq + limit; seq++) {
      const r = this.backend.record(seq);
      if (r === undefined) break;
      out.push(r);
    }
    return out;
  }

  async countLog(afterSeq: number): Promise<number> {
    await tick();
    let n = 0;
    for (const s of this.backend.log.keys()) if (s > afterSeq) n++;
    return n;
  }

  async lastSeq(): Promise<number> {
    await tick();
    let max = 0;
    for (const s of this.backend.log.keys()) if (s > max) max = s;
    return max;
  }

  async append(records: BytesRecord[]): Promise<void> {
    await tick();
    for (const r of records) checkRecord(r);
    for (const r of records) this.backend.log.set(r.seq, { seq: r.seq, count: r.count, chars: r.chars, bytes: r.bytes.slice(), format: r.format });
  }

  async truncateLog(fromSeq: number): Promise<void> {
    await tick();
    for (const s of [...this.backend.log.keys()]) if (s >= fromSeq) this.backend.log.delete(s);
  }

  async putChunks(snapshotId: number, first: number, chunks: string[]): Promise<void> {
    await tick();
    chunks.forEach((c, i) => this.backend.chunks.set(`${snapshotId}:${first + i}`, c));
  }

  async commitSnapshot(meta: Meta): Promise<void> {
    await tick();
    const b = this.backend;
    b.meta = { ...meta };
    for (const k of [...b.chunks.keys()]) if (Number(k.slice(0, k.indexOf(':'))) !== meta.snapshotId) b.chunks.delete(k);
    for (const s of [...b.log.keys()]) if (s <= meta.snapshotSeq) b.log.delete(s);
  }

  async deleteChunks(snapshotId: number): Promise<void> {
    await tick();
    for (const k of [...this.backend.chunks.keys()]) if (k.startsWith(`${snapshotId}:`)) this.backend.chunks.delete(k);
  }

  close(): void {}
}
