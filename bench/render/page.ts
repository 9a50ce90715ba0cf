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
    created_at: iso(i % 5 === 0 ? issued - 30 * DAY : issued),
    issued_at: iso(issued),
    expires_at: iso(expires),
    updated_at: null,
    last_used_at: i % 4 ? iso(now - i * 3_600_000) : null,
    last_used_ip: i % 4 ? '10.0.0.1' : null,
    revoked,
    revoked_at: revoked ? iso(issued + DAY) : null,
    scopes_count: (i % 7) + 1,
    allowed_ips: [],
    leak: null,
    max_idle: null,
    idle_expires_at: null,
    expired_reason: expired ? 'lifetime' : null,
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

/** A promise that settles after the browser's next frame is painted. */
function nextPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => void nextTask().then(resolve)));
}

/**
 * The host rule that lays out every row at once: the table lays out a row only when it comes near
 * the view (content-visibility), and this measures what that saves.
 */
const everyRowLaidOut = Object.assign(document.createElement('style'), {
  textContent: 'pat-table::part(row) { content-visibility: visible; }',
});

/**
 * One first render, in milliseconds from appending the provider and table to the document:
 * `rendered`, until the table shows ROWS rows, every element inside them finished its first
 * update, and style and layout are done (of the rows in or near the view, unless `everyRow`);
 * `painted`, until the next frame with them is painted.
 *
 * Lit's updates, the table's list task and the nested elements' first updates are microtasks,
 * so `rendered` waits on updateComplete and never on a task: a task would let the browser
 * render a frame inside the span whenever vsync falls there, adding that frame's paint and its
 * wait for vsync to some runs and not others. `painted` counts them, always.
 */
async function renderOnce(everyRow = false): Promise<{ rendered: number; painted: number }> {
  if (everyRow) document.head.append(everyRowLaidOut);
  else everyRowLaidOut.remove();
  document.body.replaceChildren();
  await nextTask();
  const provider = document.createElement('pat-api-provider');
  provider.client = client;
  const table = document.createElement('pat-table');
  provider.append(table);

  const started = performance.now();
  let uncounted = 0; // finding the pending elements, which is the benchmark's own work
  document.body.append(provider);
  for (let rounds = 0; ; rounds++) {
    if (rounds > 1000) throw new Error('the rows never rendered');
    const looking = performance.now();
    const rows = table.shadowRoot?.querySelectorAll('tbody tr[data-id]').length ?? 0;
    const pending = [table, ...(table.shadowRoot ? litElements(table.shadowRoot) : [])].filter((element) => element.isUpdatePending);
    uncounted += performance.now() - looking;
    if (rows === ROWS && pending.length === 0) break;
    // Nothing left to update, yet no rows: the table waits on something outside Lit.
    if (pending.length === 0) await nextTask();
    else await Promise.all(pending.map((element) => element.updateComplete));
  }
  void document.body.offsetHeight; // style and layout, synchronously
  const rendered = performance.now() - started - uncounted;
  await nextPaint();
  return { rendered, painted: performance.now() - started - uncounted };
}

declare global {
  interface Window {
    renderOnce: (everyRow?: boolean) => Promise<{ rendered: number; painted: number }>;
  }
}
window.renderOnce = renderOnce;
