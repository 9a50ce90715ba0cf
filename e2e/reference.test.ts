/**
 * The API reference page (`/api/docs`) in Debian's Chromium: Swagger UI from the installed
 * swagger-ui-dist renders every operation of the document under the page's CSP with zero
 * violations, and "Try it out" reaches the API.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { openApiDocument } from '../contract/openapi.js';
import { startServer, type TestServer } from '../server/test/harness.js';
import { launchChromium } from './server.js';

const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);

describe('the API reference page', { timeout: 60_000 }, () => {
  let server: TestServer;
  let browser: Browser;

  before(async () => {
    server = await startServer();
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lists every operation of the document, with zero CSP violations, and runs one against the API', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript(() => {
      const seen: string[] = [];
      Object.assign(window, { __cspViolations: seen });
      document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.effectiveDirective} ${event.blockedURI}`), true);
    });
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      const offsite: string[] = [];
      page.on(
        'request',
        (request) => !request.url().startsWith(server.url) && !request.url().startsWith('data:') && offsite.push(request.url()),
      );
      await page.goto(`${server.url}/api/docs`);
      await page.locator('.opblock').first().waitFor();

      const document = openApiDocument() as {
        paths: Record<string, Record<string, unknown>>;
        webhooks: Record<string, Record<string, unknown>>;
      };
      // The page lists the webhooks under their names, beside the paths.
      const documented = Object.entries({ ...document.paths, ...document.webhooks }).flatMap(([path, item]) =>
        Object.keys(item)
          .filter((key) => METHODS.has(key))
          .map((method) => `${method.toUpperCase()} ${path}`),
      );
      const listed = await page
        .locator('.opblock-summary')
        .evaluateAll((rows) =>
          rows.map(
            (row) =>
              `${row.querySelector('.opblock-summary-method')?.textContent} ${row.querySelector('.opblock-summary-path')?.getAttribute('data-path')}`,
          ),
        );
      assert.deepEqual(listed.sort(), documented.sort());

      // "Try it out" on the document itself: the page's requests reach the API under its CSP.
      await page.locator('.opblock-summary', { hasText: '/openapi.json' }).click();
      await page.getByRole('button', { name: 'Try it out' }).click();
      await page.getByRole('button', { name: 'Execute' }).click();
      await page.locator('.live-responses-table tbody .response-col_status').first().waitFor();
      assert.equal((await page.locator('.live-responses-table tbody .response-col_status').first().textContent())?.trim(), '200');

      assert.deepEqual(
        await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations),
        [],
        'no CSP violations',
      );
      assert.deepEqual(errors, []);
      assert.deepEqual(offsite, [], 'nothing is loaded from anywhere else');
    } finally {
      await context.close();
    }
  });
});
