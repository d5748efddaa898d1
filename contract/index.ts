/** The HTTP contract of mfa-login: zod schemas of every request and answer, and the path table. */
export * from './discovery.js';
export * from './errors.js';
export * from './flows.js';
export * from './health.js';
export * from './methods.js';
export * from './paths.js';
export * from './settings.js';
export * from './token.js';
export * from './audit.js';
export * from './oidc.js';
