/**
 * Regenerates the README screenshots in docs/screenshots/: builds the demo, starts the standalone
 * server (e2e/server.ts) on a throw-away database seeded as `npm start` seeds a new one
 * (scripts/demo-seed.ts), and has Debian's Chromium capture the list, the create form, the
 * one-time secret, a token's usage and history, the user menu, the list on a phone and the list
 * in Arabic (right to left). Run with `npm run screenshots`.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, run, startStandalone, type RunningServer } from '../e2e/server.js';
import { seededId } from '../mocks/scenarios.js';
import { openDatabase } from '../server/db/database.js';
import { seedDemo } from './demo-seed.js';

const root = new URL('..', import.meta.url).pathname;
const outDir = join(root, 'docs', 'screenshots');
const VIEWPORT = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

/** Rows on the list's first page (its default page size): alice has more tokens than that. */
const FIRST_PAGE = 10;

/** A throw-away database with the demo users' tokens, history and usage, as `npm start` seeds it. */
async function seededDatabase(): Promise<{ file: string; grafana: string; remove(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'pat-kit-screenshots-'));
  const file = join(dir, 'demo.db');
  const db = await openDatabase(file);
  try {
    await seedDemo(db);
  } finally {
    await db.destroy();
  }
  return { file, grafana: seededId('alice', 'Grafana dashboards read-only'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Waits until the list shows `count` rows and is no longer loading (locators: the page's CSP refuses eval). */
async function waitForRows(page: Page, count: number) {
  const rows = page.locator('pat-table tbody tr[data-id]');
  await rows.nth(count - 1).waitFor({ timeout: 10_000 });
  await page.locator('pat-table table[aria-busy="false"]').waitFor({ timeout: 10_000 });
  if ((await rows.count()) !== count) throw new Error(`expected ${count} rows, found ${await rows.count()}`);
}

async function chooseOption(page: Page, select: string, value: string) {
  await page.locator(select).click();
  await page.locator(`${select} sl-option[value="${value}"]`).click();
}

/** Lets fonts, icons and the last re-render settle before a shot. */
async function settle(page: Page) {
  await page.waitForLoadState('networkidle');
  await page.evaluate('document.fonts.ready');
  await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
}

async function shoot(
  page: Page,
  name: string,
  options: { fullPage?: boolean; clip?: { x: number; y: number; width: number; height: number } } = {},
) {
  await settle(page);
  const path = join(outDir, name);
  await page.screenshot({ path, fullPage: options.fullPage ?? false, clip: options.clip, animations: 'disabled', caret: 'hide' });
  console.log(`${name}  ${(statSync(path).size / 1024).toFixed(0)} KB`);
}

async function main() {
  let server: RunningServer | undefined;
  let database: Awaited<ReturnType<typeof seededDatabase>> | undefined;
  let browser: Browser | undefined;
  try {
    mkdirSync(outDir, { recursive: true });
    await run(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn']);
    database = await seededDatabase();
    server = await startStandalone({ PAT_DB: database.file });

    browser = await launchChromium();
    const page = await browser.newPage({ viewport: VIEWPORT, deviceScaleFactor: 1, colorScheme: 'light', reducedMotion: 'reduce' });
    page.setDefaultTimeout(10_000);
    await page.emulateMedia({ reducedMotion: 'reduce', colorScheme: 'light' });

    // The list, every status.
    await page.goto(`${server.url}/#/pats?status=all`);
    await waitForRows(page, FIRST_PAGE);
    await shoot(page, 'list.png');

    // The avatar popover, clipped to the top-right corner.
    await page.locator('pat-user-menu button.trigger').click();
    const menu = page.locator('pat-user-menu sl-menu[part="menu"]');
    await menu.waitFor({ state: 'visible' });
    const box = (await menu.boundingBox())!;
    // Down to the toolbar under the popover, so no control is cut in half.
    const toolbar = (await page.getByRole('button', { name: 'Create PAT' }).first().boundingBox())!;
    const x = Math.max(0, Math.floor(box.x - 260));
    const bottom = Math.max(box.y + box.height, toolbar.y + toolbar.height) + 16;
    await shoot(page, 'user-menu.png', {
      clip: { x, y: 0, width: VIEWPORT.width - x, height: Math.min(VIEWPORT.height, Math.ceil(bottom)) },
    });
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'hidden' });

    // The create form, filled in.
    await page.getByRole('button', { name: 'Create PAT' }).first().click();
    const form = 'pat-create-form';
    await page.locator(`${form} sl-input[name="name"] input`).fill('Support tooling');
    await chooseOption(page, `${form} pat-duration-picker sl-select`, '90d');
    await page
      .locator(`${form} sl-textarea[name="description"] textarea`)
      .fill('Lets the support console look up clients and their channels');
    const rows = page.locator(`${form} pat-scope-editor fieldset[part="row"]`);
    const fillRow = async (index: number, type: string, operations: string[]) => {
      const row = `${form} pat-scope-editor fieldset[part="row"]:nth-of-type(${index + 1})`;
      await chooseOption(page, `${row} sl-select:not([multiple])`, type);
      await page.locator(`${row} sl-select[multiple]`).click();
      for (const operation of operations) await page.locator(`${row} sl-select[multiple] sl-option[value="${operation}"]`).click();
      await page.keyboard.press('Escape');
      // All is never a default: a scope names its entities, or says all of them.
      await page.locator(`${row} sl-radio-button[value="all"]`).click();
    };
    await fillRow(0, 'clients', ['read', 'list']);
    await page.locator(`${form} pat-scope-editor sl-button.add`).click();
    await rows.nth(1).waitFor();
    await fillRow(1, 'channels', ['read']);
    await page.locator('body').click({ position: { x: 5, y: VIEWPORT.height - 5 } });
    const formHeight = await page.evaluate('document.documentElement.scrollHeight');
    await shoot(page, 'create.png', { fullPage: (formHeight as number) > VIEWPORT.height });

    // Created: the detail page with the one-time secret.
    await page.locator(`${form} sl-button[type="submit"]`).click();
    await page.locator('pat-secret-banner code').waitFor();
    await page.locator('pat-detail tbody tr').filter({ hasText: 'clients' }).first().waitFor();
    await page.evaluate('window.scrollTo(0, 0)');
    const detailHeight = await page.evaluate('document.documentElement.scrollHeight');
    await shoot(page, 'detail-secret.png', { fullPage: (detailHeight as number) > VIEWPORT.height });

    // A token in use for months: its usage chart and its history.
    await page.goto(`${server.url}/#/pats/${database.grafana}`);
    await page.locator('pat-usage-chart [part="chart"]').waitFor();
    await page.locator('pat-activity li[part="event"]').first().waitFor();
    await page.evaluate('window.scrollTo(0, 0)');
    await shoot(page, 'activity.png', { fullPage: true });
    await page.close();

    // A phone: the rows as cards, nothing wider than the screen.
    const phone = await browser.newPage({ viewport: PHONE, deviceScaleFactor: 2, colorScheme: 'light', reducedMotion: 'reduce' });
    phone.setDefaultTimeout(10_000);
    await phone.goto(`${server.url}/#/pats?status=all`);
    await waitForRows(phone, FIRST_PAGE);
    await shoot(phone, 'phone.png');
    await phone.close();

    // Arabic, right to left, as the demo's language switch leaves it.
    const rtl = await browser.newPage({ viewport: VIEWPORT, deviceScaleFactor: 1, colorScheme: 'light', reducedMotion: 'reduce' });
    rtl.setDefaultTimeout(10_000);
    await rtl.addInitScript("localStorage.setItem('pat-kit-demo-lang', 'ar')");
    await rtl.goto(`${server.url}/#/pats?status=all`);
    await waitForRows(rtl, FIRST_PAGE);
    await rtl.locator('html[dir="rtl"]').waitFor({ state: 'attached' });
    await shoot(rtl, 'rtl.png');
  } finally {
    await browser?.close();
    await server?.stop();
    database?.remove();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
