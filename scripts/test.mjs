// `npm test`: the type check, then every test suite; ends with one closing line
// "N passed, N failed" and exits non-zero when anything failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { findChromium } from './chromium.mjs';
import { findPostgres, startPostgres } from './postgres.mjs';

const root = new URL('..', import.meta.url).pathname;
const countsDir = join(root, '.test-results');
rmSync(countsDir, { recursive: true, force: true });
mkdirSync(countsDir, { recursive: true });

// The system parts first, found or installed: a missing one stops the run at once, in one line.
try {
  // Every browser the tests start (web-test-runner, Playwright, the bench) reads CHROME_PATH.
  process.env.CHROME_PATH = findChromium();
  if (!process.env.PAT_TEST_DATABASE_URL) findPostgres();
} catch (error) {
  console.log(error.message);
  process.exit(1);
}

const total = { passed: 0, failed: 0, skipped: 0 };
const failedSteps = [];

function testFiles(dir, suffix) {
  if (!existsSync(join(root, dir))) return [];
  return readdirSync(join(root, dir), { recursive: true })
    .filter((file) => file.endsWith(suffix))
    .map((file) => join(dir, file))
    .sort();
}

function run(name, command, args, countsFile, extraEnv = {}) {
  console.log(`\n▶ ${name}`);
  const started = Date.now();
  const env = { ...process.env, ...extraEnv, TEST_COUNTS_FILE: countsFile ?? '' };
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  const counts = countsFile && existsSync(countsFile) ? JSON.parse(readFileSync(countsFile, 'utf8')) : undefined;
  if (counts) for (const key of Object.keys(total)) total[key] += counts[key] ?? 0;
  const ok = result.status === 0;
  if (!ok) {
    failedSteps.push(name);
    // A step that died before counting anything still counts as a failure.
    if (!counts || counts.failed === 0) total.failed++;
  }
  console.log(`◀ ${name}: ${ok ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

// Lint first: ESLint, Prettier's check and lit-analyzer (see package.json's "lint").
run('lint', 'npm', ['run', 'lint', '--silent']);

const tsc = join(root, 'node_modules/typescript/bin/tsc');
run('type check (browser)', process.execPath, [tsc, '-p', 'tsconfig.json', '--noEmit']);
run('type check (server)', process.execPath, [tsc, '-p', 'tsconfig.server.json', '--noEmit']);
run('type check (end to end)', process.execPath, [tsc, '-p', 'tsconfig.e2e.json', '--noEmit']);

const nodeTestArgs = [
  '--import',
  'tsx',
  '--test',
  '--test-concurrency=1',
  '--test-reporter=spec',
  '--test-reporter-destination=stdout',
  '--test-reporter=./scripts/count-reporter.mjs',
  '--test-reporter-destination=stdout',
];
const onlyOnPostgres = (file) => file.endsWith('.pg.test.ts');
const nodeTests = [
  ...testFiles('contract', '.test.ts'),
  ...testFiles('server', '.test.ts'),
  ...testFiles('mocks', '.test.ts'),
  ...testFiles('e2e', '.test.ts'),
  ...testFiles('scripts', '.test.ts'),
];
run(
  'node tests: contract, server, mocks, end to end, build scripts (SQLite)',
  process.execPath,
  [...nodeTestArgs, ...nodeTests.filter((file) => !onlyOnPostgres(file))],
  join(countsDir, 'node.json'),
);

// The server suite again on PostgreSQL, less what only concerns SQLite's files.
const sqliteOnly = new Set([
  'server/db/database.test.ts',
  'server/db/migrations.test.ts',
  'server/db/turn-reads.test.ts',
  'server/db/query-shapes.test.ts',
]);
const postgresTests = [...testFiles('server', '.test.ts').filter((file) => !sqliteOnly.has(file)), 'mocks/contract-conformance.test.ts'];
let postgres;
try {
  postgres = await startPostgres();
} catch (error) {
  console.log(`\n${error.message}`);
  failedSteps.push('PostgreSQL');
  total.failed++;
}
if (postgres) {
  try {
    run(
      'node tests: server and mock conformance (PostgreSQL)',
      process.execPath,
      [...nodeTestArgs, ...postgresTests],
      join(countsDir, 'postgres.json'),
      {
        PAT_TEST_DATABASE_URL: postgres.url,
      },
    );
  } finally {
    postgres.stop();
  }
}

if (testFiles('components', '.test.ts').length > 0) {
  run(
    'browser tests (web-test-runner, Chromium)',
    process.execPath,
    [join(root, 'node_modules/@web/test-runner/dist/bin.js')],
    join(countsDir, 'browser.json'),
  );
}

console.log(failedSteps.length ? `\nFailed: ${failedSteps.join('; ')}` : '');
const skipped = total.skipped ? `, ${total.skipped} skipped` : '';
console.log(`${total.passed} passed, ${total.failed} failed${skipped}`);
process.exit(failedSteps.length ? 1 : 0);
