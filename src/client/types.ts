// The types the client's command methods are written in (see commands.gen.ts).
import type { RedisError } from './errors.js';

/** A key: text (sent as UTF-8) or raw bytes. */
export type Key = string | Uint8Array;

/** An argument: text is sent as UTF-8, a Uint8Array byte for byte, a number as its decimal text. */
export type Arg = string | number | Uint8Array;

/** A numeric argument (a count, an index, a score, a timeout, `+inf`, `(1.5`, ...). */
export type Num = number | string;

/** A keyword, in the upper case Redis documents or in lower case (Redis ignores the case). */
export type KW<S extends string> = S | Lowercase<S>;

/**
 * Any reply, as the client maps it: bulk strings as strings (Uint8Array in `...Buffer` methods),
 * status replies as strings, integers as numbers, nil as null, arrays as arrays, RESP3 maps as
 * objects, RESP3 doubles as numbers, booleans as booleans, big numbers as bigints, and an error
 * inside an array (EXEC) as a {@link RedisError} value.
 */
export type ReplyValue =
  | string
  | Uint8Array
  | number
  | bigint
  | boolean
  | null
  | RedisError
  | ReplyValue[]
  | { [key: string]: ReplyValue };

/** Where a command method is called: on a client (a promise) or on a pipeline (chainable). */
export interface Context {
  type: 'client' | 'pipeline';
}

/** A client's methods resolve to their reply. */
export interface ClientContext extends Context {
  type: 'client';
}

/** A pipeline's methods queue the command and return the pipeline. */
export interface PipelineContext<P> extends Context {
  type: 'pipeline';
  self: P;
}

/** What a command method returns in context `C`. */
export type Result<T, C extends Context> = C extends PipelineContext<infer P> ? P : Promise<T>;
