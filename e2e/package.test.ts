/**
 * The npm package as hosts get it: `npm pack`, then the tarball installed into three empty
 * projects, each using it through the `exports` map as that kind of host would —
 * - a Node host (the tarball and better-sqlite3, none of the elements' peers) serves the API;
 * - a front-end-only host (the tarball and its Lit and Shoelace peers) gets no native module and
 *   one Lit, and bundles the elements;
 * - a React host (the tarball, React and @lit/react) bundles an app of `pat-kit/react` components;
 * both bundles rendered in Debian's Chromium against the Node host's server, and each host's use
 * of the `.d.ts` types checked by the TypeScript compiler.
 */
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { ELEMENT_TAGS } from '../vite.package.config.js';
import { demoToken, launchChromium, output } from './server.js';

const root = new URL('..', import.meta.url).pathname;
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  name: string;
  exports: Record<string, string | Record<string, string>>;
};
const JWT_SECRET = 'a-host-secret-of-at-least-32-characters!';

let work: string;
let tarballFiles: string[];
let nodeHost: string;
let frontEndHost: string;
let reactHost: string;
let browser: Browser | undefined;

/** The versions of `names` this checkout installed: npm's cache holds them, so the hosts install offline. */
function installed(...names: string[]): Record<string, string> {
  return Object.fromEntries(
    names.map((name) => [
      name,
      (JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version,
    ]),
  );
}

/** An empty project named `name` that depends on the tarball and `dependencies`, installed by npm. */
async function installHost(
  name: string,
  tarball: string,
  dependencies: Record<string, string>,
  npmOptions: string[] = [],
): Promise<string> {
  const dir = join(work, name);
  mkdirSync(dir);
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name, private: true, type: 'module', dependencies: { [manifest.name]: `file:../${tarball}`, ...dependencies } }),
  );
  await output('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', ...npmOptions], dir);
  return dir;
}

/** Imports `specifier` as the project in `host` would, through the installed package's `exports`. */
async function hostImport<T = any>(host: string, specifier: string): Promise<T> {
  const resolved = createRequire(join(host, 'host.js')).resolve(specifier);
  assert.ok(resolved.startsWith(join(host, 'node_modules')), `${specifier} resolved outside the host: ${resolved}`);
  return import(pathToFileURL(resolved).href) as Promise<T>;
}

function listen(app: { listen(port: number, host: string, ready: () => void): Server }): Promise<Server> {
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve(server));
  });
}

/**
 * The Node host's installed createApp serving a front-end's `staticDir` and the API (with demo
 * logins) on a throw-away database, and a signed-in user's token.
 */
async function serve(
  staticDir: string,
): Promise<{ base: string; token: string; createPat(name: string): Promise<{ id: string }>; close(): Promise<void> }> {
  const { createApp, openDatabase } = await hostImport(nodeHost, 'pat-kit/server');
  const { pino } = await hostImport(nodeHost, 'pino');
  const db = await openDatabase(':memory:');
  const server = await listen(createApp({ db, jwtSecret: JWT_SECRET, demo: true, staticDir, logger: pino({ level: 'silent' }) }));
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const token = await demoToken(base);
  return {
    base,
    token,
    async createPat(name) {
      const created = await fetch(`${base}/api/pats`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name, duration: '7d' }),
      });
      assert.equal(created.status, 201);
      return (await created.json()) as { id: string };
    },
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await db.destroy();
    },
  };
}

/** A new Chromium page (one browser for the whole file) that collects the page's uncaught errors. */
async function openPage(): Promise<{ page: Page; errors: string[] }> {
  browser ??= await launchChromium();
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { page, errors };
}

/** Compiles `files` (name → source) in `host` with the TypeScript compiler; fails with its errors. */
async function typeCheck(host: string, files: Record<string, string>, compilerOptions: Record<string, unknown> = {}): Promise<void> {
  for (const [name, source] of Object.entries(files)) writeFileSync(join(host, name), source);
  writeFileSync(
    join(host, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        lib: ['ES2023', 'DOM', 'DOM.Iterable'],
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        types: [],
        ...compilerOptions,
      },
      files: Object.keys(files),
    }),
  );
  await output(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(host, 'tsconfig.json')], host);
}

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'pat-kit-hosts-'));
  // `npm pack` runs `prepack`, the package build, first.
  const printed = await output('npm', ['pack', '--json', '--pack-destination', work], root);
  // The build's own output comes first; npm's JSON answer is the array from the line that is just "[".
  const packed = JSON.parse(printed.slice(printed.search(/^\[$/m))) as [{ filename: string; files: { path: string }[] }];
  tarballFiles = packed[0].files.map((file) => file.path);
  const tarball = packed[0].filename;
  // The three installs at once, to keep this file's time down.
  [nodeHost, frontEndHost, reactHost] = await Promise.all([
    // Without the elements' peers (Lit, Shoelace), which a server does without. Compiling
    // better-sqlite3 again takes minutes on this machine: install without scripts and reuse the
    // addon this checkout built (the same version, pinned, and the same Node).
    installHost('node-host', tarball, installed('better-sqlite3'), ['--omit=peer', '--ignore-scripts']).then((dir) => {
      const addon = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';
      mkdirSync(join(dir, 'node_modules/better-sqlite3/build/Release'), { recursive: true });
      copyFileSync(join(root, addon), join(dir, addon));
      return dir;
    }),
    // With install scripts: any that npm found would run, and the lockfile says which it found.
    installHost('front-end-host', tarball, installed('lit', '@lit/context', '@lit/task', '@shoelace-style/shoelace')),
    // Lit and Shoelace come as the peers npm installs by itself.
    installHost('react-host', tarball, installed('react', 'react-dom', '@lit/react', '@types/react', '@types/react-dom')),
  ]);
});

after(async () => {
  await browser?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the packed tarball', () => {
  it('holds every file its exports map names, and no sources, tests or demo', () => {
    for (const [subpath, target] of Object.entries(manifest.exports)) {
      const files = typeof target === 'string' ? [target] : Object.values(target);
      for (const file of files) assert.ok(tarballFiles.includes(file.replace(/^\.\//, '')), `${subpath}: ${file} is not in the tarball`);
    }
    const strays = tarballFiles.filter(
      (file) =>
        /\.test\.|(^|\/)(components|server|contract|mocks|demo|stories|e2e)\/.*\.ts$/.test(file) &&
        !file.endsWith('.d.ts') &&
        !file.startsWith('dist/'),
    );
    assert.deepEqual(strays, []);
    assert.ok(!tarballFiles.some((file) => file.startsWith('dist/demo/')), 'the demo build is not part of the package');
  });

  it('exports every element the library build has an entry for as a subpath of its own', () => {
    assert.ok(ELEMENT_TAGS.length >= 11);
    for (const tag of ELEMENT_TAGS) assert.ok(manifest.exports[`./${tag}`], `no "./${tag}" in the exports map`);
  });
});

describe('a Node host: the server half, installed with better-sqlite3', () => {
  it('createApp serves the API and issues a secret that authorizePat and requirePat accept', async () => {
    assert.ok(!existsSync(join(nodeHost, 'node_modules/lit')), 'the server half runs without Lit');
    const { createApp, createPatKit, openDatabase } = await hostImport(nodeHost, 'pat-kit/server');
    const { parseDuration, SECRET_PATTERN } = await hostImport(nodeHost, 'pat-kit/contract');
    const { pino } = await hostImport(nodeHost, 'pino');
    const express = (await hostImport(nodeHost, 'express')).default;
    assert.equal(parseDuration('30d').ms, 30 * 86_400_000);

    // A database file: last uses are written by the package's compiled writer thread, which
    // would log an error (and fall back to the answering thread) if it could not start.
    const db = await openDatabase(join(nodeHost, 'data', 'pats.db'));
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
    const kit = createPatKit({ db, jwtSecret: JWT_SECRET, logger });
    // A host's own app: the REST API under /api and one of its routes guarded by a PAT.
    const app = express();
    app.use('/api', kit.router);
    app.get(
      '/clients/:id',
      kit.requirePat({ entityType: 'clients', operation: 'read', entityId: (req: any) => req.params.id }),
      (_req: any, res: any) => {
        res.json({ user: res.locals.pat.userId });
      },
    );
    const server = await listen(app);
    try {
      const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
      const { SignJWT } = await hostImport(nodeHost, 'jose');
      const userToken = await new SignJWT({})
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('jane')
        .setExpirationTime('1h')
        .sign(new TextEncoder().encode(JWT_SECRET));
      const created = await fetch(`${base}/api/pats`, {
        method: 'POST',
        headers: { authorization: `Bearer ${userToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          name: 'Reader',
          duration: '30d',
          scopes: [{ entity_type: 'clients', operation: 'read', entity_id: 'c-1' }],
        }),
      });
      assert.equal(created.status, 201);
      const { secret } = (await created.json()) as { secret: string };
      assert.match(secret, SECRET_PATTERN);

      assert.deepEqual(
        await kit.authorizePat(secret, { entity_type: 'clients', operation: 'read', entity_id: 'c-1' }).then((r: any) => r.allowed),
        true,
      );
      assert.deepEqual(
        await kit.authorizePat(secret, { entity_type: 'clients', operation: 'delete', entity_id: 'c-1' }).then((r: any) => r.allowed),
        false,
      );
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
    const standalone = createApp({ db: appDb, jwtSecret: JWT_SECRET, logger });
    assert.equal(typeof standalone.locals.patKit.authorizePat, 'function');
    await appDb.destroy();
  });

  it('type-checks its use of the server and the contract through the exports map', async () => {
    // Each @ts-expect-error fails the compile if the type it guards were `any`.
    await typeCheck(nodeHost, {
      'host.ts': `import { createPatKit, createPatRouter, createApp, createExpressServer, openDatabase, type PatKit } from 'pat-kit/server';
       import { parseDuration, type Pat, type AuthorizeRequest } from 'pat-kit/contract';

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
       const server = createExpressServer(createApp({ db, jwtSecret: 'x'.repeat(32) }));
       // @ts-expect-error a Node http.Server
       server.notAServerMethod();
       const parsed = parseDuration('30d');
       const expiry: Pat['expires_at'] = parsed.ok ? new Date(parsed.ms).toISOString() : '';
       void expiry;
      `,
    });
  });
});

describe('a front-end-only host: the elements, installed with their Lit and Shoelace peers', () => {
  it('installs no native module and ran no install script', () => {
    const paths = readdirSync(join(frontEndHost, 'node_modules'), { recursive: true }).map((path) => join('node_modules', String(path)));
    assert.deepEqual(
      paths.filter((path) => /(^|\/)node_modules\/(better-sqlite3|pg)$/.test(path) || path.endsWith('.node')),
      [],
    );
    // npm marks every package that has an install script (a native build's, say) in the lockfile.
    const lock = JSON.parse(readFileSync(join(frontEndHost, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { hasInstallScript?: boolean }>;
    };
    assert.deepEqual(
      Object.keys(lock.packages).filter((path) => lock.packages[path]!.hasInstallScript),
      [],
    );
  });

  it('can import the server half, which names the driver to install when it opens a database', async () => {
    const { openDatabase } = await hostImport<typeof import('../server/index.js')>(frontEndHost, `${manifest.name}/server`);
    await assert.rejects(openDatabase(join(work, 'no-driver.db')), /npm install better-sqlite3/);
    await assert.rejects(openDatabase('postgres://nobody:nothing@127.0.0.1:1/none'), /npm install pg/);
  });

  it('has one copy of Lit, shared by the package, Shoelace and the host', async () => {
    interface Node {
      path?: string;
      dependencies?: Record<string, Node>;
    }
    const tree = JSON.parse(await output('npm', ['ls', 'lit', '--all', '--json', '--long'], frontEndHost)) as Node;
    const lits = new Set<string>();
    const visit = (node: Node) => {
      for (const [name, child] of Object.entries(node.dependencies ?? {})) {
        if (name === 'lit') lits.add(child.path!);
        visit(child);
      }
    };
    visit(tree);
    assert.deepEqual([...lits], [join(frontEndHost, 'node_modules/lit')]);
  });

  it('bundles the elements, which register and render the server’s PATs', async () => {
    const www = join(frontEndHost, 'www');
    mkdirSync(www);
    // What a host writes: one tag from its own subpath, the rest from the package root.
    writeFileSync(
      join(frontEndHost, 'page.js'),
      `import { PatTable } from 'pat-kit/pat-table';
       import * as kit from 'pat-kit';
       import { HttpPatApi } from 'pat-kit/api';
       // The list's tags at once; the others (a PAT's page, the create form, …) beside it.
       const listFirst = ['pat-api-provider', 'pat-manager', 'pat-table'].filter((tag) => !customElements.get(tag));
       await kit.allElementsDefined;
       window.checks = {
         listFirst,
         tableIsTheSameClass: customElements.get('pat-table') === PatTable && kit.PatTable === PatTable,
         defined: ['pat-api-provider', 'pat-manager', 'pat-table', 'pat-detail', 'pat-create-form', 'pat-scope-editor', 'pat-duration-picker', 'pat-secret-banner', 'pat-confirm-dialog', 'pat-regenerate-dialog', 'pat-user-menu', 'pat-activity', 'pat-usage-chart'].filter((tag) => !customElements.get(tag)),
         client: typeof HttpPatApi,
       };`,
    );
    await build({
      absWorkingDir: frontEndHost,
      entryPoints: ['page.js'],
      bundle: true,
      format: 'esm',
      outfile: join(www, 'page.js'),
      logLevel: 'silent',
    });
    writeFileSync(
      join(www, 'index.html'),
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title>
       <script type="module" src="/page.js"></script></head>
       <body><pat-api-provider base-url="/api"><pat-table></pat-table></pat-api-provider></body></html>`,
    );

    const server = await serve(www);
    try {
      await server.createPat('Installed from the tarball');
      const { page, errors } = await openPage();
      await page.goto(server.base);
      await page.waitForFunction(() => 'checks' in window);
      assert.deepEqual(await page.evaluate(() => (window as any).checks), {
        listFirst: [],
        tableIsTheSameClass: true,
        defined: [],
        client: 'function',
      });
      await page.evaluate((bearer) => {
        (document.querySelector('pat-api-provider') as any).token = bearer;
      }, server.token);
      const row = page.locator('pat-table tbody tr[data-id]');
      await row.first().waitFor({ timeout: 10_000 });
      assert.deepEqual(await row.locator('td.name').allTextContents(), ['Installed from the tarball']);
      assert.deepEqual(errors, []);
    } finally {
      await server.close();
    }
  });

  it('type-checks its use of the elements, the API client and the manifest through the exports map', async () => {
    assert.ok(existsSync(join(frontEndHost, 'node_modules/pat-kit/dist/lib/types/components/index.d.ts')));
    // Each @ts-expect-error fails the compile if the type it guards were `any`.
    await typeCheck(frontEndHost, {
      'host.ts': `import type { PatTable } from 'pat-kit/pat-table';
       import { HttpPatApi, type PatApi } from 'pat-kit/api';
       import type { PatManager } from 'pat-kit';
       import manifest from 'pat-kit/custom-elements.json' with { type: 'json' };

       const table: PatTable = document.createElement('pat-table');
       table.pageSize = 25;
       // @ts-expect-error pageSize is a number
       table.pageSize = 'ten';
       const manager: PatManager | null = document.querySelector('pat-manager');
       manager?.navigate('/pats/new');
       const api: PatApi = new HttpPatApi({ baseUrl: '/api' });
       void api;
       void manifest.modules;
      `,
    });
  });
});

describe('a React host: pat-kit/react, installed with React and @lit/react', () => {
  // The host's app: the manager as a React component with event props, and a tag written as JSX,
  // typed by pat-kit/jsx (React 19 listens to `onpat-navigate` on a custom element).
  const app = `import { useState, type DetailedHTMLProps, type HTMLAttributes } from 'react';
       import { createRoot } from 'react-dom/client';
       import type { PatKitIntrinsicElements } from 'pat-kit/jsx';
       import { PatApiProvider, PatManager } from 'pat-kit/react';

       declare module 'react' {
         namespace JSX {
           interface IntrinsicElements extends PatKitIntrinsicElements<DetailedHTMLProps<HTMLAttributes<HTMLElement>, HTMLElement>> {}
         }
       }

       function App({ token }: { token: string }) {
         const [heard, setHeard] = useState<string[]>([]);
         const hear = (line: string) => setHeard((lines) => [...lines, line]);
         return (
           <>
             <pat-user-menu name="Jane Doe" onpat-navigate={(event) => hear(\`menu: navigate \${event.detail.route}\`)} />
             <PatApiProvider baseUrl="/api" token={token}>
               <PatManager
                 onPatSelect={(event) => hear(\`manager: select \${event.detail.id}\`)}
                 onPatNavigate={(event) => hear(\`manager: navigate \${event.detail.route}\`)}
               />
             </PatApiProvider>
             <ul id="heard">{heard.map((line) => <li key={line}>{line}</li>)}</ul>
           </>
         );
       }

       createRoot(document.getElementById('root')!).render(<App token={new URLSearchParams(location.search).get('token')!} />);
      `;

  it('renders the server’s PATs in <PatManager>, whose event props fire on the user’s clicks', async () => {
    const www = join(reactHost, 'www');
    mkdirSync(www);
    writeFileSync(join(reactHost, 'app.tsx'), app);
    await build({
      absWorkingDir: reactHost,
      entryPoints: ['app.tsx'],
      bundle: true,
      format: 'esm',
      jsx: 'automatic',
      define: { 'process.env.NODE_ENV': '"production"' },
      outfile: join(www, 'app.js'),
      logLevel: 'silent',
    });
    writeFileSync(
      join(www, 'index.html'),
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>React host</title>
       <script type="module" src="/app.js"></script></head><body><div id="root"></div></body></html>`,
    );

    const server = await serve(www);
    try {
      const { id } = await server.createPat('Listed by React');
      const { page, errors } = await openPage();
      await page.goto(`${server.base}/?token=${encodeURIComponent(server.token)}`);
      const name = page.locator('pat-manager pat-table tbody tr[data-id] td.name');
      await name.first().waitFor({ timeout: 10_000 });
      assert.deepEqual(await name.allTextContents(), ['Listed by React']);

      await name.click();
      await page.locator('pat-user-menu button.trigger').click();
      await page.locator('pat-user-menu sl-menu-item[value="pats"]').click();
      const heard = page.locator('#heard li');
      await heard.nth(2).waitFor({ timeout: 5_000 });
      // The manager navigates as the table's pat-select passes it, before the event leaves it.
      assert.deepEqual(await heard.allTextContents(), [
        `manager: navigate /pats/${encodeURIComponent(id)}`,
        `manager: select ${id}`,
        'menu: navigate /pats',
      ]);
      assert.deepEqual(errors, []);
    } finally {
      await server.close();
    }
  });

  it('type-checks the app and the event details of the components and the tags', async () => {
    // checks.tsx is compiled, never run: each @ts-expect-error fails the compile if the type it guards were `any`.
    await typeCheck(
      reactHost,
      {
        'app.tsx': app,
        'checks.tsx': `import { PatManager, PatSecretBanner, PatTable } from 'pat-kit/react';

         export const checks = [
           <PatTable pageSize={25} onPatQueryChange={(event) => event.detail.pageSize.toFixed()} />,
           // @ts-expect-error pat-select's detail is { id }: no secret
           <PatManager onPatSelect={(event) => event.detail.secret} />,
           // @ts-expect-error pageSize is a number
           <PatTable pageSize="ten" />,
           // @ts-expect-error the secret banner fires no event
           <PatSecretBanner onPatCreated={() => undefined} />,
           <pat-table page-size={25} onpat-select={(event) => event.detail.id.toUpperCase()} />,
           // @ts-expect-error pat-created's detail is { pat }: no id
           <pat-create-form onpat-created={(event) => event.detail.id} />,
         ];
        `,
      },
      // As a bundled React app compiles.
      { module: 'ESNext', moduleResolution: 'Bundler', jsx: 'react-jsx' },
    );
  });
});
