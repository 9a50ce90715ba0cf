export * from './types.js';
export * from './limits.js';
export * from './duration.js';
export * from './status.js';
export * from './scopes.js';
export * from './catalog.js';
export * from './secret.js';
export * from './text.js';
