/**
 * `candor`: the npm module for single-page apps.
 * @packageDocumentation
 */
export * from './core/index.js';
