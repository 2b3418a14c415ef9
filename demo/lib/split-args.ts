// Splitting a console line into arguments as redis-cli does (sdssplitargs): spaces separate,
// "double quotes" take \xHH \n \r \t \b \a escapes, 'single quotes' take \', a closing quote must be
// followed by a space or the end. Each argument is a byte string: typed characters as UTF-8, \xHH
// escapes as the byte itself.
import { utf8Bytes } from './bytes.js';

const isSpace = (c: string) => c === ' ' || c === '\n' || c === '\r' || c === '\t' || c === '\v' || c === '\f';
const isHex = (c: string | undefined) => c !== undefined && /^[0-9a-fA-F]$/.test(c);

/** The arguments of `line` as byte strings, or null for unbalanced quotes ("Invalid argument(s)"). */
export function splitArgs(text: string): string[] | null {
  // By code point, so that a character outside the BMP is encoded whole.
  const line = Array.from(text);
  const args: string[] = [];
  let i = 0;
  const n = line.length;
  for (;;) {
    while (i < n && isSpace(line[i])) i++;
    if (i >= n) return args;
    let cur = '';
    let inq = false;
    let insq = false;
    let done = false;
    while (!done) {
      const c = line[i];
      if (inq) {
        if (c === undefined) return null;
        if (c === '\\' && line[i + 1] === 'x' && isHex(line[i + 2]) && isHex(line[i + 3])) {
          cur += String.fromCharCode(parseInt(line[i + 2] + line[i + 3], 16));
          i += 3;
        } else if (c === '\\' && i + 1 < n) {
          i++;
          const e = line[i];
          cur += e === 'n' ? '\n' : e === 'r' ? '\r' : e === 't' ? '\t' : e === 'b' ? '\b' : e === 'a' ? '\x07' : utf8Bytes(e);
        } else if (c === '"') {
          // The closing quote must be followed by a space or nothing.
          if (i + 1 < n && !isSpace(line[i + 1])) return null;
          done = true;
        } else {
          cur += utf8Bytes(c);
        }
      } else if (insq) {
        if (c === undefined) return null;
        if (c === '\\' && line[i + 1] === "'") {
          i++;
          cur += "'";
        } else if (c === "'") {
          if (i + 1 < n && !isSpace(line[i + 1])) return null;
          done = true;
        } else {
          cur += utf8Bytes(c);
        }
      } else if (c === undefined || isSpace(c)) {
        done = true;
      } else if (c === '"') {
        inq = true;
      } else if (c === "'") {
        insq = true;
      } else {
        cur += utf8Bytes(c);
      }
      if (i < n) i++;
    }
    args.push(cur);
  }
}
