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

export type ClientMessage = RequestBatch | CloseMessage;
export type HostMessage = ReplyBatch;
