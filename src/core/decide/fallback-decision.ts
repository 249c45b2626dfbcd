import { BASELINE, type ConsentState, type Decision, type ReasonCode, type ValidConfig } from '../types.js';
import type { DecideInput } from './decide-input.js';
import { HASH_VERSION } from './hash.js';

/**
 * Whether a decision is a real assignment that is stored, logged as an exposure and analysed: false for QA-forced
 * decisions and for the fallbacks (unknown slot, invalid config, no visitor id).
 * @example if (decideReasonIsCounted(d)) logExposure(d)
 */
export function decideReasonIsCounted(d: Decision): boolean {
  return (
    d.forced !== true &&
    d.reason !== 'forced' &&
    d.reason !== 'unknown-slot' &&
    d.reason !== 'invalid-config' &&
    d.reason !== 'no-visitor-id'
  );
}

/**
 * A decision that shows the standard content and is never counted (arm `control`, propensity 1): what every fallback
 * gives (unknown slot, invalid config, no visitor id). Exported so the edges fall back exactly as `decide` does.
 * @example if (!config) return fallbackDecision('hero', 'invalid-config', null, consent)
 */
export function fallbackDecision(slot: string, reason: ReasonCode, config: ValidConfig | null | undefined, consent: ConsentState): Decision {
  return {
    slot,
    experience: BASELINE,
    arm: 'control',
    counterfactual: BASELINE,
    propensity: 1,
    audience: undefined,
    audiences: [],
    eligible: [],
    reason,
    signals: [],
    configVersion: config?.version ?? '',
    salt: config?.salt ?? '',
    hashVersion: HASH_VERSION,
    decisionId: '',
    sticky: false,
    forced: false,
    consent,
  };
}

/** The fallback decision for an input that may be malformed (read defensively). */
export function uncounted(input: DecideInput, reason: ReasonCode): Decision {
  const given = input as Partial<DecideInput> | null | undefined;
  return fallbackDecision(given?.slot ?? '', reason, given?.config, input.consent);
}
