import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../server/db/database.js';

/** `npm start`'s demo seed step on a SQLite file (what it puts in: server/test/demo-seed.test.ts). */

const root = new URL('..', import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), 'pat-kit-demo-seed-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

describe('demo seed step', () => {
  it('npm start seeds a new database in demo mode once, and never one with PATs or without demo mode', async () => {
    const seed = (file: string, env: Record<string, string> = {}) => {
      const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/demo-seed.ts'], {
        cwd: root,
        env: { ...process.env, NODE_ENV: 'development', PAT_DB: file, PAT_JWT_SECRET: '', PAT_JWKS_URL: '', PAT_DEMO: '', ...env },
        encoding: 'utf8',
      });
      assert.equal(run.status, 0, run.stderr);
      return run.stdout.trim();
    };
    const count = async (file: string) => {
      const db = await openDatabase(file);
      try {
        return Number(
          (
            await db
              .selectFrom('pats')
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      } finally {
        await db.destroy();
      }
    };
    const fresh = join(tmp, 'fresh.db');
    assert.match(seed(fresh), /^demo: seeded the demo users' tokens with their history and usage \(alice 12, bob 5\)$/);
    const seeded = await count(fresh);
    assert.equal(seed(fresh), '', 'a second start leaves the database alone');
    assert.equal(await count(fresh), seeded);
    const hostSignIn = join(tmp, 'host.db');
    assert.equal(seed(hostSignIn, { PAT_JWT_SECRET: 'a-host-secret-that-is-long-enough-for-hs256' }), '', 'demo mode off');
    assert.equal(await count(hostSignIn), 0);
  });
});
