// Byte strings for the playground: one char per byte (0-255), as redis-cli sees arguments and
// replies; UTF-8 in and out, and redis-cli's quoting of a bulk string (sdscatrepr).

const encoder = new TextEncoder();
const strictDecoder = new TextDecoder('utf-8', { fatal: true });

/** The UTF-8 bytes of `text` as a byte string. */
export function utf8Bytes(text: string): string {
  let ascii = true;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 0x7f) {
      ascii = false;
      break;
    }
  }
  return ascii ? text : bytesToByteString(encoder.encode(text));
}

export function bytesToByteString(u8: Uint8Array): string {
  let s = '';
  for (let i = 0; i < u8.length; i++) s += String.fromCharCode(u8[i]);
  return s;
}

export function byteStringToBytes(b: string): Uint8Array {
  const u8 = new Uint8Array(b.length);
  for (let i = 0; i < b.length; i++) u8[i] = b.charCodeAt(i) & 0xff;
  return u8;
}

/** The text of valid UTF-8 bytes, or null when they are not valid UTF-8. */
export function utf8Text(u8: Uint8Array): string | null {
  try {
    return strictDecoder.decode(u8);
  } catch {
    return null;
  }
}

/** sdscatrepr: a quoted string with \\ \" \n \r \t \a \b escaped and other non-printables as \xNN. */
export function repr(bytes: Uint8Array | string): string {
  let out = '"';
  for (let i = 0; i < bytes.length; i++) {
    const c = typeof bytes === 'string' ? bytes.charCodeAt(i) & 0xff : bytes[i];
    switch (c) {
      case 0x5c:
        out += '\\\\';
        break;
      case 0x22:
        out += '\\"';
        break;
      case 0x0a:
        out += '\\n';
        break;
      case 0x0d:
        out += '\\r';
        break;
      case 0x09:
        out += '\\t';
        break;
      case 0x07:
        out += '\\a';
        break;
      case 0x08:
        out += '\\b';
        break;
      default:
        out += c >= 0x20 && c <= 0x7e ? String.fromCharCode(c) : '\\x' + c.toString(16).padStart(2, '0');
    }
  }
  return out + '"';
}

/** Bytes as text when they are printable UTF-8 (what a person typed), else redis-cli's quoting. */
export function displayBytes(u8: Uint8Array): string {
  const text = utf8Text(u8);
  // Control characters would be invisible in a list of keys: quote those like redis-cli does.
  if (text !== null && !/[\x00-\x1f\x7f]/.test(text)) return text;
  return repr(u8);
}

/** Hex digits of bytes, two per byte, space separated. */
export function toHex(u8: Uint8Array): string {
  const parts = new Array<string>(u8.length);
  for (let i = 0; i < u8.length; i++) parts[i] = u8[i].toString(16).padStart(2, '0');
  return parts.join(' ');
}

/** Bytes from hex digits (whitespace ignored); null when the text is not an even run of hex digits. */
export function fromHex(hex: string): Uint8Array | null {
  const clean = hex.replace(/\s+/g, '');
  if (clean.length % 2 !== 0 || /[^0-9a-fA-F]/.test(clean)) return null;
  const u8 = new Uint8Array(clean.length / 2);
  for (let i = 0; i < u8.length; i++) u8[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return u8;
}
