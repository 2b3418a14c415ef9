// Error replies shared by several commands, byte for byte as redis-server 7.0 sends them.
// A message used by one command only may stay in that command's file.
import { ReplyError } from './reply.js';

export const errors = {
  wrongType: 'WRONGTYPE Operation against a key holding the wrong kind of value',
  syntax: 'ERR syntax error',
  notInteger: 'ERR value is not an integer or out of range',
  notFloat: 'ERR value is not a valid float',
  overflow: 'ERR increment or decrement would overflow',
  noSuchKey: 'ERR no such key',
  outOfRange: 'ERR index out of range',
  dbIndexOutOfRange: 'ERR DB index is out of range',
  invalidExpire: (cmd: string) => `ERR invalid expire time in '${cmd}' command`,
  stringTooLong: 'ERR string exceeds maximum allowed size (proto-max-bulk-len)',
  bitOffset: 'ERR bit offset is not an integer or out of range',
  noAuth: 'NOAUTH Authentication required.',
  execAbort: 'EXECABORT Transaction discarded because of previous errors.',
} as const;

/** `ERR wrong number of arguments for 'get' command` (lower-case name, as Redis prints the table's name). */
export function wrongArity(name: string): string {
  return `ERR wrong number of arguments for '${name}' command`;
}

/** Redis's `unknown command` reply: the name as typed, then up to 128 bytes of each argument. */
export function unknownCommand(argv: string[]): string {
  let args = '';
  for (let i = 1; i < argv.length && args.length < 128; i++) {
    args += `'${cstr(argv[i]).slice(0, 128 - args.length)}' `;
  }
  return `ERR unknown command '${sanitize(cstr(argv[0]).slice(0, 128))}', with args beginning with: ${sanitize(args)}`;
}

/** `ERR unknown subcommand 'x'. Try OBJECT HELP.` (processCommand, for a container command). */
export function unknownSubcommand(argv: string[]): string {
  return `ERR unknown subcommand '${sanitize(cstr(argv[1]).slice(0, 128))}'. Try ${upper(argv[0])} HELP.`;
}

/** addReplySubcommandSyntaxError: a known subcommand used with a bad shape. */
export function subcommandSyntax(argv: string[]): string {
  return `ERR unknown subcommand or wrong number of arguments for '${sanitize(cstr(argv[1]).slice(0, 128))}'. Try ${upper(argv[0])} HELP.`;
}

/** ASCII-only upper case, as C's toupper in the C locale (a byte string must keep its other bytes). */
export function upper(s: string): string {
  return s.replace(/[a-z]+/g, (m) => m.toUpperCase());
}

/** ASCII-only lower case. */
export function lower(s: string): string {
  return s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}

/** A byte string as C's %s prints it (error texts built with addReplyErrorFormat): up to the first NUL. */
export function cstr(s: string): string {
  const i = s.indexOf('\0');
  return i < 0 ? s : s.slice(0, i);
}

/** Redis replaces CR and LF in error texts with spaces so the reply stays one line. */
export function sanitize(s: string): string {
  return s.replace(/[\r\n]/g, ' ');
}

/** Throws an error reply; `engine.exec` catches it once. */
export function fail(message: string): never {
  throw new ReplyError(message);
}
