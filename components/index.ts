/**
 * Registers every PAT Kit element: the list's at once, the others beside it (`allElementsDefined`).
 * Import single tags from `components/<tag>/<tag>.js` to load less.
 */
// The API client without the SuperMQ one, which `pat-kit/api` exports and the provider loads on demand.
export { ApiError, errorText, isAbort } from './api/api-error.js';
export type { PatApi, CallOptions } from './api/pat-api.js';
export { HttpPatApi, type HttpPatApiOptions } from './api/http-pat-api.js';
export { patApiContext } from './api/context.js';
export * from './common/pat-element.js';
export type * from './common/events.js';
export { strings, type PatStrings } from './i18n/strings.js';
export { loadPatTranslation, registerPatTranslation, SHIPPED_LANGUAGES } from './i18n/localize.js';
// What a page shows first: the list, alone or in the manager.
export * from './pat-api-provider/pat-api-provider.js';
export * from './pat-table/pat-table.js';
export * from './pat-manager/pat-manager.js';
// The others, which a page shows after a user's action (or, the user menu, beside the list):
// their types here; their tags defined by `allElementsDefined`, which loads them beside the list
// rather than before it.
export type { PatConfirmDialog, ConfirmOptions } from './pat-confirm-dialog/pat-confirm-dialog.js';
export type { PatSecretBanner } from './pat-secret-banner/pat-secret-banner.js';
export type { PatDurationPicker } from './pat-duration-picker/pat-duration-picker.js';
export type { PatScopeEditor, EntityLookup, EntityOption } from './pat-scope-editor/pat-scope-editor.js';
export type { PatRegenerateDialog } from './pat-regenerate-dialog/pat-regenerate-dialog.js';
export type { PatCreateForm } from './pat-create-form/pat-create-form.js';
export type { PatActivity } from './pat-activity/pat-activity.js';
export type { PatUsageChart } from './pat-usage-chart/pat-usage-chart.js';
export type { PatDetail } from './pat-detail/pat-detail.js';
export type { PatUserMenu } from './pat-user-menu/pat-user-menu.js';

/**
 * Resolves once every PAT Kit tag is defined. Importing this module starts loading the elements
 * a page shows only after a user's action (the create form, a PAT's page and what they hold),
 * apart from the list's: `await allElementsDefined` before using their classes through
 * `customElements.get()`. Each one is also its own entry point (`pat-kit/pat-detail`).
 */
export const allElementsDefined: Promise<void> = Promise.all([
  import('./pat-confirm-dialog/pat-confirm-dialog.js'),
  import('./pat-secret-banner/pat-secret-banner.js'),
  import('./pat-duration-picker/pat-duration-picker.js'),
  import('./pat-scope-editor/pat-scope-editor.js'),
  import('./pat-regenerate-dialog/pat-regenerate-dialog.js'),
  import('./pat-create-form/pat-create-form.js'),
  import('./pat-activity/pat-activity.js'),
  import('./pat-usage-chart/pat-usage-chart.js'),
  import('./pat-detail/pat-detail.js'),
  import('./pat-user-menu/pat-user-menu.js'),
]).then(() => undefined);
