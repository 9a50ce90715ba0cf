import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { buildSecret, crc32, decodeBase62, encodeBase62, secretPatId } from '../../contract/index.js';
import { createPatKit } from '../router.js';
import { JWT_SECRET, startServer, type TestServer } from './harness.js';

/** The secret's format, and that it is never stored nor shown again. */

const SECRET = /^pat_[0-9A-Za-z]{22}_[0-9A-Za-z]{49}$/;
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const READ = { entity_type: 'clients', operation: 'read', entity_id: 'c1' };
const SCOPES = [{ entity_type: 'clients', operation: 'read', entity_id: '*' }];

const parts = (secret: string) => ({
  id: secret.slice(4, 26),
  random: secret.slice(27, 70),
  checksum: secret.slice(70),
  body: secret.slice(0, 70),
});

function uuidOf(bytes: Uint8Array): string {
  const hex = Buffer.from(bytes).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function checksumOf(body: string): string {
  const value = crc32(body);
  return encodeBase62(new Uint8Array([value >>> 24, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff]), 6);
}

/** `text` with the character at `index` replaced by another base62 character. */
function changeChar(text: string, index: number): string {
  const current = text[index]!;
  const next = BASE62[(BASE62.indexOf(current) + 17) % 62]!;
  return text.slice(0, index) + next + text.slice(index + 1);
}

/** Every key at any depth of a JSON value. */
function keysOf(value: unknown, into: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((item) => keysOf(item, into));
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      into.push(key);
      keysOf(inner, into);
    }
  }
  return into;
}

describe('the secret format', () => {
  let server: TestServer;
  let token: string;
  const pats: { id: string; secret: string }[] = [];

  before(async () => {
    server = await startServer();
    token = await server.tokenFor('alice');
    for (let i = 0; i < 20; i++) {
      const created = await server.call('POST', '/pats', { token, body: { name: `fmt-${i}`, duration: '30d', scopes: SCOPES } });
      assert.equal(created.status, 201);
      pats.push(created.body);
    }
  });

  after(async () => {
    await server.close();
  });

  it('matches pat_ + 22 base62 + _ + 49 base62', () => {
    for (const pat of pats) assert.match(pat.secret, SECRET);
  });

  it("its id part is the PAT's id (secretPatId, and decoded by hand)", () => {
    for (const pat of pats) {
      assert.equal(secretPatId(pat.secret), pat.id);
      const bytes = decodeBase62(parts(pat.secret).id, 16);
      assert.ok(bytes);
      assert.equal(uuidOf(bytes), pat.id);
    }
  });

  it('its last 6 characters are the CRC32 of everything before them', () => {
    for (const pat of pats) {
      const { body, checksum } = parts(pat.secret);
      assert.equal(checksum, checksumOf(body));
    }
  });

  it('its random part is 32 bytes and differs from secret to secret', () => {
    const randoms = new Set<string>();
    for (const pat of pats) {
      const { random } = parts(pat.secret);
      assert.ok(decodeBase62(random, 32), 'the random part fits in 32 bytes');
      randoms.add(random);
    }
    assert.equal(randoms.size, pats.length);
    // 256 random bits: across 20 secrets every base62 digit position should vary.
    const first = parts(pats[0]!.secret).random;
    const samePositions = [...first].filter((char, i) => pats.every((pat) => parts(pat.secret).random[i] === char)).length;
    assert.ok(samePositions <= 1, `random parts share ${samePositions} positions`);
  });

  it('one changed character in the random part is 401', async () => {
    const pat = pats[0]!;
    assert.equal((await server.call('POST', '/authorize', { token: pat.secret, body: READ })).status, 200);
    for (const index of [27, 40, 69]) {
      const changed = changeChar(pat.secret, index);
      assert.notEqual(changed, pat.secret);
      const answer = await server.call('POST', '/authorize', { token: changed, body: READ });
      assert.equal(answer.status, 401, `changed at ${index}`);
      assert.equal(answer.headers.get('www-authenticate'), 'Bearer');
    }
  });

  it('a changed random part with a correct checksum is still 401 (the stored digest decides)', async () => {
    const pat = pats[1]!;
    const { body } = parts(pat.secret);
    const changedBody = changeChar(body, 50);
    const forged = changedBody + checksumOf(changedBody);
    assert.match(forged, SECRET);
    assert.equal(secretPatId(forged), pat.id, 'the forgery is well formed');
    const answer = await server.call('POST', '/authorize', { token: forged, body: READ });
    assert.equal(answer.status, 401);
    const fresh = buildSecret(pat.id, randomBytes(32));
    assert.equal((await server.call('POST', '/authorize', { token: fresh, body: READ })).status, 401);
    assert.equal((await server.call('POST', '/authorize', { token: pat.secret, body: READ })).status, 200);
  });
});

describe('the secret is shown once and never stored', () => {
  let dir: string;
  let dbPath: string;
  let server: TestServer;
  let token: string;
  const secrets: string[] = [];
  const ids: string[] = [];
  const responses: { label: string; body: unknown }[] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pat-kit-secret-'));
    dbPath = join(dir, 'pats.db');
    server = await startServer({ dbPath });
    token = await server.tokenFor('alice');
    for (let i = 0; i < 5; i++) {
      const created = await server.call('POST', '/pats', {
        token,
        body: { name: `stored-${i}`, description: `d${i}`, duration: '30d', scopes: SCOPES },
      });
      assert.equal(created.status, 201);
      secrets.push(created.body.secret);
      ids.push(created.body.id);
      assert.equal((await server.call('POST', '/authorize', { token: created.body.secret, body: READ })).status, 200);
    }
    for (const id of ids.slice(0, 3)) {
      await server.call('PATCH', `/pats/${id}/secret/revoke`, { token });
      const reset = await server.call('PATCH', `/pats/${id}/secret/reset`, { token, body: { duration: '7d' } });
      assert.equal(reset.status, 200);
      secrets.push(reset.body.secret);
      assert.equal((await server.call('POST', '/authorize', { token: reset.body.secret, body: READ })).status, 200);
    }
    const id = ids[0]!;
    const record = async (label: string, method: string, path: string, body?: unknown) => {
      const answer = await server.call(method, path, body === undefined ? { token } : { token, body });
      assert.ok(answer.status < 300, `${label}: ${answer.status}`);
      responses.push({ label, body: answer.body });
    };
    await record('GET /pats/{id}', 'GET', `/pats/${id}`);
    await record('GET /pats', 'GET', '/pats?status=all&limit=100');
    await record('GET /pats?id=', 'GET', `/pats?status=all&id=${id}`);
    await record('PATCH name', 'PATCH', `/pats/${id}/name`, { name: 'renamed' });
    await record('PATCH description', 'PATCH', `/pats/${id}/description`, { description: 'described' });
    await record('GET scope', 'GET', `/pats/${id}/scope`);
    await record('PATCH scope/add', 'PATCH', `/pats/${id}/scope/add`, {
      scopes: [{ entity_type: 'users', operation: 'read', entity_id: '*' }],
    });
    await record('GET summary', 'GET', '/pats/summary');
  });

  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function scanDatabaseFiles(label: string): number {
    let scanned = 0;
    for (const file of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`]) {
      if (!existsSync(file)) continue;
      scanned++;
      const bytes = readFileSync(file);
      const text = bytes.toString('latin1');
      for (const secret of secrets) {
        assert.equal(bytes.includes(Buffer.from(secret)), false, `${label}: ${file} holds a secret`);
        const { random, body } = parts(secret);
        assert.equal(text.includes(random), false, `${label}: ${file} holds the random part of a secret`);
        assert.equal(text.includes(body), false, `${label}: ${file} holds a secret without its checksum`);
        // Nor as UTF-16, in case anything ever stored it that way.
        assert.equal(bytes.includes(Buffer.from(random, 'utf16le')), false);
      }
    }
    return scanned;
  }

  it('the .db, -wal and -shm files hold no secret and no random part, while open', async () => {
    // Positive control: the scan does see what is stored (names and digests).
    const rows = await server.db.selectFrom('pats').select(['name', 'token_hash']).execute();
    assert.equal(rows.length, 5);
    const all = [dbPath, `${dbPath}-wal`]
      .filter(existsSync)
      .map((file) => readFileSync(file).toString('latin1'))
      .join('');
    assert.ok(all.includes('stored-4'), 'the scan reads the stored rows');
    assert.ok(
      rows.some((row) => all.includes(row.token_hash)),
      'the scan finds a stored digest',
    );
    assert.ok(scanDatabaseFiles('open') >= 2);
  });

  it('the stored digest of each current secret is its SHA-256, never the secret', async () => {
    const rows = await server.db.selectFrom('pats').select(['id', 'token_hash']).execute();
    const current = new Map(secrets.map((secret) => [secretPatId(secret), secret]));
    for (const row of rows) {
      const secret = current.get(row.id)!;
      assert.match(row.token_hash, /^[0-9a-f]{64}$/);
      assert.equal(row.token_hash, createHash('sha256').update(secret).digest('hex'));
      assert.ok(!secrets.some((s) => row.token_hash.includes(parts(s).random)));
    }
  });

  it('GET, list, rename, describe and scope answers carry no secret and no token_hash', () => {
    assert.ok(responses.length >= 8);
    for (const { label, body } of responses) {
      const keys = keysOf(body);
      assert.equal(keys.includes('secret'), false, `${label} has a "secret" field`);
      assert.equal(keys.includes('token_hash'), false, `${label} has a "token_hash" field`);
      const text = JSON.stringify(body);
      for (const secret of secrets) {
        assert.equal(text.includes(parts(secret).random), false, `${label} shows a secret`);
        assert.equal(text.includes(createHash('sha256').update(secret).digest('hex')), false, `${label} shows a digest`);
      }
    }
  });

  it('the files hold no secret after the database is closed and checkpointed', async () => {
    await server.close();
    scanDatabaseFiles('closed');
    assert.ok(existsSync(dbPath));
    assert.ok(readFileSync(dbPath).toString('latin1').includes('renamed'), 'the closed file holds the data');
    // Reopen so that `after` can close it again.
    server = await startServer({ dbPath });
  });
});

describe('the pepper', () => {
  const PEPPER = 'a-pepper-kept-apart-from-the-database';
  let server: TestServer;

  before(async () => {
    server = await startServer({ pepper: PEPPER });
  });

  after(async () => {
    await server.close();
  });

  it('makes the stored digest an HMAC-SHA256, and authorization still works', async () => {
    const token = await server.tokenFor('alice');
    const created = await server.call('POST', '/pats', { token, body: { name: 'peppered', duration: '30d', scopes: SCOPES } });
    assert.equal(created.status, 201);
    const secret: string = created.body.secret;
    const row = await server.db.selectFrom('pats').select('token_hash').where('id', '=', created.body.id).executeTakeFirstOrThrow();
    assert.notEqual(row.token_hash, createHash('sha256').update(secret).digest('hex'), 'not the plain SHA-256');
    assert.equal(row.token_hash, createHmac('sha256', PEPPER).update(secret).digest('hex'));
    const allowed = await server.call('POST', '/authorize', { token: secret, body: READ });
    assert.equal(allowed.status, 200);
    assert.deepEqual(allowed.body, { allowed: true, user_id: 'alice', pat_id: created.body.id });

    const reset = await server.call('PATCH', `/pats/${created.body.id}/secret/reset`, { token, body: { duration: '1d' } });
    assert.equal(reset.status, 200);
    const after = await server.db.selectFrom('pats').select('token_hash').where('id', '=', created.body.id).executeTakeFirstOrThrow();
    assert.equal(after.token_hash, createHmac('sha256', PEPPER).update(reset.body.secret).digest('hex'));
    assert.equal((await server.call('POST', '/authorize', { token: reset.body.secret, body: READ })).status, 200);

    // The same database checked without the pepper (or with another) knows no secret.
    const logger = pino({ level: 'silent' });
    const unpeppered = createPatKit({ db: server.db, jwtSecret: JWT_SECRET, logger, now: server.clock.now });
    const otherPepper = createPatKit({ db: server.db, jwtSecret: JWT_SECRET, logger, now: server.clock.now, pepper: 'another-pepper' });
    assert.equal((await unpeppered.authorizePat(reset.body.secret, READ)).allowed, false);
    assert.equal((await otherPepper.authorizePat(reset.body.secret, READ)).allowed, false);
    assert.equal((await server.app.locals.patKit.authorizePat(reset.body.secret, READ)).allowed, true);
    await unpeppered.close();
    await otherPepper.close();
  });
});
