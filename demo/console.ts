// The console panel: redis-cli's REPL in the page. The prompt shows the db and (TX) inside MULTI;
// ↑/↓ walk the history (kept across reloads); Tab completes command names (Shift+Tab back, Esc
// restores what was typed); a grey hint after the cursor shows the syntax still to type; Ctrl+L
// or `clear` clears the screen. Lines run one at a time, in order, as redis-cli sends them; a
// paste of several lines runs each.
import { App } from './app.js';
import { $, h } from './dom.js';
import { completionsFor, hintFor, type HelpEntry } from './lib/command-docs.js';
import { ConsoleSession, sendThrough } from './lib/console-session.js';
import { History } from './lib/history.js';

const MAX_ENTRIES = 400;

export class ConsoleView {
  readonly session: ConsoleSession;
  private readonly history: History;
  private readonly output = $('output');
  private readonly input = $('cmd') as HTMLInputElement;
  private readonly promptEl = $('prompt');
  private readonly ghostTyped = $('ghost-typed');
  private readonly ghostHint = $('ghost-hint');
  private readonly hintText = $('hint-text');
  private readonly list = $('completions') as HTMLUListElement;
  private pending: string[] = [];
  private running = false;
  private completion: { original: string; items: string[]; index: number } | null = null;
  /** Esc was pressed: the next Tab leaves the input instead of completing. */
  private tabLeaves = false;

  constructor(private readonly app: App) {
    this.session = new ConsoleSession(sendThrough(app.client));
    let storage: Storage | null = null;
    try {
      storage = window.localStorage;
    } catch {
      storage = null;
    }
    this.history = new History(storage);
    ($('prompt-form') as HTMLFormElement).addEventListener('submit', (e) => {
      e.preventDefault();
      this.submit(this.input.value);
    });
    this.input.addEventListener('keydown', (e) => this.onKey(e));
    this.input.addEventListener('input', () => {
      this.tabLeaves = false;
      this.closeCompletions();
      this.updateHint();
    });
    this.input.addEventListener('scroll', () => this.updateHint());
    // Pasting several lines runs them in order, as piping a file into redis-cli does.
    this.input.addEventListener('paste', (e) => {
      const text = e.clipboardData?.getData('text/plain') ?? '';
      if (!/[\r\n]/.test(text)) return;
      e.preventDefault();
      const start = this.input.selectionStart ?? this.input.value.length;
      const end = this.input.selectionEnd ?? start;
      const lines = (this.input.value.slice(0, start) + text + this.input.value.slice(end)).split(/\r?\n|\r/);
      const last = lines.pop() ?? '';
      for (const line of lines) if (line.trim() !== '') this.submit(line);
      this.input.value = last;
      this.updateHint();
    });
    $('clear').addEventListener('click', () => {
      this.clear();
      this.input.focus();
    });
    this.list.addEventListener('click', (e) => {
      const li = (e.target as HTMLElement).closest('li');
      if (!li) return;
      this.input.value = li.textContent ?? '';
      this.closeCompletions();
      this.updateHint();
      this.input.focus();
    });
    this.renderPrompt();
  }

  set entries(entries: HelpEntry[]) {
    this.session.entries = entries;
    this.updateHint();
  }

  focus(): void {
    this.input.focus();
  }

  /** Puts a command in the input, for the samples' "try" buttons. */
  suggest(line: string): void {
    this.input.value = line;
    this.closeCompletions();
    this.updateHint();
    this.input.focus();
  }

  note(text: string): void {
    this.append(h('div', { class: 'entry note' }, text));
  }

  /** Runs a line as if typed (history included). */
  submit(line: string): void {
    this.input.value = '';
    this.closeCompletions();
    this.updateHint();
    this.history.add(line);
    this.pending.push(line);
    void this.drain();
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.output.setAttribute('aria-busy', 'true');
    while (this.pending.length !== 0) {
      const line = this.pending.shift()!;
      const prompt = this.session.prompt;
      const entry = h('div', { class: 'entry' }, h('div', { class: 'echo' }, h('span', { class: 'p' }, prompt), line));
      this.append(entry);
      this.app.gate.set(true);
      let result;
      try {
        result = await this.session.run(line);
      } finally {
        this.app.gate.set(this.session.inMulti);
      }
      if (result.clear) {
        this.clear();
      } else if (result.output !== '') {
        const text = result.output.replace(/\r\n/g, '\n').replace(/\n$/, '');
        entry.append(h('pre', { class: result.error ? 'reply err' : 'reply' }, text));
        this.scroll();
      }
      this.renderPrompt();
      if (result.ran.some((argv) => this.mayWrite(argv))) this.app.changed();
      this.app.dispatchEvent(new CustomEvent('console-ran', { detail: result }));
    }
    this.running = false;
    this.output.setAttribute('aria-busy', 'false');
  }

  /** Whether a command can change keys or the db (anything not flagged readonly). */
  private mayWrite(argv: string[]): boolean {
    const meta = this.app.commands.get(argv[0].toLowerCase());
    return meta === undefined || !meta.flags.includes('readonly');
  }

  private append(el: HTMLElement): void {
    this.output.append(el);
    while (this.output.childElementCount > MAX_ENTRIES) this.output.firstElementChild?.remove();
    this.scroll();
  }

  private scroll(): void {
    this.output.scrollTop = this.output.scrollHeight;
  }

  private clear(): void {
    this.output.replaceChildren();
  }

  private renderPrompt(): void {
    this.promptEl.textContent = this.session.prompt;
  }

  private onKey(e: KeyboardEvent): void {
    if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      const line = e.key === 'ArrowUp' ? this.history.prev(this.input.value) : this.history.next();
      e.preventDefault();
      if (line !== null) {
        this.input.value = line;
        this.input.setSelectionRange(line.length, line.length);
        this.closeCompletions();
        this.updateHint();
      }
    } else if (e.key === 'Tab' && !e.altKey && !e.ctrlKey && !e.metaKey) {
      // Tab completes while there is something to complete; otherwise, or right after Esc, focus
      // moves on as usual (no keyboard trap).
      if (this.tabLeaves) this.tabLeaves = false;
      else if (this.complete(e.shiftKey ? -1 : 1)) e.preventDefault();
    } else if (e.key === 'Escape') {
      this.tabLeaves = true;
      if (this.completion) {
        this.input.value = this.completion.original;
        this.closeCompletions();
        this.updateHint();
        e.preventDefault();
      }
    } else if (e.key === 'l' && e.ctrlKey) {
      e.preventDefault();
      this.clear();
    } else if (e.key === 'Enter' && this.completion) {
      this.closeCompletions();
    }
  }

  private complete(step: number): boolean {
    if (this.completion === null) {
      const original = this.input.value;
      if (original.trim() === '') return false;
      const items = completionsFor(original, this.session.entries);
      if (items.length === 0) return false;
      this.completion = { original, items, index: step > 0 ? 0 : items.length - 1 };
    } else {
      const n = this.completion.items.length;
      this.completion.index = (this.completion.index + step + n) % n;
    }
    const { items, index } = this.completion;
    this.input.value = items[index];
    this.renderCompletions();
    this.updateHint();
    if (items.length === 1) this.closeCompletions();
    return true;
  }

  private renderCompletions(): void {
    const c = this.completion!;
    const shown = c.items.slice(0, 80);
    this.list.replaceChildren(
      ...shown.map((item, i) =>
        h('li', { id: `completion-${i}`, attrs: { role: 'option', 'aria-selected': String(i === c.index) } }, item),
      ),
    );
    this.list.hidden = false;
    this.input.setAttribute('aria-expanded', 'true');
    if (c.index < shown.length) this.input.setAttribute('aria-activedescendant', `completion-${c.index}`);
    this.list.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }

  private closeCompletions(): void {
    this.completion = null;
    this.list.hidden = true;
    this.list.replaceChildren();
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
  }

  /** The grey syntax hint after what is typed (redis-cli's hintsCallback). */
  private updateHint(): void {
    const value = this.input.value;
    const hint = value === '' ? null : hintFor(value, this.session.entries);
    const fits = this.input.scrollWidth <= this.input.clientWidth + 1 && this.input.scrollLeft === 0;
    this.ghostTyped.textContent = value;
    this.ghostHint.textContent = hint !== null && fits ? hint : '';
    this.hintText.textContent = hint !== null && hint.trim() !== '' ? `Syntax: ${hint.trim()}` : '';
  }
}

