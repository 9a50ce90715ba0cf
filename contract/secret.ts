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

/** Decodes base62 into exactly `size` big-endian bytes, or undefined when it does not fit. */
export function decodeBase62(text: string, size: number): Uint8Array | undefined {
  // 16-bit limbs, most significant first: half the steps of one byte at a time.
  const limbs = new Uint16Array(Math.ceil(size / 2));
  for (let c = 0; c < text.length; c++) {
    const code = text.charCodeAt(c);
    const digit = code < 128 ? DIGIT_VALUES[code]! : -1;
    if (digit < 0) return undefined;
    // limbs = limbs * 62 + digit
    let carry = digit;
    for (let i = limbs.length - 1; i >= 0; i--) {
      const value = limbs[i]! * 62 + carry;
      limbs[i] = value & 0xffff;
      carry = value >>> 16;
    }
    if (carry !== 0) return undefined;
  }
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

function uuidToBytes(uuid: string): Uint8Array {
  const hex = uuid.replace(/-/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new TypeError('not a UUID');
  return Uint8Array.from(hex.match(/../g)!, (pair) => parseInt(pair, 16));
}

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

function bytesToUuid(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += HEX[byte];
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Builds the secret of the PAT `patId` from 32 random bytes. */
export function buildSecret(patId: string, random: Uint8Array): string {
  if (random.length !== 32) throw new RangeError('a secret needs 32 random bytes');
  const body = `${SECRET_PREFIX}${encodeBase62(uuidToBytes(patId), ID_CHARS)}_${encodeBase62(random, RANDOM_CHARS)}`;
  return body + checksumOf(body);
}

/**
 * The PAT id a well-formed secret names, or undefined when the format or the checksum is wrong.
 * It proves nothing about the secret itself: that takes the stored digest.
 */
export function secretPatId(token: string): string | undefined {
  if (!SECRET_PATTERN.test(token)) return undefined;
  const body = token.slice(0, -CHECKSUM_CHARS);
  if (checksumOf(body) !== token.slice(-CHECKSUM_CHARS)) return undefined;
  const id = decodeBase62(token.slice(SECRET_PREFIX.length, SECRET_PREFIX.length + ID_CHARS), 16);
  return id && bytesToUuid(id);
}
