/**
 * `candor/core`: the pure core. No DOM, no storage, no clock or randomness unless passed in.
 * @packageDocumentation
 */
export * from './types.js';
export type { ConfigInput, SlotInput, ConsentInput, AskInput, Share } from './config/config-input.js';
export { CONFIG_DEFAULTS } from './config/config-defaults.js';
export { SIGNAL_CATALOG, signalSpec, type SignalSpec } from './signals/signal-catalog.js';
export { SIGNAL_TIERS, signalTier } from './signals/signal-tiers.js';
export { HASH_VERSION, hash, hash32 } from './decide/hash.js';
export {
  decide,
  decideReasonIsCounted,
  sharesKey,
  stickyMismatch,
  toSticky,
  type DecideInput,
} from './decide/decide.js';
export { consentState, tierAllowed } from './consent/consent-state.js';
export { explain } from './explain/explain.js';
export { EXPLAIN_MESSAGES_EN, type ExplainMessages } from './explain/explain-messages.js';
export { evaluateCondition } from './conditions/evaluate-condition.js';
export { conditionSignals } from './conditions/condition-signals.js';
export { validateConfig } from './config/validate-config.js';
export { formatConfigError } from './config/format-config-error.js';
export { CONFIG_ERROR_CODES, type ConfigErrorCode } from './config/config-error-codes.js';
