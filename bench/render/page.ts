/**
 * The page of the render figure (bench/render.ts bundles it with esbuild): `<pat-table>` inside a
 * `<pat-api-provider>` whose client answers at once with 100 PATs, mounted and timed in a loop.
 */
import { setBasePath } from '@shoelace-style/shoelace/dist/utilities/base-path.js';
import type { ReactiveElement } from 'lit';
import type { PatApi } from '../../components/api/pat-api.js';
import '../../components/pat-api-provider/pat-api-provider.js';
import '../../components/pat-table/pat-table.js';
import type { Pat, PatPage, Summary } from '../../contract/index.js';

setBasePath('/shoelace');

const ROWS = 100;
const DAY = 86_400_000;
const now = Date.now();
const iso = (ms: number) => new Date(ms).toISOString();

const pats: Pat[] = Array.from({ length: ROWS }, (_, i) => {
  const revoked = i % 10 === 0;
  const expired = i % 10 === 1;
  const issued = now - (i + 1) * DAY;
  const expires = expired ? now - DAY : now + (i % 3 === 0 ? 3 : 60) * DAY;
  return {
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    user_id: 'bench',
    name: `deploy-token-${i}`,
    description: i % 2 ? `Used by pipeline ${i}` : '',
    status: revoked ? 'revoked' : expired ? 'expired' : 'active',
    issued_at: iso(issued),
    expires_at: iso(expires),
    updated_at: null,
    last_used_at: i % 4 ? iso(now - i * 3_600_000) : null,
    last_used_ip: i % 4 ? '10.0.0.1' : null,
    revoked,
    revoked_at: revoked ? iso(issued + DAY) : null,
    scopes_count: (i % 7) + 1,
  };
});
const page: PatPage = { total: ROWS, offset: 0, limit: ROWS, pats };
const summary: Summary = { active: 80, expiring_soon: 27, revoked: 10, expired: 10, total: ROWS };

const unused = (): Promise<never> => Promise.reject(new Error('not used by the render benchmark'));
const client: PatApi = {
  listPats: () => Promise.resolve(page),
  getSummary: () => Promise.resolve(summary),
  createPat: unused,
  deleteAllPats: unused,
  getPat: unused,
  deletePat: unused,
  renamePat: unused,
  describePat: unused,
  resetSecret: unused,
  revokePat: unused,
  listScopes: unused,
  addScopes: unused,
  removeScopes: unused,
  clearScopes: unused,
  getCatalog: unused,
};

/** A macrotask turn (no timer clamping). */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
}

/** Every Lit element under `root`, through shadow roots. */
function litElements(root: ParentNode, found: ReactiveElement[] = []): ReactiveElement[] {
  for (const element of root.querySelectorAll('*')) {
    if ('updateComplete' in element) found.push(element as ReactiveElement);
    if (element.shadowRoot) litElements(element.shadowRoot, found);
  }
  return found;
}

/**
 * Milliseconds from appending the provider and table to the document until the table shows
 * ROWS rows, every element inside them finished its first update, and layout is done.
 */
async function renderOnce(): Promise<number> {
  document.body.replaceChildren();
  await nextTask();
  const provider = document.createElement('pat-api-provider');
  provider.client = client;
  const table = document.createElement('pat-table');
  provider.append(table);

  const started = performance.now();
  document.body.append(provider);
  for (let turns = 0; ; turns++) {
    await table.updateComplete;
    if (table.shadowRoot?.querySelectorAll('tbody tr[data-id]').length === ROWS) break;
    if (turns > 1000) throw new Error('the rows never rendered');
    await nextTask();
  }
  // Lit updates run as microtasks: one task later, the nested elements' first updates are done
  // too. Checked (outside the timed span) and waited for, should any still be pending.
  await nextTask();
  let rendered = performance.now() - started;
  for (;;) {
    const pending = litElements(table.shadowRoot!).filter((element) => element.isUpdatePending);
    if (pending.length === 0) break;
    const waited = performance.now();
    await Promise.all(pending.map((element) => element.updateComplete));
    rendered += performance.now() - waited;
  }
  const layout = performance.now();
  void document.body.offsetHeight; // style and layout, synchronously
  return rendered + (performance.now() - layout);
}

declare global {
  interface Window {
    renderOnce: () => Promise<number>;
  }
}
window.renderOnce = renderOnce;
