/**
 * `candor`: the npm module for single-page apps. Importing it touches no browser global.
 * @packageDocumentation
 */
export { createCandor } from './instance/create-candor.js';
export type { Candor, CandorOptions, CandorEventMap } from './instance/candor-api.js';
export * from './core/index.js';
