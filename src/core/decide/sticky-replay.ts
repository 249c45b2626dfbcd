/**
 * Stickiness: a decision's stored form, and a stored assignment replayed as a later page view's decision while what it
 * names still exists and is allowed.
 */

import { tierAllowed } from '../consent/consent-state.js';
import { BASELINE, type Arm, type Decision, type ExperienceConfig, type ReasonCode, type StickyAssignment, type Tier, type ValidConfig } from '../types.js';
import type { DecideInput } from './decide-input.js';
import { HASH_VERSION } from './hash.js';
import { hasOwn, own } from './own-key.js';
import { sharesKey, stickyMismatch } from './shares.js';
import { signalUses } from './signal-uses.js';

/** The reason each arm gives (targeted: when an audience matched). */
export const STICKY_REASON: Record<Arm, ReasonCode> = {
  holdout: 'global-holdout',
  control: 'slot-control',
  explore: 'explore-pick',
  targeted: 'audience-match',
};

/**
 * The stored form of a decision, which keeps the slot's assignment across page views (see `decide`).
 * @example state.assignments[d.slot] = toSticky(d)
 */
export function toSticky(decision: Decision): StickyAssignment {
  const sticky: StickyAssignment = {
    version: decision.configVersion,
    shares: decision.shares ?? '',
    tier: decision.consent.tier,
    arm: decision.arm,
    experience: decision.experience,
    counterfactual: decision.counterfactual,
    propensity: decision.propensity,
    audiences: decision.audiences.slice(),
    eligible: decision.eligible.slice(),
    decisionId: decision.decisionId,
  };
  if (decision.audience !== undefined) sticky.audience = decision.audience;
  return sticky;
}

/** A stored assignment can be replayed only if what it names still exists and is allowed. */
export function replayable(s: StickyAssignment, config: ValidConfig, experiences: ExperienceConfig[], cap: Tier): boolean {
  if (!hasOwn(STICKY_REASON, s.arm) || typeof s.propensity !== 'number' || typeof s.decisionId !== 'string') return false;
  if (!Array.isArray(s.audiences) || !Array.isArray(s.eligible)) return false;
  if (s.experience !== BASELINE && !experiences.some((e) => e.id === s.experience)) return false;
  if (s.audience === undefined) return true;
  const a = own(config.audiences, s.audience);
  return !!a && tierAllowed(a.tier, cap);
}

/** A stored assignment as this page view's decision (kept: `sticky: true`). */
export function replay(input: DecideInput, sticky: StickyAssignment, shares: string): Decision {
  const { config, slot, signals, consent } = input;
  const audience = sticky.arm === 'targeted' && sticky.audience !== undefined ? sticky.audience : undefined;
  return {
    slot,
    experience: sticky.experience,
    arm: sticky.arm,
    counterfactual: sticky.counterfactual,
    propensity: sticky.propensity,
    audience,
    audiences: sticky.audiences.slice(),
    eligible: sticky.eligible.slice(),
    reason: sticky.arm === 'targeted' && audience === undefined ? 'no-audience-match' : STICKY_REASON[sticky.arm],
    signals: audience === undefined ? [] : signalUses(own(config.audiences, audience), signals),
    configVersion: config.version,
    salt: config.salt,
    hashVersion: HASH_VERSION,
    decisionId: sticky.decisionId,
    sticky: true,
    shares,
    forced: false,
    consent,
  };
}

/**
 * A stored assignment as it stands, without deciding anything again: what an earlier page view decided and showed,
 * for logging its exposure late. Undefined when it no longer applies (another version, shares or tier, or what it
 * names is gone).
 * @example const d = storedDecision({ config, slot, visitorId, signals, consent }, state.assignments.hero)
 */
export function storedDecision(input: DecideInput, sticky: StickyAssignment): Decision | undefined {
  try {
    const slotConfig = own(input.config.slots, input.slot);
    if (!slotConfig || stickyMismatch(input.config, input.slot, sticky, input.consent) !== null) return undefined;
    if (!replayable(sticky, input.config, slotConfig.experiences, input.consent.tier)) return undefined;
    return replay(input, sticky, sharesKey(input.config, input.slot));
  } catch {
    return undefined;
  }
}
