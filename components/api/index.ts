export { ApiError, errorText, isAbort } from './api-error.js';
export type { PatApi, CallOptions } from './pat-api.js';
export { HttpPatApi, type HttpPatApiOptions } from './http-pat-api.js';
export { SuperMqPatApi, SUPERMQ_CATALOG, type SuperMqPatApiOptions } from './supermq-pat-api.js';
export { patApiContext } from './context.js';
