/**
 * The user journey of the README, end to end: Debian's Chromium driving the built
 * demo page, served with the API by the standalone server (`npm start`) on a throw-away database.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { demoToken, launchChromium, run, startStandalone, type RunningServer } from './server.js';

const SECRET = /^pat_[0-9A-Za-z]{22}_[0-9A-Za-z]{49}$/;

let server: RunningServer;
let browser: Browser;
let page: Page;

async function authorize(secret: string, request: object): Promise<number> {
  const response = await fetch(`${server.url}/api/authorize`, {
    method: 'POST',
    headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
  return response.status;
}

const readClients = { entity_type: 'clients', operation: 'read', entity_id: 'c-1' };
const publishChannel = { entity_type: 'channels', operation: 'read', entity_id: 'ch-1' };

async function shownSecret(): Promise<string> {
  const secret = (await page.locator('pat-secret-banner code').textContent())?.trim() ?? '';
  assert.match(secret, SECRET);
  return secret;
}

/** Sets the table's status filter to exactly `statuses` (a multiple select; none is every status). */
async function chooseStatuses(...statuses: string[]) {
  const select = 'pat-table sl-select.status-filter';
  await page.locator(select).click();
  for (const option of await page.locator(`${select} sl-option`).all()) {
    const wanted = statuses.includes((await option.getAttribute('value')) ?? '');
    const selected = (await option.getAttribute('aria-selected')) === 'true';
    if (wanted !== selected) await option.click();
  }
  await page.keyboard.press('Escape');
}

async function chooseOption(select: string, value: string) {
  await page.locator(select).click();
  await page.locator(`${select} sl-option[value="${value}"]`).click();
}

async function confirmDialog(label: string) {
  const confirm = page.locator('pat-confirm-dialog sl-button[part="confirm"]').filter({ hasText: label });
  await confirm.click();
  await page
    .locator('pat-confirm-dialog sl-dialog[open]')
    .waitFor({ state: 'detached' })
    .catch(() => undefined);
}

async function rowMenu(name: string, action: string) {
  const row = page.locator('pat-table tbody tr[data-id]').filter({ hasText: name });
  await row.locator('button.row-menu-trigger').click();
  await row.locator(`sl-menu-item[value="${action}"]`).click();
}

async function waitForRows(count: number) {
  await page.waitForFunction(
    (expected) => {
      const table = document.querySelector('pat-manager')?.shadowRoot?.querySelector('pat-table');
      const rows = table?.shadowRoot?.querySelectorAll('tbody tr[data-id]').length ?? -1;
      return rows === expected && table?.shadowRoot?.querySelector('table')?.getAttribute('aria-busy') === 'false';
    },
    count,
    { timeout: 10_000 },
  );
}

describe('the user journey on the real server', { timeout: 120_000 }, () => {
  before(async () => {
    await run(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn']);
    server = await startStandalone();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(10_000);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('opens Personal Access Tokens from the avatar popover', async () => {
    const failed: string[] = [];
    page.on('response', (response) => response.status() === 404 && failed.push(response.url()));
    await page.goto(`${server.url}/`);
    await page.locator('pat-user-menu button.trigger').click();
    await page.locator('pat-user-menu sl-menu-item[value="pats"]').click();
    await page.waitForFunction(() => location.hash === '#/pats');
    await page.getByText('No personal access tokens yet').waitFor();
    assert.deepEqual(failed, [], 'nothing the page loads is missing');
  });

  let secret = '';

  it('creates a PAT with a scope and shows its secret once', async () => {
    await page.getByRole('button', { name: 'Create PAT' }).first().click();
    await page.locator('pat-create-form sl-input[name="name"] input').fill('Deploy bot');
    await chooseOption('pat-scope-editor sl-select:not([multiple])', 'clients');
    await page.locator('pat-scope-editor sl-select[multiple]').click();
    await page.locator('pat-scope-editor sl-select[multiple] sl-option[value="read"]').click();
    await page.keyboard.press('Escape');
    await page.locator('pat-scope-editor sl-radio-button[value="all"]').click();
    await page.locator('pat-create-form sl-button[type="submit"]').click();
    secret = await shownSecret();
    assert.match(await page.evaluate(() => location.hash), /^#\/pats\/[0-9a-f-]{36}$/);
  });

  it('the secret authorizes a matching request and is refused a non-matching one', async () => {
    assert.equal(await authorize(secret, readClients), 200);
    assert.equal(await authorize(secret, publishChannel), 403);
  });

  it('after a reload the secret is gone', async () => {
    await page.reload();
    await page.locator('pat-detail h2.title').waitFor();
    assert.equal(await page.locator('pat-secret-banner').count(), 0);
    assert.equal(await page.content().then((html) => html.includes(secret)), false);
  });

  it('adds and deletes scopes', async () => {
    await page.getByRole('button', { name: 'Add scopes' }).click();
    const dialog = 'pat-detail sl-dialog.add-scope';
    await chooseOption(`${dialog} pat-scope-editor sl-select:not([multiple])`, 'channels');
    await page.locator(`${dialog} pat-scope-editor sl-select[multiple]`).click();
    await page.locator(`${dialog} pat-scope-editor sl-select[multiple] sl-option[value="read"]`).click();
    await page.keyboard.press('Escape');
    await page.locator(`${dialog} pat-scope-editor sl-radio-button[value="all"]`).click();
    await page.locator(`${dialog} sl-button[variant="primary"]`).click();
    await page.locator('pat-detail tbody tr').filter({ hasText: 'channels' }).waitFor();
    assert.equal(await authorize(secret, publishChannel), 200, 'the new scope works at once');

    await page.locator('pat-detail tbody tr').filter({ hasText: 'channels' }).locator('sl-icon-button').click();
    await confirmDialog('Delete scope');
    await page.locator('pat-detail tbody tr').filter({ hasText: 'channels' }).waitFor({ state: 'detached' });
    assert.equal(await authorize(secret, publishChannel), 403, 'the deleted scope is refused at once');
  });

  it('revokes the PAT: its secret is refused at once', async () => {
    await page.locator('pat-detail dl sl-button').filter({ hasText: 'Revoke' }).click();
    await confirmDialog('Revoke');
    await page.locator('pat-detail dl sl-button').filter({ hasText: 'Regenerate' }).waitFor();
    assert.equal(await authorize(secret, readClients), 401);
  });

  it('regenerates with a new duration: the new secret works, the old does not', async () => {
    await page.locator('pat-detail dl sl-button').filter({ hasText: 'Regenerate' }).click();
    await chooseOption('pat-regenerate-dialog pat-duration-picker sl-select', '7d');
    await page.locator('pat-regenerate-dialog sl-button[part="submit"]').click();
    const fresh = await shownSecret();
    assert.notEqual(fresh, secret);
    assert.equal(await authorize(secret, readClients), 401);
    assert.equal(await authorize(fresh, readClients), 200);
    assert.equal(await page.locator('pat-detail h2.title').textContent(), 'Deploy bot');
    secret = fresh;
  });

  it('finds an expired PAT with the Expired filter and regenerates it', async () => {
    const token = await demoToken(server.url);
    const created = await fetch(`${server.url}/api/pats`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Short-lived',
        duration: '1s',
        scopes: [{ entity_type: 'clients', operation: 'read', entity_id: '*' }],
      }),
    });
    assert.equal(created.status, 201);
    await new Promise((resolve) => setTimeout(resolve, 1500));

    await page.getByRole('button', { name: 'Back to tokens' }).click();
    await chooseStatuses('expired');
    await waitForRows(1);
    await rowMenu('Short-lived', 'regenerate');

    await chooseOption('pat-regenerate-dialog pat-duration-picker sl-select', '24h');
    await page.locator('pat-regenerate-dialog sl-button[part="submit"]').click();
    const renewed = await shownSecret();
    assert.equal(await authorize(renewed, readClients), 200);
  });

  it("a second user sees none of the first user's tokens", async () => {
    await page.getByRole('button', { name: 'Back to tokens' }).click();
    await page.locator('#user-switch').selectOption('bob');
    await page.getByText('No personal access tokens yet').waitFor();
    await page.locator('#user-switch').selectOption('alice');
    await chooseStatuses();
    await waitForRows(2);
  });

  it('deletes one PAT, then all of them', async () => {
    await rowMenu('Short-lived', 'delete');
    await confirmDialog('Delete');
    await waitForRows(1);
    await page.locator('pat-table sl-button').filter({ hasText: 'Delete all tokens' }).click();
    await confirmDialog('Delete 1 token');
    await page.getByText('No personal access tokens yet').waitFor();
    assert.equal(await authorize(secret, readClients), 401);
  });
});
