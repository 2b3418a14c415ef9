// Packed batches (rpc/pack.ts) as bytes in a transferred ArrayBuffer, where the endpoint can
// transfer (a Worker, a SharedWorker's port). Measured in Chromium: posting a 68 KB batch string
// costs ~0.5-1.4 ms (the structured clone of a string, and flattening the rope it was built as),
// transferring a buffer ~0.1 ms, encodeInto into a buffer in hand ~0.08 ms, TextDecoder ~0.02 ms;
// allocating a new ArrayBuffer each time cost as much as the string, so one buffer goes back and
// forth: the host writes a batch's replies into the buffer its request came in, and the client
// keeps the buffers replies come in for its next requests.
//
// Only ASCII batches travel as bytes (text and byte strings then agree: one byte per char, and
// TextDecoder reads them back exactly); any other stays a packed string.

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Batches shorter than this go as strings: a transfer is not worth it for a few commands. */
export const MIN_BYTES = 1024;

/** A buffer larger than this is not kept for later batches (a 10 MB reply would pin 16 MB). */
export const MAX_KEPT = 1 << 20;

/**
 * The buffers a client keeps hold at most this much together (as much as 4 of MAX_KEPT). Measured
 * in Chromium, 10,000 GET/SET in flight (40 messages of 256): keeping only 4 buffers allocated 36
 * new ones for every 10,000 commands, and the page spent 1.4-1.6 µs of CPU per command instead of
 * 0.8-0.9.
 */
export const SPARE_BYTES = 4 * MAX_KEPT;

/**
 * `s` as bytes in `buf` (or in a new buffer when `buf` is missing or too small), if every char of
 * `s` is ASCII; null otherwise. encodeInto tells both at once: a char past ASCII takes two bytes
 * or more, so only an ASCII string is read and written whole, one byte per char.
 */
export function asciiBytes(s: string, buf: Uint8Array | undefined): Uint8Array | null {
  const n = s.length;
  if (buf === undefined || buf.length < n) buf = new Uint8Array(Math.max(65536, 2 ** Math.ceil(Math.log2(n))));
  const r = encoder.encodeInto(s, buf);
  return r.read === n && r.written === n ? buf.subarray(0, n) : null;
}

/** The packed batch in `bytes` (ASCII, as asciiBytes wrote it). */
export function bytesText(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}
