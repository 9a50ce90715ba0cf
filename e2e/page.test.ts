/**
 * The page the real server serves at `/`: a build of the demo always talks to the server (never to
 * MSW's mocks, even built with NODE_ENV=development), and it comes with a Content-Security-Policy
 * that Lit and Shoelace run under without a single violation.
 */
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer, type TestServer } from '../server/test/harness.js';
import { demoToken, launchChromium, run, startStandalone, type RunningServer } from './server.js';

const root = new URL('..', import.meta.url).pathname;

let browser: Browser;

before(async () => {
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
});

/** The policy as directive → sources. */
function parseCsp(header: string | null): Map<string, string[]> {
  assert.ok(header, 'a Content-Security-Policy header');
  return new Map(
    header
      .split(';')
      .map((directive) => directive.trim())
      .filter(Boolean)
      .map((directive) => {
        const [name, ...sources] = directive.split(/\s+/);
        return [name!.toLowerCase(), sources];
      }),
  );
}

/** The page headers; `styleSources` are style-src's sources besides 'self'. */
function assertPageHeaders(headers: Headers, styleSources: string[] = []) {
  const header = headers.get('content-security-policy');
  const csp = parseCsp(header);
  assert.doesNotMatch(header!, /unsafe-inline|unsafe-eval|unsafe-hashes/);
  assert.deepEqual(csp.get('script-src'), ["'self'"]);
  assert.deepEqual(csp.get('style-src'), ["'self'", ...styleSources]);
  assert.deepEqual(csp.get('frame-ancestors'), ["'none'"]);
  assert.deepEqual(csp.get('object-src'), ["'none'"]);
  assert.deepEqual(csp.get('base-uri'), ["'none'"]);
  assert.deepEqual(csp.get('form-action'), ["'self'"]);
  // data: for Shoelace's system icons, which sl-icon fetch()es (see server/http/page.ts).
  assert.deepEqual(csp.get('connect-src')?.sort(), ["'self'", 'data:']);
  assert.deepEqual(csp.get('img-src')?.sort(), ["'self'", 'data:']);
  assert.equal(headers.get('x-frame-options'), 'DENY');
  assert.equal(headers.get('x-content-type-options'), 'nosniff');
  assert.equal(headers.get('referrer-policy'), 'no-referrer');
}

function assertNoPageHeaders(headers: Headers, what: string) {
  assert.equal(headers.get('content-security-policy'), null, `${what} carries no CSP`);
  assert.equal(headers.get('x-frame-options'), null, `${what} carries no X-Frame-Options`);
}

interface Watched {
  page: Page;
  context: BrowserContext;
  /** CSP violations seen by the page's listener and in the console. */
  violations(): Promise<string[]>;
}

/** A page in a fresh context (no service worker from an earlier test) that records every CSP violation. */
async function watchedPage(): Promise<Watched> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(() => {
    const seen: string[] = [];
    Object.assign(window, { __cspViolations: seen });
    document.addEventListener(
      'securitypolicyviolation',
      (event) => seen.push(`${event.effectiveDirective} ${event.blockedURI} ${event.sample}`),
      true,
    );
  });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const logged: string[] = [];
  page.on('console', (message) => /Content Security Policy|Refused to/i.test(message.text()) && logged.push(message.text()));
  return {
    page,
    context,
    async violations() {
      const events = await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
      return [...events, ...logged];
    },
  };
}

/** The policy refuses inline script and style, and the page's listener sees it (so "no violations" means something). */
async function assertInlineRefused(page: Page, violations: () => Promise<string[]>) {
  const applied = await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__inlineScriptRan = true';
    document.head.append(script);
    const style = document.createElement('style');
    style.textContent = 'body { outline: 7px solid red }';
    document.head.append(style);
    return { script: '__inlineScriptRan' in window, style: getComputedStyle(document.body).outlineWidth === '7px' };
  });
  assert.deepEqual(applied, { script: false, style: false }, 'inline script and style are refused');
  await page.waitForFunction(() => (window as unknown as { __cspViolations: string[] }).__cspViolations.length >= 2);
  const refused = await violations();
  assert.ok(
    refused.some((line) => line.startsWith('script-src')),
    refused.join('\n'),
  );
  assert.ok(
    refused.some((line) => line.startsWith('style-src')),
    refused.join('\n'),
  );
}

describe('the built demo on the real server', { timeout: 120_000 }, () => {
  let outDir: string;
  let shippedWorker: boolean;
  let server: RunningServer;

  before(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'pat-kit-page-'));
    // What `npm start` does with NODE_ENV=development exported in the shell.
    await run(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn', '--outDir', outDir], {
      NODE_ENV: 'development',
    });
    shippedWorker = existsSync(join(outDir, 'mockServiceWorker.js'));
    // A stale worker from an older build, which the server must not serve either.
    copyFileSync(join(root, 'public/mockServiceWorker.js'), join(outDir, 'mockServiceWorker.js'));
    server = await startStandalone({ PAT_STATIC_DIR: outDir });
  });

  after(async () => {
    await server?.stop();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  it("a development build ships neither MSW's worker nor the mocks", () => {
    assert.equal(shippedWorker, false, 'no mockServiceWorker.js in the build');
    const assets = readdirSync(join(outDir, 'assets')).filter((file) => file.endsWith('.js'));
    assert.ok(assets.length > 0);
    for (const file of assets) {
      const text = readFileSync(join(outDir, 'assets', file), 'utf8');
      assert.doesNotMatch(text, /mockServiceWorker|setupWorker/, `${file} has no MSW code`);
    }
  });

  it('a development build talks to the server: no service worker answers, a PAT made through the API is listed', async () => {
    const token = await demoToken(server.url);
    const name = `Made on the server ${randomUUID().slice(0, 8)}`;
    const created = await fetch(`${server.url}/api/pats`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name, duration: '30d', scopes: [{ entity_type: 'clients', operation: 'read', entity_id: '*' }] }),
    });
    assert.equal(created.status, 201);

    const { page, context } = await watchedPage();
    try {
      const fromWorker: string[] = [];
      const errors: string[] = [];
      page.on('response', (response) => response.fromServiceWorker() && fromWorker.push(response.url()));
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${server.url}/#/pats`);
      // The demo signs in (as alice, the first user) once it has the users, after any mock worker started.
      await page
        .locator('#user-switch option[value="alice"]')
        .waitFor({ state: 'attached' })
        .catch((error: Error) => assert.fail(`the demo did not sign in: ${errors.join('\n') || error.message}`));
      assert.equal(await page.evaluate(() => navigator.serviceWorker.controller), null, 'no service worker controls the page');
      assert.equal((await page.evaluate(() => navigator.serviceWorker.getRegistrations())).length, 0, 'no service worker registered');
      await page.locator('pat-table tbody tr[data-id]').filter({ hasText: name }).waitFor();
      assert.deepEqual(fromWorker, [], 'no response came from a service worker');
      assert.deepEqual(context.serviceWorkers(), []);
    } finally {
      await context.close();
    }
  });

  it('on a phone (375 px) and a tablet (768 px), in every language, nothing makes the page scroll sideways', async () => {
    const { page, context } = await watchedPage();
    try {
      await page.goto(`${server.url}/#/pats`);
      for (const lang of ['en', 'de', 'ar']) {
        // German's long words and Arabic's right to left too.
        await page.evaluate((chosen) => localStorage.setItem('pat-kit-demo-lang', chosen), lang);
        for (const width of [375, 768]) {
          await page.setViewportSize({ width, height: 800 });
          await page.reload();
          await page.locator('pat-table tbody tr[data-id]').first().waitFor();
          await page.waitForFunction((chosen) => document.documentElement.lang === chosen, lang);
          const wide = await page.evaluate(() => document.documentElement.scrollWidth);
          assert.ok(wide <= width, `${lang}, ${width} px wide: the page is ${wide} px wide`);
        }
      }
    } finally {
      await context.close();
    }
  });

  it('starts on the portal home (one h1), the token list one click away; headings go in order', async () => {
    const { page, context } = await watchedPage();
    try {
      await page.goto(`${server.url}/`);
      await page.locator('#user-switch option[value="alice"]').waitFor({ state: 'attached' });
      assert.equal(await page.locator('h1').count(), 1);
      assert.equal(await page.locator('h1').textContent(), 'Home');
      assert.equal(await page.locator('pat-manager').isVisible(), false, 'no list on the home page');
      await page.getByRole('link', { name: 'Personal Access Tokens' }).click();
      await page.locator('pat-table tbody tr[data-id], pat-table .state h3').first().waitFor();
      assert.equal(await page.locator('h1').textContent(), 'Developer settings');
      // The manager's view heading (h2) under the page's h1; a token's page is headed by its name.
      assert.equal(await page.locator('pat-manager h2[part="heading"]').textContent(), 'Personal Access Tokens');
      await page.goto(`${server.url}/#/pats/new`);
      await page.locator('pat-create-form').waitFor();
      await page.locator('a.brand').click();
      await page.waitForFunction(() => location.hash === '#/');
      assert.equal(await page.locator('#home').isVisible(), true);
    } finally {
      await context.close();
    }
  });

  it('the language switch turns the page and every element German, then Arabic right to left', async () => {
    const { page, context } = await watchedPage();
    try {
      await page.goto(`${server.url}/#/pats`);
      await page.locator('#user-switch option[value="alice"]').waitFor({ state: 'attached' });
      await page.locator('pat-table table').waitFor();
      await page.locator('#lang-switch').selectOption('de');
      await page.getByRole('button', { name: 'PAT erstellen' }).first().waitFor();
      assert.deepEqual(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]), ['de', 'ltr']);
      assert.equal(await page.locator('h1').textContent(), 'Entwicklereinstellungen');
      await page.locator('#lang-switch').selectOption('ar');
      await page.getByRole('button', { name: 'إنشاء رمز' }).first().waitFor();
      assert.deepEqual(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]), ['ar', 'rtl']);
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(wide <= 1280, `right to left, the page stays ${wide} px wide`);
      // The choice is kept: a reload is still Arabic.
      await page.reload();
      await page.getByRole('button', { name: 'إنشاء رمز' }).first().waitFor();
    } finally {
      await context.close();
    }
  });

  it('the demo wires an entity lookup: the scope editor finds entities by name', async () => {
    const { page, context } = await watchedPage();
    try {
      await page.goto(`${server.url}/#/pats/new`);
      await page.locator('#user-switch option[value="alice"]').waitFor({ state: 'attached' });
      await page.locator('pat-scope-editor sl-select:not([multiple])').click();
      await page.locator('pat-scope-editor sl-select:not([multiple]) sl-option[value="channels"]').click();
      await page.locator('pat-scope-editor sl-radio-button[value="some"]').click();
      await page.locator('pat-scope-editor input.ids-combobox').fill('alarm');
      await page.locator('pat-scope-editor [role="option"]').filter({ hasText: 'Alarms (EU)' }).click();
      // Picked, it shows by name.
      await page.locator('pat-scope-editor sl-tag').filter({ hasText: 'Alarms (EU)' }).waitFor();
    } finally {
      await context.close();
    }
  });

  it('/ and /index.html carry the CSP and the other page headers; /api answers carry no CSP', async () => {
    for (const path of ['/', '/index.html']) {
      const response = await fetch(`${server.url}${path}`);
      assert.equal(response.status, 200, path);
      assert.match(response.headers.get('content-type') ?? '', /text\/html/);
      assertPageHeaders(response.headers);
    }
    for (const [path, status] of [
      ['/api/demo/users', 200],
      ['/api/pats', 401],
      ['/api/nothing', 404],
    ] as const) {
      const response = await fetch(`${server.url}${path}`);
      assert.equal(response.status, status, path);
      assertNoPageHeaders(response.headers, path);
    }
  });

  it('never serves /mockServiceWorker.js, even with a copy in the static dir', async () => {
    assert.ok(existsSync(join(outDir, 'mockServiceWorker.js')), 'the stale copy is there');
    for (const path of ['/mockServiceWorker.js', '/mockServiceWorker%2Ejs', '/%6DockServiceWorker.js']) {
      const response = await fetch(`${server.url}${path}`);
      assert.equal(response.status, 404, path);
      assert.match(response.headers.get('content-type') ?? '', /application\/json/, path);
      assert.equal(((await response.json()) as { error: string }).error, 'not_found', path);
    }
  });

  it('the demo lists and creates a PAT under the CSP with zero violations; inline script and style are refused', async () => {
    const { page, context, violations } = await watchedPage();
    try {
      const loaded = await page.goto(`${server.url}/#/pats`);
      assert.ok(loaded?.headers()['content-security-policy'], 'the page is under a CSP');
      await page.getByRole('button', { name: 'Create PAT' }).first().click();
      await page.locator('pat-create-form sl-input[name="name"] input').fill('Under the CSP');
      await page.locator('pat-scope-editor sl-select:not([multiple])').click();
      // Shoelace's system icons (data: URLs it fetches) load under the policy.
      await page.locator('pat-scope-editor sl-select:not([multiple]) sl-icon[library="system"] svg').first().waitFor();
      await page.locator('pat-scope-editor sl-select:not([multiple]) sl-option[value="clients"]').click();
      await page.locator('pat-scope-editor sl-select[multiple]').click();
      await page.locator('pat-scope-editor sl-select[multiple] sl-option[value="read"]').click();
      await page.keyboard.press('Escape');
      await page.locator('pat-scope-editor sl-radio-button[value="all"]').click();
      await page.locator('pat-create-form sl-button[type="submit"]').click();
      assert.match((await page.locator('pat-secret-banner code').textContent()) ?? '', /^\s*pat_/);
      await page.getByRole('button', { name: 'Back to tokens' }).click();
      await page.locator('pat-table tbody tr[data-id]').filter({ hasText: 'Under the CSP' }).waitFor();
      await page.locator('#theme-toggle').click();
      await page.locator('pat-user-menu button.trigger').click();
      await page.locator('pat-user-menu sl-menu-item[value="pats"]').waitFor();
      assert.deepEqual(await violations(), [], 'no CSP violations');

      await assertInlineRefused(page, violations);
    } finally {
      await context.close();
    }
  });
});

describe('the about page (no built page to serve)', { timeout: 60_000 }, () => {
  let server: TestServer;

  before(async () => {
    server = await startServer({ staticDir: join(tmpdir(), `pat-kit-no-page-${randomUUID()}`) });
  });

  after(async () => {
    await server?.close();
  });

  it('carries the page headers, its inline style allowed by hash; /api answers carry no CSP', async () => {
    const response = await fetch(`${server.url}/`);
    assert.equal(response.status, 200);
    const html = await response.text();
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1];
    assert.ok(style, 'the about page has its inline style');
    assertPageHeaders(response.headers, [`'sha256-${createHash('sha256').update(style).digest('base64')}'`]);
    for (const [path, status] of [
      ['/api/pats', 401],
      ['/api/nothing', 404],
    ] as const) {
      const answer = await fetch(`${server.url}${path}`);
      assert.equal(answer.status, status, path);
      assertNoPageHeaders(answer.headers, path);
    }
    assert.equal((await fetch(`${server.url}/mockServiceWorker.js`)).status, 404);
  });

  it('renders styled in Chromium with zero CSP violations; other inline style and script are refused', async () => {
    const { page, context, violations } = await watchedPage();
    try {
      await page.goto(`${server.url}/`);
      assert.equal(await page.evaluate(() => getComputedStyle(document.body).maxWidth), '640px', 'the inline style applies');
      assert.deepEqual(await violations(), []);
      await assertInlineRefused(page, violations);
    } finally {
      await context.close();
    }
  });
});
