// The reply model: RESP3's types as plain JS values where that is free, small classes where not.
//
//   bulk string  -> string (a byte string: every code unit 0-255)
//   integer      -> number, or bigint past 2^53
//   null         -> null (RESP2 `$-1`); NULL_ARRAY is RESP2's `*-1`
//   array        -> Reply[]
//   the rest     -> the classes below
// Protocol encoders (src/protocol) and the worker host turn these into bytes or messages.

/** A status reply: `+OK`. */
export class SimpleString {
  constructor(readonly value: string) {}
}

/** An error reply. `message` starts with the error code (`ERR`, `WRONGTYPE`, ...), as Redis sends it. */
export class ErrorReply {
  constructor(readonly message: string) {}
}

/** Thrown by `...OrError` parsers and handlers; `engine.exec` turns it into its `ErrorReply`. */
export class ReplyError extends Error {
  readonly reply: ErrorReply;
  constructor(message: string) {
    super(message);
    this.reply = new ErrorReply(message);
  }
}

/** A double: RESP3 `,`; RESP2 sends it as a bulk string formatted like Redis's `%.17g`. */
export class DoubleReply {
  constructor(readonly value: number) {}
}

/** RESP3 map `%`; RESP2 sends it flattened as an array. */
export class MapReply {
  constructor(readonly entries: Array<[Reply, Reply]>) {}
}

/** RESP3 set `~`; RESP2 sends it as an array. */
export class SetReply {
  constructor(readonly items: Reply[]) {}
}

/** RESP3 boolean `#`; RESP2 sends it as integer 1 or 0. */
export class BoolReply {
  constructor(readonly value: boolean) {}
}

/** RESP3 verbatim string `=` with a three-letter format (`txt`); RESP2 sends a bulk string. */
export class VerbatimReply {
  constructor(
    readonly format: string,
    readonly text: string,
  ) {}
}

/** RESP3 push `>`: out-of-band data (pub/sub messages, invalidations). RESP2 sends an array. */
export class PushReply {
  constructor(readonly items: Reply[]) {}
}

/**
 * A reply written in the protocol that was in force when it was produced: inside EXEC, a HELLO
 * switches the protocol of the replies after it only (Redis writes each reply as it runs).
 */
export class ProtocolReply {
  constructor(
    readonly reply: Reply,
    readonly resp: 2 | 3,
  ) {}
}

/**
 * Several top-level replies for one command, written one after the other: SUBSCRIBE a b confirms
 * each channel, and pushes for the caller made while its own command ran (a PUBLISH to a channel
 * it subscribes to) come before the command's reply. Inside EXEC's array it counts as one element
 * yet writes all of its replies, as Redis does. `main` is the index of the command's own reply
 * (the worker host sends the others as pushes).
 */
export class ReplySequence {
  constructor(
    readonly items: Reply[],
    readonly main: number = items.length - 1,
  ) {}
}

/** RESP2's null array `*-1` (RESP3 `_`). Distinct from a null bulk string, which is `null`. */
export const NULL_ARRAY = Object.freeze({ nullArray: true as const });
export type NullArray = typeof NULL_ARRAY;

export type Reply =
  | string
  | number
  | bigint
  | null
  | NullArray
  | Reply[]
  | SimpleString
  | ErrorReply
  | DoubleReply
  | MapReply
  | SetReply
  | BoolReply
  | VerbatimReply
  | PushReply
  | ProtocolReply
  | ReplySequence;

/** Shared replies, built once (Redis's `shared.*`). */
export const OK = new SimpleString('OK');
export const QUEUED = new SimpleString('QUEUED');
export const PONG = new SimpleString('PONG');

export function isError(r: Reply): r is ErrorReply {
  return r instanceof ErrorReply;
}

/**
 * addReplyHelp: a container command's HELP as status lines, between Redis's header and its
 * `HELP` footer. `command` is the name in upper case (Redis upper-cases argv[0]).
 */
export function helpReply(command: string, lines: readonly string[]): SimpleString[] {
  const out = [new SimpleString(`${command} <subcommand> [<arg> [value] [opt] ...]. Subcommands are:`)];
  for (const line of lines) out.push(new SimpleString(line));
  out.push(new SimpleString('HELP'), new SimpleString('    Prints this help.'));
  return out;
}
