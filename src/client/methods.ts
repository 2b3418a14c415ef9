// Installs the generated command methods (commands.gen.ts) on the client's and the pipelines'
// prototypes: one small function per command and one for its ...Buffer twin.
import { COMMAND_METHODS } from './commands.gen.js';
import { argTransforms, replyTransforms, type ReplyTransform } from './replies.js';

/** How a command's reply is decoded. */
export const Mode = {
  /** Bulk strings as UTF-8 text. */
  Text: 0,
  /** Bulk strings as Uint8Array (the ...Buffer methods). */
  Bytes: 1,
  /** The wire reply as it is, errors included (pipelines and transactions decode it later). */
  Raw: 2,
} as const;
export type Mode = (typeof Mode)[keyof typeof Mode];

/** What a method does with its command: send it (a client) or queue it (a pipeline). */
export type Send<T> = (self: T, name: string, args: unknown[], mode: Mode, transform: ReplyTransform | undefined) => unknown;

/** Defines a method for every command (and its ...Buffer twin) on `proto`, calling `send`. */
export function installCommands<T>(proto: object, send: Send<T>): void {
  for (const entry of COMMAND_METHODS.split(' ')) {
    const colon = entry.indexOf(':');
    const method = colon < 0 ? entry : entry.slice(0, colon);
    const name = colon < 0 ? entry : entry.slice(colon + 1);
    const argT = argTransforms[name];
    const replyT = replyTransforms[name];
    const define = (key: string, mode: Mode) => {
      if (Object.prototype.hasOwnProperty.call(proto, key)) return;
      const fn = argT
        ? function (this: T, ...args: unknown[]) {
            return send(this, name, argT(args), mode, replyT);
          }
        : function (this: T, ...args: unknown[]) {
            return send(this, name, args, mode, replyT);
          };
      Object.defineProperty(proto, key, { value: fn, writable: true, configurable: true });
    };
    define(method, Mode.Text);
    define(method + 'Buffer', Mode.Bytes);
  }
}
