// pipeline() and multi(): commands queued on a chainable object, sent together by exec() in one
// message (a transaction between MULTI and EXEC), answered as ioredis answers: one
// [error, reply] pair per command.
import type { WireArg, WireReply } from '../rpc/messages.js';
import type { LocalRedis } from './client.js';
import type { Commands } from './commands.gen.js';
import { RedisError } from './errors.js';
import { installCommands, Mode } from './methods.js';
import { fromWire, toArgv, type ReplyTransform } from './replies.js';
import type { Arg, PipelineContext } from './types.js';

/** One command's outcome in exec(): `[null, reply]`, or `[error]` as ioredis gives it. */
export type ExecEntry = [error: null, reply: unknown] | [error: RedisError, reply?: undefined];

const isError = (r: WireReply): r is { err: string } => r !== null && typeof r === 'object' && 'err' in r;

/** What pipelines and transactions share: the queue and the command methods. */
abstract class Batch {
  protected readonly argvs: WireArg[][] = [];
  protected readonly modes: Mode[] = [];
  protected readonly transforms: Array<ReplyTransform | undefined> = [];
  /** A null or undefined argument: exec() rejects, as a direct call would. */
  protected invalid: TypeError | null = null;

  constructor(protected readonly owner: LocalRedis) {}

  /** How many commands are queued. */
  get length(): number {
    return this.argvs.length;
  }

  /** Queues any command: `call('SET', 'k', 'v')`. */
  call(command: string, ...args: Arg[]): this;
  call(...argv: Arg[]): this;
  call(...argv: Arg[]): this {
    return this.queue(String(argv[0]), argv.slice(1), Mode.Text, undefined);
  }

  /** Queues any command whose bulk strings come back as Uint8Array. */
  callBuffer(command: string, ...args: Arg[]): this;
  callBuffer(...argv: Arg[]): this;
  callBuffer(...argv: Arg[]): this {
    return this.queue(String(argv[0]), argv.slice(1), Mode.Bytes, undefined);
  }

  /** @internal */
  queue(name: string, args: unknown[], mode: Mode, transform: ReplyTransform | undefined): this {
    const argv = toArgv(name, args);
    if (argv === null) this.invalid ??= new TypeError(`ERR null or undefined argument for '${name}' command`);
    else {
      this.argvs.push(argv);
      this.modes.push(mode);
      this.transforms.push(transform);
    }
    return this;
  }

  protected decode(i: number, r: WireReply): ExecEntry {
    if (isError(r)) return [new RedisError(r.err)];
    const bytes = this.modes[i] === Mode.Bytes;
    const t = this.transforms[i];
    return [null, t === undefined ? fromWire(r, bytes) : t(r, bytes)];
  }
}

installCommands(Batch.prototype, (self: Batch, name, args, mode, transform) => self.queue(name, args, mode, transform));

/** Commands sent together by exec(), each answered on its own (errors do not stop the others). */
export class Pipeline extends Batch {
  /** Sends the queued commands in one message; one `[error, reply]` pair per command. */
  async exec(): Promise<ExecEntry[]> {
    if (this.invalid) throw this.invalid;
    const replies = await this.owner.group(this.argvs);
    return replies.map((r, i) => this.decode(i, r));
  }
}

/** Commands sent between MULTI and EXEC by exec(), in one message. */
export class Multi extends Batch {
  /**
   * Sends MULTI, the queued commands and EXEC in one message. Resolves with one
   * `[error, reply]` pair per command (a command failing at run time is an error in its pair),
   * with null when a WATCHed key changed; rejects with the EXECABORT error, whose
   * `previousErrors` hold the commands' own errors, when a command could not be queued.
   */
  async exec(): Promise<ExecEntry[] | null> {
    if (this.invalid) throw this.invalid;
    const replies = await this.owner.group([['multi'], ...this.argvs, ['exec']]);
    const opened = replies[0];
    if (isError(opened)) throw new RedisError(opened.err);
    const result = replies[replies.length - 1];
    if (isError(result)) {
      const e = new RedisError(result.err) as RedisError & { previousErrors?: RedisError[] };
      e.previousErrors = replies.slice(1, -1).filter(isError).map((r) => new RedisError(r.err));
      throw e;
    }
    if (!Array.isArray(result)) return null;
    return result.map((r, i) => this.decode(i, r));
  }
}

// The generated command methods; each queues its command and returns the pipeline.
export interface Pipeline extends Omit<Commands<PipelineContext<Pipeline>>, 'exec'> {}
export interface Multi extends Omit<Commands<PipelineContext<Multi>>, 'exec'> {}
