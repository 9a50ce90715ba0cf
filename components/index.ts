/** Registers every PAT Kit element. Import single tags from `components/<tag>/<tag>.js` to load less. */
// The API client without the SuperMQ one, which `pat-kit/api` exports and the provider loads on demand.
export { ApiError, errorText, isAbort } from './api/api-error.js';
export type { PatApi, CallOptions } from './api/pat-api.js';
export { HttpPatApi, type HttpPatApiOptions } from './api/http-pat-api.js';
export { patApiContext } from './api/context.js';
export * from './common/pat-element.js';
export type * from './common/events.js';
export { strings, type PatStrings } from './i18n/strings.js';
export { loadPatTranslation, registerPatTranslation, SHIPPED_LANGUAGES } from './i18n/localize.js';
export * from './pat-api-provider/pat-api-provider.js';
export * from './pat-confirm-dialog/pat-confirm-dialog.js';
export * from './pat-secret-banner/pat-secret-banner.js';
export * from './pat-duration-picker/pat-duration-picker.js';
export * from './pat-scope-editor/pat-scope-editor.js';
export * from './pat-regenerate-dialog/pat-regenerate-dialog.js';
export * from './pat-create-form/pat-create-form.js';
export * from './pat-activity/pat-activity.js';
export * from './pat-usage-chart/pat-usage-chart.js';
export * from './pat-detail/pat-detail.js';
export * from './pat-table/pat-table.js';
export * from './pat-manager/pat-manager.js';
export * from './pat-user-menu/pat-user-menu.js';
