// A throw-away PostgreSQL cluster for `npm test`: Debian's postgresql package (installed with
// apt-get when it is missing and the tests run as root), initdb into a temp folder, listening on
// 127.0.0.1 and a free port, removed afterwards. PAT_TEST_DATABASE_URL names a server to use
// instead. Never a silent skip: without either, it stops with one line saying what to do.
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { aptInstall, isRoot } from './system.mjs';

const HOW =
  'PostgreSQL is needed for the tests on PostgreSQL: install it (Debian/Ubuntu: apt-get install postgresql) or set ' +
  'PAT_TEST_DATABASE_URL=postgres://user:password@host:port/database (a role that may create databases)';

/** The bin folder of the newest PostgreSQL found, or undefined. */
function findBin() {
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((version) => existsSync(join(debian, version, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions.length > 0) return join(debian, versions[0], 'bin');
  }
  const found = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
  return found.status === 0 ? join(found.stdout.trim(), '..') : undefined;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** PostgreSQL's bin folder, installed with apt-get if need be; throws an Error whose message is the one line to show. */
export function findPostgres() {
  const bin = findBin() ?? (aptInstall('postgresql', 'PostgreSQL') ? findBin() : undefined);
  if (!bin) throw new Error(HOW);
  return bin;
}

/**
 * A PostgreSQL server for the tests: `{ url, stop() }`. `url` names a database on it that a role
 * owns which may create more (each test server makes its own).
 */
export async function startPostgres() {
  if (process.env.PAT_TEST_DATABASE_URL) return { url: process.env.PAT_TEST_DATABASE_URL, stop() {}, checkpoint() {} };
  const bin = findPostgres();

  const dir = mkdtempSync(join(tmpdir(), 'pat-kit-postgres-'));
  // initdb refuses to run as root: the cluster belongs to the postgres user then.
  const asPostgres = isRoot();
  if (asPostgres) {
    const id = (flag) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }));
    chownSync(dir, id('-u'), id('-g'));
    chmodSync(dir, 0o700);
  }
  const invocation = (command, args) =>
    asPostgres ? ['runuser', ['-u', 'postgres', '--', join(bin, command), ...args]] : [join(bin, command), args];
  const run = (command, args) => {
    const result = spawnSync(...invocation(command, args), { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr || result.stdout}`);
  };
  const data = join(dir, 'data');
  // Unlike any name in the URL, so a test can tell whether the password was logged.
  const password = randomBytes(12).toString('hex');
  const port = await freePort();
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  // No durability for a throw-away cluster: fsync off makes the suite's many databases cheap.
  const settings = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  run('pg_ctl', ['-D', data, '-o', settings, '-l', join(dir, 'log'), '-w', 'start']);
  const stop = () => {
    spawnSync(...invocation('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']), { stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
  };
  const psql = (sql) =>
    run('psql', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-c', sql]);
  try {
    // An ordinary role that owns its database, as a deployment would have: no superuser.
    psql(`create role pat_kit login createdb password '${password}'`);
    psql('create database pat_kit owner pat_kit');
  } catch (error) {
    stop();
    throw error;
  }
  // The superuser's CHECKPOINT: the bench writes out its bulk load at once rather than measure
  // beside the checkpointer's spread writing of it.
  return { url: `postgres://pat_kit:${password}@127.0.0.1:${port}/pat_kit`, stop, checkpoint: () => psql('checkpoint') };
}
