import { expect, html } from '@open-wc/testing';
import { mount, until, useMockApi, expectAccessible } from '../../testing/fixture.js';
import './pat-table.js';
import type { PatTable } from './pat-table.component.js';

function rows(table: PatTable) {
  return [...table.shadowRoot!.querySelectorAll<HTMLTableRowElement>('tbody tr[data-id]')];
}

describe('<pat-table>', () => {
  it('renders the signed-in user\'s active PATs and is accessible', async () => {
    await useMockApi('default');
    const table = await mount<PatTable>(html`<pat-table></pat-table>`);
    await until(() => rows(table).length > 0, 'rows');
    expect(rows(table).length).to.be.greaterThan(0);
    await expectAccessible(table);
  });
});
