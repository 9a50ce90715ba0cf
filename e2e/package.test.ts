/**
 * The npm package as a host gets it: `npm pack`, installed from the tarball into an empty
 * project, then both halves imported through the `exports` map and used together — the server
 * in Node, the elements bundled by the host and rendered in Debian's Chromium against it — and
 * the `.d.ts` types checked by the TypeScript compiler.
 */
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { ELEMENT_TAGS } from '../vite.package.config.js';
import { launchChromium, output } from './server.js';

const root = new URL('..', import.meta.url).pathname;
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  name: string;
  exports: Record<string, string | { types: string; default: string }>;
};

let host: string;
let tarballFiles: string[];

/** Imports `specifier` as the host project would, through the installed package's `exports`. */
async function hostImport<T = any>(specifier: string): Promise<T> {
  const resolved = createRequire(join(host, 'host.js')).resolve(specifier);
  assert.ok(resolved.startsWith(join(host, 'node_modules')), `${specifier} resolved outside the host: ${resolved}`);
  return import(pathToFileURL(resolved).href) as Promise<T>;
}

before(async () => {
  host = mkdtempSync(join(tmpdir(), 'pat-kit-host-'));
  // `npm pack` runs `prepack`, the package build, first.
  const printed = await output('npm', ['pack', '--json', '--pack-destination', host], root);
  // The build's own output comes first; npm's JSON answer is the array from the line that is just "[".
  const packed = JSON.parse(printed.slice(printed.search(/^\[$/m))) as [{ filename: string; files: { path: string }[] }];
  tarballFiles = packed[0].files.map((file) => file.path);
  const betterSqlite = JSON.parse(readFileSync(join(root, 'node_modules/better-sqlite3/package.json'), 'utf8')) as { version: string };
  writeFileSync(
    join(host, 'package.json'),
    JSON.stringify({
      name: 'host-portal',
      private: true,
      type: 'module',
      // better-sqlite3 pinned to the version this checkout built, whose native addon is reused below.
      dependencies: { [manifest.name]: `file:./${packed[0].filename}`, 'better-sqlite3': betterSqlite.version },
    }),
  );
  // Compiling better-sqlite3 again takes minutes on this machine: install without scripts and
  // reuse the addon this checkout built (same version, same Node).
  await output('npm', ['install', '--prefer-offline', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], host);
  const addon = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';
  mkdirSync(join(host, 'node_modules/better-sqlite3/build/Release'), { recursive: true });
  copyFileSync(join(root, addon), join(host, addon));
});

after(() => {
  if (host) rmSync(host, { recursive: true, force: true });
});

describe('the packed tarball', () => {
  it('holds every file its exports map names, and no sources, tests or demo', () => {
    for (const [subpath, target] of Object.entries(manifest.exports)) {
      const files = typeof target === 'string' ? [target] : [target.types, target.default];
      for (const file of files) assert.ok(tarballFiles.includes(file.replace(/^\.\//, '')), `${subpath}: ${file} is not in the tarball`);
    }
    const strays = tarballFiles.filter((file) => /\.test\.|(^|\/)(components|server|contract|mocks|demo|stories|e2e)\/.*\.ts$/.test(file) && !file.endsWith('.d.ts') && !file.startsWith('dist/'));
    assert.deepEqual(strays, []);
    assert.ok(!tarballFiles.some((file) => file.startsWith('dist/demo/')), 'the demo build is not part of the package');
  });

  it('exports every element the library build has an entry for as a subpath of its own', () => {
    assert.ok(ELEMENT_TAGS.length >= 11);
    for (const tag of ELEMENT_TAGS) assert.ok(manifest.exports[`./${tag}`], `no "./${tag}" in the exports map`);
  });
});

describe('the server half, installed', () => {
  it('createApp serves the API and issues a secret that authorizePat and requirePat accept', async () => {
    const { createApp, createPatKit, openDatabase } = await hostImport('pat-kit/server');
    const { parseDuration, SECRET_PATTERN } = await hostImport('pat-kit/contract');
    const { pino } = await hostImport('pino');
    const express = (await hostImport('express')).default;
    assert.equal(parseDuration('30d').ms, 30 * 86_400_000);

    // A database file: last uses are written by the package's compiled writer thread, which
    // would log an error (and fall back to the answering thread) if it could not start.
    const db = await openDatabase(join(host, 'data', 'pats.db'));
    const errors: string[] = [];
    const logger = pino(
      { level: 'error' },
      new Writable({
        write(line, _encoding, done) {
          errors.push(String(line));
          done();
        },
      }),
    );
    const jwtSecret = 'a-host-secret-of-at-least-32-characters!';
    const kit = createPatKit({ db, jwtSecret, logger });
    // A host's own app: the REST API under /api and one of its routes guarded by a PAT.
    const app = express();
    app.use('/api', kit.router);
    app.get('/clients/:id', kit.requirePat({ entityType: 'clients', operation: 'read', entityId: (req: any) => req.params.id }), (_req: any, res: any) => {
      res.json({ user: res.locals.pat.userId });
    });
    const server: Server = await new Promise((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    try {
      const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
      const { SignJWT } = await hostImport('jose');
      const userToken = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('jane').setExpirationTime('1h').sign(new TextEncoder().encode(jwtSecret));
      const created = await fetch(`${base}/api/pats`, {
        method: 'POST',
        headers: { authorization: `Bearer ${userToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Reader', duration: '30d', scopes: [{ entity_type: 'clients', operation: 'read', entity_id: 'c-1' }] }),
      });
      assert.equal(created.status, 201);
      const { secret } = (await created.json()) as { secret: string };
      assert.match(secret, SECRET_PATTERN);

      assert.deepEqual(await kit.authorizePat(secret, { entity_type: 'clients', operation: 'read', entity_id: 'c-1' }).then((r: any) => r.allowed), true);
      assert.deepEqual(await kit.authorizePat(secret, { entity_type: 'clients', operation: 'delete', entity_id: 'c-1' }).then((r: any) => r.allowed), false);
      const allowed = await fetch(`${base}/clients/c-1`, { headers: { authorization: `Bearer ${secret}` } });
      assert.deepEqual([allowed.status, await allowed.json()], [200, { user: 'jane' }]);
      assert.equal((await fetch(`${base}/clients/c-2`, { headers: { authorization: `Bearer ${secret}` } })).status, 403);

      await kit.flush();
      const listed = await fetch(`${base}/api/pats?status=all`, { headers: { authorization: `Bearer ${userToken}` } });
      const [pat] = ((await listed.json()) as { pats: { last_used_at: string | null }[] }).pats;
      assert.ok(pat?.last_used_at, 'the last use was written');
      assert.deepEqual(errors, []);
    } finally {
      await new Promise((resolve) => server.close(resolve));
      await kit.close();
      await db.destroy();
    }

    // The standalone app factory is exported too.
    const appDb = await openDatabase(':memory:');
    const standalone = createApp({ db: appDb, jwtSecret, logger });
    assert.equal(typeof standalone.locals.patKit.authorizePat, 'function');
    await appDb.destroy();
  });
});

describe('the elements half, installed', () => {
  let browser: Browser | undefined;
  after(async () => browser?.close());

  it('a host bundle of the package registers the elements and renders the server’s PATs', async () => {
    const www = join(host, 'www');
    mkdirSync(www);
    // What a host writes: one tag from its own subpath, the rest from the package root.
    writeFileSync(
      join(host, 'page.js'),
      `import { PatTable } from 'pat-kit/pat-table';
       import * as kit from 'pat-kit';
       import { HttpPatApi } from 'pat-kit/api';
       window.checks = {
         tableIsTheSameClass: customElements.get('pat-table') === PatTable && kit.PatTable === PatTable,
         defined: ['pat-api-provider', 'pat-manager', 'pat-table', 'pat-detail', 'pat-create-form', 'pat-scope-editor', 'pat-duration-picker', 'pat-secret-banner', 'pat-confirm-dialog', 'pat-regenerate-dialog', 'pat-user-menu'].filter((tag) => !customElements.get(tag)),
         client: typeof HttpPatApi,
       };`,
    );
    await build({ absWorkingDir: host, entryPoints: ['page.js'], bundle: true, format: 'esm', outfile: join(www, 'page.js'), logLevel: 'silent' });
    writeFileSync(
      join(www, 'index.html'),
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title>
       <script type="module" src="/page.js"></script></head>
       <body><pat-api-provider base-url="/api"><pat-table></pat-table></pat-api-provider></body></html>`,
    );

    const { createApp, openDatabase } = await hostImport('pat-kit/server');
    const { pino } = await hostImport('pino');
    const db = await openDatabase(':memory:');
    const app = createApp({ db, jwtSecret: 'a-host-secret-of-at-least-32-characters!', demo: true, staticDir: www, logger: pino({ level: 'silent' }) });
    const server: Server = await new Promise((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    try {
      const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
      const login = await fetch(`${base}/api/demo/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: 'alice' }) });
      const { access_token: token } = (await login.json()) as { access_token: string };
      const created = await fetch(`${base}/api/pats`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Installed from the tarball', duration: '7d' }),
      });
      assert.equal(created.status, 201);

      browser = await launchChromium();
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(base);
      await page.waitForFunction(() => 'checks' in window);
      assert.deepEqual(await page.evaluate(() => (window as any).checks), { tableIsTheSameClass: true, defined: [], client: 'function' });
      await page.evaluate((bearer) => {
        (document.querySelector('pat-api-provider') as any).token = bearer;
      }, token);
      const row = page.locator('pat-table tbody tr[data-id]');
      await row.first().waitFor({ timeout: 10_000 });
      assert.deepEqual(await row.locator('td.name').allTextContents(), ['Installed from the tarball']);
      assert.deepEqual(errors, []);
    } finally {
      await new Promise((resolve) => server.close(resolve));
      await db.destroy();
    }
  });
});

describe('the types, installed', () => {
  it('resolve through the exports map and type the elements, the server and the contract', async () => {
    writeFileSync(
      join(host, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2023', 'DOM', 'DOM.Iterable'], strict: true, noEmit: true, skipLibCheck: true, types: [] },
        files: ['host.ts'],
      }),
    );
    // Each @ts-expect-error fails the compile if the type it guards were `any`.
    writeFileSync(
      join(host, 'host.ts'),
      `import type { PatTable } from 'pat-kit/pat-table';
       import { HttpPatApi, type PatApi } from 'pat-kit/api';
       import type { PatManager } from 'pat-kit';
       import { createPatKit, createPatRouter, createApp, openDatabase, type PatKit } from 'pat-kit/server';
       import { parseDuration, type Pat, type AuthorizeRequest } from 'pat-kit/contract';
       import manifest from 'pat-kit/custom-elements.json' with { type: 'json' };

       const table: PatTable = document.createElement('pat-table');
       table.pageSize = 25;
       // @ts-expect-error pageSize is a number
       table.pageSize = 'ten';
       const manager: PatManager | null = document.querySelector('pat-manager');
       manager?.navigate('/pats/new');
       const api: PatApi = new HttpPatApi({ baseUrl: '/api' });
       void api;
       const request: AuthorizeRequest = { entity_type: 'clients', operation: 'read', entity_id: 'c-1' };
       // @ts-expect-error entity_type is required
       const incomplete: AuthorizeRequest = { operation: 'read', entity_id: 'c-1' };
       void incomplete;
       const db = await openDatabase(':memory:');
       const kit: PatKit = createPatKit({ db, jwtSecret: 'x'.repeat(32) });
       const result = await kit.authorizePat('pat_…', request);
       if (result.allowed) result.pat_id.toUpperCase();
       // @ts-expect-error maxLifetime is a duration string
       createPatRouter({ db, maxLifetime: 365 });
       const router = createPatRouter({ db });
       // @ts-expect-error an Express Router, typed by @types/express (a dependency)
       router.notARouterMethod();
       void createApp;
       const parsed = parseDuration('30d');
       const expiry: Pat['expires_at'] = parsed.ok ? new Date(parsed.ms).toISOString() : '';
       void expiry;
       void manifest.modules;
      `,
    );
    assert.ok(existsSync(join(host, 'node_modules/pat-kit/dist/lib/types/components/index.d.ts')));
    await output(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(host, 'tsconfig.json')], host);
  });
});
