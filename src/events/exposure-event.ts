import type { Decision, ExposureEvent } from '../core/types.js';

/**
 * The exposure event for a rendered decision. Only ids and numbers are copied: the signal values in
 * `decision.signals` are never included. Under Global Privacy Control / Do Not Track (`decision.consent.gpc`)
 * the event carries no audience ids (`audiences: []`).
 * @param decision the decision that was rendered
 * @param visitorId the anonymous visitor id
 * @param id a fresh event id (`newEventId`)
 * @param now milliseconds since the epoch
 */
export function exposureEvent(decision: Decision, visitorId: string, id: string, now: number): ExposureEvent {
  const { consent } = decision;
  return {
    v: 1,
    type: 'exposure',
    id,
    visitorId,
    ts: Math.round(now),
    decisionId: decision.decisionId,
    slot: decision.slot,
    configVersion: decision.configVersion,
    hashVersion: decision.hashVersion,
    salt: decision.salt,
    arm: decision.arm,
    experience: decision.experience,
    counterfactual: decision.counterfactual,
    propensity: decision.propensity,
    eligible: decision.eligible.slice(),
    audiences: consent.gpc ? [] : decision.audiences.slice(),
    tier: consent.tier,
    gpc: consent.gpc,
  };
}
