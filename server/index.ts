/** What a host's Node code imports from PAT Kit's server half. */
export { createApp, type AppOptions } from './app.js';
export { answerClientErrors } from './http/client-errors.js';
export { createExpressServer } from './http/express-server.js';
export { createPatKit, createPatRouter, type PatKit, type PatKitOptions } from './router.js';
export { openDatabase, migrate, type PatDatabase } from './db/database.js';
export type { AuthorizePat, AuthorizeResult, AuthorizeOptions } from './authz/authorizer.js';
export type { RequirePatOptions, PatPrincipal } from './authz/authorize.routes.js';
export type { IdentityOptions } from './identity/identity.js';
export type { Logger, LogFunction } from './logger.js';
