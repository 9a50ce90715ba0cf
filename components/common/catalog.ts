import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type ReactiveControllerHost } from 'lit';
import '@shoelace-style/shoelace/dist/components/button/button.js';
import type { Catalog } from '../../contract/index.js';
import type { PatApi } from '../api/pat-api.js';
import { requireApi } from './pat-api-element.js';
import type { PatStrings } from '../i18n/strings.js';

const catalogs = new WeakMap<PatApi, Promise<Catalog>>();

/**
 * The scope catalog for `api`, fetched once and shared by every element that needs it (create
 * form, scope editor, duration picker). A failed fetch is forgotten so Retry asks again.
 */
export function loadCatalog(api: PatApi): Promise<Catalog> {
  let catalog = catalogs.get(api);
  if (!catalog) {
    catalog = api.getCatalog();
    catalogs.set(api, catalog);
    catalog.catch(() => catalogs.delete(api));
  }
  return catalog;
}

/**
 * The catalog as a task of its host element: the one the host was given, else the API's
 * (shared, see loadCatalog), and the notice with Retry to show when it could not be loaded.
 */
export class CatalogTask {
  #task: Task<readonly [PatApi | undefined, Catalog | undefined], Catalog>;

  constructor(host: ReactiveControllerHost, api: () => PatApi | undefined, given: () => Catalog | undefined = () => undefined) {
    this.#task = new Task(host, {
      task: async ([api, given]) => given ?? loadCatalog(requireApi(api)),
      args: () => [api(), given()] as const,
    });
  }

  get value(): Catalog | undefined {
    return this.#task.value;
  }

  get status(): TaskStatus {
    return this.#task.status;
  }

  /** Settles once the catalog is in (or failed). */
  get loaded(): Promise<unknown> {
    return this.#task.taskComplete.catch(() => undefined);
  }

  /** `message` and a Retry button when the catalog failed to load; nothing otherwise. */
  renderError(message: string, t: PatStrings) {
    if (this.#task.status !== TaskStatus.ERROR) return nothing;
    return html`<p class="catalog-error" role="alert">
      ${message}
      <sl-button size="small" @click=${() => void this.#task.run()}>${t.retry}</sl-button>
    </p>`;
  }
}
