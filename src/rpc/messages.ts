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

/**
 * Client -> host: every command issued in one microtask, in order. A client behind a real
 * postMessage packs them into `packed` instead (rpc/pack.ts: arguments as byte strings, text
 * UTF-8 encoded), leaving `commands` empty; the host then packs its replies too.
 */
export interface RequestBatch {
  type: 'request';
  id: number;
  commands: WireArg[][];
  packed?: string;
  /**
   * Or the packed batch as ASCII bytes in a transferred buffer (rpc/transfer.ts), where the
   * endpoint can transfer: the host answers in the same buffer (`bytes` of its reply).
   */
  bytes?: Uint8Array;
}

/**
 * Host -> client: the replies of one batch, in order. `pushes` holds the out-of-band data made
 * while the batch ran, with its place among the replies: `[n, push]` comes after the batch's first
 * `n` replies and before the others (a RESP3 client's PUBLISH to a channel it subscribes to gets
 * the message before its reply). SUBSCRIBE a b answers one confirmation per channel: the last is
 * the reply, the others are pushes placed before it.
 */
export interface ReplyBatch {
  type: 'reply';
  id: number;
  replies: WireReply[];
  pushes?: Array<[number, WireReply]>;
  /** The replies packed (rpc/pack.ts), `replies` then empty: the answer to a packed request. */
  packed?: string;
  /** Or the packed replies as ASCII bytes, in the buffer the request came in (rpc/transfer.ts). */
  bytes?: Uint8Array;
  /**
   * A forwarding client's batch that wrote: a {@link DurableMessage} follows once it is
   * committed; until then the client keeps it, to re-send it should the host die (client/tabs.ts).
   */
  w?: true;
}

/** Host -> forwarding client: its write batches up to `id` are committed. */
export interface DurableMessage {
  type: 'durable';
  id: number;
}

/**
 * Host -> client: out-of-band data for this client made by other clients' commands or by timers
 * (active expiry), in order, after every reply posted before it: pub/sub messages as Redis sends
 * them, `['message', channel, payload]`, `['pmessage', pattern, channel, payload]`,
 * `['smessage', channel, payload]`, and keyspace notifications, which are messages on the channels
 * `__keyspace@<db>__:<key>` (payload: the event) and `__keyevent@<db>__:<event>` (payload: the
 * key). Each item is `{ push: [...] }` for a RESP3 session and a plain array for RESP2, with byte
 * strings as in replies.
 */
export interface PushBatch {
  type: 'push';
  pushes: WireReply[];
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
  /**
   * The client's key (rpc/tabs.ts): the batches it re-sends after a host change are answered
   * from the markers the previous host left (worker/dedupe.ts) instead of running twice.
   */
  client?: string;
  /** Also serve the other tabs that open this database (rpc/tabs.ts). */
  tabs?: boolean;
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

/** Client -> host: commit what is pending now (the hosting page is being hidden or closed). */
export interface FlushMessage {
  type: 'flush';
}

/**
 * Host -> client, shared mode: start an IO worker (persistence/io-worker.ts) and send a port to
 * it (IoPortMessage). A SharedWorker cannot start a worker in Chromium; with one a page started,
 * its IndexedDB transactions run off the engine's thread (worker/io-ports.ts).
 */
export interface IoRequestMessage {
  type: 'io';
}

/** Client -> host: a port to the IO worker it started, or null (it cannot start one, or that worker failed). */
export interface IoPortMessage {
  type: 'io-port';
  port: MessagePort | null;
}

export type ClientMessage = RequestBatch | CloseMessage | OpenMessage | FlushMessage | IoPortMessage;
/** Host -> client, after the client's `close`: what was written is committed (a persisted engine). */
export interface ClosedMessage {
  type: 'closed';
}

export type HostMessage = ReplyBatch | PushBatch | LoadingMessage | FailedMessage | ClosedMessage | DurableMessage | IoRequestMessage;
