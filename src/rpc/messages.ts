// Wire types of the worker messages: what crosses postMessage between a client and the host.

/** A command argument: text (the host UTF-8 encodes it) or raw bytes. */
export type WireArg = string | Uint8Array;

/** A reply as it crosses the wire; bulk strings stay byte strings (one char per byte). */
export type WireReply =
  | string
  | number
  | bigint
  | null
  | WireReply[]
  | { err: string }
  | { status: string }
  | { double: number }
  | { map: Array<[WireReply, WireReply]> }
  | { set: WireReply[] }
  | { bool: boolean }
  | { verbatim: string; format: string }
  | { push: WireReply[] };

/** Client -> host: every command issued in one microtask, in order. */
export interface RequestBatch {
  type: 'request';
  id: number;
  commands: WireArg[][];
}

/** Host -> client: the replies of one batch, in order. */
export interface ReplyBatch {
  type: 'reply';
  id: number;
  replies: WireReply[];
}

/** Client -> host: the client goes away; its session is freed. */
export interface CloseMessage {
  type: 'close';
}

/**
 * Client -> host, first: open the database `name` (persisted in IndexedDB, in memory where there
 * is none). Without it the engine keeps its data in memory only.
 */
export interface OpenMessage {
  type: 'open';
  name: string;
  appendonly?: boolean;
  appendfsync?: 'always' | 'everysec' | 'no';
  /** While the data loads, commands `wait` (the default) or get Redis's LOADING `error`. */
  whileLoading?: 'wait' | 'error';
}

/** Host -> client: loading progress (keys and log records loaded out of the total). */
export interface LoadingMessage {
  type: 'loading';
  loaded: number;
  total: number;
}

/** Host -> client: the database could not be opened (e.g. written by a newer version). */
export interface FailedMessage {
  type: 'failed';
  message: string;
}

export type ClientMessage = RequestBatch | CloseMessage | OpenMessage;
export type HostMessage = ReplyBatch | LoadingMessage | FailedMessage;
