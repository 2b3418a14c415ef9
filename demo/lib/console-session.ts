// The console's state machine, as redis-cli's REPL keeps it (repl / cliSendCommand): a line is
// split, HELP and clear are answered locally, a leading count repeats the command, and the prompt
// follows SELECT, MULTI/EXEC/DISCARD, RESET and HELLO the way redis-cli tracks them. No DOM here:
// the page and the tests drive the same object.
import { byteStringToBytes, utf8Text } from './bytes.js';
import { helpText, type HelpEntry } from './command-docs.js';
import { formatReply, replyContextOf } from './format-reply.js';
import { splitArgs } from './split-args.js';

/** Sends one command (arguments as bytes) and resolves with callBuffer's reply, or rejects. */
export type Send = (args: Uint8Array[]) => Promise<unknown>;

/** A client's callBuffer, which takes the command name as text. */
export interface BufferCaller {
  callBuffer(name: string, ...args: Uint8Array[]): Promise<unknown>;
}

/** A Send over a client: the name as its UTF-8 text (bytes that are not UTF-8 pass as latin1). */
export function sendThrough(client: BufferCaller): Send {
  return (args) => client.callBuffer(utf8Text(args[0]) ?? String.fromCharCode(...args[0]), ...args.slice(1));
}

/** What one line produced. */
export interface LineResult {
  /** The text redis-cli would write (newline-terminated), '' for none. */
  output: string;
  /** The line's reply (or one of them) was an error. */
  error: boolean;
  /** `clear`: the screen is to be cleared. */
  clear: boolean;
  /** The command lines that ran (argv as byte strings), for the page to react to writes. */
  ran: string[][];
}

const lower = (s: string) => s.toLowerCase();

/** Commands that turn a connection into a stream of pushes (redis-cli's "Reading messages..."). */
const STAY_CONNECTED = new Set(['subscribe', 'psubscribe', 'ssubscribe', 'monitor', 'sync', 'psync']);

export class ConsoleSession {
  db = 0;
  inMulti = false;
  resp: 2 | 3 = 2;
  private preMultiDb = 0;
  private queued: string[][] = [];

  constructor(
    private readonly send: Send,
    public entries: HelpEntry[] = [],
    public version = '7.0.15',
  ) {}

  /** redis-cli's prompt, with `localredis` for its host:port. */
  get prompt(): string {
    return `localredis${this.db !== 0 ? `[${this.db}]` : ''}${this.inMulti ? '(TX)' : ''}> `;
  }

  /** Runs one line typed at the prompt. */
  async run(line: string): Promise<LineResult> {
    const result: LineResult = { output: '', error: false, clear: false, ran: [] };
    const argv = splitArgs(line);
    if (argv === null) {
      result.output = 'Invalid argument(s)\n';
      result.error = true;
      return result;
    }
    if (argv.length === 0) return result;
    const cmd = lower(argv[0]);
    if (cmd === 'help' || cmd === '?') {
      result.output = helpText(argv.slice(1), this.entries, this.version);
      return result;
    }
    if (cmd === 'clear') {
      result.clear = true;
      return result;
    }
    if (cmd === 'quit' || cmd === 'exit') {
      // redis-cli exits here; the page's connection stays, as the panels share it.
      result.output = '(the console stays open: close the tab to quit)\n';
      return result;
    }
    if (STAY_CONNECTED.has(cmd)) {
      result.output = `(error) ${argv[0].toUpperCase()} would take over the connection the page's panels share: try the pub/sub chat sample\n`;
      result.error = true;
      return result;
    }
    // A leading number repeats the command: `3 INCR x` (redis-cli's repeat).
    let repeat = 1;
    let args = argv;
    if (argv.length > 1 && /^[0-9]+$/.test(argv[0])) {
      repeat = Number(argv[0]);
      args = argv.slice(1);
    }
    for (let i = 0; i < repeat; i++) {
      const out = await this.exec(args);
      result.output += out.text;
      result.error ||= out.error;
      result.ran.push(args);
    }
    return result;
  }

  private async exec(argv: string[]): Promise<{ text: string; error: boolean }> {
    const cmd = lower(argv[0]);
    const ctx = replyContextOf(argv, this.resp, cmd === 'exec' ? this.queued : undefined);
    let reply: unknown;
    let error = false;
    try {
      reply = await this.send(argv.map(byteStringToBytes));
    } catch (e) {
      reply = e instanceof Error ? e : new Error(String(e));
      error = true;
    }
    this.track(argv, reply, error);
    return { text: formatReply(reply, ctx), error };
  }

  /** cliSendCommand's bookkeeping after a reply. */
  private track(argv: string[], reply: unknown, error: boolean): void {
    const cmd = lower(argv[0]);
    const n = argv.length;
    if (this.inMulti && !error && reply === 'QUEUED') this.queued.push(argv);
    if (cmd === 'select' && n === 2 && !error) {
      this.db = Number.parseInt(argv[1], 10) || 0;
    } else if (cmd === 'multi' && n === 1 && !error) {
      this.inMulti = true;
      this.preMultiDb = this.db;
      this.queued = [];
    } else if (cmd === 'exec' && n === 1 && this.inMulti) {
      this.inMulti = false;
      this.queued = [];
      if (error || reply === null) this.db = this.preMultiDb;
    } else if (cmd === 'discard' && n === 1 && !error) {
      this.inMulti = false;
      this.queued = [];
      this.db = this.preMultiDb;
    } else if (cmd === 'reset' && n === 1 && !error) {
      this.inMulti = false;
      this.queued = [];
      this.db = 0;
      this.resp = 2;
    } else if (cmd === 'hello' && n >= 2 && !error) {
      this.resp = argv[1] === '3' ? 3 : 2;
    }
  }
}
