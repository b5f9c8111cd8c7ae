/**
 * Bytes → text for plain-text inputs: refuse binary data, honour a BOM, read UTF-8, and fall back
 * to Windows-1252 (the commonest legacy encoding of scraped news) when the bytes are not UTF-8.
 */
import { InputError } from './errors.ts';

/** Share of control bytes above which a file is binary rather than text with a few stray bytes. */
const BINARY_CONTROL_SHARE = 0.1;
/** How much of the file to inspect when deciding whether it is binary. */
const SNIFF_BYTES = 8192;

export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, SNIFF_BYTES);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return true; // NUL never occurs in text
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  return n > 0 && control / n > BINARY_CONTROL_SHARE;
}

export function decodeBytes(bytes: Buffer): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) throw new InputError('gzip-compressed data: decompress it first');
  if (looksBinary(bytes)) throw new InputError('binary data, not text');
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return decodeWindows1252(bytes);
  }
}

/**
 * Characters of Windows-1252's 0x80–0x9F range (curly quotes, dashes, €, ™...). Node's built-in
 * TextDecoder, without full ICU, decodes that range as Latin-1 control characters instead.
 */
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192);
    const codes = Array.from(chunk, (b) => (b >= 0x80 && b < 0xa0 ? CP1252_HIGH.charCodeAt(b - 0x80) : b));
    out += String.fromCharCode(...codes);
  }
  return out;
}
