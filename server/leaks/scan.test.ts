import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSecret } from '../../contract/index.js';
import { startServer, type TestServer } from '../test/harness.js';
import { main } from './scan-cli.js';
import { findSecrets, maskSecret } from './scan.js';

/** `npm run scan`: PAT Kit secrets found in files by format and checksum, and reported to a server. */

const KEY = 'leak-report-key-that-is-long-enough-0123456789';
const tmp = mkdtempSync(join(tmpdir(), 'pat-kit-scan-'));
const servers: TestServer[] = [];
after(async () => {
  await Promise.all(servers.map((server) => server.close()));
  rmSync(tmp, { recursive: true, force: true });
});

const secret = () => buildSecret(randomUUID(), randomBytes(32));

/** A secret with one character of its random part changed: the right shape, the wrong checksum. */
function corrupted(token: string): string {
  const at = 40;
  return `${token.slice(0, at)}${token[at] === 'a' ? 'b' : 'a'}${token.slice(at + 1)}`;
}

async function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const status = await main(
    args,
    env,
    (line) => out.push(line),
    (line) => err.push(line),
  );
  return { status, out, err };
}

describe('the secret scanner', () => {
  it('finds secrets by format and checksum, wherever they stand on a line', () => {
    const [a, b] = [secret(), secret()];
    const text = `TOKEN=${a} "${b}" ${corrupted(a)} x${a} ${a}y pat_${'A'.repeat(22)}_${'B'.repeat(49)}`;
    assert.deepEqual(findSecrets(text), [
      { secret: a, column: 7 },
      { secret: b, column: 85 },
    ]);
    assert.deepEqual(findSecrets(`${a.slice(0, -1)}`), [], 'cut short');
  });

  it('lists each found secret masked, file:line:column, skipping node_modules and .git; exit 1 when found, 0 when not', async () => {
    const dir = join(tmp, 'repo');
    mkdirSync(join(dir, 'src'), { recursive: true });
    mkdirSync(join(dir, 'node_modules', 'dep'), { recursive: true });
    mkdirSync(join(dir, '.git'), { recursive: true });
    const [a, b] = [secret(), secret()];
    writeFileSync(join(dir, '.env'), `# local\nPAT=${a}\n`);
    writeFileSync(
      join(dir, 'src', 'client.ts'),
      `const noise = '${corrupted(b)}';\nfetch(url, { headers: { authorization: 'Bearer ${b}' } });\n`,
    );
    writeFileSync(join(dir, 'node_modules', 'dep', 'x.js'), a);
    writeFileSync(join(dir, '.git', 'ORIG'), a);
    const found = await run([dir]);
    assert.equal(found.status, 1);
    assert.deepEqual(found.out, [
      `${join(dir, '.env')}:2:5  ${maskSecret(a)}`,
      `${join(dir, 'src', 'client.ts')}:2:48  ${maskSecret(b)}`,
      '2 PAT Kit secrets found.',
    ]);
    assert.ok(!found.out.join('\n').includes(a) && !found.out.join('\n').includes(b), 'never the whole secret');
    writeFileSync(join(tmp, 'clean.txt'), 'nothing here');
    assert.deepEqual(await run([join(tmp, 'clean.txt')]), { status: 0, out: ['No PAT Kit secrets found.'], err: [] });
    assert.equal((await run([])).status, 2);
    assert.equal((await run([join(tmp, 'missing')])).status, 2);
    assert.equal(
      (await run(['--report', 'http://127.0.0.1:1/api', dir])).err[0],
      'pat-kit-scan: --report needs the leak report key in PAT_LEAK_REPORT_KEY',
    );
  });

  it('--report sends them to the server, which revokes the live ones', async () => {
    const server = await startServer({ leakReportKey: KEY });
    servers.push(server);
    const alice = await server.tokenFor('alice');
    const created = await server.call('POST', '/pats', { token: alice, body: { name: 'committed', duration: '30d' } });
    const file = join(tmp, 'config.yaml');
    writeFileSync(file, `token: ${created.body.secret}\nold: ${secret()}\n`);
    const reported = await run(['--report', `${server.url}/api`, '--source', 'ci-scan', file], { PAT_LEAK_REPORT_KEY: KEY });
    assert.equal(reported.status, 1, reported.err.join('\n'));
    assert.equal(reported.out.at(-1), 'Reported: 1 revoked now, 0 already inactive, 1 unknown to that server.');
    const pat = (await server.call('GET', `/pats/${created.body.id}`, { token: alice })).body;
    assert.equal(pat.status, 'revoked');
    assert.deepEqual([pat.leak.url, pat.leak.source], [`${file}:1:8`, 'ci-scan']);
    const wrongKey = await run(['--report', `${server.url}/api`, file], {
      PAT_LEAK_REPORT_KEY: 'another-key-that-is-long-enough-012345678',
    });
    assert.equal(wrongKey.status, 2);
    assert.match(wrongKey.err[0]!, /^pat-kit-scan: the server answered 401/);
  });
});
