import { PAT_API_METHODS, type PatApi } from './pat-api.js';

/**
 * A PatApi whose implementation loads on its first call (a code-split client the page may never
 * need). Every method waits for `load`, then forwards; a failed load rejects that call and is
 * tried again on the next. It has only the methods every client has (PAT_API_METHODS): what it
 * loads cannot be asked before, so the optional ones are absent and their features hidden.
 */
export function lazyPatApi(load: () => Promise<PatApi>): PatApi {
  let loading: Promise<PatApi> | undefined;
  const loaded = () => (loading ??= load().catch((error: unknown) => ((loading = undefined), Promise.reject(error))));
  return Object.fromEntries(
    PAT_API_METHODS.map((method) => [
      method,
      (...args: unknown[]) => loaded().then((api) => (api[method] as (...a: unknown[]) => unknown).apply(api, args)),
    ]),
  ) as unknown as PatApi;
}
