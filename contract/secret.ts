/**
 * The PAT secret of DESIGN.md 3.5:
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

/** Encodes a big-endian unsigned number as exactly `width` base62 characters. */
export function encodeBase62(bytes: Uint8Array, width: number): string {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  let text = '';
  while (value > 0n) {
    text = ALPHABET[Number(value % 62n)] + text;
    value /= 62n;
  }
  if (text.length > width) throw new RangeError(`value needs more than ${width} base62 characters`);
  return text.padStart(width, '0');
}

/** Decodes base62 into exactly `size` big-endian bytes, or undefined when it does not fit. */
export function decodeBase62(text: string, size: number): Uint8Array | undefined {
  let value = 0n;
  for (const char of text) {
    const digit = ALPHABET.indexOf(char);
    if (digit < 0) return undefined;
    value = value * 62n + BigInt(digit);
  }
  const bytes = new Uint8Array(size);
  for (let i = size - 1; i >= 0; i--) {
    bytes[i] = Number(value & 0xffn);
    value >>= 8n;
  }
  return value === 0n ? bytes : undefined;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 (IEEE) of the UTF-8 bytes of `text`. */
export function crc32(text: string): number {
  let crc = 0xffffffff;
  for (const byte of new TextEncoder().encode(text)) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function checksumOf(body: string): string {
  const value = crc32(body);
  return encodeBase62(new Uint8Array([value >>> 24, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff]), CHECKSUM_CHARS);
}

function uuidToBytes(uuid: string): Uint8Array {
  const hex = uuid.replace(/-/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new TypeError('not a UUID');
  return Uint8Array.from(hex.match(/../g)!, (pair) => parseInt(pair, 16));
}

function bytesToUuid(bytes: Uint8Array): string {
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
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
