import type { Catalog } from '../../contract/index.js';
import type { PatApi } from '../api/pat-api.js';

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
