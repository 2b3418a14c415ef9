// The error a command's promise rejects with: Redis's own message, code first.

/** An error reply from the engine, e.g. `WRONGTYPE Operation against a key ...`. */
export class RedisError extends Error {
  override name = 'RedisError';
  /** The error code: the message's first word (`ERR`, `WRONGTYPE`, `EXECABORT`, ...). */
  readonly code: string;
  constructor(message: string) {
    super(message);
    const sp = message.indexOf(' ');
    this.code = sp < 0 ? message : message.slice(0, sp);
  }
}
