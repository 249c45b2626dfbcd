/**
 * `candor`: the npm module for single-page apps. Importing it touches no browser global.
 *
 * One function, {@link createCandor}, and the types a site needs around it. The pure core (validation, decisions,
 * explanations without a browser) is `candor/core`; the widget is `candor/widget`; the report is `candor/report`.
 * @packageDocumentation
 */
export { createCandor } from './instance/create-candor.js';
export type { Candor, CandorOptions, CandorEventMap } from './instance/candor-api.js';
export type { ConfigInput, SlotInput, ConsentInput, AskInput, Share } from './core/config/config-input.js';
export type {
  Arm,
  AudienceConfig,
  CandorEvent,
  ChangeConfig,
  Condition,
  ConsentState,
  ConversionEvent,
  Decision,
  ExperienceConfig,
  Explanation,
  ExposureEvent,
  GoalConfig,
  ReasonCode,
  SignalUse,
  Tier,
  TrustEvent,
  TrustKind,
  ValidConfig,
} from './core/types.js';
export type { ExplainMessages } from './core/explain/explain-messages.js';
export { EXPLAIN_MESSAGES_EN } from './core/explain/explain-messages.js';
