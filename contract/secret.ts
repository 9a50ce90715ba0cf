/**
 * The PAT secret (README: "The secret"):
 * `pat_` + the PAT id (22 base62) + `_` + 32 random bytes (43 base62) + CRC32 of all before (6 base62).
 * The id lets the server find the row by primary key; the checksum lets a secret scanner tell a
 * real token from noise offline. Pure code: the caller brings the random bytes.
 */

export const SECRET_PREFIX = 'pat_';
export const SECRET_PATTERN = /^pat_[0-9A-Za-z]{22}_[0-9A-Za-z]{49}$/;

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const ID_CHARS = 22;
const RANDOM_CHARS = 43;
const CHECKSUM_CHARS = 6;

// Base62 by long arithmetic on bytes, not BigInt: decoding a secret's id is on the path of every
// authorize cache miss, and BigInt made it the costliest step after the database read.

/** Encodes a big-endian unsigned number as exactly `width` base62 characters. */
export function encodeBase62(bytes: Uint8Array, width: number): string {
  const digits = Array.from(bytes);
  let text = '';
  let start = 0;
  while (start < digits.length) {
    // Divide the big-endian number by 62 in place; the remainder is the next digit.
    let remainder = 0;
    for (let i = start; i < digits.length; i++) {
      const value = remainder * 256 + digits[i]!;
      digits[i] = Math.floor(value / 62);
      remainder = value % 62;
    }
    text = ALPHABET[remainder] + text;
    while (start < digits.length && digits[start] === 0) start++;
  }
  if (text.length > width) throw new RangeError(`value needs more than ${width} base62 characters`);
  return text.padStart(width, '0');
}

/** Each ASCII code's base62 value; -1 for a character that is not a digit. */
const DIGIT_VALUES = Int8Array.from({ length: 128 }, (_, code) => ALPHABET.indexOf(String.fromCharCode(code)));

/**
 * Adds the base62 number `text[from, to)` into `limbs` (16-bit, most significant first, zero
 * before the call). False when a character is not a digit or the number does not fit.
 */
function decodeInto(limbs: Uint16Array, text: string, from: number, to: number): boolean {
  for (let c = from; c < to; c++) {
    const code = text.charCodeAt(c);
    const digit = code < 128 ? DIGIT_VALUES[code]! : -1;
    if (digit < 0) return false;
    // limbs = limbs * 62 + digit
    let carry = digit;
    for (let i = limbs.length - 1; i >= 0; i--) {
      const value = limbs[i]! * 62 + carry;
      limbs[i] = value & 0xffff;
      carry = value >>> 16;
    }
    if (carry !== 0) return false;
  }
  return true;
}

/** Decodes base62 into exactly `size` big-endian bytes, or undefined when it does not fit. */
export function decodeBase62(text: string, size: number): Uint8Array | undefined {
  // 16-bit limbs, most significant first: half the steps of one byte at a time.
  const limbs = new Uint16Array(Math.ceil(size / 2));
  if (!decodeInto(limbs, text, 0, text.length)) return undefined;
  const bytes = new Uint8Array(size);
  const offset = limbs.length * 2 - size; // an odd size leaves the top byte of the first limb
  if (offset === 1 && limbs[0]! > 0xff) return undefined;
  for (let i = 0; i < size; i++) {
    const at = i + offset;
    const limb = limbs[at >>> 1]!;
    bytes[i] = at & 1 ? limb & 0xff : limb >>> 8;
  }
  return bytes;
}

const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32Bytes(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** CRC-32 (IEEE) of the UTF-8 bytes of `text`. */
export function crc32(text: string): number {
  let crc = 0xffffffff;
  // ASCII, as every secret is, is its own UTF-8: no encoder on the authorize path.
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0x7f) return crc32Bytes(new TextEncoder().encode(text));
    crc = CRC_TABLE[(crc ^ code) & 0xff]! ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function checksumOf(body: string): string {
  // A 32-bit number fits a double: plain division, no byte arithmetic.
  let value = crc32(body);
  let text = '';
  for (let i = 0; i < CHECKSUM_CHARS; i++) {
    text = ALPHABET[value % 62] + text;
    value = Math.floor(value / 62);
  }
  return text;
}

const ID_START = SECRET_PREFIX.length;
const ID_END = ID_START + ID_CHARS;
/** Every secret's length (76): what SECRET_PATTERN matches. */
export const SECRET_LENGTH = ID_END + 1 + RANDOM_CHARS + CHECKSUM_CHARS;

/**
 * SECRET_PATTERN and the checksum in one pass over the characters: on the path of every
 * authorize cache miss, where the regular expression and a second pass for the CRC cost as much
 * as the rest of finding the id.
 */
function wellFormed(token: string): boolean {
  if (token.length !== SECRET_LENGTH || !token.startsWith(SECRET_PREFIX)) return false;
  let crc = 0xffffffff;
  const bodyLength = SECRET_LENGTH - CHECKSUM_CHARS;
  for (let i = 0; i < bodyLength; i++) {
    const code = token.charCodeAt(i);
    const digit = i === ID_END ? code === 0x5f : i < ID_START || (code < 128 && DIGIT_VALUES[code]! >= 0);
    if (!digit) return false;
    crc = CRC_TABLE[(crc ^ code) & 0xff]! ^ (crc >>> 8);
  }
  let value = (crc ^ 0xffffffff) >>> 0;
  for (let i = SECRET_LENGTH - 1; i >= bodyLength; i--) {
    const code = token.charCodeAt(i);
    if (code >= 128 || DIGIT_VALUES[code] !== value % 62) return false;
    value = Math.floor(value / 62);
  }
  return true;
}

function uuidToBytes(uuid: string): Uint8Array {
  const hex = uuid.replace(/-/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new TypeError('not a UUID');
  return Uint8Array.from(hex.match(/../g)!, (pair) => parseInt(pair, 16));
}

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** Builds the secret of the PAT `patId` from 32 random bytes. */
export function buildSecret(patId: string, random: Uint8Array): string {
  if (random.length !== 32) throw new RangeError('a secret needs 32 random bytes');
  const body = `${SECRET_PREFIX}${encodeBase62(uuidToBytes(patId), ID_CHARS)}_${encodeBase62(random, RANDOM_CHARS)}`;
  return body + checksumOf(body);
}

/** A secret's id as 16-bit limbs, decoded in place: reused, as decoding is synchronous. */
const idLimbs = new Uint16Array(8);

function hexOfLimb(limb: number): string {
  return HEX[limb >>> 8]! + HEX[limb & 0xff]!;
}

/**
 * The PAT id a well-formed secret names, or undefined when the format or the checksum is wrong.
 * It proves nothing about the secret itself: that takes the stored digest. On the path of every
 * authorize cache miss, so it decodes in place, without the arrays of decodeBase62.
 */
export function secretPatId(token: string): string | undefined {
  if (!wellFormed(token)) return undefined;
  idLimbs.fill(0);
  if (!decodeInto(idLimbs, token, ID_START, ID_END)) return undefined; // more than 128 bits
  const [a, b, c, d, e, f, g, h] = idLimbs;
  return `${hexOfLimb(a!)}${hexOfLimb(b!)}-${hexOfLimb(c!)}-${hexOfLimb(d!)}-${hexOfLimb(e!)}-${hexOfLimb(f!)}${hexOfLimb(g!)}${hexOfLimb(h!)}`;
}
