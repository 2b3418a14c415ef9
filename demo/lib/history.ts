// The console's history, as linenoise keeps it: newest last, no two equal lines in a row, at most
// `max` lines; walking up saves the line being typed so walking back down returns to it. Kept in
// localStorage across reloads.

export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export class History {
  private lines: string[];
  /** Index into lines while walking; lines.length means the line being typed. */
  private pos: number;
  private draft = '';

  constructor(
    private readonly storage: StorageLike | null,
    private readonly key = 'localredis.playground.history',
    private readonly max = 500,
  ) {
    this.lines = this.load();
    this.pos = this.lines.length;
  }

  get all(): readonly string[] {
    return this.lines;
  }

  add(line: string): void {
    if (line.trim() !== '' && this.lines[this.lines.length - 1] !== line) {
      this.lines.push(line);
      if (this.lines.length > this.max) this.lines.splice(0, this.lines.length - this.max);
      this.save();
    }
    this.pos = this.lines.length;
    this.draft = '';
  }

  /** The older line (ArrowUp), or null at the oldest. `current` is what the input holds now. */
  prev(current: string): string | null {
    if (this.pos === 0) return null;
    if (this.pos === this.lines.length) this.draft = current;
    return this.lines[--this.pos];
  }

  /** The newer line (ArrowDown), the draft past the newest, or null when already there. */
  next(): string | null {
    if (this.pos >= this.lines.length) return null;
    this.pos++;
    return this.pos === this.lines.length ? this.draft : this.lines[this.pos];
  }

  private load(): string[] {
    try {
      const raw = this.storage?.getItem(this.key);
      const v: unknown = raw ? JSON.parse(raw) : [];
      return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').slice(-this.max) : [];
    } catch {
      return [];
    }
  }

  private save(): void {
    try {
      this.storage?.setItem(this.key, JSON.stringify(this.lines));
    } catch {
      // A full or disabled localStorage only costs the history across reloads.
    }
  }
}
