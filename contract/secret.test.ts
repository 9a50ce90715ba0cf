import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { crc32 as zlibCrc32 } from 'node:zlib';
import { SECRET_LENGTH, SECRET_PATTERN, SECRET_PREFIX, buildSecret, crc32, decodeBase62, encodeBase62, secretPatId } from './secret.js';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

const ZERO_UUID = '00000000-0000-0000-0000-000000000000';
const MAX_UUID = 'ffffffff-ffff-ffff-ffff-ffffffffffff';

const UUIDS = [
  ZERO_UUID,
  MAX_UUID,
  '00000000-0000-0000-0000-000000000001',
  '80000000-0000-0000-0000-000000000000',
  '123e4567-e89b-12d3-a456-426614174000',
  '550e8400-e29b-41d4-a716-446655440000',
  '0190f1a2-7c3b-7def-8abc-0123456789ab',
  randomUUID(),
  randomUUID(),
];

const RANDOMS: [name: string, bytes: Uint8Array][] = [
  ['zero bytes', new Uint8Array(32)],
  ['0xff bytes', new Uint8Array(32).fill(0xff)],
  ['counting bytes', Uint8Array.from({ length: 32 }, (_, i) => i)],
  ['crypto random bytes', new Uint8Array(randomBytes(32))],
];

/** Rebuilds the checksum the way the README's "The secret" states it: 6 base62 chars of the CRC32 of the body. */
function withChecksum(body: string): string {
  const crc = crc32(body);
  return body + encodeBase62(new Uint8Array([crc >>> 24, (crc >>> 16) & 0xff, (crc >>> 8) & 0xff, crc & 0xff]), 6);
}

describe('buildSecret and secretPatId', () => {
  for (const uuid of UUIDS) {
    for (const [name, random] of RANDOMS) {
      it(`${uuid} with ${name}: matches the pattern and gives the id back`, () => {
        const secret = buildSecret(uuid, random);
        assert.match(secret, SECRET_PATTERN);
        assert.match(secret, /^pat_[0-9A-Za-z]{22}_[0-9A-Za-z]{49}$/, 'the documented pattern');
        assert.equal(secret.length, 76);
        assert.equal(SECRET_LENGTH, 76);
        assert.ok(secret.startsWith(SECRET_PREFIX));
        assert.equal(secretPatId(secret), uuid);
      });
    }
  }

  it('the all-zero id and random bytes encode as zeros, followed by the checksum', () => {
    const body = `pat_${'0'.repeat(22)}_${'0'.repeat(43)}`;
    assert.equal(buildSecret(ZERO_UUID, new Uint8Array(32)), withChecksum(body));
  });

  it('the id part depends only on the id; the random part only on the bytes', () => {
    const [a, b] = [new Uint8Array(randomBytes(32)), new Uint8Array(randomBytes(32))];
    const uuid = '123e4567-e89b-12d3-a456-426614174000';
    const sa = buildSecret(uuid, a);
    const sb = buildSecret(uuid, b);
    assert.notEqual(sa, sb);
    assert.equal(sa.slice(0, 27), sb.slice(0, 27));
    assert.equal(sa.slice(27, 70), encodeBase62(a, 43));
    assert.equal(sa.slice(4, 26), encodeBase62(Uint8Array.from(Buffer.from(uuid.replace(/-/g, ''), 'hex')), 22));
    assert.equal(sa, withChecksum(sa.slice(0, -6)), 'the last 6 characters are the CRC32 of the rest');
  });

  it('is deterministic for the same id and bytes', () => {
    const random = new Uint8Array(randomBytes(32));
    assert.equal(buildSecret(MAX_UUID, random), buildSecret(MAX_UUID, random));
  });

  it('an upper-case id comes back in canonical lower case', () => {
    assert.equal(
      secretPatId(buildSecret('123E4567-E89B-12D3-A456-426614174000', new Uint8Array(32))),
      '123e4567-e89b-12d3-a456-426614174000',
    );
  });

  const badRandom: [name: string, bytes: Uint8Array][] = [
    ['no bytes', new Uint8Array(0)],
    ['31 bytes', new Uint8Array(31)],
    ['33 bytes', new Uint8Array(33)],
    ['64 bytes', new Uint8Array(64)],
  ];
  for (const [name, bytes] of badRandom) {
    it(`refuses ${name} of randomness`, () => {
      assert.throws(() => buildSecret(ZERO_UUID, bytes), RangeError);
    });
  }

  for (const id of [
    '',
    'not-a-uuid',
    '123e4567-e89b-12d3-a456-42661417400',
    '123e4567-e89b-12d3-a456-4266141740000',
    'g23e4567-e89b-12d3-a456-426614174000',
  ]) {
    it(`refuses the id ${JSON.stringify(id)}`, () => {
      assert.throws(() => buildSecret(id, new Uint8Array(32)), TypeError);
    });
  }
});

describe('secretPatId: any single-character change is detected', () => {
  const secrets: [name: string, secret: string][] = [
    ['all-zero id and bytes', buildSecret(ZERO_UUID, new Uint8Array(32))],
    ['all-f id and 0xff bytes', buildSecret(MAX_UUID, new Uint8Array(32).fill(0xff))],
    ['random id and bytes', buildSecret(randomUUID(), new Uint8Array(randomBytes(32)))],
  ];
  const regions: [name: string, from: number, to: number][] = [
    ['prefix', 0, 4],
    ['id', 4, 26],
    ['separator', 26, 27],
    ['random part', 27, 70],
    ['checksum', 70, 76],
  ];
  const replacements = [...ALPHABET, '_', '-', '.', '=', '+', '/', ' ', '\n', 'é', '\u0000'];

  for (const [secretName, secret] of secrets) {
    for (const [region, from, to] of regions) {
      it(`${secretName}: every substitution in the ${region} (positions ${from}–${to - 1})`, () => {
        assert.notEqual(secretPatId(secret), undefined, 'the original is valid');
        const accepted: string[] = [];
        for (let i = from; i < to; i++) {
          for (const char of replacements) {
            if (char === secret[i]) continue;
            const changed = secret.slice(0, i) + char + secret.slice(i + 1);
            if (secretPatId(changed) !== undefined) accepted.push(`${i}:${JSON.stringify(char)}`);
          }
        }
        assert.deepEqual(accepted, []);
      });
    }

    it(`${secretName}: every swap of two adjacent different characters`, () => {
      const accepted: number[] = [];
      for (let i = 0; i + 1 < secret.length; i++) {
        if (secret[i] === secret[i + 1]) continue;
        const swapped = secret.slice(0, i) + secret[i + 1] + secret[i] + secret.slice(i + 2);
        if (secretPatId(swapped) !== undefined) accepted.push(i);
      }
      assert.deepEqual(accepted, []);
    });
  }
});

describe('secretPatId: malformed tokens', () => {
  const good = buildSecret('550e8400-e29b-41d4-a716-446655440000', new Uint8Array(randomBytes(32)));
  const rows: [name: string, token: string][] = [
    ['empty', ''],
    ['prefix only', 'pat_'],
    ['upper-case prefix', 'PAT' + good.slice(3)],
    ['another prefix', 'tok' + good.slice(3)],
    ['another prefix with a valid checksum', withChecksum('tok' + good.slice(3, -6))],
    ['dash instead of the first underscore', 'pat-' + good.slice(4)],
    ['no prefix', good.slice(4)],
    ['one character short', good.slice(0, -1)],
    ['one character long', good + '0'],
    ['id part one short (checksum recomputed)', withChecksum(good.slice(0, 25) + good.slice(26, -6))],
    ['random part one long (checksum recomputed)', withChecksum(good.slice(0, -6) + '0')],
    ['no separator', good.slice(0, 26) + good.slice(27)],
    ['leading space', ' ' + good],
    ['trailing space', good + ' '],
    ['trailing newline', good + '\n'],
    ['leading newline', '\n' + good],
    ['the secret twice', good + good],
    ['a JWT-looking string', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc'],
    // Well-formed with a correct checksum, but the id part does not fit in 16 bytes.
    ['id part larger than 128 bits', withChecksum(`pat_${'z'.repeat(22)}_${'0'.repeat(43)}`)],
  ];
  for (const [name, token] of rows) {
    it(`${name} is refused`, () => {
      assert.equal(secretPatId(token), undefined);
    });
  }

  it('the largest id the id part can carry is still accepted', () => {
    // Sanity check of the overflow row above: a 128-bit id with a correct checksum passes.
    const body = `pat_${encodeBase62(new Uint8Array(16).fill(0xff), 22)}_${'0'.repeat(43)}`;
    assert.equal(secretPatId(withChecksum(body)), MAX_UUID);
  });
});

describe('base62', () => {
  const exact: [bytes: number[], width: number, text: string][] = [
    [[], 0, ''],
    [[], 3, '000'],
    [[0], 1, '0'],
    [[9], 1, '9'],
    [[10], 1, 'A'],
    [[35], 1, 'Z'],
    [[36], 1, 'a'],
    [[61], 1, 'z'],
    [[62], 2, '10'],
    [[255], 2, '47'],
    [[1, 0], 2, '48'],
    [[0, 0, 1], 5, '00001'],
    [[0xff, 0xff, 0xff, 0xff], 6, '4gfFC3'],
  ];
  for (const [bytes, width, text] of exact) {
    it(`[${bytes.join(', ')}] in ${width} characters is ${JSON.stringify(text)}`, () => {
      assert.equal(encodeBase62(Uint8Array.from(bytes), width), text);
      assert.deepEqual(decodeBase62(text, bytes.length), Uint8Array.from(bytes));
    });
  }

  const roundTrips: [name: string, bytes: Uint8Array, width: number][] = [
    ['one zero byte', new Uint8Array(1), 2],
    ['16 zero bytes (an id)', new Uint8Array(16), 22],
    ['16 0xff bytes (the largest id)', new Uint8Array(16).fill(0xff), 22],
    ['16 bytes with leading zeros', Uint8Array.from([0, 0, 0, 1, ...new Uint8Array(12).fill(0xab)]), 22],
    ['16 random bytes', new Uint8Array(randomBytes(16)), 22],
    ['32 zero bytes', new Uint8Array(32), 43],
    ['32 0xff bytes (the largest random part)', new Uint8Array(32).fill(0xff), 43],
    ['32 random bytes', new Uint8Array(randomBytes(32)), 43],
    ['4 0xff bytes (the largest checksum)', new Uint8Array(4).fill(0xff), 6],
    ['4 random bytes', new Uint8Array(randomBytes(4)), 6],
  ];
  for (const [name, bytes, width] of roundTrips) {
    it(`${name} round trip through ${width} characters`, () => {
      const text = encodeBase62(bytes, width);
      assert.equal(text.length, width);
      assert.match(text, /^[0-9A-Za-z]*$/);
      assert.deepEqual(decodeBase62(text, bytes.length), bytes);
    });
  }

  it('agrees with a plain BigInt base conversion on 500 random numbers of 1 to 40 bytes', () => {
    const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
    for (let n = 0; n < 500; n++) {
      const bytes = new Uint8Array(randomBytes(1 + (n % 40)));
      let value = BigInt(`0x${Buffer.from(bytes).toString('hex')}`);
      let expected = '';
      while (value > 0n) {
        expected = alphabet[Number(value % 62n)] + expected;
        value /= 62n;
      }
      const width = Math.ceil((bytes.length * 8) / Math.log2(62));
      expected = expected.padStart(width, '0');
      assert.equal(encodeBase62(bytes, width), expected);
      assert.deepEqual(decodeBase62(expected, bytes.length), bytes);
    }
  });

  it('keeps the byte order: a larger number never encodes smaller', () => {
    const a = encodeBase62(Uint8Array.from([0, 0xff]), 3);
    const b = encodeBase62(Uint8Array.from([1, 0]), 3);
    assert.ok(a < b, `${a} < ${b}`);
  });

  const tooNarrow: [name: string, bytes: Uint8Array, width: number][] = [
    ['62 in one character', Uint8Array.from([62]), 1],
    ['a 128-bit maximum in 21 characters', new Uint8Array(16).fill(0xff), 21],
    ['a 256-bit maximum in 42 characters', new Uint8Array(32).fill(0xff), 42],
    ['a 32-bit maximum in 5 characters', new Uint8Array(4).fill(0xff), 5],
  ];
  for (const [name, bytes, width] of tooNarrow) {
    it(`refuses to encode ${name}`, () => {
      assert.throws(() => encodeBase62(bytes, width), RangeError);
    });
  }

  const badDecode: [name: string, text: string, size: number][] = [
    ['a character outside the alphabet', '0-1', 2],
    ['an underscore', 'a_b', 4],
    ['a space', '1 ', 1],
    ['a value too big for the size', '48', 1],
    ['a value too big for an odd size', '4gfFC3', 3],
    ['a character beyond ASCII', '1é', 2],
    ['22 z characters into 16 bytes', 'z'.repeat(22), 16],
    ['anything non-zero into zero bytes', '1', 0],
  ];
  for (const [name, text, size] of badDecode) {
    it(`refuses to decode ${name}`, () => {
      assert.equal(decodeBase62(text, size), undefined);
    });
  }

  it('leading zeros decode', () => {
    assert.deepEqual(decodeBase62('00000', 1), Uint8Array.from([0]));
    assert.deepEqual(decodeBase62('', 2), Uint8Array.from([0, 0]));
  });
});

describe('crc32', () => {
  const rows: [text: string, crc: number][] = [
    ['', 0x00000000],
    ['123456789', 0xcbf43926],
    ['a', 0xe8b7be43],
    ['abc', 0x352441c2],
    ['The quick brown fox jumps over the lazy dog', 0x414fa339],
  ];
  for (const [text, crc] of rows) {
    it(`crc32(${JSON.stringify(text)}) is 0x${crc.toString(16).toUpperCase()}`, () => {
      assert.equal(crc32(text), crc);
    });
  }

  it('hashes the UTF-8 bytes and agrees with node:zlib', () => {
    for (const text of ['é', '€uro', '日本語', '🔑', `pat_${'0'.repeat(22)}_x`, randomBytes(40).toString('base64')]) {
      assert.equal(crc32(text), zlibCrc32(Buffer.from(text, 'utf8')), text);
    }
  });

  it('is an unsigned 32-bit number', () => {
    for (const text of ['123456789', 'The quick brown fox jumps over the lazy dog', 'ÿÿÿÿ']) {
      const value = crc32(text);
      assert.ok(Number.isInteger(value) && value >= 0 && value <= 0xffffffff, `${value}`);
    }
  });
});
