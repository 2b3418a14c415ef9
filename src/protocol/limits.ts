// The request limits redis-server 7.0 enforces while reading a query (server.h, networking.c),
// and the protocol error replies it sends when one is broken, byte for byte.

/** PROTO_INLINE_MAX_SIZE: an inline line, or a `*`/`$` count line, longer than this is refused. */
export const PROTO_INLINE_MAX_SIZE = 64 * 1024;

/** proto-max-bulk-len (config default): the largest bulk argument a client may send. */
export const PROTO_MAX_BULK_LEN = 512 * 1024 * 1024;

/**
 * processMultibulkBuffer refuses a count `ll > INT_MAX` in 7.0 (6.x refused past 1024*1024).
 * Checked against redis-server 7.0.15: `*2147483647` waits for arguments, `*2147483648` is refused.
 */
export const PROTO_MAX_MULTIBULK_LEN = 2147483647;

/** authRequired(c): an unauthenticated client may send at most 10 arguments (7.0, CVE-2021-32675). */
export const UNAUTH_MAX_MULTIBULK_LEN = 10;

/** authRequired(c): an unauthenticated client's arguments may be at most 16384 bytes. */
export const UNAUTH_MAX_BULK_LEN = 16384;

/** client-query-buffer-limit (config default): past it the client is closed without a reply. */
export const CLIENT_MAX_QUERYBUF_LEN = 1024 * 1024 * 1024;

/**
 * V8's longest string (String::kMaxLength on 64-bit, 2^29 - 24 chars). A byte string cannot hold
 * more, so a bulk argument longer than this is refused as an invalid bulk length even though
 * proto-max-bulk-len would allow it: the only limit where we differ from Redis.
 */
export const MAX_STRING_LENGTH = 2 ** 29 - 24;

/** The limits a RequestParser applies; tests shrink them. */
export interface ProtocolLimits {
  inlineMaxSize: number;
  maxBulkLen: number;
  maxMultibulkLen: number;
  maxQuerybufLen: number;
}

export const defaultLimits: ProtocolLimits = {
  inlineMaxSize: PROTO_INLINE_MAX_SIZE,
  maxBulkLen: PROTO_MAX_BULK_LEN,
  maxMultibulkLen: PROTO_MAX_MULTIBULK_LEN,
  maxQuerybufLen: CLIENT_MAX_QUERYBUF_LEN,
};

/** The replies of setProtocolError's callers in networking.c, as the client receives them. */
export const protocolErrors = {
  tooBigInline: 'ERR Protocol error: too big inline request',
  unbalancedQuotes: 'ERR Protocol error: unbalanced quotes in request',
  tooBigMbulkCount: 'ERR Protocol error: too big mbulk count string',
  invalidMultibulkLength: 'ERR Protocol error: invalid multibulk length',
  unauthMultibulkLength: 'ERR Protocol error: unauthenticated multibulk length',
  tooBigBulkCount: 'ERR Protocol error: too big bulk count string',
  invalidBulkLength: 'ERR Protocol error: invalid bulk length',
  unauthBulkLength: 'ERR Protocol error: unauthenticated bulk length',
  /** addReplyErrorFormat("Protocol error: expected '$', got '%c'"). */
  expectedDollar: (got: string) => `ERR Protocol error: expected '$', got '${got}'`,
} as const;
