// What the panels share: the page's client, the gate that keeps the panels' own commands out of
// the console's MULTI or blocked command (they share one connection), the command table as the
// engine describes it (COMMAND INFO), and the events panels tell each other.
import type { ClientOptions, LocalRedis } from '../src/client/index.js';
import { byteStringToBytes, utf8Text } from './lib/bytes.js';

/** A command argument: text (sent as UTF-8) or bytes. */
export type Arg = string | Uint8Array;

/** The console holds the connection (a command in flight, or MULTI open): panels wait. */
export class Gate {
  private busy = false;
  private waiters: Array<() => void> = [];
  private static readonly open = Promise.resolve();

  set(busy: boolean): void {
    this.busy = busy;
    if (!busy) {
      const w = this.waiters;
      this.waiters = [];
      for (const f of w) f();
    }
  }

  get isBusy(): boolean {
    return this.busy;
  }

  /** Resolves when the console lets go of the connection. */
  idle(): Promise<void> {
    return this.busy ? new Promise((r) => this.waiters.push(r)) : Gate.open;
  }
}

/** The command name as text: the client takes a string (UTF-8 encoded on the way). */
export function commandName(arg: Arg): string {
  if (typeof arg === 'string') return arg;
  return utf8Text(arg) ?? String.fromCharCode(...arg);
}

export interface CommandMeta {
  arity: number;
  flags: string[];
}

export class App extends EventTarget {
  readonly gate = new Gate();
  /**
   * Background reads the panels sent (INFO polls, the key browser's scans): INFO's counters
   * include them, the ops/s chart takes them out. Samples and edits are real work and count.
   */
  backgroundCommands = 0;
  /** The names of the engine's connections, from the stats panel's last CLIENT LIST. */
  clients: string[] = [];
  /** COMMAND's view of the table, by lower-case name. */
  commands = new Map<string, CommandMeta>();

  /** `options`: how the page's client was created, for the second connections of live.ts and queue.ts. */
  constructor(
    readonly client: LocalRedis,
    readonly options: ClientOptions = {},
  ) {
    super();
  }

  /** Whether the engine has a command (feature detection for other groups' work). */
  has(name: string): boolean {
    return this.commands.has(name.toLowerCase());
  }

  /** One command from a panel, after the console lets go; bulk replies as bytes. */
  async tool(...args: Arg[]): Promise<unknown> {
    await this.gate.idle();
    return this.toolNow(...args);
  }

  /** Same, text replies. */
  async toolText(...args: Arg[]): Promise<unknown> {
    await this.gate.idle();
    return this.client.call(commandName(args[0]), ...args.slice(1));
  }

  /** A background read (see backgroundCommands). */
  async background(...args: Arg[]): Promise<unknown> {
    await this.gate.idle();
    this.backgroundCommands++;
    return this.client.callBuffer(commandName(args[0]), ...args.slice(1));
  }

  /** Background reads in one burst. */
  async backgroundBurst(commands: Arg[][]): Promise<unknown[]> {
    await this.gate.idle();
    this.backgroundCommands += commands.length;
    return Promise.all(commands.map((c) => this.client.callBuffer(commandName(c[0]), ...c.slice(1)).then((v) => v, (e: unknown) => e)));
  }

  /**
   * Several commands sent in one burst (one message, run back to back by the engine), so that a
   * MULTI ... EXEC of a panel never mixes with the console's commands.
   */
  async burst(commands: Arg[][]): Promise<unknown[]> {
    await this.gate.idle();
    return Promise.all(commands.map((c) => this.toolNow(...c).then((v) => v, (e: unknown) => e)));
  }

  private toolNow(...args: Arg[]): Promise<unknown> {
    return this.client.callBuffer(commandName(args[0]), ...args.slice(1));
  }

  /** Tells the panels that keys may have changed, and who changed them. */
  changed(source: 'console' | 'editor' | 'sample' | 'notification' = 'console'): void {
    this.dispatchEvent(new CustomEvent('keys-changed', { detail: source }));
  }
}

/** Byte-string console arguments as the client's arguments. */
export function argsOf(argv: string[]): Arg[] {
  return argv.map(byteStringToBytes);
}
