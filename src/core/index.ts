/**
 * `candor/core`: the pure core. No DOM, no storage, no clock or randomness unless passed in.
 * @packageDocumentation
 */
export * from './types.js';
export { SIGNAL_CATALOG, signalSpec, type SignalSpec } from './signals/signal-catalog.js';
